"""The command line through click's CliRunner: inputs, formats, exit codes,
error messages, and `rules` / `rule` / `eval`.

Only the two seed rules are relied on (other packs change in parallel), so
`check` runs with --select on them."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from replylint.cli import main

RU_RULE = "ru.blame.you-did-wrong"
EN_RULE = "en.blame.condescending-adverb"
SEED = ["--select", RU_RULE, "--select", EN_RULE]
RU_BAD = "Вы указали неверные настройки."
RU_SPAN = "Вы указали неверные настройки"
RU_SUGGESTION = "Указаны неверные настройки"
EN_BAD = "Obviously it won't work."
CLEAN = "Thanks for the details, the fix is deployed."
ANSI = re.compile(r"\x1b\[")


def run(args, input=None, env=None):
    result = CliRunner().invoke(main, args, input=input, env=env)
    output = result.output  # stdout and stderr, interleaved
    assert "Traceback" not in output, output
    assert not ANSI.search(output), output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def check(*args, input=None, env=None):
    return run(["check", *SEED, *args], input=input, env=env)


@pytest.fixture
def write(tmp_path):
    def _write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return str(path)

    return _write


# ---------------------------------------------------------------- check: inputs and exit codes


def test_check_file_with_finding_exits_1_and_prints_ruff_style(write):
    path = write("reply.txt", f"Здравствуйте!\n{RU_BAD}\n")
    result = check(path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert re.fullmatch(rf"{re.escape(path)}:2:1  {re.escape(RU_RULE)}  \S.*", lines[0])
    assert lines[1] == "  |"
    assert lines[2] == f"2 | {RU_BAD}"
    assert lines[3] == "  | " + "^" * len(RU_SPAN)
    assert f"  = suggestion: {RU_SUGGESTION}" in lines
    assert result.stdout.rstrip().endswith("Found 1 problem (1 warning).")


def test_caret_underline_starts_at_the_column(write):
    path = write("reply.txt", "Hi Anna,\nSure. Obviously it won't work.\n")
    result = check(path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}:2:7  {EN_RULE}  ")
    assert lines[2] == "2 | Sure. Obviously it won't work."
    assert lines[3] == "  | " + " " * 6 + "^" * len("Obviously")
    assert "  = suggestion: (remove it)" in lines


def test_clean_file_exits_0(write):
    result = check(write("reply.txt", CLEAN))
    assert result.exit_code == 0
    assert "All clear" in result.stdout


def test_stdin_dash(write):
    result = check("-", input=RU_BAD)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"<stdin>:1:1  {RU_RULE}")


def test_several_files_are_reported_each_under_its_path(write):
    a, b = write("a.txt", RU_BAD), write("b.txt", EN_BAD)
    result = check(a, b, "--format", "json")
    assert result.exit_code == 1
    paths = {(f["path"], f["rule_id"]) for f in json.loads(result.stdout)["findings"]}
    assert paths == {(a, RU_RULE), (b, EN_RULE)}


def test_customer_message_is_read_but_reply_rules_do_not_lint_it(write):
    reply = write("reply.txt", CLEAN)
    customer = write("customer.txt", RU_BAD)
    result = check(reply, "--customer", customer)
    assert result.exit_code == 0, result.output


def test_customer_from_stdin(write):
    result = check(write("reply.txt", RU_BAD), "--customer", "-", input="Почему не работает?")
    assert result.exit_code == 1


def test_stdin_only_once(write):
    result = check("-", "--customer", "-", input="x")
    assert result.exit_code == 2
    assert "only once" in result.output


# ---------------------------------------------------------------- formats


def test_json_format_fields(write):
    path = write("reply.txt", f"Hello,\r\n{RU_BAD}\r\n")
    result = check(path, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["counts"] == {"error": 0, "warning": 1, "info": 0}
    (finding,) = data["findings"]
    assert finding == {
        "path": path, "rule_id": RU_RULE, "category": "blame", "severity": "warning",
        "message": finding["message"], "source": "reply", "source_index": 0,
        "start": 8, "end": 8 + len(RU_SPAN), "line": 2, "column": 1, "text": RU_SPAN,
        "suggestions": finding["suggestions"], "fix_start": 8, "fix_end": 8 + len(RU_SPAN),
    }
    assert finding["suggestions"][0] == RU_SUGGESTION
    assert finding["message"]


def test_json_format_clean(write):
    result = check(write("reply.txt", CLEAN), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"findings": [], "counts": {"error": 0, "warning": 0, "info": 0}}


def test_sarif_format(write):
    path = write("reply.txt", EN_BAD)
    result = check(path, "--format", "sarif")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == "2.1.0"
    (run_,) = doc["runs"]
    assert run_["tool"]["driver"]["name"] == "replylint"
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == [EN_RULE]
    (res,) = run_["results"]
    assert res["ruleId"] == EN_RULE and res["level"] == "warning"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == path
    assert loc["region"]["startLine"] == 1 and loc["region"]["startColumn"] == 1
    assert loc["region"]["snippet"]["text"] == "Obviously"
    assert run_["columnKind"] == "unicodeCodePoints"
    assert res["ruleIndex"] == 0
    # a SARIF fix must carry artifactChanges: here, delete the span (the suggestion is "")
    (fix,) = res["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == path
    assert change["replacements"] == [{"deletedRegion": {"charOffset": 0, "charLength": 9},
                                       "insertedContent": {"text": ""}}]


def test_sarif_columns_count_code_points_and_uris_are_encoded(write):
    path = write("my reply.txt", f"😀 {RU_BAD}")
    doc = json.loads(check(path, "--format", "sarif").stdout)
    (res,) = doc["runs"][0]["results"]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["region"]["startColumn"] == 3 and loc["region"]["charOffset"] == 2
    assert loc["artifactLocation"]["uri"].endswith("/my%20reply.txt")
    assert res["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == RU_SUGGESTION


def test_no_ansi_codes_when_not_a_tty_even_without_no_color(write):
    result = check(write("reply.txt", RU_BAD), env={"NO_COLOR": None})
    assert result.exit_code == 1  # run() asserts there is no escape sequence


def test_no_color_env(write):
    result = check(write("reply.txt", RU_BAD), env={"NO_COLOR": "1"})
    assert result.exit_code == 1


def test_control_characters_of_the_input_are_not_echoed_raw(write):
    path = write("reply.txt", "\x1b[31mHi\tObviously it won't work.\x07\n")
    result = check(path)  # run() fails on any ESC [ in the output
    assert result.exit_code == 1
    assert "\x07" not in result.stdout
    lines = result.stdout.splitlines()
    source, caret = lines[2], lines[3]
    # the caret sits under the flagged word
    assert source[caret.index("^") : caret.index("^") + len("Obviously")] == "Obviously"


# ---------------------------------------------------------------- fail-on, select, ignore


@pytest.mark.parametrize("fail_on,code", [("info", 1), ("warning", 1), ("error", 0), ("never", 0)])
def test_fail_on(write, fail_on, code):
    result = check(write("reply.txt", RU_BAD), "--fail-on", fail_on)
    assert result.exit_code == code
    assert RU_RULE in result.stdout  # findings are still reported


def test_fail_on_never_with_clean_input(write):
    assert check(write("reply.txt", CLEAN), "--fail-on", "never").exit_code == 0


def test_bad_fail_on_value_is_a_usage_error(write):
    assert check(write("reply.txt", CLEAN), "--fail-on", "fatal").exit_code == 2


@pytest.mark.parametrize("prefix", ["ru", "ru.blame", RU_RULE, "blame.you-did-wrong"])
def test_select_prefix(write, prefix):
    path = write("reply.txt", f"{RU_BAD}\n\n{EN_BAD}")
    result = run(["check", path, "--select", prefix, "--format", "json"])
    ids = {f["rule_id"] for f in json.loads(result.stdout)["findings"]}
    assert RU_RULE in ids and EN_RULE not in ids


def test_select_takes_comma_lists(write):
    path = write("reply.txt", f"{RU_BAD}\n\n{EN_BAD}")
    result = run(["check", path, "--select", f"{RU_RULE},{EN_RULE}", "--format", "json"])
    assert {f["rule_id"] for f in json.loads(result.stdout)["findings"]} == {RU_RULE, EN_RULE}


@pytest.mark.parametrize("prefix", ["ru", "ru.blame", RU_RULE])
def test_ignore_prefix(write, prefix):
    path = write("reply.txt", f"{RU_BAD}\n\n{EN_BAD}")
    result = check(path, "--ignore", prefix, "--format", "json")
    ids = {f["rule_id"] for f in json.loads(result.stdout)["findings"]}
    assert ids == {EN_RULE}


def test_select_prefix_is_whole_segments_and_unknown_prefix_is_an_error(write):
    result = run(["check", write("reply.txt", RU_BAD), "--select", "ru.bla"])
    assert result.exit_code == 2
    assert error_lines(result) == [error_lines(result)[0]]
    assert "--select 'ru.bla' matches no rule" in result.stderr


def test_select_of_a_category_without_rules_is_not_an_error(write):
    result = run(["check", write("reply.txt", RU_BAD), "--select", "unanswered", "--ignore", "en.formality"])
    assert result.exit_code == 0, result.output


def test_lang_option_forces_the_language(write):
    path = write("reply.txt", RU_BAD)
    assert check(path, "--lang", "en").exit_code == 0  # Russian text, English rules only
    assert check(path, "--lang", "ru").exit_code == 1


# ---------------------------------------------------------------- --json-input


def test_json_input_object(write):
    data = {"id": "ticket-7", "reply": RU_BAD, "customer": "Почему не работает?"}
    result = check("--json-input", "-", "--format", "json", input=json.dumps(data, ensure_ascii=False))
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["path"] == "ticket-7" and finding["rule_id"] == RU_RULE and finding["text"] == RU_SPAN


def test_json_input_list(write):
    data = [{"reply": RU_BAD}, {"reply": CLEAN, "customer": ["a?", "b?"]}, {"reply": EN_BAD, "customer": None}]
    path = write("batch.json", json.dumps(data, ensure_ascii=False))
    result = check("--json-input", path, "--format", "json")
    assert result.exit_code == 1
    found = [(f["path"], f["rule_id"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [(f"{path}[0]", RU_RULE), (f"{path}[2]", EN_RULE)]


def test_json_input_clean_list_exits_0():
    result = check("--json-input", "-", input=json.dumps([{"reply": CLEAN}]))
    assert result.exit_code == 0


def test_json_input_malformed_is_one_line_with_line_number():
    result = check("--json-input", "-", input='{\n  "reply": "x",\n  oops\n}')
    assert result.exit_code == 2
    assert error_lines(result) == ["replylint: error: <stdin>:3: invalid JSON: Expecting property name "
                                   "enclosed in double quotes (column 3)"]


def test_json_input_unknown_keys(write):
    result = check("--json-input", "-", input=json.dumps({"reply": "x", "replay": "y"}))
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "unknown key(s) replay" in line and line.startswith("replylint: error: <stdin>:")


@pytest.mark.parametrize("payload,message", [
    ("", "the input is empty"),
    ("[]", "the JSON list is empty"),
    ('"just a string"', "expected an object"),
    ('{"customer": "x"}', "`reply` must be a non-empty string"),
    ('{"reply": "  "}', "`reply` must be a non-empty string"),
    ('{"reply": "x", "customer": 5}', "`customer` must be a string or a list of strings"),
    ('{"reply": "x", "id": {"a": 1}}', "`id` must be a string or a number"),
    ('{"reply": "Obviously \\ud800"}', "lone surrogate"),
])
def test_json_input_invalid(payload, message):
    result = check("--json-input", "-", input=payload)
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert message in line


def test_json_input_reports_every_bad_item():
    result = check("--json-input", "-", input=json.dumps([{"reply": ""}, {"reply": "x"}, {"bad": 1}]))
    assert result.exit_code == 2
    lines = error_lines(result)
    assert [line.split(":")[2].strip() for line in lines] == ["<stdin>[0]", "<stdin>[2]", "<stdin>[2]"]


def test_json_input_and_customer_option_conflict(write):
    result = check("--json-input", "-", "--customer", write("c.txt", "hi"), input='{"reply": "x"}')
    assert result.exit_code == 2
    assert "--customer cannot be combined with --json-input" in result.output


# ---------------------------------------------------------------- input errors


def test_empty_input_exits_2_with_clear_message(write):
    for args, inp in (([write("empty.txt", "")], None), (["-"], ""), ([write("blank.txt", " \n\n\t")], None)):
        result = check(*args, input=inp)
        assert result.exit_code == 2
        (line,) = error_lines(result)
        assert line.endswith(": the reply is empty")


def test_binary_input_names_file_and_line(write):
    path = write("bin.txt", b"Hello\nworld\n\x00\x01\x02")
    result = check(path)
    assert result.exit_code == 2
    assert error_lines(result) == [f"replylint: error: {path}:3: binary data (NUL byte), expected UTF-8 text"]


def test_broken_utf8_names_file_and_line(write):
    path = write("latin1.txt", "Привет\nвторая\n".encode() + "Caf\xe9".encode("latin-1"))
    result = check(path)
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith(f"replylint: error: {path}:3: invalid UTF-8 at byte ")


def test_broken_utf8_on_stdin():
    result = CliRunner().invoke(main, ["check", *SEED, "-"], input=b"ok\n\xff\xfe")
    assert result.exit_code == 2
    assert error_lines(result) == ["replylint: error: <stdin>:2: invalid UTF-8 at byte 3, expected UTF-8 text"]


def test_utf8_bom_is_accepted(write):
    result = check(write("bom.txt", b"\xef\xbb\xbf" + RU_BAD.encode()), "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["start"], finding["column"]) == (0, 1)


def test_missing_file_exits_2(tmp_path):
    missing = str(tmp_path / "nope.txt")
    result = check(missing)
    assert result.exit_code == 2
    assert error_lines(result) == [f"replylint: error: {missing}: cannot read file: No such file or directory"]


def test_every_bad_input_is_reported(write, tmp_path):
    missing = str(tmp_path / "nope.txt")
    result = check(missing, write("bin.txt", b"\x00"), write("ok.txt", RU_BAD), "--customer", write("e.txt", b"\xff"))
    assert result.exit_code == 2
    assert len(error_lines(result)) == 3


def test_directory_is_an_input_error(tmp_path):
    result = check(str(tmp_path))
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith(f"replylint: error: {tmp_path}: cannot read file")


def test_missing_argument_is_a_usage_error():
    assert run(["check"]).exit_code == 2


# ---------------------------------------------------------------- rules / rule


def test_rules_lists_ids():
    result = run(["rules"])
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines() if line.strip() and not line.endswith(" rules")]
    assert RU_RULE in ids and EN_RULE in ids
    assert re.search(r"^\d+ rules$", result.stdout, re.M)


def test_rules_json():
    result = run(["rules", "--format", "json", "--select", EN_RULE])
    assert json.loads(result.stdout) == [{
        "id": EN_RULE, "category": "blame", "severity": "warning", "lang": "en",
        "message": json.loads(result.stdout)[0]["message"],
    }]


def test_rule_docs():
    result = run(["rule", RU_RULE])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(f"{RU_RULE}  (blame, warning, tokens)")
    assert "What: " in out and "Why: " in out
    assert f"✗ {RU_BAD}" in out
    assert f"→ {RU_SUGGESTION}" in out
    assert "Not flagged:" in out and "✓ " in out
    assert "Use instead (rewrite templates):" in out
    assert re.search(r"Defined in .*rules/ru/blame\.yaml:\d+", out)


def test_rule_unknown_id_exits_2_with_hint():
    result = run(["rule", "you-did-wrong"])
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "no rule 'you-did-wrong'" in line and RU_RULE in line


def test_version_and_help():
    assert run(["--version"]).exit_code == 0
    assert "check" in run(["--help"]).stdout


# ---------------------------------------------------------------- eval

CASES = """\
- id: ru-hit
  lang: ru
  customer: |
    Почему не работает?
  reply: |
    Здравствуйте! Вы указали неверные настройки.
  expect:
    - category: blame
      in: reply
      text: "неверные настройки"      # overlap is enough
