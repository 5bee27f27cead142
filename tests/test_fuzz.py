"""Fuzzing in CI: the generators and checks of bench/fuzz.py on a few hundred
small and medium inputs (fixed seed), plus a short scaling probe of long runs
and one input past 1,000,000 characters. Each family of failure kinds is its
own test case, so a family that fails shows by name without hiding the
others. The full run: `python bench/fuzz.py`."""

import importlib.util
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from replylint.finding import Finding

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("replylint_bench_fuzz", ROOT / "bench" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = fuzz  # dataclasses look their module up
_spec.loader.exec_module(fuzz)

SEED = fuzz.DEFAULT_SEED
COUNT = 300
MAX_CHARS = 20_000
CLI_EVERY = 30  # ~10 inputs through `python -m replylint check`, in 3 processes
# long runs of punctuation, at sizes where quadratic time already shows
PROBE_UNITS = [u for u in fuzz.RUN_UNITS if u[0] in {"!", "?!", ".", "-", "…", ")", "'s", "a.", "a!", "short-lines",
                                                      "combining", "obviously"}]
PROBE_SIZES = (2_000, 8_000, 32_000)

# Kinds the full run (`python bench/fuzz.py`, 10,000 inputs) found on
# 2026-12-01 at 0b007f1, when the fuzzer was written: lone surrogates
# (UnicodeEncodeError instead of InputError), inputs over 1,000,000 characters
# (spaCy E088), quadratic punctuation runs ("!" * n, "?!" * n, "…" * n, ...),
# Unicode evasions (soft hyphen, ZWSP, LRM, NFD, stress marks, curly
# apostrophes hid a blame phrase), quoted history (CRLF separators, unquoted
# history after "On … wrote:" / Outlook headers), findings running into broken
# markup, a crash on letters without a Unicode name and a long sentence of
# "obviously" quadratic in its `unless:` vetoes. All are fixed and each is a
# plain regression case below (a kind that fails again fails its own case).


@pytest.fixture(scope="module")
def run(engine):
    cases = (fuzz.make_case(SEED, index, MAX_CHARS) for index in range(COUNT))
    stats = fuzz.fuzz(engine, cases, input_timeout=10, cli_every=CLI_EVERY)
    stats.probes = fuzz.scaling_probe(engine, PROBE_UNITS, PROBE_SIZES, stop_after=1.0, timeout=3.0)
    for case, failure in fuzz.probe_failures(stats.probes):
        stats.add_failure(case, failure)
    return stats


def _report(failures: dict) -> str:
    lines = []
    for kind, entry in sorted(failures.items()):
        case, failure = min(entry["cases"], key=lambda cf: len(cf[0]))
        lines.append(f"{kind} x{entry['count']}: {failure.detail}\n    {fuzz.literal(case.reply, 300)}"
                     f"\n    ({case.detail}; python bench/fuzz.py --seed {SEED} --only {case.index})")
    return "\n".join(lines)


@pytest.mark.parametrize("family", list(fuzz.FAMILIES))
def test_no_failures(run, family):
    found = {kind: entry for kind, entry in run.failures.items() if fuzz.family_of(kind) == family}
    assert not found, _report(found)


def test_every_failure_kind_has_a_family(run):
    assert not [kind for kind in run.failures if fuzz.family_of(kind) == "other"]


def test_the_run_covers_every_generator_and_the_cli(run):
    assert run.tried == COUNT
    assert set(run.by_generator) == set(fuzz.GENERATORS)
    assert run.cli_inputs >= COUNT // CLI_EVERY - 2  # minus failed or blank ones


def test_long_input(engine):
    """Over spaCy's 1,000,000-character limit (E088 at 0b007f1)."""
    case = fuzz.long_case(SEED)
    assert len(case.reply) > 1_000_000
    # the 5 s bar is the full run's (bench/fuzz.py); here: no exception, exact spans
    result = fuzz.check_case(engine, case, timeout=60, check_time=False)
    assert not result.failures, result.failures[:3]
    assert result.findings


def _case(*parts, generator="text", detail="known reproducer"):
    """Parts: text, or (text, role) for history, tag and surrogate parts."""
    out = []
    for group, part in enumerate(parts, 1):
        text, role = (part, "text") if isinstance(part, str) else part
        out.append(fuzz.Part(text, role, group, role != "text"))
    return fuzz.Case(0, generator, detail, tuple(out))


def _evasion(artefact, plain, text):
    target = fuzz.Part(text, "target", 2, True, plain=plain)
    return fuzz.Case(0, "evasion", f"blame sentence with {artefact}", (fuzz.Part("Hello\n", "text", 1), target))


_OUTLOOK = ('<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font '
            'face="Calibri" style="font-size:11pt"><b>From:</b> Bob Smith &lt;bob@example.com&gt;<br><b>Sent:</b> '
            "Monday, January 15, 2024 10:15 AM<br><b>To:</b> Support<br><b>Subject:</b> RE: Login problem</font>"
            "<div>&nbsp;</div></div><div><div>Как я уже&nbsp;писал, нужно перезагрузить роутер.</div></div>")

# one minimal reproducer per failure kind the full run found (see above)
REPRODUCERS = {
    "lone-surrogate-no-input-error": _case("Hi ", ("\udbff", "surrogate")),
    "exception:ValueError@shapes.py:is_latin_char": _case("Вы ввели \U00017000ИНН с ошибкой."),
    "flagged-history:forwarded": _case("Добрый день!", ("\r\nНачало пересылаемого сообщения:\r\nВы указали неверные "
                                                       "настройки.", "history"), detail="history (forwarded)"),
    "flagged-history:original-message": _case("Hi,", ("\r\n-------- Original message --------\r\nSimply restart "
                                                      "it, it's not rocket science.", "history"),
                                              detail="history (original-message)"),
    "flagged-history:attribution-unprefixed": _case(
        "Добрый день!", ("\n15.01.2024 10:15, Иван Петров пишет:\nВы указали неверную дату рождения.", "history"),
        detail="history (attribution-unprefixed)"),
    "flagged-history:outlook-html": _case((_OUTLOOK, "history"), generator="html", detail="history: outlook-html"),
    "flagged-tag": _case("<![x Вы неправильно поняли ", ("<br>", "tag"), generator="html"),
    "evasion:bidi-isolate": _evasion("bidi-isolate", "You didn't read the manual.", "You \u2066didn't\u2069 read the manual."),
    "evasion:bom-inside": _evasion("bom-inside", "You failed to follow the instructions.",
                                   "You \ufefffailed to follow the instructions."),
    "evasion:curly-apostrophe": _evasion("curly-apostrophe", "You didn't read the manual.", "You didn\u2019t read the manual."),
    "evasion:lrm": _evasion("lrm", "Вы неправильно вводите пароль.", "Вы\u200e неправильно\u200e вводите пароль."),
    "evasion:nfd": _evasion("nfd", "Вы ввели ИНН получателя с ошибкой.", "Вы ввели ИНН получателя с ошибкои\u0306."),
    "evasion:rlo": _evasion("rlo", "This is your fault.", "This is \u202eyour\u202c fault."),
    "evasion:soft-hyphen": _evasion("soft-hyphen", "You should have read the docs.", "You shou\xadld have rea\xadd the docs."),
    "evasion:stress-mark": _evasion("stress-mark", "Вы указали неверные настройки.", "Вы\u0301 указали неверные настройки."),
    "evasion:word-joiner": _evasion("word-joiner", "You messed up the configuration.",
                                    "You me\u2060ssed up the configu\u2060ration."),
    "evasion:zwnj": _evasion("zwnj", "Вы указали неверные настройки.", "Вы указ\u200cали неверные настройки."),
    "evasion:zwsp": _evasion("zwsp", "This is your fault.", "T\u200bhis is your fault."),
}
# quadratic runs: 8,000 characters took 4-20 s at 0b007f1, milliseconds since
RUNS = ["!", "?!", "…", "=", '"', "'s", ")", ":)", "😀", "«»"]


@pytest.mark.parametrize("kind", list(REPRODUCERS))
def test_known_reproducer(engine, kind):
    failures = fuzz.check_case(engine, REPRODUCERS[kind], timeout=10).failures
    assert not failures, failures


@pytest.mark.parametrize("unit", RUNS)
def test_long_punctuation_run_is_not_quadratic(engine, unit):
    text = unit * (16_000 // len(unit))
    case = _case(f"Вы указали неверные настройки. {text} Obviously you didn't restart it.")
    result = fuzz.check_case(engine, case, timeout=30)
    # quadratic, this took 15-80 s; a wide bound against its return, not a speed target
    assert not result.failures and result.seconds < 5.0, (result.seconds, result.failures)


def test_inputs_are_reproducible():
    for index in (0, 7, 999):
        assert fuzz.make_case(SEED, index, MAX_CHARS) == fuzz.make_case(SEED, index, MAX_CHARS)
    assert fuzz.make_case(SEED, 1) != fuzz.make_case(SEED + 1, 1)


class _StubEngine:
    """Returns given findings: the checks must notice what is wrong with them."""

    cleaner = SimpleNamespace(html_detect=re.compile(r"<(div|p|br|b)\b[^<>]*>"))

    def __init__(self, make):
        self.make = make

    def lint(self, exchange):
        return self.make(exchange.reply)


def _finding(text, start, end, *, line=None, column=None, span=None):
    line = line if line is not None else text.count("\n", 0, start) + 1
    column = column if column is not None else start - (text.rfind("\n", 0, start) + 1) + 1
    return Finding("en.blame.x", "blame", "warning", "m", "reply", 0, start, end, line, column,
                   text[start:end] if span is None else span)


def _kinds(engine, case):
    return {f.kind for f in fuzz.check_case(engine, case, timeout=None).failures}


def test_the_checks_catch_broken_findings():
    case = fuzz.Case(0, "text", "stub", (fuzz.Part("Hi\nObviously you didn't.\n"),
                                          fuzz.Part("> Obviously.", "history", 1, True)))
    text = case.reply
    assert _kinds(_StubEngine(lambda t: [_finding(t, 3, 12)]), case) == set()
    assert _kinds(_StubEngine(lambda t: [_finding(t, 3, 12, span="Obviousl")]), case) == {"span-text"}
    assert _kinds(_StubEngine(lambda t: [_finding(t, 3, 12, line=1)]), case) == {"span-position"}
    assert _kinds(_StubEngine(lambda t: [_finding(t, 12, 3)]), case) == {"span-bounds"}
    assert _kinds(_StubEngine(lambda t: [_finding(t, 2, 3)]), case) == {"span-blank"}
    at = text.index("> Obviously") + 2
    assert _kinds(_StubEngine(lambda t: [_finding(t, at, at + 9)]), case) == {"flagged-history:text"}
    html = fuzz.Case(0, "html", "stub", (fuzz.Part("<div>", "tag", 1, True), fuzz.Part("Obviously"),
                                         fuzz.Part('<b title="x">', "tag", 2, True)))
    assert _kinds(_StubEngine(lambda t: [_finding(t, 5, 14)]), html) == set()
    assert _kinds(_StubEngine(lambda t: [_finding(t, 5, 17)]), html) == {"flagged-tag"}

    def boom(_):
        raise ValueError("x")

    assert _kinds(_StubEngine(boom), case) == {"exception:ValueError@test_fuzz.py:boom"}
    surrogate = fuzz.Case(0, "surrogate", "stub", (fuzz.Part("Hi \ud800", "surrogate", 1, True),))
    assert _kinds(_StubEngine(lambda t: []), surrogate) == {"lone-surrogate-no-input-error"}
