"""Run each token pattern only on docs that contain the words it requires.

spaCy's Matcher tries every pattern at every token, and Python-level
predicates (IN lists, MORPH) run each time: with a few hundred patterns that
cost ~100x the tokenizer. Nearly every rule pattern has required tokens with
literal words (LOWER/ORTH values, or LEMMA values expanded to all their
forms), so a doc that lacks one of them cannot match. The index keys each
pattern by its most selective required word set (fewest stop words), and a
candidate must also contain every other required set. Each pattern has a
Matcher of its own, run only when it is a candidate, and only on the
sentences that hold its selective words (the Matcher's cost grows with the
tokens it walks).
"""

from __future__ import annotations

import bisect
import hashlib
import os
import pickle
import re
from collections.abc import Hashable, Iterable, Iterator
from itertools import repeat
from operator import lshift, or_
from pathlib import Path

from spacy.attrs import LOWER
from spacy.matcher import Matcher
from spacy.strings import get_string_id

from .nlp import column, positions_in, sentence_starts
from .safe_regex import token_pattern_for_matcher

ANCHOR_MIN_TOKENS = 1000
_STATE_TAG = "replylint-pattern-index"
INDEX_ENTRIES_KEPT = 8  # an entry is a few MB: someone editing their packs would otherwise pile them up
# what `add` derives from the patterns, kept in the cache by `add_all` (regexes are kept as their sources)
_STATE = ("max_length", "annotations", "by_set", "_order", "set_bits", "word_bits", "required_mask", "always", "primary",
          "word_sets", "set_offsets", "set_tokens", "pairs_required")
MAX_REQUIRED_PAIRS = 400  # word pairs kept per pair of adjacent required tokens (larger products are not checked)
_REPEAT = re.compile(r"^\{(\d*)(,(\d*))?\}$")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() calls a letter or digit


def is_required(token: dict) -> bool:
    """Does a pattern token have to match at least one real token?"""
    op = token.get("OP")
    if op in (None, "+", "1"):
        return True
    m = _REPEAT.match(str(op))
    return bool(m and m.group(1) and int(m.group(1)) >= 1)


def max_length(pattern: list[dict]) -> int | None:
    """The most tokens a match of the pattern can span; None if unbounded."""
    total = 0
    for token in pattern:
        op = token.get("OP")
        if op in ("*", "+"):
            return None
        m = _REPEAT.match(str(op)) if op is not None else None
        if m and m.group(2):  # {n,m}, {,m} or {n,}
            if not m.group(3):
                return None
            total += int(m.group(3))
        elif m:
            total += int(m.group(1) or 0)
        else:
            total += 1  # one token, "?", "!", "1"
    return total


def _values(spec) -> set[str] | None:
    if isinstance(spec, str):
        return {spec}
    if isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) for v in spec["IN"]):
        return set(spec["IN"])
    return None


class _Entries(dict):
    """word -> its patterns with their masks, in the order the patterns were
    added, each built when a doc first holds the word: building all 100 000
    word forms' entries cost a cold check ~0.1 s. The patterns are kept per
    selective word set (`by_set`: the packs' lexicons give many patterns the
    same set), so a word's entry gathers the keys of the sets that hold it."""

    def __init__(self, by_set: dict[frozenset[int], list[Hashable]], masks: dict[Hashable, int],
                 order: dict[Hashable, int]):
        super().__init__()
        self.by_set, self.masks, self.order = by_set, masks, order

    def __missing__(self, word: int) -> tuple[tuple[Hashable, int], ...]:
        groups = [keys for words, keys in self.by_set.items() if word in words]
        keys = groups[0] if len(groups) == 1 else sorted(
            (key for keys in groups for key in keys), key=self.order.__getitem__)
        entry = self[word] = tuple((key, self.masks[key]) for key in keys)
        return entry


