"""The trained tone scorer (`extends: tone`, replylint.train): pack errors, the
weight table against the spaCy model it was read from, and training input errors."""

import json

import pytest

from replylint import train
from replylint.engine import Exchange
from replylint.ruletypes.base import Match

from .test_packs_loading import line_of, problems_of, rule, write_pack


def test_a_tone_rule_without_a_model_or_with_a_bad_threshold_is_a_pack_error(tmp_path):
    path = write_pack(tmp_path, rule("extends: tone\nmodel: nosuch\nthreshold: 0.9\n")
                      + rule("extends: tone\nmodel: blame\nthreshold: 1.5\n", rule_id="en.blame.y"))
    problems = {(p.line, p.message.split(" (")[0]) for p in problems_of(tmp_path)}
    assert (line_of(path, "nosuch"), "no trained model 'nosuch' for en") in problems
    assert (line_of(path, "1.5"), "`threshold` is a score between 0 and 1, got 1.5") in problems


def test_a_bad_long_sentence_setting_is_a_pack_error_at_its_line(tmp_path):
    path = write_pack(tmp_path, rule("extends: tone\nmodel: blame\nthreshold: 0.9\nlong_sentence: {words: 20, pace: 1}\n"))
    problems = {(p.line, p.message) for p in problems_of(tmp_path)}
    assert (line_of(path, "long_sentence"), "`long_sentence` is {words: N, penalty: log-odds per word beyond N}") in problems


def test_a_long_neutral_sentence_pays_the_long_sentence_penalty(engine, monkeypatch):
    # a 28-word refusal with its reason (ru43b-clean-002) whose ordinary words («только», «а у Вас») sum past the
    # threshold without the penalty; a short blaming sentence is flagged either way. (The safety instruction this test
    # first used, «…нельзя ни в коем случае, даже на пару сантиметров…», no longer needs the penalty: «, даже …» of a
    # rule's reach is not tone since tune56-ru.)
    tone = next(r for r in engine.linter("ru").rules if r.spec.id == "ru.blame.tone").matcher
    long = ("К сожалению, вывеску на крыше согласовать не сможем: в историческом квартале, где находится Ваше кафе, "
            "дизайн-код разрешает крышные конструкции только на зданиях от пяти этажей, а у Вас здание двухэтажное.")
    short = "Вы, как всегда, ничего не читаете."

    def flagged(text):
        engine.linter("ru").forget_docs()
        return any(f.rule_id == "ru.blame.tone" for f in engine.lint(Exchange(text, ())))

    assert not flagged(long) and flagged(short)
    monkeypatch.setattr(tone, "_long_penalty", 0.0)
    assert flagged(long) and flagged(short)


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
    ("Вы пишете «наверное, я сам всё сломал» — нет, с настройками всё в порядке.",
     "Наверное, Вы сами всё сломали. С настройками всё в порядке."),
    ("You wrote \"I probably broke it myself, I'm an idiot\" — no, your settings are fine.",
     "You probably broke it yourself, honestly, your settings are fine."),
])
def test_the_customers_words_quoted_back_do_not_count_for_the_tone(engine, quoted, unquoted):
    def tone(text):
        return [f for f in engine.lint(Exchange(text)) if f.rule_id.endswith("blame.tone")]

    assert not tone(quoted)
    assert tone(unquoted)


def test_a_tone_rewrite_with_an_unknown_key_or_a_bad_value_is_a_pack_error_at_its_line(tmp_path):
    path = write_pack(tmp_path, rule("extends: tone\nmodel: blame\nthreshold: 0.9\nrewrite:\n  clause_mark: [x]\n"
                                     "  neutral_below: 0.95\n  protect: '[0-9'\n"))
    problems = {(p.line, p.message.split(" (")[0]) for p in problems_of(tmp_path)}
    assert (line_of(path, "clause_mark"), "unknown key 'clause_mark' in `rewrite`") in problems
    assert (line_of(path, "0.95"), "`rewrite.neutral_below` is a score between 0 and the threshold, got 0.95") \
        in problems
    assert any(line == line_of(path, "protect:") and "not a regular expression" in m for line, m in problems)


def _removal(**settings):
    from replylint.ruletypes.tone import ClauseRemoval, ClauseRemovalSettings

    defaults = dict(clause_marks=frozenset({"—", ";"}), protect_capitalised=True, capitalised_except=frozenset({"i"}),
                    fragment_starts=frozenset({"because"}), copula_words=frozenset({"that"}))
    return ClauseRemoval(ClauseRemovalSettings(**{**defaults, **settings}))


def _rewrite(text: str, blame: set[str], removal=None, before: str = "Hi there.", after: str = "Thanks.",
             opening=None):
    """The clause removal of the middle sentence, with a model that gives each
    word of `blame` +3 log-odds and every other word -0.1 (bias -1)."""
    from replylint.nlp import blank

    doc = blank("en").make_doc(f"{before} {text} {after}")
    start = len(blank("en").make_doc(before + " "))
    span = doc[start : start + len(blank("en").make_doc(text))]
    words = [3.0 if t.lower_ in blame else -0.1 for t in span]
    return (removal or _removal()).rewrite(span, -1.0, words, [0.0] * len(words), set(), span.start,
                                           opening=opening and (lambda i: opening(span[i].text)))


