"""Regression guards on ../shared (labeled dev corpus and real public text).
They skip cleanly where ../shared is absent, as on a user's clone."""

import csv
import json

import pytest

from replylint.engine import Exchange
from replylint.evaluation import evaluate, load_cases

from .conftest import SHARED

EVAL_DEV = SHARED / "eval" / "dev"
RUTUBE = SHARED / "realdata" / "rutube_support_qna_ru" / "cases.tsv"
TWITTER = SHARED / "realdata" / "twitter_customer_care_ibm_en" / "dev.json"


@pytest.mark.skipif(not EVAL_DEV.is_dir(), reason="../shared/eval/dev not present")
def test_blame_on_the_dev_corpus_stays_above_its_floor(engine):
    report = evaluate(load_cases([EVAL_DEV]), engine).to_dict()
    for lang in ("ru", "en"):
        blame = report["by_language"][lang]["blame"]
        # floors well under today's figures: a drop means a rule broke
        assert blame["precision"] >= 0.85, (lang, blame)
        assert blame["recall"] >= 0.7, (lang, blame)


def _rutube_answers():
    csv.field_size_limit(10**8)
    with RUTUBE.open(encoding="utf-8", newline="") as handle:
        return [row["Ответ сотрудника"] for row in csv.DictReader(handle, delimiter="\t") if row["Ответ сотрудника"].strip()]


def _twitter_agent_turns():
    conversations = json.loads(TWITTER.read_text(encoding="utf-8"))
    turns = [turn["message"] for conv in conversations for turn in conv["dialogContent"] if "agent" in turn]
    return turns + [conv["agentURL"]["url_utterance"] for conv in conversations]


@pytest.mark.skipif(not RUTUBE.is_file(), reason="../shared RUTUBE data not present")
def test_real_polite_russian_support_answers_are_rarely_flagged(engine):
    answers = _rutube_answers()
    flagged = [a for a in answers if any(f.category == "blame" for f in engine.lint(Exchange(a)))]
    assert len(answers) > 300
    assert len(flagged) <= 0.02 * len(answers), flagged[:5]


@pytest.mark.skipif(not TWITTER.is_file(), reason="../shared Twitter customer care data not present")
def test_real_english_agent_replies_are_rarely_flagged(engine):
    turns = _twitter_agent_turns()
    flagged = [t for t in turns if any(f.category == "blame" for f in engine.lint(Exchange(t)))]
    assert len(turns) > 300
    assert len(flagged) <= 0.02 * len(turns), flagged[:5]
