"""The engine: `Engine(ruleset).lint(exchange) -> list[Finding]`.

Per language, one `LanguageLinter` holds the spaCy pipeline, the compiled
rules and one shared spaCy Matcher with every rule's token patterns; it is
built the first time a message in that language is seen and then reused.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections import ChainMap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .cleaning import Cleaner
from .errors import ConfigError, InputError, Problem
from .finding import Finding
from .inputs import LONE_SURROGATE
from .packs import LANGS, RuleSet, RuleSpec
from .register import FORMALITY_POLICIES, Evidence, Profile, merge
from .ruletypes.base import Hit, Match
from .scripts import ScriptDetector
from .suggest import keep_line_breaks


@dataclass(frozen=True)
class Exchange:
    """The reply being checked and the customer message(s) it answers."""

    reply: str
    customer: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompiledRule:
    spec: RuleSpec
    matcher: object  # a RuleType
    templates: tuple
    unless: object  # a _Veto of the `unless:` phrases, or None


class _Veto:
    """A rule's `unless:` phrases, called on a span: does it hold one? Their spaCy Matcher
    is built when a match of the rule is first vetted (adding ~1 000 patterns to Matchers
    cost a cold start ~0.05 s, and one reply reaches few rules). `within`: where around a
    match they are looked for, its sentence or its clause (`unless_within`)."""

    def __init__(self, vocab, patterns: list[list[dict]], within: str = "sentence"):
        self._vocab, self._patterns, self._matcher = vocab, patterns, None
        self.within = within

    def __call__(self, span) -> bool:
        if self._matcher is None:
            from spacy.matcher import Matcher

            self._matcher = Matcher(self._vocab)
            self._matcher.add("unless", self._patterns)
        return bool(self._matcher(span))


class LanguageLinter:
    """Pipeline + compiled rules for one language."""

    def __init__(self, lang: str, rules: tuple[RuleSpec, ...], language_config: dict, policy: str | None = None,
                 team_names: dict | None = None):
        import spacy

        from .morphology import FormsCache, morphology_for
        from .nlp import QuoteMarks, add_components, blank, column
        from .prefilter import PatternIndex
        from .ruletypes import RULE_TYPES, CompileContext
        from .ruletypes.phrases import compile_phrase
        from .suggest import Template

        self.lang = lang
        nlp = blank(lang)
        forms_cache = FormsCache(lang, language_config.get(lang, {}))
        self.morphology = morphology_for(lang, language_config.get(lang, {}), forms_cache)
        problems: list[Problem] = []
        specials = frozenset(nlp.tokenizer.rules or ())

        def tokenize(text: str) -> list[str]:
            # a word of letters only, with no special case of its own («cannot»), is one token: the
            # packs' ~1 200 phrase words are not run through the tokenizer, whose first sight of a
            # word builds a lexeme (a cold start's ~0.1 s)
            if text.isalpha() and text not in specials:
                return [text]
            return [t.text for t in nlp.make_doc(text) if not t.is_space]
        compiled: list[CompiledRule] = []
        file_digests: dict[str, str | None] = {}
        word_boundary = bool(language_config.get(lang, {}).get("regex_word_boundary", False))
        quotes = language_config.get("common", {}).get("register", {}).get("quotes", {})
        index = PatternIndex(nlp.vocab, self.morphology, set(nlp.Defaults.stop_words), word_boundary)
        needs: set[str] = set()
        indexed: list[tuple[tuple[int, int], list[dict]]] = []  # every rule's token patterns, for the index
        for spec in rules:
            ctx = CompileContext(spec.path, lang, tokenize, self.morphology, problems, forms_cache, word_boundary,
                                 quotes, _source_key(spec, file_digests))
            before = len(problems)
            rule_type = RULE_TYPES[spec.extends](spec.raw, ctx)
            names = frozenset(rule_type.capture_names) | {"match"}
            templates = []
            for text in spec.suggest:
                template, errors = Template.parse(text, names)
                for error in errors:
                    ctx.error(spec.raw.line_of("suggest"), f"{spec.id}: {error}")
                templates.append(template)
            unless_patterns = [
                pattern for phrase in spec.unless for pattern in compile_phrase(phrase, ctx, spec.raw.line_of("unless"))
            ]
            if len(problems) > before:
                continue
            rule_index = len(compiled)
            indexed.extend(((rule_index, p_index), pattern) for p_index, pattern in enumerate(rule_type.patterns()))
            unless = _Veto(nlp.vocab, unless_patterns, spec.unless_within) if unless_patterns else None
            needs |= rule_type.needs
            compiled.append(CompiledRule(spec, rule_type, tuple(templates), unless))
        if problems:
            raise ConfigError(problems)
        index.add_all(indexed, forms_cache.path.stem)
        forms_cache.save()
        register_config = language_config.get(lang, {}).get("register", {})
        if register_config:
            needs |= {"LEMMA", "POS", "MORPH"}  # word classes read the annotator's analysis
        add_components(nlp, lang, language_config.get(lang, {}), frozenset(needs))
        self.nlp = nlp
        self.rules = tuple(compiled)
        self._by_id = {rule.spec.id: rule for rule in compiled}
        self.index = index
        # (the question rules read the question step's sentences, never a doc `run` matches: a linter with
        # only them leaves a message untokenized until the question step wants it)
        self.scopes = frozenset(rule.spec.scope for rule in compiled if not rule.matcher.reads_questions)
        # rules that match without token patterns (regex) run on every doc;
        # register rules read the exchange's profiles instead of a doc, and
        # construction rewrites (a third of them) never run on one
        self.unindexed = tuple(i for i, rule in enumerate(compiled) if not rule.matcher.patterns()
                               and not rule.matcher.reads_exchange and not rule.matcher.reads_questions
                               and rule.matcher.finds_in_lint)
        self.question_rules = {rule.matcher.flag: rule for rule in compiled if rule.matcher.reads_questions}
        self.exchange_rules = tuple(rule for rule in compiled if rule.matcher.reads_exchange)
        self.flagged_features = frozenset(f for rule in self.exchange_rules for f in rule.matcher.flag)
        self.split_sentences = nlp.get_pipe("replylint_sentences")
        self.quote_marks = QuoteMarks(quotes)  # words inside quotes are someone else's
        self._column, self._lower = column, spacy.attrs.LOWER
        annotator = next((name for name in nlp.pipe_names if name.endswith("_morph")), None)
        self.annotate = nlp.get_pipe(annotator) if annotator else None
        self._suggestion_cache: dict[tuple, tuple[str, ...]] = {}
        self.words = self.profiles = None
        self.recent_docs: dict[str, object] = {}  # text -> Doc made during the current lint
        questions_config = language_config.get(lang, {}).get("questions")
        # the question reader (stemmer, cue phrases) is built when an exchange first has a
        # customer message: a reply checked alone never pays for it
        self._question_setup = (questions_config, language_config.get(lang, {}).get("sentences", {})
                                .get("terminals", ["?"])) if questions_config and self.question_rules else None
        self._questions = None
        if register_config and team_names:
            # the team's name lists (configuration `names`): agents' names are theirs, never an address
            agents = [n.lower() for n in team_names.get("agents", ())]
            register_config = ChainMap({"agent_names": agents,
                                        "known_names": agents + [n.lower() for n in team_names.get("customers", ())]},
                                       register_config)
        if register_config and self.annotate is not None:
            from .register import ProfileBuilder, WordClasses

            readings = None
            if "ambiguity_score" in register_config and hasattr(self.morphology, "parse"):
                from .nlp import ru_morph_features  # the parses are pymorphy3's

                def readings(lower, parse=self.morphology.parse):
                    return [(p.score, ru_morph_features(p.tag)) for p in parse(lower)[:8]]

            common = language_config.get("common", {}).get("register", {})
            emoji = common.get("emoji")
            self.words = WordClasses(lang, register_config, self.annotate.analyze, readings,
                                     re.compile(emoji) if emoji else None)
            terminals = language_config.get(lang, {}).get("sentences", {}).get("terminals", [".", "!", "?"])
            # (a view, not a copy: tests/test_language_settings.py sees which of the file's settings are read)
            self.profiles = ProfileBuilder(
                lang, ChainMap({**({"policy": policy} if policy else {}), "quotes": common.get("quotes", {}),
                                "terminals": terminals}, register_config),
                self.morphology, self.annotate.analyze, getattr(self.annotate, "parts_of_speech", None))

    def run(self, text: str, scope: str, profile=None, to_source=None):
        """Yield (rule, doc, match) for every rule of `scope` that matches `text`.

        The pipeline's components run on demand: tokenize, find the patterns
        whose words the text contains, and only then split sentences, keep the
        sentences holding all of a pattern's words and, if one of those
        patterns reads them, annotate lemmas/POS/morphology.
        Most replies contain no candidate and cost a tokenization.

        With a `profile` (and `to_source`, mapping a span of `text` to the
        original message), register evidence rules and word classes add their
        evidence and names to it; their matches are not yielded."""
        profiling = profile is not None and self.words is not None
        if scope not in self.scopes and "any" not in self.scopes and not profiling:
            return
        doc = self.doc(text)
        if not len(doc):
            return
        words = self._column(doc, self._lower)
        classes = self._classes(words, text) if profiling else None
        keys = self.index.candidates(words)
        marked = profiling and any(classes)
        lowered = text.lower() if self.unindexed else ""
        unindexed = [i for i in self.unindexed if self.rules[i].matcher.may_match(lowered)]
        if not keys and not unindexed and not marked and not profiling:
            return
        # sentences are split for patterns and register words (names read
        # sentence starts off their neighbours); a profiled message with none
        # of them costs its tokenization and lookups
        split = bool(keys or unindexed or marked)
        if split:
            self.split(doc)
        planned, sent_starts = self.index.plan(doc, keys, words) if keys else ([], [0])
        if planned:
            self.split_sentences(doc)  # IS_SENT_START in token patterns reads it
        if self.annotate is not None and any(self.index.annotations[key] for key, _, _ in planned):
            self.annotate(doc)
        hits: dict[int, list[Hit]] = {i: [] for i in unindexed}
        for (rule_index, p_index), start, end, alignments in self.index.run(doc, planned, sent_starts):
            hits.setdefault(rule_index, []).append(Hit(p_index, start, end, tuple(alignments)))
        address_tokens: set[int] = set()
        quoted = None
        for rule_index in sorted(hits):
            rule = self.rules[rule_index]
            if rule.spec.scope not in (scope, "any"):
                continue
            matches = rule.matcher.find(doc, hits[rule_index])
            if matches and rule.unless is not None:
                matches = _unvetoed(doc, sent_starts, matches, rule.unless)
            for match in matches:
                if quoted is None:
                    quoted = self.quote_marks.inside(doc)
                if rule.spec.evidence is None:
                    if quoted and all(i in quoted for i in range(match.start, match.end)):
                        continue  # the customer's words quoted back («Вы пишете: «я сам виноват»»)
                    yield rule, doc, match
                elif profiling:
                    span = _without_edge_spaces(doc[match.start : match.end])
                    if match.start in quoted or self.profiles.names_a_thing(doc, span.start, span.end):
                        # quoted words are not the writer's («"oops, ur session…"»); a
                        # capitalised word inside a phrase or a hyphenated name names a
                        # thing ("the Buddy plan", "Club-Mate"): it is that name everywhere
                        if span.text[:1].isupper():
                            profile.things.add(span.text.lower())
                        continue
                    start, end, found = to_source(span.start_char, span.end_char)
                    profile.evidence.append(Evidence(rule.spec.evidence, start, end, found,
                                                     self.suggestions(rule, doc, match), rule.spec.id))
                    if rule.spec.evidence.startswith(("greeting.", "address.")) \
                            and doc[span.end - 1].text[-1:] not in self.profiles.sentence_ends:
                        address_tokens.add(span.end - 1)  # (not past a sentence end: "Hi love! It arrives…")
        if profiling:
            if marked:
                profile.evidence.extend(self.profiles.word_evidence(doc, classes, to_source))
            profile.evidence.extend(self.profiles.plural_writer_evidence(doc, classes, to_source))
            profile.evidence.extend(self.profiles.addressee_evidence(doc, to_source))
            profile.people.extend(self.profiles.people(doc, classes, address_tokens, to_source, text))

    def doc(self, text: str):
        """The tokenized text; a text tokenized earlier in this lint is reused
        (the questions step reads the docs the rules made)."""
        doc = self.recent_docs.get(text)
        if doc is None:
            doc = self.nlp.make_doc(text)
            if len(text) <= RECENT_DOC_CHARS:  # (a long piece is tokenized again rather than held)
                if len(self.recent_docs) >= RECENT_DOCS:
                    self.forget_docs()
                self.recent_docs[text] = doc
        return doc

    @property
    def questions(self):
        """The language's QuestionReader, or None where no question rule runs."""
        if self._questions is None and self._question_setup is not None:
            from .questions import QuestionReader

            config, terminals = self._question_setup
            self._questions = QuestionReader(config, self.nlp, terminals,
                                             self.annotate.analyze if self.annotate is not None else None,
                                             getattr(self.annotate, "readings", None))
        return self._questions

    def forget_docs(self) -> None:
        self.recent_docs.clear()

    def split(self, doc) -> list[int]:
        """The positions that start a sentence (found once per doc; SENT_START is
        written only for the Matcher)."""
        return self.split_sentences.positions(doc)

    def sentences(self, text: str, to_source, asking_only: bool = False, in_fence: bool = False,
                  asked_back: bool = False):
        """The sentences of a text as the questions step reads them (a questions.Read);
        `in_fence`: the text starts inside a ``` block of the message; `asking_only`,
        `asked_back`: see QuestionReader.sentences."""
        doc = self.doc(text)
        self.questions.read_lowers(doc)  # (before the split reads it)
        return self.questions.sentences(doc, text, to_source, self.split(doc) if len(doc) else [0], asking_only,
                                        in_fence, asked_back)

    def _classes(self, words: list[int], text: str) -> list[frozenset[str]]:
        """Register word classes of each token (cached per word form)."""
        if not self.words.tv and text.isascii():
            return [_NO_CLASSES] * len(words)  # English: the only class, emoji, is not ASCII
        cache = self.words.cache
        classes = list(map(cache.get, words))
        if None in classes:
            strings = self.nlp.vocab.strings
            classes = [c if c is not None else self.words.of(h, strings[h]) for c, h in zip(classes, words)]
        return classes

    def fallback_rewrite(self, rule_ids: tuple[str, ...], doc, match: Match, by: str = ""):
        """For a match no template rewrites: the first rewrite of its sentence
        that the rules `rule_ids` give (a construction rewritten, or a tone
        rule's clause removal), as (suggestions, the span they replace), or ((), None).
        `by`: the id of the rule that found the match."""
        for rule_id in rule_ids:
            rule = self._by_id.get(rule_id)
            if rule is None:
                continue  # (not selected)
            if rule.spec.extends == "rewrite":
                found = self._construction_rewrite(rule, doc, match)
            else:
                found = rule.matcher.clause_rewrite(doc, match, by)
            if found is not None:
                text, start, end = found
                return (text,), _without_edge_spaces(doc[start:end])
        found = self._chained_rewrite(rule_ids, doc, match)
        if found is None:
            found = self._rewrite_then_removal(rule_ids, doc, match, by)
        rule = self._by_id.get(by)
        if found is None and rule is not None and rule.spec.extends == "tone":
            found = rule.matcher.last_resort(doc, match)  # (the tone rule's own match: its removal's last resort)
        elif found is None and rule is not None:
            # (another rule's match: the removal's last resort of the pack's tone rule, around it)
            tone = next((self._by_id[i] for i in rule_ids if i in self._by_id and self._by_id[i].spec.extends == "tone"),
                        None)
            found = None if tone is None else tone.matcher.last_resort(doc, match, by)
        if found is not None:
            text, start, end = found
            return (text,), _without_edge_spaces(doc[start:end])
        return (), None

    def _rewrite_then_removal(self, rule_ids: tuple[str, ...], doc, match: Match,
                              by: str = "") -> tuple[str, int, int] | None:
        """When neither a construction rewrite nor a clause removal alone leaves the
        sentence unflagged: a construction rewritten first, then the tone rule's
        clause removal on the sentence as it now reads («Если бы Вы вернули костюм
        вовремя …, платили бы …, а не вдвое больше»: the addressee goes, then the
        clause the model still weighs). The tone rule is the pack's in `rule_ids`,
        or the rule that found the match (`by`). Accepted only when the end result
        keeps every number and no rule of the category flags it."""
        from .nlp import sentence_around, sentence_starts

        tones = [self._by_id[i] for i in (*rule_ids, by) if i in self._by_id
                 and self._by_id[i].spec.extends == "tone"]
        constructions = [self._by_id[i] for i in rule_ids
                         if i in self._by_id and self._by_id[i].spec.extends == "rewrite"]
        sentence = sentence_around(doc, match.start, match.end)
        if not tones or not constructions or sentence is None:
            return None
        a, b = sentence
        tone, category = tones[0], constructions[0].spec.category
        # each construction alone, then all of them in their order («синенькую кнопочку»
        # made plain, then the passive), each on the sentence as the ones before left it
        rewritten, chained, span = [], doc, (match.start, match.end)
        for rule in constructions:
            found = self._construction_rewrite(rule, doc, match, check=False)
            if found is not None:
                rewritten.append(found[0])
            found = self._construction_rewrite(rule, chained, Match(*span), check=False)
            if found is None:
                continue
            chained = self._read(found[0])
            if len(sentence_starts(chained)) != 1:
                break
            span = (0, len(chained))
        if chained is not doc:
            rewritten.append(chained.text)
        for sentence_text in dict.fromkeys(rewritten):
            current = self._read(sentence_text)
            if len(sentence_starts(current)) != 1:
                continue  # (a rewrite that reads as two sentences)
            removed = tone.matcher.rewrites(current, Match(0, len(current)))
            if not removed or not removed[0]:
                continue  # (no removal, or the whole sentence: the rewrite saved nothing of it)
            text = removed[0]
            if _removes_rewritten(_doc_text(doc)[doc[a].idx : doc[b - 1].idx + len(doc[b - 1])], sentence_text, text):
                continue  # (the clause marks of a rewrite are not the writer's: «Папка, видимо, удалена»)
            if self._keeps_content(doc, a, b, text) and not self._still_flagged(text, category):
                return text, a, b
        return None

    def _read(self, text: str):
        """A rewritten sentence tokenized, split and annotated, as a rule's match reads one."""
        current = self.doc(text)
        self.split_sentences(current)
        if self.annotate is not None:
            self.annotate(current)
        return current

    def _chained_rewrite(self, rule_ids: tuple[str, ...], doc, match: Match) -> tuple[str, int, int] | None:
        """When no rewrite alone leaves the sentence unflagged: the construction
        rewrites in their order, each on the sentence as the ones before left it
        («Вы, видимо, опять удалили папку»: an aside dropped, then the passive),
        accepted only when no rule of the category flags the end result. Each
        step is a whole rewrite of its own (grammatical by itself); a step that
        finds nothing leaves the sentence as it was."""
        from .nlp import sentence_around, sentence_starts

        sentence = sentence_around(doc, match.start, match.end)
        rules = [self._by_id[i] for i in rule_ids if i in self._by_id and self._by_id[i].spec.extends == "rewrite"]
        if sentence is None or len(rules) < 2:
            return None
        a, b = sentence
        current, steps = doc, 0
        span = (match.start, match.end)
        for rule in rules:
            found = self._construction_rewrite(rule, current, Match(*span), check=False)
            if found is None:
                continue
            steps += 1
            current = self.doc(found[0])
            self.split_sentences(current)
            if self.annotate is not None:
                self.annotate(current)
            if len(sentence_starts(current)) != 1:
                return None  # (a rewrite that reads as two sentences: the steps after it cannot see it whole)
            span = (0, len(current))  # the rewritten sentence is the construction's whole context now
        if steps < 2:
            return None  # (one step alone was tried above)
        text = current.text
        if not self._keeps_content(doc, a, b, text) or self._still_flagged(text, rules[0].spec.category):
            return None
        return text, a, b

    @staticmethod
    def _keeps_content(doc, a: int, b: int, rewritten: str) -> bool:
        """Does the rewrite of the sentence doc[a:b] keep every number, date and code it held? (A sentence
        that goes whole, "That one's on you, mate.", may hold none.)"""
        first, last = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        if not rewritten:
            return not _DIGIT_WORD.search(_doc_text(doc), first, last)
        return all(word in rewritten for word in _DIGIT_WORD.findall(_doc_text(doc), first, last))

    def removal_or_rewrite(self, rule: CompiledRule, doc, match: Match, suggestions: tuple[str, ...]):
        """A tone rule's own removal that leaves a sentence a rule of the category still flags («Вы почему-то не
        увидели пункт 5.2, хотя он есть в договоре» → «Вы не увидели пункт 5.2.»: the fact gone, the blame kept)
        gives way to the first construction rewrite (`extends: rewrite`) of the rule's `fallback_rewrite` chain,
        which leaves none («В договоре есть пункт 5.2.»); else it stays. As (suggestions, the span they replace:
        None for the match)."""
        if not self._still_flagged(suggestions[0], rule.spec.category):
            return suggestions, None
        for rule_id in rule.spec.fallback_rewrite:
            other = self._by_id.get(rule_id)
            if other is None or other.spec.extends != "rewrite":
                continue
            found = self._construction_rewrite(other, doc, match)
            if found is not None:
                text, start, end = found
                return (text,), _without_edge_spaces(doc[start:end])
        return suggestions, None

    def _still_flagged(self, text: str, category: str) -> bool:
        """Does a rule of the category (the tone model included) still flag the rewritten text?"""
        return any(flagged.spec.category == category for flagged, _, _ in self.run(text, "reply"))

    def construction_rewrites(self, rule_id: str, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """(phrase, its rewrites) for each construction the rewrite rule `rule_id`
        finds in `text`: what the rule's examples show (`replylint rule`, tests)."""
        rule = self._by_id[rule_id]
        doc = self.doc(text)
        self.split_sentences(doc)
        if self.annotate is not None:
            self.annotate(doc)
        return [(_without_edge_spaces(doc[m.start:m.end]).text, self.suggestions(rule, doc, m))
                for m in rule.matcher.matches_in(doc, 0, len(doc))]

    def _construction_rewrite(self, rule: CompiledRule, doc, match: Match,
                              check: bool = True) -> tuple[str, int, int] | None:
        """The sentence holding `match` with the constructions of `rule` that
        overlap it rewritten, and the sentence's token range; None when none
        is there, or when a rule of the category still flags the result."""
        from .nlp import sentence_around

        sentence = sentence_around(doc, match.start, match.end)
        if sentence is None:
            return None
        a, b = sentence
        if self.annotate is not None and not doc.has_annotation("POS"):
            self.annotate(doc)
        # a construction may open its sentence (IS_SENT_START): lint reads sentence starts without writing
        # SENT_START unless an indexed pattern needs it, so write it here (once per doc; the same starts)
        self.split_sentences(doc)
        whole = match.start <= a and match.end >= b  # (a tone rule's match is its sentence)
        text, first, last = _doc_text(doc), doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        out, pos = [], first
        for found in rule.matcher.matches_in(doc, a, b):
            if not whole and not (found.start < match.end and match.start < found.end):
                continue
            rewritten = self.suggestions(rule, doc, found)
            if not rewritten:
                continue
            start, end = doc[found.start].idx, doc[found.end - 1].idx + len(doc[found.end - 1])
            before = text[pos:start]
            if rewritten[0][:1] in (",", ".", ";", ":", "!", "?") and not before.endswith("\n"):
                before = before.rstrip(" ")  # "… (ref 0817) and the error was on your side:" leaves "… (ref 0817):"
            out += [before, rewritten[0]]
            pos = end
        if not out:
            return None
        sentence = ("".join(out) + text[pos:last]).lstrip()
        if text[first:first + 1].isupper() and sentence[:1].islower():
            sentence = sentence[:1].upper() + sentence[1:]  # a construction that opened the sentence went
        if not self._keeps_content(doc, a, b, sentence):
            return None  # (no rewrite drops a number, a date or a code)
        if check and self._still_flagged(sentence, rule.spec.category):
            return None  # the construction was not what the rule (or the model) objected to
        return sentence, a, b

    def suggestions(self, rule: CompiledRule, doc, match: Match) -> tuple[str, ...]:
        if not rule.templates:
            return rule.matcher.rewrites(doc, match)
        captured = {name: [doc[i].text for i in idx] for name, idx in match.captures.items()}
        captured["match"] = [t.text for t in doc[match.start : match.end]]
        # keep "two-step" and "e-mail" as written: the space after each captured token
        spacing = {name: _spacing(doc, idx) for name, idx in match.captures.items()}
        spacing["match"] = _spacing(doc, range(match.start, match.end))
        original = doc[match.start : match.end].text
        # the tokens around the match, for `drop:clause` (a word there: the removal would strand it)
        after = match.end
        while after < len(doc) and doc[after].is_space and "\n" not in doc[after].text:
            after += 1
        following = doc[after].text if after < len(doc) else ""
        if following == "," and after + 1 < len(doc) and doc[after + 1].pos_ in _CLAUSE_OPENERS:
            # a conjunction after the comma opens a clause that leans on the match («Уже который раз
            # повторяю, что …», "…, but …"): `drop:clause` would leave it opening the sentence
            following = ", " + doc[after + 1].text
        before = match.start - 1
        while before >= 0 and doc[before].is_space and "\n" not in doc[before].text:
            before -= 1
        preceding = doc[before].text if before >= 0 else ""
        # rendering inflects words with pymorphy3; a long message repeats its phrases
        key = (id(rule), original, repr(captured), repr(spacing), following, preceding)
        cached = self._suggestion_cache.get(key)
        if cached is not None:
            return cached
        out = []
        for template in rule.templates:
            text = template.render(captured, self.morphology, original, spacing, following, preceding)
            if text is not None and text not in out:
                out.append(text)
        if len(self._suggestion_cache) >= SUGGESTION_CACHE_LIMIT:
            self._suggestion_cache.clear()
        self._suggestion_cache[key] = tuple(out)
        return tuple(out)


def _source_key(spec: RuleSpec, file_digests: dict[str, str | None]) -> str | None:
    """The digest of the bytes of the pack file `spec` was read from, with its line (see
    CompileContext.source_key); None for a rule not read from a file."""
    if spec.path not in file_digests:
        try:
            file_digests[spec.path] = hashlib.sha256(Path(spec.path).read_bytes()).hexdigest()[:24] \
                if spec.path and spec.line else None
        except OSError:
            file_digests[spec.path] = None
    digest = file_digests[spec.path]
    return f"rule:{digest}:{spec.line}" if digest else None


def _removes_rewritten(original: str, rewritten: str, removed: str) -> bool:
    """Is the clause removal that turned `rewritten` (a construction rewrite of
    `original`) into `removed` unsafe after that rewrite: does it take a word the
    rewrite wrote (one not in the original as it stood), or a prefix that ends at
    a comma rather than at a colon, a dash or a semicolon? A rewrite changes the
    clauses around its commas: the subject of «лучше не стоит», the hedge of
    «Наверное, забыли» are what a comma removal would take there."""
    import difflib

    def words(text: str) -> list[re.Match]:
        return list(re.finditer(r"\w+", text))
    old, mid, new = words(original), words(rewritten), words(removed)
    lower = [m.group().lower() for m in mid]
    kept = set()  # the words of the rewrite that the writer wrote
    for i, j, size in difflib.SequenceMatcher(a=[m.group().lower() for m in old], b=lower,
                                              autojunk=False).get_matching_blocks():
        kept.update(range(j, j + size))
    left = set()  # the words of the rewrite that the removal leaves
    for i, j, size in difflib.SequenceMatcher(a=lower, b=[m.group().lower() for m in new],
                                              autojunk=False).get_matching_blocks():
        left.update(range(i, i + size))
    gone = [k for k in range(len(mid)) if k not in left]
    if any(k not in kept for k in gone):
        return True
    if gone and gone[0] == 0:  # a prefix went: through a strong mark only
        last = max(k for k in gone if all(i in gone for i in range(k + 1)))
        after = rewritten[mid[last].end():].lstrip(" »\"")
        return after[:1] not in (":", "—", "–", ";")
    return False


_CLAUSE_OPENERS = frozenset({"CCONJ", "SCONJ"})  # the parts of speech of «что», «но», "because", "but"
_DIGIT_WORD = re.compile(r"[^\s,.;:!?«»\"()]*\d[^\s,.;:!?«»\"()]*")


def _doc_text(doc) -> str:
    """The Doc's text, joined once: spaCy joins every token's text on each `doc.text`, and a
    long message asks for it once per sentence it rewrites."""
    text = doc.user_data.get("replylint.text")
    if text is None:
        text = doc.user_data["replylint.text"] = doc.text
    return text


def _spacing(doc, indices) -> list[str]:
    """The whitespace after each captured token as written ("" inside "two-step");
    a single space between tokens that are not adjacent; "" after the last."""
    indices = list(indices)
    gaps = []
    for k, i in enumerate(indices):
        if k + 1 == len(indices):
            gaps.append("")
        elif indices[k + 1] == i + 1:
            gaps.append(doc[i].whitespace_)
        else:
            gaps.append(" ")
    return gaps


@dataclass
class ExchangeView:
    """What `extends: register` rules read: both profiles, the register the
    policy expects of the reply, and the reply's evidence including the
    evidence found by comparing it with the customer (names, gender)."""

    reply: Profile
    customer: Profile | None
    builder: object  # the reply language's ProfileBuilder

    def __post_init__(self):
        reply = self.reply = self.builder.to_plural_writer(self.reply, self.customer)
        if self.customer is not None and self.customer.things:
            # a name the customer gave a thing ("your \"Buddy\" plan") names it in the reply too
            reply = self.builder.without_things(reply, self.customer.things)
        self.reply_evidence = list(reply.evidence) + self.builder.relate(reply, self.customer)
        self.customer_name_tags = self.customer.name_tags() if self.customer else set()

    def condition(self, key: str):
        customer = self.customer
        if key == "expected":
            return self.builder.expected(customer)
        if customer is None:
            return None if key != "customer.register" else "neutral"
        return {"customer.tv": customer.tv, "customer.register": customer.register,
                "customer.gender": customer.gender}[key]


def _main_language(pieces: list[tuple[int, int, str]]) -> str:
    """The language most of a message is written in (its profile's language)."""
    sizes: dict[str, int] = {}
    for start, end, lang in pieces:
        sizes[lang] = sizes.get(lang, 0) + end - start
    return max(sizes, key=sizes.get)


def _refuse_lone_surrogates(messages: list[tuple[str, int, str]]) -> None:
    """The InputError the CLI gives for a message that is not valid text."""
    from .inputs import lone_surrogate_problem

    labels = ((f"`{source}`" if source == "reply" else f"`customer[{index}]`", text) for source, index, text in messages)
    problems = [Problem(problem) for label, text in labels if (problem := lone_surrogate_problem(text, label))]
    if problems:
        raise InputError(problems)


def _piece_to_source(clean, seg_start: int, text: str):
    """Map a span of one piece of the cleaned message to (start, end, text) in the original."""
    def to_source(a: int, b: int) -> tuple[int, int, str]:
        start = clean.to_source(seg_start + a)
        end = clean.to_source(seg_start + b, is_end=True)
        return start, end, text[start:end]
    return to_source


def _without_edge_spaces(span):
    """A match without whitespace tokens at its ends (a line break that an
    optional pattern token took): a finding starts and ends on a word."""
    start, end = span.start, span.end
    while end - start > 1 and span.doc[end - 1].is_space:
        end -= 1
    while end - start > 1 and span.doc[start].is_space:
        start += 1
    return span.doc[start:end]


def _sentence_of(sent_starts: list[int], n: int, token: int) -> tuple[int, int]:
    """(start, end) of the sentence holding a token (Token.sent walks the
    sentence each time: quadratic over a long one)."""
    k = bisect.bisect_right(sent_starts, token) - 1
    return (sent_starts[k] if k >= 0 else 0, sent_starts[k + 1] if k + 1 < len(sent_starts) else n)


def _unvetoed(doc, sent_starts: list[int], matches: list[Match], unless) -> list[Match]:
    """The matches whose sentence (or clause, see `_clause_of`) holds none of the rule's
    `unless:` phrases. The phrases are looked for only there, not in the whole doc."""
    n = len(doc)
    vetoed: dict[tuple[int, int], bool] = {}
    kept = []
    for m in matches:
        span = _sentence_of(sent_starts, n, m.start)
        if unless.within == "clause":
            span = _clause_of(doc, span, m)
        if span not in vetoed:
            vetoed[span] = unless(doc[span[0] : span[1]])
        if not vetoed[span]:
            kept.append(m)
    return kept


# what ends a clause for `unless_within: clause`: a statement after a colon, a semicolon or a dash
# stands apart from the one before it («Мы проверили журнал: из-за Вашей ошибки…», "We checked: …")
CLAUSE_MARKS = frozenset({":", ";", "—", "–"})


def _clause_of(doc, sentence: tuple[int, int], match: Match) -> tuple[int, int]:
    """The part of the sentence around a match between the clause marks before and after it."""
    start, end = sentence
    for i in range(match.start - 1, start - 1, -1):
        if doc[i].text in CLAUSE_MARKS:
            start = i + 1
            break
    for i in range(match.end, end):
        if doc[i].text in CLAUSE_MARKS:
            end = i
            break
    return start, end


class Engine:
    """Lints exchanges with a rule set; pipelines and packs are compiled once."""

    def __init__(self, ruleset: RuleSet, lang: str = "auto", formality_policy: str | None = None,
                 never_flag: tuple[str, ...] = (), names: dict | None = None):
        if lang not in ("auto",) + LANGS:
            raise ConfigError(Problem(f"unknown language {lang!r} (auto, {', '.join(LANGS)})"))
        if formality_policy not in (None,) + FORMALITY_POLICIES:
            raise ConfigError(Problem(f"unknown formality policy {formality_policy!r} ({', '.join(FORMALITY_POLICIES)})"))
        self.ruleset = ruleset
        self.lang = lang
        self.formality_policy = formality_policy  # overrides each language's `register.policy`
        self.never_flag = tuple(never_flag)  # phrases never flagged (product names: see suppress.py)
        self.names = dict(names or {})  # {"agents": [...], "customers": [...]}: the team's name lists
        self.cleaner = Cleaner.from_config(ruleset.language_config["common"])
        detection = ruleset.language_config["common"]["language_detection"]
        self.scripts = ScriptDetector({code: ruleset.language_config[code]["script"] for code in LANGS},
                                      int(detection["min_letters"]), detection.get("ignore_words_with", ()))
        self._linters: dict[str, LanguageLinter] = {}
        self._scopes = frozenset(rule.scope for rule in ruleset.rules)
        # register profiles are built when some rule reads them
        self._profiles_wanted = any(rule.extends == "register" for rule in ruleset.rules)
        self._questions_wanted = any(rule.extends == "question" for rule in ruleset.rules)
        self._cleaned: dict[str, object] = {}  # text -> CleanText, within one lint
        self._pieces: dict[str, list] = {}  # cleaned text -> its language pieces, within one lint

    def linter(self, lang: str) -> LanguageLinter:
        if lang not in self._linters:
            from .cache import gc_paused

            with gc_paused():
                self._linters[lang] = LanguageLinter(lang, self.ruleset.for_lang(lang), self.ruleset.language_config,
                                                     self.formality_policy, self.names)
        return self._linters[lang]

    def _has_rules_for(self, scope: str) -> bool:
        return scope in self._scopes

    def compile_all(self) -> None:
        """Compile every language now, reporting the problems of all of them."""
        problems: list[Problem] = []
        for lang in LANGS:
            try:
                self.linter(lang)
            except ConfigError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ConfigError(problems)

    def warm(self) -> None:
        """Build now what is built on first use (each language's pipeline, its
        annotator's dictionaries, question reader and tone model), so a server's
        first request or a forked worker does not pay for it: each language lints
        one of its packs' own examples that has a customer message."""
        self.compile_all()
        for lang in LANGS:
            example = next((e for rule in self.ruleset.for_lang(lang) for e in rule.bad if e.customer), None)
            if example is not None:
                self.lint(Exchange(example.text, (example.customer,)))

    def lint(self, exchange: Exchange) -> list[Finding]:
        """Findings of every rule on the exchange; InputError if a message is not text."""
        findings: set[Finding] = set()
        messages = [("reply", 0, exchange.reply)] + [("customer", i, t) for i, t in enumerate(exchange.customer)]
        if any(not text.isascii() and LONE_SURROGATE.search(text) for _, _, text in messages):
            _refuse_lone_surrogates(messages)
        self._cleaned.clear()
        self._pieces.clear()
        for linter in self._linters.values():
            linter.forget_docs()
        profiles: dict[tuple[str, int], Profile] = {}
        for source, index, text in messages:
            if source == "customer" and not self._needs_customer(profiles.get(("reply", 0))):
                if self._has_rules_for("customer"):
                    findings.update(self._lint_message(text, source, index, profiles, profile=False))
                continue
            findings.update(self._lint_message(text, source, index, profiles))
        findings.update(self._judge(exchange, profiles))
        if self._questions_wanted and exchange.customer:
            findings.update(self._questions(exchange))
        for linter in self._linters.values():
            linter.forget_docs()
        self._cleaned.clear()
        self._pieces.clear()
        found = sorted(findings, key=Finding.sort_key)
        if found and (self.never_flag or "replylint-disable" in exchange.reply):
            from .suppress import kept

            texts = {("reply", 0): exchange.reply, **{("customer", i): t for i, t in enumerate(exchange.customer)}}
            found = kept(found, texts, self.never_flag)
        return found

    def profile(self, text: str) -> Profile | None:
        """The register profile of one message (`replylint profile`)."""
        profiles: dict[tuple[str, int], Profile] = {}
        for _ in self._lint_message(text, "customer", 0, profiles, findings=False):
            pass
        return profiles.get(("customer", 0))

    def _needs_customer(self, reply: Profile | None) -> bool:
        """Is the customer's profile worth building? Only when the reply holds
        evidence some register rule flags, addresses someone by name, signs
        with a given name, names someone by surname or shows the reader's gender («Вы первая»): a reply
        without them gets no formality finding whoever the customer is."""
        if reply is None:
            return False
        flagged = self.linter(reply.lang).flagged_features
        signed = reply.person is not None and reply.person.given  # may be the customer's own name ("Cheers, Kwame")
        named = any(person.surname for person, _ in reply.people)  # may be the customer's, misspelt
        return bool(reply.addresses) or bool(signed) or named or any(e.feature in flagged or e.gender for e in reply.evidence)

    def _lint_message(self, text: str, source: str, index: int, profiles: dict, findings: bool = True,
                      profile: bool = True):
        profiling = self._profiles_wanted and profile
        if not text or not text.strip() or not (self._has_rules_for(source) or profiling):
            return
        clean = self.clean(text)
        lines = None
        pieces = list(self.pieces(clean.text))
        profile = None
        if profiling and pieces:
            lang = _main_language(pieces)
            if self.linter(lang).profiles is not None:
                profile = profiles[(source, index)] = self.linter(lang).profiles.new()
        for seg_start, seg_end, lang in pieces:
            linter = self.linter(lang)

            to_source = _piece_to_source(clean, seg_start, text)
            piece_profile = profile if profile is not None and profile.lang == lang else None
            for rule, doc, match in linter.run(clean.text[seg_start:seg_end], source, piece_profile, to_source):
                if not findings:
                    continue
                span = _without_edge_spaces(doc[match.start : match.end])
                start, end, found = to_source(span.start_char, span.end_char)
                lines = lines or _LineIndex(text)
                line, column = lines.position(start)
                spec = rule.spec
                suggestions, fix = linter.suggestions(rule, doc, match), None
                if suggestions and suggestions[0] and spec.extends == "tone" and spec.fallback_rewrite:
                    suggestions, fix = linter.removal_or_rewrite(rule, doc, match, suggestions)
                    if fix is not None:
                        fix = to_source(fix.start_char, fix.end_char)[:2]
                if not suggestions and spec.fallback_rewrite:
                    suggestions, fix = linter.fallback_rewrite(spec.fallback_rewrite, doc, match, spec.id)
                    if fix is not None:
                        fix = to_source(fix.start_char, fix.end_char)[:2]
                region = text[fix[0]:fix[1]] if fix else found
                if "\n" in region:
                    # (the lines of a paragraph were read joined: the rewrite keeps its line breaks)
                    suggestions = tuple(keep_line_breaks(region, s) for s in suggestions)
                yield Finding(
                    rule_id=spec.id, category=spec.category, severity=spec.severity, message=spec.message,
                    source=source, source_index=index, start=start, end=end, line=line, column=column,
                    text=found, suggestions=suggestions, fix_start=fix[0] if fix else None,
                    fix_end=fix[1] if fix else None,
                )
        if profile is not None:
            self.linter(profile.lang).profiles.finish(profile, profile.people, clean.text)

    def clean(self, text: str):
        """The cleaned message (history and markup dropped), once per lint."""
        clean = self._cleaned.get(text)
        if clean is None:
            clean = self._cleaned[text] = self.cleaner.clean(text)
        return clean

    def _sentences(self, text: str, asking_only: bool = False,
                   asked_back: bool = False) -> list[tuple[LanguageLinter, object]]:
        """Each language piece of a message with what the sentence step read in
        it (a questions.Read; offsets in `text`). `asked_back`: only what the
        redundant check reads (a message of one piece; see QuestionReader.sentences)."""
        clean = self.clean(text)
        out = []
        marks = None  # where the message's ``` marks are
        pieces = self.pieces(clean.text)
        asked_back = asked_back and len(pieces) == 1  # (the pieces' sentence counts choose the reply's language)
        for seg_start, seg_end, lang in pieces:
            linter = self.linter(lang)
            if linter.questions is None:
                continue

            to_source = _piece_to_source(clean, seg_start, text)
            # (a pasted block in ``` fences may be a piece of another language of its own)
            if marks is None:
                marks = linter.questions.fences(clean.text)
            opened = bool(marks) and linter.questions.in_fence(marks, seg_start)
            out.append((linter, linter.sentences(clean.text[seg_start:seg_end], to_source, asking_only, opened,
                                                 asked_back)))
        return out

    def _questions(self, exchange: Exchange) -> list[Finding]:
        """Findings of the `extends: question` rules: customer questions the
        reply leaves unanswered (or defers), and reply questions about what the
        customer already said or tried. The rules of the reply's language report.
        Customer messages are first read for what may ask; the rest of a message
        is read in full only when the reply asks something itself."""
        customers = []
        for index, text in enumerate(exchange.customer):
            if text and text.strip():
                pieces = self._sentences(text, asking_only=True)
                customers.append((index, text, [(linter, read, linter.questions.questions(read.sentences, index))
                                                for linter, read in pieces]))
        asked = any(questions for _, _, pieces in customers for _, _, questions in pieces)

        @functools.cache
        def reply_asks() -> bool:
            """Does the reply ask, or ask for details or suggest a step without «?» («Пришлите номер заказа»)? (looked
            at only where it decides something: a customer question makes the reply read in any case)"""
            # (asked of the linters of the reply's own languages: any linter built so far would make the answer
            # depend on what this process linted before)
            return "?" in exchange.reply or any(
                linter.questions is not None and linter.questions.may_request(exchange.reply)
                for linter in map(self.linter, sorted({lang for _, _, lang in self.pieces(self.clean(exchange.reply).text)})))
        if not asked and not reply_asks():
            return []  # no question on either side (most of a chat's turns)
        # without a customer question only the redundant check can report: it reads the reply's questions and
        # requests alone
        reply_pieces = self._sentences(exchange.reply, asked_back=not asked)
        if not reply_pieces:
            return []
        linter = max(reply_pieces, key=lambda p: len(p[1].sentences))[0]
        rules = linter.question_rules
        reply = [s for _, read in reply_pieces for s in read.sentences]
        out: list[Finding] = []
        for index, text, customer_pieces in customers:
            lines = None
            for piece_linter, read, questions in customer_pieces:
                if not questions:
                    continue
                reader = piece_linter.questions
                asked_in = {id(q.sentence) for q in questions}
                context = read.other_keys.union(*(s.keys for s in read.sentences if id(s) not in asked_in))
                for coverage in reader.cover_all(questions, reply, context):
                    question = coverage.question
                    rule = rules.get(coverage.status)
                    if rule is None:
                        continue
                    lines = lines or _LineIndex(text)
                    line, column = lines.position(question.start)
                    suggestions = rule.matcher.stub_for(linter.questions.quotable(question.text)) \
                        if coverage.status == "unanswered" else ()
                    out.append(self._finding(rule, "customer", index, question.start, question.end, line, column,
                                             question.text, suggestions, question=question.text))
            rule = rules.get("redundant")
            if rule is not None and any(
                    s.asks or not linter.questions.asking_cues.isdisjoint(s.cues) for s in reply) and reply_asks():
                # the whole customer message: the sentences its first read built, and the rest
                customer = [s for piece_linter, read, _ in customer_pieces
                            for s in piece_linter.questions.every_sentence(read)]
                reply_lines = _LineIndex(exchange.reply)
                for found in linter.questions.redundant(reply, customer, index):
                    start, end, found_text = found.question.source()
                    line, column = reply_lines.position(start)
                    out.append(self._finding(rule, "reply", 0, start, end, line, column, found_text, (),
                                             said=found.said.source()[2]))
        return out

    @staticmethod
    def _finding(rule, source: str, index: int, start: int, end: int, line: int, column: int, text: str,
                 suggestions: tuple[str, ...], **quoted: str) -> Finding:
        """A finding whose message quotes the question or the customer's sentence."""
        message = rule.spec.message
        for name, value in quoted.items():
            message = message.replace("{" + name + "}", " ".join(value.split()))
        spec = rule.spec
        return Finding(rule_id=spec.id, category=spec.category, severity=spec.severity, message=message,
                       source=source, source_index=index, start=start, end=end, line=line, column=column,
                       text=text, suggestions=suggestions)

    def _judge(self, exchange: Exchange, profiles: dict) -> list[Finding]:
        """Findings of the rules that compare the reply's profile with the customer's."""
        reply = profiles.get(("reply", 0))
        if reply is None:
            return []
        linter = self.linter(reply.lang)
        if not linter.exchange_rules:
            return []
        if not self._needs_customer(reply):
            return []  # every register rule flags reply evidence or an address
        customer = merge([p for (source, _), p in sorted(profiles.items()) if source == "customer"])
        view = ExchangeView(reply, customer, linter.profiles)
        lines = None
        out = []
        for rule in linter.exchange_rules:
            for evidence in rule.matcher.judge(view):
                lines = lines or _LineIndex(exchange.reply)
                line, column = lines.position(evidence.start)
                spec = rule.spec
                out.append(Finding(
                    rule_id=spec.id, category=spec.category, severity=spec.severity, message=spec.message,
                    source="reply", source_index=0, start=evidence.start, end=evidence.end, line=line,
                    column=column, text=exchange.reply[evidence.start : evidence.end],
                    suggestions=linter.profiles.rewrite(rule.matcher.rewrite, evidence, view),
                ))
        return out

    def pieces(self, text: str) -> Iterable[tuple[int, int, str]]:
        """Runs of one language, each cut into pieces the tokenizer takes
        whole: memory stays bounded and spaCy's max_length is never reached."""
        found = self._pieces.get(text)
        if found is None:
            found = self._pieces[text] = (self.segments(text) if len(text) <= PIECE_CHARS
                                          else list(self._cut_segments(text)))
        return found

    def _cut_segments(self, text: str) -> Iterator[tuple[int, int, str]]:
        for start, end, lang in self.segments(text):
            for piece_start, piece_end in split_into_pieces(text, start, end):
                yield piece_start, piece_end, lang

    def segments(self, text: str) -> list[tuple[int, int, str]]:
        """Split text into runs of one language: line by line with --lang auto."""
        if self.lang != "auto":
            return [(0, len(text), self.lang)]
        return self.scripts.segments(text)


_NO_CLASSES: frozenset[str] = frozenset()
RECENT_DOCS = 16  # docs kept for reuse within one lint (a reply and its customer messages)
RECENT_DOC_CHARS = 20_000  # longer pieces are not kept
SUGGESTION_CACHE_LIMIT = 10_000  # rendered rewrites kept per language
PIECE_CHARS = 100_000  # at most this much text is tokenized at once
_SENTENCE_ENDS = (". ", "! ", "? ", "… ", ".\t", ".)")


def split_into_pieces(text: str, start: int, end: int, limit: int = PIECE_CHARS) -> Iterator[tuple[int, int]]:
    """Cut text[start:end] into pieces of at most `limit` characters, each
    ending at the last paragraph break, line break, sentence end or space of
    its second half; a hard cut only inside a run with none of them."""
    while end - start > limit:
        low, high = start + limit // 2, start + limit
        cut = next((at + len(sep) for sep in ("\n\n", "\n") if (at := text.rfind(sep, low, high)) >= 0), -1)
        if cut < 0:
            cut = max(text.rfind(sep, low, high) for sep in _SENTENCE_ENDS) + 1
        if cut <= 0:
            cut = text.rfind(" ", low, high) + 1 or high
        yield start, cut
        start = cut
    yield start, end


class _LineIndex:
    """1-based line and column of an offset, without rescanning the text."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