def test_the_tone_rewrite_removes_the_smallest_clause_that_carries_the_tone():
    # the part before a colon or a dash goes, and the rest starts with a capital
    assert _rewrite("honestly anyone could see it: the button is at the top.", {"honestly", "anyone"}) \
        == "The button is at the top."
    assert _rewrite("The button is at the top — anyone could see it.", {"anyone"}) == "The button is at the top."
    # the first comma clause, not a longer one
    assert _rewrite("Honestly, the button is at the top of the page, as shown.", {"honestly"}) \
        == "The button is at the top of the page, as shown."


def test_the_tone_rewrite_may_cut_from_an_earlier_comma_but_leaves_nothing_open():
    # the blame runs over the last two comma clauses: both go, from the earlier comma
    assert _rewrite("The size was chosen at checkout, so the mistake is yours, not the shop's.", {"mistake", "yours"}) \
        == "The size was chosen at checkout."
    # what is kept may not end on a word that needs its continuation ("Thanks for the one.")
    removal = _removal(open_ends=frozenset({"which"}))
    assert _rewrite("The form has a deadline which, honestly, anyone could meet.", {"honestly", "anyone"},
                    removal=removal) is None


def test_the_tone_rewrite_keeps_technical_content_and_what_a_clause_needs():
    # a clause with a number or a capitalised name is never removed, nor the sentence holding it
    assert _rewrite("Sure, port 8080 is closed by you.", {"sure", "you"}) is None
    assert _rewrite("Surely Settings is easy to find.", {"surely", "easy"}) is None
    # what follows a lead-in colon is the content: it stays («A word of advice: …»)
    assert _rewrite("A word of advice: you never read anything.", {"never", "anything"}) is None
    # a dash before "that's" links the two sides: neither stands alone
    assert _rewrite("You ignored every warning — that's the reason.", {"ignored"}) == ""
    # a rest that starts like a dependent clause is no sentence
    assert _rewrite("You broke it, because the sync was paused.", {"broke"}) is None


def test_what_is_left_after_a_lead_in_is_scored_as_it_will_read_capitalised():
    # the model reads word forms as written: "the" opening the rest is scored as "The"
    text = "honestly anyone could see it: the button is at the top."
    blame = {"honestly", "anyone"}
    assert _rewrite(text, blame, opening=lambda word: 0.0) == "The button is at the top."
    assert _rewrite(text, blame, opening=lambda word: 5.0 if word == "the" else 0.0) is None


def test_a_lead_in_may_go_through_a_comma_and_the_contrast_word_that_answers_it():
    removal = _removal(contrast_words=frozenset({"but"}), fragment_starts=frozenset({"but"}))
    assert _rewrite("Shocking, I know, but the phone must be switched on.", {"shocking", "know"}, removal=removal) \
        == "The phone must be switched on."
    # a clause before the contrast that reads neutral on its own is content: it stays
    assert _rewrite("Sadly, a refund is not possible here, but a voucher is.", {"sadly"}, removal=removal) \
        != "A voucher is."
    # not in a sentence with a lead-in mark: the lead-in is the removal there
    assert _rewrite("Shocking, I know, but here goes: the phone must be on.", {"shocking", "know"}, removal=removal) \
        == "The phone must be on."


def test_a_removal_after_a_comma_and_a_dash_leaves_no_orphan_comma():
    assert _rewrite("The entrance number was wrong in the order, — honestly your fault.", {"honestly", "fault"}) \
        == "The entrance number was wrong in the order."


def test_a_removal_after_an_abbreviation_leaves_one_full_stop():
    assert _rewrite("The order was sent to J. R., — honestly your fault.", {"honestly", "fault"}) \
        == "The order was sent to J. R."


def test_a_match_of_an_unprotected_rule_is_no_content_to_keep():
    from replylint.nlp import blank

    text = "The other 240 students managed just fine."
    doc = blank("en").make_doc(f"Hi there. {text} Thanks.")
    span = doc[3 : 3 + len(blank("en").make_doc(text))]
    words = [3.0 if t.lower_ in {"other", "managed", "just", "fine"} else -0.1 for t in span]
    must = (1, 7)  # "other 240 students managed just fine"
    removal = _removal()
    assert removal.rewrite(span, -1.0, words, [0.0] * len(words), set(), span.start, must) is None  # 240 is kept
    assert removal.rewrite(span, -1.0, words, [0.0] * len(words), set(), span.start, must, free=True) == ""


def test_technical_content_named_elsewhere_in_the_message_is_not_lost():
    blame = {"sure", "just", "itself"}
    assert _rewrite("Sure, port 8080 just closed itself.", blame) is None
    assert _rewrite("Sure, port 8080 just closed itself.", blame, after="Open port 8080 again.") == ""


