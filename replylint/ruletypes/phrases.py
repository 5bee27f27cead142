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
        for phrase, line in zip(items, lines):
            if not isinstance(phrase, str) or not phrase.strip():
                ctx.error(line, f"a phrase must be a non-empty string, got {phrase!r}")
                continue
            pattern = compile_phrase(phrase, ctx, line)
            if pattern:
                self._patterns.append(pattern)

    def patterns(self) -> list[list[dict]]:
        return self._patterns

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        return longest_first([Match(h.start, h.end) for h in hits])


def compile_phrase(phrase: str, ctx: CompileContext, line: int | None) -> list[dict]:
    """Turn one phrase into a spaCy Matcher pattern over LOWER."""
    pattern: list[dict] = []
    for word in phrase.split():
        optional = word.endswith("?") and len(word) > 1
        if optional:
            word = word[:-1]
        if word == "*":
            pattern.append({"IS_SPACE": False, **({"OP": "?"} if optional else {})})
            continue
        # a chunk can be several tokens ("didn't" -> did n't): one slot per token
        alternatives = [_alternative(alt, ctx) for alt in word.split("|")]
        if any(not alt for alt in alternatives):
            ctx.error(line, f"empty word in phrase {phrase!r}")
            return []
        widths = {len(alt) for alt in alternatives}
        if len(widths) != 1:
            ctx.error(line, f"alternatives in {word!r} tokenize to different lengths")
            return []
        for slot in range(widths.pop()):
            forms = sorted(set().union(*(alt[slot] for alt in alternatives)))
            token: dict = {"LOWER": forms[0] if len(forms) == 1 else {"IN": forms}}
            if optional:
                token["OP"] = "?"
            pattern.append(token)
    if not pattern:
        ctx.error(line, f"phrase {phrase!r} has no words")
    return pattern


def _alternative(word: str, ctx: CompileContext) -> list[set[str]]:
    exact = word.startswith("=")
    word = word.lstrip("=")
    tokens = ctx.tokenize(word)
    if exact:
        return [{t.lower()} for t in tokens]
    return [set(ctx.morphology.forms(t)) if t.isalpha() else {t.lower()} for t in tokens]
