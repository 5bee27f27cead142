"""Engine behaviour that no single rule example shows."""

import pytest

from replylint.engine import Engine, Exchange
from replylint.errors import ConfigError
from replylint.finding import Finding


def test_seed_case_is_flagged_with_inflected_rewrite(engine):
    findings = engine.lint(Exchange("Вы указали неверные настройки."))
    seed = [f for f in findings if f.rule_id == "ru.blame.you-did-wrong"]
    assert seed and seed[0].text == "Вы указали неверные настройки"
    assert seed[0].suggestions[0] == "Указаны неверные настройки"
    assert (seed[0].line, seed[0].column) == (1, 1)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Вы указали неверный порт.", "Указан неверный порт"),
        ("Вы выбрали неверный тариф.", "Выбран неверный тариф"),
    ],
)
def test_participle_agrees_with_the_noun(engine, text, expected):
    findings = [f for f in engine.lint(Exchange(text)) if f.rule_id == "ru.blame.you-did-wrong"]
    assert findings and findings[0].suggestions[0] == expected


def test_findings_are_frozen_sorted_and_unique(engine):
    text = "Вы указали неверные настройки. Вы указали неверные настройки."
    findings = engine.lint(Exchange(text))
    assert findings == sorted(set(findings), key=Finding.sort_key)
    with pytest.raises(AttributeError):
        findings[0].start = 3  # type: ignore[misc]


def test_mixed_russian_and_english_paragraphs_use_both_packs(engine):
    text = "Здравствуйте!\nВы указали неверные настройки.\n\nObviously it won't work over plain HTTP."
    ids = {f.rule_id for f in engine.lint(Exchange(text))}
    assert {"ru.blame.you-did-wrong", "en.blame.condescending-adverb"} <= ids


def test_language_is_detected_per_paragraph(engine):
    text = "Привет, как дела? Всё ли в порядке?\n\nHello there, how are you doing?\n\n12345\n\nЕщё текст.\n\nhttps://x.io"
    assert [lang for _, _, lang in engine.segments(text)] == ["ru", "en", "ru"]


def test_links_and_addresses_are_no_evidence_of_a_language(engine):
    text = ("Добрый день! Подробнее о правилах — по ссылкам ниже.\n"
            "https://rutube.ru/info/taboo_agreement/\nhttps://rutube.ru/info/socially_important/\n"
            "Вопросы пишите на support-team@rutube.example.com")
    assert engine.segments(text) == [(0, len(text), "ru")]


def test_forced_language_skips_detection(ruleset):
    assert Engine(ruleset, lang="en").segments("Привет") == [(0, 6, "en")]


def test_unknown_language_is_a_config_error(ruleset):
    with pytest.raises(ConfigError):
        Engine(ruleset, lang="de")


def test_select_and_ignore_by_dotted_prefix(ruleset):
    assert {r.lang for r in ruleset.selected(select=("ru.blame",)).rules} == {"ru"}
    assert all(not r.id.startswith("ru.") for r in ruleset.selected(ignore=("ru",)).rules)
    assert ruleset.selected(select=("ru.bla",)).rules == ()  # whole segments only
    assert {r.category for r in ruleset.selected(select=("blame",)).rules} == {"blame"}


def test_customer_message_is_not_linted_by_reply_rules(engine):
    findings = engine.lint(Exchange("Спасибо, всё работает.", ("Вы указали неверные настройки.",)))
    assert not findings


def test_pipeline_and_rules_are_compiled_once(engine):
    engine.lint(Exchange("Вы указали неверные настройки."))
    linter = engine.linter("ru")
    engine.lint(Exchange("Вы указали неверные настройки ещё раз."))
    assert engine.linter("ru") is linter


def test_template_needs_its_captures_unless_marked_optional():
    from replylint.suggest import Template

    template, errors = Template.parse("{verb} {obj}", frozenset({"verb", "obj", "match"}))
    assert not errors
    assert template.render({"verb": ["указан"]}, None, "x") is None
    optional, _ = Template.parse("{verb} {obj?}", frozenset({"verb", "obj", "match"}))
    assert optional.render({"verb": ["указан"]}, None, "x") == "указан"
    removal, _ = Template.parse("", frozenset({"match"}))
    assert removal.render({}, None, "x") == ""


def test_a_line_in_another_language_without_a_blank_line_is_linted_in_its_language(engine):
    text = "Здравствуйте, Марко! Спасибо за письмо.\nObviously it will not work over plain HTTP.\nВы указали неверные настройки."
    ids = {f.rule_id for f in engine.lint(Exchange(text))}
    assert {"ru.blame.you-did-wrong", "en.blame.condescending-adverb"} <= ids


