"""`replylint eval`: score the engine on labeled exchanges.

Format and scoring follow examples/eval/README.md: a finding matches an
expectation with the same category whose span overlaps it in the same
message; a case with `expect: []` must produce no finding at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine, Exchange
from .errors import InputError, Problem
from .finding import Finding
from .packs import CATEGORIES
from .yamlio import LinedDict, load_yaml

CASE_KEYS = {"id": str, "lang": str, "customer": str, "reply": str, "expect": list, "neutral": str, "note": str}
EXPECT_KEYS = {"category": str, "in": str, "text": str}


@dataclass(frozen=True)
class Expectation:
    category: str
    source: str  # reply | customer
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    reply: str
    customer: str | None
    expect: tuple[Expectation, ...]
    neutral: str | None
    path: str
    line: int

    def exchange(self) -> Exchange:
        return Exchange(self.reply, (self.customer,) if self.customer else ())


def case_files(paths: list[Path]) -> list[Path]:
    files = []
    problems = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
            if not found:
                problems.append(Problem("no *.yaml case files in this directory", str(path)))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem("no such file or directory", str(path)))
    if problems:
        raise InputError(problems)
    return files


def load_cases(paths: list[Path]) -> list[Case]:
    problems: list[Problem] = []
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in case_files(paths):
        try:
            data = load_yaml(path, InputError)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if data is None:
            problems.append(Problem("empty case file", str(path), 1))
            continue
        if not isinstance(data, list):
            problems.append(Problem("a case file must be a YAML list of cases", str(path), getattr(data, "line", 1)))
            continue
        for item, line in zip(data, data.item_lines):
            case = _case(item, str(path), line, problems)
            if case is None:
                continue
            if case.id in seen:
                problems.append(Problem(f"duplicate case id {case.id!r} (first in {seen[case.id]})", str(path), line))
                continue
            seen[case.id] = f"{path}:{line}"
            cases.append(case)
    if problems:
        raise InputError(problems)
    return cases


def _case(item, path: str, line: int, problems: list[Problem]) -> Case | None:
    before = len(problems)
    if not isinstance(item, LinedDict):
        problems.append(Problem("a case must be a mapping", path, line))
        return None
    for key, value in item.items():
        if key not in CASE_KEYS:
            problems.append(Problem(f"unknown case key {key!r} (allowed: {', '.join(CASE_KEYS)})", path, item.line_of(key)))
        elif not isinstance(value, CASE_KEYS[key]) and not (key == "customer" and value is None):
            problems.append(Problem(f"case key {key!r} must be a {CASE_KEYS[key].__name__}", path, item.line_of(key)))
    for key in ("id", "lang", "reply", "expect"):
        if key not in item:
            problems.append(Problem(f"case {item.get('id', '?')!r} has no `{key}`", path, line))
    if len(problems) > before:
        return None
    if item["lang"] not in ("ru", "en"):
        problems.append(Problem(f"case lang must be ru or en, got {item['lang']!r}", path, item.line_of("lang")))
    if not item["id"].strip():
        problems.append(Problem("case `id` must not be empty", path, item.line_of("id")))
    if not item["reply"].strip():
        problems.append(Problem(f"case {item['id']!r}: `reply` must not be empty", path, item.line_of("reply")))
    messages = {"reply": item["reply"], "customer": item.get("customer") or ""}
    expects = []
    for exp, exp_line in zip(item["expect"], item["expect"].item_lines):
        if not isinstance(exp, LinedDict) or set(exp) - set(EXPECT_KEYS) or not all(
            isinstance(exp.get(k), str) for k in EXPECT_KEYS
        ):
            problems.append(Problem("an expectation needs exactly `category`, `in` (reply|customer) and `text`",
                                    path, exp_line))
            continue
        source = exp["in"]
        if exp["category"] not in CATEGORIES:
            problems.append(Problem(f"expectation category must be one of {', '.join(CATEGORIES)}, "
                                    f"got {exp['category']!r}", path, exp.line_of("category")))
            continue
        if not exp["text"].strip():
            problems.append(Problem("expectation `text` must not be empty", path, exp.line_of("text")))
            continue
        if source not in messages:
            problems.append(Problem(f"expectation `in` must be reply or customer, got {source!r}", path, exp.line_of("in")))
            continue
        start = messages[source].find(exp["text"])
        if start < 0:
            problems.append(Problem(f"expected text {exp['text']!r} does not occur in the {source}", path, exp.line_of("text")))
            continue
        expects.append(Expectation(exp["category"], source, start, start + len(exp["text"]), exp["text"]))
    if len(problems) > before:
        return None
    return Case(item["id"], item["lang"], item["reply"], item.get("customer"), tuple(expects), item.get("neutral"), path, line)


@dataclass
class Tally:
    """tp: expectations matched (several findings on one count once);
    fp: findings that overlap no expectation; fn: expectations missed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(precision, 4),
                "recall": round(recall, 4), "f1": round(f1, 4)}


