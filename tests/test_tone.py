"""The trained tone scorer (`extends: tone`, replylint.train): pack errors, the
weight table against the spaCy model it was read from, and training input errors."""

import json

import pytest

from replylint import train
from replylint.engine import Exchange

from .test_packs_loading import line_of, problems_of, rule, write_pack


def test_a_tone_rule_without_a_model_or_with_a_bad_threshold_is_a_pack_error(tmp_path):
    path = write_pack(tmp_path, rule("extends: tone\nmodel: nosuch\nthreshold: 0.9\n")
                      + rule("extends: tone\nmodel: blame\nthreshold: 1.5\n", rule_id="en.blame.y"))
    problems = {(p.line, p.message.split(" (")[0]) for p in problems_of(tmp_path)}
    assert (line_of(path, "nosuch"), "no trained model 'nosuch' for en") in problems
    assert (line_of(path, "1.5"), "`threshold` is a score between 0 and 1, got 1.5") in problems


def test_the_weight_table_scores_exactly_as_the_spacy_model(monkeypatch, tmp_path):
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example

    from replylint.nlp import blank

    lines = [("you should have read the manual first", True), ("the checksum of the file is wrong", False),
             ("obviously you clicked the wrong button again", True), ("please restart the app and try again", False),
             ("as I already told you twice, it is in the FAQ", True), ("our status page missed the outage", False)]
    spacy.util.fix_random_seed(1)
    nlp = blank("en")
    textcat = nlp.add_pipe("textcat", config=train.TEXTCAT_CONFIG)
    for label in train.TEXTCAT_LABELS:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(t), {"cats": {"BLAME": float(p), "NEUTRAL": float(not p)}})
                for t, p in lines]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(5):
        nlp.update(examples, sgd=optimizer)
    table = train.linear_weights(nlp, textcat, [t for t, _ in lines])
    scorer = train.LinearScorer(table["bias"], table["weights"])
    positive = list(textcat.labels).index("BLAME")
    for text in [t for t, _ in lines] + ["you clicked the manual", "restart the wrong app"]:
        words = [t.text for t in nlp.make_doc(text)]
        expected = float(textcat.predict([Doc(nlp.vocab, words=words)])[0][positive])
        assert scorer.score(words) == pytest.approx(expected, abs=2e-3), text
        # the rule reads token hashes instead of strings: the same score
        orths = [t.orth for t in nlp.make_doc(text)]
        assert scorer.by_hash(nlp.vocab.strings).score(orths) == pytest.approx(scorer.score(words), abs=1e-12)


def test_a_malformed_training_line_stops_training_at_its_line(monkeypatch, tmp_path):
    (tmp_path / "blame_en_x.jsonl").write_text(
        json.dumps({"text": "ok", "label": "neutral"}) + "\n{not json\n", encoding="utf-8")
    monkeypatch.setattr(train, "TRAINING", tmp_path)
    with pytest.raises(SystemExit, match=r"blame_en_x\.jsonl:2: not a training line"):
        train.read_lines("blame", "en")
    (tmp_path / "blame_en_x.jsonl").write_text(json.dumps({"text": "ok", "label": "rude"}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"blame_en_x\.jsonl:1: label must be one of blame, neutral"):
        train.read_lines("blame", "en")


def test_short_sentences_and_polite_replies_are_not_flagged(engine):
    reply = "Hi Anna!\n\nThe invoice shows the wrong amount; we've corrected it and sent a new one.\n\nBest,\nSam"
    assert [f.rule_id for f in engine.lint(Exchange(reply))] == []
    reply = "Здравствуйте!\n\nВ счёте была указана неверная сумма, мы её исправили.\n\nС уважением,\nАнна"
    assert [f.rule_id for f in engine.lint(Exchange(reply))] == []


def test_the_tone_finding_has_no_suggestion(engine):
    (finding,) = [f for f in engine.lint(Exchange("Everyone else seems to manage this on their own, so you will too."))
                  if f.rule_id == "en.blame.tone"]
    assert finding.suggestions == ()


@pytest.mark.parametrize("quoted,unquoted", [
    ("Вы пишете «я, наверное, сам всё сломал» — нет, с настройками всё в порядке.",
     "Вы, наверное, сами всё сломали, с настройками всё в порядке."),
    ("You wrote \"I probably broke it myself, I'm an idiot\" — no, your settings are fine.",
     "You probably broke it yourself, honestly, your settings are fine."),
])
def test_the_customers_words_quoted_back_do_not_count_for_the_tone(engine, quoted, unquoted):
    def tone(text):
        return [f for f in engine.lint(Exchange(text)) if f.rule_id.endswith("blame.tone")]

    assert not tone(quoted)
    assert tone(unquoted)
