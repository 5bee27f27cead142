"""Quoted history in real mail: the attribution and separator lines of Gmail,
Outlook, Apple Mail, Thunderbird, Yandex and Mail.ru (plain text and HTML, in
Russian and English) start history that is not linted, and no line the agent
wrote is ever dropped (the near-miss cases: "As I already wrote:",
«Как я уже писал:», "From: the settings page", dates with a colon ...).

The corpus (tests/fixtures/mail/history.yaml) was written before the
patterns; quotequail and mail-parser-reply were measured on it first and
found no Russian attributions (see rules/language/common.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from replylint.engine import Exchange

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "mail" / "history.yaml").read_text(encoding="utf-8"))


def _visible(text: str, cleaner) -> str:
    """Whitespace-normalised, with long symbol runs cut as cleaning cuts them."""
    keep = cleaner.symbol_run_keep
    text = re.sub(rf"([^\w\s]{{{keep}}})[^\w\s]+", r"\1", text)
    return " ".join(text.split())


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_history_boundary(engine, case):
    cleaner = engine.cleaner
    kept = _visible(cleaner.clean(case["text"]).text, cleaner)
    assert kept == _visible(case["reply"], cleaner)


def test_corpus_covers_every_client_in_both_languages():
    covered = {(c["client"], c["lang"]) for c in CASES if not c["id"].startswith("nm-")}
    for client in ("gmail", "outlook", "apple", "thunderbird", "yandex", "mailru"):
        assert {(client, "ru"), (client, "en")} <= covered, client
    assert sum(c["id"].startswith("nm-") for c in CASES) >= 20  # near-misses: nothing to drop


@pytest.mark.parametrize("lead", ["As I already wrote:", "Как я уже писал:"])
def test_blame_after_a_reply_line_ending_like_an_attribution_is_found(engine, lead):
    text = f"Hi,\n\n{lead}\nYou should have read the docs.\nВы указали неверные настройки.\n"
    ids = {f.rule_id for f in engine.lint(Exchange(text))}
    assert {"en.blame.should-have", "ru.blame.you-did-wrong"} <= ids


@pytest.mark.parametrize("attribution", [
    "On Mon, Jan 5, 2026 at 10:03 AM John Smith <john@example.com> wrote:",
    "пн, 5 янв. 2026 г. в 10:03, Мария Соколова <maria@example.ru>:",
    "05.01.2026 10:03, Лев Мейер пишет:",
    "Понедельник, 5 января 2026, 10:03 +03:00 от Николай Фёдоров <n.fedorov@mail.ru>:",
])
def test_unquoted_history_after_an_attribution_is_not_linted(engine, attribution):
    text = f"Thanks, fixed.\n\n{attribution}\nYou should have read the docs.\nВы указали неверные настройки.\n"
    assert engine.lint(Exchange(text)) == []


def test_interleaved_answers_after_a_quoted_attribution_are_kept(engine):
    text = ("On Mon, Jan 5, 2026 at 10:03 AM John <john@example.com> wrote:\n"
            "> Why is it slow?\n"
            "You should have read the docs.\n")
    assert [f.text for f in engine.lint(Exchange(text)) if f.rule_id != "en.blame.tone"] == ["You should have read"]


def test_outlook_html_history_after_divrplyfwdmsg_is_not_linted(engine):
    text = ('<html><body><div>Thanks, we fixed it.</div><div id="appendonsend"></div><hr>'
            '<div id="divRplyFwdMsg"><b>From:</b> John &lt;john@example.com&gt;<br><b>Sent:</b> Monday</div>'
            '<div>You should have read the docs. Вы указали неверные настройки.</div></body></html>')
    assert engine.lint(Exchange(text)) == []