def test_the_tone_rewrite_drops_a_sentence_only_when_every_clause_blames():
    assert _rewrite("Sure, it just broke all by itself.", {"sure", "just", "itself"}) == ""
    # one clause reads as neutral: that is content, nothing is proposed
    assert _rewrite("Sure, it just broke, the router needs a factory reset.", {"sure", "just", "broke"}) is None
    # a reply of this one sentence needs writing anew, not removing
    assert _rewrite("Sure, it just broke all by itself.", {"sure", "just", "itself"}, before="", after="") is None


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_shipped_hashed_table_is_the_json_table(lang):
    """The rule loads weights.npz (hashes, no parsing); it must hold exactly the
    readable weights.json that training wrote beside it."""
    import spacy

    from replylint.ruletypes.tone import HASHED, MODELS, WEIGHTS, HashedScorer, LinearScorer

    folder = MODELS / f"blame_{lang}"
    expected = LinearScorer.load(folder / WEIGHTS).by_hash(spacy.blank(lang).vocab.strings)
    loaded = HashedScorer.load(folder / HASHED)
    assert (loaded.bias, loaded.weights, loaded.pairs) == (expected.bias, expected.weights, expected.pairs)
    # scoring searches the pair arrays (`pairs` builds the whole dict: 0.1 s a call)
    some = list(expected.pairs.items())[::997]
    assert [loaded.contributions([a, b])[1][0] for (a, b), _ in some] == [w for _, w in some]
    assert loaded.contributions([1, 2])[1] == [0.0]


def test_droppable_tone_words_go_only_where_no_removal_alone_is_neutral(engine):
    import re

    from replylint.ruletypes.tone import ClauseRemoval, ClauseRemovalSettings

    removal = ClauseRemoval(ClauseRemovalSettings(clause_marks=frozenset({"—"}), min_words=2,
                                                  droppable=frozenset({"почему-то"}),
                                                  droppable_edges=re.compile(r"^\)$")))
    tokens = list(engine.linter("ru").doc("Вы почему-то не нажали кнопку, вот и всё )"))
    # a word next to a comma stays (which comma would go with it is syntax); edges go
    assert removal._droppable(tokens, len(tokens), [False] * len(tokens)) == frozenset({1, 2, 3, len(tokens) - 1})
    assert removal._join(tokens, 0, 0, frozenset({1, 2, 3})) == "Вы не нажали кнопку, вот и всё )"


def test_droppable_openers_connectors_and_question_tags(engine):
    import re

    from replylint.ruletypes.tone import ClauseRemoval, ClauseRemovalSettings

    removal = ClauseRemoval(ClauseRemovalSettings(clause_marks=frozenset({"—"}), min_words=2,
                                                  droppable_openers=frozenset({"again", "to recap"}),
                                                  connectors=frozenset({"so"}), back_references=frozenset({"that"}),
                                                  question_tag=re.compile(r"^is n't it$")))
    tokens = list(engine.linter("en").doc("Again, to recap, the router needs a reset, not a restart."))
    # openers go only at the start, one after another, each with its comma
    dropped = removal._droppable(tokens, len(tokens) - 1, [False] * len(tokens))
    assert dropped == frozenset(range(5))
    assert removal._join(tokens, 0, 0, dropped) == "The router needs a reset, not a restart."
    tokens = list(engine.linter("en").doc("Everyone else managed it, so the kit is fine."))
    cuts = [i for i, t in enumerate(tokens) if t.text == ","]
    assert (0, 6) in removal._removals(tokens, cuts, len(tokens) - 1)  # the prefix with its "so"
    assert removal._join(tokens, 0, 6) == "The kit is fine."
    tokens = list(engine.linter("en").doc("Everyone else managed it, so that is why."))
    assert (0, 6) not in removal._removals(tokens, cuts, len(tokens) - 1)  # "That is why." points back
    tokens = list(engine.linter("en").doc("That was what the warning was for, isn't it?"))
    cuts = [i for i, t in enumerate(tokens) if t.text == ","]
    assert removal._removals(tokens, cuts, len(tokens) - 1) == [(0, cuts[0] + 1)]  # not the tag alone


def test_a_need_before_a_number_and_haste_without_the_addressee_are_no_tone(engine):
    """`not_tone` before "#number" («нужно 6 атмосфер»: a quantity, not a duty) and with `not_with`
    (the «же» of haste after an ordinal is no tone unless the addressee is in the sentence)."""
    linter = engine.linter("ru")
    (tone,) = [rule.matcher for rule in linter.rules if rule.spec.id == "ru.blame.tone"]

    def quiet(text):
        doc = linter.annotate(linter.doc(text))
        return {doc[i].text for i in tone._find_not_tone_tokens(doc)}

    assert "нужно" in quiet("Давление низкое: нужно 6 атмосфер.")
    assert "нужно" not in quiet("Нужно было прочитать инструкцию.")
    assert "же" in quiet("Давление низкое. Иначе на первой же ямке камера лопнет.")
    assert "же" not in quiet("Давление низкое. Вы сломали ручку в первые же дни.")


