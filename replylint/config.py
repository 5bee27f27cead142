"""Project configuration: `.replylint.yaml`, or `[tool.replylint]` in pyproject.toml.

The file is found from the current folder upward (the first folder holding
`.replylint.yaml`, or a pyproject.toml with a `[tool.replylint]` table) or
given with `--config`. Its keys are the command line's long options:

    packs: [team-rules]            # extra pack folders, relative to the file
    builtin: true                  # load the bundled packs
    select: [ru.blame, formality]  # rule-id prefixes, as --select / --ignore
    ignore: [en.blame.tone]
    severity: {ru.blame.rtfm: error, en.register: info}   # per-prefix override
    fail-on: warning
    lang: auto
    formality-policy: mirror-customer
    never-flag: [Obviously Backup]  # product names and phrases never flagged
    names: {agents: [Ignat], customers: [Marco]}  # names that are names (agents' never an address)

A value given on the command line wins over the file, the file over the
default. Unknown keys and wrong types are errors naming the file and line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, Problem
from .finding import SEVERITIES
from .packs import LANGS
from .yamlio import LinedDict, load_yaml, read_text, yaml_describe, yaml_type_names

FILE_NAME = ".replylint.yaml"
PYPROJECT = "pyproject.toml"
FAIL_ON = (*SEVERITIES, "never")
LANG_CHOICES = ("auto", *LANGS)
POLICIES = ("always-formal", "mirror-customer")

# key -> (expected type, default, allowed values or None)
SCHEMA: dict[str, tuple[type | tuple[type, ...], object, tuple | None]] = {
    "packs": (list, (), None),
    "builtin": (bool, True, None),
    "select": (list, (), None),
    "ignore": (list, (), None),
    "severity": (dict, {}, None),
    "fail-on": (str, "warning", FAIL_ON),
    "lang": (str, "auto", LANG_CHOICES),
    "formality-policy": (str, None, POLICIES),
    "never-flag": (list, (), None),
    "names": (dict, {}, None),
}


@dataclass(frozen=True)
class Config:
    """The effective settings and where each came from ("default", "path:line"
    or "--option")."""

    values: dict
    origins: dict
    path: str | None = None
    base: Path = field(default_factory=Path.cwd)  # what relative pack folders are relative to

    def __getitem__(self, key: str):
        return self.values[key]

    def with_options(self, given: dict) -> Config:
        """The settings with the command line's options (those actually given) on top."""
        values, origins = dict(self.values), dict(self.origins)
        for key, (option, value) in given.items():
            values[key], origins[key] = value, option
        return Config(values, origins, self.path, self.base)

    def pack_dirs(self) -> tuple[Path, ...]:
        return tuple(p if p.is_absolute() else self.base / p for p in map(Path, self.values["packs"]))


def default() -> Config:
    return Config({key: value for key, (_, value, _) in SCHEMA.items()}, dict.fromkeys(SCHEMA, "default"))


