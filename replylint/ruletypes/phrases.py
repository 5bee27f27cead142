"""`extends: phrases`: lemma-aware phrase lists.

Each word matches every inflected form of its lexeme (expanded once, when the
pack is compiled, so matching reads only LOWER and needs no annotation).
Word syntax: `word` any form; `=word` this form only; `a|b` either word;
`*` any one token; a trailing `?` makes the word optional.
`{name: word word …}` makes the tokens those words match capture `name` for
suggestion templates, as `name:` does on a token pattern (several groups may
share a name; `unless` phrases capture nothing).
"""

from __future__ import annotations

import re

from .base import CompileContext, Hit, Match, RuleType, longest_first

_GROUP_OPEN = re.compile(r"\{([^{}:]*):(.*)\Z")


class PhrasesRule(RuleType):
    name = "phrases"
    required_keys = {"phrases": list}

    def __init__(self, spec: dict, ctx: CompileContext):
        self._patterns: list[list[dict]] = []
        self._names: list[list[str | None]] = []
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
            self._patterns.extend(compile_phrase(phrase, ctx, line, self._names))
        self.capture_names = frozenset(n for names in self._names for n in names if n)

    def patterns(self) -> list[list[dict]]:
        return self._patterns

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        if not self.capture_names:  # (most phrase rules: no token to map to a capture)
            return longest_first([Match(h.start, h.end) for h in hits])
        matches = []
        for hit in hits:
            slot_names = self._names[hit.pattern]
            captures: dict[str, list[int]] = {}
            for offset, slot in enumerate(hit.alignments):
                name = slot_names[slot] if slot < len(slot_names) else None
                if name:
                    captures.setdefault(name, []).append(hit.start + offset)
            matches.append(Match(hit.start, hit.end, {k: tuple(v) for k, v in captures.items()}))
        return longest_first(matches)


MAX_VARIANTS = 64  # token patterns one phrase may expand to


def compile_phrase(phrase: str, ctx: CompileContext, line: int | None,
                   names: list[list[str | None]] | None = None) -> list[list[dict]]:
    """Turn one phrase into spaCy Matcher patterns over LOWER.

    Alternatives that tokenize to different lengths ("i|i've", "check|double-check")
    give one pattern per length. With `names`, the capture name of every token
    of each pattern is appended to it (None outside `{name: …}` groups);
    without it (`unless` phrases) a capture group is an error."""
    words = _words_and_groups(phrase, ctx, line, capturing=names is not None)
    if words is None:
        return []
    variants: list[list[tuple[dict, str | None]]] = [[]]
    for word, group in words:
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
                [_token(set().union(*(alt[i] for alt in group_))) for i in range(width)]
                for width, group_ in sorted(by_width.items())
            ]
        if optional and len(slots_by_width) == 1 and len(slots_by_width[0]) == 1:
            slots_by_width = [[{**slots_by_width[0][0], "OP": "?"}]]
        elif optional:
            slots_by_width = slots_by_width + [[]]
        variants = [v + [(slot, group) for slot in slots] for v in variants for slots in slots_by_width]
        if len(variants) > MAX_VARIANTS:
            ctx.error(line, f"phrase {phrase!r} expands to more than {MAX_VARIANTS} token patterns; split it")
            return []
    variants = [v for v in variants if v]
    if not variants:
        ctx.error(line, f"phrase {phrase!r} has no words")
    if names is not None:
        names.extend([group for _, group in v] for v in variants)
    return [[slot for slot, _ in v] for v in variants]


def _words_and_groups(phrase: str, ctx: CompileContext, line: int | None,
                      capturing: bool) -> list[tuple[str, str | None]] | None:
    """The phrase's words, each with the capture group it is in (or None);
    None after reporting a misplaced brace or a bad group name."""
    out: list[tuple[str, str | None]] = []
    group: str | None = None
    group_words = 0
    for item in phrase.split():
        opened = _GROUP_OPEN.match(item)
        if opened:
            if not capturing:
                ctx.error(line, f"phrase {phrase!r}: only `phrases` capture; `{{name: …}}` is not allowed here")
                return None
            if group is not None:
                ctx.error(line, f"phrase {phrase!r}: capture group {{{group}: …}} is not closed before the next one")
                return None
            group, group_words = opened.group(1).strip(), 0
            if not group.isidentifier() or group == "match":
                ctx.error(line, f"phrase {phrase!r}: capture name must be an identifier other than `match`, "
                                f"got {group!r}")
                return None
            item = opened.group(2)
            if not item:
                continue
        closes = item.endswith("}")
        if closes:
            if group is None:
                ctx.error(line, f"phrase {phrase!r}: `}}` closes no capture group")
                return None
            item = item[:-1]
        if "{" in item or "}" in item:
            ctx.error(line, f"phrase {phrase!r}: braces only mark capture groups, `{{name: word …}}`")
            return None
        if item:
            out.append((item, group))
            group_words += 1
        if closes:
            if not group_words:
                ctx.error(line, f"phrase {phrase!r}: capture group {{{group}: …}} holds no word")
                return None
            group = None
    if group is not None:
        ctx.error(line, f"phrase {phrase!r}: capture group {{{group}: …}} is not closed")
        return None
    return out


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