def test_swear_words_and_interjections_may_go_with_the_right_comma(engine):
    import re

    from replylint.ruletypes.tone import ClauseRemoval, ClauseRemovalSettings

    removal = ClauseRemoval(ClauseRemovalSettings(clause_marks=frozenset({"—"}), min_words=2,
                                                  droppable_attributive=re.compile(r"(сран|чёртов)[а-яё]{0,3}"),
                                                  droppable_interjections=re.compile(r"бля|блин")))
    tokens = list(engine.linter("ru").doc("Пришлите, блин, этот чёртов отчёт ещё раз, бля"))
    dropped = removal._droppable(tokens, len(tokens), [False] * len(tokens))
    # an interjection goes with the comma after it, or, ending the sentence, with the one before it
    assert removal._join(tokens, 0, 0, dropped) == "Пришлите, этот отчёт ещё раз"
    # an attributive swear word before a comma is a predicate there: it stays
    tokens = list(engine.linter("ru").doc("Этот отчёт сраный, пришлите другой."))
    assert removal._droppable(tokens, len(tokens) - 1, [False] * len(tokens)) == frozenset()


def test_a_counterfactual_hindsight_keeps_condition_and_consequence_together(engine):
    linter = engine.linter("ru")
    (tone,) = [rule.matcher for rule in linter.rules if rule.spec.id == "ru.blame.tone"]
    removal = tone._rewrite
    doc = linter.annotate(linter.doc("Отправили бы заявку пораньше, с запасом, — получили бы ответ в срок."))
    tokens = list(doc)
    end = len(tokens) - 1
    cuts = [i for i, t in enumerate(tokens) if t.text in (",", "—")]
    # every clause belongs to the counterfactual: a verbless one and the consequence
    assert all(removal._hindsight(tokens, cuts, end)[0][:end])
    # no removal takes the condition and leaves the consequence («С запасом, — получили бы…»)
    assert tone._sentence_rewrite(doc, 0, len(doc)) in (None, "")
    # «хотя бы» is no counterfactual, and a clause with a verb of its own stands apart
    doc = linter.annotate(linter.doc("Было бы удобно, если бы склад работал ночью, но сейчас он закрывается в 20:00, "
                                     "так что оформляйте заказ хотя бы за день."))
    tokens = list(doc)
    cuts = [i for i, t in enumerate(tokens) if t.text == ","]
    marks = removal._hindsight(tokens, cuts, len(tokens) - 1)[0]
    assert marks is not None and not marks[[t.text for t in tokens].index("сейчас")]


def test_an_aside_set_off_by_commas_goes_with_its_commas(engine):
    from replylint.ruletypes.tone import ClauseRemoval, ClauseRemovalSettings

    removal = ClauseRemoval(ClauseRemovalSettings(
        clause_marks=frozenset({"—"}), min_words=2, droppable_asides=frozenset({"между прочим", "кстати", "впрочем"}),
        subordinators=frozenset({"что", "которую"}), fragment_starts=frozenset({"что"})))

    def dropped(text):
        tokens = list(engine.linter("ru").doc(text))
        end = len(tokens) - 1
        return removal._join(tokens, 0, 0, removal._droppable(tokens, end, [False] * len(tokens)))

    # mid-sentence both commas go; ending it, the comma before it; opening it, it stays (the first comma clause
    # is a removal of its own, and gone here it would let the prefix run on to the next cut)
    assert dropped("Всё это, между прочим, прописано в оферте.") == "Всё это прописано в оферте."
    assert dropped("Всё это прописано в оферте, кстати.") == "Всё это прописано в оферте."
    assert dropped("Кстати, всё это прописано в оферте.") == "Кстати, всё это прописано в оферте."
    # the comma after it stays where it closes a subordinate clause or a clause of its own follows it
    assert dropped("Памятку, которую мы выдали, кстати, стоит открыть.") == "Памятку, которую мы выдали, стоит открыть."
    assert dropped("Подозреваю, впрочем, что челнок ни при чём.") == "Подозреваю, что челнок ни при чём."
    # not a word that is no aside there: the same word as part of the clause («кстати пришлось» has no commas)
    assert dropped("Это пришлось кстати.") == "Это пришлось кстати."


def test_an_aside_gone_mid_sentence_opens_no_removal_of_the_clause_before_it(engine):
    """Only an opener gone lets the prefix run through the next cut («Хотя, честно скажу, …, причём …» keeps
    its first clauses: the aside's commas are not where the sentence may be cut)."""
    linter = engine.linter("ru")
    (tone,) = [rule.matcher for rule in linter.rules if rule.spec.id == "ru.blame.tone"]
    doc = linter.doc("Покраска возможна. Хотя, честно скажу, золотые завитушки на даче — это уже вопрос вкуса, "
                     "причём не самого удачного. Замерщик приедет.")
    linter.split_sentences(doc)
    linter.annotate(doc)
    start = [t.text for t in doc].index("Хотя")
    end = [t.text for t in doc].index("Замерщик")
    found = tone._sentence_rewrite(doc, start, end)
    assert found is None or not found.startswith("Причём")


