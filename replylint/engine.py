"""The engine: `Engine(ruleset).lint(exchange) -> list[Finding]`.

Per language, one `LanguageLinter` holds the spaCy pipeline, the compiled
rules and one shared spaCy Matcher with every rule's token patterns; it is
built the first time a message in that language is seen and then reused.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .cleaning import CleanText, Cleaner
from .errors import ConfigError, Problem
from .finding import Finding
from .packs import LANGS, RuleSet, RuleSpec
from .ruletypes.base import Hit, Match


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
    unless_key: str | None


class LanguageLinter:
    """Pipeline + compiled rules for one language."""

    def __init__(self, lang: str, rules: tuple[RuleSpec, ...], language_config: dict):
        import spacy
        from spacy.matcher import Matcher

        from .morphology import morphology_for
        from .nlp import add_components
        from .ruletypes import RULE_TYPES, CompileContext
        from .ruletypes.phrases import compile_phrase
        from .suggest import Template

        self.lang = lang
        nlp = spacy.blank(lang)
        self.morphology = morphology_for(lang)
        problems: list[Problem] = []
        tokenize = lambda text: [t.text for t in nlp.make_doc(text) if not t.is_space]  # noqa: E731
        compiled: list[CompiledRule] = []
        matcher = Matcher(nlp.vocab)
        self._keys: dict[int, tuple[int, int]] = {}  # matcher key hash -> (rule index, pattern index)
        self._unless: dict[int, int] = {}  # matcher key hash -> rule index
        needs: set[str] = set()
        for spec in rules:
            ctx = CompileContext(spec.path, lang, tokenize, self.morphology, problems)
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
            index = len(compiled)
            for p_index, pattern in enumerate(rule_type.patterns()):
                key = f"{spec.id}#{p_index}"
                matcher.add(key, [pattern])
                self._keys[nlp.vocab.strings[key]] = (index, p_index)
            unless_key = None
            if unless_patterns:
                unless_key = f"{spec.id}#unless"
                matcher.add(unless_key, unless_patterns)
                self._unless[nlp.vocab.strings[unless_key]] = index
            needs |= rule_type.needs
            compiled.append(CompiledRule(spec, rule_type, tuple(templates), unless_key))
        if problems:
            raise ConfigError(problems)
        add_components(nlp, lang, language_config.get(lang, {}), frozenset(needs))
        self.nlp = nlp
        self.rules = tuple(compiled)
        self.matcher = matcher
        self.needs = frozenset(needs)

    def run(self, text: str, scope: str):
        """Yield (rule, doc, match) for every rule of `scope` that matches `text`."""
        doc = self.nlp(text)
        hits: dict[int, list[Hit]] = {}
        vetoes: dict[int, list[tuple[int, int]]] = {}
        results = self.matcher(doc, with_alignments=True) if len(self.matcher) else []
        for key, start, end, alignments in results:
            if key in self._keys:
                r_index, p_index = self._keys[key]
                hits.setdefault(r_index, []).append(Hit(p_index, start, end, tuple(alignments)))
            else:
                vetoes.setdefault(self._unless[key], []).append((start, end))
        for index, rule in enumerate(self.rules):
            if rule.spec.scope != scope:
                continue
            if not rule.matcher.patterns() or index in hits:
                matches = rule.matcher.find(doc, hits.get(index, []))
            else:
                continue
            for match in matches:
                if index in vetoes and _vetoed(doc, match, vetoes[index]):
                    continue
                yield rule, doc, match

    def suggestions(self, rule: CompiledRule, doc, match: Match) -> tuple[str, ...]:
        captured = {name: [doc[i].text for i in idx] for name, idx in match.captures.items()}
        captured["match"] = [t.text for t in doc[match.start : match.end]]
        # keep "two-step" and "e-mail" as written: the space after each captured token
        spacing = {name: _spacing(doc, idx) for name, idx in match.captures.items()}
        spacing["match"] = _spacing(doc, range(match.start, match.end))
        original = doc[match.start : match.end].text
        out = []
        for template in rule.templates:
            text = template.render(captured, self.morphology, original, spacing)
            if text is not None and text not in out:
                out.append(text)
        return tuple(out)


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


def _vetoed(doc, match: Match, vetoes: list[tuple[int, int]]) -> bool:
    sent = doc[match.start].sent
    return any(sent.start <= start and end <= sent.end for start, end in vetoes)


class Engine:
    """Lints exchanges with a rule set; pipelines and packs are compiled once."""

    def __init__(self, ruleset: RuleSet, lang: str = "auto"):
        if lang not in ("auto",) + LANGS:
            raise ConfigError(Problem(f"unknown language {lang!r} (auto, {', '.join(LANGS)})"))
        self.ruleset = ruleset
        self.lang = lang
        self.cleaner = Cleaner.from_config(ruleset.language_config["common"])
        self.scripts = {
            code: re.compile(ruleset.language_config[code]["script"]) for code in LANGS
        }
        self.min_letters = int(ruleset.language_config["common"]["language_detection"]["min_letters"])
        self._linters: dict[str, LanguageLinter] = {}

    def linter(self, lang: str) -> LanguageLinter:
        if lang not in self._linters:
            self._linters[lang] = LanguageLinter(lang, self.ruleset.for_lang(lang), self.ruleset.language_config)
        return self._linters[lang]

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

    def lint(self, exchange: Exchange) -> list[Finding]:
        findings: set[Finding] = set()
        messages = [("reply", 0, exchange.reply)] + [("customer", i, t) for i, t in enumerate(exchange.customer)]
        for source, index, text in messages:
            findings.update(self._lint_message(text, source, index))
        return sorted(findings, key=Finding.sort_key)

    def _lint_message(self, text: str, source: str, index: int):
        if not text or not text.strip():
            return
        clean = self.cleaner.clean(text)
        lines = _LineIndex(text)
        for seg_start, seg_end, lang in self.segments(clean.text):
            linter = self.linter(lang)
            for rule, doc, match in linter.run(clean.text[seg_start:seg_end], source):
                span = doc[match.start : match.end]
                start = clean.to_source(seg_start + span.start_char)
                end = clean.to_source(seg_start + span.end_char, is_end=True)
                line, column = lines.position(start)
                spec = rule.spec
                yield Finding(
                    rule_id=spec.id, category=spec.category, severity=spec.severity, message=spec.message,
                    source=source, source_index=index, start=start, end=end, line=line, column=column,
                    text=text[start:end], suggestions=linter.suggestions(rule, doc, match),
                )

    def segments(self, text: str) -> list[tuple[int, int, str]]:
        """Split text into runs of one language: paragraph by paragraph with --lang auto."""
        if self.lang != "auto":
            return [(0, len(text), self.lang)]
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]
        if not paragraphs:
            return []
        whole = self.detect(text) or "en"
        langs = [self.detect(text[s:e], self.min_letters) for s, e in paragraphs]
        segments: list[list] = []
        for (start, end), lang in zip(paragraphs, langs):
            lang = lang or whole
            if segments and segments[-1][2] == lang:
                segments[-1][1] = end
            else:
                segments.append([start, end, lang])
        return [tuple(s) for s in segments]

    def detect(self, text: str, min_letters: int = 1) -> str | None:
        """The language whose script has most letters in `text`, if it has at least `min_letters`."""
        counts = {code: len(pattern.findall(text)) for code, pattern in self.scripts.items()}
        best = max(counts, key=counts.get)
        return best if counts[best] >= min_letters else None


class _LineIndex:
    """1-based line and column of an offset, without rescanning the text."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
