"""Structured errors: they carry every problem found, and are only turned
into text by the output layer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input or a configuration file."""

    message: str
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class ReplylintError(Exception):
    """Raised with every problem collected, never just the first."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(ReplylintError):
    """A rule pack, language file or option is invalid."""


class InputError(ReplylintError):
    """A reply, customer message or evaluation file cannot be read."""


class OutputError(ReplylintError):
    """The report cannot be written (standard output closed or full)."""