def test_a_last_clause_that_blames_may_go_when_the_rest_is_under_the_threshold():
    """`suffix_rest_below_threshold`: after a strong mark or a comma and a clause opener, a last clause that reads
    as blame alone goes, where the rest is under the flagging threshold, though not under `neutral_below`."""
    from replylint.ruletypes.tone import ClauseRemoval, ClauseRemovalSettings

    def removal(**extra):
        settings = dict(clause_marks=frozenset({"—"}), suffix_rest_below_threshold=True,
                        suffix_openers=frozenset({"and"}), consequence_words=frozenset({"would"}))
        return ClauseRemoval(ClauseRemovalSettings(**{**settings, **extra}), flag_odds=1.7)

    # "patch" weighs 1.7 (bias -1): the rest scores about 0.2, over neutral (0) and under the threshold (1.7)
    def rewrite(text, blame, r):
        from replylint.nlp import blank

        doc = blank("en").make_doc(f"Hi there. {text} Thanks.")
        span = doc[3 : 3 + len(blank("en").make_doc(text))]
        words = [3.0 if t.lower_ in blame else 1.7 if t.lower_ == "patch" else -0.1 for t in span]
        return r.rewrite(span, -1.0, words, [0.0] * len(words), set(), span.start)

    text = "Thousands installed the patch 1.7, and nobody else ever complained about it."
    assert rewrite(text, {"nobody", "complained"}, removal()) == "Thousands installed the patch 1.7."
    assert rewrite(text, {"nobody", "complained"}, removal(suffix_rest_below_threshold=False)) is None
    # where every clause reads as blame and nothing protected would be lost, the sentence goes whole instead
    text = "Thousands installed the patch, and nobody else ever complained about it."
    assert rewrite(text, {"nobody", "complained"}, removal()) == ""
    # not a phrase of the clause before it ("…, frankly, …"), nor a consequence whose condition would stay
    assert rewrite("Thousands installed the patch 1.7, frankly nobody else complained.", {"nobody", "complained"},
                   removal()) is None
    assert rewrite("You installed the patch 1.7 — nobody else would complain about it.", {"nobody", "complain"},
                   removal()) is None
    assert rewrite("You installed the patch 1.7 — nobody else complained about it.", {"nobody", "complained"},
                   removal()) == "You installed the patch 1.7."


def test_a_clause_opened_after_a_comma_may_go_past_a_dash_unless_a_clause_of_it_is_content():
    """`suffix_openers`: a suffix from a comma and a clause opener with a dash inside it is a candidate too
    ("…, and the only complaint — yours"), refused where a clause of it reads neutral on its own."""
    from replylint.nlp import blank
    from replylint.ruletypes.tone import ClauseRemoval, ClauseRemovalSettings

    removal = ClauseRemoval(ClauseRemovalSettings(clause_marks=frozenset({"—"}), suffix_openers=frozenset({"and"})))

    def rewrite(text, blame):
        doc = blank("en").make_doc(f"Hi there. {text} Thanks.")
        span = doc[3 : 3 + len(blank("en").make_doc(text))]
        words = [3.0 if t.lower_ in blame else -0.1 for t in span]
        return removal.rewrite(span, -1.0, words, [0.0] * len(words), set(), span.start)

    assert rewrite("Over 400 people bought the chain, and sadly the only complaint — yours.", {"sadly", "yours"}) \
        == "Over 400 people bought the chain."
    assert rewrite("Over 400 people bought the chain, and the new links ship today — yours.", {"yours"}) \
        == "Over 400 people bought the chain, and the new links ship today."


def test_a_subject_that_opens_the_sentence_once_an_aside_goes_keeps_its_predicate(engine):
    """The dash after an infinitive subject is no cut (`copula_subject`), also where the subject opens the
    sentence only once an aside before it is left out: no «Отдать пароль от подписи.» with no predicate."""
    linter = engine.linter("ru")
    (tone,) = [rule.matcher for rule in linter.rules if rule.spec.id == "ru.blame.tone"]
    text = "Честно говоря, отдать чужому человеку пароль от собственной подписи — решение, мягко говоря, легкомысленное."
    doc = linter.doc(f"Журнал можно выгрузить. {text} Смените пароль.")
    linter.split_sentences(doc)
    linter.annotate(doc)
    words = [t.text for t in doc]
    found = tone._sentence_rewrite(doc, words.index("Честно"), words.index("Смените"))
    assert found != "Отдать чужому человеку пароль от собственной подписи."


def test_a_sentence_that_blames_in_every_clause_goes_whole_rather_than_lose_only_its_aside(engine):
    """A rewrite that needs an aside left out is taken only where the sentence may not go whole: «Договор для того
    и подписывают.» still lectures; where a clause is content, the aside goes with its commas."""
    linter = engine.linter("ru")
    (tone,) = [rule.matcher for rule in linter.rules if rule.spec.id == "ru.blame.tone"]

    def rewrite(text):
        doc = linter.doc(f"Условие прописано в договоре. {text} Оспорить начисление можно.")
        linter.split_sentences(doc)
        linter.annotate(doc)
        words = [t.text for t in doc]
        return tone._sentence_rewrite(doc, words.index(text.split()[0].strip(",")), words.index("Оспорить"))

    assert rewrite("Договор, между прочим, для того и подписывают, чтобы его читать.") == ""
    assert rewrite("Всё это, между прочим, прописано в п. 4.2 оферты, которую Вы принимаете при каждом заказе.") \
        == "Всё это прописано в п. 4.2 оферты."