- id: ru-two-expectations
  lang: ru
  reply: "Вы указали неверные настройки. Вы ввели неправильный пароль, увы."
  expect:
    - category: blame
      in: reply
      text: "Вы указали неверные"
    - category: blame
      in: reply
      text: "увы"                      # nothing flags it: a miss
- id: en-clean-but-flagged
  lang: en
  reply: "Obviously it won't work."
  expect: []
- id: en-clean
  lang: en
  reply: "Thanks, it's fixed now."
  expect: []
- id: en-one-expectation-two-findings
  lang: en
  reply: "Obviously, clearly it won't work."
  expect:
    - category: blame
      in: reply
      text: "Obviously, clearly"
- id: en-wrong-category
  lang: en
  customer: "Why is it slow?"
  reply: "Obviously it is slow."
  expect:
    - category: formality
      in: reply
      text: "Obviously"
    - category: unanswered
      in: customer
      text: "Why is it slow?"
"""


def _scores(tp, fp, fn):
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


def test_eval_json_shape_and_numbers(write):
    path = write("cases.yaml", CASES)
    result = run(["eval", path, "--format", "json", *SEED])
    assert result.exit_code == 0, result.output
    # ru-hit: 1 tp. ru-two-expectations: the second sentence is also flagged by the
    # seed rule ("Вы ввели неправильный пароль") and overlaps no expectation: 1 tp, 1 fp, 1 fn.
    # en-clean-but-flagged: 1 fp. en-one-expectation-two-findings: two findings, one tp.
    # en-wrong-category: the blame finding is an fp; formality and unanswered are misses.
    assert json.loads(result.stdout) == {
        "cases": 6,
        "by_category": {
            "blame": _scores(tp=3, fp=3, fn=1),
            "formality": _scores(tp=0, fp=0, fn=1),
            "unanswered": _scores(tp=0, fp=0, fn=1),
        },
        "by_language": {
            "en": {
                "blame": _scores(tp=1, fp=2, fn=0),
                "formality": _scores(tp=0, fp=0, fn=1),
                "unanswered": _scores(tp=0, fp=0, fn=1),
            },
            "ru": {"blame": _scores(tp=2, fp=1, fn=1)},
        },
    }


def test_eval_text_and_verbose(write):
    path = write("cases.yaml", CASES)
    result = run(["eval", path, "--verbose", *SEED])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("cases: 6")
    assert re.search(r"^blame\s+3\s+3\s+1\s+0\.500\s+0\.750\s+0\.600$", out, re.M)
    lines = out.splitlines()
    assert "MISS  ru-two-expectations  blame  reply: 'увы'" in lines
    assert "MISS  en-wrong-category  unanswered  customer: 'Why is it slow?'" in lines
    assert f"FP    en-clean-but-flagged  {EN_RULE}  reply: 'Obviously'" in lines
    assert f"FP    ru-two-expectations  {RU_RULE}  reply: 'Вы ввели неправильный пароль'" in lines
    assert not any("en-clean " in line or line.endswith("en-clean") for line in lines)
    assert not any("ru-hit" in line for line in lines)


def test_eval_directory(tmp_path, write):
    (tmp_path / "sub").mkdir()
    write("sub/a.yaml", CASES)
    result = run(["eval", str(tmp_path), "--format", "json", *SEED])
    assert json.loads(result.stdout)["cases"] == 6


@pytest.mark.parametrize("content,line,message", [
    ("- id: a\n  lang: en\n  reply: [unclosed\n", 3, "invalid YAML"),
    ("- id: a\n  lang: en\n  reply: x\n  expect: []\n  colour: red\n", 5, "unknown case key 'colour'"),
    ("- id: a\n  lang: en\n  reply: hello\n  expect:\n    - category: blame\n      in: reply\n      text: bye\n",
     7, "'bye' does not occur in the reply"),
    ("- id: a\n  lang: en\n  reply: hello\n  expect:\n    - {category: blame, in: customer, text: hello}\n",
     5, "does not occur in the customer"),
    ("- id: a\n  lang: en\n  reply: x\n  expect: []\n- id: a\n  lang: en\n  reply: y\n  expect: []\n", 5,
     "duplicate case id 'a'"),
    ("- id: a\n  lang: de\n  reply: x\n  expect: []\n", 2, "lang must be ru or en"),
    ("- id: a\n  lang: en\n  reply: x\n", 1, "has no `expect`"),
    ("- id: a\n  lang: en\n  reply: x\n  expect: {}\n", 4, "'expect' must be a list"),
    ("- id: a\n  lang: en\n  reply: hello\n  expect:\n    - {category: blam, in: reply, text: hello}\n", 5,
     "category must be one of"),
    ("- id: a\n  lang: en\n  reply: hello\n  expect:\n    - {category: blame, in: reply, text: ''}\n", 5,
     "`text` must not be empty"),
    ("- id: a\n  lang: en\n  reply: hello\n  expect:\n    - {category: blame, in: reply}\n", 5,
     "an expectation needs exactly"),
    ("- id: a\n  lang: en\n  reply: ''\n  expect: []\n", 3, "`reply` must not be empty"),
    ("- id: a\n  id: b\n", 2, "duplicate key 'id'"),
    ("id: a\n", 1, "must be a YAML list"),
    ("", 1, "empty case file"),
])
def test_eval_malformed_case_files(write, content, line, message):
    path = write("cases.yaml", content)
    result = run(["eval", path, *SEED])
    assert result.exit_code == 2
    lines = error_lines(result)
    assert any(l.startswith(f"replylint: error: {path}:{line}: ") and message in l for l in lines), lines


def test_eval_reports_problems_of_every_case_and_file(write):
    a = write("a.yaml", "- id: x\n  lang: en\n  reply: hi\n  expect: []\n  bogus: 1\n"
                        "- id: y\n  lang: en\n  reply: hi\n  expect: [{category: blame, in: reply, text: nope}]\n")
    b = write("b.yaml", "- id: x\n  lang: ru\n  reply: hi\n  expect: []\n- [not a mapping]\n")
    result = run(["eval", a, b, *SEED])
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"replylint: error: {a}:5: unknown case key 'bogus'")
    assert lines[1].startswith(f"replylint: error: {a}:9: ")
    assert lines[2].startswith(f"replylint: error: {b}:5: a case must be a mapping")


def test_eval_duplicate_id_across_files(write):
    a = write("a.yaml", "- id: x\n  lang: en\n  reply: hi\n  expect: []\n")
    b = write("b.yaml", "\n- id: x\n  lang: en\n  reply: hi\n  expect: []\n")
    result = run(["eval", a, b, *SEED])
    assert result.exit_code == 2
    assert error_lines(result) == [f"replylint: error: {b}:2: duplicate case id 'x' (first in {a}:1)"]


def test_eval_missing_path_and_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run(["eval", str(tmp_path / "nope"), str(tmp_path / "empty"), *SEED])
    assert result.exit_code == 2
    assert len(error_lines(result)) == 2


def test_eval_binary_case_file(write):
    path = write("cases.yaml", b"- id: a\n\x00")
    result = run(["eval", path, *SEED])
    assert result.exit_code == 2
    assert error_lines(result) == [f"replylint: error: {path}:2: binary data (NUL byte), expected UTF-8 text"]


def test_console_entry_point_exit_codes(tmp_path):
    """`python -m replylint` goes through cli.run (fast exit): codes must survive it."""
    import subprocess
    import sys

    bad = tmp_path / "bad.txt"
    bad.write_text("Вы указали неверные настройки.", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Спасибо, всё исправили.", encoding="utf-8")

    def code(*args):
        return subprocess.run([sys.executable, "-m", "replylint", *args], capture_output=True, text=True)

    assert code("check", str(bad)).returncode == 1
    clean = code("check", str(good))
    assert clean.returncode == 0 and "All clear" in clean.stdout
    missing = code("check", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert code("check").returncode == 2
