"""One generic test runs every rule's bad and good examples (textlint-tester style);
a meta-test fails when a rule has no examples or no `why`."""

import pytest

from replylint.engine import Exchange
from replylint.packs import load_rules

RULES = load_rules().rules


def _cases(kind):
    for rule in RULES:
        for i, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule, example, id=f"{rule.id}-{kind}{i}")


def _flagged(engine, rule, example) -> list[tuple[str, tuple[str, ...]]]:
    """(text, suggestions) of what the rule finds in the example: findings, or
    for a register evidence rule the evidence it adds to the message's profile."""
    if rule.extends == "rewrite":  # a construction rewrite: the phrases it rewrites, not findings
        return engine.linter(rule.lang).construction_rewrites(rule.id, example.text)
    if rule.evidence is not None:
        profile = engine.profile(example.text)
        return [(e.text, e.suggestions) for e in profile.evidence if e.rule_id == rule.id] if profile else []
    exchange = Exchange(example.text, (example.customer,) if example.customer else ())
    return [(f.text, f.suggestions) for f in engine.lint(exchange) if f.rule_id == rule.id]


@pytest.mark.parametrize("rule,example", list(_cases("bad")))
def test_bad_example_is_flagged_at_its_span(engine, rule, example):
    flagged = _flagged(engine, rule, example)
    spans = [text for text, _ in flagged]
    assert example.span in spans, f"{rule.id} should flag {example.span!r} in {example.text!r}; flagged {spans}"
    if example.suggest is not None:
        suggestions = next(s for text, s in flagged if text == example.span)
        assert suggestions and suggestions[0] == example.suggest, suggestions


@pytest.mark.parametrize("rule,example", list(_cases("good")))
def test_good_example_is_not_flagged(engine, rule, example):
    flagged = [text for text, _ in _flagged(engine, rule, example)]
    assert not flagged, f"{rule.id} should not flag {example.text!r}; flagged {flagged}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_is_documented_with_examples(rule):
    assert rule.bad, f"{rule.id} ({rule.location}) has no bad examples"
    assert rule.good, f"{rule.id} ({rule.location}) has no good examples"
    assert rule.why.strip(), f"{rule.id} has no why"
    assert rule.message.strip()


def test_every_language_has_a_blame_pack():
    langs = {r.lang for r in RULES if r.category == "blame"}
    assert langs == {"ru", "en"}