def test_a_rest_that_keeps_a_word_of_tone_is_not_taken_under_the_threshold(engine):
    """`suffix_rest_below_threshold` keeps no rest holding a `droppable` word: «С другой стороны, сраного модератора
    никто не звал.» would keep the verdict and lose what followed it."""
    linter = engine.linter("ru")
    (tone,) = [rule.matcher for rule in linter.rules if rule.spec.id == "ru.blame.tone"]
    doc = linter.doc("С другой стороны, сраного модератора никто не звал, а чертову картинку раз, и удалили.")
    linter.split_sentences(doc)
    linter.annotate(doc)
    assert tone._sentence_rewrite(doc, 0, len(doc)) != "С другой стороны, сраного модератора никто не звал."


def test_a_removal_of_blame_may_leave_a_rest_under_the_threshold_that_stands_as_a_sentence():
    """`blame_removal_below_threshold`: where the sentence may not go whole, a removal of clauses that read as blame
    at the flagging bar, none as content, may leave a rest under the threshold (not under `neutral_below`), when a
    clause of the rest has a predicate (`predicate_morph`)."""
    from replylint.nlp import blank

    def rewrite(text, blame, predicates=(), **extra):
        doc = blank("en").make_doc(f"Hi there. {text} Thanks.")
        span = doc[3 : 3 + len(blank("en").make_doc(text))]
        for t in span:
            if t.lower_ in predicates:
                t.set_morph("VerbForm=Fin")
        # "patch" weighs 2 (bias -1): the rest scores 0.2, over neutral (0) and under the threshold (2)
        words = [3.0 if t.lower_ in blame else 2.0 if t.lower_ == "patch" else -0.1 for t in span]
        settings = dict(blame_removal_below_threshold=True, predicate_morph=frozenset({"VerbForm=Fin"}),
                        subordinators=frozenset({"if"}))
        removal = _removal(**{**settings, **extra})
        removal.flag_odds = 2.0
        return removal.rewrite(span, -1.0, words, [0.0] * len(words), set(), span.start)

    text = "Given your carelessness, the patch was never installed on 12 May."
    assert rewrite(text, {"given", "carelessness"}, {"was"}) == "The patch was never installed on 12 May."
    assert rewrite(text, {"given", "carelessness"}, {"was"}, blame_removal_below_threshold=False) is None
    # a rest with no predicate, or only a dependent clause, is no sentence («Если делать по шагам.»)
    assert rewrite(text, {"given", "carelessness"}) is None
    assert rewrite("Given your carelessness, if the patch was installed on 12 May.", {"given", "carelessness"},
                   {"was"}) is None
    # a removed part that does not read as blame on its own at the flagging bar is content («…, а на такую основу
    # столешницу ставить нельзя»)
    assert rewrite("Given that, the patch was never installed on 12 May.", {"given"}, {"was"}) is None


def _fixed(engine, text: str) -> str:
    from replylint.rewrite import fix_exchange

    return fix_exchange(engine, Exchange(text))[0]


def _fixed_without_blame(engine, text: str) -> str:
    """The reply after --fix, which must leave no blame finding."""
    from replylint.rewrite import fix_exchange

    fixed, left = fix_exchange(engine, Exchange(text))
    assert not [f for f in left if f.category == "blame"], (fixed, left)
    return fixed


def test_a_russian_lead_in_that_judges_the_customer_goes_when_the_rest_is_under_the_threshold(engine):
    text = ("Учитывая Вашу безалаберность с дедлайнами, бесплатно продлить доступ мы не можем, но можем предложить "
            "продление на месяц за 490 ₽.")
    fixed = _fixed_without_blame(engine, text)
    assert fixed == "Бесплатно продлить доступ мы не можем, но можем предложить продление на месяц за 490 ₽."


def test_a_contrast_tail_goes_when_the_rest_is_under_the_threshold(engine):
    """`contrast_tails`: «…, а не …» after the right way names the customer's way; it may go though it does not read as
    blame alone, once the advice it followed is rewritten (ru.blame.verdict-as-advice)."""
    text = ("Здравствуйте! К сожалению, на воскресенье все наши будки уже забронированы. Надо было сообщить о переносе "
            "хотя бы за неделю, а не за два дня до праздника. Предоплату мы вернём полностью.")
    fixed = _fixed_without_blame(engine, text)
    assert "Рекомендуем сообщить о переносе хотя бы за неделю. Предоплату" in fixed, fixed


def test_a_guess_told_as_a_suspicion_becomes_a_possibility(engine):
    text = ("Здравствуйте! Подозреваю, что фартук регулярно оттирали чем-нибудь вроде «Санокса» или уксуса, а цементная "
            "затирка кислоту не переносит. Фартук можно восстановить.")
    fixed = _fixed_without_blame(engine, text)
    assert fixed.startswith("Здравствуйте! Возможно, фартук регулярно оттирали"), fixed