@dataclass
class CaseResult:
    case: Case
    findings: list[Finding]
    false_positives: list[Finding] = field(default_factory=list)
    misses: list[Expectation] = field(default_factory=list)


@dataclass
class Report:
    cases: int
    by_category: dict[str, Tally]
    by_language: dict[str, dict[str, Tally]]
    results: list[CaseResult]

    def to_dict(self) -> dict:
        return {
            "cases": self.cases,
            "by_category": {c: t.scores() for c, t in sorted(self.by_category.items()) if _used(t)},
            "by_language": {
                lang: {c: t.scores() for c, t in sorted(cats.items()) if _used(t)}
                for lang, cats in sorted(self.by_language.items())
            },
        }


def _used(tally: Tally) -> bool:
    return bool(tally.tp or tally.fp or tally.fn)


def _overlaps(finding: Finding, exp: Expectation) -> bool:
    return (
        finding.category == exp.category
        and finding.source == exp.source
        and finding.start < exp.end
        and exp.start < finding.end
    )


def evaluate(cases: list[Case], engine: Engine) -> Report:
    by_category: dict[str, Tally] = {}
    by_language: dict[str, dict[str, Tally]] = {}
    results = []
    for case in cases:
        # `info` findings report (a question the reply defers), they flag nothing
        findings = [f for f in engine.lint(case.exchange()) if f.severity != "info"]
        result = CaseResult(case, findings)
        tallies = (by_category, by_language.setdefault(case.lang, {}))
        for finding in findings:
            if not any(_overlaps(finding, exp) for exp in case.expect):
                for table in tallies:
                    table.setdefault(finding.category, Tally()).fp += 1
                result.false_positives.append(finding)
        for exp in case.expect:
            hit = any(_overlaps(f, exp) for f in findings)
            for table in tallies:
                tally = table.setdefault(exp.category, Tally())
                if hit:
                    tally.tp += 1
                else:
                    tally.fn += 1
            if not hit:
                result.misses.append(exp)
        results.append(result)
    return Report(len(cases), by_category, by_language, results)


@dataclass(frozen=True)
class RewriteReport:
    """How the suggestions do on cases with a human `neutral` rewrite: after
    applying the first suggestion of every finding, does the reply still have
    findings of the categories it was flagged for?"""

    cases: int  # cases with `neutral:` and at least one finding with a suggestion
    clean_after: int  # of those, no finding of the flagged categories remains
    residual: tuple[tuple[str, str], ...]  # (case id, rule id) still flagged after rewriting


def rewrite_report(report: Report, engine: Engine) -> RewriteReport:
    from .rewrite import fix_exchange

    cases = clean = 0
    residual: list[tuple[str, str]] = []
    for result in report.results:
        case = result.case
        flagged = [f for f in result.findings if f.source == "reply" and f.suggestions]
        if not case.neutral or not flagged:
            continue
        cases += 1
        categories = {f.category for f in flagged}
        left = [f for f in fix_exchange(engine, case.exchange())[1] if f.category in categories]
        clean += not left
        residual.extend((case.id, f.rule_id) for f in left)
    return RewriteReport(cases, clean, tuple(residual))
