"""Strict rule-pack loading: every problem is reported, each with file and
line; a valid custom pack works end to end."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.engine import Engine, Exchange
from replylint.errors import ConfigError
from replylint.packs import load_rules

GOOD_RULE = """\
- id: en.blame.good
  message: "m"
  why: "w"
  extends: phrases
  phrases: ["read the docs"]
  examples: {bad: [{text: "Just read the docs.", span: "read the docs"}], good: ["See the docs."]}
"""


def write_pack(root: Path, body: str, lang: str = "en", name: str = "custom.yaml", header: str | None = None) -> Path:
    """Write a pack whose `rules:` list is `body` (a YAML list, unindented)."""
    header = f"lang: {lang}\ncategory: blame\nrules:\n" if header is None else header
    path = root / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + textwrap.indent(body, "  "), encoding="utf-8")
    return path


def problems_of(root: Path, *, compile: bool = True) -> list:
    with pytest.raises(ConfigError) as info:
        ruleset = load_rules(extra_dirs=(root,), builtin=False)
        if compile:
            Engine(ruleset).compile_all()
    problems = info.value.problems
    for problem in problems:
        assert problem.path and problem.line and problem.line >= 1, problem
    return problems


def rule(extra: str, rule_id: str = "en.blame.x", examples: bool = True) -> str:
    text = f"- id: {rule_id}\n  message: m\n  why: w\n" + textwrap.indent(extra, "  ")
    if examples:
        text += '  examples: {bad: [{text: "foo bar", span: "foo"}], good: ["ok"]}\n'
    return text


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# ---------------------------------------------------------------- schema problems (load time)


@pytest.mark.parametrize("extra,needle,message", [
    ("extends: phrases\nphrases: [foo]\ncolour: red\n", "colour", "unknown key 'colour'"),
    ("extends: phrases\nphrases: foo\n", "phrases:", "'phrases' must be a list"),
    ("extends: phrases\nphrases: [foo]\nseverity: fatal\n", "severity", "severity must be one of"),
    ("extends: phrases\nphrases: [foo]\nscope: both\n", "scope", "scope must be one of"),
    ("extends: phrases\nphrases: [foo]\ncategory: rudeness\n", "category: rudeness", "category must be one of"),
    ("extends: magic\n", "extends", "unknown rule type 'magic'"),
    ("extends: tokens\n", "- id:", "has no `patterns`"),
    ("extends: regex\npattern: 'x'\nguard: 'x'\n", "guard", "'guard' must be a list"),
    ("extends: regex\npattern: 'x'\nguard: [x]\ncase_sensitive: 'yes'\n", "case_sensitive",
     "'case_sensitive' must be a boolean, got a string ('yes')"),
    ("extends: phrases\nphrases: [foo]\nsuggest: [null]\n", "suggest", "`suggest` items must be"),
    ("extends: phrases\nphrases: [foo]\nunless: ['']\n", "unless", "`unless` items must be"),
    ("extends: phrases\nphrases: [foo]\nunless: [we]\nunless_within: paragraph\n", "unless_within",
     "unless_within must be one of sentence, clause"),
    ("extends: phrases\nphrases: [foo]\nunless_within: clause\n", "unless_within", "`unless_within` needs `unless`"),
])
def test_schema_problem(tmp_path, extra, needle, message):
    path = write_pack(tmp_path, rule(extra))
    problems = problems_of(tmp_path)
    assert any(message in p.message and p.path == str(path) and p.line == line_of(path, needle) for p in problems), \
        problems


def test_wrong_type_of_message(tmp_path):
    path = write_pack(tmp_path, "- id: en.blame.x\n  message: 5\n  why: w\n  extends: phrases\n  phrases: [foo]\n"
                                '  examples: {bad: [{text: "foo", span: "foo"}], good: ["ok"]}\n')
    (problem,) = problems_of(tmp_path)
    assert "'message' must be a string, got a number (5)" in problem.message
    assert (problem.path, problem.line) == (str(path), line_of(path, "message"))


@pytest.mark.parametrize("rule_id", ["EN.Bad_Id", "en.blame", "ru.blame.wrong-lang", "en.blame.under_score", "blame.x"])
def test_bad_rule_id(tmp_path, rule_id):
    path = write_pack(tmp_path, rule("extends: phrases\nphrases: [foo]\n", rule_id=rule_id))
    (problem,) = problems_of(tmp_path)
    assert "must look like en.<category>.<name>" in problem.message
    assert problem.line == line_of(path, "- id:")


def test_missing_why_and_empty_message(tmp_path):
    path = write_pack(tmp_path, '- id: en.blame.x\n  message: "  "\n  extends: phrases\n  phrases: [foo]\n'
                                '  examples: {bad: [{text: "foo", span: "foo"}], good: ["ok"]}\n')
    problems = problems_of(tmp_path)
    messages = sorted(p.message for p in problems)
    assert any("has no `why`" in m for m in messages)
    assert any("`message` must not be empty" in m for m in messages)
    assert {p.path for p in problems} == {str(path)}


def test_bad_example_span(tmp_path):
    path = write_pack(tmp_path, "- id: en.blame.x\n  message: m\n  why: w\n  extends: phrases\n  phrases: [foo]\n"
                                "  examples:\n    bad:\n      - text: foo bar\n        span: baz\n"
                                "      - text: no span here\n    good: [ok]\n")
    problems = problems_of(tmp_path)
    assert [(p.line, p.message) for p in problems] == [
        (line_of(path, "span: baz"), "example span 'baz' does not occur in its text"),
        (line_of(path, "no span here"), "bad example needs `span`: the text the rule must flag"),
    ]


def test_pack_level_problems(tmp_path):
    write_pack(tmp_path, "", header="lang: de\nrules: []\n", name="a.yaml")
    write_pack(tmp_path, "", header="lang: en\nrules: []\nauthor: me\n", name="b.yaml")
    write_pack(tmp_path, "", header="- just\n- a list\n", name="c.yaml")
    write_pack(tmp_path, "", header="lang: en\nrules: [unclosed\n", name="d.yaml")
    problems = problems_of(tmp_path, compile=False)
    by_file = {Path(p.path).name: p for p in problems}
    assert set(by_file) == {"a.yaml", "b.yaml", "c.yaml", "d.yaml"}
    assert "pack `lang` must be one of" in by_file["a.yaml"].message and by_file["a.yaml"].line == 1
    assert "unknown key 'author' in pack" in by_file["b.yaml"].message and by_file["b.yaml"].line == 3
    assert "must be a mapping" in by_file["c.yaml"].message
    assert "invalid YAML" in by_file["d.yaml"].message


def test_duplicate_rule_id_across_files(tmp_path):
    write_pack(tmp_path, GOOD_RULE, name="a.yaml")
    b = write_pack(tmp_path, GOOD_RULE, name="b.yaml")
    (problem,) = problems_of(tmp_path, compile=False)
    assert "duplicate rule id 'en.blame.good'" in problem.message
    assert (problem.path, problem.line) == (str(b), 4)


def test_missing_pack_directory(tmp_path):
    (problem,) = [p for p in _raw_problems(tmp_path / "nope")]
    assert problem.message == "rule pack directory not found"


def _raw_problems(directory):
    with pytest.raises(ConfigError) as info:
        load_rules(extra_dirs=(directory,), builtin=False)
    return info.value.problems


def test_all_load_problems_are_collected_not_just_the_first(tmp_path):
    body = (
        rule("extends: phrases\nphrases: [foo]\ncolour: red\n", rule_id="en.blame.one")
        + rule("extends: magic\n", rule_id="en.blame.two")
        + rule("extends: phrases\nphrases: [foo]\n", rule_id="EN.three")
        + "- id: en.blame.four\n  message: m\n  extends: phrases\n  phrases: [foo]\n"
          '  examples: {bad: [{text: "foo", span: "foo"}], good: ["ok"]}\n'
    )
    path = write_pack(tmp_path, body)
    other = write_pack(tmp_path, "- not a mapping\n", name="other.yaml")
    problems = problems_of(tmp_path, compile=False)
    located = {(Path(p.path).name, p.line) for p in problems}
    assert located == {
        ("custom.yaml", line_of(path, "colour")),
        ("custom.yaml", line_of(path, "extends: magic")),
        ("custom.yaml", line_of(path, "id: EN.three")),
        ("custom.yaml", line_of(path, "id: en.blame.four")),
        ("other.yaml", line_of(other, "- not a mapping")),
    }


# ---------------------------------------------------------------- matcher and template problems (compile time)


@pytest.mark.parametrize("extra,needle,message", [
    ("extends: tokens\npatterns:\n  - - {LOWER: foo, OP: '!!'}\n", "OP: '!!'", "invalid token pattern"),
    ("extends: tokens\npatterns:\n  - - {LOWER: {IN: foo}}\n", "IN: foo", "invalid token pattern"),
    ("extends: tokens\npatterns:\n  - - {DEP: nsubj}\n", "DEP", "token attribute 'DEP' is not available"),
    ("extends: tokens\npatterns:\n  - - {LOWER: foo, name: 5}\n", "name: 5", "token `name` must be an identifier"),
    ("extends: tokens\npatterns:\n  - []\n", "- []", "a pattern must be a non-empty list"),
    ("extends: tokens\npatterns: []\n", "patterns", "`patterns` must list at least one pattern"),
    ("extends: regex\npattern: '(unclosed'\nguard: [foo]\n", "pattern:", "invalid regex"),
    ("extends: regex\npattern: '(a)\\1b'\nguard: [foo]\n", "pattern:", "invalid escape sequence"),
    ("extends: regex\npattern: '(?=x)c'\nguard: [foo]\n", "pattern:", "invalid perl operator"),
    ("extends: regex\npattern: 'foo'\nguard: []\n", "guard", "`guard` must list non-empty words"),
    ("extends: phrases\nphrases: []\n", "phrases: []", "`phrases` must list at least one phrase"),
    ("extends: phrases\nphrases: [123]\n", "phrases: [123]", "a phrase must be a non-empty string"),
    ("extends: phrases\nphrases: ['=']\n", "phrases: ['=']", "empty word in phrase"),
    ("extends: phrases\nphrases: [foo, bar, foo]\n", "phrases: [foo", "phrase 'foo' is listed twice"),
    ("extends: phrases\nphrases: ['{x: foo']\n", "phrases: ['{x", "capture group {x: …} is not closed"),
    ("extends: phrases\nphrases: ['foo}']\n", "phrases: ['foo}", "`}` closes no capture group"),
    ("extends: phrases\nphrases: ['{x: foo {y: bar}']\n", "phrases: ['{x", "is not closed before the next one"),
    ("extends: phrases\nphrases: ['{1x: foo}']\n", "phrases: ['{1x", "capture name must be an identifier"),
    ("extends: phrases\nphrases: ['{match: foo}']\n", "phrases: ['{match", "other than `match`"),
    ("extends: phrases\nphrases: ['{x: } foo']\n", "phrases: ['{x", "holds no word"),
    ("extends: phrases\nphrases: ['fo{o']\n", "phrases: ['fo{o", "braces only mark capture groups"),
    ("extends: phrases\nphrases: [foo]\nunless: ['{x: bar}']\n", "unless", "only `phrases` capture"),
    ("extends: phrases\nphrases: ['{x: foo} bar']\nsuggest: ['{y}']\n", "suggest", "unknown capture {y} (known: match, x)"),
    ("extends: phrases\nphrases: [foo]\nsuggest: ['{nope}']\n", "suggest", "unknown capture {nope}"),
    ("extends: phrases\nphrases: [foo]\nsuggest: ['{match|frobnicate}']\n", "suggest", "unknown filter 'frobnicate'"),
    ("extends: phrases\nphrases: [foo]\nsuggest: ['{match|inflect}']\n", "suggest", "filter 'inflect' needs an argument"),
    ("extends: phrases\nphrases: [foo]\nsuggest: ['{match|agree:obj}']\n", "suggest", "agree:obj names no capture"),
    ("extends: regex\npattern: '(?P<v>foo)'\nguard: [foo]\nsuggest: ['{v|upper} {w}']\n", "suggest",
     "unknown capture {w}"),
])
def test_compile_problem(tmp_path, extra, needle, message):
    path = write_pack(tmp_path, rule(extra))
    ruleset = load_rules(extra_dirs=(tmp_path,), builtin=False)  # the schema is fine
    assert [r.id for r in ruleset.rules] == ["en.blame.x"]
    problems = problems_of(tmp_path)
    assert any(message in p.message and p.path == str(path) and p.line == line_of(path, needle) for p in problems), \
        problems


def test_all_compile_problems_of_a_language_are_collected(tmp_path):
    body = (
        rule("extends: regex\npattern: '(?=a)a'\nguard: [a]\n", rule_id="en.blame.one")
        + rule("extends: tokens\npatterns:\n  - - {LOWER: foo, OP: '!!'}\n", rule_id="en.blame.two")
        + rule("extends: phrases\nphrases: [foo]\nsuggest: ['{nope|frob}']\n", rule_id="en.blame.three")
        + GOOD_RULE
    )
    path = write_pack(tmp_path, body)
    problems = problems_of(tmp_path)
    lines = {p.line for p in problems}
    assert {line_of(path, "(?=a)a"), line_of(path, "OP: '!!'"), line_of(path, "{nope|frob}")} <= lines
    assert sum("{nope|frob}" in p.message for p in problems) == 2  # unknown capture and unknown filter


def _cross_language_packs(root: Path) -> None:
    for lang, word in (("en", "foo"), ("ru", "фу")):
        write_pack(root, rule("extends: regex\npattern: '(?=a)a'\nguard: [a]\n", rule_id=f"{lang}.blame.x")
                   .replace("foo bar", word).replace('span: "foo"', f'span: "{word}"'), lang=lang)


def test_compile_all_reports_problems_of_every_language(tmp_path):
    _cross_language_packs(tmp_path)
    problems = problems_of(tmp_path)
    assert {Path(p.path).parent.name for p in problems} == {"ru", "en"}


# ---------------------------------------------------------------- the CLI


def test_rules_command_prints_file_line_problems_and_exits_2(tmp_path):
    path = write_pack(tmp_path, rule("extends: phrases\nphrases: [foo]\ncolour: red\n", rule_id="en.blame.one")
                      + rule("extends: magic\n", rule_id="en.blame.two"))
    result = CliRunner().invoke(main, ["rules", "--packs", str(tmp_path), "--no-builtin"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"replylint: error: {path}:{line_of(path, 'colour')}: unknown key 'colour' in rule (allowed: category, "
        "evidence, examples, extends, id, message, phrases, scope, severity, suggest, unless, unless_within, why)",
        f"replylint: error: {path}:{line_of(path, 'magic')}: unknown rule type 'magic' (extends: phrases | tokens | "
        "regex | register | question | tone | rewrite)",
    ]


def test_rules_command_reports_compile_problems(tmp_path):
    path = write_pack(tmp_path, rule("extends: regex\npattern: '(?=a)a'\nguard: [a]\n"))
    result = CliRunner().invoke(main, ["rules", "--packs", str(tmp_path), "--no-builtin"])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"replylint: error: {path}:{line_of(path, 'pattern:')}: invalid regex")


def test_rules_command_reports_problems_of_every_language(tmp_path):
    _cross_language_packs(tmp_path)
    result = CliRunner().invoke(main, ["rules", "--packs", str(tmp_path), "--no-builtin"])
    assert result.exit_code == 2
    langs = {Path(line.split(": ")[2].rsplit(":", 1)[0]).parent.name for line in result.stderr.splitlines()}
    assert langs == {"ru", "en"}


# ---------------------------------------------------------------- a valid custom pack


def test_phrase_capture_groups_feed_templates(tmp_path):
    write_pack(tmp_path, rule(
        "extends: phrases\n"
        "phrases: [\"{subj: it be|'s} all? {loc: in the *? docs}\", '{aside: rtfm}', 'read the manual']\n"
        "suggest: ['{subj} covered {loc}', '{aside|drop}']\n", examples=False)
        + '  examples: {bad: [{text: "It is all in the API docs.", span: "It is all in the API docs"}], good: ["ok"]}\n')
    engine = Engine(load_rules(extra_dirs=(tmp_path,), builtin=False))
    def first(text):
        (finding,) = engine.lint(Exchange(text))
        return finding.text, finding.suggestions
    assert first("It is all in the API docs.") == ("It is all in the API docs", ("It is covered in the API docs",))
    assert first("It's in the docs.") == ("It's in the docs", ("It's covered in the docs",))  # no space in "It's"
    assert first("Dude, RTFM.") == ("RTFM", ("",))
    assert first("Please read the manual.") == ("read the manual", ())  # captures nothing: no template fits


CUSTOM = """\
- id: en.blame.rtfm
  severity: error
  message: "Telling the customer to read the docs"
  why: "It implies they did not try."
  extends: phrases
  phrases: ["read the docs", "rtfm"]
  unless: ["we"]
  suggest: ["see {match|lower} section"]
  examples:
    bad: [{text: "Just read the docs.", span: "read the docs", suggest: "see read the docs section"}]
    good: ["We should read the docs again."]