def test_a_sentence_opened_by_a_sarcastic_opener_goes_whole_unless_it_holds_content(engine):
    """`sarcastic_openers`: «Ну да, …» says the opposite of what it means throughout: a clause of it that reads neutral
    («стоит только открыть зонт») keeps it no more; a number or a name still does."""
    text = ("Лариса, добрый день! Ну да, спицы ведь ломаются сами собой, стоит только открыть зонт. Мастер посмотрел "
            "фото: излом похож на удар ветром.")
    fixed = _fixed_without_blame(engine, text)
    assert fixed == "Лариса, добрый день! Мастер посмотрел фото: излом похож на удар ветром."
    text = ("Добрый день. Ну да, роутер сам по себе сломался, а по логам 2 часа назад на нём сбросили настройки кнопкой "
            "Reset. Зайдите на 192.168.0.1.")
    assert "2 часа назад" in _fixed(engine, text)


def test_a_removal_under_the_threshold_keeps_the_step_before_another(engine):
    """`adjunct_openers`: «Прежде чем заливать фундамент, …» is the step the advice is about, not blame to remove."""
    text = ("Артём, здравствуйте. Для бани план согласуется с правлением. Прежде чем заливать фундамент, следовало бы "
            "сначала прийти в правление, тогда не пришлось бы ничего переделывать. Пришлите фото фундамента.")
    fixed = _fixed_without_blame(engine, text)
    assert "Прежде чем заливать фундамент" in fixed, fixed


def test_a_sentence_the_splitter_read_through_a_smiley_or_a_bracket_is_rewritten_piece_by_piece(engine):
    """`sentence_breaks`: a smiley or a closing bracket no opening one matches, between two words, ends a sentence;
    the piece that blames goes (or loses its clause) and the piece that informs stays as written."""
    for text, opening in [
        ("ну да, конечно, роутер сам по себе сломался 🙂 по логам 2 часа назад на нём сбросили настройки кнопкой "
         "Reset. Зайдите на 192.168.0.1.", "По логам 2 часа назад на нём сбросили настройки кнопкой Reset."),
        ("Спасибо, что всё-таки дочитали до раздела про кодировки 🙂 Да, импорт CSV принимает только UTF-8; в Excel "
         "сохраняйте файл как «CSV UTF-8». Лимит — 50 000 строк за один импорт.",
         "Да, импорт CSV принимает только UTF-8; в Excel"),
        ("ну да, системные требования на странице игры, видимо, пишутся исключительно для развлечения) ваша GTX 760 "
         "DirectX 12 Ultimate не поддерживает. Возврат возможен, если наиграно меньше 2 часов.",
         "Ваша GTX 760 DirectX 12 Ultimate не поддерживает. Возврат"),
    ]:
        fixed = _fixed_without_blame(engine, text)
        assert fixed.startswith(opening), fixed
    # a piece that blames and names a number no other piece does keeps the sentence from this removal
    text = ("Добрый день. Ну джейлбрейк в 2024 году это такое себе развлечение 🤷 приложение Pulse Fit не работает на "
            "взломанных устройствах. Откатитесь на стоковую iOS.")
    assert "2024" in _fixed(engine, text)
    # a bracket that closes an opening one is no break
    removal = next(r for r in engine.linter("ru").rules if r.spec.id == "ru.blame.tone").matcher._rewrite
    doc = engine.linter("ru").doc("Откройте настройки (раздел «Сеть») и выберите новый адрес сервера вручную.")
    assert removal.pieces(doc[:]) == [(0, len(doc))]
    doc = engine.linter("ru").doc("Спасибо за терпение 🙂 заказ уже на сортировке в Подольске.")
    assert len(removal.pieces(doc[:])) == 2


def test_a_dependent_clause_of_the_blame_keeps_no_sentence_from_going_whole(engine):
    """`dependent_clause_openers`: a neutral clause opening with one (not «который») after a clause that blames
    belongs to it (no removal leaves it alone: «Если делать по шагам.»); a clause of its own that follows a connector
    («поэтому гарантия …») is still content."""
    text = ("Алина, добрый день. Тут ничего сложного, даже ребёнок справится, если делать по шагам. Масло течёт, когда "
            "тесто перегревается: убирайте его в холодильник на 20–30 минут.")
    assert _fixed_without_blame(engine, text) == ("Алина, добрый день. Масло течёт, когда тесто перегревается: убирайте "
                                                  "его в холодильник на 20–30 минут.")
    text = ("Здравствуйте. Включать его через эту розетку было не самой умной затеей — хорошо ещё, что обошлось без "
            "пожара. Мастер заменит блок питания за 1 500 ₽.")
    assert _fixed_without_blame(engine, text) == "Здравствуйте. Мастер заменит блок питания за 1 500 ₽."
    text = ("Добрый день. Поломка на этот раз целиком на Вашей совести, поэтому гарантия на неё не распространяется. "
            "Ремонт стоит 2 000 ₽.")
    assert "гарантия на неё не распространяется" in _fixed(engine, text)



