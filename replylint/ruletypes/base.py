"""The interface every rule type implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar

from ..errors import Problem


@dataclass(frozen=True)
class Match:
    """Where a rule matched: token range in the doc and named token groups."""

    start: int
    end: int
    captures: dict[str, tuple[int, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    """One result of the shared spaCy Matcher for one of a rule's patterns."""

    pattern: int
    start: int
    end: int
    alignments: tuple[int, ...]


@dataclass
class CompileContext:
    """What a rule type needs to compile itself, and where it reports problems."""

    path: str
    lang: str
    tokenize: Callable[[str], list[str]]
    morphology: Any
    problems: list[Problem]
    cache: Any = None  # a FormsCache: remembers token patterns spaCy already validated
    word_boundary: bool = False  # may regexes use RE2's ASCII `\\b` (the language's words are ASCII)
    quotes: dict = field(default_factory=dict)  # opening -> closing quote mark (common.yaml `register.quotes`)
    # the pack file's bytes digested with the rule's line: a rule spaCy validated before from the same
    # bytes (same spaCy: see `cache`) is not validated again, pattern by pattern; None: no such file
    source_key: str | None = None

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(message, self.path, line))


class RuleType:
    """A matcher kind. Subclasses declare their YAML keys and compile in __init__.

    Matching is split in two so that every rule of a language shares one spaCy
    Matcher pass: `patterns()` hands token patterns to that pass, `find()` turns
    its hits (and anything else the type does itself) into Matches.
    """

    name: ClassVar[str]
    required_keys: ClassVar[dict[str, type | tuple[type, ...]]] = {}
    optional_keys: ClassVar[dict[str, type | tuple[type, ...]]] = {}

    #: annotations the type reads: any of "LEMMA", "POS", "MORPH"
    needs: frozenset[str] = frozenset()
    #: names usable in suggestion templates
    capture_names: frozenset[str] = frozenset()
    #: reads the exchange's register profiles (`judge`) instead of matching text
    reads_exchange: bool = False
    #: reads the exchange's questions and their coverage (`extends: question`)
    reads_questions: bool = False
    #: lint runs `find` on a doc (a construction rewrite only rewrites other rules' matches)
    finds_in_lint: bool = True

    def __init__(self, spec: dict, ctx: CompileContext):
        raise NotImplementedError

    def patterns(self) -> list[list[dict]]:
        return []

    def may_match(self, lowered: str) -> bool:
        """For a rule without token patterns: can it match this (lowercased) text?"""
        return True

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        raise NotImplementedError

    def rewrites(self, doc, match: Match) -> tuple[str, ...]:
        """Rewrites the type works out itself for a rule without `suggest:`
        templates (the tone scorer's clause removal); none by default."""
        return ()


def longest_first(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (earliest on ties)."""
    chosen: list[Match] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        span = set(range(match.start, match.end))
        if not span & taken:
            chosen.append(match)
            taken |= span
    return sorted(chosen, key=lambda m: m.start)
