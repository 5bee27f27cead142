"""`extends: tokens`: spaCy Matcher token patterns over LOWER/LEMMA/POS/MORPH.

A token may carry `name: X`; the tokens it matched become capture X for
suggestion templates (several tokens may share a name).
"""

from __future__ import annotations

import hashlib

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from ..cache import value_bytes
from ..safe_regex import UnsafeRegex, compile_regex, regex_token_attrs, token_pattern_for_matcher
from .base import CompileContext, Hit, Match, RuleType, longest_first

# attributes we can fill without a trained model, and the annotation each needs
SUPPORTED_ATTRS = {
    "ORTH": None, "TEXT": None, "LOWER": None, "NORM": None, "SHAPE": None, "LENGTH": None,
    "IS_ALPHA": None, "IS_ASCII": None, "IS_DIGIT": None, "IS_LOWER": None, "IS_UPPER": None,
    "IS_TITLE": None, "IS_PUNCT": None, "IS_SPACE": None, "IS_STOP": None, "IS_SENT_START": None,
    "LIKE_NUM": None, "LIKE_URL": None, "LIKE_EMAIL": None, "PREFIX": None, "SUFFIX": None,
    "OP": None, "LEMMA": "LEMMA", "POS": "POS", "MORPH": "MORPH",
}


class TokensRule(RuleType):
    name = "tokens"
    required_keys = {"patterns": list}

    def __init__(self, spec: dict, ctx: CompileContext):
        self._patterns: list[list[dict]] = []
        self._names: list[list[str | None]] = []
        needs: set[str] = set()
        names: set[str] = set()
        items = spec["patterns"]
        lines = getattr(items, "item_lines", [spec.line_of("patterns")] * len(items))
        if not items:
            ctx.error(spec.line_of("patterns"), "`patterns` must list at least one pattern")
        validator = None  # (a Matcher with a Vocab of its own: built only when a pattern needs validating)
        # spaCy's schema validation is the slow part of compiling a pack: a rule validated
        # before from the same pack bytes, or a pattern validated before (same spaCy), is not again
        known_rule = ctx.cache is not None and ctx.source_key is not None and ctx.cache.is_known_valid(ctx.source_key)
        errors_before = len(ctx.problems)
        for index, (pattern, line) in enumerate(zip(items, lines)):
            if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
                ctx.error(line, "a pattern must be a non-empty list of token mappings")
                continue
            clean, slot_names, ok = [], [], True
            for token in pattern:
                token = dict(token)
                name = token.pop("name", None)
                if name is not None and not (isinstance(name, str) and name.isidentifier()):
                    ctx.error(getattr(token, "line", line), f"token `name` must be an identifier, got {name!r}")
                    ok = False
                    name = None
                for attr, spec_value in token.items():
                    if not (isinstance(spec_value, dict) and "REGEX" in spec_value):
                        continue
                    problem = _regex_problem(attr, spec_value, ctx.word_boundary)
                    if problem:
                        ctx.error(line, problem)
                        ok = False
                for attr in token:
                    if attr not in SUPPORTED_ATTRS:
                        ctx.error(line, f"token attribute {attr!r} is not available without a trained model "
                                        f"(use one of {', '.join(sorted(SUPPORTED_ATTRS))})")
                        ok = False
                    elif SUPPORTED_ATTRS[attr]:
                        needs.add(SUPPORTED_ATTRS[attr])
                clean.append(token)
                slot_names.append(name)
                if name:
                    names.add(name)
            if not ok:
                continue
            digest = None if known_rule else hashlib.sha256(value_bytes(clean)).hexdigest()[:24]
            if digest is not None and (ctx.cache is None or not ctx.cache.is_known_valid(digest)):
                try:
                    validator = validator or Matcher(Vocab(), validate=True)
                    validator.add(f"p{index}", [token_pattern_for_matcher(clean, ctx.word_boundary)])
                except Exception as exc:  # noqa: BLE001 - spaCy reports pattern errors as several exception types
                    detail = " ".join(str(exc).split())
                    ctx.error(line, f"invalid token pattern: {detail}")
                    continue
                if ctx.cache is not None:
                    ctx.cache.remember_valid(digest)
            self._patterns.append(clean)
            self._names.append(slot_names)
        if not known_rule and ctx.cache is not None and ctx.source_key is not None \
                and len(ctx.problems) == errors_before:
            ctx.cache.remember_valid(ctx.source_key)
        self.needs = frozenset(needs)
        self.capture_names = frozenset(names)

    def patterns(self) -> list[list[dict]]:
        return self._patterns

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        matches = []
        for hit in hits:
            slot_names = self._names[hit.pattern]
            captures: dict[str, list[int]] = {}
            for offset, slot in enumerate(hit.alignments):
                name = slot_names[slot]
                if name:
                    captures.setdefault(name, []).append(hit.start + offset)
            matches.append(Match(hit.start, hit.end, {k: tuple(v) for k, v in captures.items()}))
        return longest_first(matches)


def _regex_problem(attr: str, spec: dict, word_boundary: bool) -> str | None:
    """Why a `{ATTR: {REGEX: ...}}` operand cannot run, if it cannot."""
    regex = spec["REGEX"]
    if set(spec) != {"REGEX"}:
        return f"REGEX on {attr} must be the only operator there, got {', '.join(sorted(spec))}"
    if attr not in regex_token_attrs():
        return f"REGEX cannot read {attr} (it reads {', '.join(sorted(regex_token_attrs()))})"
    if not isinstance(regex, str):
        return f"REGEX on {attr} must be a string, got {regex!r}"
    try:
        compile_regex(regex, word_boundary=word_boundary)
    except UnsafeRegex as exc:
        return f"invalid REGEX {regex!r}: {exc}"
    return None
