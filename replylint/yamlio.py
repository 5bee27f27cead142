"""YAML reading that remembers line numbers, so every config problem can
name its file and line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import Problem, ReplylintError


class LinedDict(dict):
    """A mapping from YAML with the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LinedList(list):
    line: int = 0
    item_lines: list


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading; libyaml's parser when present (about 10x faster: rule packs
    are parsed at every start)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    result = LinedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
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
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LinedList:
    result = LinedList(loader.construct_object(child, deep=True) for child in node.value)
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


YAML_CACHE_VERSION = 1


def load_yaml_cached(path: Path | str, error_cls: type[ReplylintError]):
    """load_yaml for files read at every start (rule packs): the parsed tree,
    line numbers included, is kept in the cache keyed by the file's bytes."""
    import hashlib
    import pickle

    from . import __version__
    from .cache import cache_dir, write_atomically

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error_cls(Problem(f"cannot read file: {exc.strerror or exc}", str(path))) from None
    # the tree's shape is this module's: bump YAML_CACHE_VERSION when LinedDict/LinedList change
    digest = hashlib.sha256(f"{__version__}/{YAML_CACHE_VERSION}".encode() + b"\0" + data).hexdigest()[:32]
    cached = cache_dir() / "yaml" / f"{digest}.pickle"
    try:
        return pickle.loads(cached.read_bytes())  # noqa: S301 - our own cache, keyed by content
    except Exception:  # noqa: BLE001 - missing or unreadable: parse the file
        pass
    tree = load_yaml(path, error_cls, decode_text(data, str(path), error_cls))
    write_atomically(cached, pickle.dumps(tree, protocol=pickle.HIGHEST_PROTOCOL))
    return tree


def load_yaml(path: Path | str, error_cls: type[ReplylintError], text: str | None = None):
    """Parse one YAML file with line numbers; syntax errors become Problems."""
    path = Path(path)
    if text is None:
        text = read_text(path, error_cls)
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise error_cls(Problem(f"invalid YAML: {what}", str(path), line)) from None
    except yaml.YAMLError as exc:
        raise error_cls(Problem(f"invalid YAML: {' '.join(str(exc).split())}", str(path))) from None
    except RecursionError:
        raise error_cls(Problem("invalid YAML: nested too deeply", str(path))) from None
