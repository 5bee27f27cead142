"""What a real inbox or a hostile input throws at replylint: long inputs,
punctuation runs, Unicode evasions, closed streams, several inputs with one
bad. Each test reproduces a failure found by trying (issue: hardening)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.engine import PIECE_CHARS, Exchange, split_into_pieces
from replylint.errors import InputError

RU_BAD = "Вы указали неверные настройки."
EN_BAD = "You should have read the docs."
REPO = Path(__file__).resolve().parent.parent


def _check_spans(text: str, findings) -> None:
    for f in findings:
        assert text[f.start : f.end] == f.text
        before = text[: f.start]
        assert (f.line, f.column) == (before.count("\n") + 1, f.start - (before.rfind("\n") + 1) + 1)


# ---------------------------------------------------------------- long input


@pytest.mark.parametrize("separator", ["\n", " "], ids=["lines", "one-line"])
def test_input_over_spacys_max_length_is_linted_whole(engine, separator):
    filler = "Спасибо за письмо, мы проверили журнал сервера и настройки." + separator
    text = RU_BAD + separator + filler * (1_100_000 // len(filler)) + RU_BAD
    assert len(text) > 1_000_000  # spaCy's max_length
    findings = [f for f in engine.lint(Exchange(text)) if f.rule_id == "ru.blame.you-did-wrong"]
    assert [f.start for f in findings] == [0, text.rindex("Вы")]
    _check_spans(text, findings)


def test_pieces_end_at_line_sentence_or_space_and_cover_the_text():
    text = ("Первая строка. " * 5000 + "\n") * 30 + "x" * 250_000
    pieces = list(split_into_pieces(text, 0, len(text)))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(end - start <= PIECE_CHARS for start, end in pieces)
    # cut after a line break when there is one, else after a sentence end
    assert all(text[end - 1] in "\n." or text[end - 1] == "x" for _, end in pieces[:-1])


# ---------------------------------------------------------------- quadratic tokenization


@pytest.mark.parametrize("run", ["!" * 20000, "'s" * 20000, "(" * 20000, "😀" * 20000, "?!" * 10000])
def test_long_runs_are_cut_before_the_tokenizer(engine, run):
    text = f"Hello. {run} {EN_BAD}"
    clean = engine.cleaner.clean(text)
    assert len(clean.text) < 200  # the run no longer reaches the tokenizer
    started = time.perf_counter()
    findings = engine.lint(Exchange(text))
    # spaCy alone took about a minute on the first of these; a wide bound
    # against a return of the quadratic cost, not a speed target
    assert time.perf_counter() - started < 20
    assert [f.text for f in findings if f.rule_id != "en.blame.tone"] == ["You should have read"]
    _check_spans(text, findings)


def test_tokenizer_suffix_search_is_bounded(engine):
    nlp = engine.linter("en").nlp
    started = time.perf_counter()
    doc = nlp.make_doc("x" + "!" * 900)  # below the cleaning cap: the tokenizer must cope itself
    assert len(doc) == 901
    assert [t.text for t in nlp.make_doc("it's done... (really)!")] == ["it", "'s", "done", "...", "(", "really", ")", "!"]
    assert time.perf_counter() - started < 5


# ---------------------------------------------------------------- Unicode evasions


@pytest.mark.parametrize("text,span", [
    ("You should’ve read the docs.", "You should’ve read"),
    ("You didn’t read the docs, obviously.", "obviously"),
    ("Вы ука\u200bзали неверные настройки.", "Вы ука\u200bзали неверные настройки"),
    ("Вы указали невер\u00adные настройки.", "Вы указали невер\u00adные настройки"),
    ("Вы указали неверные настрои\u0306ки.", "Вы указали неверные настрои\u0306ки"),
    ("Вы указа\u0301ли неверные настройки.", "Вы указа\u0301ли неверные настройки"),
    ("Вы \u200eуказали\u200f неверные настройки.", "Вы \u200eуказали\u200f неверные настройки"),
    ("Вы указали\u2066 неверные\u2069 настройки.", "Вы указали\u2066 неверные\u2069 настройки"),
    ("\x07You should have read the docs.", "You should have read"),
    ("Вы указали неверные\x1bнастройки.", "Вы указали неверные\x1bнастройки"),
])
def test_unicode_evasions_are_normalised_and_spans_point_at_the_original(engine, text, span):
    findings = engine.lint(Exchange(text))
    assert span in [f.text for f in findings], findings
    _check_spans(text, findings)


def test_decomposed_yo_matches_like_the_composed_letter(engine):
    composed = engine.cleaner.clean("Ещё раз: вы всё перепутали.").text
    assert engine.cleaner.clean("Еще\u0308 раз: вы все\u0308 перепутали.").text == composed


def test_lone_surrogate_through_the_api_is_the_clis_error(engine):
    with pytest.raises(InputError) as info:
        engine.lint(Exchange("ok", ("fine", "bad \ud800 text")))
    (problem,) = info.value.problems
    assert str(problem) == "`customer[1]` contains a lone surrogate (U+D800) at character 4, which is not valid Unicode text"
    result = CliRunner().invoke(main, ["check", "--json-input", "-"], input='{"reply": "ok \\ud800"}')
    assert result.exit_code == 2 and "`reply` contains a lone surrogate (U+D800) at character 3" in result.stderr


# ---------------------------------------------------------------- streams


def _cli(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "replylint", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, **kwargs)


def _shell(command: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, cwd=REPO)


@pytest.fixture()
def reply_file(tmp_path) -> Path:
    path = tmp_path / "reply.txt"
    path.write_text(RU_BAD, encoding="utf-8")
    return path


def test_closed_stdin_is_one_line_and_exit_2():
    result = _shell(f"{sys.executable} -m replylint check - <&-")
    assert result.returncode == 2
    assert result.stderr == "replylint: error: <stdin>: standard input is closed: nothing to read\n"


def test_closed_stdout_is_one_line_and_exit_2(reply_file):
    result = _shell(f"{sys.executable} -m replylint check {reply_file} >&-")
    assert result.returncode == 2
    assert result.stderr == "replylint: error: standard output is closed: nowhere to write the report\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["check {reply}", "check {reply} --format json", "rules"])
def test_full_output_is_one_line_and_exit_2(reply_file, command):
    result = _shell(f"{sys.executable} -m replylint {command.format(reply=reply_file)} > /dev/full")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


# ---------------------------------------------------------------- several inputs


def test_one_bad_file_among_several_the_others_are_still_reported(tmp_path, reply_file):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01")
    other = tmp_path / "other.txt"
    other.write_text(EN_BAD, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(reply_file), str(binary), str(other), "--format", "json"])
    assert result.exit_code == 2
    paths = [f["path"] for f in json.loads(result.stdout)["findings"]]
    assert set(paths) == {str(reply_file), str(other)}
    assert result.stderr.strip() == f"replylint: error: {binary}:1: binary data (NUL byte), expected UTF-8 text"


def test_text_summary_counts_are_plural(reply_file, tmp_path):
    twice = tmp_path / "twice.txt"
    twice.write_text(f"{RU_BAD} {RU_BAD}", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(twice), "--select", "ru.blame.you-did-wrong"])
    assert "Found 2 problems (2 warnings)." in result.stdout


# ---------------------------------------------------------------- papercuts


def test_eval_runs_on_the_shipped_examples_and_its_help_names_a_real_file():
    result = CliRunner().invoke(main, ["eval", str(REPO / "examples" / "eval"), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["cases"] >= 10 and report["by_category"]["blame"]["recall"] == 1.0
    help_text = CliRunner().invoke(main, ["eval", "--help"]).stdout
    assert "examples/eval/README.md" in help_text and (REPO / "examples" / "eval" / "README.md").is_file()


def test_venv_is_ignored_by_git():
    assert ".venv/" in (REPO / ".gitignore").read_text().split()


# ---------------------------------------------------------------- found by bench/fuzz.py


@pytest.mark.parametrize("separator", ["-------- Пересылаемое сообщение --------", "-------- Original message --------"])
def test_history_separator_with_crlf_line_ends(engine, separator):
    text = f"Thanks!\r\n{separator}\r\nYou should know this by now. It's not rocket science.\r\n"
    assert engine.lint(Exchange(text)) == []


def test_broken_markup_left_as_data_is_not_linted(engine):
    text = "<![CDATA[x Вы ввели неправильный<br/>\r\n"
    for f in engine.lint(Exchange(text)):
        assert "<" not in f.text and ">" not in f.text


def test_letter_without_a_unicode_name_in_a_rewrite(engine):
    # pymorphy3 looks up unicodedata.name() of each letter; U+17000 has none
    findings = engine.lint(Exchange("Вы ввели 𗀀ИНН с ошибкой."))
    assert findings and findings[0].text == "Вы ввели 𗀀ИНН с ошибкой"


def test_unless_phrases_in_a_long_sentence(engine):
    # one sentence of 20,000 tokens: finding each match's sentence must not walk it
    text = "obviously " * 20000
    started = time.perf_counter()
    findings = engine.lint(Exchange(text))
    assert sum(1 for f in findings if f.rule_id == "en.blame.condescending-adverb") == 20000
    assert time.perf_counter() - started < 30  # was quadratic (minutes); not a speed target


@pytest.mark.parametrize("text", ["<![x Вы неправильно поняли <br>", "Вы неправильно поняли <br/>",
                                  "<p>Вы неправильно поняли <br/></p>"])
def test_no_finding_ends_in_markup_or_whitespace(engine, text):
    # html.parser gives up on "<![x": tags are cut with a plain pattern instead
    for f in engine.lint(Exchange(text)):
        assert "<" not in f.text and f.text == f.text.strip()


@pytest.mark.parametrize("text", [
    "Спасибо. " + "\t" * 200_000 + "Вы указали неверные настройки.",   # tabs without a line break
    ("a" * 1000 + " ") * 300 + "\nВы указали неверные настройки.",      # words just under the cut
    ("!" * 16 + "a ") * 30_000 + "\nВы указали неверные настройки.",   # symbol runs just under the cut
], ids=["tabs", "long-words", "symbol-runs"])
def test_cleaning_regexes_start_only_at_run_starts(engine, text):
    started = time.perf_counter()
    findings = engine.lint(Exchange(text))
    # each took seconds to minutes when every character of a run restarted the scan
    assert time.perf_counter() - started < 20
    assert [f.text for f in findings if f.rule_id == "ru.blame.you-did-wrong"] == ["Вы указали неверные настройки"]
