"""`extends: phrases`: lemma-aware phrase lists.

Each word matches every inflected form of its lexeme (expanded once, when the
pack is compiled, so matching reads only LOWER and needs no annotation).
Word syntax: `word` any form; `=word` this form only; `a|b` either word;
`*` any one token; a trailing `?` makes the word optional.
"""

from __future__ import annotations

from .base import CompileContext, Hit, Match, RuleType, longest_first


class PhrasesRule(RuleType):
    name = "phrases"
    required_keys = {"phrases": list}

    def __init__(self, spec: dict, ctx: CompileContext):
        self._patterns: list[list[dict]] = []
        items = spec["phrases"]
        lines = getattr(items, "item_lines", [spec.line_of("phrases")] * len(items))
        if not items:
            ctx.error(spec.line_of("phrases"), "`phrases` must list at least one phrase")
        first_line: dict[str, int | None] = {}
        for phrase, line in zip(items, lines):
            if not isinstance(phrase, str) or not phrase.strip():
                ctx.error(line, f"a phrase must be a non-empty string, got {phrase!r}")
                continue
            if phrase in first_line:
                ctx.error(line, f"phrase {phrase!r} is listed twice (first at line {first_line[phrase]})")
                continue
            first_line[phrase] = line
            self._patterns.extend(compile_phrase(phrase, ctx, line))

    def patterns(self) -> list[list[dict]]:
        return self._patterns

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        return longest_first([Match(h.start, h.end) for h in hits])


MAX_VARIANTS = 64  # token patterns one phrase may expand to


def compile_phrase(phrase: str, ctx: CompileContext, line: int | None) -> list[list[dict]]:
    """Turn one phrase into spaCy Matcher patterns over LOWER.

    Alternatives that tokenize to different lengths ("i|i've", "check|double-check")
    give one pattern per length."""
    variants: list[list[dict]] = [[]]
    for word in phrase.split():
        optional = word.endswith("?") and len(word) > 1
        if optional:
            word = word[:-1]
        if word == "*":
            slots_by_width = [[{"IS_SPACE": False}]]
        else:
            alternatives = [_alternative(alt, ctx) for alt in word.split("|")]
            if any(not alt for alt in alternatives):
                ctx.error(line, f"empty word in phrase {phrase!r}")
                return []
            by_width: dict[int, list[list[set[str]]]] = {}
            for alt in alternatives:
                by_width.setdefault(len(alt), []).append(alt)
            slots_by_width = [
                [_token(set().union(*(alt[i] for alt in group))) for i in range(width)]
                for width, group in sorted(by_width.items())
            ]
        if optional and len(slots_by_width) == 1 and len(slots_by_width[0]) == 1:
            slots_by_width = [[{**slots_by_width[0][0], "OP": "?"}]]
        elif optional:
            slots_by_width = slots_by_width + [[]]
        variants = [v + slots for v in variants for slots in slots_by_width]
        if len(variants) > MAX_VARIANTS:
            ctx.error(line, f"phrase {phrase!r} expands to more than {MAX_VARIANTS} token patterns; split it")
            return []
    variants = [v for v in variants if v]
    if not variants:
        ctx.error(line, f"phrase {phrase!r} has no words")
    return variants


def _token(forms: set[str]) -> dict:
    ordered = sorted(forms)
    return {"LOWER": ordered[0] if len(ordered) == 1 else {"IN": ordered}}


def _alternative(word: str, ctx: CompileContext) -> list[set[str]]:
    exact = word.startswith("=")
    word = word.lstrip("=")
    tokens = ctx.tokenize(word)
    if exact:
        return [{t.lower()} for t in tokens]
    return [set(ctx.morphology.forms(t)) if t.isalpha() else {t.lower()} for t in tokens]
