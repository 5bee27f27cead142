"""Quoted history and HTML markup are removed before linting; findings never
come from quoted parts and still point at the original input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import cleaning
from replylint.engine import Exchange

RU_RULE = "ru.blame.you-did-wrong"
EN_RULE = "en.blame.condescending-adverb"
SEED = (RU_RULE, EN_RULE)
RU_BAD = "Вы указали неверные настройки."
RU_SPAN = "Вы указали неверные настройки"
EN_BAD = "Obviously it won't work."


def seed_findings(engine, text: str, customer: tuple[str, ...] = ()):
    """Findings of the two seed rules, after checking every finding's position."""
    findings = engine.lint(Exchange(text, customer))
    for f in findings:
        source = text if f.source == "reply" else customer[f.source_index]
        assert source[f.start : f.end] == f.text
        before = source[: f.start]
        assert f.line == before.count("\n") + 1
        assert f.column == len(before) - (before.rfind("\n") + 1) + 1
    return [f for f in findings if f.rule_id in SEED]


def where(text: str, needle: str, occurrence: int = 0) -> tuple[int, int, int]:
    """(offset, 1-based line, 1-based column) of the occurrence-th `needle`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    return start, line, start - (text.rfind("\n", 0, start) + 1) + 1


def assert_single(findings, rule_id, text, needle, span=None, occurrence=0):
    assert [f.rule_id for f in findings] == [rule_id], findings
    (f,) = findings
    start, line, column = where(text, needle, occurrence)
    span = needle if span is None else span
    assert (f.start, f.end, f.line, f.column, f.text) == (start, start + len(span), line, column, span)
    return f


# ---------------------------------------------------------------- quoted history, plain text


def test_quote_lines_are_ignored(engine):
    text = f"Здравствуйте!\nСпасибо, проверим.\n\n> {RU_BAD}\n>> {EN_BAD}\n> \n"
    assert seed_findings(engine, text) == []


def test_quote_lines_with_indent_and_crlf(engine):
    text = f"Thanks!\r\n  > {EN_BAD}\r\n\t> {RU_BAD}\r\n"
    assert seed_findings(engine, text) == []


def test_finding_after_quote_block_points_at_original_line(engine):
    text = f"> {RU_BAD}\n> second quoted line\nОтвет:\n{RU_BAD}\n"
    assert_single(seed_findings(engine, text), RU_RULE, text, RU_SPAN, occurrence=1)


@pytest.mark.parametrize("attribution", [
    "On Mon, Jan 1, 2024 at 10:00 AM Bob Smith <bob@example.com> wrote:",
    "On 2024-01-01, support@example.com wrote:",
    "Bob Smith wrote:",
])
def test_on_wrote_attribution_and_quote(engine, attribution):
    text = f"Hi Bob,\n\nWe fixed it. {EN_BAD}\n\n{attribution}\n> {EN_BAD}\n> {RU_BAD}\n"
    assert_single(seed_findings(engine, text), EN_RULE, text, "Obviously")


@pytest.mark.parametrize("attribution", [
    "Иван Петров писал(а):",
    "01.02.2024, 10:00, \"Иван\" <ivan@example.ru> написал:",
    "Пн, 1 янв. 2024 г. в 10:00, Иван <ivan@example.ru>, писала:",
])
def test_russian_attribution_and_quote(engine, attribution):
    text = f"Добрый день!\n\n{attribution}\n> {RU_BAD}\n\n{RU_BAD}\n"
    assert_single(seed_findings(engine, text), RU_RULE, text, RU_SPAN, occurrence=1)


def test_attribution_line_itself_is_not_linted(engine):
    text = f"Спасибо.\n{RU_BAD[:-1]} писал(а):\n> ок\n"
    assert seed_findings(engine, text) == []


@pytest.mark.parametrize("marker", [
    "-----Original Message-----",
    "----- Original Message -----",
    "-----Исходное сообщение-----",
    "-------- Пересылаемое сообщение --------",
    "---------- Forwarded message ---------",
    "Begin forwarded message:",
])
def test_history_block_to_the_end_is_ignored(engine, marker):
    text = f"Hello,\n\nIt is fixed now. {EN_BAD}\n\n{marker}\nFrom: Customer\n{EN_BAD}\n{RU_BAD}\n\nmore {EN_BAD}\n"
    assert_single(seed_findings(engine, text), EN_RULE, text, "Obviously")


def test_outlook_header_block_starts_history(engine):
    text = f"{RU_BAD}\r\n\r\nFrom: Ivan <ivan@example.ru>\r\nSent: Monday, January 1, 2024\r\nSubject: Re\r\n\r\n{RU_BAD}\r\n"
    assert_single(seed_findings(engine, text), RU_RULE, text, RU_SPAN)


def test_history_in_customer_message_is_ignored_too(engine):
    customer = f"Вопрос?\n\n-----Original Message-----\n{RU_BAD}\n"
    assert seed_findings(engine, "Спасибо, всё исправлено.", (customer,)) == []


def test_only_quotes_means_no_findings(engine):
    assert seed_findings(engine, f"> {RU_BAD}\n> {EN_BAD}") == []


# ---------------------------------------------------------------- HTML bodies


def test_html_tags_are_removed_and_offsets_map_back(engine):
    text = f"<html><body><p>Здравствуйте!</p><p><b>{RU_BAD}</b></p></body></html>"
    assert_single(seed_findings(engine, text), RU_RULE, text, RU_SPAN)


def test_html_finding_spanning_inline_tags(engine):
    text = "<div>Вы <b>указали</b> неверные <i>настройки</i>.</div>"
    f = assert_single(seed_findings(engine, text), RU_RULE, text, "Вы", span="Вы <b>указали</b> неверные <i>настройки")
    assert f.column == 6


def test_html_entities_before_the_finding(engine):
    text = "<p>Tom &amp; Jerry&nbsp;&mdash; &#1058;&#x435;st &lt;ok&gt;. Obviously it won't work.</p>"
    assert_single(seed_findings(engine, text), EN_RULE, text, "Obviously")


def test_html_numeric_entity_inside_the_finding(engine):
    text = "<div>Привет!<br>&#1042;ы указали неверные настройки.</div>"
    assert_single(seed_findings(engine, text), RU_RULE, text, "&#1042;ы", span="&#1042;ы указали неверные настройки")


def test_html_nbsp_between_words_still_matches(engine):
    text = "<p>Вы&nbsp;указали&nbsp;неверные настройки.</p>"
    assert_single(seed_findings(engine, text), RU_RULE, text, "Вы&nbsp;", span="Вы&nbsp;указали&nbsp;неверные настройки")


@pytest.mark.parametrize("space", ["\xa0", "\t", "  ", " \u2009", "\u202f"])
def test_odd_whitespace_between_words_still_matches(engine, space):
    text = f"Здравствуйте!\nВы{space}указали неверные настройки."
    span = f"Вы{space}указали неверные настройки"
    assert_single(seed_findings(engine, text), RU_RULE, text, span)


def test_html_br_and_p_break_lines(engine):
    text = "<p>Hello<br>Obviously it won't work.</p><p>Thanks</p>"
    f = assert_single(seed_findings(engine, text), EN_RULE, text, "Obviously")
    assert f.line == 1


def test_html_with_crlf_lines(engine):
    text = f"<html>\r\n<body>\r\n<p>Hi,</p>\r\n<p>\r\n  {EN_BAD}\r\n</p>\r\n</body>\r\n</html>\r\n"
    f = assert_single(seed_findings(engine, text), EN_RULE, text, "Obviously")
    assert (f.line, f.column) == (5, 3)


def test_html_blockquote_is_ignored(engine):
    text = f"<div>Thanks!</div><blockquote type=\"cite\"><div>{EN_BAD}</div><p>{RU_BAD}</p></blockquote>"
    assert seed_findings(engine, text) == []


def test_html_gmail_quote_is_ignored(engine):
    text = (f'<div dir="ltr">Fixed. {EN_BAD}</div><br>'
            f'<div class="gmail_quote"><div class="gmail_attr">On Mon Bob wrote:<br></div>'
            f'<div>nested <div>{EN_BAD}</div> <br> {RU_BAD}</div></div>'
            f'<p>after</p>')
    assert_single(seed_findings(engine, text), EN_RULE, text, "Obviously")


def test_html_script_and_style_are_ignored(engine):
    text = f"<html><head><title>{EN_BAD}</title><style>p {{}} /* {EN_BAD} */</style></head>" \
           f"<body><script>var s = '{RU_BAD}';</script><p>Hi</p></body></html>"
    assert seed_findings(engine, text) == []


def test_html_comment_is_ignored(engine):
    text = f"<p>Hi<!-- {EN_BAD} --></p>"
    assert seed_findings(engine, text) == []


def test_html_and_text_quotes_together(engine):
    text = f"<div>{RU_BAD}</div>\n<div>&gt; {RU_BAD}</div>\n> {RU_BAD}\n"
    # an HTML-escaped "> " at the start of a line is a quote line after decoding
    assert_single(seed_findings(engine, text), RU_RULE, text, RU_SPAN)


def test_malformed_html_does_not_crash(engine):
    for text in ("<p>Obviously <", "<p>Obviously &am", "<div class=\"gmail_quote\">Obviously", "<p><<<>>>Obviously</p>",
                 "<br/><br></br><p/>Obviously it won't work.", "<p>&#99999999999; Obviously</p>"):
        seed_findings(engine, text)


def test_plain_text_with_angle_brackets_is_not_html(engine):
    text = f"If a < b and c > d then {EN_BAD}"
    assert_single(seed_findings(engine, text), EN_RULE, text, "Obviously")


# ---------------------------------------------------------------- offsets in plain text


def test_crlf_offsets(engine):
    text = f"Hello,\r\n\r\nFirst line.\r\n  {EN_BAD}\r\n"
    f = assert_single(seed_findings(engine, text), EN_RULE, text, "Obviously")
    assert (f.line, f.column) == (4, 3)


def test_emoji_and_combining_characters_before_the_finding(engine):
    text = f"👍🏽 Спасибо! Й\u0306 {RU_BAD}"
    assert_single(seed_findings(engine, text), RU_RULE, text, RU_SPAN)


def test_customer_message_offsets(engine):
    customer = f"> quoted\nHi\nWhy? {EN_BAD}"
    findings = engine.lint(Exchange("Thanks.", (customer,)))
    for f in findings:
        assert f.source == "customer" and customer[f.start : f.end] == f.text


# ---------------------------------------------------------------- the cleaner itself


def test_cleaner_map_for_quotes_and_entities(engine):
    text = "> quoted\r\n<div>A &amp; B</div>\r\n> more\r\n<p>C&nbsp;D</p>"
    clean = engine.cleaner.clean(text)
    assert clean.text.split() == ["A", "&", "B", "C", "D"]
    assert "C D" in clean.text
    for word in ("A", "B", "C", "D"):
        pos = clean.text.index(word)
        assert text[clean.to_source(pos) : clean.to_source(pos + 1, is_end=True)] == word
    amp = clean.text.index("&")
    assert text[clean.to_source(amp) : clean.to_source(amp + 1, is_end=True)] == "&amp;"


def test_cleaner_unknown_entity_and_dotted_name(engine):
    text = "<p>&bogus; and &a.b; stay</p>"
    clean = engine.cleaner.clean(text)
    assert clean.text.strip() == "&bogus; and &a.b; stay"
    pos = clean.text.index("stay")
    assert text[clean.to_source(pos) : clean.to_source(pos + 4, is_end=True)] == "stay"


def test_cleaner_splits_lines_at_newlines_only(engine):
    # \x0c, \x85 and \u2028 are not line breaks for quoting (nor for line numbers);
    # control characters such as \x0c become spaces
    text = "ok\x0c> not a quote line\u2028> nor this\n> but this\n"
    assert engine.cleaner.clean(text).text == "ok > not a quote line\u2028> nor this\n"


@pytest.mark.parametrize("template", [
    "<p>{ru}</p><p>{en}</p>",
    "<div>{ru}</div><div><br></div><div>{en}</div>",  # Gmail's blank line
    "<div>{ru}<br><br>{en}</div>",
])
def test_html_paragraphs_are_paragraphs_for_language_detection(engine, template):
    ru = "Здравствуйте! Спасибо за письмо, мы проверили ваш аккаунт и настройки."
    text = template.format(ru=ru, en=EN_BAD)
    assert_single(seed_findings(engine, text), EN_RULE, text, "Obviously")
    assert "\n\n" in engine.cleaner.clean(text).text


def test_html_block_tags_break_lines_once(engine):
    clean = engine.cleaner.clean("<div>a</div><div>b</div>\n<div>c<br/>d</div>")
    assert clean.text.split("\n")[:2] == ["a", "b"]
    assert "c\nd" in clean.text


def test_hard_wrapped_plain_text_is_joined_inside_a_sentence(engine):
    from replylint.engine import Exchange

    text = "Здравствуйте!\nВы указали неверные\nнастройки кодировщика.\nСпасибо\n- пункт"
    assert engine.cleaner.clean(text).text == (
        "Здравствуйте!\nВы указали неверные настройки кодировщика.\nСпасибо\n- пункт"
    )
    findings = [f for f in engine.lint(Exchange(text)) if f.rule_id == "ru.blame.you-did-wrong"]
    assert findings and findings[0].text == "Вы указали неверные\nнастройки"
    assert (findings[0].line, findings[0].column) == (2, 1)


# -- the fast scans agree with the patterns they replace ------------------------

_LAYOUT_CHARS = st.sampled_from(list("ab .?\n\r\t ") + ["\xa0", "Я", "я"])
_EDIT_CHARS = st.sampled_from(list("ab e") + ["\u0301", "\u0308", "\u200b", "\x07", "’", "“", "й", "\u0306"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_LAYOUT_CHARS, max_size=40).map("".join))
def test_line_breaks_are_those_of_the_pattern(text):
    assert list(cleaning._line_breaks(text)) == [m.span() for m in cleaning._LINE_BREAK.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(_EDIT_CHARS, max_size=30).map("".join))
def test_character_edits_are_those_of_the_pattern(engine, text):
    cleaner = engine.cleaner
    expected = [(m.span(), m.lastgroup) for m in cleaner.normalize_edit.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in cleaner._edits(text)] == expected


def test_a_header_that_opens_the_message_is_its_own_not_history(engine):
    text = f"From: Ivan Petrov <ivan@example.ru>\nSubject: Re\n\n{RU_BAD}\n"
    found = seed_findings(engine, text)
    assert_single(found, RU_RULE, text, RU_SPAN)
    assert engine.clean(text).text.startswith("Ivan Petrov\n")


@pytest.mark.parametrize("reply", [
    "Hello,\rYou obviously didn't read the manual.\rBest,\rAnna",
    "Здравствуйте!\rВы указали неверные настройки\rПерезагрузите роутер\r\rС уважением,\rИгнат",
    "> You wrote: obviously broken\rOn Mon, Jan 1 Bob wrote:\r> Вы указали неверные настройки.\r\rThanks",
])
def test_lone_carriage_returns_end_lines_like_line_feeds(engine, reply):
    # old Mac line ends: read as "\n" (same offsets), not as one paragraph of joined lines; the lines
    # findings report stay counted at "\n" in the original
    as_cr = [(f.rule_id, f.start, f.end, f.text) for f in engine.lint(Exchange(reply))]
    as_lf = [(f.rule_id, f.start, f.end, f.text) for f in engine.lint(Exchange(reply.replace("\r", "\n")))]
    assert as_cr == as_lf
    assert all(f.line == 1 for f in engine.lint(Exchange(reply)))