- id: en.style.shouting
  category: style
  severity: info
  message: "Shouting"
  why: "Capitals read as shouting."
  extends: regex
  pattern: '\\b(?P<word>[A-Z]{3,})\\b'
  case_sensitive: true
  guard: [urgent, now]
  examples:
    bad: [{text: "Do it NOW please", span: "NOW"}]
    good: ["do it now"]
- id: en.blame.you-forgot
  message: "Says the customer forgot"
  why: "Blame."
  extends: tokens
  patterns:
    - - {LOWER: you}
      - {LOWER: {IN: [forgot, missed]}, name: verb}
  suggest: ["the step was {verb|lower}"]
  examples:
    bad: [{text: "You forgot the key.", span: "You forgot"}]
    good: ["We forgot the key."]
"""


@pytest.fixture(scope="module")
def custom_pack(tmp_path_factory):
    root = tmp_path_factory.mktemp("packs")
    write_pack(root, CUSTOM)
    return root


@pytest.fixture(scope="module")
def custom_engine(custom_pack):
    ruleset = load_rules(extra_dirs=(custom_pack,), builtin=False)
    engine = Engine(ruleset)
    engine.compile_all()
    return engine


def test_custom_pack_loads_with_defaults(custom_engine):
    rules = {r.id: r for r in custom_engine.ruleset.rules}
    assert set(rules) == {"en.blame.rtfm", "en.style.shouting", "en.blame.you-forgot"}
    assert rules["en.blame.you-forgot"].category == "blame" and rules["en.blame.you-forgot"].severity == "warning"
    assert rules["en.style.shouting"].category == "style"


def test_custom_pack_examples(custom_engine):
    for spec in custom_engine.ruleset.rules:
        for example in spec.bad:
            found = [f for f in custom_engine.lint(Exchange(example.text)) if f.rule_id == spec.id]
            assert [f.text for f in found] == [example.span], spec.id
            if example.suggest:
                assert found[0].suggestions[0] == example.suggest
        for example in spec.good:
            assert not [f for f in custom_engine.lint(Exchange(example.text)) if f.rule_id == spec.id], spec.id


def test_custom_pack_findings(custom_engine):
    text = "Hi,\nYou forgot the key. Just read the docs, it is URGENT."
    findings = custom_engine.lint(Exchange(text))
    got = [(f.rule_id, f.text, f.line, f.column, f.suggestions) for f in findings]
    assert got == [
        ("en.blame.you-forgot", "You forgot", 2, 1, ("The step was forgot",)),
        ("en.blame.rtfm", "read the docs", 2, 26, ("see read the docs section",)),
        ("en.style.shouting", "URGENT", 2, 47, ()),
    ]
    for f in findings:
        assert text[f.start : f.end] == f.text


def test_custom_pack_through_the_cli(custom_pack, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("Just read the docs.\n", encoding="utf-8")
    runner = CliRunner()
    listed = runner.invoke(main, ["rules", "--packs", str(custom_pack), "--no-builtin", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert sorted(r["id"] for r in json.loads(listed.stdout)) == [
        "en.blame.rtfm", "en.blame.you-forgot", "en.style.shouting"]
    result = runner.invoke(main, ["check", str(reply), "--packs", str(custom_pack), "--no-builtin",
                                  "--fail-on", "error", "--format", "json"])
    assert result.exit_code == 1, result.output  # severity error
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule_id"] == "en.blame.rtfm" and finding["severity"] == "error"
    ignored = runner.invoke(main, ["check", str(reply), "--packs", str(custom_pack), "--no-builtin",
                                   "--ignore", "blame.rtfm"])
    assert ignored.exit_code == 0, ignored.output
    docs = runner.invoke(main, ["rule", "en.style.shouting", "--packs", str(custom_pack), "--no-builtin"])
    assert docs.exit_code == 0 and docs.stdout.startswith("en.style.shouting  (style, info, regex)")


def test_schema_and_pattern_problems_are_reported_together(tmp_path):
    path = write_pack(
        tmp_path,
        rule("extends: phrases\nphrases: [foo]\ncolour: red\n", rule_id="en.blame.one")
        + rule("extends: regex\npattern: '(?=a)b'\nguard: [a]\n", rule_id="en.blame.two"),
    )
    messages = [str(p) for p in _raw_problems(tmp_path)]
    assert any("colour" in m for m in messages)
    assert any("invalid regex" in m for m in messages)
    assert all(m.startswith(f"{path}:") for m in messages)


def test_regex_operator_in_token_pattern_is_guarded(tmp_path):
    write_pack(tmp_path, rule("extends: tokens\npatterns: [[{LOWER: {REGEX: '(?=a)'}}]]\n"))
    assert any("invalid REGEX" in str(p) for p in problems_of(tmp_path))


def test_unbalanced_template_brace_is_an_error(tmp_path):
    write_pack(tmp_path, rule("extends: phrases\nphrases: [foo]\nsuggest: ['{match']\n"))
    assert any("unbalanced" in str(p) for p in problems_of(tmp_path))


# ---------------------------------------------------------------- types are named in YAML terms


@pytest.mark.parametrize("extra,needle,message", [
    ("extends: phrases\nphrases: [foo]\nsuggest: {a: 1}\n", "suggest", "rule key 'suggest' must be a list, got a mapping"),
    ("extends: phrases\nphrases: {a: 1}\n", "phrases: {", "rule key 'phrases' must be a list, got a mapping"),
    ("extends: phrases\nphrases: foo\n", "phrases: foo", "rule key 'phrases' must be a list, got a string ('foo')"),
    ("extends: phrases\nphrases: [foo]\nunless: null\n", "unless", "rule key 'unless' must be a list, got null"),
    ("extends: [phrases]\nphrases: [foo]\n", "extends", "rule key 'extends' must be a string, got a list"),
    ("extends: phrases\nphrases: [foo]\nscope: true\n", "scope", "rule key 'scope' must be a string, got a boolean (true)"),
    ("extends: regex\npattern: 1.5\nguard: [x]\n", "pattern", "rule key 'pattern' must be a string, got a number (1.5)"),
    ("extends: regex\npattern: x\nguard: [x]\ncase_sensitive: 1\n", "case_sensitive",
     "rule key 'case_sensitive' must be a boolean, got a number (1)"),
])
def test_wrong_types_are_named_in_yaml_terms(tmp_path, extra, needle, message):
    path = write_pack(tmp_path, rule(extra))
    problems = problems_of(tmp_path, compile=False)
    assert [(p.line, p.message) for p in problems if "must be a" in p.message] == [(line_of(path, needle), message)]


def test_no_message_names_a_python_class(tmp_path):
    path = write_pack(tmp_path, "- id: en.blame.x\n  message: [m]\n  why: {w: 1}\n  extends: phrases\n  phrases: [foo]\n"
                                "  examples: [bad]\n  suggest: [null, 5, [x]]\n",
                      header="lang: en\ncategory: blame\nseverity: [warning]\nrules:\n")
    other = write_pack(tmp_path, "", header="lang: en\nrules: {a: 1}\n", name="other.yaml")
    examples = write_pack(tmp_path, "- id: en.blame.y\n  message: m\n  why: w\n  extends: phrases\n  phrases: [foo]\n"
                                    "  examples:\n    bad: [{text: 5, span: foo}]\n    good: {x: 1}\n", name="ex.yaml")
    problems = problems_of(tmp_path, compile=False)
    located = {(Path(p.path).name, p.line, p.message) for p in problems}
    for problem in problems:
        assert not re.search(r"Lined|NoneType|\b(None|dict|str|int|float|bool|tuple)\b", problem.message), problem
    assert {
        ("custom.yaml", line_of(path, "severity"), "pack key 'severity' must be a string, got a list"),
        ("custom.yaml", line_of(path, "message"), "rule key 'message' must be a string, got a list"),
        ("custom.yaml", line_of(path, "why"), "rule key 'why' must be a string, got a mapping"),
        ("custom.yaml", line_of(path, "examples"), "rule key 'examples' must be a mapping, got a list"),
        ("custom.yaml", line_of(path, "suggest"), "`suggest` items must be non-empty strings, got null"),
        ("custom.yaml", line_of(path, "suggest"), "`suggest` items must be non-empty strings, got 5"),
        ("custom.yaml", line_of(path, "suggest"), "`suggest` items must be non-empty strings, got a list"),
        ("other.yaml", line_of(other, "rules"), "pack key 'rules' must be a list, got a mapping"),
        ("ex.yaml", line_of(examples, "text: 5"), "bad example key 'text' must be a string, got a number (5)"),
        ("ex.yaml", line_of(examples, "good:"), "examples key 'good' must be a list, got a mapping"),
    } <= located, located


# ---------------------------------------------------------------- YAML syntax errors: the line to fix


@pytest.mark.parametrize("body,needle,message", [
    # an unterminated quote runs to the end of the file: the line is where it opens
    ('- id: en.blame.x\n  message: "never closed\n  why: w\n  extends: phrases\n\n', 'message: "never',
     "invalid YAML: unterminated quoted string (opened here, file ends at line 8)"),
    ("- id: en.blame.x\n  message: m\n  why: 'never closed\n  extends: phrases\n", "why: 'never",
     "invalid YAML: unterminated quoted string (opened here, file ends at line 7)"),
    # ... or to the next quote in the file, and the parser stops just after it
    ('- id: en.blame.x\n  message: "m\n  why: "w"\n  extends: phrases\n', 'message: "m',
     'invalid YAML: did not find expected key at line 6, where the quoted string opened here ends '
     '(missing closing quote?)'),
    # unclosed flow collections
    ("- id: en.blame.x\n  phrases: [foo, bar\n", "phrases:",
     "invalid YAML: unclosed '[' (opened here, file ends at line 5 without ']')"),
    ("- id: en.blame.x\n  examples: {bad: [x]\n  # a comment\n\n", "examples:",
     "invalid YAML: unclosed '{' (opened here, file ends at line 7 without '}')"),
    ("- id: en.blame.x\n  phrases: [foo, bar\n  why: w\n- id: en.blame.y\n", "phrases:",
     "invalid YAML: unclosed '[' (opened here; line 6 starts the next entry before a ']')"),
    ("- id: en.blame.x\n  patterns: [[{LOWER: a}, {LOWER: b}]\n- id: en.blame.y\n", "patterns:",
     "invalid YAML: unclosed '[' (opened here; line 6 starts the next entry before a ']')"),
    ("- id: en.blame.x\n  examples: {bad: [x], good: {y: 1}\n  why: w\n", "examples:",
     "invalid YAML: unclosed '{' (opened here; line 6 starts the next entry before a '}')"),
    # where the parser stops is the right line
    ("- id: en.blame.x\n  examples: {bad: [x],\n    good: [y] z}\n", "good: [y] z",
     "invalid YAML: did not find expected ',' or '}' (in the '{' opened at line 5)"),
    ('- id: en.blame.x\n  phrases: ["a, "b"]\n', "phrases:", "invalid YAML: did not find expected ',' or ']'"),
    ("- id: en.blame.x\n  why: |x\n    text\n", "why: |x", "invalid YAML: did not find expected comment or line break"),
    ("- id: en.blame.x\n  why: w\n    message: m\n", "message: m", "invalid YAML: mapping values are not allowed"),
    ("- id: en.blame.x\n  why: w\n  why: v\n", "why: v", "invalid YAML: duplicate key 'why'"),
    ('- id: en.blame.x\n  why: "bad \\q escape"\n', "why:", "invalid YAML: found unknown escape character"),
    ("- id: en.blame.x\n  suggest:\n    - |\n      text\n     more\n", "     more",
     "invalid YAML: did not find expected '-' indicator"),
])
def test_yaml_syntax_error_names_the_line_to_fix(tmp_path, body, needle, message):
    path = write_pack(tmp_path, body, header="lang: en\ncategory: blame\nrules:\n")
    (problem,) = problems_of(tmp_path, compile=False)
    assert (problem.path, problem.line) == (str(path), line_of(path, needle)), problem
    assert problem.message.startswith(message), problem


def test_unterminated_quote_before_a_document_marker(tmp_path):
    path = write_pack(tmp_path, "", header='lang: en\nrules:\n  - id: en.blame.x\n    message: "m\n---\nlang: ru\n')
    (problem,) = problems_of(tmp_path, compile=False)
    assert (problem.line, problem.message) == (line_of(path, 'message: "m'), "invalid YAML: unterminated quoted string "
                                               "(opened here, runs into the document marker at line 5)")


def test_a_closed_multiline_quote_is_fine(tmp_path):
    write_pack(tmp_path, '- id: en.blame.x\n  message: "two\n    lines"\n  why: w\n  extends: phrases\n'
                         '  phrases: [foo]\n  examples: {bad: [{text: "foo", span: "foo"}], good: ["ok"]}\n')
    assert load_rules(extra_dirs=(tmp_path,), builtin=False).rules[0].message == "two lines"


# ---------------------------------------------------------------- pack problems do not hide rule problems


def test_unknown_pack_key_does_not_hide_rule_problems(tmp_path):
    path = write_pack(tmp_path, rule("extends: phrases\nphrases: [foo]\ncolour: red\n", rule_id="en.blame.one")
                      + rule("extends: magic\n", rule_id="en.blame.two") + GOOD_RULE,
                      header="lang: en\ncategory: blame\nauthor: me\nrules:\n")
    problems = problems_of(tmp_path, compile=False)
    assert {(p.line, p.message.split(" (")[0]) for p in problems} == {
        (line_of(path, "author"), "unknown key 'author' in pack"),
        (line_of(path, "colour"), "unknown key 'colour' in rule"),
        (line_of(path, "magic"), "unknown rule type 'magic'"),
    }


def test_rules_are_checked_with_every_kind_of_pack_key_problem(tmp_path):
    path = write_pack(tmp_path, rule("extends: phrases\nphrases: [foo]\nseverity: fatal\n"),
                      header="lang: en\ncategory: [blame]\nseverity: loud\nauthor: me\nrules:\n")
    problems = problems_of(tmp_path, compile=False)
    assert sorted((p.line, p.message) for p in problems) == [
        (line_of(path, "category"), "pack key 'category' must be a string, got a list"),
        (line_of(path, "severity: loud"), "pack severity must be one of info, warning, error, got 'loud'"),
        (line_of(path, "author"), "unknown key 'author' in pack (allowed: category, fallback_rewrite, fallback_suggest, lang, lexicons, rules, severity)"),
        (line_of(path, "severity: fatal"), "severity must be one of info, warning, error, got 'fatal'"),
    ]


def test_a_bad_pack_default_is_reported_once_and_its_rules_are_left_out(tmp_path):
    path = write_pack(tmp_path, rule("extends: phrases\nphrases: [foo]\n", rule_id="en.blame.a")
                      + rule("extends: phrases\nphrases: [foo]\n", rule_id="en.blame.b"),
                      header="lang: en\ncategory: rudeness\nrules:\n")
    (problem,) = problems_of(tmp_path, compile=False)
    assert (problem.line, problem.message) == (
        line_of(path, "rudeness"), "pack category must be one of blame, formality, unanswered, redundant-question, style, register, got 'rudeness'")


def test_rules_of_a_pack_with_a_bad_lang_are_not_checked(tmp_path):
    write_pack(tmp_path, rule("extends: magic\n"), header="lang: de\nauthor: me\nrules:\n")
    assert sorted(p.message.split(" (")[0] for p in problems_of(tmp_path, compile=False)) == [
        "pack `lang` must be one of ru, en, got 'de'", "unknown key 'author' in pack"]


# ---------------------------------------------------------------- filter arguments of suggestion templates


@pytest.mark.parametrize("lang,template,message", [
    ("en", "{match|inflect:NOPE}", "inflect:NOPE: 'NOPE' is not a Penn tag lemminflect inflects to (known: VB, VBD, "),
    ("en", "{match|inflect:VBN,vbz}", "'vbz' is not a Penn tag"),
    ("en", "{match|inflect:PRTS}", "'PRTS' is not a Penn tag"),
    ("en", "{match|inflect:VBN,}", "inflect:VBN, has an empty item"),
    ("en", "{match|number:was}", "number needs SINGULAR/PLURAL, got 'was'"),
    ("en", "{match|number:a/b/c}", "number needs SINGULAR/PLURAL, got 'a/b/c'"),
    ("en", "{match|case:nom}", "case:nom: 'nom' is not a pymorphy3 case (known: ablt, acc2, accs, datv, gen1, gen2, "
                               "gent, loc1, loc2, loct, nomn, voct)"),
    ("ru", "{match|inflect:NOPE}", "inflect:NOPE: 'NOPE' is not a pymorphy3 grammeme (known: 1per, 2per, 3per, "),
    ("ru", "{match|inflect:VBN}", "'VBN' is not a pymorphy3 grammeme"),
    ("ru", "{match|inflect:PRTS,Sing}", "'Sing' is not a pymorphy3 grammeme"),
    ("ru", "{match|inflect:КР_ПРИЧ}", "'КР_ПРИЧ' is the Cyrillic alias of 'PRTS'"),
    ("ru", "{match|case:Nom}", "'Nom' is not a pymorphy3 case"),
])
def test_bad_filter_argument_is_reported_at_its_suggest_entry(tmp_path, lang, template, message):
    word = "foo" if lang == "en" else "фу"
    body = (f"- id: {lang}.blame.x\n  message: m\n  why: w\n  extends: phrases\n  phrases: [{word}]\n"
            f"  suggest:\n    - '{{match}}'\n    - '{template}'\n"
            f'  examples: {{bad: [{{text: "{word}", span: "{word}"}}], good: ["ok"]}}\n')
    path = write_pack(tmp_path, body, lang=lang)
    (problem,) = problems_of(tmp_path, compile=False)
    assert (problem.path, problem.line) == (str(path), line_of(path, template))
    assert problem.message.startswith(f"{lang}.blame.x: template {template!r}: ")
    assert message in problem.message, problem.message


def test_every_bad_filter_argument_of_a_pack_is_reported(tmp_path):
    path = write_pack(tmp_path, rule("extends: phrases\nphrases: [foo]\n"
                                     "suggest: ['{match|inflect:NOPE|case:x}', '{match|number:y}', '{match|inflect:VBZ}']\n"))
    problems = problems_of(tmp_path, compile=False)
    assert [p.line for p in problems] == [line_of(path, "suggest")] * 3
    assert ["inflect:NOPE:" in problems[0].message, "case:x:" in problems[1].message,
            "number needs SINGULAR/PLURAL, got 'y'" in problems[2].message] == [True, True, True]


@pytest.mark.parametrize("lang,template", [
    ("en", "{match|inflect:VBN}"), ("en", "{match|inflect:VBD,VBZ|lower}"), ("en", "{match|number:is/are}"),
    ("en", "{match|number:/s}"), ("ru", "{match|inflect:PRTS,sing,femn}"), ("ru", "{match|inflect:gen2}"),
    ("ru", "{match|case:gent}"), ("ru", "{match|case:loc2}"), ("ru", "{match|agree:match|capitalize}"),
])
def test_good_filter_arguments_load(tmp_path, lang, template):
    word = "foo" if lang == "en" else "фу"
    write_pack(tmp_path, f"- id: {lang}.blame.x\n  message: m\n  why: w\n  extends: phrases\n  phrases: [{word}]\n"
                         f"  suggest: ['{template}']\n"
                         f'  examples: {{bad: [{{text: "{word}", span: "{word}"}}], good: ["ok"]}}\n', lang=lang)
    Engine(load_rules(extra_dirs=(tmp_path,), builtin=False)).compile_all()


def test_known_filter_arguments_are_the_libraries_own():
    from lemminflect.core.LexicalUtils import uposToTags

    from replylint.morphology import ENGLISH_INFLECTION_TAGS, russian_cases, russian_grammemes
    from replylint.nlp import morph_analyzer

    assert set(ENGLISH_INFLECTION_TAGS) == {tag for upos in ("VERB", "AUX", "ADJ", "ADV", "NOUN")
                                            for tag in uposToTags(upos)}
    tag_class = morph_analyzer().TagClass
    assert set(russian_grammemes()) <= tag_class.KNOWN_GRAMMEMES
    assert russian_cases() == tag_class.CASES


def test_builtin_templates_use_known_filter_arguments():
    from replylint.packs import builtin_rules_dir
    from replylint.suggest import template_argument_errors

    ruleset = load_rules()
    templates = [(spec.lang, t) for spec in ruleset.rules for t in spec.suggest]
    assert any("inflect:" in t for _, t in templates)
    assert [(lang, t) for lang, t in templates if template_argument_errors(t, lang)] == []
    assert builtin_rules_dir().is_dir()


# ---------------------------------------------------------------- named lexicons

def test_token_patterns_refer_to_the_packs_lexicons(tmp_path):
    from replylint.engine import Exchange

    header = "lang: en\ncategory: blame\nlexicons:\n  addressee: [you, u]\n  fault: [broke, deleted]\nrules:\n"
    body = rule("extends: tokens\npatterns:\n  - [{LOWER: {IN: '@addressee'}}, {LOWER: {IN: ['@fault', wrecked]}}]\n",
                examples=False) + '  examples: {bad: [{text: "u deleted it", span: "u deleted"}], good: ["we broke it"]}\n'
    write_pack(tmp_path, body, header=header)
    ruleset = load_rules(extra_dirs=(tmp_path,), builtin=False)
    engine = Engine(ruleset)
    assert [f.text for f in engine.lint(Exchange("You broke it, and u wrecked the rest."))] == ["You broke", "u wrecked"]


def test_a_lexicon_may_spell_out_a_lexicon_named_above_it(tmp_path):
    from replylint.engine import Exchange

    header = ("lang: en\ncategory: blame\nlexicons:\n  rash: [reckless, silly]\n"
              "  verdict: ['@rash', unwise]\n  later: ['@after']\n  after: [x]\nrules:\n")
    body = rule("extends: tokens\npatterns:\n  - [{LOWER: was}, {LOWER: {IN: '@verdict'}}]\n", examples=False) + \
        '  examples: {bad: [{text: "that was silly", span: "was silly"}], good: ["that was fine"]}\n'
    path = write_pack(tmp_path, body, header=header)
    problems = {(p.line, p.message) for p in problems_of(tmp_path, compile=False)}
    assert problems == {(line_of(path, "later:"), "lexicon 'later' names '@after', which is not a lexicon above it")}
    header = header.replace("  later: ['@after']\n", "")
    write_pack(tmp_path, body, header=header)
    engine = Engine(load_rules(extra_dirs=(tmp_path,), builtin=False))
    assert [f.text for f in engine.lint(Exchange("It was reckless, it was unwise, it was fine."))] == \
        ["was reckless", "was unwise"]


def test_a_word_map_lexicon_feeds_patterns_its_words_and_templates_its_plain_forms(tmp_path):
    from replylint.engine import Exchange

    header = "lang: ru\ncategory: blame\nlexicons:\n  cute: {кнопочка: кнопка, синенький: синий}\nrules:\n"
    body = rule("extends: tokens\npatterns:\n  - [{LEMMA: {IN: '@cute'}}]\nsuggest: ['{match|map:@cute}']\n",
                rule_id="ru.blame.x", examples=False) + \
        '  examples: {bad: [{text: "жмите кнопочку", span: "кнопочку", suggest: "кнопку"}], good: ["жмите кнопку"]}\n'
    write_pack(tmp_path, body, lang="ru", header=header)
    engine = Engine(load_rules(extra_dirs=(tmp_path,), builtin=False))
    found = engine.lint(Exchange("Нажмите на синенькую кнопочку."))
    assert [(f.text, f.suggestions[0]) for f in found] == [("синенькую", "синюю"), ("кнопочку", "кнопку")]


def test_a_template_naming_no_word_map_is_an_error(tmp_path):
    header = "lang: en\ncategory: blame\nlexicons:\n  addressee: [you, u]\nrules:\n"
    body = rule("extends: phrases\nphrases: ['u']\nsuggest: ['{match|map:@addressee}']\n")
    write_pack(tmp_path, body, header=header)
    messages = [p.message for p in problems_of(tmp_path, compile=False)]
    assert any("map:@addressee: the pack has no word map 'addressee'" in m for m in messages), messages


def test_an_unknown_or_malformed_lexicon_is_an_error_at_its_line(tmp_path):
    header = "lang: en\ncategory: blame\nlexicons:\n  addressee: [you, u]\n  Bad Name: [x]\n  empty: []\nrules:\n"
    body = rule("extends: tokens\npatterns:\n  - [{LOWER: {IN: '@adressee'}}, {LOWER: it}]\n")
    path = write_pack(tmp_path, body, header=header)
    problems = {(p.line, p.message) for p in problems_of(tmp_path, compile=False)}
    assert (line_of(path, "Bad Name"), "lexicon names are lowercase words (a-z, 0-9, _ and -), got 'Bad Name'") \
        in problems
    assert (line_of(path, "empty:"), "lexicon 'empty' must list words (non-empty strings), got a list") in problems
    assert (line_of(path, "patterns:"), "unknown lexicon '@adressee' (this pack's lexicons: @addressee)") in problems


def test_a_pack_fallback_suggestion_follows_each_text_rules_own_templates(tmp_path):
    header = 'lang: en\ncategory: blame\nfallback_suggest: ["{match|drop:sentence}"]\nrules:\n'
    write_pack(tmp_path, rule("extends: phrases\nphrases: ['we have been over this']\n", examples=False)
               + '  examples: {bad: [{text: "We have been over this.", span: "We have been over this"}], '
                 'good: ["ok"]}\n'
               + rule("extends: phrases\nphrases: ['rtfm']\nsuggest: ['see the manual']\n", rule_id="en.blame.y"),
               header=header)
    engine = Engine(load_rules(extra_dirs=(tmp_path,), builtin=False))
    by_text = {f.text: f.suggestions for f in engine.lint(Exchange("We have been over this. Hi, we have been over "
                                                                   "this before. RTFM."))}
    # a whole sentence goes; the same words inside a longer sentence get no suggestion
    assert by_text == {"We have been over this": ("",), "we have been over this": (), "RTFM": ("See the manual", "")}
    bad = write_pack(tmp_path / "bad", rule("extends: phrases\nphrases: ['x']\n"),
                     header='lang: en\ncategory: blame\nfallback_suggest: ["{match|inflect:NOPE}"]\nrules:\n')
    problems = problems_of(tmp_path / "bad")
    assert any(p.line == line_of(bad, "fallback_suggest") and "NOPE" in p.message for p in problems)


def test_a_pack_fallback_rewrite_must_name_rewrite_or_tone_rules_in_the_pack(tmp_path):
    path = write_pack(tmp_path, rule("extends: phrases\nphrases: ['x']\n"),
                      header="lang: en\ncategory: blame\nfallback_rewrite: en.blame.x\nrules:\n")
    (problem,) = problems_of(tmp_path, compile=False)
    assert problem.line == line_of(path, "fallback_rewrite")
    assert problem.message == ("fallback_rewrite names no rewrite rule (`extends: rewrite`) or tone rule with a "
                               "`rewrite:` in this pack: 'en.blame.x' (this pack's: none)")
    write_pack(tmp_path, rule("extends: phrases\nphrases: ['x']\n"),
               header="lang: en\ncategory: blame\nfallback_rewrite: []\nrules:\n")
    (problem,) = problems_of(tmp_path, compile=False)
    assert "an empty list" in problem.message


def test_a_construction_rewrite_serves_a_finding_that_has_no_rewrite_of_its_own(tmp_path):
    """`extends: rewrite` makes no finding itself; a pack rule without a template
    borrows it through `fallback_rewrite`, and the rewritten sentence replaces its sentence."""
    from replylint.engine import Engine, Exchange
    from replylint.packs import load_rules

    passive = ("- id: en.blame.passive-test\n  message: m\n  why: w\n  extends: rewrite\n"
               "  patterns: [[{LOWER: you}, {LOWER: deleted, name: verb}, {LOWER: the}, {LOWER: file, name: obj}]]\n"
               "  suggest: ['the {obj} was {verb}']\n"
               "  examples: {bad: [{text: 'you deleted the file', span: 'you deleted the file'}], good: [x]}\n")
    write_pack(tmp_path, rule("extends: phrases\nphrases: ['suspect you']\n") + passive,
               header="lang: en\ncategory: blame\nfallback_rewrite: [en.blame.passive-test]\nrules:\n")
    engine = Engine(load_rules((str(tmp_path),), builtin=False))
    text = "Hello. I suspect you deleted the file yesterday. Thanks."
    (finding,) = engine.lint(Exchange(text))
    assert finding.text == "suspect you"
    assert finding.suggestions == ("I suspect the file was deleted yesterday.",)
    assert text[finding.fix_start:finding.fix_end] == "I suspect you deleted the file yesterday."
    assert not engine.lint(Exchange("You deleted the file yesterday."))


def test_unless_within_clause_looks_for_the_veto_only_in_the_matchs_clause(tmp_path):
    """`unless_within: clause`: a veto word after a colon, semicolon or dash belongs to another statement
    ("We checked the log: you forgot the key"); in the match's own clause it still cancels it."""
    body = ""
    for rule_id, within in (("en.blame.clause", "\nunless_within: clause"), ("en.blame.sentence", "")):
        body += rule(f"extends: tokens\npatterns: [[{{LOWER: you}}, {{LOWER: forgot}}]]\nunless: [we]{within}\n",
                     rule_id=rule_id, examples=False)
        body += '  examples: {bad: [{text: "You forgot it.", span: "You forgot"}], good: ["We know you forgot."]}\n'
    write_pack(tmp_path, body)
    engine = Engine(load_rules(extra_dirs=(tmp_path,), builtin=False))

    def flagged(text):
        return sorted(f.rule_id for f in engine.lint(Exchange(text)))
    assert flagged("We checked the log: you forgot the key.") == ["en.blame.clause"]
    assert flagged("We checked the log; you forgot the key.") == ["en.blame.clause"]
    assert flagged("You forgot the key — we checked the log.") == ["en.blame.clause"]
    assert flagged("We checked, and you forgot the key.") == []
    assert flagged("You forgot the key.") == ["en.blame.clause", "en.blame.sentence"]
