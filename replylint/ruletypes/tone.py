"""`extends: tone`: a trained sentence scorer, for the blame no pattern names.

Sarcasm, irony, lecturing and condescension spread over a clause have no fixed
words. A tone rule scores each sentence of the reply that holds `min_words` to
`max_words` tokens, mostly words (not a log line), and one of its `guard` words
if it lists any, with the classifier `model` trained for the language (`python
-m replylint.train`, shipped as a weight table in
replylint/models/<model>_<lang>/: a dict lookup per word), and flags the
sentences scoring at least `threshold`. There is no safe rewrite of a tone: the
finding has no suggestion.
"""

from __future__ import annotations

import json
import math
from itertools import repeat
from pathlib import Path

from spacy.attrs import IS_ALPHA, IS_SPACE, LOWER, ORTH

from ..nlp import QuoteMarks, columns, sentence_starts
from .base import CompileContext, Hit, Match, RuleType

MODELS = Path(__file__).resolve().parent.parent / "models"
WEIGHTS = "weights.json"  # a model: {"bias": log-odds, "weights": {word or word<BIGRAM>word: log-odds}}
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
    """A LinearScorer that reads ORTH hashes: no token is turned into a string."""

    def __init__(self, bias: float, weights: dict[int, float], pairs: dict[tuple[int, int], float]):
        self.bias, self.weights, self.pairs = bias, weights, pairs

    def score(self, orths: list[int]) -> float:
        words, pairs = self.contributions(orths)
        return _probability(self.bias + sum(words) + sum(pairs))

    def contributions(self, orths: list[int]) -> tuple[list[float], list[float]]:
        """The log-odds each token adds, and each pair of neighbours (pair k is
        tokens k, k+1): a sentence [a, b) scores bias + sum(words[a:b]) + sum(pairs[a:b-1])."""
        n = len(orths)
        return (list(map(self.weights.get, orths, repeat(0.0, n))),
                list(map(self.pairs.get, zip(orths, orths[1:]), repeat(0.0, n))))


def _probability(odds: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(odds, 60.0), -60.0)))


class ToneRule(RuleType):
    name = "tone"
    required_keys = {"model": str, "threshold": (float, int)}
    optional_keys = {"guard": list, "min_words": int, "max_words": int}

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
        self._guard_hashes: frozenset[int] | None = None
        self._scorer = None
        # the customer's words quoted back («Вы пишете: "я, наверное, что-то сломал"») are not the writer's tone
        self._quotes = QuoteMarks(ctx.quotes)

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
        for a, b in zip(bounds, bounds[1:]):
            while b > a and space[b - 1]:
                b -= 1  # (the line break that ends it)
            if not self.min_words <= b - a <= self.max_words or (guard and not any(h in guard for h in lowers[a:b])):
                continue
            if sum(alpha[a:b]) * 2 < b - a:
                continue  # mostly numbers, paths or symbols: code or a log line
            if words is None:  # the whole message's at once: one pass, not one per sentence
                scorer = self.scorer(doc.vocab.strings)
                bias, (words, pairs) = scorer.bias, scorer.contributions(orths)
                for i in self._quotes.inside(doc):
                    words[i] = 0.0
                    pairs[i] = 0.0
                    if i:
                        pairs[i - 1] = 0.0
            if bias + sum(words[a:b]) + sum(pairs[a : b - 1]) >= self._min_odds:
                matches.append(Match(a, b))
        return matches

    def scorer(self, strings) -> HashedScorer:
        """The trained model, loaded on first use: a reply with no guard word never pays for it."""
        if self._scorer is None:
            from ..cache import gc_paused

            with gc_paused():  # tens of thousands of new dict entries: no collection over spaCy's objects meanwhile
                self._scorer = LinearScorer.load(self.path / WEIGHTS).by_hash(strings)
        return self._scorer
