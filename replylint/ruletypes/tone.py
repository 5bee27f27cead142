"""`extends: tone`: a trained sentence scorer, for the blame no pattern names.

Sarcasm, irony, lecturing and condescension spread over a clause have no fixed
words. A tone rule scores each sentence of the reply that holds `min_words` to
`max_words` tokens, mostly words (not a log line), and one of its `guard` words
if it lists any, with the classifier `model` trained for the language (`python
-m replylint.train`, shipped as a weight table in
replylint/models/<model>_<lang>/: a dict lookup per word), and flags the
sentences scoring at least `threshold`.

A tone has no template rewrite, but its weight usually sits in one clause
(«…, потому что баланс не пополнили — сам виноват, что так вышло»). With
`rewrite:`, the rule proposes the sentence without the clause that carries it:
the lead-in before a colon or dash, the part after a dash (`clause_marks`),
the first or last comma clause, whichever is the smallest removal after which
the model scores the rest below `neutral_below`. A sentence whose every clause
carries it is proposed for removal as a whole. Technical content the message
would lose (`protect`: digits, paths, Latin or capitalised names, quoted
words not named elsewhere in it; with `scare_quotes`, not a lowercase word
quoted alone, the customer's word held up in mockery) is never removed; then,
as when no removal leaves a neutral sentence, the finding has no suggestion
(with `strong_mark_rest_below_threshold`: unless, for the rule's own finding,
the lead-in before a dash, a semicolon or a colon reads as blame, holds no
protected word, and leaves the rest under the flagging threshold; with
`suffix_rest_below_threshold`, so may a last clause after a dash or a comma and
a clause opener that reads as blame on its own). Other rules of the
pack borrow the removal around their match (`fallback_rewrite:`).
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, fields
from itertools import chain
from pathlib import Path

from spacy.attrs import IS_ALPHA, IS_SPACE, LOWER, ORTH

from ..nlp import QuoteMarks, columns, positions_in, sentence_around, sentence_starts
from .base import CompileContext, Hit, Match, RuleType

MODELS = Path(__file__).resolve().parent.parent / "models"
WEIGHTS = "weights.json"  # a model: {"bias": log-odds, "weights": {word or word<BIGRAM>word: log-odds}}
HASHED = "weights.npz"  # the same table keyed by spaCy's string hashes, which the rule loads (no parsing, no hashing)
NUMBER_MARK = "#number"  # in a `not_tone` item's `before` list: a number follows the word
BIGRAM = "\x1f"  # joins the two words of a bigram feature (no token holds it)


class LinearScorer:
    """A trained tone model as its weight table (written by replylint.train.linear_weights)."""

    def __init__(self, bias: float, weights: dict[str, float]):
        self.bias = bias
        self.weights = {w: v for w, v in weights.items() if BIGRAM not in w}
        self.pairs = {tuple(w.split(BIGRAM)): v for w, v in weights.items() if BIGRAM in w}

    @classmethod
    def load(cls, path: Path) -> LinearScorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(float(data["bias"]), data["weights"])

    def score(self, words: list[str]) -> float:
        """The probability that the words (tokens as written) blame."""
        get, pair = self.weights.get, self.pairs.get
        odds = self.bias + sum(get(w, 0.0) for w in words) + sum(pair(p, 0.0) for p in zip(words, words[1:]))
        return _probability(odds)

    def by_hash(self, strings) -> HashedScorer:
        """The same model keyed by the tokens' ORTH hashes (`strings[word]`, the
        hash spaCy gives the word, without adding it to the store)."""
        return HashedScorer(self.bias, {strings[w]: v for w, v in self.weights.items()},
                            {(strings[a], strings[b]): v for (a, b), v in self.pairs.items()})


class HashedScorer:
    """A LinearScorer that reads ORTH hashes: no token is turned into a string.

    The word and word-pair tables are held as sorted arrays searched per message
    rather than as dicts: about 16 bytes an entry instead of 100-150, which keeps
    a model trained on every round (200,000+ entries) within the memory budget."""

    def __init__(self, bias: float, weights: dict[int, float], pairs: dict[tuple[int, int], float]):
        import numpy

        self.bias = bias
        self._source: Path | None = None  # the file a loaded table was read from (see _sides)
        self._set_words(numpy.fromiter(weights, dtype="uint64", count=len(weights)),
                        numpy.fromiter(weights.values(), dtype="float64", count=len(weights)))
        left = numpy.fromiter((a for a, _ in pairs), dtype="uint64", count=len(pairs))
        right = numpy.fromiter((b for _, b in pairs), dtype="uint64", count=len(pairs))
        self._set_pairs(left, right, numpy.fromiter(pairs.values(), dtype="float64", count=len(pairs)))

    def _set_words(self, words, values) -> None:
        import numpy

        order = numpy.argsort(words, kind="stable")
        self._word_keys, self._word_weights = words[order], values[order]

    @property
    def weights(self) -> dict[int, float]:
        """The word table as a dict (for saving and comparing; scoring reads the arrays)."""
        return dict(zip(self._word_keys.tolist(), self._word_weights.tolist()))

    def word_weight(self, orth: int) -> float:
        """The log-odds one word adds (0.0 for a word the model does not know)."""
        keys = self._word_keys
        at = int(keys.searchsorted(orth)) if len(keys) else 0
        return float(self._word_weights[at]) if at < len(keys) and int(keys[at]) == orth else 0.0

    def _set_pairs(self, left, right, values, keep_sides: bool = True) -> None:
        import numpy

        keys = _pair_keys(left, right)
        order = numpy.argsort(keys, kind="stable")
        # the two words of each pair are read only to save or compare the table, never to score:
        # a table loaded for linting does not keep them (two arrays of 8 bytes a pair, ~5 MB in all)
        self._left, self._right = (left[order], right[order]) if keep_sides else (None, None)
        self._pair_keys, self._pair_weights = keys[order], values[order]

    def _sides(self):
        """(left, right): each pair's two words, in the order of the pair keys, read again
        from the table's file when it was loaded without them."""
        if self._left is None:
            import numpy

            with numpy.load(self._source) as data:
                left, right = data["left"].astype("uint64"), data["right"].astype("uint64")
            order = numpy.argsort(_pair_keys(left, right), kind="stable")
            return left[order], right[order]
        return self._left, self._right

    @property
    def pairs(self) -> dict[tuple[int, int], float]:
        """The pair table as a dict (for saving and comparing; scoring reads the arrays)."""
        left, right = self._sides()
        return dict(zip(zip(left.tolist(), right.tolist()), self._pair_weights.tolist()))

    def save(self, path: Path) -> None:
        """Write the table as arrays (`HASHED`): loading it takes a few ms, not the
        tenth of a second that parsing and hashing the JSON table takes."""
        import numpy

        left, right = self._sides()
        numpy.savez(path, bias=numpy.array([self.bias]),
                    words=self._word_keys, word_weights=self._word_weights,
                    left=left, right=right, pair_weights=self._pair_weights)

    @classmethod
    def load(cls, path: Path) -> HashedScorer:
        import numpy

        with numpy.load(path) as data:
            scorer = cls(float(data["bias"][0]), {}, {})
            scorer._set_words(data["words"].astype("uint64"), data["word_weights"].astype("float64"))
            scorer._set_pairs(data["left"].astype("uint64"), data["right"].astype("uint64"),
                              data["pair_weights"].astype("float64"), keep_sides=False)
        scorer._source = path
        return scorer

    def score(self, orths: list[int]) -> float:
        words, pairs = self.contributions(orths)
        return _probability(self.bias + sum(words) + sum(pairs))

    def contributions(self, orths: list[int]) -> tuple[list[float], list[float]]:
        """The log-odds each token adds, and each pair of neighbours (pair k is
        tokens k, k+1): a sentence [a, b) scores bias + sum(words[a:b]) + sum(pairs[a:b-1])."""
        import numpy

        n = len(orths)
        if not n:
            return [], []
        hashes = numpy.array(orths, dtype="uint64")
        word_keys = self._word_keys
        if len(word_keys):
            at = numpy.searchsorted(word_keys, hashes)
            at[at == len(word_keys)] = 0
            words = numpy.where(word_keys[at] == hashes, self._word_weights[at], 0.0).tolist()
        else:
            words = [0.0] * n
        if n < 2 or not len(self._pair_keys):
            return words, [0.0] * max(n - 1, 0)
        keys = _pair_keys(hashes[:-1], hashes[1:])
        at = numpy.searchsorted(self._pair_keys, keys)
        at[at == len(self._pair_keys)] = 0
        found = self._pair_keys[at] == keys
        return words, numpy.where(found, self._pair_weights[at], 0.0).tolist()


# an odd 64-bit multiplier: two ORTH hashes make one key (a collision among 10^5 pairs has odds of about 10^-9)
_PAIR_MIX = 0x9E3779B97F4A7C15


def _pair_keys(left, right):
    """One uint64 key per pair of ORTH hashes (arrays; the arithmetic wraps modulo 2^64)."""
    import numpy

    return left * numpy.uint64(_PAIR_MIX) + right


def _probability(odds: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(odds, 60.0), -60.0)))


