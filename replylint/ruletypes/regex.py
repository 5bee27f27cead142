"""`extends: regex`: a guarded regular expression, the last resort.

The pattern runs on RE2 (see `replylint.safe_regex`), so matching takes time
linear in the text whatever the pattern; it only runs on sentences holding
one of its `guard` words (a cheap substring test).
"""

from __future__ import annotations

from ..nlp import sentence_starts
from ..safe_regex import UnsafeRegex, compile_regex, group_spans
from .base import CompileContext, Hit, Match, RuleType, longest_first


class RegexRule(RuleType):
    name = "regex"
    required_keys = {"pattern": str, "guard": list}
    optional_keys = {"case_sensitive": bool}

    def __init__(self, spec: dict, ctx: CompileContext):
        self.regex = None
        self.guard = tuple(str(g).lower() for g in spec["guard"] if isinstance(g, str) and g)
        if not self.guard or len(self.guard) != len(spec["guard"]):
            ctx.error(spec.line_of("guard"), "`guard` must list non-empty words; the regex runs only near them")
        try:
            self.regex = compile_regex(spec["pattern"], ignore_case=not spec.get("case_sensitive", False),
                                       word_boundary=ctx.word_boundary)
        except UnsafeRegex as exc:
            ctx.error(spec.line_of("pattern"), f"invalid regex: {exc}")
        self.capture_names = frozenset(self.regex.groupindex) if self.regex else frozenset()

    def may_match(self, lowered: str) -> bool:
        """Can the pattern match a text (lowercased)? Only near a guard word."""
        return self.regex is not None and any(g in lowered for g in self.guard)

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        if self.regex is None:
            return []
        matches = []
        lowered = doc.text.lower()
        if not any(g in lowered for g in self.guard):
            return []
        bounds = [*sentence_starts(doc), len(doc)]
        for sent in (doc[a:b] for a, b in zip(bounds, bounds[1:])):
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
                for name, (start, end) in group_spans(m, self.regex).items():
                    sub = doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
                    if sub is not None:
                        captures[name] = tuple(range(sub.start, sub.end))
                matches.append(Match(span.start, span.end, captures))
        return longest_first(matches)
