"""The project's own labeled cases (tests/fixtures/heldout), written apart
from the rules: a regression guard that needs no ../shared."""

from pathlib import Path

import pytest

from replylint.evaluation import evaluate, load_cases

HELDOUT = sorted((Path(__file__).parent / "fixtures" / "heldout").glob("*.yaml"))


@pytest.mark.parametrize("path", HELDOUT, ids=[p.stem for p in HELDOUT])
def test_blame_on_heldout_cases_stays_above_its_floor(engine, path):
    report = evaluate(load_cases([path]), engine).to_dict()
    blame = report["by_category"]["blame"]
    assert blame["precision"] >= 0.9, blame
    assert blame["recall"] >= 0.85, blame


def test_heldout_fixtures_exist():
    assert HELDOUT, "tests/fixtures/heldout has no case files"
