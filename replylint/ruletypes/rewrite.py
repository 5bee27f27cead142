"""`extends: rewrite`: a construction rewrite, with no finding of its own.

Token patterns (as `extends: tokens`) and `suggest:` templates that turn a
construction into its neutral form: the customer as the subject of an action
becomes the object of a passive («Вы удалили папку» → «папка удалена»,
"you typed the account number wrong" → "the account number was typed wrong").
A pack's `fallback_rewrite:` lists such rules before its tone rule: a finding
no template of its own rewrites gets its sentence with the construction
rewritten, when no rule of the pack (the tone model included) flags the result.

The patterns are not indexed with the other rules' (lint never runs them):
they run on one sentence, and only for a finding that needs a rewrite.
"""

from __future__ import annotations

from spacy.attrs import LOWER

from ..nlp import column
from .base import CompileContext, Hit, Match
from .tokens import TokensRule


_CLOSERS = frozenset({")", "»", '"', "“", "”", "'", "…"})


class RewriteRule(TokensRule):
    name = "rewrite"
    required_keys = {"patterns": list, "suggest": list}
    # words that may not follow a construction: the phrase it moves goes on past the
    # match ("the email [we sent]", "switched off X [or fiddled with Y]"); nor precede it:
    # the mood of the clause it stands in («Если бы [Вы проверили срок]» wants «был проверен»);
    # nor end it: an optional phrase whose words stop short («файл из [3 папок]»)
    optional_keys = {"not_before": list, "not_after": list, "not_last": list, "not_in_questions": bool}
    finds_in_lint = False

    def __init__(self, spec: dict, ctx: CompileContext):
        super().__init__(spec, ctx)
        self._word_boundary, self._morphology, self._lang = ctx.word_boundary, ctx.morphology, ctx.lang
        self._index = None  # a PatternIndex of the patterns, built on the first finding that needs it
        # (an item of several words is a phrase that may not follow: ", которую" — a relative clause of the
        # object, which the moved object would leave behind: «Памятка не дочитана, которая пришла …»)
        not_before = [str(w).lower() for w in spec.get("not_before", ())]
        self.not_before = frozenset(w for w in not_before if len(w.split()) == 1)
        self.not_before_phrases = tuple(tuple(w.split()) for w in not_before if len(w.split()) > 1)
        self.not_after = frozenset(str(w).lower() for w in spec.get("not_after", ()))
        self.not_last = frozenset(str(w).lower() for w in spec.get("not_last", ()))
        # a construction rewritten in a question leaves the question as it was meant: dropping «Вы» from
        # «А Вы рассчитывали, что …?» keeps the rhetorical question (`not_in_questions`)
        self.not_in_questions = bool(spec.get("not_in_questions", False))

    def patterns(self) -> list[list[dict]]:
        return []  # not in the shared index: lint never looks for a construction

    def may_match(self, lowered: str) -> bool:
        return False  # (nor run as an unindexed rule)

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        return []

    def matches_in(self, doc, start: int, end: int) -> list[Match]:
        """The construction's matches inside tokens [start, end) of an annotated doc
        (the Matcher is built on the first finding that needs it). Kept with the
        doc: a finding's fallback rewrite tries each construction alone, chained
        and before a clause removal, on the same sentence."""
        key = ("replylint.rewrite", id(self), start, end)
        found = doc.user_data.get(key)
        if found is None:
            found = doc.user_data[key] = self._matches_in(doc, start, end)
        return found

    def _matches_in(self, doc, start: int, end: int) -> list[Match]:
        if self.not_in_questions and self._question(doc, start, end):
            return []
        # a rule has dozens of patterns and a sentence holds the words of few: each
        # pattern runs (on its own Matcher) only where its required words are
        lowers = column(doc, LOWER)[start:end]
        index = self._pattern_index(doc.vocab)
        keys = index.candidates(lowers)
        if not keys:
            return []
        span = doc[start:end]
        hits = sorted((Hit(key, start + m_start, start + m_end, tuple(alignments)) for key in keys
                       for _, m_start, m_end, alignments in index.matcher(key)(span, with_alignments=True)),
                      key=lambda hit: (hit.start, hit.end, hit.pattern))  # (the order one Matcher gives)
        return [m for m in super().find(doc, hits) if not self._continues(doc, m.start, m.end)]

    def _pattern_index(self, vocab):
        if self._index is None:
            from ..prefilter import PatternIndex

            self._index = PatternIndex.of_patterns(self._patterns, vocab, self._morphology, self._lang,
                                                   self._word_boundary)
        return self._index

    @staticmethod
    def _question(doc, start: int, end: int) -> bool:
        """Do tokens [start, end) (a sentence) end with a question mark?"""
        last = end - 1
        while last >= start and (doc[last].is_space or doc[last].text in _CLOSERS):
            last -= 1
        return last >= start and "?" in doc[last].text

    def _continues(self, doc, start: int, after: int) -> bool:
        """Is the match bound to a word outside it (`not_before`, `not_after`), or
        does it end on a word that wants one (`not_last`)?"""
        last = after - 1
        while after < len(doc) and doc[after].is_space:
            after += 1
        before = start - 1
        while before >= 0 and doc[before].is_space:
            before -= 1
        return (doc[last].lower_ in self.not_last
                or after < len(doc) and doc[after].lower_ in self.not_before
                or before >= 0 and doc[before].lower_ in self.not_after
                or any(self._phrase_at(doc, after, phrase) for phrase in self.not_before_phrases))

    @staticmethod
    def _phrase_at(doc, at: int, phrase: tuple[str, ...]) -> bool:
        """Do the words of `phrase` stand from token `at` on (whitespace tokens skipped)?"""
        for word in phrase:
            while at < len(doc) and doc[at].is_space:
                at += 1
            if at >= len(doc) or doc[at].lower_ != word:
                return False
            at += 1
        return True