class ToneRule(RuleType):
    name = "tone"
    required_keys = {"model": str, "threshold": (float, int)}
    optional_keys = {"guard": list, "min_words": int, "max_words": int, "rewrite": dict, "not_tone": list,
                     "neutral_clauses": dict, "long_sentence": dict}

    def __init__(self, spec: dict, ctx: CompileContext):
        self.path = MODELS / f"{spec['model']}_{ctx.lang}"
        if not (self.path / WEIGHTS).is_file():
            ctx.error(spec.line_of("model"), f"no trained model {spec['model']!r} for {ctx.lang} "
                                             f"(train it: python -m replylint.train --task {spec['model']} "
                                             f"--lang {ctx.lang})")
        self.threshold = float(spec["threshold"])
        if not 0.0 < self.threshold < 1.0:
            ctx.error(spec.line_of("threshold"), f"`threshold` is a score between 0 and 1, got {self.threshold}")
            self.threshold = 0.5
        self._min_odds = math.log(self.threshold / (1.0 - self.threshold))  # the threshold as log-odds
        self.guard = tuple(str(word).lower() for word in spec.get("guard", ()))
        self.min_words = int(spec.get("min_words", 1))  # «Здравствуйте!» is not scored
        # a longer "sentence" is a pasted log or list, not a sentence the model learnt
        self.max_words = int(spec.get("max_words", 10_000))
        # the model sums a small positive weight for many ordinary words («уже», «хотя бы», «Вы»), so a long neutral
        # instruction adds up past the threshold: a sentence of more than `words` words needs `penalty` log-odds more
        # per word beyond them (arithmetic on what is already summed; see the rule's docs)
        long = spec.get("long_sentence", {})
        if not (isinstance(long, dict) and isinstance(long.get("words", 0), int)
                and isinstance(long.get("penalty", 0.0), (int, float)) and set(long) <= {"words", "penalty"}):
            ctx.error(spec.line_of("long_sentence"), "`long_sentence` is {words: N, penalty: log-odds per word beyond N}")
            long = {}
        self._long_words, self._long_penalty = int(long.get("words", 0)), float(long.get("penalty", 0.0))
        self._guard_hashes: frozenset[int] | None = None
        self._scorer = None
        # the customer's words quoted back («Вы пишете: "я, наверное, что-то сломал"») are not the writer's tone
        self._quotes = QuoteMarks(ctx.quotes)
        self._rewrite = self._rewrite_settings(spec, ctx) if "rewrite" in spec else None
        # a word the model learnt as the writer's tone that is none after certain words (the «же» of
        # «те же», the «-то» of «кто-то»): word -> the words before it (a hyphen between them allowed)
        # or before certain words (the «ни» of «ни тот, ни другой»): word -> the words after it
        self._not_tone: dict[str, frozenset[str]] = {}
        self._not_tone_before: dict[str, frozenset[str]] = {}
        self._not_tone_before_number: set[str] = set()  # words that are no tone before a number
        # word -> [(the words before it, the words that, anywhere in its sentence, keep its tone, whether only a
        # question's sentence reads it so)]
        self._not_tone_unless: dict[str, list[tuple[frozenset[str], frozenset[str], bool]]] = {}
        self._not_tone_hashes: tuple[dict[int, frozenset[int]], dict[int, frozenset[int]]] | None = None
        for item in spec.get("not_tone", ()):
            if not (isinstance(item, dict) and isinstance(item.get("word"), str)
                    and (isinstance(item.get("after"), list) or isinstance(item.get("before"), list))):
                ctx.error(spec.line_of("not_tone"), "each `not_tone` item is {word: ..., after: [words]} "
                                                    "or {word: ..., before: [words]}")
                continue
            questions_only = item.get("questions_only", False)
            if not isinstance(questions_only, bool):
                ctx.error(spec.line_of("not_tone"), "`questions_only` in a `not_tone` item is true or false")
                continue
            if isinstance(item.get("not_with"), list) or questions_only:
                # no tone after those words unless one of `not_with` stands in the sentence («на первой же ямке
                # камера …», not «Вы … в первые же дни»): kept apart, the word may have an unconditional item too;
                # with `questions_only`, only in a sentence that ends with a question mark («Вы сами меняли
                # фильтр?» asks who did it; «Вы сами всё разобрали, вот и …» says it)
                if not isinstance(item.get("after"), list):
                    ctx.error(spec.line_of("not_tone"), "a `not_tone` item with `not_with` or `questions_only` "
                                                        "needs `after`")
                    continue
                self._not_tone_unless.setdefault(item["word"].lower(), []).append(
                    (frozenset(str(w).lower() for w in item["after"]),
                     frozenset(str(w).lower() for w in item.get("not_with", ())), questions_only))
                continue
            # (two items for one word add up: a later one must not silently undo an earlier one)
            word = item["word"].lower()
            if isinstance(item.get("after"), list):
                self._not_tone[word] = self._not_tone.get(word, frozenset()).union(
                    str(w).lower() for w in item["after"])
            if isinstance(item.get("before"), list):
                before = frozenset(str(w).lower() for w in item["before"])
                # `#number` stands for a number after the word («нужно 6–7 атмосфер»: a quantity, not a duty)
                if NUMBER_MARK in before:
                    self._not_tone_before_number.add(word)
                self._not_tone_before[word] = self._not_tone_before.get(word, frozenset()) | (before - {NUMBER_MARK})
        # phrases whose clause reads as no tone (a policy stated, reassurance, praise): that clause's words count
        # nothing, and the rest of the sentence is scored on its own («Правилами сервиса катание вдвоём запрещено,
        # а Вы, как всегда, …» is still read for what follows the comma)
        self._neutral_clause_patterns: list[list[dict]] = []
        self._neutral_clause_not_after: list[re.Pattern | None] = []  # per pattern
        self._neutral_clause_marks: frozenset[str] = frozenset()
        # the patterns' index (see prefilter): built on first use; each pattern runs only on the sentences
        # holding its required words (one Matcher of them all, tried at every token, cost a Russian lint a fifth)
        self._neutral_clause_index = None
        self._morphology, self._lang, self._word_boundary = ctx.morphology, ctx.lang, ctx.word_boundary
        if "neutral_clauses" in spec:
            self._neutral_clauses(spec, ctx)
        # rules whose match is the blame itself (`rewrite.unprotected_matches`)
        self._unprotected = self._rewrite.settings.unprotected_matches if self._rewrite else frozenset()
        self._unprotected_clauses = self._rewrite.settings.unprotected_clauses if self._rewrite else frozenset()

    def _neutral_clauses(self, spec: dict, ctx: CompileContext) -> None:
        """`neutral_clauses: {marks: [...], phrases: [...]}`: the phrases (the `unless` syntax) and the marks
        that bound a clause (the sentence's own bounds too)."""
        from .phrases import compile_phrase

        node, line = spec["neutral_clauses"], spec.line_of("neutral_clauses")
        marks, phrases = node.get("marks"), node.get("phrases")
        if set(node) - {"marks", "phrases"} or not isinstance(marks, list) or not isinstance(phrases, list) \
                or not all(isinstance(m, str) for m in marks) or not all(isinstance(p, (str, dict)) for p in phrases):
            ctx.error(line, "`neutral_clauses` is {marks: [clause marks], phrases: [phrases]}")
            return
        lines = getattr(phrases, "item_lines", [line] * len(phrases))
        self._neutral_clause_marks = frozenset(marks)
        for phrase, at in zip(phrases, lines):
            not_after = None
            if isinstance(phrase, dict):
                # {phrase: …, not_after: regex}: a word before the phrase in its sentence that matches the regex
                # (lowercased) keeps the clause's tone («Ставить ноутбук на одеяло — отличная идея»: an
                # infinitive praised is sarcasm; «Своя подстилка — отличная идея» is praise)
                if set(phrase) - {"phrase", "not_after"} or not isinstance(phrase.get("phrase"), str):
                    ctx.error(at, "a `neutral_clauses` phrase is a string or {phrase: ..., not_after: regex}")
                    continue
                try:
                    not_after = re.compile(str(phrase["not_after"])) if "not_after" in phrase else None
                except re.error as exc:
                    ctx.error(at, f"`not_after` is not a regular expression: {exc}")
                    continue
                phrase = phrase["phrase"]
            patterns = compile_phrase(phrase, ctx, at)
            self._neutral_clause_patterns.extend(patterns)
            self._neutral_clause_not_after.extend([not_after] * len(patterns))

    def _neutral_clause_tokens(self, doc, lowers) -> set[int]:
        """The tokens of each clause that holds a `neutral_clauses` phrase: from the mark before the
        phrase to the mark after it, within its sentence (the sentence's closing mark not included)."""
        index = self._neutral_clause_index
        if index is None:
            from ..prefilter import PatternIndex

            index = self._neutral_clause_index = PatternIndex.of_patterns(
                self._neutral_clause_patterns, doc.vocab, self._morphology, self._lang, self._word_boundary)
        keys = index.candidates(lowers)
        if not keys:
            return set()
        planned, starts = index.plan(doc, keys, lowers)
        found = [(n, start, end) for n, start, end, _ in index.run(doc, planned, starts)]
        if not found:
            return set()
        bounds = [*sentence_starts(doc), len(lowers)]
        out: set[int] = set()
        for n, start, end in found:
            k = bisect_right(bounds, start) - 1
            a, b = bounds[k], bounds[k + 1]
            if end > b:
                continue  # (across a sentence end)
            not_after = self._neutral_clause_not_after[n]
            if not_after is not None and any(not_after.search(doc[i].lower_) for i in range(a, start)):
                continue
            while b > a and (doc[b - 1].is_space or doc[b - 1].is_punct and doc[b - 1].text not in self._neutral_clause_marks):
                b -= 1  # the sentence's closing mark and line break keep their weight
            first = start
            while first > a and doc[first - 1].text not in self._neutral_clause_marks:
                first -= 1
            last = end
            while last < b and doc[last].text not in self._neutral_clause_marks:
                last += 1
            out.update(range(first, max(last, end)))
        return out

    def _rewrite_settings(self, spec: dict, ctx: CompileContext) -> ClauseRemoval | None:
        node, line = spec["rewrite"], spec.line_of("rewrite")
        if not isinstance(node, dict):
            ctx.error(line, "`rewrite` must be a mapping")
            return None
        settings, problems = ClauseRemovalSettings.from_yaml(node, getattr(node, "line_of", lambda key: line),
                                                             self.threshold)
        for at, problem in problems:
            ctx.error(at, problem)
        return None if settings is None else ClauseRemoval(settings, self._min_odds, ctx.quotes)

    def may_match(self, lowered: str) -> bool:
        return not self.guard or any(word in lowered for word in self.guard)

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        if self._guard_hashes is None:
            self._guard_hashes = frozenset(doc.vocab.strings.add(word) for word in self.guard)
        guard = self._guard_hashes
        if len(doc) < self.min_words:
            return []
        # token columns instead of Token objects: a reply's every sentence is read
        orths, lowers, alpha, space = columns(doc, (ORTH, LOWER, IS_ALPHA, IS_SPACE))
        bounds = [*sentence_starts(doc), len(orths)]
        matches = []
        words = pairs = None
        silenced = False
        for a, b in zip(bounds, bounds[1:]):
            while b > a and space[b - 1]:
                b -= 1  # (the line break that ends it)
            if not self.min_words <= b - a <= self.max_words or (guard and not any(h in guard for h in lowers[a:b])):
                continue
            letters = sum(alpha[a:b])  # (the words that count for `long_sentence` too)
            if letters * 2 < b - a:
                continue  # mostly numbers, paths or symbols: code or a log line
            if words is None:  # the whole message's at once: one pass, not one per sentence
                scorer = self.scorer(doc.vocab.strings)
                bias, (words, pairs) = scorer.bias, scorer.contributions(orths)
            if not silenced:
                # silencing only sets weights to 0: a sentence whose positive weights alone fall short of the
                # threshold cannot reach it, and half the replies have no other (the quotes and `not_tone`
                # words, read only then, cost as much as the scoring)
                if bias + sum(filter(_POSITIVE, words[a:b])) + sum(filter(_POSITIVE, pairs[a : b - 1])) \
                        < self._min_odds - _ROUNDING:
                    continue
                _silence(words, pairs, self._quotes.inside(doc) | self._not_tone_tokens(doc))
                silenced = True
            odds = bias + sum(words[a:b]) + sum(pairs[a : b - 1])
            if odds - self._long_penalty * max(0, letters - self._long_words) >= self._min_odds:
                matches.append(Match(a, b))
        return matches

    def _not_tone_tokens(self, doc) -> set[int]:
        """The tokens of `not_tone` words in the company that makes them no tone, and a hyphen
        joining one to the word before («кто-то»: the hyphen and «то»). Read once per Doc:
        each sentence's rewrite asks again, and a long message has thousands of sentences."""
        if not (self._not_tone or self._not_tone_before or self._not_tone_before_number or self._not_tone_unless
                or self._neutral_clause_patterns):
            return set()
        key = ("replylint.not_tone", id(self))
        found = doc.user_data.get(key)
        if found is None:
            found = doc.user_data[key] = self._find_not_tone_tokens(doc)
        return found

    def _find_not_tone_tokens(self, doc) -> set[int]:
        """Read on LOWER hashes: Token objects only where a `not_tone` word stands."""
        strings = doc.vocab.strings
        if self._not_tone_hashes is None:
            self._not_tone_hashes = tuple({strings.add(word): frozenset(strings.add(w) for w in words)
                                           for word, words in table.items()}
                                          for table in (self._not_tone, self._not_tone_before))
            self._not_tone_number_hashes = frozenset(strings.add(word) for word in self._not_tone_before_number)
            self._not_tone_unless_hashes = {
                strings.add(word): [(frozenset(map(strings.add, after)), frozenset(map(strings.add, blockers)), asked)
                                    for after, blockers, asked in items]
                for word, items in self._not_tone_unless.items()}
            self._not_tone_words = frozenset().union(*self._not_tone_hashes, self._not_tone_number_hashes,
                                                     self._not_tone_unless_hashes)
        after_words, before_words = self._not_tone_hashes
        before_number = self._not_tone_number_hashes
        lowers = columns(doc, (LOWER,))[0]
        out: set[int] = self._neutral_clause_tokens(doc, lowers) if self._neutral_clause_patterns else set()
        bounds = None  # sentence starts, read once a conditional word is met
        # only where a `not_tone` word stands (found in C): every test below starts from one
        for i in positions_in(lowers, self._not_tone_words):
            h = lowers[i]
            following = before_words.get(h)
            if following is not None and i + 1 < len(lowers) and lowers[i + 1] in following:
                out.add(i)
            if h in before_number and i + 1 < len(lowers) and doc[i + 1].text[:1].isdigit():
                out.add(i)
            conditional = self._not_tone_unless_hashes.get(h)
            if conditional and i:
                if bounds is None:
                    bounds = [*sentence_starts(doc), len(lowers)]
                k = bisect_right(bounds, i) - 1
                sentence = set(lowers[bounds[k] : bounds[k + 1]])
                if any(lowers[i - 1] in after and not sentence & blockers and (not asked or self._asks(doc, bounds[k + 1]))
                       for after, blockers, asked in conditional):
                    out.add(i)
            after = after_words.get(h)
            if after is None or not i:
                continue
            before = i - 1
            if doc[before].text in ("-", "‑") and not doc[before].whitespace_ and before and not doc[before - 1].whitespace_:
                before -= 1
            if lowers[before] in after:
                out.update(range(before + 1, i + 1))
        return out

    @staticmethod
    def _asks(doc, end: int) -> bool:
        """Does the sentence ending before token `end` end with a question mark?"""
        while end > 0 and doc[end - 1].is_space:
            end -= 1
        return end > 0 and "?" in doc[end - 1].text

    def rewrites(self, doc, match: Match) -> tuple[str, ...]:
        found = self._sentence_rewrite(doc, match.start, match.end)
        return () if found is None else (found,)

    def clause_rewrite(self, doc, match: Match, by: str = "") -> tuple[str, int, int] | None:
        """For another rule's match that no template rewrites: its sentence
        without the clause holding the match, or "" to drop the sentence, with
        the sentence's token range; None when no removal is safe. `by`: the
        rule that matched (one of `unprotected_matches`: its match holds no content)."""
        sentence = sentence_around(doc, match.start, match.end)
        if sentence is None:
            return None  # (a match across sentences)
        a, b = sentence
        found = self._sentence_rewrite(doc, a, b, must=(match.start - a, match.end - a),
                                       free=CLAUSE if by in self._unprotected_clauses else by in self._unprotected)
        return None if found is None else (found, a, b)

    def last_resort(self, doc, match: Match, by: str = "") -> tuple[str, int, int] | None:
        """For the rule's own match that neither its removal nor a construction rewrites: the removal again, where the
        names of a sentence that is all judgment do not keep it (`names_yield_to_judgment`), with the sentence's range.
        With `by` (another rule's match that no template, construction or removal rewrites), the same for the
        sentence around it, the clause holding the match counting as blame (as in `clause_rewrite`)."""
        if self._rewrite is None or not self._rewrite.settings.names_yield_to_judgment:
            return None
        if not by:
            found = self._sentence_rewrite(doc, match.start, match.end, names=True)
            return None if found is None else (found, match.start, match.end)
        sentence = sentence_around(doc, match.start, match.end)
        if sentence is None:
            return None
        a, b = sentence
        found = self._sentence_rewrite(doc, a, b, must=(match.start - a, match.end - a), names=True,
                                       free=CLAUSE if by in self._unprotected_clauses else by in self._unprotected)
        return None if found is None else (found, a, b)

    def _sentence_rewrite(self, doc, a: int, b: int, must: tuple[int, int] | None = None,
                          free: bool | str = False, names: bool = False) -> str | None:
        """The clause removal of the sentence doc[a:b] (see ClauseRemoval.rewrite).
        A sentence that opens by addressing the customer ("Hi Jake, …», «Михаил
        Борисович, …») keeps the address: the removal works on what follows it."""
        if self._rewrite is None:
            return None
        pieces = self._rewrite.pieces(doc[a:b])
        if len(pieces) > 1:
            return self._pieces_rewrite(doc, a, b, pieces, must, free, names)
        mark = self._rewrite.settings.postscript
        if b - a > 1 and mark.fullmatch(doc[a].text) and (must is None or must[0] >= 1):
            # «P.S. На будущее: …»: the postscript's mark is no clause of it (nor content a removal must keep): the
            # removal works on what follows, and the mark goes only with the whole sentence
            found = self._sentence_rewrite(doc, a + 1, b, None if must is None else (must[0] - 1, must[1] - 1), free,
                                           names)
            return found if not found else f"{doc[a].text} {found}"
        k = self._rewrite.address(doc[a:b])
        if k and (must is None or must[0] >= k):
            found = self._sentence_rewrite(doc, a + k, b, None if must is None else (must[0] - k, must[1] - k), free,
                                           names)
            if found is not None:
                address = doc[a : a + k - 1].text  # (without its comma)
                if not found:
                    outside = chain(range(a), range(b, len(doc)))
                    if not any(doc[i].is_alpha for i in outside):
                        return None
                    return address + self._rewrite.settings.address_end
                first = re.match(r"\w*", found).group()
                if first[:1].isupper() and any(t.text == first[:1].lower() + first[1:] for t in doc[a + k : b]):
                    found = found[:1].lower() + found[1:]  # (capitalised by the removal, not by the writer)
                return f"{address}, {found}"
        strings = doc.vocab.strings
        scorer = self.scorer(strings)
        orths = columns(doc, (ORTH,))[0][a:b]
        words, pairs = scorer.contributions(orths)
        silent = {i - a for i in self._not_tone_tokens(doc) if a <= i < b}  # (tokens of no tone where they stand)
        _silence(words, pairs, silent)

        def opening(i: int) -> float:
            """What the log-odds gain when token i, left opening the sentence, is
            capitalised as the rewrite writes it (the model reads word forms as written)."""
            text = doc[a + i].text
            if not text[:1].islower() or i in silent:
                return 0.0
            upper = strings[text[:1].upper() + text[1:]]
            if i + 1 < len(orths) and i + 1 not in silent:
                found_words, found_pairs = scorer.contributions([upper, orths[i + 1]])
                return found_words[0] + found_pairs[0] - words[i] - pairs[i]
            return scorer.word_weight(upper) - words[i]

        def rescore(kept: list[int]) -> float:
            """The log-odds of the sentence's tokens `kept` read in a row (a word dropped: new neighbours)."""
            orders = [orths[i] for i in kept]
            found_words, found_pairs = scorer.contributions(orders)
            return scorer.bias + sum(found_words) + sum(found_pairs) + (opening(kept[0]) if kept and kept[0] else 0.0)
        return self._rewrite.rewrite(doc[a:b], scorer.bias, words, pairs, self._quotes.inside(doc), a, must, opening,
                                     free, rescore, names)

    def _pieces_rewrite(self, doc, a: int, b: int, pieces: list[tuple[int, int]], must: tuple[int, int] | None,
                        free: bool, names: bool = False) -> str | None:
        """The rewrite of a sentence the splitter read on through a break (`sentence_breaks`: «…для развлечения)
        ваша GTX 760 …», «…без проблем 🙂 Попробуйте …»), piece by piece as the sentences they are: a piece that
        reads as blame (or holds `must`) gets its own removal, the others stay as written; a break goes with the
        piece before it when either neighbour goes. None when a piece that blames has no removal, or when all go."""
        scorer = self.scorer(doc.vocab.strings)
        orths = columns(doc, (ORTH,))[0]
        words, pairs = scorer.contributions(orths[a:b])
        _silence(words, pairs, {i - a for i in self._quotes.inside(doc) | self._not_tone_tokens(doc) if a <= i < b})
        if must is not None and not any(pa <= must[0] and must[1] <= pb for pa, pb in pieces):
            return None  # (a match across a break)
        texts: list[str | None] = []  # per piece: its text as written (None: unchanged), or its rewrite, "" if it goes
        for pa, pb in pieces:
            piece_must = None if must is None or not pa <= must[0] < pb else (must[0] - pa, must[1] - pa)
            odds = scorer.bias + sum(words[pa:pb]) + sum(pairs[pa : pb - 1])
            if piece_must is None and (must is not None or odds < self._rewrite.neutral_odds):
                texts.append(None)
                continue
            found = self._sentence_rewrite(doc, a + pa, a + pb, piece_must, free, names)
            if found is None:
                return None
            texts.append(found)
        if all(t is None for t in texts) or all(t == "" for t in texts):
            return None
        out: list[str] = []
        for k, ((pa, pb), text) in enumerate(zip(pieces, texts)):
            if text == "":
                continue
            if text is None:
                text = doc[a + pa : a + pb].text.strip()
            if k and (not out or out[-1].rstrip()[-1:] in ".!?…"):
                text = text[:1].upper() + text[1:]  # (it opens a sentence now)
            last = k == len(pieces) - 1
            if not last:
                # the break after it stays where both pieces stay as written; else the piece ends as a sentence
                nxt = texts[k + 1]
                mark = doc[a + pb].text
                if texts[k] is None and nxt is None:
                    text = f"{text} {mark}"
                elif nxt != "" or any(t != "" for t in texts[k + 2:]):
                    text = text if text.rstrip()[-1:] in ".!?…" else text.rstrip(",;: ") + "."
            out.append(text)
        joined = " ".join(out)
        if texts[-1] == "" and joined.rstrip()[-1:] not in ".!?…":
            joined = joined.rstrip(",;: —–") + doc[b - 1].text if doc[b - 1].text in (".", "!", "?", "…") else joined + "."
        return joined

    def scorer(self, strings) -> HashedScorer:
        """The trained model, loaded on first use: a reply with no guard word never pays for it."""
        if self._scorer is None:
            from ..cache import gc_paused

            with gc_paused():  # tens of thousands of new dict entries: no collection over spaCy's objects meanwhile
                hashed = self.path / HASHED
                self._scorer = HashedScorer.load(hashed) if hashed.is_file() else \
                    LinearScorer.load(self.path / WEIGHTS).by_hash(strings)
        return self._scorer


_POSITIVE = (0.0).__lt__  # (filter(_POSITIVE, weights): the positive ones, tested in C)
_ROUNDING = 1e-9  # a bound summed in another order may round differently


def _silence(words: list[float], pairs: list[float], positions) -> None:
    """Tokens at `positions` (quoted, or of no tone where they stand) weigh nothing, alone or in a pair with a
    neighbour. A text's last token has no pair after it («…, видимо это сделал кто-то» ending without a mark)."""
    for i in positions:
        words[i] = 0.0
        if i < len(pairs):
            pairs[i] = 0.0
        if i:
            pairs[i - 1] = 0.0


