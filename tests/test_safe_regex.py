"""Pack regexes run on RE2: patterns that make a backtracking engine hang
are matched in linear time, and what RE2 cannot run is a pack error."""

from __future__ import annotations

import re
import textwrap
import time
from pathlib import Path

import pytest

from replylint.engine import Engine, Exchange
from replylint.errors import ConfigError
from replylint.packs import load_rules
from replylint.safe_regex import UnsafeRegex, compile_regex


def _pack(root: Path, lang: str, body: str) -> Path:
    path = root / lang / "custom.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"lang: {lang}\ncategory: blame\nrules:\n" + textwrap.indent(body, "  "), encoding="utf-8")
    return path


def _regex_rule(pattern: str, guard: str, example: str, span: str, rule_id: str = "en.blame.x") -> str:
    return textwrap.dedent(f"""\
        - id: {rule_id}
          message: m
          why: w
          extends: regex
          pattern: '{pattern}'
          guard: [{guard}]
          examples: {{bad: [{{text: "{example}", span: "{span}"}}], good: ["ok"]}}
        """)


def _token_rule(token_patterns: str, example: str, span: str) -> str:
    return textwrap.dedent(f"""\
        - id: en.blame.x
          message: m
          why: w
          extends: tokens
          patterns: {token_patterns}
          examples: {{bad: [{{text: "{example}", span: "{span}"}}], good: ["ok"]}}
        """)


def _engine(root: Path) -> Engine:
    engine = Engine(load_rules(extra_dirs=(root,), builtin=False))
    engine.compile_all()
    return engine


# each took minutes (exponential backtracking) on a 28-character input with Python's `re`
HOSTILE = [r"(a|a)*b", r"(.*a){12}x", r"\w*\w*\w*\w*\w*\w*\w*x", r"(a+)+b", r"(?:x|(?:ab*)*)c"]


@pytest.mark.parametrize("pattern", HOSTILE)
def test_hostile_pattern_matches_in_linear_time(tmp_path, pattern):
    _pack(tmp_path, "en", _regex_rule(pattern, "a", "ab", "ab"))
    engine = _engine(tmp_path)
    started = time.perf_counter()
    engine.lint(Exchange("a" * 28 + "!"))
    engine.lint(Exchange("a" * 5000 + "c " * 100))
    # a backtracking engine needs minutes here; generous bound for a loaded machine
    assert time.perf_counter() - started < 5


def test_hostile_token_regex_matches_in_linear_time(tmp_path):
    _pack(tmp_path, "en", _token_rule("[[{LOWER: you}, {LOWER: {REGEX: '(.*a){12}x'}}]]", "you ax", "you ax"))
    engine = _engine(tmp_path)
    started = time.perf_counter()
    assert engine.lint(Exchange("you " + "a" * 30)) == []
    assert len(engine.lint(Exchange("you " + "a" * 12 + "x"))) == 1
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("pattern,reason", [
    (r"(a)\1", "invalid escape"),
    (r"(?<=a)b", "invalid perl operator"),
    (r"(?=a)b", "invalid perl operator"),
    (r"(unclosed", "missing )"),
    (r"\bfoo\b", "word boundaries are ASCII-only"),
    (r"[\W]", r"`\W` inside a character class"),
])
def test_constructs_re2_cannot_run_are_refused_with_the_reason(pattern, reason):
    with pytest.raises(UnsafeRegex, match=re.escape(reason)):
        compile_regex(pattern)


def test_refused_regex_is_a_pack_error_with_file_and_line(tmp_path):
    path = _pack(tmp_path, "en", _regex_rule(r"(a)\1", "a", "aa", "aa"))
    with pytest.raises(ConfigError) as info:
        _engine(tmp_path)
    (problem,) = info.value.problems
    assert problem.path == str(path) and problem.line == 8
    assert "invalid regex" in problem.message and "RE2" in problem.message


def test_refused_token_regex_is_a_pack_error(tmp_path):
    _pack(tmp_path, "en", _token_rule("[[{LOWER: {REGEX: '(?<=a)b'}}]]", "ab", "ab"))
    with pytest.raises(ConfigError) as info:
        _engine(tmp_path)
    assert any("invalid REGEX" in p.message and p.line == 8 for p in info.value.problems)


def test_word_class_is_unicode_as_in_python():
    regex = compile_regex(r"(?P<verb>\w+)ли\W")
    match = regex.search("Вы указали неверные настройки")
    assert match.group(0) == "указали "
    assert compile_regex("ВЫ", ignore_case=True).search("вы") is not None
    assert compile_regex("ВЫ").search("вы") is None


def test_russian_regex_rule_with_named_capture_and_rewrite(tmp_path):
    _pack(tmp_path, "ru", textwrap.dedent("""\
        - id: ru.blame.x
          message: m
          why: w
          extends: regex
          pattern: 'вы (?P<verb>\\w+ли) неверн\\w+'
          guard: [неверн]
          suggest: ['{verb|upper}']
          examples: {bad: [{text: "Вы указали неверный порт.", span: "Вы указали неверный"}], good: ["ok"]}
        """))
    (finding,) = _engine(tmp_path).lint(Exchange("Вы указали неверный порт."))
    assert finding.text == "Вы указали неверный" and finding.suggestions == ("УКАЗАЛИ",)


def test_word_boundary_works_in_english_packs_and_is_refused_in_russian_ones(tmp_path):
    _pack(tmp_path, "en", _regex_rule(r"\bnow\b", "now", "do it now", "now"))
    engine = _engine(tmp_path)
    assert [f.text for f in engine.lint(Exchange("Do it now, not in the knowledge base."))] == ["now"]
    russian = tmp_path / "ru-pack"
    path = _pack(russian, "ru", _regex_rule(r"\bвы\b", "вы", "вы", "вы", rule_id="ru.blame.x"))
    with pytest.raises(ConfigError) as info:
        _engine(russian)
    (problem,) = info.value.problems
    assert problem.path == str(path) and "never match next to a Cyrillic letter" in problem.message
