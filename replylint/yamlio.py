"""YAML reading that remembers line numbers, so every config problem can
name its file and line."""

from __future__ import annotations

import datetime
import os
import pickle
import re
import sys
from pathlib import Path

import yaml

from .errors import Problem, ReplylintError


class LinedDict(dict):
    """A mapping from YAML with the 1-based line of itself and of each key.
    `key_lines` is None when every key sits on the mapping's own line (a flow
    mapping such as a token pattern `{LOWER: word}`: most of a pack's nodes)."""

    # slots, not a __dict__ per node: a pack tree has tens of thousands of nodes
    __slots__ = ("line", "key_lines")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines = None

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line) if self.key_lines else self.line


class LinedList(list):
    __slots__ = ("line", "item_lines")

    def __init__(self, *args):
        super().__init__(*args)
        self.line = 0
        self.item_lines = []


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading; libyaml's parser when present (about 10x faster: rule packs
    are parsed at every start)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    result = LinedDict()
    result.line = line = node.start_mark.line + 1
    key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "unhashable mapping key", key_node.start_mark
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[_shared(key)] = _shared(loader.construct_object(value_node, deep=True))
        key_lines[key] = key_node.start_mark.line + 1
    if any(key_line != line for key_line in key_lines.values()):
        result.key_lines = key_lines
    return result