_SENTENCE_MARKS = (".", "!", "?")
_SUBJECT_HEADS = ("NOUN", "PROPN", "NUM", "PRON")  # the parts of speech a subject ends with, before its verb
_VERB_MODIFIERS = ("ADV", "PART")  # … and what may stand between the two
_HYPHENS = ("-", "‑")
CLAUSE = "clause"  # `free` for a rule of `unprotected_clauses`: the clause around the match holds no content
_NEVER = r"(?!)"  # a pattern that matches nothing: the default of every optional pattern setting


def _setting(default, yaml: type | tuple[type, ...], load=None, *, pattern: bool = False):
    """A field of ClauseRemovalSettings: its default (as ClauseRemoval reads it), the type its YAML value must
    have, and how that value becomes what ClauseRemoval reads (`pattern`: a regular expression, compiled)."""
    if pattern:
        return field(default=re.compile(default), metadata={"yaml": yaml, "pattern": True})
    return field(default=default, metadata={"yaml": yaml, "load": load})


def _type_name(kind: type | tuple[type, ...]) -> str:
    return kind.__name__ if isinstance(kind, type) else "a number"


def _marks(*default: str):
    """A list of marks, as written."""
    return _setting(frozenset(default), list, lambda value: frozenset(map(str, value)))


def _words():
    """A list of words, lowercased."""
    return _setting(frozenset(), list, lambda value: frozenset(str(w).lower() for w in value))


def _flag():
    return _setting(False, bool, bool)


def _pattern(default: str = _NEVER):
    return _setting(default, str, pattern=True)


@dataclass(frozen=True)
class ClauseRemovalSettings:
    """A tone rule's `rewrite:` node (see ClauseRemoval): one field per YAML key, in
    the order the keys are listed in errors, with its default and what it is for.
    Built once when the pack loads (`from_yaml`, which checks the keys and their
    types from these fields); lists become frozensets, patterns compiled regular
    expressions. A new setting is one more field here."""

    # the marks that set off a clause a removal may take («…, — …», "…; …")
    clause_marks: frozenset[str] = _marks("—", "–", ";")
    comma: str = _setting(",", str, str)  # the comma that sets off a clause and an address
    # a sentence is left neutral when it scores under this (a probability between 0 and the rule's threshold)
    neutral_below: float = _setting(0.5, (float, int), float)
    # a clause with fewer words is no content of its own; neither is what follows an address
    min_words: int = _setting(3, int, int)
    # … but what a removal leaves may be shorter where its words are one of these, a whole sentence of thanks or
    # apology («спасибо за терпение», "sorry for the wait"; lowercased, joined by spaces)
    short_courtesies: frozenset[str] = _words()
    protect: re.Pattern = _pattern(r"\d")  # a token that is content a removal must keep (a number)
    # with it, a capitalised word that does not open its sentence is protected too (a name, a product)…
    protect_capitalised: bool = _flag()
    capitalised_except: frozenset[str] = _words()  # … except these ("I")
    # with it, the names (capitalised words, not what `protect` matches) of a sentence that is all judgment do not keep it:
    # it goes whole when every clause of it long enough to say something reads as blame at the flagging threshold, not
    # only over `neutral_below` ("Glazing the foot was a pretty careless thing to do after Mia's demo", "A call back in
    # August would have spared everyone this correspondence": the names are part of the reproach); numbers, codes and
    # quoted labels still keep it. The last resort: not where a rewrite keeps the sentence; beside another rule's match
    # (whose clause counts as blame whatever the model reads in it) only where the model flags the whole sentence too,
    # and with no clause pointing back (below) left out ("The other farmers had removed their drip lines before the
    # 14th, which is why … yours was shifted" says why)
    names_yield_to_judgment: bool = _flag()
    # … and there, a clause after one that blames, opening (past its connector) with one of these words, points back at
    # the blame ("…, which is why our estimates are usually spot on", "…, and this is the result", "…, as they answer
    # these points"): it is no content that keeps the sentence from going whole
    pointing_back_openers: frozenset[str] = _words()
    # … and there, a question goes whole though a clause of it reads as neutral alone: the sentence, flagged as a whole,
    # asks what the writer's reproach answers («А прочитать это письмо до того, как ехать в главный корпус, в голову не
    # пришло?»), and a clause of a question states nothing the reply needs; numbers, codes and quoted labels still keep it
    questions_yield_to_judgment: bool = _flag()
    # … but not one asking with one of these, whose clause presupposes a fact («Интересно, а кто, по-Вашему, оставил
    # включёнными фары на всю ночь?»: the lights were left on) or asks what the reply may need («зачем Вы написали…?»)
    presupposing_question_words: frozenset[str] = _words()
    fragment_starts: frozenset[str] = _words()  # a rest starting with one is a dependent clause («потому что…»)
    copula_words: frozenset[str] = _words()  # after a mark, one links subject and predicate («звонить — это…»)
    # a clause ending in one of these, a short aside after it, is left open: it reads with the clause after the aside
    # when the sentence may go whole in the last resort ("Turning up twenty minutes late to a timed blind tasting was, frankly, a careless
    # way to treat a course fee of this size": neither half says it alone)
    open_clause_ends: frozenset[str] = _words()
    lead_in_marks: frozenset[str] = _marks(":")  # what stands before one may go, not what follows («И на будущее: …»)
    # in the first clause of a rest, one makes it the consequence of a removed condition («…, знали бы»)
    consequence_words: frozenset[str] = _words()
    # a sentence opening with such a word (an infinitive, a gerund) links it to a predicate by its first dash
    copula_subject: re.Pattern = _pattern()
    # a word that cannot end what is kept before a removal («…, значит.», "… that.")
    open_ends: frozenset[str] = _words()
    # a removal from a comma may not leave the clause it cuts, after a strong mark, with fewer words than this: «…, —
    # договоры, вообще-то, полезно читать, …» would leave «…, — договоры.» (0: no such test)
    stranded_clause_words: int = _setting(0, int, int)
    # after a comma, one opens the clause that answers («Удивительно, но заказ…», "…, but we can help"):
    # a prefix may go through it, the word with it
    contrast_words: frozenset[str] = _words()
    # rules whose match is the blame itself, numbers and names included («у остальных 300
    # участников всё открылось»): what they match is no content a removal must keep (read by ToneRule)
    unprotected_matches: frozenset[str] = _marks()
    # … and rules whose match sets the customer against others: the whole clause holding it counts them ("Over 300
    # members have switched to the new app this month and you're the only one who's had trouble"), its numbers and
    # names are the comparison's, not content a removal must keep
    unprotected_clauses: frozenset[str] = _marks()
    # … and, in a sentence no such rule matched, the others a clause sets the customer against, where its words
    # (lowercased, joined by spaces, no marks) match this ("the other 40 members on level 4 aren't having any
    # trouble", "…, all 38 of them"): the numbers and names that count them are no content a removal must keep
    comparison_clause: re.Pattern = _pattern()
    relative_pronouns: frozenset[str] = _words()  # … whose clause on the others ends before the main verb
    # words that carry only the writer's tone («почему-то», «же»), which a rewrite may leave out where
    # no removal alone leaves a neutral sentence; hyphenated ones are matched over their tokens
    droppable: frozenset[str] = _words()
    # a token that may go at the sentence's edges only (a smiley: mid-sentence it ends a sentence)
    droppable_edges: re.Pattern = _pattern()
    # a token that, between two words, ends a sentence the splitter read on through (a smiley, a closing bracket with
    # no opening one: «…для развлечения) ваша GTX 760 …»): the removal reads the pieces as the sentences they are
    sentence_breaks: re.Pattern = _pattern()
    # words that may go only where they open the sentence, with the comma after them ("Look,",
    # "To be honest,"; mid-sentence "look" is a verb): several words are matched over their tokens
    droppable_openers: frozenset[str] = _words()
    # a word that joins what follows to a prefix a removal takes ("…, so the kit is fine"): it may go
    # with the prefix, and what follows then stands as a sentence of its own ("The kit is fine.");
    # not before a word that points back at what went (`back_references`: "…, so that's why");
    # several words are matched over their tokens («…, так что правило мы менять не будем»)
    connectors: frozenset[str] = _words()
    back_references: frozenset[str] = _words()
    # the tag that turns a statement into a question ("…, isn't it?"): what is left without it is no
    # question, so no removal takes it alone (matched on the words after the comma, lowercased)
    question_tag: re.Pattern = _pattern()
    # how a sentence may open by addressing the customer: a greeting ("Hi", «Добрый день») and the
    # capitalised name after it up to a comma, or (with `address_name_morph`, morphology features such as
    # NameType=Giv) a name alone («Михаил Борисович, …»); a removal keeps it, and a sentence dropped whole
    # leaves it standing with `address_end` ("Hi Patricia!"); the greetings are split into words, longest first
    address_openers: tuple[tuple[str, ...], ...] = _setting(
        (), list, lambda value: tuple(sorted((tuple(str(w).lower().split()) for w in value), key=len, reverse=True)))
    address_name_morph: frozenset[str] = _marks()
    address_end: str = _setting("!", str, str)
    # the mark that opens a postscript («P.S.»), matched on the sentence's first token in full: kept before what a
    # removal leaves of the sentence, gone with it when it goes whole
    postscript: re.Pattern = _pattern()
    # a sentence opening with one is a condition and its consequence («Если бы …, комков бы не было»): no
    # removal takes the consequence (`consequence_words` in it) and leaves the condition standing alone
    condition_words: frozenset[str] = _words()
    # in the clause after a connector, one marks it as the consequence of what went before («поэтому система
    # Вас и не пускает»): the connector is not taken, the rest would not stand alone («Система Вас и не пускает»)
    consequence_particles: frozenset[str] = _words()
    # a conjunction said twice to pair two members, «и …, и …», «ни …, ни …»: a prefix removal through the first
    # member's comma reaches the second's too («Как я уже объяснял и при настройке, и в письме, …»)
    paired_conjunctions: frozenset[str] = _words()
    clause_back_references: frozenset[str] = _words()  # `back_references` for the clause after a connector
    # what the clause after a connector a removal takes may not read as (matched on its lowercased words):
    # a comparison or a participle rather than a reason ("…, as the log shows", "…, as explained in…")
    connector_clause_not: re.Pattern = _pattern()
    # a word that, opening what is left after a prefix through a later comma goes, points back into
    # what went ("…, a reckless decision, as their roots…": "Their roots…" has lost what "their" was)
    referring_openers: frozenset[str] = _words()
    # a single lowercase word in quotes is the customer's word held up at arm's length (the lock only
    # 'malfunctions' when…), not a label or a value the message would lose: with `scare_quotes`, not protected
    scare_quotes: bool = _flag()
    # where no removal leaves a neutral sentence: a clause set off by a strong mark that reads as blame and holds
    # no protected word may go when the rest scores under the flagging threshold (see `rewrite`)
    strong_mark_rest_below_threshold: bool = _flag()
    # … and so may a last clause after a strong mark, or after a comma and one of `connectors` or `suffix_openers`
    # («…, и вылетов ни у кого, кроме Вас, нет», «… — перед записью такие вещи всё-таки стоит читать»), that reads as
    # blame on its own at the flagging threshold: the rest it leaves is what the sentence told the customer
    suffix_rest_below_threshold: bool = _flag()
    # … or after a comma and one of these words, which open a clause of its own ("…, and nobody else has it"), not
    # a phrase of the clause before it («…, мягко говоря, неосмотрительное», «…, без удлинителя, и …»)
    suffix_openers: frozenset[str] = _words()
    # … and a suffix from a comma and a relative pronoun of one of these forms (past a preposition) through the end,
    # past the strong mark after its clause («…в регламенте клуба, который Вы подтверждали при записи, — загляните туда
    # хотя бы теперь» → «…в регламенте клуба.»): the relative clause on the thing the customer had is the reproach's
    # «you were given it»; taken where no clause after the relative one reads neutral (that would be content)
    relative_tails: frozenset[str] = _words()
    # … and so may such a last clause that reads as blame only over `neutral_below` on its own, where it scores no less
    # than the rest it leaves: the weight sits in it ("…on page 6 of the guide; did nobody on board think to open it?"),
    # not in the rest (the model reads many a plain fact a little over `neutral_below`)
    suffix_outweighs_rest: bool = _flag()
    # … and, in general, a removal that reads as blame at the flagging threshold on its own, with no clause of it reading
    # neutral, whose rest the rule no longer flags, though it is not under `neutral_below`: the bar a construction
    # rewrite meets (taken only where the sentence may not go whole)
    blame_removal_below_threshold: bool = _flag()
    # … when what is left holds a clause that stands as a sentence: with a predicate, a token with one of these
    # morphology features (a finite verb, a short participle or adjective: «указан», «недоступна»)
    predicate_morph: frozenset[str] = _marks()
    # no removal keeps a token with one of these morphology features (an infinitive) where nothing left has a
    # `predicate_morph` one: the modal that governed it went («Следовало бы, конечно, | заранее уточнить …»)
    infinitive_morph: frozenset[str] = _marks()
    # … unless what is left holds one of these words, which make an infinitive a sentence of its own («Расстраиваться
    # тут не из-за чего», «Спешить некуда»)
    infinitive_predicates: frozenset[str] = _words()
    # … and these words are no infinitive there though the tagger reads them as one (the «есть» of «если есть»)
    not_infinitives: frozenset[str] = _words()
    # the whole-sentence check reads a clause whose predicate has one of these morphology features (the writer's own
    # action: «…, так что приложу её ещё раз») past its connector (`connectors`), its words and its score: the
    # connector's weight is the link to the blame before it, and a promise of `min_words` words is content that keeps
    # the sentence («…, так что постараюсь совсем коротко» is none)
    writer_predicate_morph: frozenset[str] = _marks()
    # … and so may a last clause after a comma and one of these, though it does not read as blame alone: the way the
    # customer did it, set against the right one («…хотя бы за неделю, а не за два дня до праздника»); several words
    # are matched over their tokens
    contrast_tails: frozenset[str] = _words()
    # … but no removal there takes a first clause opening with one of these or a `subordinators` word: the time or the
    # step before another, content of the sentence («Прежде чем заливать фундамент, рекомендуем …»)
    adjunct_openers: frozenset[str] = _words()
    # a removal that runs to the sentence's end may not keep only a lead-in: one clause (no clause mark in it) opening
    # with one of these, a phrase that leans on the clause the removal took ("…, to put it kindly" keeps no "To put it
    # kindly.", "For what it's worth, …" no "For what it's worth.", "When limits vanish like this, …" no "When limits
    # vanish like this."); several words are matched over their tokens
    lead_in_openers: frozenset[str] = _words()
    main_clause_subjects: frozenset[str] = _words()  # … unless one of these stands in it past the opener's subject
    # the parts of speech of a verb (English: VERB, AUX): a removal taking the sentence's start may not keep a bare
    # noun phrase before a relative clause ("Once on the 3rd and once on the 12th, which is…" of "The prediction went
    # off because you logged it twice, once on the 3rd…, which is…")
    clause_verb_pos: frozenset[str] = _marks()
    # the relative pronouns that open a clause set off by a comma ("…, which is…"; not "that", which opens a
    # restrictive one: "any fabric that can go in a washer needs…"), for `clause_verb_pos`
    nonrestrictive_relatives: frozenset[str] = _words()
    # a sentence opening with one and a comma says the opposite of what it means throughout («Ну да, спицы ведь ломаются
    # сами собой, стоит только открыть зонт»): no clause of it is content that keeps it from going whole (what
    # `protect` keeps still keeps it); several words are matched over their tokens
    sarcastic_openers: frozenset[str] = _words()
    # with it, a sentence whose subject, past its openers and asides with their commas, is the others the customer is
    # set against (`comparison_clause` matching from its first word: «Остальные ребята из Вашей группы, кстати, сделали
    # его с первой попытки», «Честно говоря, остальные ученицы группы разобрались с этим сами, по тому же видео») tells
    # what others did to show the customer up: no clause of it is content that keeps it from going whole; what
    # `protect` keeps still keeps it, and so does an instruction (a verb with Mood=Imp: «…, попробуйте и Вы»)
    comparison_sentences_go: bool = _flag()
    # the last resort where the blame holds no fact but the sentence does (a number, a code, a quoted label in a clause
    # of its own, `protect`), so it may not go whole and no removal leaves a neutral rest: the clauses holding the facts
    # kept as a sentence of their own, the judgment around them gone, with the words opening them that link them to
    # it (a connector, a contrast, a particle: «…, поэтому и [списан штраф за уборку 1 500 ₽]», «…, а [в пакете
    # оказалось около 100 граммов]»), matched over their tokens; empty: no such rewrite
    fact_clause_openers: frozenset[str] = _words()
    # a clause's words, where a neutral clause keeps a sentence from going whole, are counted without the
    # connector that opens it ("…, so you'll be fine" is too short to be content of its own)
    connector_not_counted: bool = _flag()
    # where no removal alone leaves a neutral sentence: a swear word that only colours the noun after it
    # («между сраных строк», "this damn form"), matched on the lowercased word form in full; it may go
    # after a comma too (the comma belongs to what stands before), not before one (there it is a predicate)
    droppable_attributive: re.Pattern = _pattern()
    # … and an interjection of the writer's temper («бля», «блин»), matched the same way: it goes with the
    # comma after it, or, ending the sentence, with the comma before it («…, бля.»)
    droppable_interjections: re.Pattern = _pattern()
    # … and a parenthetical aside set off by commas that only comments on the customer («Всё это, между прочим,
    # прописано…», «Правила, кстати, публикуются…»): it goes with both its commas (with the one before it only
    # where the comma after it closes a clause opened by a `subordinators` word: «Памятка, которую выдали,
    # кстати, лежит…»), with the one before it ending the sentence (not opening it: the first comma clause is a
    # removal of its own); several words and hyphenated ones are matched over their tokens
    droppable_asides: frozenset[str] = _words()
    # hindsight told as a counterfactual about the past, condition and consequence («Приходили бы на 15 минут
    # раньше — успели бы…», «Если бы Вы выбрали тариф «Плюс», списания бы не было»): a sentence with two of
    # these words (not after `counterfactual_not_after`: «хотя бы» is no condition) describes what did not
    # happen: no removal takes one of them and leaves the other, and where no removal leaves it neutral, it may
    # go whole when every other clause (one with a verb that opens with no `subordinators` word: «…, как все, —»
    # and «…, и в гардероб» belong to the clause before) would go too; what it names that `protect` keeps
    # (numbers, names) still keeps it (the 45° an engineer advised is a fact, though told as what was not done)
    counterfactual_words: frozenset[str] = _words()
    counterfactual_not_after: frozenset[str] = _words()
    # … and a verb with one of these morphology features followed by one of these words marks a counterfactual
    # condition as such a word does («Пристегни Вы его хотя бы тросиком, разговор был бы другим»: an imperative
    # with its subject is the condition of what did not happen)
    counterfactual_condition_morph: frozenset[str] = _marks()
    counterfactual_condition_subjects: frozenset[str] = _words()
    # … of these lemmas only, when given (English "Had you registered by the 16th, you would have…": the inverted
    # "had" and its subject, not "we emailed you", whose verb has the same features)
    counterfactual_condition_lemmas: frozenset[str] = _words()
    subordinators: frozenset[str] = _words()
    # a clause opening with one of these (a condition, a time, what is said or thought: not a relative pronoun, whose
    # clause describes a thing) right after a clause that blames (short clauses between read with it) is part of what
    # that clause says: reading neutral, it is no content that keeps the sentence from going whole («Тут ничего
    # сложного, даже ребёнок справится, если делать по шагам»); what `protect` keeps still keeps it
    dependent_clause_openers: frozenset[str] = _words()
    # words that open a question ("What did you expect, …?", "Is it …?"): a removal that takes the last clause
    # of a sentence ending in "?" and keeps a part opening with none of them leaves a statement, which ends
    # with a full stop ("The photos show sand in the boot, so I suppose the car cleaned itself?" → "The photos
    # show sand in the boot."); with none listed, the question mark stays
    question_openers: frozenset[str] = _words()

    @classmethod
    def from_yaml(cls, node: dict, line_of, threshold: float) -> tuple[ClauseRemovalSettings | None,
                                                                       list[tuple[int, str]]]:
        """The settings of a `rewrite:` mapping, or None, and the problems found
        (line, message): unknown keys, values of the wrong type, a `neutral_below`
        outside (0, threshold), patterns that are no regular expressions."""
        settings = fields(cls)
        known = {f.name: f for f in settings}
        problems = [(line_of(key), f"unknown key {key!r} in `rewrite` (known: {', '.join(known)})")
                    for key in node if key not in known]
        problems += [(line_of(f.name), f"`rewrite.{f.name}` must be {_type_name(f.metadata['yaml'])}")
                     for f in settings if f.name in node and not isinstance(node[f.name], f.metadata["yaml"])]
        neutral = node.get("neutral_below", 0.5)
        neutral = float(neutral) if isinstance(neutral, (int, float)) else 0.5
        if not 0.0 < neutral < threshold:
            problems.append((line_of("neutral_below"), f"`rewrite.neutral_below` is a score between 0 and the "
                                                       f"threshold, got {neutral}"))
        values = {}
        for f in settings:
            if f.name not in node:
                continue
            if not f.metadata.get("pattern"):
                values[f.name] = f.metadata["load"](node[f.name]) if not problems else None
                continue
            try:
                values[f.name] = re.compile(str(node[f.name]))
            except re.error as exc:
                problems.append((line_of(f.name), f"`rewrite.{f.name}` is not a regular expression: {exc}"))
        return (None if problems else cls(**values)), problems