def test_a_clause_that_ends_at_a_lead_in_mark_may_go_and_the_mark_stays():
    """A removal may end at a lead-in mark, which stays with what it introduces: the clause before it opened after a
    comma with one of `suffix_openers` ("…, and the fault is yours: on 13 August …"), or the prefix through it past a
    dash ("Wrong size — yours: the order says …"); not where a clause of it reads neutral (content)."""
    removal = _removal(suffix_openers=frozenset({"and"}))
    assert _rewrite("The deposit was kept under clause 6, and the fault is yours: the car left the region.",
                    {"fault", "yours"}, removal) == "The deposit was kept under clause 6: the car left the region."
    assert _rewrite("Wrong size — yours entirely: the order says 61 cm.", {"wrong", "yours"}, removal) \
        == "The order says 61 cm."
    # a clause of the prefix reads neutral: no removal takes it
    assert _rewrite("The size was measured twice — yours entirely: the order says 61 cm.", {"yours"}, removal) \
        != "The order says 61 cm."


def test_a_russian_clause_that_blames_before_a_colon_goes_and_the_colon_stays(engine):
    text = ("Шамиль, здравствуйте! Залог 15 000 ₽ удержан по п. 6.2 договора, и нарушение здесь допущено с Вашей "
            "стороны: 13 августа автомобиль выезжал за пределы Краснодарского края без согласования с нами.")
    assert _fixed_without_blame(engine, text) == (
        "Шамиль, здравствуйте! Залог 15 000 ₽ удержан по п. 6.2 договора: 13 августа автомобиль выезжал за пределы "
        "Краснодарского края без согласования с нами.")
    text = ("Здравствуйте, Татьяна! Ошибка в размерах — с Вашей стороны: в заявке указана ширина 61,5 см, а проём, "
            "судя по фото, 60 см. Подрезать готовый витраж нельзя.")
    assert _fixed_without_blame(engine, text) == ("Здравствуйте, Татьяна! В заявке указана ширина 61,5 см, а проём, "
                                                  "судя по фото, 60 см. Подрезать готовый витраж нельзя.")


def test_an_imperative_with_its_subject_is_the_condition_of_a_hindsight_sentence(engine):
    """`counterfactual_condition_morph` / `counterfactual_condition_subjects`: «Подай Вы …» is a counterfactual
    condition as «Если бы Вы …» is; the hindsight sentence goes whole where it names nothing `protect` keeps, and an
    imperative with «Вы» that is advice is no hindsight."""
    text = ("Понимаю. Подай Вы документы хотя бы на пару недель раньше, сейчас бы не пришлось считать дни до вылета. "
            "Мы постараемся ускорить выдачу визы.")
    assert _fixed_without_blame(engine, text) == "Понимаю. Мы постараемся ускорить выдачу визы."
    removal = next(r for r in engine.linter("ru").rules if r.spec.id == "ru.blame.tone").matcher._rewrite
    doc = engine.linter("ru").doc("Проверьте Вы настройки роутера, и если сеть не появится, напишите нам.")
    engine.linter("ru").annotate(doc)
    assert removal._hindsight(list(doc), [], len(doc))[0] is None


def test_a_removal_strands_no_subject_and_keeps_a_postscripts_mark(engine):
    """`stranded_clause_words`: a removal from a comma leaves no stub of a clause after a dash («— затея.», the aside
    «прямо скажем» left out too, counts nothing); `postscript`: «P.S.» is no clause of its sentence, and stays
    before what the removal leaves of it."""
    tone = next(r for r in engine.linter("ru").rules if r.spec.id == "ru.blame.tone").matcher
    doc = engine.linter("ru").doc("Ходить по мокрой после ливня вагонке ради приезда гостей — затея, прямо скажем, так "
                                  "себе. В акте от 12 августа всё указано.")
    engine.linter("ru").split_sentences(doc)
    engine.linter("ru").annotate(doc)
    sentence = next(iter(doc.sents))
    assert not any(s.endswith("— затея.") for s in tone.rewrites(doc, Match(sentence.start, sentence.end)))
    text = ("Курьер ждал 10 минут. P.S. На будущее: если не уверены, что будете дома, не ставьте «Оставить у двери» — "
            "тогда и выбрасывать ничего не придётся.")
    assert _fixed_without_blame(engine, text) == (
        "Курьер ждал 10 минут. P.S. Если не уверены, что будете дома, не ставьте «Оставить у двери» — тогда и "
        "выбрасывать ничего не придётся.")


def test_two_not_tone_items_for_one_word_add_up(tmp_path):
    # a later item for the same word once replaced the earlier one, silently undoing it
    from replylint.engine import Engine
    from replylint.packs import load_rules

    write_pack(tmp_path, rule("extends: tone\nmodel: blame\nthreshold: 0.9\nnot_tone:\n"
                              "  - {word: quite, after: [not]}\n  - {word: quite, after: [isn't]}\n"
                              "  - {word: need, before: ['#number']}\n  - {word: need, before: [to]}\n"))
    engine = Engine(load_rules(extra_dirs=(tmp_path,), builtin=False))
    (tone,) = [r.matcher for r in engine.linter("en").rules if r.spec.id == "en.blame.x"]
    assert tone._not_tone["quite"] == {"not", "isn't"}
    assert tone._not_tone_before["need"] == {"to"} and "need" in tone._not_tone_before_number
