"""The pipelines: our own spaCy components on spacy.blank, no trained model."""

import pytest


def annotate(engine, lang, text):
    return engine.linter(lang).nlp(text)


def test_pipelines_are_blank_spacy_with_our_components(engine):
    for lang in ("ru", "en"):
        nlp = engine.linter(lang).nlp
        assert nlp.lang == lang
        assert nlp.pipe_names[0] == "replylint_sentences"
        assert all(name.startswith("replylint_") for name in nlp.pipe_names)


@pytest.mark.parametrize(
    "word,lemma,pos,features",
    [
        ("указали", "указать", "VERB", {"Tense=Past", "Number=Plur", "Mood=Ind", "VerbForm=Fin", "Aspect=Perf"}),
        ("Глянь", "глянуть", "VERB", {"Mood=Imp", "Person=2", "Number=Sing"}),
        ("гляньте", "глянуть", "VERB", {"Mood=Imp", "Person=2", "Number=Plur"}),
        ("Вы", "вы", "PRON", {"Person=2", "Number=Plur"}),
        ("тебе", "ты", "PRON", {"Person=2", "Number=Sing", "Case=Dat"}),
        ("настроены", "настроить", "VERB", {"VerbForm=Part", "Variant=Short", "Voice=Pass"}),
        ("Игнат", "игнат", "PROPN", {"NameType=Giv"}),
    ],
)
def test_russian_lemma_pos_and_ud_features(engine, word, lemma, pos, features):
    token = annotate(engine, "ru", f"{word} .")[0]
    assert (token.lemma_, token.pos_) == (lemma, pos)
    assert features <= set(str(token.morph).split("|"))


@pytest.mark.parametrize(
    "text,index,lemma,features",
    [
        ("You misconfigured it.", 1, "misconfigure", {"Tense=Past"}),
        ("I forgot.", 1, "forget", {"Tense=Past"}),
        ("You didn't restart.", 1, "do", set()),
        ("You didn't restart.", 2, "not", {"Polarity=Neg"}),
        ("You didn't restart.", 0, "you", {"Person=2", "PronType=Prs"}),
        ("YOU should go.", 0, "you", {"Person=2"}),
        ("You should go.", 1, "should", {"VerbType=Mod"}),
        ("It was forgotten.", 2, "forget", {"VerbForm=Part", "Tense=Past"}),
        ("It was misconfigured.", 2, "misconfigure", {"VerbForm=Part", "VerbForm=Fin", "Tense=Past"}),
        ("You entered it.", 1, "enter", {"VerbForm=Part", "VerbForm=Fin", "Tense=Past"}),
    ],
)
def test_english_lemmas_and_the_features_rules_need(engine, text, index, lemma, features):
    token = annotate(engine, "en", text)[index]
    assert token.lemma_ == lemma
    # multi-valued features ("VerbForm=Fin,Part") count as each value
    have = {f"{field}={value}" for field, values in token.morph.to_dict().items() for value in values.split(",")}
    assert features <= have


def test_sentences_split_at_terminals_and_line_breaks(engine):
    doc = annotate(engine, "ru", "Здравствуйте, Марко!\nВы указали неверные настройки... Глянь логи!» Ок? Да.")
    assert [s.text.strip() for s in doc.sents] == [
        "Здравствуйте, Марко!", "Вы указали неверные настройки...", "Глянь логи!»", "Ок?", "Да.",
    ]


def test_a_unit_kept_with_its_full_stop_ends_a_sentence_before_a_capital(engine):
    # «см.», «руб.» are one token each: a capitalised word after one starts a sentence, a lower-case one does not
    doc = annotate(engine, "ru", "Прожоги диаметром 1–2 см. Ставить тент у костра рискованно. Залог 5 000 руб. в кассе.")
    assert [s.text.strip() for s in doc.sents] == [
        "Прожоги диаметром 1–2 см.", "Ставить тент у костра рискованно.", "Залог 5 000 руб. в кассе.",
    ]
    assert len(list(annotate(engine, "ru", "Офис в г. Москва, ул. Ленина.").sents)) == 1


def test_grams_or_a_year_after_a_number_end_a_sentence_before_a_capital(engine):
    # «г.» after a number (grams, a year) ends the sentence before a capital; before a name («г. Москва») it does not
    doc = annotate(engine, "ru", "Цена 390 рублей за банку 500 г. Добавить его к заказу? Открылись в 2019 г. Сейчас нас пятеро.")
    assert [s.text.strip() for s in doc.sents] == [
        "Цена 390 рублей за банку 500 г.", "Добавить его к заказу?", "Открылись в 2019 г.", "Сейчас нас пятеро.",
    ]
    assert len(list(annotate(engine, "ru", "Офис в г. Москва, ул. Ленина.").sents)) == 1


def test_a_code_ending_in_a_letter_ends_a_sentence(engine):
    # «4471-Е.» is one token with its full stop: the stop still ends the sentence; a lone initial does not
    doc = annotate(engine, "ru", "Подтвердите номер заказа 4471-Е. Новые билеты придут через час.")
    assert [s.text.strip() for s in doc.sents] == ["Подтвердите номер заказа 4471-Е.", "Новые билеты придут через час."]
    assert len(list(annotate(engine, "ru", "Договор подписал А. С. Петров.").sents)) == 1


def test_a_code_split_at_its_slash_ends_a_sentence_at_its_letter(engine):
    # the tokenizer splits "14/A." into 14 / A.: the letter's stop ends the sentence, an initial's does not
    doc = annotate(engine, "en", "It was paid to flat 14/B instead of your own, 14/A. I am sorry. Ask J. Smith.")
    assert [s.text.strip() for s in doc.sents] == ["It was paid to flat 14/B instead of your own, 14/A.",
                                                   "I am sorry.", "Ask J. Smith."]


def test_empty_and_whitespace_docs(engine):
    for lang in ("ru", "en"):
        assert len(annotate(engine, lang, "")) == 0
        assert annotate(engine, lang, "   \n ")[0].is_space


@pytest.mark.parametrize(
    "text,quoted",
    [
        # an inch mark after a lone number opens no quote: the text up to the next quote mark is the writer's
        ('Side B is long for a 12" at 33 rpm, so I\'d guess you didn\'t look at the guidelines. Move "Harbour" over.',
         ["Harbour"]),
        ("The 6' shelf fits, and the \"deluxe\" bracket holds it.", ["deluxe"]),
        # a quote that ends in a number still closes there
        ('Reply "STOP 2" to end the texts, or "HELP" for help.', ["STOP 2", "HELP"]),
        # an attribute's value glued to its name closes in the word: the prose up to the next attribute is the writer's
        ('The widget has data-size="normal" in a 280px box, so read the docs. Set data-size="compact".', []),
    ],
)
def test_inch_marks_are_not_quotes(engine, text, quoted):
    from replylint.nlp import QuoteMarks

    doc = annotate(engine, "en", text)
    inside = sorted(QuoteMarks({'"': '"', "'": "'"}).inside(doc))
    runs, run = [], []
    for i in inside:
        if run and i != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(i)
    if run:
        runs.append(run)
    assert [doc[r[0]: r[-1] + 1].text for r in runs] == quoted