class ClauseRemoval:
    """The tone rule's rewrite (see the module docstring): remove the clause
    the model's weight sits in, or the whole sentence. It reads its `rewrite:`
    keys from `settings`; what it matches in another shape (`neutral_below` as
    log-odds, word lists over their tokens) is derived here, once per rule."""

    def __init__(self, settings: ClauseRemovalSettings, flag_odds: float = 60.0, quotes: dict[str, str] | None = None):
        quotes = quotes or {}
        self.settings = settings
        self.neutral_odds = math.log(settings.neutral_below / (1.0 - settings.neutral_below))
        self.flag_odds = flag_odds  # the tone rule's threshold, as log-odds
        # `droppable`, `droppable_openers` and `connectors` as they are matched: over their tokens, the
        # longest first
        self.droppable_tokens = {tuple(re.split(r"(-)", w)): w for w in settings.droppable}
        self.droppable_opener_tokens = _word_tokens(settings.droppable_openers)
        self.connector_tokens = sorted((tuple(w.split()) for w in settings.connectors), key=len, reverse=True)
        self.droppable_aside_tokens = _word_tokens(settings.droppable_asides)
        self.sarcastic_opener_tokens = _word_tokens(settings.sarcastic_openers)
        self.fact_opener_tokens = _word_tokens(settings.fact_clause_openers)
        self.pointing_back_tokens = _word_tokens(settings.pointing_back_openers)
        self.lead_in_opener_tokens = _word_tokens(settings.lead_in_openers)
        self.contrast_tail_tokens = _word_tokens(settings.contrast_tails)
        # the pairs (`quotes` in rules/language/common.yaml) whose opening and closing marks differ: a quote
        # a removal opened is closed with it
        self.quote_pairs = tuple((o, c) for o, c in quotes.items() if o != c)
        self.trace: list | None = None  # (a diagnostic, bench/rewrite_refusals.py) why each removal was refused

    def _note(self, *reason) -> None:
        if self.trace is not None:
            self.trace.append(reason)

    def pieces(self, span) -> list[tuple[int, int]]:
        """The token ranges of `span` (a sentence) between its `sentence_breaks`, each break left out: a smiley or a
        closing bracket no opening one matches, between two words, ends a sentence the splitter read on through.
        One range, the whole span, when there is none."""
        pattern = self.settings.sentence_breaks
        if pattern.pattern == _NEVER:
            return [(0, len(span))]
        tokens = list(span)
        out, start, opened = [], 0, 0
        for i, t in enumerate(tokens):
            if t.text == "(":
                opened += 1
            if not pattern.fullmatch(t.text):
                continue
            if t.text.startswith(")") and opened:
                opened -= 1
                continue
            if any(x.is_alpha for x in tokens[start:i]) and i + 1 < len(tokens) and tokens[i + 1].is_alpha \
                    and sum(x.is_alpha for x in tokens[i + 1:]) >= self.settings.min_words:
                out.append((start, i))
                start = i + 1
        out.append((start, len(tokens)))
        return out

    def address(self, span) -> int:
        """The number of tokens of the address that opens the sentence `span`,
        its comma included (0: none): a greeting and up to three capitalised
        words, or up to three name words; then a comma and at least `min_words` words."""
        tokens = list(span)
        i = next((len(g) for g in self.settings.address_openers if len(g) < len(tokens) and _spells(tokens, 0, g)), 0)
        if i and i < len(tokens) and tokens[i].text == self.settings.comma:
            i += 1  # «Добрый день, Анна, …»
        start = i
        while i < len(tokens) and i - start < 3 and tokens[i].is_alpha and tokens[i].text[:1].isupper() and (
                start or any(str(m) in self.settings.address_name_morph for m in tokens[i].morph)):
            i += 1
        if i == start or i >= len(tokens) or tokens[i].text != self.settings.comma:
            return 0
        if sum(t.is_alpha for t in tokens[i + 1:]) < self.settings.min_words:
            return 0
        return i + 1

    def rewrite(self, span, bias: float, words: list[float], pairs: list[float], quoted: set[int],
                offset: int, must: tuple[int, int] | None = None, opening=None, free: bool | str = False,
                rescore=None, names: bool = False) -> str | None:
        """The sentence `span` without its blaming clause, "" to drop it, or None.
        With `must` (a token range of the sentence: another rule's match), the
        removal takes that range, and the clause holding it counts as blame.
        `opening(i)`: the log-odds token i adds once capitalised to open what is
        left after a lead-in goes (scored as it will read). With `free`, what
        `must` covers is not protected: the match is the blame, numbers included. With `names`, the names of a
        sentence that is all judgment do not keep it (`names_yield_to_judgment`)."""
        tokens = list(span)
        n = len(tokens)
        end = n
        while end and (tokens[end - 1].is_punct or tokens[end - 1].is_space) \
                and tokens[end - 1].text not in self.settings.clause_marks:
            end -= 1  # the sentence's own end («.», «?!»), kept by every removal
        if must and must[0] < end < must[1]:
            must = (must[0], end)  # (a match that takes the sentence's closing mark: every removal keeps it)
        unprotected = (self._clause_around(tokens, must, end) if free == CLAUSE else must) if free and must else (0, 0)
        kept = [self._protected(t, i, offset, quoted) and not unprotected[0] <= i < unprotected[1]
                for i, t in enumerate(tokens)]
        counts = _word_counts(span.doc) if any(kept) else None

        def loses(first: int, last: int) -> bool:
            """Would removing tokens [first, last) lose technical content: a
            protected word the message holds nowhere else («config.php» named
            again in the next sentence is not lost)?"""
            inside = Counter(tokens[i].orth for i in range(first, last) if kept[i])
            return any(counts[orth] <= seen for orth, seen in inside.items())
        cuts = [i for i in range(end) if (tokens[i].text in self.settings.clause_marks
                                           or tokens[i].text in self.settings.lead_in_marks
                                           or tokens[i].text == self.settings.comma)
                and not (i + 1 < n and tokens[i + 1].lower_ in self.settings.copula_words)]
        if tokens and self.settings.copula_subject.search(tokens[0].text):
            # «Держать ключи в репо — верх безответственности»: the subject's dash is no clause break
            cuts = [i for i in cuts if tokens[i].text not in self.settings.clause_marks or any(
                tokens[j].text in self.settings.clause_marks for j in cuts if j < i)]
        # (beside another rule's match, `unprotected_clauses` says which clause is the comparison)
        for i in self._comparison_tokens(tokens, cuts, end) if any(kept) and must is None else ():
            kept[i] = False
        best = None
        hindsight, hindsight_words = self._hindsight(tokens, cuts, end)
        def allowed(first: int, last: int, dropped: frozenset[int] = frozenset()) -> bool:
            """May tokens [first, last) go (with the words `dropped` left out too): the match goes with them, no
            content is lost, and what is kept reads as a sentence (no dependent clause opening it, no condition's
            consequence left alone, no open end before the gap, no subject stranded)?"""
            if must and not first <= must[0] < must[1] <= last:
                self._note("must", first, last)
                return False
            if any(kept[first:last]) and loses(first, last):
                self._note("protect", first, last)
                return False
            if first == 0 and (tokens[self._past_openers(tokens, last, end)].lower_ in self.settings.fragment_starts
                               or any(t.lower_ in self.settings.consequence_words
                                      for t in tokens[last : next((i for i in cuts if i > last), end)])):
                self._note("fragment", first, last)
                return False
            if hindsight and any(hindsight_words[first:last]) and any(hindsight_words[:first] + hindsight_words[last:]):
                self._note("fragment", first, last)
                return False  # (a counterfactual's condition or consequence left without the other)
            if first > 0 and tokens[self._past_openers(tokens, 0, end)].lower_ in self.settings.condition_words and any(
                    tokens[i].lower_ in self.settings.consequence_words for i in range(first, last)):
                self._note("condition", first, last)
                return False  # (the consequence of the condition that opens the sentence would go)
            if first == 0 and self._bare_opener(tokens, last, end):
                self._note("bare-opener", first, last)
                return False  # ("…, honestly: the login page…" would leave "Honestly: the login page…")
            # what is kept would end open («Благодарим за то.», "… which.")
            if first > 0 and tokens[first - 1].lower_ in self.settings.open_ends:
                self._note("open-end", first, last)
                return False
            if first == 0 and self._open_before_aside(tokens, cuts, last):
                self._note("open-prefix", first, last)
                return False  # («А чек Вы, конечно, сразу выбросили…» would leave «Конечно, сразу выбросили…»)
            if self._strands_clause(tokens, first, dropped):
                self._note("stranded", first, last)
                return False  # («…, — договоры, вообще-то, полезно читать, …» would leave «…, — договоры.»)
            if self._dependent_only(tokens, cuts, end, first, last):
                self._note("dependent-only", first, last)
                return False  # («Хотя, судя по тому, как быстро вернулась сыпь.», «Про то, что такая кожа …»)
            if self._cut_short(tokens, cuts, first, last):
                self._note("cut-short", first, last)
                return False  # («…, что 20 и 45.», «…, а такие вещи.», «…, так что бронировать за месяц до даты.»)
            if first == 0 and self._adjunct_only(tokens, self._past_openers(tokens, last, end), end):
                self._note("adjunct-only", first, last)
                return False  # ("Fires start exactly this way, | with an owner who …" leaves no "With an owner who …")
            if first > 0 and last >= end and self._lead_in_only(tokens, 0, first) or \
                    first == 0 and self._lead_in_only(tokens, last, end):
                self._note("lead-in-only", first, last)
                return False  # ("…, to put it kindly." keeps no "To put it kindly.", "For what it's worth, …" no "For what it's worth.")
            if self._verbless(tokens, end, first, last):
                self._note("verbless", first, last)
                return False  # ("…twice, once on the 3rd and once on the 12th, which is…" keeps no "Once on the 3rd…, which is…")
            if self._orphan_infinitive(tokens, end, first, last, dropped):
                self._note("orphan-infinitive", first, last)
                return False  # («Следовало бы, конечно, заранее уточнить расписание» leaves no «Конечно, заранее уточнить…»)
            return True

        removals = self._removals(tokens, cuts, end)
        deeper = [r for r in self._later_connectors(tokens, cuts, end) if r not in removals]
        # a lead-in before a strong mark ("It's all in the docs: the limit is…", "That's on your end — your
        # firewall…") that reads as blame on its own and holds nothing `protect` keeps (not even a number named
        # again elsewhere), whose removal leaves the rest under the flagging threshold but not under
        # `neutral_below`: taken where no removal reads neutral, before the sentence is given up
        relaxed = None
        blaming_suffix = None  # (`suffix_rest_below_threshold`: taken only where the sentence may not go whole)
        below_threshold = None  # (`blame_removal_below_threshold`: the same)
        crossing = self._opener_suffixes(tokens, cuts, end, removals)
        relative = self._relative_suffixes(tokens, cuts, end, removals + crossing)
        relative_best = None  # (a `relative_tails` suffix that leaves a neutral rest: taken where nothing else is)
        before_lead_in, lead_in_prefixes = self._lead_in_clauses(tokens, cuts, end, removals)
        crossing += [r for r in before_lead_in if r not in crossing]
        deeper += [r for r in lead_in_prefixes if r not in deeper]
        for first, last in removals + crossing + relative + deeper:
            if not allowed(first, last):
                continue
            def reads_neutral(a: int, b: int) -> bool:
                return sum(t.is_alpha for t in tokens[a:b]) >= self.settings.min_words and \
                    bias + sum(words[a:b]) + sum(pairs[a : b - 1]) < self.neutral_odds

            if (first, last) in relative and any(reads_neutral(a, b) for a, b in _clauses(
                    cuts, next(i for i in cuts if i > first and tokens[i].text in self.settings.clause_marks) + 1, last)):
                self._note("relative-content", first, last)
                continue  # a clause after the relative one reads neutral: content the removal would take

            if (first, last) in crossing and any(reads_neutral(a, b) for a, b in _clauses(cuts, first + 1, last)):
                self._note("crossing-content", first, last)
                continue  # a clause of the suffix reads neutral: content the removal would take
            if (first, last) in deeper and any(reads_neutral(a, b) for a, b in _clauses(cuts, 0, last)):
                self._note("connector-content", first, last)
                continue  # a clause of the prefix reads neutral: content the removal would take
            rest = [i for i in range(n) if not first <= i < last]
            if self._too_short(tokens, rest):
                self._note("min-words", first, last)
                continue
            if first == 0 and tokens[last - 1].lower_ in self.settings.contrast_words and any(
                    sum(t.is_alpha for t in tokens[a:b]) >= self.settings.min_words
                    and bias + sum(words[a:b]) + sum(pairs[a : b - 1]) < self.neutral_odds
                    for a, b in zip([0, *(i + 1 for i in cuts if i < last - 2)], [*(i for i in cuts if i < last - 2), last - 2])):
                self._note("contrast-content", first, last)
                continue  # a clause before the contrast reads neutral: content, not the blame it answers
            # the pairs that straddle the removed clause are gone with it
            odds = bias + sum(words[i] for i in rest) + sum(pairs[i] for i in rest if i + 1 < n and not first <= i + 1 < last)
            if first == 0 and opening is not None:
                odds += opening(last)
            size = sum(t.is_alpha for t in tokens[first:last])
            if (first, last) in relative:
                # (the last resort before the sentence is given up: it takes what the relative clause says)
                if odds < self.neutral_odds and (relative_best is None or (size, odds) < relative_best[0]):
                    relative_best = ((size, odds), first, last)
                elif odds >= self.neutral_odds:
                    self._note("relative:not-neutral", first, last, round(odds, 2))
                continue
            if odds < self.neutral_odds and (best is None or (size, odds) < best[0]):
                best = ((size, odds), first, last)
            elif odds >= self.neutral_odds:
                self._note("not-neutral", first, last, round(odds, 2))
                if self.settings.strong_mark_rest_below_threshold and must is None and odds < self.flag_odds \
                        and self._strong_removal(tokens, first, last, end) and (
                        relaxed is None or (size, odds) < relaxed[0]) and \
                        not any(kept[first:last]) and \
                        bias + sum(words[first:last]) + sum(pairs[first : last - 1]) >= self.neutral_odds and \
                        self._main_clause_left(tokens, cuts, end, first, last):  # (no «Для человека, который …»)
                    relaxed = ((size, odds), first, last)
                # (the suffix scored without the mark that sets it off: the clause alone reads as blame)
                elif self.settings.suffix_rest_below_threshold and must is None and odds < self.flag_odds \
                        and self._blaming_suffix(tokens, first, last, end) and (
                        blaming_suffix is None or (size, odds) < blaming_suffix[0]) and not any(kept[first:last]) and \
                        self._suffix_reads_as_blame(bias + sum(words[first + 1:last]) + sum(pairs[first + 1 : last - 1]),
                                                    odds):
                    blaming_suffix = ((size, odds), first, last)
                # (any removal of clauses that read as blame, none of them content, whose rest the rule no longer
                # flags: the same bar a construction rewrite meets, taken only where the sentence may not go whole)
                if self.settings.blame_removal_below_threshold and odds < self.flag_odds and (
                        below_threshold is None or (size, odds) < below_threshold[0]) and \
                        (bias + sum(words[first:last]) + sum(pairs[first : last - 1]) >= self.flag_odds
                         and not any(reads_neutral(a, b) for a, b in _clauses(cuts, first, last))
                         or self._contrast_tail(tokens, first, last, end)) and \
                        not self._takes_adjunct(tokens, first, last) and \
                        self._main_clause_left(tokens, cuts, end, first, last):
                    below_threshold = ((size, odds), first, last)
        if best is not None:  # the smallest removal that leaves a neutral sentence
            return self._statement(tokens, best[1], best[2], end, self._join(tokens, best[1], best[2]))
        dropped = self._droppable(tokens, end, kept) if rescore is not None else frozenset()
        aside_rewrite = None
        if dropped:
            # no removal alone: the tone words left out too, with no removal or the smallest one
            # (the same checks as above on what is left; the rest scored as it will read)
            removals = self._removals(tokens, cuts, end)
            opened = next((i for i in cuts if i not in dropped), None) \
                if cuts and all(i in dropped for i in range(cuts[0] + 1)) else None
            if opened is not None:
                # an opener gone ("Again, to recap, the router…"): the prefix through the next cut may go
                # as the first one may, where what it keeps holds a clause that stands as a sentence («Честно
                # говоря, остальные ученицы разобрались с этим сами, по тому же видео» keeps no «По тому же видео.»)
                if self._main_clause_left(tokens, cuts, end, 0, opened + 1):
                    removals.append((0, opened + 1))
                k = self._connector(tokens, opened + 1, end)
                if k and opened + 1 + k < end and tokens[opened].text == self.settings.comma \
                        and self._opens_clause(tokens, opened + 1 + k, cuts, end, opened + 1) \
                        and self._main_clause_left(tokens, cuts, end, 0, opened + 1 + k):
                    removals.append((0, opened + 1 + k))
            # (not a removal bounded by a comma that goes with a dropped aside: «Правила, кстати, …» loses no «Правила»;
            # nor by the dash after a subject that opens the sentence once an aside before it goes, as the cuts
            # above leave it for one that opens it as written: «Честно говоря, отдать пароль — решение …»)
            lead = next((i for i in range(end) if i not in dropped), 0)
            subject_dash = next((i for i in cuts if i > lead and tokens[i].text in self.settings.clause_marks), None) \
                if lead and self.settings.copula_subject.search(tokens[lead].text) else None
            options = [(0, 0)] + [(first, last) for first, last in removals
                                  if 0 < last - first < end and last - 1 not in dropped
                                  and not (first and first in dropped) and subject_dash not in (first, last - 1)
                                  and allowed(first, last, dropped)
                                  # (a prefix gone: what is left holds a clause that stands as a sentence, not «Для
                                  # человека, который …», «Берущих ту же партию, …»)
                                  and (first or self._main_clause_left(tokens, cuts, end, first, last))]
            for first, last in options:
                if (first, last) == (0, 0) and must and not all(i in dropped for i in range(*must)
                                                                if tokens[i].is_alpha):
                    continue  # (another rule's match must go: here only with the words dropped)
                rest = [i for i in range(n) if not first <= i < last and i not in dropped]
                if self._too_short(tokens, rest):
                    continue
                odds = rescore(rest)
                size = sum(t.is_alpha for t in tokens[first:last])
                if odds < self.neutral_odds and (best is None or (size, odds) < best[0]):
                    best = ((size, odds), first, last)
                elif odds >= self.neutral_odds:
                    self._note("dropped:not-neutral", first, last, round(odds, 2))
            if best is not None:
                found = self._statement(tokens, best[1], best[2], end, self._join(tokens, best[1], best[2], dropped))
                if not dropped & self._droppable_asides(tokens, end, kept):
                    return found
                aside_rewrite = found  # (see below)
        # a lead-in and a closing clause together leave a neutral rest: taken before a lead-in alone whose rest only
        # falls under the threshold, and where the sentence may not go whole (below); scored only in these cases
        pair = self._lead_and_tail(tokens, cuts, end, removals, allowed, bias, words, pairs, opening) \
            if must is None and cuts and aside_rewrite is None else None
        pair_rewrite = None if pair is None else self._statement(
            tokens, pair[1], pair[2], end, self._join(tokens, pair[1], pair[2], frozenset(range(pair[0]))))
        if relaxed is not None:
            if pair_rewrite is not None:
                return pair_rewrite
            return self._statement(tokens, relaxed[1], relaxed[2], end, self._join(tokens, relaxed[1], relaxed[2]))
        # a rest that still reads a little as blame (under the threshold, or once an aside is left out) is kept
        # only where the sentence may not go whole: dropping every clause that blames beats keeping one
        # («Ваши одногруппники сдали проект вовремя.», «Договор, между прочим, для того и подписывают, чтобы его
        # читать» → «Договор для того и подписывают.»)
        # (nor a rest that keeps a word carrying only the writer's tone, `droppable`: «…, сраного модератора никто
        # не звал.» would read as the verdict it was, with the content after it gone)
        if blaming_suffix is None:
            blaming_suffix = below_threshold
        if blaming_suffix is not None and any(i in dropped for i in range(n) if not
                                              blaming_suffix[1] <= i < blaming_suffix[2]):
            blaming_suffix = None
        refused = aside_rewrite or pair_rewrite
        if refused is None and blaming_suffix is None and relative_best is not None:
            refused = self._statement(tokens, relative_best[1], relative_best[2], end,
                                      self._join(tokens, relative_best[1], relative_best[2]))
        if refused is None and blaming_suffix is not None:
            _, first, last = blaming_suffix
            refused = self._statement(tokens, first, last, end, self._join(tokens, first, last))
        doc = span.doc
        names_only = False  # (only names keep it: `names_yield_to_judgment`)
        if any(kept) and loses(0, n):
            facts = Counter(t.orth for i, t in enumerate(tokens)
                            if kept[i] and (self.settings.protect.search(t.text) or offset + i in quoted))
            # (beside another rule's match, only where the model flags the sentence too: the tone finding and the
            # rule's on the same sentence, not a sentence that only the match makes blame)
            names_only = names and refused is None and all(counts[o] > seen for o, seen in facts.items()) and \
                (must is None or bias + sum(words[:end]) + sum(pairs[: end - 1]) >= self.flag_odds)
            if not names_only:
                self._note("whole:protect")
                if refused is None and names and must is None and rescore is not None and self.fact_opener_tokens:
                    return self._fact_clauses(tokens, cuts, end, kept, bias, words, pairs, rescore)
                return refused
        if not any(doc[i].is_alpha for i in chain(range(span.start), range(span.end, len(doc)))):
            self._note("whole:only-sentence")
            return refused  # (a reply of this one sentence is not removed: it needs writing anew)
        # the whole sentence goes only when every clause of it long enough to say
        # something reads as blame on its own: a neutral one («the router needs a
        # factory reset») is content
        # (beside another rule's match, a clause counts as blame only where the
        # model would flag it alone: the match shows where the blame is)
        blame_odds = self.flag_odds if must or names_only else self.neutral_odds
        if names and must is None and self.settings.questions_yield_to_judgment and any(
                t.text.startswith("?") for t in tokens[end:]) and not any(
                t.lower_ in self.settings.presupposing_question_words for t in tokens[:end]) and next(
                (t.lower_ for t in span.doc[span.end:] if t.is_alpha), "") not in self.settings.back_references:
            # (not where the next sentence opens by pointing back into it: «А инструкцию, которую монтажник оставил
            # возле насоса, в руки брать не пробовали? Там на стр. 34 …»)
            self._note("whole:question")
            return ""  # (the last resort: a question flagged as a whole, `questions_yield_to_judgment`)
        if any(len(parts) < end and _spells(tokens, 0, parts) and tokens[len(parts)].text == self.settings.comma
               for parts in self.sarcastic_opener_tokens):
            return ""  # (sarcasm throughout: «Ну да, спицы ведь ломаются сами собой, стоит только открыть зонт.»)
        if self.settings.comparison_sentences_go and self._compares_throughout(tokens, end):
            self._note("whole:comparison")
            return ""
        after_blame = False  # does a clause that blames come before this one (short clauses between read with it)?
        clauses = list(zip([0, *(i + 1 for i in cuts)], [*cuts, end]))
        # {a clause left open: the clause it reads with}, in the last resort (`names`): elsewhere a construction
        # rewrite may keep what the sentence says ("Signing it … is best avoided, as our solicitors would have …")
        joined = self._open_clauses(tokens, clauses) if names else {}
        for a, b in clauses:
            if must and a < must[1] and must[0] < b:
                after_blame = True
                continue  # the clause the rule matched in
            if hindsight and hindsight[a]:
                after_blame = True
                continue  # (a counterfactual clause: blame whatever its words weigh)
            # (with `connector_not_counted`, the connector opening the clause is glue, not a word of what it says:
            # "…, so it definitely works" says three words)
            link = self._connector(tokens, a, b)
            # (a clause telling what the writer does, `writer_predicate_morph`, is read past its connector, words and
            # score: the link to the blame before it («…, так что приложу её ещё раз») is the blame's weight)
            link = link if link and any(str(m) in self.settings.writer_predicate_morph
                                        for t in tokens[a + link:b] for m in t.morph) else 0
            glue = link or (self._connector(tokens, a, b) if self.settings.connector_not_counted else 0)
            if sum(t.is_alpha for t in tokens[a + glue:b]) < self.settings.min_words:
                continue
            if bias + sum(words[a + link:b]) + sum(pairs[a + link : b - 1]) >= blame_odds:
                after_blame = True
                continue
            other = joined.get((a, b))
            if other is not None and bias + sum(words[a:b]) + sum(pairs[a : b - 1]) + sum(words[other[0]:other[1]]) + \
                    sum(pairs[other[0] : other[1] - 1]) >= blame_odds:
                self._note("whole:open-clause", a, b)
                after_blame = True
                continue  # (the clause left open, read with its end after the aside, blames)
            opener = next((t.lower_ for t in tokens[a:b] if t.is_alpha), "")
            if names and must is None and after_blame and b == end and self._points_back(tokens, a, b):
                # (the last resort: a last clause pointing back at the blame before it, "…, which is why our estimates
                # are usually spot on", "…, and this is the result", says nothing the reply needs without it; not one
                # mid-sentence, more often a noun's relative clause: "…on cleaning day, which is every second Tuesday, so…")
                self._note("whole:pointing-back", a, b)
                continue
            if after_blame and opener in self.settings.dependent_clause_openers:
                # (a dependent clause of the blame before it says nothing of its own: «Тут ничего сложного, даже
                # ребёнок справится, если делать по шагам», «…, хорошо ещё, что обошлось без пожара»)
                self._note("whole:dependent-clause", a, b)
                continue
            self._note("whole:neutral-clause", a, b)
            return refused
        return ""

    def _fact_clauses(self, tokens, cuts: list[int], end: int, kept: list[bool], bias: float, words: list[float],
                      pairs: list[float], rescore) -> str | None:
        """The last resort for a sentence whose facts keep it from going whole (`fact_clause_openers`): the run of
        its clauses that holds every fact only it holds, past the words linking it to the judgment around it, as a
        sentence of its own («Судя по фото …, машину вы вернули в безобразном состоянии, поэтому и списан штраф за
        уборку 1 500 ₽.» → «Списан штраф за уборку 1 500 ₽.»); the longest such run that stands alone and reads
        neutral, where what goes reads as blame and holds no fact (a fact named again elsewhere in the reply is not
        lost). None when there is none."""
        n = len(tokens)
        counts = _word_counts(tokens[0].doc)
        marks = self.settings.predicate_morph
        dependent = self.settings.subordinators | self.settings.dependent_clause_openers
        # (a `droppable` word after a comma too, where a word follows: «…, [прямо] над кнопкой «Оплатить»»)
        droppable = self._droppable(tokens, end, kept) | {
            i for i in range(1, end - 1) if tokens[i].lower_ in self.settings.droppable and not kept[i]
            and tokens[i - 1].text == self.settings.comma and tokens[i + 1].is_alpha}

        def opens_dependent(a: int, b: int) -> bool:
            """Does the clause tokens[a:b] open (past its mark, openers and a preposition) with a `subordinators` or
            `dependent_clause_openers` word: «…, что скидка действует на всё», «…, о которых знает любой»?"""
            alpha = [t for t in tokens[a:b] if t.is_alpha]
            alpha = alpha[1:] if alpha and alpha[0].pos_ == "ADP" else alpha
            return bool(alpha) and alpha[0].lower_ in dependent

        def predicate(a: int, b: int) -> bool:
            """Does tokens[a:b] hold a predicate (`predicate_morph`, not a gerund's: «Судя по фото …» is an adjunct)?"""
            return any(str(m) in marks for t in tokens[a:b] if "VerbForm=Conv" not in t.morph for m in t.morph)
        # (a run may end at any comma or mark, one before «это» too: «…по 2 мм с каждой стороны, это азы …»)
        # (not a dash before «это»: what stands before it is the subject, «…, и опоздание на 10 минут — это …»)
        bounds = [i for i in range(end) if tokens[i].text in self.settings.lead_in_marks
                  or tokens[i].text == self.settings.comma or tokens[i].text in self.settings.clause_marks
                  and not (i + 1 < n and tokens[i + 1].lower_ in self.settings.copula_words)]
        starts = [0, *(i + 1 for i in bounds)]
        ends = [*bounds, end]

        def drops(ranges) -> bool:
            """May tokens in `ranges` go: no fact only they hold, no clause of them content? (A clause that is not
            dependent, with a predicate and at least `stranded_clause_words` words, reading neutral alone: «Курьер
            приезжал дважды, но …»; not «…, надо умудриться», «…, что скидка действует на всё».)"""
            lost = Counter(tokens[i].orth for a, b in ranges for i in range(a, b) if kept[i])
            if any(counts[orth] <= seen for orth, seen in lost.items()):
                self._note("facts:lost", *ranges[0])
                return False  # (a fact of the judgment would go)
            if any(bias + sum(words[a:b]) + sum(pairs[a : b - 1]) < self.neutral_odds
                   and sum(t.is_alpha for t in tokens[a:b]) >= self.settings.stranded_clause_words
                   and predicate(a, b) and not opens_dependent(a, b)
                   for x, y in ranges if y > x for a, b in _clauses(cuts, x, y)):
                self._note("facts:neutral-side", *ranges[0])
                return False
            return True

        def run(s: int, e: int):
            """The run tokens[s:e] kept as a sentence: (where it opens past its linking words, the words left out,
            its log-odds), or None where it does not stand alone or read neutral."""
            k = s
            while True:  # past the words linking the run to what went
                step = next((len(p) for p in self.fact_opener_tokens if k + len(p) < e and _spells(tokens, k, p)), 0)
                if not step:
                    break
                k += step
                while k < e and tokens[k].text == self.settings.comma:
                    k += 1
            # (set off from the judgment by a strong mark or a linking word: after a bare comma the run may have
            # lost its subject to an aside, «Вы, видимо, [снова не открыли дверь]»)
            if s and k == s and tokens[s - 1].text == self.settings.comma:
                self._note("facts:bare-comma", k, e)
                return None
            # (past a connector, no particle or pronoun tying it to what went: «поэтому [аккаунт и заблокирован]»)
            linked = any(self._connector(tokens, i, k) for i in range(s, k))
            # (and past any linking word it opens with a clause: a predicate before its next mark, «…, и [в сообщении
            # после неё], у инструмента …» is the second member of a pair)
            first_clause = next((i for i in bounds if k < i < e), e)
            if not self._stands_alone(tokens, cuts, k, e) or tokens[k].lower_ in self.settings.back_references \
                    or k > s and marks and not predicate(k, first_clause) \
                    or linked and not self._opens_clause(tokens, k, cuts, e, s) \
                    or tokens[k].lower_ in self.settings.dependent_clause_openers or marks and not predicate(k, e):
                self._note("facts:fragment", k, e)
                return None
            if e < end and (tokens[e - 1].lower_ in self.settings.open_ends or not tokens[e - 1].is_alpha
                            and not tokens[e - 1].text[:1].isdigit() and tokens[e - 1].text not in "»\")"):
                self._note("facts:open-end", k, e)
                return None
            # (nor a clause after its first pointing back at it with no fact of its own: «…с каждой стороны, это азы
            # подготовки к печати» is the judgment again)
            inner = [i for i in bounds if k < i < e]
            if any(self._points_back(tokens, a, b) and not any(kept[a:b])
                   for a, b in zip([i + 1 for i in inner], [*inner[1:], e])):
                self._note("facts:pointing-back", k, e)
                return None
            rest = [*range(k, e), *range(end, n)]
            # (a number counts as a word: «В заказе указана кв. 58.»)
            if sum(t.is_alpha or any(c.isdigit() for c in t.text) for t in tokens[k:e]) < self.settings.min_words \
                    and self._too_short(tokens, rest):
                self._note("facts:min-words", k, e)
                return None
            odds, gone = rescore(rest), frozenset()
            if odds >= self.neutral_odds and droppable.intersection(range(k, e)):
                # (or with the words that only colour it left out: «Об этом[, кстати,] написано [прямо] в …»)
                gone = droppable.intersection(range(k, e))
                odds = rescore([i for i in rest if i not in gone])
            if odds >= self.neutral_odds:
                self._note("facts:not-neutral", k, e, round(odds, 2))
                return None
            return k, e, gone, odds

        # one run, or two: the opening clauses and a later run, the judgment between them gone («Курьер звонил в
        # 14:20, но, видимо, Вы ошиблись в номере квартиры — в заказе указана кв. 58.» → «Курьер звонил в 14:20.
        # В заказе указана кв. 58.»)
        best = None
        options = [((s, e),) for s in starts for e in ends if s < e and (s, e) != (0, end)]
        options += [((0, a), (s, e)) for a in bounds for s in starts if s > a + 1 for e in ends if e > s]
        for option in options:
            gaps = [(0, option[0][0]), *((x[1], y[0]) for x, y in zip(option, option[1:])), (option[-1][1], end)]
            if not drops([(a, b) for a, b in gaps if b > a]):
                continue
            found = [run(s, e) for s, e in option]
            if None in found:
                continue
            size = sum(sum(t.is_alpha for t in tokens[k:e]) for k, e, _, _ in found)
            odds = max(o for _, _, _, o in found)
            if best is None or (-size, odds) < best[0]:
                best = ((-size, odds), found)
        if best is None:
            return None
        texts = []
        for k, e, gone, _ in best[1]:
            text = "".join(t.text_with_ws if i not in gone else " " * bool(t.whitespace_)
                           for i, t in enumerate(tokens[k:e], k)).strip()
            text = _SPACE_BEFORE_MARK.sub("", _DOUBLE_SPACE.sub(" ", text))
            texts.append(text[:1].upper() + text[1:])
            self._note("facts:kept", k, e)
        # the sentence's own end, or a full stop where the run ended before a comma or a mark
        close = "".join(t.text for t in tokens[end:n]).strip() if best[1][-1][1] == end else ""
        if not close.strip("»\")\"") or "?" in close:
            close = close.split("?")[0].rstrip(".!…") + "."  # (a statement of fact: any question went with the judgment)
        return " ".join(t if t.endswith(".") or t is texts[-1] else t + "." for t in texts) + close

    def _open_clauses(self, tokens, clauses: list[tuple[int, int]]) -> dict:
        """The clauses left open before a short aside (`open_clause_ends`), each with the clause after the aside, and
        that clause with the open one: {(a, b): (c, d)}. Empty without the setting."""
        ends = self.settings.open_clause_ends
        out = {}
        if not ends:
            return out
        for k in range(len(clauses) - 2):
            (a, b), (p, q), (c, d) = clauses[k : k + 3]
            last = next((t.lower_ for t in reversed(tokens[a:b]) if t.is_alpha), "")
            if last in ends and sum(t.is_alpha for t in tokens[p:q]) < self.settings.min_words:
                out[(a, b)], out[(c, d)] = (c, d), (a, b)
        return out

    def _open_before_aside(self, tokens, cuts: list[int], last: int) -> bool:
        """Does a prefix removal of tokens [0, last) end, at a comma, on one of `open_ends` with a short aside (under
        `min_words` words, set off by a comma after it) following: the prefix is the start of the clause the aside
        interrupts («А чек Вы, конечно, сразу выбросили», "Ordering … was, honestly, a careless way"), no clause of
        its own, and the rest would open with the aside on the clause's remnant?"""
        comma = last - 1
        if comma <= 0 or tokens[comma].text != self.settings.comma:
            return False
        # (not the noun «раз» of «в третий раз», nor the particle of «тут-то»)
        bare = (tokens[comma - 1].lower_ not in self.settings.open_ends or tokens[comma - 1].pos_ == "NOUN"
                or _after_hyphen(tokens, comma - 1))
        if bare and not self._no_predicate(tokens, cuts, comma):
            return False
        after = next((i for i in cuts if i > comma), None)
        if after is None or tokens[after].text != self.settings.comma:
            return False
        if not 0 < sum(t.is_alpha for t in tokens[last:after]) < self.settings.min_words:
            return False
        # (a clause with no predicate before the aside: not where the aside holds the predicate («Прежде чем писать,
        # загляните, пожалуйста, …») or an instruction follows it that stands alone («Вы уж в следующий раз,
        # пожалуйста, указывайте номер квартиры»))
        return not bare or self._no_predicate(tokens, cuts, after) and not any(
            "Mood=Imp" in t.morph for t in tokens[after + 1 : after + 3] if t.is_alpha)

    def _adjunct_only(self, tokens, i: int, end: int) -> bool:
        """Does what is left from token i open with a preposition whose phrase runs into a relative clause
        (`relative_pronouns`) with no clause mark and no pronoun (a subject) anywhere in it: a noun's adjunct and the
        relative clause on it, no clause of its own ("with an owner who ignores the warning light"; not "with
        customers who pay late we send reminders")? (The tagger of some languages reads nouns as verbs: only a
        pronoun tells a subject.)"""
        if i >= end or tokens[i].pos_ != "ADP" or not self.settings.relative_pronouns:
            return False
        marks = self.settings.clause_marks | self.settings.lead_in_marks | {self.settings.comma}
        rest = tokens[i + 1 : end]
        # (up to a mark a conjunction follows: "with an owner who ignores it, and I'd hate…" has no clause before it)
        cut = next((k for k, t in enumerate(rest) if t.text in marks), None)
        if cut is not None and cut + 1 < len(rest) and rest[cut + 1].lower_ in self.settings.fragment_starts:
            rest = rest[:cut]
        at = next((k for k, t in enumerate(rest) if t.lower_ in self.settings.relative_pronouns), None)
        if at is None or not at:
            return False
        return not any(t.text in marks or (t.pos_ == "PRON" and k != at) for k, t in enumerate(rest))

    def _verbless(self, tokens, end: int, first: int, last: int) -> bool:
        """Does a removal of tokens [first, last), taking the sentence's start, keep no verb (`clause_verb_pos`)
        before a `nonrestrictive_relatives` pronoun after a comma: a noun phrase and the relative clause on it, no
        clause of its own?"""
        if not self.settings.clause_verb_pos or first > 0:
            return False
        kept = [i for i in range(last, end) if not tokens[i].is_space]
        # (a relative clause set off by a comma, "…, which is…": a restrictive one, "any fabric that can go in a
        # washer needs…", may stand before the main verb)
        at = next((k for k, i in enumerate(kept) if k and tokens[kept[k - 1]].text == self.settings.comma
                   and tokens[i].lower_ in self.settings.nonrestrictive_relatives), None)
        return at is not None and at > 1 and not any(tokens[i].pos_ in self.settings.clause_verb_pos for i in kept[:at])

    def _lead_in_only(self, tokens, a: int, b: int) -> bool:
        """Is what a removal keeps, tokens [a, b) (the part before it or after it), one clause (no clause mark in it)
        opening with a `lead_in_openers` phrase: a lead-in whose clause went ("To put it kindly.", "For what it's
        worth.", "When limits vanish overnight like this.")?"""
        if not self.lead_in_opener_tokens:
            return False
        marks = self.settings.clause_marks | self.settings.lead_in_marks | {self.settings.comma}
        kept = [i for i in range(a, b) if not tokens[i].is_space]
        while kept and tokens[kept[-1]].text in marks:
            kept.pop()  # (the mark the removal starts after)
        while kept and tokens[kept[0]].text in marks:
            kept.pop(0)  # (the mark it ends with)
        if not kept or any(tokens[i].text in marks for i in kept):
            return False
        at = kept[0]
        opener = next((words for words in self.lead_in_opener_tokens if at + len(words) <= b
                       and _spells(tokens, at, words)), None)
        if opener is None:
            return False
        # (a subject of `main_clause_subjects` past the opener's own, not after a relative pronoun or a word of an
        # opener, shows a main clause the lead-in leans on: "If that's what you want we'll do it" stands; "From what
        # you describe" does not)
        leaning = self.settings.relative_pronouns | {w for words in self.lead_in_opener_tokens for w in words}
        return not any(tokens[i].lower_ in self.settings.main_clause_subjects and len(opener) < k < len(kept) - 1
                       and tokens[kept[k - 1]].lower_ not in leaning for k, i in enumerate(kept))  # (the last: an object)

    def _orphan_infinitive(self, tokens, end: int, first: int, last: int, dropped: frozenset[int]) -> bool:
        """Would a prefix removal of tokens [0, last) keep a verb's infinitive (`infinitive_morph`) with no predicate
        (`predicate_morph`) in what is left up to its first strong mark: the modal that governed it went with the removal
        («Следовало бы, конечно, | заранее уточнить расписание»)? Without both settings: never."""
        marks = self.settings.infinitive_morph
        if first or not marks or not self.settings.predicate_morph:
            return False
        # (up to the first strong mark: «Разумеется, заранее выгрузить отчёт | — после закрытия периода он недоступен»)
        marks_ = self.settings.clause_marks | self.settings.lead_in_marks
        stop = next((i for i in range(last, end) if tokens[i].text in marks_), end)
        rest = [tokens[i] for i in range(last, stop) if i not in dropped and tokens[i].is_alpha]
        if any(t.lower_ in self.settings.infinitive_predicates for t in rest):
            return False  # («Расстраиваться тут не из-за чего»: an infinitive's sentence of its own)
        return any(t.pos_ == "VERB" and t.lower_ not in self.settings.not_infinitives and str(m) in marks
                   for t in rest for m in t.morph) and not self._has_predicate(rest)

    def _has_predicate(self, tokens) -> bool:
        """Does one of these tokens carry a predicate's morphology (`predicate_morph`)?"""
        marks = self.settings.predicate_morph
        return any(str(m) in marks for t in tokens for m in t.morph)

    def _no_predicate(self, tokens, cuts: list[int], comma: int) -> bool:
        """Is the clause that ends at the comma `comma` (from the cut before it) without a predicate
        (`predicate_morph`; none listed: never)? Before a short aside it is the start of the clause the aside
        interrupts, its subject or object («Документы, конечно, нужно было принести…», «Об аллергии, конечно, …»)."""
        if not self.settings.predicate_morph:
            return False
        start = max((i + 1 for i in cuts if i < comma), default=0)
        alpha = [t for t in tokens[start:comma] if t.is_alpha]
        opens_clause = self.settings.fragment_starts | self.settings.subordinators | self.settings.adjunct_openers
        return bool(alpha) and alpha[0].lower_ not in opens_clause and not self._has_predicate(alpha)

    def _strands_clause(self, tokens, first: int, dropped: frozenset[int] = frozenset()) -> bool:
        """Would a removal from the comma at `first` leave the clause it cuts, after a strong mark that follows
        other words, with fewer than `stranded_clause_words` words: a subject whose predicate went
        («…, — договоры.»), a hedge whose statement went («…, — видимо.»)?"""
        if first <= 0 or tokens[first].text != self.settings.comma or not self.settings.stranded_clause_words:
            return False
        marks = self.settings.clause_marks | self.settings.lead_in_marks
        mark = next((i for i in range(first - 1, 0, -1) if tokens[i].text in marks), None)
        if mark is None or not any(t.is_alpha for t in tokens[:mark]):
            return False
        # (a hyphenated word counts once: «видимо, кое-кому» is two words)
        words = sum(tokens[i].is_alpha and not _after_hyphen(tokens, i) for i in range(mark + 1, first)
                    if i not in dropped)
        return 0 < words < self.settings.stranded_clause_words

    def _comparison_tokens(self, tokens, cuts: list[int], end: int) -> list[int]:
        """The tokens that name the others a clause sets the customer against (`comparison_clause`): from where
        the pattern matches up to the clause's main verb ("the other 40 members on level 4 | aren't having…",
        "Most of our clients who ask for a Hobbit | come in…"), through the clause's end when none follows. The
        counts and names there are the comparison's, not content a removal must keep; what the others do (the
        "24 hours" of "Most of our customers manage to leave the tape on for the full 24 hours") still is."""
        if self.settings.comparison_clause.pattern == _NEVER:
            return []  # (a language without the setting: no clause is joined and searched)
        out = []
        # (a sentence the splitter read on through, "…Chloe R and Zara P. The other 38 clubs…", is cut at its stops)
        stops = sorted({*cuts, *(i for i in range(end) if tokens[i].text in _SENTENCE_MARKS)})
        for a, b in _clauses(stops, 0, end):
            words = [i for i in range(a, b) if not (tokens[i].is_punct or tokens[i].is_space)]
            starts, pos = [], 0
            for i in words:
                starts.append(pos)
                pos += len(tokens[i].lower_) + 1
            found = self.settings.comparison_clause.search(" ".join(tokens[i].lower_ for i in words))
            if not found:
                continue
            first = max(k for k, at in enumerate(starts) if at <= found.start())
            # the main verb: a verb right after a word that heads the subject (the tagger reads "second-floor" as
            # verbs, never after a noun), adverbs and particles between («клиенты как-то справляются», "customers
            # simply leave"; the tagger reads the pieces of «как-то» as conjunctions); the verb of a relative clause
            # on the others is not it
            relative = relative_verb = after_head = False
            for k in range(first, len(words)):
                token = tokens[words[k]]
                modifier = token.pos_ in _VERB_MODIFIERS or _hyphenated(tokens, words[k])
                if token.lower_ in self.settings.relative_pronouns:
                    relative = True
                elif token.pos_ in ("VERB", "AUX") and k > first and after_head and not modifier:
                    if not (relative and not relative_verb):
                        break
                    relative_verb = True
                if not modifier:
                    after_head = token.pos_ in _SUBJECT_HEADS
                out.append(words[k])
        return out

    def _takes_adjunct(self, tokens, first: int, last: int) -> bool:
        """Does a prefix removal take a clause opening with a `subordinators` or `adjunct_openers` word: a condition,
        a time, the step before another («Прежде чем заливать фундамент, …»), content of the sentence?"""
        if first:
            return False
        opener = next((t.lower_ for t in tokens[first:last] if t.is_alpha), "")
        return opener in self.settings.subordinators or opener in self.settings.adjunct_openers

    def _contrast_tail(self, tokens, first: int, last: int, end: int) -> bool:
        """Is tokens[first:last] the sentence's last clause, a comma and one of `contrast_tails` («…до покупки, а не
        после»)?"""
        if last != end or first == 0 or tokens[first].text != self.settings.comma:
            return False
        return any(first + 1 + len(parts) <= end and _spells(tokens, first + 1, parts) for parts in self.contrast_tail_tokens)

    def _main_clause_left(self, tokens, cuts: list[int], end: int, first: int, last: int) -> bool:
        """Does what a removal of tokens [first, last) keeps hold a clause that stands as a sentence: one opening
        with no `fragment_starts` or `subordinators` word, with a predicate (a token with one of
        `predicate_morph`), and at least `min_words` words where the removal cut it short? («Если делать по шагам.»,
        «Когда вода только начала мутнеть, а не ждать до зелени.», «… — решение.» hold none.) With no
        `predicate_morph` listed, any rest does."""
        if not self.settings.predicate_morph:
            return True
        opens_dependent = self.settings.fragment_starts | self.settings.subordinators
        for a, b in zip([0, *(i + 1 for i in cuts)], [*cuts, end]):
            kept = [i for i in range(a, b) if not first <= i < last and tokens[i].is_alpha]
            if not kept or tokens[kept[0]].lower_ in opens_dependent:
                continue
            if (first in (b, b + 1) or last == a) and len(kept) < self.settings.min_words:
                continue  # (the clause the removal cut short: «… — решение.»)
            if self._has_predicate(tokens[i] for i in kept):
                return True
        return False

    def _dependent_only(self, tokens, cuts: list[int], end: int, first: int, last: int) -> bool:
        """Would a removal of tokens [first, last) keep no main clause, opening with a clause that leans on another:
        one opening with a `subordinators` or `dependent_clause_openers` word with no predicate (`predicate_morph`)
        of its own («Хотя, судя по тому, как быстро вернулась сыпь.»), or a head under `min_words` words with no
        predicate and the `relative_tails` clause on it («Удлинитель, который вы решили протянуть через лужу.»), or
        with the `dependent_clause_openers` clause its last word, a pronoun of `open_ends`, points to («Про то, что
        такая кожа боится воды.»); no main clause: no later clause opening with no such word (nor `fragment_starts`)
        with a predicate, nor, after such a head, any («По фото, которые Вы прислали, люфт барабана заметный.»)?
        Without `predicate_morph`: never."""
        if not self.settings.predicate_morph:
            return False
        leaning = self.settings.subordinators | self.settings.dependent_clause_openers
        opens = leaning | self.settings.fragment_starts
        clauses = [[i for i in range(a, b) if tokens[i].is_alpha and not first <= i < last]
                   for a, b in zip([0, *(i + 1 for i in cuts)], [*cuts, end])]
        clauses = [c for c in clauses if c]
        if not clauses:
            return False

        def opener(c: list[int]) -> str:
            return "" if _hyphenated(tokens, c[0]) else tokens[c[0]].lower_  # (not the «кто» of «кто-то»)

        predicate = [self._has_predicate(tokens[i] for i in c) for c in clauses]
        if predicate[0]:
            return False
        if opener(clauses[0]) in leaning:
            return not any(p and opener(c) not in opens for c, p in zip(clauses[1:], predicate[1:]))
        if len(clauses) < 2 or len(clauses[0]) >= self.settings.min_words:
            return False
        head = opener(clauses[1])
        tail = tokens[clauses[0][-1]]
        if not (head in self.settings.relative_tails or head in self.settings.relative_pronouns
                or head in self.settings.dependent_clause_openers and tail.lower_ in self.settings.open_ends
                and tail.pos_ in ("PRON", "DET")):
            return False
        return all(opener(c) in opens for c in clauses[1:])

    def _cut_short(self, tokens, cuts: list[int], first: int, last: int) -> bool:
        """Would a removal from the cut `first` leave the clause before it without a predicate (`predicate_morph`)
        where the removal took it: one opening with a `subordinators` or `dependent_clause_openers` word, before a
        strong mark (the predicate of «…, что 20 и 45 — почти одно и то же»), or one opening with any of these or
        `fragment_starts` before a short aside set off by commas, with no predicate nor such an opener of its own,
        after which the clause goes on («…, а такие вещи, вообще-то, взрослому человеку полезно знать самому»,
        «…, так что бронировать за месяц до даты, мягко говоря, поздновато»)? Without `predicate_morph`: never."""
        if not self.settings.predicate_morph or first <= 0 or first not in cuts:
            return False
        leaning = self.settings.subordinators | self.settings.dependent_clause_openers
        opens = leaning | self.settings.fragment_starts
        start = max((i + 1 for i in cuts if i < first), default=0)
        alpha = [i for i in range(start, first) if tokens[i].is_alpha]
        if not alpha or _hyphenated(tokens, alpha[0]) or self._has_predicate(tokens[i] for i in alpha):
            return False
        if tokens[first].text in self.settings.clause_marks:
            return tokens[alpha[0]].lower_ in leaning
        if tokens[alpha[0]].lower_ not in opens:
            return False
        after = next((i for i in cuts if i > first), None)
        if after is None or after >= last - 1 or tokens[after].text != self.settings.comma:
            return False
        aside = [i for i in range(first + 1, after) if tokens[i].is_alpha]
        rest = next((t.lower_ for t in tokens[after + 1 : last] if t.is_alpha), "")
        return 0 < len(aside) < self.settings.min_words and tokens[aside[0]].lower_ not in opens and \
            rest not in opens and not self._has_predicate(tokens[i] for i in aside)

    def _counterfactual_marks(self, tokens, end: int) -> list[bool]:
        """Per token of tokens[:end] (then False to the end), is it a counterfactual word (`counterfactual_words`)?"""
        return [i < end and (t.lower_ in self.settings.counterfactual_words
                             and not (i and tokens[i - 1].lower_ in self.settings.counterfactual_not_after)
                             or self._counterfactual_condition(tokens, i, end))
                for i, t in enumerate(tokens)]

    def _counterfactual_condition(self, tokens, i: int, end: int) -> bool:
        """Is token i a verb of `counterfactual_condition_morph` (and of `counterfactual_condition_lemmas`, when
        given) followed by one of `counterfactual_condition_subjects` («Подай Вы документы раньше, …», "had you")?"""
        return bool(self.settings.counterfactual_condition_morph) and i + 1 < end \
            and tokens[i + 1].lower_ in self.settings.counterfactual_condition_subjects \
            and (not self.settings.counterfactual_condition_lemmas
                 or tokens[i].lemma_ in self.settings.counterfactual_condition_lemmas) \
            and any(str(m) in self.settings.counterfactual_condition_morph for m in tokens[i].morph)

    def _hindsight(self, tokens, cuts: list[int], end: int) -> tuple[list[bool] | None, list[bool]]:
        """Per token, does it stand in a counterfactual clause of a hindsight sentence
        (see `counterfactual_words`)? None when the sentence is none; with the
        counterfactual words' marks (`_counterfactual_marks`), read once."""
        if not self.settings.counterfactual_words:
            return None, []
        marked = self._counterfactual_marks(tokens, end)
        if sum(marked) < 2:
            return None, []
        out = [False] * len(tokens)
        inside = False
        for a, b in zip([0, *(i + 1 for i in cuts)], [*cuts, end]):
            clause = range(a, b)
            words = [tokens[i] for i in clause if tokens[i].is_alpha]
            if any(marked[i] for i in clause):
                inside = True
            elif not inside or words and words[0].lower_ not in self.settings.subordinators and any(
                    t.pos_ in ("VERB", "AUX") for t in words):
                inside = False
            for i in range(a, min(b + 1, len(tokens))):
                out[i] = inside
        return out, marked

    def _statement(self, tokens, first: int, last: int, end: int, text: str) -> str:
        """The rewrite `text` of a removal of tokens [first, last) ending with a full stop, not a question mark,
        where the removal took the sentence's last clause and what is left opens (past its openers: "Well, …")
        with no `question_openers` word."""
        if not self.settings.question_openers or last != end or first == 0 or not text.rstrip().endswith("?"):
            return text
        opener = self._past_openers(tokens, 0, end)
        if tokens[opener].lower_ in self.settings.question_openers or "?" in text.rstrip()[:-1]:
            return text
        body = text.rstrip()
        stripped = body.rstrip("?!")
        return stripped + "." + text[len(body):]

    def _removals(self, tokens, cuts: list[int], end: int) -> list[tuple[int, int]]:
        """Token ranges a removal may take: a prefix through the first strong
        mark or lead-in, or through the first comma before any, or through a
        comma and the contrast word after it (`contrast_words`); a suffix from
        the last strong mark, or from a comma after every strong mark. (Not a
        clause between commas, nor past a mark to another: which comma goes
        with it, or where a list of «x — y» ends, takes the syntax we do not parse.)"""
        strong = [i for i in cuts
                  if tokens[i].text in self.settings.clause_marks or tokens[i].text in self.settings.lead_in_marks]
        out = []
        if cuts:
            out.append((0, (strong[0] if strong else cuts[0]) + 1))
            if cuts[0] != (strong[0] if strong else cuts[0]):
                out.append((0, cuts[0] + 1))
            last_strong = [i for i in strong if tokens[i].text in self.settings.clause_marks]
            if cuts[-1] not in strong or last_strong and last_strong[-1] == cuts[-1]:
                out.append((cuts[-1], end))
            if last_strong and last_strong[-1] != cuts[-1]:
                out.append((last_strong[-1], end))
            # or from an earlier comma after the last strong mark: the blame may run over
            # several clauses to the end («…, так что ошибка с Вашей стороны, а не склада»)
            after = last_strong[-1] if last_strong else (strong[-1] if strong else 0)
            out += [(i, end) for i in cuts[:-1] if i > after and i > 0 and tokens[i].text == self.settings.comma]
            # or a prefix through a comma and the contrast word after it: "Shocking, I know, but [the phone…]"
            # (in a sentence with no strong mark: a lead-in before one is the removal there)
            if not strong:
                out += [(0, i + 2) for i in cuts
                        if i + 2 < end and tokens[i + 1].lower_ in self.settings.contrast_words]
            # or a prefix through a comma and the connector after it: "Every other visitor managed it, so [it …]"
            # (nor where a pronoun of the clause after it points back, `clause_back_references`: «…, так что
            # сохраните его» would leave «его» with nothing to refer to)
            out += [(0, c) for a, b in list(out) if a == 0 and tokens[b - 1].text == self.settings.comma
                    for c in [b + self._connector(tokens, b, end)] if c > b
                    and self._opens_clause(tokens, c, cuts, end, b)]
            # or a prefix through the second member of a pair «и …, и …» it opens: «Как я уже объяснял Вам и при
            # настройке, и в сообщении после неё, [у инструмента …]» (through the first member it leaves «И в …»)
            out += [(0, c + 1) for a, b in list(out) if a == 0 and tokens[b - 1].text == self.settings.comma
                    and b < end and tokens[b].lower_ in self.settings.paired_conjunctions
                    and any(t.lower_ == tokens[b].lower_ for t in tokens[1 : b - 1])
                    for c in [next((i for i in cuts if i > b), end)]
                    if c < end - 1 and tokens[c].text == self.settings.comma]
        if end < len(tokens) and tokens[end].text == "?":
            out = [(a, b) for a, b in out if b != end or not self.settings.question_tag.search(
                " ".join(t.lower_ for t in tokens[a + 1:b]))]
        return [(a, b) for a, b in out if 0 < b - a < end]

    def _too_short(self, tokens, rest: list[int]) -> bool:
        """Would what a removal leaves be too short to stand: under `min_words` words, unless its words are a
        whole sentence of thanks or apology (`short_courtesies`: «Спасибо за терпение.», "Sorry for the wait.")?"""
        alpha = [tokens[i].lower_ for i in rest if tokens[i].is_alpha]
        if len(alpha) >= self.settings.min_words:
            return False
        # (not out of a question: «Спасибо за понимание — и за то, что …, верно?» would leave «Спасибо за понимание?»)
        asks = any(tokens[i].text == "?" for i in rest)
        return asks or " ".join(alpha) not in self.settings.short_courtesies

    def _stands_alone(self, tokens, cuts: list[int], first: int, last: int) -> bool:
        """Does tokens[first:last], kept between two removals, read as a sentence: opening with no `fragment_starts`
        or `subordinators` word, no clause after it opening with a `subordinators` word (whose predicate the tail may
        have taken: «…потому, что режим, расписанный Вам при выписке»)?"""
        alpha = [t for t in tokens[first:last] if t.is_alpha]
        if not alpha or alpha[0].lower_ in self.settings.fragment_starts | self.settings.subordinators:
            return False
        return not any(tokens[i + 1].lower_ in self.settings.subordinators for i in cuts if first <= i < last - 1)

    def _lead_and_tail(self, tokens, cuts: list[int], end: int, removals: list[tuple[int, int]], allowed,
                       bias: float, words: list[float], pairs: list[float], opening
                       ) -> tuple[int, int, int] | None:
        """Where no one removal leaves a neutral sentence, a lead-in and a closing clause may go together («На
        будущее: прочитайте текст на экране, он там не для красоты», "Just so you know, …, it's there for a
        reason"): each a removal `allowed` on its own that says nothing neutral of its own (no clause of it
        of `min_words` reads neutral: that would be content), the middle kept whole with `min_words` at least
        and scored as it will read, under `neutral_below`. Returns (the lead-in's end, the tail's first, its
        last), the smallest such pair, or None. (Only for findings: a reply with none never gets here.)"""
        n = len(tokens)

        def says_something(a: int, b: int) -> bool:
            return any(sum(t.is_alpha for t in tokens[x:y]) >= self.settings.min_words
                       and bias + sum(words[x:y]) + sum(pairs[x : y - 1]) < self.neutral_odds
                       for x, y in _clauses(cuts, a, b))

        # (nor a lead-in that is a condition, a time or the step before another: «Прежде чем заливать фундамент, …»)
        # (a lead-in set off by a strong or lead-in mark only: a first clause before a comma may be content, «На
        # странице покупки это написано крупно, …», or a guess whose rest would state the fault, «Видимо, …»)
        leads = [last for first, last in removals if first == 0 and last < end and not says_something(0, last - 1)
                 and (tokens[last - 1].text in self.settings.clause_marks
                      or tokens[last - 1].text in self.settings.lead_in_marks)
                 and not self._takes_adjunct(tokens, first, last) and allowed(first, last)]
        tails = [first for first, last in removals if last == end and first > 0
                 and not says_something(first + 1, end) and allowed(first, last)] if leads else []
        best = None
        for lead_last in leads:
            # (an infinitive opening the middle is the subject of the dash after it: «Честно говоря, отдать пароль —
            # решение …» keeps its predicate, the dash is no tail's start)
            subject_dash = next((i for i in cuts if i > lead_last and tokens[i].text in self.settings.clause_marks),
                                None) if self.settings.copula_subject.search(tokens[lead_last].text) else None
            for first in tails:
                if first <= lead_last or first == subject_dash:
                    continue
                rest = [*range(lead_last, first), *range(end, n)]
                if self._too_short(tokens, rest) or not self._stands_alone(tokens, cuts, lead_last, first):
                    continue
                kept = set(rest)
                odds = bias + sum(words[i] for i in rest) + sum(pairs[i] for i in rest if i + 1 in kept)
                if opening is not None:
                    odds += opening(lead_last)
                size = lead_last + end - first
                if odds < self.neutral_odds and (best is None or (size, odds) < best[0]):
                    best = ((size, odds), lead_last, first)
                elif odds >= self.neutral_odds:
                    self._note("lead-and-tail:not-neutral", lead_last, first, round(odds, 2))
        return None if best is None else (best[1], best[2], end)

    def _opener_suffixes(self, tokens, cuts: list[int], end: int,
                         removals: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Suffixes `_removals` does not offer: from a comma and a word that opens a clause of its own
        (`suffix_openers`) with a strong mark after it («…больше 400 человек, и жалоба пока одна — Ваша»): that
        comma is where the clause starts. Not past a lead-in mark, whose content follows it. (The caller checks
        that no clause of it reads neutral: past a mark, the removal may take content.)"""
        return [(i, end) for i in cuts[:-1] if 0 < i and tokens[i].text == self.settings.comma
                and (i, end) not in removals and tokens[i + 1].lower_ in self.settings.suffix_openers
                and not any(t.text in self.settings.lead_in_marks for t in tokens[i:end])]

    def _relative_suffixes(self, tokens, cuts: list[int], end: int,
                           removals: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Suffixes from a comma and a `relative_tails` word (past a preposition: «…, в котором …») through the end,
        where a strong mark follows the relative clause («…в регламенте клуба, который Вы подтверждали при записи, —
        загляните туда хотя бы теперь»). Not past a lead-in mark. (The caller checks that no clause after the
        relative one reads neutral.)"""
        if not self.settings.relative_tails:
            return []
        out = []
        for i in cuts[:-1]:
            if i == 0 or tokens[i].text != self.settings.comma or (i, end) in removals:
                continue
            k = i + 1 + (i + 2 < end and tokens[i + 1].pos_ == "ADP")
            if tokens[k].lower_ not in self.settings.relative_tails:
                continue
            if any(t.text in self.settings.lead_in_marks for t in tokens[i:end]) or not any(
                    tokens[j].text in self.settings.clause_marks for j in cuts if j > k):
                continue
            out.append((i, end))
        return out

    def _lead_in_clauses(self, tokens, cuts: list[int], end: int, removals: list[tuple[int, int]]
                         ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Removals that end at a lead-in mark, which stays with what it introduces: the clause before it that
        opens after a comma with one of `suffix_openers` («Залог удержан по п. 6.2, и нарушение здесь допущено с
        Вашей стороны: 13 августа …» → «Залог удержан по п. 6.2: 13 августа …»), and the prefix through it past
        a dash before it («Ошибка в размерах — с Вашей стороны: в заявке указана …»), which `_removals` stops at.
        (The caller checks that no clause of either reads neutral: past a mark, the removal may take content.)"""
        clauses, prefixes = [], []
        for j in cuts:
            if tokens[j].text not in self.settings.lead_in_marks or j + 1 >= end:
                continue
            i = max((c for c in cuts if c < j), default=None)
            if i is not None and i > 0 and tokens[i].text == self.settings.comma \
                    and tokens[i + 1].lower_ in self.settings.suffix_openers and (i, j) not in removals:
                clauses.append((i, j))
            if any(tokens[c].text in self.settings.clause_marks for c in cuts if c < j) and (0, j + 1) not in removals:
                prefixes.append((0, j + 1))
            break  # (only the first lead-in: what follows it is its content)
        return clauses, prefixes

    def _opens_clause(self, tokens, c: int, cuts: list[int], end: int, at: int) -> bool:
        """May token c, after a connector a prefix removal takes, open what is left: a word, a number
        ("…, and 31 January is printed on…") or a code or name written with a capital ("…, because W-34/70 goes
        dormant below 8°C"), not one pointing back at what went (`back_references`),
        no comparison or participle after the connector at `at` (`connector_clause_not`), and no particle or
        pronoun in its clause that ties it to the prefix (`consequence_particles`, `clause_back_references`)?"""
        clause_end = next((i for i in cuts if i > c), end)
        return c < end and tokens[c].lower_ not in self.settings.back_references \
            and (tokens[c].is_alpha or tokens[c].text[:1].isdigit() or tokens[c].text[:1].isupper()) \
            and not self.settings.connector_clause_not.search(" ".join(t.lower_ for t in tokens[at:clause_end])) \
            and not any(tokens[k].lower_ in self.settings.consequence_particles
                        or tokens[k].lower_ in self.settings.clause_back_references for k in range(c, clause_end))

    def _later_connectors(self, tokens, cuts: list[int], end: int) -> list[tuple[int, int]]:
        """A prefix through a later comma and the connector after it ("Diving with a head cold was,
        frankly, a reckless decision, since [blocked sinuses…]"): the blame may run over several
        clauses before the reason it gives. (The caller checks that no clause of the prefix is content.)"""
        out = []
        for i in cuts:
            if tokens[i].text != self.settings.comma or i + 1 >= end:
                continue
            c = i + 1 + self._connector(tokens, i + 1, end)
            if i + 1 < c < end and tokens[c].lower_ not in self.settings.referring_openers \
                    and self._opens_clause(tokens, c, cuts, end, i + 1):
                out.append((0, c))
        return [(a, b) for a, b in out if 0 < b - a < end]

    def _points_back(self, tokens, a: int, b: int) -> bool:
        """Does the clause tokens[a:b] open (with its connector or past it, past any punctuation) with one of
        `pointing_back_openers` ("which", «поэтому и», «вот и», «а не»)?"""
        for i in {a, a + self._connector(tokens, a, b)}:
            while i < b and not tokens[i].is_alpha:
                i += 1
            if any(i + len(parts) <= b and _spells(tokens, i, parts) for parts in self.pointing_back_tokens):
                return True
        return False

    def _connector(self, tokens, i: int, end: int) -> int:
        """The number of tokens of the connector (`connectors`) that starts at token i, 0 for none."""
        return next((len(parts) for parts in self.connector_tokens if i + len(parts) <= end
                     and all(tokens[i + j].lower_ == parts[j] for j in range(len(parts)))), 0)

    def _droppable(self, tokens, end: int, kept: list[bool]) -> frozenset[int]:
        """The tokens of `droppable` words in tokens[:end] that may go: not next to a
        comma (which comma would go with it is syntax), except a sentence's first word,
        whose comma goes with it; and `droppable_edges` tokens first or last."""
        out: set[int] = set()
        for i in range(end):
            for parts in self.droppable_tokens:
                k = len(parts)
                if i + k > end or any(tokens[i + j].lower_ != parts[j] for j in range(k)) or any(
                        tokens[i + j].whitespace_ for j in range(k - 1)) or any(kept[i:i + k]):
                    continue
                group = set(range(i, i + k))
                if i + k < end and tokens[i + k].text == self.settings.comma:
                    if i:
                        continue
                    group.add(i + k)
                if i and tokens[i - 1].text == self.settings.comma:
                    continue
                out |= group
        for i in range(end):
            if kept[i] or not tokens[i].is_alpha:
                continue
            word = tokens[i].lower_
            if self.settings.droppable_attributive.fullmatch(word) and i + 1 < end and tokens[i + 1].is_alpha:
                out.add(i)
            elif self.settings.droppable_interjections.fullmatch(word):
                if i + 1 < end and tokens[i + 1].text == self.settings.comma:
                    out |= {i, i + 1}
                elif i + 1 == end and i and tokens[i - 1].text == self.settings.comma:
                    out |= {i - 1, i}
                elif i + 1 == end or i == 0 or tokens[i + 1].is_alpha and tokens[i - 1].is_alpha:
                    out.add(i)
        out |= self._droppable_asides(tokens, end, kept)
        for i in (0, end - 1):
            if 0 <= i < end and self.settings.droppable_edges.search(tokens[i].text) and not kept[i]:
                out.add(i)
        start = 1 if 0 in out else 0  # (an opening smiley gone first)
        while start < end:  # one opener after another ("Again, to recap, …")
            k = next((len(parts) for parts in self.droppable_opener_tokens if start + len(parts) < end
                      and tokens[start + len(parts)].text == self.settings.comma
                      and not any(kept[start:start + len(parts)])
                      and all(tokens[start + j].lower_ == parts[j] for j in range(len(parts)))), 0)
            if not k:
                break
            out |= set(range(start, start + k + 1))
            start += k + 1
        if len(out) >= end:
            return frozenset()
        return frozenset(out)

    def _droppable_asides(self, tokens, end: int, kept: list[bool]) -> set[int]:
        """The tokens of each `droppable_asides` aside in tokens[:end] with the commas that go with it."""
        comma = self.settings.comma
        out: set[int] = set()
        for i in range(1, end):
            # (set off by a comma: one opening the sentence is the first clause a removal may take, and left out
            # here it would let the prefix run on to the next cut, «Честно говоря, …, по тому же видео» → «По …»)
            if tokens[i - 1].text != comma:
                continue
            k = next((len(parts) for parts in self.droppable_aside_tokens if i + len(parts) <= end
                      and all(tokens[i + j].lower_ == parts[j] for j in range(len(parts)))), 0)
            if not k or any(kept[i:i + k]):
                continue
            closed = i + k < end and tokens[i + k].text == comma
            if i + k == end:
                out |= set(range(i - 1, i + k))  # «…, кстати.»
            elif closed:
                # the comma after it stays where it closes a subordinate clause the comma before it ended
                # or where the word after it opens a clause of its own («Подозреваю, впрочем, что …»)
                opened = next((j for j in range(i - 2, -1, -1) if tokens[j].text == comma), None)
                subordinate = opened is not None and tokens[opened + 1].lower_ in self.settings.subordinators
                opens = i + k + 1 < end and (tokens[i + k + 1].lower_ in self.settings.subordinators
                                             or tokens[i + k + 1].lower_ in self.settings.fragment_starts)
                out |= set(range(i - 1, i + k + (not (subordinate or opens))))
        return out

    def _bare_opener(self, tokens, i: int, end: int) -> bool:
        """Do tokens from i on hold only an opener or a tone word ("honestly", "to be honest")
        before a lead-in or a clause mark: what a removal up to i would leave opening the sentence,
        a clause of no content (a removal through that mark takes it too)."""
        for parts in chain(self.droppable_opener_tokens, self.droppable_tokens):
            k = len(parts)
            if i + k < end and all(tokens[i + j].lower_ == parts[j] for j in range(k)) and (
                    tokens[i + k].text in self.settings.lead_in_marks
                    or tokens[i + k].text in self.settings.clause_marks):
                return True
        return False

    def _past_openers(self, tokens, i: int, end: int) -> int:
        """The first token from i on past the openers with their commas that
        may stand there ("to be honest, and the …": "and" opens what is left)."""
        while True:
            k = next((len(parts) for parts in self.droppable_opener_tokens if i + len(parts) < end
                      and tokens[i + len(parts)].text == self.settings.comma
                      and all(tokens[i + j].lower_ == parts[j] for j in range(len(parts)))), 0)
            if not k:
                return i
            i += k + 1

    def _compares_throughout(self, tokens, end: int) -> bool:
        """Is the sentence's subject, past its openers and asides with their commas, the others the customer is set
        against (`comparison_clause` from its first word), with no instruction in it (`comparison_sentences_go`)?"""
        if self.settings.comparison_clause.pattern == _NEVER:
            return False
        i = 0
        while True:
            k = next((len(parts) for parts in chain(self.droppable_opener_tokens, self.droppable_aside_tokens)
                      if i + len(parts) < end and tokens[i + len(parts)].text == self.settings.comma
                      and _spells(tokens, i, parts)), 0)
            if not k:
                break
            i += k + 1
        if any("Mood=Imp" in t.morph for t in tokens[i:end]):
            return False
        found = self.settings.comparison_clause.search(
            " ".join(t.lower_ for t in tokens[i:end] if not (t.is_punct or t.is_space)))
        return found is not None and found.start() == 0

    def _protected(self, token, i: int, offset: int, quoted: set[int]) -> bool:
        """Does the token hold technical content no removal may take?"""
        if self.settings.protect.search(token.text):
            return True
        if offset + i in quoted:
            return not (self.settings.scare_quotes and self._scare_quoted(token, offset + i, quoted))
        return (self.settings.protect_capitalised and i > 0 and token.text[:1].isupper()
                and token.text.lower() not in self.settings.capitalised_except)

    def _strong_removal(self, tokens, first: int, last: int, end: int) -> bool:
        """Is tokens[first:last] a prefix through a strong mark or a lead-in (not a suffix: what follows a dash
        is as often the content, "…wrong — the last two digits are swapped")?"""
        return first == 0 and (tokens[last - 1].text in self.settings.clause_marks
                               or tokens[last - 1].text in self.settings.lead_in_marks)

    def _blaming_suffix(self, tokens, first: int, last: int, end: int) -> bool:
        """Is tokens[first:last] the sentence's last clause, set off by a strong mark or by a comma and a
        connector or one of `suffix_openers` (`suffix_rest_below_threshold`)?
        (Not one holding a `consequence_words` word: what it is the consequence of would be left standing
        alone, «Вам стоило попросить подтянуть крапаны — мастер сделал бы это за пять минут».)"""
        if first == 0 or last != end or any(t.lower_ in self.settings.consequence_words for t in tokens[first:last]):
            return False
        return tokens[first].text in self.settings.clause_marks or tokens[first].text == self.settings.comma and (
            self._connector(tokens, first + 1, end) > 0 or tokens[first + 1].lower_ in self.settings.suffix_openers)

    def _clause_around(self, tokens, must: tuple[int, int], end: int) -> tuple[int, int]:
        """The token range of the clause (between commas, clause marks, lead-in marks or a full stop the sentence
        splitter read past, a token of its own or the end of one: "…, Chloe R and Zara P. The other 38 clubs…") that
        holds `must`."""
        marks = self.settings.clause_marks | self.settings.lead_in_marks | {self.settings.comma}

        def bound(i: int) -> bool:
            return tokens[i].text in marks or tokens[i].text.endswith(_SENTENCE_MARKS)
        first = next((i + 1 for i in range(must[0] - 1, -1, -1) if bound(i)), 0)
        last = next((i for i in range(must[1], end) if bound(i)), end)
        return first, max(last, must[1])

    def _suffix_reads_as_blame(self, alone: float, rest: float) -> bool:
        """Does a last clause scoring `alone` (log-odds, read without its mark) read as blame for
        `suffix_rest_below_threshold`, its removal leaving a rest scoring `rest`: at the flagging threshold, or (with
        `suffix_outweighs_rest`) over `neutral_below` and no less than the rest (the weight sits in the clause)?"""
        return alone >= self.flag_odds or self.settings.suffix_outweighs_rest and alone >= max(self.neutral_odds, rest)

    @staticmethod
    def _scare_quoted(token, at: int, quoted: set[int]) -> bool:
        """Is the token a lowercase word quoted alone ('malfunctions', "fixed")?"""
        return token.is_alpha and token.is_lower and at - 1 not in quoted and at + 1 not in quoted

    def _join(self, tokens, first: int, last: int, dropped: frozenset[int] = frozenset()) -> str:
        def text(at: range) -> str:
            if not dropped:
                return "".join(tokens[i].text_with_ws for i in at)
            out = "".join(tokens[i].text_with_ws if i not in dropped else " " * bool(tokens[i].whitespace_)
                          for i in at)
            return _SPACE_BEFORE_MARK.sub("", _DOUBLE_SPACE.sub(" ", out))
        before = text(range(first)).strip()
        after = text(range(last, len(tokens))).strip()
        # a quote opened in what goes closes there too («…, а потом удивляется «змейке».» leaves no «».»)
        removed = "".join(tokens[i].text for i in range(first, last))
        for opener, closer in self.quote_pairs:
            while removed.count(opener) > removed.count(closer) and after.startswith(closer):
                after = after[1:].lstrip()
                removed += closer
        if before and 0 in dropped:
            before = before[:1].upper() + before[1:]  # (an opener gone)
        if not after[:1].isalnum():
            before = before.rstrip(",").rstrip()  # «…подъезда, — по Вашей вине…» leaves «…подъезда.», not «…подъезда,.»
            if after[:1] == "." and before.endswith("."):
                after = after[1:]  # «…к врачу Мартыновой Н. В., — то есть …» leaves «…Н. В.», not «…Н. В..»
        if not before:
            text = after[:1].upper() + after[1:]
        elif after[:1].isalnum():
            text = f"{before} {after}"
        else:
            text = before + after
        return text




def _hyphenated(tokens, i: int) -> bool:
    """Is tokens[i] a piece of a word joined by a hyphen («как-то», "second-floor")?"""
    before_hyphen = i + 1 < len(tokens) and tokens[i + 1].text in _HYPHENS and not tokens[i].whitespace_
    return before_hyphen or _after_hyphen(tokens, i)


def _after_hyphen(tokens, i: int) -> bool:
    """Does tokens[i] continue a word after a hyphen (the «то» of «кто-то»)?"""
    return i > 0 and tokens[i - 1].text in _HYPHENS and not tokens[i - 1].whitespace_


def _clauses(cuts: list[int], start: int, last: int) -> list[tuple[int, int]]:
    """The clauses of tokens[start:last] between the cuts inside it, each without its mark."""
    inside = [i for i in cuts if start <= i < last]
    return list(zip([start, *(i + 1 for i in inside)], [*inside, last]))


def _spells(tokens, at: int, words: tuple[str, ...]) -> bool:
    """Do the tokens from `at` spell `words` (lowercase, as `_word_tokens` splits them)? The caller keeps `at +
    len(words)` within the tokens."""
    return all(tokens[at + j].lower_ == w for j, w in enumerate(words))


def _word_tokens(words) -> list[tuple[str, ...]]:
    """Words and phrases as they are matched over tokens (spaces and hyphens split them), the longest first."""
    return sorted((tuple(t for t in re.split(r"\s+|(-)", w) if t) for w in words), key=len, reverse=True)
# what a dropped word leaves behind: two spaces, or a space before a punctuation mark
_DOUBLE_SPACE = re.compile(r"(?<=\S)  +")
_SPACE_BEFORE_MARK = re.compile(r"(?<=\S) +(?=[,.;:!?…])")


def _word_counts(doc) -> Counter:
    """How often each word (ORTH hash) occurs in the doc, counted once per doc."""
    found = doc.user_data.get(_WORD_COUNTS)
    if found is None:
        found = doc.user_data[_WORD_COUNTS] = Counter(columns(doc, (ORTH,))[0])
    return found


_WORD_COUNTS = "replylint.word_counts"