def _shared(value):
    """One string object for every occurrence of the same text: a pack repeats the same keys and
    words (LOWER, IN, вы, you…) tens of thousands of times, and the cached tree (a pickle) keeps
    each shared object once, so the loaded packs take a quarter less memory."""
    return sys.intern(value) if type(value) is str else value


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LinedList:
    result = LinedList(_shared(loader.construct_object(child, deep=True)) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


# YAML 1.2 booleans: only true/false. YAML 1.1 also reads yes/no/on/off as
# booleans, which turns words in a phrase or pattern list into True/False.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _LineLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# What a YAML author calls each type load_yaml can return (never our class
# names: LinedDict is "a mapping"). bool before int: True is an int in Python.
_YAML_TYPE_NAMES = (
    (bool, "a boolean"), ((int, float), "a number"), (str, "a string"), (dict, "a mapping"),
    ((list, tuple), "a list"), (type(None), "null"), (bytes, "binary data"), ((set, frozenset), "a set"),
    (datetime.date, "a date"),
)


def yaml_type_name(value) -> str:
    """The YAML name of a value's type, with its article: "a mapping", "a list", "null"..."""
    for types, name in _YAML_TYPE_NAMES:
        if isinstance(value, types):
            return name
    return f"a {type(value).__name__}"  # not produced by load_yaml


def yaml_type_names(expected: type | tuple[type, ...]) -> str:
    """A schema's expected type(s) in YAML terms: "a list", "a string or a list"."""
    names = []
    for cls in expected if isinstance(expected, tuple) else (expected,):
        name = next((name for types, name in _YAML_TYPE_NAMES if issubclass(cls, types)), f"a {cls.__name__}")
        if name not in names:
            names.append(name)
    return " or ".join(names)


def yaml_describe(value) -> str:
    """A value's YAML type, and the value when it is short: "a number (5)", "null", "a mapping"."""
    name = yaml_type_name(value)
    if isinstance(value, (bool, int, float)) or (isinstance(value, str) and len(value) <= 40):
        return f"{name} ({yaml_repr(value)})"
    return name


def yaml_repr(value) -> str:
    """A value as YAML would spell it for a message: 'text', 5, true, null, or
    the type of anything bigger ("a mapping", "a list")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return repr(value)
    return yaml_type_name(value)


def line_of(value, default: int = 0) -> int:
    return getattr(value, "line", default)


def read_text(path: Path | str, error_cls: type[ReplylintError]) -> str:
    """Read a UTF-8 text file, raising a one-line structured error otherwise."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error_cls(Problem(f"cannot read file: {exc.strerror or exc}", str(path))) from None
    return decode_text(data, str(path), error_cls)


def decode_text(data: bytes, name: str, error_cls: type[ReplylintError]) -> str:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise error_cls(Problem("binary data (NUL byte), expected UTF-8 text", name, line))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error_cls(
            Problem(f"invalid UTF-8 at byte {exc.start}, expected UTF-8 text", name, line)
        ) from None
    return text.removeprefix("\ufeff")


# Bump when LinedDict/LinedList (the cached tree's shape) change.
YAML_CACHE_VERSION = 4
# parsed files kept: each pack file and language file has one entry per version of its bytes
YAML_ENTRIES_KEPT = 64
_CACHE_TAG = "replylint-yaml-tree"
_MISS = object()


def yaml_cache_path(data: bytes) -> Path:
    """Where the parsed tree of a file with these bytes is cached."""
    import hashlib

    from . import __version__
    from .cache import cache_dir

    digest = hashlib.sha256(f"{__version__}/{YAML_CACHE_VERSION}".encode() + b"\0" + data).hexdigest()[:32]
    return cache_dir() / "yaml" / f"{digest}.pickle"


def load_yaml_cached(path: Path | str, error_cls: type[ReplylintError]):
    """load_yaml for files read at every start (rule packs): the parsed tree,
    line numbers included, is kept in the cache keyed by the file's bytes.

    The cache is only a speed-up: anything unexpected in it (garbage, a
    truncated or foreign pickle, a tree of the wrong shape, a directory, no
    permission) is a miss, and the file is parsed and the entry rewritten."""
    from .cache import keep_newest, write_atomically

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error_cls(Problem(f"cannot read file: {exc.strerror or exc}", str(path))) from None
    cached = yaml_cache_path(data)
    tree = _read_cached_tree(cached)
    if tree is not _MISS:
        try:
            os.utime(cached)  # read now: the entries least recently read go first (see keep_newest)
        except OSError:
            pass
        return tree
    tree = load_yaml(path, error_cls, decode_text(data, str(path), error_cls))
    envelope = (_CACHE_TAG, YAML_CACHE_VERSION, cached.stem, tree)
    try:
        payload = pickle.dumps(envelope, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, ValueError, RecursionError):
        return tree  # not cacheable: parse it again next time
    write_atomically(cached, payload)
    keep_newest(cached.parent, YAML_ENTRIES_KEPT)
    return tree


def _read_cached_tree(cached: Path):
    """The tree stored at `cached`, or _MISS when it is absent or not exactly what we write."""
    from .cache import read_pickled

    envelope = read_pickled(cached, TreeUnpickler)
    if not (type(envelope) is tuple and len(envelope) == 4
            and envelope[:3] == (_CACHE_TAG, YAML_CACHE_VERSION, cached.stem)):
        return _MISS
    # the envelope names this file's content and our format version, and the
    # unpickler admits only a YAML tree's classes: a deeper walk would cost a
    # tenth of the pack loading that the cache saves
    tree = envelope[3]
    return tree if tree is None or _has_lines(tree) else _MISS


def _has_lines(node) -> bool:
    """A LinedDict or LinedList with its line numbers (checked at the top only)."""
    if type(node) is LinedDict:
        return type(getattr(node, "line", None)) is int and type(getattr(node, "key_lines", 0)) in (dict, type(None))
    if type(node) is LinedList:
        lines = getattr(node, "item_lines", None)
        return type(getattr(node, "line", None)) is int and type(lines) is list and len(lines) == len(node)
    return False


class TreeUnpickler(pickle.Unpickler):
    """Unpickles only what a YAML tree holds: no other class is ever looked up
    (or run), whatever the cache file contains."""

    ALLOWED = {
        (__name__, "LinedDict"): LinedDict,
        (__name__, "LinedList"): LinedList,
        ("datetime", "date"): datetime.date,
        ("datetime", "datetime"): datetime.datetime,
        ("datetime", "timezone"): datetime.timezone,
        ("datetime", "timedelta"): datetime.timedelta,
    }

    def find_class(self, module: str, name: str):
        try:
            return self.ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a YAML tree") from None


def load_yaml(path: Path | str, error_cls: type[ReplylintError], text: str | None = None):
    """Parse one YAML file with line numbers; syntax errors become Problems."""
    path = Path(path)
    if text is None:
        text = read_text(path, error_cls)
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        what, line = _describe_syntax_error(exc, text)
        raise error_cls(Problem(f"invalid YAML: {what}", str(path), line)) from None
    except yaml.YAMLError as exc:
        raise error_cls(Problem(f"invalid YAML: {' '.join(str(exc).split())}", str(path))) from None
    except RecursionError:
        raise error_cls(Problem("invalid YAML: nested too deeply", str(path))) from None


def _describe_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """What went wrong and the most useful line to look at (1-based).

    Usually the line the parser stopped at. But for something opened and never
    closed (a quote, a `[` or `{`) the parser stops where the file ends or where
    the next entry begins, and the line to fix is where it was opened."""
    problem, context = exc.problem or "", exc.context or ""
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    mark = problem_mark or context_mark
    what, line = problem or context or "syntax error", (mark.line + 1 if mark else None)
    last_line = max(len(text.splitlines()), 1)
    if context_mark is not None and problem_mark is not None:
        opened = context_mark.line + 1
        if "quoted scalar" in context and "end of stream" in problem:
            return f"unterminated quoted string (opened here, file ends at line {last_line})", opened
        if "quoted scalar" in context and ("document separator" in problem or "document indicator" in problem):
            return (f"unterminated quoted string (opened here, runs into the document marker "
                    f"at line {problem_mark.line + 1})"), opened
        if context.startswith("while parsing a flow "):
            bracket, closer = ("[", "]") if "sequence" in context else ("{", "}")
            if _nothing_after(text, problem_mark):
                return f"unclosed '{bracket}' (opened here, file ends at line {last_line} without '{closer}')", opened
            if problem_mark.line > context_mark.line:
                if _indent(text, problem_mark.line) <= _indent(text, context_mark.line):
                    return (f"unclosed '{bracket}' (opened here; line {problem_mark.line + 1} starts the next "
                            f"entry before a '{closer}')"), opened
                return f"{what} (in the '{bracket}' opened at line {opened})", line
    if problem_mark is not None:
        quote_line = _multiline_quote_ending_at(text, problem_mark)
        if quote_line is not None:
            return (f"{what} at line {problem_mark.line + 1}, where the quoted string opened here ends "
                    "(missing closing quote?)"), quote_line
    return what, line


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _nothing_after(text: str, mark) -> bool:
    """Is there only whitespace and comments from `mark` to the end of the text?"""
    lines = _lines(text)
    if mark.line >= len(lines):
        return True
    rest = [lines[mark.line][mark.column:]] + lines[mark.line + 1 :]
    return all(not line.strip() or line.lstrip().startswith("#") for line in rest)


def _indent(text: str, line: int) -> int:
    lines = _lines(text)
    if line >= len(lines):
        return 0
    return len(lines[line]) - len(lines[line].lstrip(" -"))


def _multiline_quote_ending_at(text: str, mark) -> int | None:
    """The 1-based opening line of a quoted string that spans lines and ends on
    `mark`'s line just before it: the usual trace of a missing closing quote,
    whose string then ran on to the next quote in the file."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start = token.start_mark
            if (start.line, start.column) >= (mark.line, mark.column):
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                end = token.end_mark
                spans = start.line < end.line == mark.line and end.column <= mark.column
                found = start.line + 1 if spans else None
            else:
                found = None if found is None or token.start_mark.line != mark.line else found
    except (yaml.YAMLError, RecursionError):
        pass
    return found
