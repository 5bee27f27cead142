"""`extends: regex`: a guarded regular expression, the last resort.

Guarded three ways: it only runs on sentences containing one of its `guard`
words (cheap substring test), it runs per sentence (bounded input), and
patterns with nested unbounded repeats (catastrophic backtracking) are
refused at load time.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    import re._parser as sre_parse
    from re._constants import MAXREPEAT
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore
    from sre_constants import MAXREPEAT  # type: ignore

from .base import CompileContext, Hit, Match, RuleType, longest_first


class RegexRule(RuleType):
    name = "regex"
    required_keys = {"pattern": str, "guard": list}
    optional_keys = {"case_sensitive": bool}

    def __init__(self, spec: dict, ctx: CompileContext):
        line = spec.line_of("pattern")
        flags = 0 if spec.get("case_sensitive", False) else re.IGNORECASE
        self.regex = None
        self.guard = tuple(str(g).lower() for g in spec["guard"] if isinstance(g, str) and g)
        if not self.guard or len(self.guard) != len(spec["guard"]):
            ctx.error(spec.line_of("guard"), "`guard` must list non-empty words; the regex runs only near them")
        try:
            self.regex = re.compile(spec["pattern"], flags)
        except re.error as exc:
            ctx.error(line, f"invalid regex: {exc}")
            return
        if has_nested_repeat(sre_parse.parse(spec["pattern"], flags)):
            ctx.error(line, "regex has a nested unbounded repeat (like (a+)+), which can take exponential time")
            self.regex = None
        self.capture_names = frozenset(self.regex.groupindex) if self.regex else frozenset()

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        if self.regex is None:
            return []
        matches = []
        lowered = doc.text.lower()
        if not any(g in lowered for g in self.guard):
            return []
        for sent in doc.sents:
            text = sent.text
            low = lowered[sent.start_char : sent.end_char]
            if not any(g in low for g in self.guard):
                continue
            for m in self.regex.finditer(text):
                if m.end() == m.start():
                    continue
                span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
                if span is None:
                    continue
                captures = {}
                for name in self.regex.groupindex:
                    if m.group(name):
                        sub = doc.char_span(sent.start_char + m.start(name), sent.start_char + m.end(name),
                                            alignment_mode="expand")
                        if sub is not None:
                            captures[name] = tuple(range(sub.start, sub.end))
                matches.append(Match(span.start, span.end, captures))
        return longest_first(matches)


def has_nested_repeat(parsed, inside_repeat: bool = False) -> bool:
    for op, av in parsed:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = av
            unbounded = high == MAXREPEAT
            if unbounded and inside_repeat:
                return True
            if has_nested_repeat(sub, inside_repeat or unbounded):
                return True
        elif name == "SUBPATTERN":
            if has_nested_repeat(av[-1], inside_repeat):
                return True
        elif name == "BRANCH":
            if any(has_nested_repeat(branch, inside_repeat) for branch in av[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if has_nested_repeat(av[1], inside_repeat):
                return True
    return False
