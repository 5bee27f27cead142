"""The only thing the engine returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def fails(findings, fail_on: str) -> bool:
    """Is a finding at or above `fail_on` (a severity, or "never")?"""
    if fail_on == "never":
        return False
    threshold = severity_rank(fail_on)
    return any(severity_rank(f.severity) >= threshold for f in findings)


@dataclass(frozen=True, order=False)
class Finding:
    rule_id: str
    category: str
    severity: str
    message: str
    source: str  # "reply" or "customer"
    source_index: int  # which customer message (0 for the reply)
    start: int  # character offsets into the original message text
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    text: str
    suggestions: tuple[str, ...] = ()
    # what the suggestions replace: the span itself, or the clause or sentence
    # around it when the rewrite works on that («It's not rocket science.» goes whole)
    fix_start: int | None = None
    fix_end: int | None = None

    def __post_init__(self):
        if self.fix_start is None:
            object.__setattr__(self, "fix_start", self.start)
        if self.fix_end is None:
            object.__setattr__(self, "fix_end", self.end)

    def sort_key(self) -> tuple:
        return (self.source != "reply", self.source_index, self.start, self.end, self.rule_id)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["suggestions"] = list(self.suggestions)
        return data
