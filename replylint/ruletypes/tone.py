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
from pathlib import Path

from spacy.attrs import LOWER, ORTH, SENT_START

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
        self.guard = tuple(str(word).lower() for word in spec.get("guard", ()))
        self.min_words = int(spec.get("min_words", 1))  # «Здравствуйте!» is not scored
        # a longer "sentence" is a pasted log or list, not a sentence the model learnt
        self.max_words = int(spec.get("max_words", 10_000))
        self._guard_hashes: frozenset[int] | None = None
        self._scorer = None

    def may_match(self, lowered: str) -> bool:
        return not self.guard or any(word in lowered for word in self.guard)

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        if self._guard_hashes is None:
            self._guard_hashes = frozenset(doc.vocab.strings.add(word) for word in self.guard)
        guard = self._guard_hashes
        # token columns instead of Token objects: a reply's every sentence is read
        orths, lowers, starts = (c.tolist() for c in doc.to_array([ORTH, LOWER, SENT_START]).T)
        bounds = [i for i, start in enumerate(starts) if start == 1 or i == 0] + [len(orths)]
        strings = doc.vocab.strings
        matches = []
        for a, b in zip(bounds, bounds[1:]):
            while b > a and not strings[orths[b - 1]].strip():
                b -= 1  # (the line break that ends it)
            if not self.min_words <= b - a <= self.max_words or (guard and not any(h in guard for h in lowers[a:b])):
                continue
            words = [strings[h] for h in orths[a:b]]
            if sum(1 for w in words if w.isalpha()) * 2 < len(words):
                continue  # mostly numbers, paths or symbols: code or a log line
            if self.scorer().score(words) >= self.threshold:
                matches.append(Match(a, b))
        return matches

    def scorer(self):
        """The trained model, loaded on first use: a reply with no guard word never pays for it."""
        if self._scorer is None:
            self._scorer = LinearScorer.load(self.path / WEIGHTS)
        return self._scorer
