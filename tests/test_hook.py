"""`replylint hook`: the pre-send hook's JSON protocol on stdin/stdout."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from replylint.cli import main

REPLY = "Привет, Марко! Вы указали неверные настройки."
CUSTOMER = "Добрый день, сударь. Меня зовут Марко Сантино. Скажите, пожалуйста, это нормально?"


def hook(payload, *args):
    data = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
    result = CliRunner().invoke(main, ["hook", "--no-config", *args], input=data)
    assert "Traceback" not in result.output, result.output
    (line,) = result.stdout.splitlines()  # exactly one JSON object out, whatever happens
    return json.loads(line), result.exit_code


def test_a_reply_with_findings_is_not_ok_and_comes_back_fixed():
    response, code = hook({"reply": REPLY, "customer": CUSTOMER, "agent": "Игнат"})
    assert code == 1 and response["ok"] is False and response["agent"] == "Игнат"
    rules = {f["rule_id"] for f in response["findings"]}
    assert {"ru.formality.familiar-greeting", "ru.blame.you-did-wrong", "ru.unanswered.question"} <= rules
    assert response["fixed_reply"] == "Здравствуйте, Марко! Указаны неверные настройки."
    finding = next(f for f in response["findings"] if f["rule_id"] == "ru.blame.you-did-wrong")
    assert REPLY[finding["start"]:finding["end"]] == finding["text"] == "Вы указали неверные настройки"


def test_a_clean_reply_is_ok_and_the_customer_may_be_a_list():
    reply = "Здравствуйте! Да, это нормально: так работает проверка настроек."
    response, code = hook({"reply": reply, "customer": ["Добрый день.", "Скажите, это нормально?"]})
    assert (code, response["ok"], response["findings"], response["fixed_reply"]) == (0, True, [], reply)


def test_request_settings_override_the_configuration():
    response, code = hook({"reply": REPLY, "config": {"select": ["blame"], "fail-on": "error"}})
    assert code == 0 and response["ok"] is True
    assert [f["rule_id"] for f in response["findings"]] == ["ru.blame.you-did-wrong"]
    response, _ = hook({"reply": REPLY, "config": {"severity": {"blame": "error"}}, "lang": "ru"}, "--no-fix")
    assert "fixed_reply" not in response and response["ok"] is False


@pytest.mark.parametrize("payload, error", [
    (b"", 'the request is empty (expected a JSON object with "reply")'),
    (b'{"reply": "hi",', "<stdin>:1: invalid JSON: Expecting property name enclosed in double quotes (column 16)"),
    (b"\xff\xfe{}", "the request is not UTF-8 (byte 0): send JSON as UTF-8"),
    (b"[]", 'expected a JSON object with "reply"'),
    (b'{"reply": ""}', '"reply" must be a non-empty string'),
    (b'{"reply": "hi", "customers": "x"}', "unknown key(s) 'customers' (allowed: reply, customer, lang, agent, config)"),
    (b'{"reply": "hi", "customer": [1]}', '"customer" must be a string or a list of strings'),
    (b'{"reply": "hi", "reply": "ho"}', "duplicate key 'reply'"),
    (b'{"reply": "hi\\u0000"}', '"reply" contains a NUL character at character 2: binary data, not text'),
    (b'{"reply": "hi\\ud800"}', "lone surrogate"),
    (b'{"reply": "hi", "config": {"fail_on": "error"}}', "config: unknown setting 'fail_on'; did you mean 'fail-on'?"),
    (b'{"reply": "hi", "config": {"packs": ["x"]}}', "'packs' cannot be set per request"),
    (b'{"reply": "hi", "config": {"names": {"agents": ["Ann"]}}}', "'names' cannot be set per request"),
    (b'{"reply": "hi", "config": {"select": ["nosuch"]}}', "'nosuch' matches no rule"),
    (b'{"reply": "hi", "lang": "de"}', "'lang' must be one of auto, ru, en, got 'de'"),
])
def test_a_request_that_cannot_be_read_gets_one_json_error_and_exit_2(payload, error):
    response, code = hook(payload)
    assert code == 2 and response["ok"] is False and error in response["error"], response
