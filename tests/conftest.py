from pathlib import Path

import pytest

from replylint.engine import Engine
from replylint.packs import load_rules

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def ruleset():
    return load_rules()


@pytest.fixture(scope="session")
def engine(ruleset):
    return Engine(ruleset)