def test_the_customers_words_quoted_back_are_not_flagged(engine):
    quoted = "Вы написали: «наверное, я сам виноват». Нет, доступ получили через утечку стороннего сайта."
    assert not [f for f in engine.lint(Exchange(quoted)) if f.category == "blame"]
    said = "Наверное, Вы сами виноваты: доступ получили через утечку стороннего сайта."
    assert [f for f in engine.lint(Exchange(said)) if f.category == "blame"]
    # a match that takes in the quote marks (ironic quotes) is the writer's own
    ironic = "Sure, you \"didn't change anything\" — the log shows a plugin was uploaded at 08:12."
    assert [f for f in engine.lint(Exchange(ironic)) if f.category == "blame"]


def test_scripts_written_otherwise_than_one_class_are_counted_the_slow_way():
    from replylint.scripts import ScriptDetector

    fast = ScriptDetector({"ru": "[А-Яа-яЁё]", "en": "[A-Za-z]"}, 12, ["://", "@"])
    slow = ScriptDetector({"ru": "(?:[А-Я]|[а-я]|[Ёё])", "en": "(?:[A-Z]|[a-z])"}, 12, ["://", "@"])
    assert fast.counters["en"]("Ёж и ёлка: Hello!") == slow.counters["en"]("Ёж и ёлка: Hello!") == 5
    texts = ["Привет, как дела? Всё ли в порядке?\nHello there, how are you doing today?\nЕщё текст тут.",
             "Ёлка", "Hi 😀 there, see https://example.com/путь", "Привет @someone_with_a_long_handle, спасибо!"]
    for text in texts:
        assert fast.segments(text) == slow.segments(text), text


def test_warm_builds_what_is_otherwise_built_on_first_use(ruleset):
    engine = Engine(ruleset)
    engine.warm()
    for lang in ("ru", "en"):
        linter = engine.linter(lang)
        assert linter._questions is not None
        assert all(rule.matcher._scorer is not None for rule in linter.rules if rule.spec.extends == "tone")


def test_a_pattern_of_regexes_only_is_a_candidate_where_its_words_are():
    """A pattern with no literal word but required LOWER regexes («насосик с манометрчиком»: two
    words of a diminutive suffix) is looked at only in a doc holding as many matching words, and
    only around them: it must not make every message pay for annotation and the Matcher."""
    import spacy
    from spacy.attrs import LOWER

    from replylint.prefilter import PatternIndex

    nlp = spacy.blank("ru")
    index = PatternIndex(nlp.vocab, None, set())
    suffix = {"LOWER": {"REGEX": "^.{3,}ик$"}}
    index.add("pair", [suffix, {"LOWER": {"NOT_IN": ["."]}, "OP": "{0,3}"}, suffix])

    def candidates(text):
        doc = nlp.make_doc(text)
        return doc, index.candidates(doc.to_array(LOWER).tolist())

    assert candidates("Замените фильтр и перезапустите.")[1] == []
    assert candidates("Замените насосик и перезапустите.")[1] == []  # one such word: the pair cannot match
    doc, keys = candidates("Проверьте давление. Насосик и краник подключите к ниппелю.")
    assert keys == ["pair"]
    doc[0].is_sent_start, doc[3].is_sent_start = True, True
    planned, _ = index.plan(doc, keys, doc.to_array(LOWER).tolist())
    assert planned and all(start >= 3 for _, start, _ in planned)  # not the first sentence


def test_a_pattern_of_adjacent_required_words_is_a_candidate_only_where_they_stand_side_by_side():
    """Two required tokens side by side ("there , there") need that pair adjacent in the doc
    (the index keeps each pair as one int, see prefilter._pair_key); the same words apart, or in
    the other order, are no candidate. Two patterns with the same pairs share one set of them."""
    import spacy
    from spacy.attrs import LOWER

    from replylint.prefilter import PatternIndex

    nlp = spacy.blank("en")
    index = PatternIndex(nlp.vocab, None, set())
    index.add("there", [{"LOWER": "there"}, {"LOWER": ","}, {"LOWER": "there"}])
    index.add("again", [{"LOWER": "there"}, {"LOWER": ","}, {"LOWER": "there"}, {"LOWER": "again"}])

    def candidates(text):
        return index.candidates(nlp.make_doc(text).to_array(LOWER).tolist())

    assert candidates("There, there. It happens.") == ["there"]
    assert candidates("There, there again.") == ["there", "again"]
    assert candidates("Go there, then back there.") == []  # both words, never side by side
    assert candidates(", there , there") == ["there"]
    assert index.pairs_required["there"][0] is index.pairs_required["again"][0]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_shipped_pattern_is_a_candidate_in_every_message(engine, lang):
    """The speed design: a message without a rule word costs a tokenization. A pattern with
    neither a literal word nor a required regex would be run (and annotated for) on every
    message; a rule needs an anchoring word or a `regex` rule type instead."""
    index = engine.linter(lang).index
    everywhere = [engine.linter(lang).rules[key[0]].spec.id for key in index.always if key not in index.regex_required]
    assert not everywhere