def find(start: Path | None = None) -> Path | None:
    """The configuration file that applies in a folder: the nearest upward."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        candidate = directory / FILE_NAME
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[tool\.replylint(?:\.[\w-]+)?\]", text, re.MULTILINE) is not None


def load(path: Path | str | None = None, *, search: bool = True) -> Config:
    """The settings of a configuration file (`path`, else the one `find`
    finds when `search`), over the defaults."""
    if path is None:
        path = find() if search else None
        if path is None:
            return default()
    path = Path(path)
    if not path.is_file():
        raise ConfigError(Problem("configuration file not found", str(path)))
    if path.name == PYPROJECT or path.suffix == ".toml":
        table, line_of = _toml_table(path)
    else:
        data = load_yaml(path, ConfigError)
        if data is None:
            data = LinedDict()
            data.line, data.key_lines = 1, {}
        if not isinstance(data, LinedDict):
            raise ConfigError(Problem(f"the configuration must be a mapping of settings, got {yaml_describe(data)}",
                                      str(path), 1))
        table, line_of = data, data.line_of
    return _validated(table, line_of, str(path), path.resolve().parent)


def _toml_table(path: Path) -> tuple[dict, callable]:
    text = read_text(path, ConfigError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        raise ConfigError(Problem(f"not valid TOML: {str(exc).split(' (at line')[0]}", str(path),
                                  int(found.group(1)) if found else None)) from None
    table = data.get("tool", {}).get("replylint")
    if table is None:
        raise ConfigError(Problem("no [tool.replylint] table", str(path)))
    if not isinstance(table, dict):
        raise ConfigError(Problem("tool.replylint must be a table", str(path)))
    lines = text.splitlines()
    header = next((n for n, line in enumerate(lines) if re.match(r"\s*\[tool\.replylint\]", line)), None)

    def line_of(key: str) -> int | None:
        """The line that sets `key` in the table (tomllib keeps no positions)."""
        nested = next((n for n, line in enumerate(lines) if re.match(rf"\s*\[tool\.replylint\.{re.escape(key)}\]",
                                                                          line)), None)
        if nested is not None:
            return nested + 1
        pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range((header or 0) + 1, len(lines)):
            if lines[n].lstrip().startswith("[") and header is not None and not lines[n].lstrip().startswith(
                    "[tool.replylint"):
                break
            if pattern.match(lines[n]):
                return n + 1
        return (header + 1) if header is not None else None

    return table, line_of


def from_mapping(data: dict, where: str) -> Config:
    """Settings given as a mapping (a hook request's `config`), validated like a file's."""
    return _validated(data, lambda key: None, where, Path.cwd())


def _validated(table: dict, line_of, path: str, base: Path) -> Config:
    problems: list[Problem] = []
    config = default()
    values, origins = dict(config.values), dict(config.origins)
    for key, value in table.items():
        line = line_of(key)
        if key not in SCHEMA:
            close = [k for k in SCHEMA if k.replace("-", "_") == str(key).replace("-", "_")]
            hint = f"; did you mean {close[0]!r}?" if close else f" (allowed: {', '.join(SCHEMA)})"
            problems.append(Problem(f"unknown setting {key!r}{hint}", path, line))
            continue
        expected, _, allowed = SCHEMA[key]
        if isinstance(value, bool) and expected is not bool or not isinstance(value, expected):
            problems.append(Problem(f"{key!r} must be {yaml_type_names(expected)}, got {yaml_describe(value)}",
                                    path, line))
            continue
        if allowed is not None and value not in allowed:
            problems.append(Problem(f"{key!r} must be one of {', '.join(allowed)}, got {value!r}", path, line))
            continue
        if expected is list:
            bad = [item for item in value if not isinstance(item, str) or not item.strip()]
            if bad:
                problems.append(Problem(f"{key!r} must list non-empty strings, got {yaml_describe(bad[0])}",
                                        path, line))
                continue
            value = tuple(value)
        if key == "names":
            bad = [k for k, v in value.items() if k not in ("agents", "customers") or not isinstance(v, list)
                   or not all(isinstance(n, str) and n.strip() for n in v)]
            if bad:
                problems.append(Problem("'names' has `agents` and `customers`, each a list of names; "
                                        f"got {bad[0]!r}", path, line))
                continue
            value = {k: tuple(v) for k, v in value.items()}
        if key == "severity":
            bad = [(k, v) for k, v in value.items() if not isinstance(k, str) or v not in SEVERITIES]
            if bad:
                k, v = bad[0]
                problems.append(Problem(f"'severity' maps rule-id prefixes to one of {', '.join(SEVERITIES)}; "
                                        f"{k!r} is set to {v!r}", path, line))
                continue
            value = dict(value)
        values[key] = value
        origins[key] = f"{path}:{line}" if line else path
    if problems:
        raise ConfigError(problems)
    return Config(values, origins, path, base)


def build_ruleset(settings: Config):
    """The rules the settings pick (packs, select, ignore, severity); a prefix
    that names no rule is an error at the setting's file and line."""
    from .packs import CATEGORIES, LANGS, load_rules

    ruleset = load_rules(settings.pack_dirs(), builtin=settings["builtin"])
    select, ignore = settings["select"], settings["ignore"]
    # a prefix that picks no rule at all is a typo, not a way to run nothing
    # (languages and categories are always valid, even before they have rules)
    known = {*LANGS, *CATEGORIES, *(f"{lang}.{cat}" for lang in LANGS for cat in CATEGORIES)}
    hint = "prefixes are whole dotted segments: ru, ru.blame, blame, ru.blame.you-did-wrong"
    unknown = []
    for key in ("select", "ignore", "severity"):
        label = f"--{key} " if settings.origins[key].startswith("--") else f"{key}: "
        unknown += [Problem(f"{label}{prefix!r} matches no rule ({hint})", *_origin(settings, key))
                    for prefix in settings[key] if prefix not in known and not ruleset.selected((prefix,)).rules]
    if unknown:
        raise ConfigError(unknown)
    return ruleset.selected(select, ignore).with_severities(settings["severity"])


def _origin(settings, key: str) -> tuple[str | None, int | None]:
    """(path, line) of a setting read from a file, for its error message."""
    origin = settings.origins[key]
    path, _, line = origin.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return (origin, None) if not origin.startswith("-") and origin != "default" else (None, None)


def build_engine(settings: Config, ruleset):
    from .engine import Engine

    return Engine(ruleset, lang=settings["lang"], formality_policy=settings["formality-policy"],
                  never_flag=settings["never-flag"], names=settings["names"])