class PatternIndex:
    def __init__(self, vocab, morphology, stop_words: set[str], word_boundary: bool = False):
        self.vocab = vocab
        self.word_boundary = word_boundary  # for REGEX operands (see safe_regex)
        self.morphology = morphology
        self.stop_words = stop_words
        self.patterns: dict[Hashable, list[dict]] = {}
        self.matchers: dict[Hashable, Matcher] = {}  # built when a pattern is first a candidate
        # selective word set -> the keys of the patterns chosen on it, in the order added (see _Entries);
        # a word -> keys index would cost a cold start ~140 000 dict inserts for the Russian lemma forms
        self.by_set: dict[frozenset[int], list[Hashable]] = {}
        self._order: dict[Hashable, int] = {}
        # every required word set gets a bit; a word's bits say which sets it is in;
        # a pattern is a candidate when its primary word is present and the doc's
        # words light every bit of its other required sets
        self.set_bits: dict[frozenset[int], int] = {}
        self.word_bits: dict[int, int] = {}
        self.required_mask: dict[Hashable, int] = {}
        self.always: list[Hashable] = []
        self.primary: dict[Hashable, frozenset[int]] = {}
        self.annotations: dict[Hashable, frozenset[str]] = {}  # LEMMA/POS/MORPH a pattern reads
        self.max_length: dict[Hashable, int | None] = {}
        self.word_sets: dict[Hashable, list[frozenset[int]]] = {}  # every required word set, as hashes
        # for each of those sets, how many tokens of the pattern stand before its token when each of them is exactly
        # one token (None otherwise): a match is then known to start that far before the word (see plan)
        self.set_offsets: dict[Hashable, tuple[int | None, ...]] = {}
        # the pattern token each of those sets is of: where it asks more of the word than its form (a lemma, MORPH,
        # POS), a one-token Matcher tests the doc's words of the set before the pattern runs (see run)
        self.set_tokens: dict[Hashable, tuple[int, ...]] = {}
        self._token_checks: dict[Hashable, tuple[tuple[frozenset[int], Matcher], ...]] = {}
        self._neighbour_checks: dict[Hashable, tuple | None] = {}  # see _neighbours_fit
        self._index_words: frozenset[int] | None = None  # built on first use, after every add()
        self._entries: dict[int, tuple[tuple[Hashable, int], ...]] = {}  # word -> its patterns with their masks (_Entries)
        # required tokens given by a regex on the lowercase form («компьютерчик», «ноутбучек»): a
        # pattern anchored on a common word is a candidate only where a word of the doc matches each
        self.regex_required: dict[Hashable, tuple] = {}
        # per regex source: the words (LOWER hashes) tested so far that match it, and that do not
        self._regex_yes: dict[str, set[int]] = {}
        self._regex_no: dict[str, set[int]] = {}
        self._regex_counts: dict[Hashable, tuple[tuple[str, object, int], ...]] = {}  # see _distinct_regexes
        # two required tokens side by side in a pattern (", знаете ,", "there , there"): a doc
        # holding both words apart cannot match, so the pattern needs the pair of words adjacent.
        # A pair is one int (_pair_key), not a tuple of two: 48 bytes instead of ~136, and equal
        # sets are one object (the lexicons give many patterns the same pairs): 27 MB -> ~5
        self.pairs_required: dict[Hashable, tuple[frozenset[int], ...]] = {}
        self._pair_sets: dict[frozenset[int], frozenset[int]] = {}  # each distinct set once (see add)
        self._hashed: dict[frozenset[str], frozenset[int]] = {}  # word set -> its hashes, see _hashes
        self._ranks: dict[frozenset[str], tuple[bool, int, int]] = {}  # word set -> its _rank

    @classmethod
    def of_patterns(cls, patterns: list[list[dict]], vocab, morphology, lang: str,
                    word_boundary: bool = False) -> PatternIndex:
        """An index of one rule's own patterns (keys: their positions in the list), with the language's stop words:
        what a rule that runs patterns of its own on demand reads (construction rewrites, tone's neutral clauses)."""
        from spacy.util import get_lang_class

        index = cls(vocab, morphology, set(get_lang_class(lang).Defaults.stop_words), word_boundary)
        for n, pattern in enumerate(patterns):
            index.add(n, pattern)
        return index

    def add_all(self, items: Iterable[tuple[Hashable, list[dict]]], cache_key: str | None = None) -> None:
        """`add` each (key, pattern); with `cache_key` (a digest of what the word forms
        depend on: the morphology's versions and settings), what they derive is kept in
        the cache, keyed also by the patterns and by this module's source. Hashing and
        ranking ~70 000 lemma forms cost a cold start a tenth of its time; reading them
        back costs a few milliseconds. Anything unexpected in the cache is a miss."""
        items = list(items)
        if cache_key is None:
            for key, pattern in items:
                self.add(key, pattern)
            self._share_equal_bits()
            return
        from .cache import cache_dir, keep_newest, read_pickled, value_bytes, write_atomically

        state_of = (cache_key, Path(__file__).read_bytes(), self.word_boundary, sorted(self.stop_words), items)
        digest = hashlib.sha256(value_bytes(state_of)).hexdigest()[:32]
        path = cache_dir() / "index" / f"{digest}.pickle"
        if self._restore(read_pickled(path, _BuiltinsUnpickler), digest, items):
            try:
                os.utime(path)  # read now: the entries least recently read go first (see keep_newest)
            except OSError:
                pass
            return
        for key, pattern in items:
            self.add(key, pattern)
        self._share_equal_bits()  # (before pickling: the cache then holds each distinct value once too)
        state = {name: getattr(self, name) for name in _STATE}
        state["regex_required"] = {key: tuple(source for source, _ in regexes)
                                   for key, regexes in self.regex_required.items()}
        write_atomically(path, pickle.dumps((_STATE_TAG, digest, state), protocol=pickle.HIGHEST_PROTOCOL))
        keep_newest(path.parent, INDEX_ENTRIES_KEPT)

    def _share_equal_bits(self) -> None:
        """Make equal values of `word_bits` one int object: the words of a lexicon share their
        bits, but each was given its own int (the Russian index: 63 000 words, 1 600 distinct
        values, 7.7 MB of ints where 0.2 MB do)."""
        canonical: dict[int, int] = {}
        word_bits = self.word_bits
        for word, bits in word_bits.items():
            word_bits[word] = canonical.setdefault(bits, bits)

    def _restore(self, envelope, digest: str, items: list[tuple[Hashable, list[dict]]]) -> bool:
        """Take the derived state from a cache entry written for these patterns; False on a miss."""
        if not (type(envelope) is tuple and len(envelope) == 3 and envelope[:2] == (_STATE_TAG, digest)
                and type(envelope[2]) is dict and set(envelope[2]) == {*_STATE, "regex_required"}):
            return False
        state = envelope[2]
        from .safe_regex import compile_regex

        try:
            regex_required = {key: tuple((source, compile_regex(source, word_boundary=self.word_boundary))
                                         for source in sources) for key, sources in state.pop("regex_required").items()}
        except Exception:  # noqa: BLE001 - not what `add` wrote
            return False
        for name in _STATE:
            setattr(self, name, state[name])
        self._share_equal_bits()  # (pickle keeps no int shared)
        self.regex_required = regex_required
        self.patterns.update(items)
        self._index_words = None
        return True

    def add(self, key: Hashable, pattern: list[dict]) -> None:
        self.patterns[key] = pattern
        self.max_length[key] = max_length(pattern)
        self.annotations[key] = frozenset(
            attr for token in pattern for attr in ("LEMMA", "POS", "MORPH") if attr in token
        )
        word_sets, offsets, tokens = [], [], []
        fixed = True  # every token so far is exactly one token
        for n, token in enumerate(pattern):
            if is_required(token) and (forms := self._literal_forms(token)):
                word_sets.append(forms)
                offsets.append(n if fixed else None)
                tokens.append(n)
            fixed = fixed and token.get("OP") in (None, "1")
        regexes = tuple(token["LOWER"]["REGEX"] for token in pattern if is_required(token)
                        and isinstance(token.get("LOWER"), dict) and set(token["LOWER"]) == {"REGEX"})
        if regexes:
            from .safe_regex import compile_regex

            self.regex_required[key] = tuple((r, compile_regex(r, word_boundary=self.word_boundary)) for r in regexes)
        if not word_sets:
            # (no literal word: a candidate in every doc, unless its required regexes
            # each need a word of the doc, «насосик с манометрчиком»)
            self.always.append(key)
            return
        # the selective set: punctuation and stop words are in most docs, and each doc
        # holding the chosen word costs a look at the pattern's other sets
        word_sets = [frozenset(forms) for forms in word_sets]
        chosen = min(range(len(word_sets)), key=lambda k: self._rank(word_sets[k]))
        hashed = [self._hashes(forms) for forms in word_sets]
        self.by_set.setdefault(hashed[chosen], []).append(key)
        self._order.setdefault(key, len(self._order))
        self._index_words = None
        self.primary[key] = hashed[chosen]
        self.word_sets[key] = hashed
        self.set_offsets[key] = tuple(offsets)
        self.set_tokens[key] = tuple(tokens)
        mask = 0
        for k, hashes in enumerate(hashed):
            if k == chosen:
                continue
            if hashes not in self.set_bits:
                bit = self.set_bits[hashes] = 1 << len(self.set_bits)
                # (dict operations in C: only the words already in another set are visited one by one)
                lit = dict.fromkeys(hashes, bit)
                word_bits = self.word_bits
                for word in hashes & word_bits.keys():
                    lit[word] = word_bits[word] | bit
                word_bits.update(lit)
            mask |= self.set_bits[hashes]
        self.required_mask[key] = mask
        adjacent = []
        for left, right in zip(pattern, pattern[1:]):
            if is_required(left) and is_required(right):
                lefts, rights = self._literal_forms(left), self._literal_forms(right)
                if lefts and rights and len(lefts) * len(rights) <= MAX_REQUIRED_PAIRS:
                    pairs = frozenset(_pair_key(get_string_id(a), get_string_id(b)) for a in lefts for b in rights)
                    adjacent.append(self._pair_sets.setdefault(pairs, pairs))
        if adjacent:
            self.pairs_required[key] = tuple(adjacent)

    def _rank(self, forms: frozenset[str]) -> tuple[bool, int, int]:
        """How unselective a word set is (the least is chosen): not all words, stop
        words, size. Cached per set: the packs' lexicons give many patterns the same
        set, and testing each of a lemma's forms for a letter cost a cold start."""
        rank = self._ranks.get(forms)
        if rank is None:
            rank = self._ranks[forms] = (not all(map(_ALNUM.search, forms)), len(forms & self.stop_words), len(forms))
        return rank

    def _hashes(self, forms: frozenset[str]) -> frozenset[int]:
        """The forms' string hashes: the packs' lexicons give many patterns the same
        word set, each hashed once. The hashes are only compared with the LOWER
        hashes of doc tokens and never looked up as strings, so they are computed
        (`get_string_id`) without storing the ~70 000 lemma forms in the vocab
        (3x faster than `StringStore.add` at a cold start)."""
        key = frozenset(forms)
        hashed = self._hashed.get(key)
        if hashed is None:
            hashed = self._hashed[key] = frozenset(map(get_string_id, key))
        return hashed

    def matcher(self, key: Hashable) -> Matcher:
        """A pattern's Matcher, built on first use: one reply needs few of them,
        so a cold `replylint check` does not build hundreds."""
        matcher = self.matchers.get(key)
        if matcher is None:
            matcher = self.matchers[key] = Matcher(self.vocab)
            matcher.add("p", [token_pattern_for_matcher(self.patterns[key], self.word_boundary)])
        return matcher

    def _token_checks_of(self, key: Hashable) -> tuple[tuple[frozenset[int], Matcher], ...]:
        """(word set, a Matcher of its pattern token alone) for each required token that asks
        more of a word than its form (built on first use)."""
        checks = self._token_checks.get(key)
        if checks is None:
            checks = []
            for words, n in zip(self.word_sets[key], self.set_tokens[key]):
                token = self.patterns[key][n]
                if all(attr in ("LOWER", "ORTH", "TEXT", "OP") and (attr == "OP" or _values(value) is not None)
                       for attr, value in token.items()):
                    continue  # a form of its words is all it asks
                checks.append((words, self._one_token_matcher(token)))
            checks = self._token_checks[key] = tuple(checks)
        return checks

    def _one_token_matcher(self, token: dict) -> Matcher:
        """A Matcher of one pattern token alone (its OP dropped): does a single word meet it?"""
        matcher = Matcher(self.vocab)
        bare = {attr: value for attr, value in token.items() if attr != "OP"}
        matcher.add("p", [token_pattern_for_matcher([bare], self.word_boundary)])
        return matcher

    def _required_words_fit(self, key: Hashable, doc, start: int, end: int) -> bool:
        """Does each required token that asks more than a form (a lemma, MORPH, POS) find a word
        of its set in doc[start:end] that meets it? Every match holds one. A pattern run across a
        sentence costs the Matcher each partial match at every token (a gap of {0,14} optional
        tokens: thousands of them, 3 ms a sentence); the one-token tests a few µs."""
        checks = self._token_checks_of(key)
        if not checks:
            return True
        lowers = column(doc, LOWER)[start:end]
        return all(any(check(doc[start + i : start + i + 1]) for i in positions_in(lowers, words))
                   for words, check in checks)

    def _neighbour_checks_of(self, key: Hashable) -> tuple | None:
        """(the selective words, their token's offset, ((offset, a one-token Matcher), …) for the other
        tokens of the pattern's opening run of single tokens) where the selective token is in that run;
        None otherwise (built on first use)."""
        if key in self._neighbour_checks:
            return self._neighbour_checks[key]
        found = None
        primary, pattern = self.primary[key], self.patterns[key]
        anchor = next((n for ws, o, n in zip(self.word_sets[key], self.set_offsets[key], self.set_tokens[key])
                       if ws is primary and o is not None), None)
        if anchor is not None:
            single = len(pattern)
            for n, token in enumerate(pattern):
                if token.get("OP") not in (None, "1"):
                    single = n
                    break
            checks = []
            for n in range(single):
                if n != anchor:
                    checks.append((n, self._one_token_matcher(pattern[n])))
            found = (primary, anchor, tuple(checks)) if checks else None
        self._neighbour_checks[key] = found
        return found

    def _neighbours_fit(self, key: Hashable, doc, start: int, end: int) -> bool:
        """Where the selective token stands among the pattern's opening single tokens, a match starts
        that many tokens before a selective word: does one of them in doc[start:end] have neighbours
        that each meet their token? («<imperative> вы <word>»: the verb before «вы», read off the
        token, not by the Matcher over the run, which costs ~5 times as much.)"""
        checks = self._neighbour_checks_of(key)
        if checks is None:
            return True
        words, anchor, tokens = checks
        for i in positions_in(column(doc, LOWER)[start:end], words):
            first = start + i - anchor
            if first >= start and all(first + n < end and check(doc[first + n : first + n + 1]) for n, check in tokens):
                return True
        return False

    def _literal_forms(self, token: dict) -> set[str] | None:
        """Lowercase forms one of which the token must be, or None if unconstrained."""
        candidates = []
        for attr in ("LOWER", "ORTH", "TEXT"):
            values = _values(token.get(attr))
            if values is not None:
                candidates.append({v.lower() for v in values})
        lemmas = _values(token.get("LEMMA"))
        if lemmas is not None:
            candidates.append(set().union(*(self.morphology.lemma_forms(l) for l in lemmas)))
        return min(candidates, key=len) if candidates else None

    def candidates(self, words: list[int]) -> list[Hashable]:
        """Keys of the patterns that can match a doc with these LOWER hashes."""
        present = set(words)
        matching: dict[str, list[int]] = {}  # regex -> the doc's distinct words it matches (patterns share regexes)
        keys = [key for key in self.always
                if key not in self.regex_required or self._regex_present(key, present, words, matching)]
        if self._index_words is None:
            self._index_words = self._selective_words()
            self._entries = _Entries(self.by_set, self.required_mask, self._order)
        indexed = present & self._index_words
        if not indexed:
            return keys
        lit = 0
        word_bits = self.word_bits
        # (a set intersection, not a lookup per word; the keys view is intersected by iterating the doc's
        # words, as fast as a frozenset copy of the keys, which held 4 MB)
        for word in present & word_bits.keys():
            lit |= word_bits[word]
        entries = self._entries
        # (every bit of the mask lit; `mask & ~lit` would convert the negative ~lit, thousands of bits, per test)
        found = [key for word in indexed for key, mask in entries[word] if mask & lit == mask]
        if self.regex_required:
            # (the regexes' words are looked up once per doc: patterns share regexes)
            found = [key for key in found if key not in self.regex_required
                     or self._regex_present(key, present, memo=matching)]
        if self.pairs_required and found:
            found = self._with_required_pairs(found, words)
        # a pattern is indexed under each form of one word: two forms in a doc name it twice
        return keys + (list(dict.fromkeys(found)) if len(indexed) > 1 else found)

    def _selective_words(self) -> frozenset[int]:
        """Every pattern's selective words."""
        return frozenset().union(*self.by_set)

    def _with_required_pairs(self, found: list[Hashable], words: list[int]) -> list[Hashable]:
        """The keys whose pairs of adjacent required words each stand side by side in the doc."""
        pairs_required = self.pairs_required
        if not any(key in pairs_required for key in found):
            return found
        # (one set per doc, built only when a key needs it; _pair_key of each neighbour pair, in C)
        neighbours = set(map(or_, map(lshift, words, repeat(64)), words[1:]))
        return [key for key in found if key not in pairs_required
                or not any(pairs.isdisjoint(neighbours) for pairs in pairs_required[key])]

    def _regex_present(self, key: Hashable, present: set[int], words: list[int] | None = None,
                       memo: dict[str, list[int]] | None = None) -> bool:
        """Does a word of the doc match each of the pattern's required regexes (cached per word)?
        With `words` (the doc's words in order), a regex the pattern requires n times needs n
        matching words («насосик с манометрчиком»: two words of a diminutive suffix)."""
        for source, regex, times in self._distinct_regexes(key):
            needed = times if words is not None else 1
            matching = memo.get(source) if memo is not None else None
            if matching is None:
                matching = list(self._regex_matching(source, regex, present))  # (distinct words)
                if memo is not None:
                    memo[source] = matching
            if len(matching) < needed and not (matching and sum(map(words.count, matching)) >= needed):
                return False
        return True

    def _distinct_regexes(self, key: Hashable) -> tuple[tuple[str, object, int], ...]:
        """(source, regex, how many required tokens give it) for each distinct required regex
        of a pattern: counted once per pattern, not once per doc (four ru diminutive patterns
        are candidates in every doc)."""
        found = self._regex_counts.get(key)
        if found is None:
            required = self.regex_required[key]
            found = self._regex_counts[key] = tuple(
                (source, regex, sum(1 for s, _ in required if s == source)) for source, regex in dict(required).items())
        return found

    def _regex_positions(self, key: Hashable, words: list[int]) -> list[int]:
        """Where the doc's words match the pattern's first required regex (cached per word)."""
        source, regex = self.regex_required[key][0]
        hits = self._regex_matching(source, regex, set(words))
        return [i for i, word in enumerate(words) if word in hits]

    def _regex_matching(self, source: str, regex, words: set[int]) -> set[int]:
        """The words (LOWER hashes) the regex matches, each tested once: set
        operations over the words seen before, a search only for new ones."""
        yes = self._regex_yes.setdefault(source, set())
        no = self._regex_no.setdefault(source, set())
        new = words - yes - no
        if new:
            if len(yes) + len(no) > 200_000:
                yes.clear()
                no.clear()
            strings = self.vocab.strings
            for word in new:
                (yes if regex.search(strings[word]) is not None else no).add(word)
        return words & yes

    def plan(self, doc, keys: list[Hashable], words: list[int]) -> tuple[list[tuple[Hashable, int, int]], list[int]]:
        """(key, start, end): the token ranges each candidate pattern must be
        run on, and the sentence starts.

        A sentence qualifies when it holds the pattern's selective word and a
        form of every other word set it requires (sentence starts must be
        set). A pattern of bounded length runs only on the tokens around its
        selective words, one of which every match holds; others on the whole
        sentence; patterns without required words on the whole doc. Ranges
        that touch are merged: the Matcher's cost per call and per token
        walked dominates a long message."""
        n = len(words)
        sent_starts = sentence_starts(doc)
        sentence_of: dict[int, tuple[int, int]] = {}
        lit_in: dict[tuple[int, int], int] = {}
        word_bits = self.word_bits
        bit_words = word_bits.keys()  # (intersected with a list: the list is walked, in C)

        def sentence(position: int) -> tuple[int, int]:
            span = sentence_of.get(position)
            if span is None:
                k = bisect.bisect_right(sent_starts, position) - 1
                span = sentence_of[position] = (sent_starts[k] if k >= 0 else 0,
                                                sent_starts[k + 1] if k + 1 < len(sent_starts) else n)
            return span

        def lit(span: tuple[int, int]) -> int:
            bits = lit_in.get(span)
            if bits is None:
                bits = 0
                for word in bit_words & words[span[0] : span[1]]:  # (not a lookup per token)
                    bits |= word_bits[word]
                lit_in[span] = bits
            return bits

        # anchors (and windows) pay off only where sentences are many or long;
        # elsewhere each pattern anchors on its selective words
        long_doc = n > ANCHOR_MIN_TOKENS
        if long_doc:
            # every required word of the doc: a selective word or one lighting a bit (every other required set
            # has one). Gathered per doc rather than kept: a set of all the packs' required words held 3 MB
            distinct = set(words)
            if self._index_words is None:
                self._index_words = self._selective_words()
            wanted = (distinct & self._index_words) | (distinct & word_bits.keys())
        else:
            # every pattern's selective words (built by `candidates`): only the keys' own are
            # read below, and one prebuilt set beats a union of the keys' form sets per doc
            wanted = self._index_words if self._index_words is not None else self._selective_words()
        positions: dict[int, list[int]] = {}
        for i in positions_in(words, wanted):
            positions.setdefault(words[i], []).append(i)
        present = frozenset(positions)

        def runs_around(anchors, reach: int | None, mask: int = 0, offset: int | None = None) -> list[list[int]]:
            """The sentences of the anchor positions (those lighting every bit of `mask`),
            cut to `reach` tokens either side when bounded; ranges that touch merged.
            With the anchor's `offset` in the pattern (the tokens before it each exactly
            one), a match starts `offset` tokens before the anchor: the run is cut to the
            `reach` tokens from there (the Matcher's cost grows with the tokens it walks)."""
            runs: list[list[int]] = []
            for i in anchors:
                start, end = sentence(i)
                if mask and mask & ~lit((start, end)):
                    continue
                if reach is not None and offset is not None:
                    start, end = max(start, i - offset), min(end, i - offset + reach)
                elif reach is not None:
                    start, end = max(start, i - reach + 1), min(end, i + reach)
                if runs and start <= runs[-1][1]:
                    runs[-1][1] = max(runs[-1][1], end)
                else:
                    runs.append([start, end])
            return runs

        planned = []
        for key in keys:
            primary = self.primary.get(key)
            if primary is None:
                if key not in self.regex_required:
                    planned.append((key, 0, n))
                    continue
                # no literal word: anchor on the words its first required regex matches (every match holds one)
                runs = runs_around(self._regex_positions(key, words), self.max_length[key])
            else:
                # every match holds a word of each required set: anchor on the set
                # this doc has fewest of (the selective set is chosen without the doc)
                sets = self.word_sets[key]
                anchor = primary if not long_doc or len(sets) == 1 else min(
                    sets, key=lambda ws: sum(len(positions[w]) for w in ws & present))
                # (a pattern of bounded length runs around its anchors in any doc: the Matcher's
                # cost is per token walked, and a MORPH or POS predicate is a Python call per token)
                offset = next((o for ws, o in zip(sets, self.set_offsets[key]) if ws is anchor and o is not None), None)
                runs = runs_around(sorted(i for word in anchor & present for i in positions[word]),
                                   self.max_length[key], self.required_mask[key], offset)
            planned.extend((key, start, end) for start, end in runs)
        return planned, sent_starts

    def run(self, doc, planned: list[tuple[Hashable, int, int]],
            sent_starts: list[int]) -> Iterator[tuple[Hashable, int, int, list[int]]]:
        """(key, start, end, alignments) of every match of the planned runs
        that lies inside one sentence (a run may hold several; a pattern
        without required words runs on the whole doc)."""
        n = len(doc)
        for key, start, end in planned:
            if key in self.primary and not (self._required_words_fit(key, doc, start, end)
                                            and self._neighbours_fit(key, doc, start, end)):
                continue
            target = doc if (start, end) == (0, n) else doc[start:end]
            for _, m_start, m_end, alignments in self.matcher(key)(target, with_alignments=True):
                m_start, m_end = start + m_start, start + m_end
                if self.primary.get(key) is not None and _crosses_sentences(sent_starts, m_start, m_end):
                    continue
                yield key, m_start, m_end, alignments


class _BuiltinsUnpickler(pickle.Unpickler):
    """Unpickles only builtin containers and scalars (what `add_all` writes): no class is
    ever looked up, whatever the cache file holds."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a pattern index")


def _pair_key(left: int, right: int) -> int:
    """Two adjacent words' hashes (64-bit) as one int, exact: what `pairs_required` holds."""
    return left << 64 | right


def _crosses_sentences(sent_starts: list[int], start: int, end: int) -> bool:
    """Does a sentence start inside tokens start+1 .. end-1?"""
    k = bisect.bisect_right(sent_starts, start)
    return k < len(sent_starts) and sent_starts[k] < end
