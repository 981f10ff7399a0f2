"""Read a journey file (YAML or JSON) into plain data plus where every value sits in the text.

The location map lets a validation problem at `stages[2].steps[0].emotion` be reported at its
line and column. YAML is composed node by node (not just loaded) so duplicate keys, which
PyYAML would silently collapse, are reported too.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from cxmap.model.errors import InvalidInputError, PathPart, Problem
from cxmap.model.journey import Journey
from cxmap.model.validation import parse_journey

Path = tuple[PathPart, ...]
Position = tuple[int, int]
KEY = "\x00key"  # path suffix under which a mapping key's own position is kept
#: More values than this means aliases multiply the document ("billion laughs"), not a journey.
MAX_VALUES = 1_000_000
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
#: Tabs, YAML-only line breaks and what PyYAML's reader refuses (its NON_PRINTABLE, plus tab).
_NOT_YAML_TEXT = re.compile(
    "[^\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


@dataclass
class ParsedText:
    data: Any
    positions: dict[Path, Position] = field(default_factory=dict)

    def locate(self, problem: Problem) -> Problem:
        """The problem with the line and column of the deepest known part of its path."""
        for cut in range(len(problem.path), -1, -1):
            position = self.positions.get(problem.path[:cut])
            if position is not None:
                line, column = position
                return Problem(problem.path, problem.message, line, column)
        return problem


def _fail(message: str, line: int | None, column: int | None, source: str) -> InvalidInputError:
    return InvalidInputError([Problem((), message, line, column)], source)


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is allowed); anything else is one clear problem."""
    for bom, name in _WIDE_BOMS:  # UTF-32 first: its LE mark starts with UTF-16's.
        if raw.startswith(bom):
            raise _fail(f"{name} text, not UTF-8; save the file as UTF-8", 1, 1, source)
    if b"\x00" in raw[:8192]:  # text files have no zero bytes; UTF-16 and binaries do
        if _looks_like_utf16(raw[:8192]):
            message = "UTF-16 text without a byte-order mark, not UTF-8; save the file as UTF-8"
        else:
            message = "binary data, not a text file"
        raise _fail(message, 1, 1, source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        message = f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
        raise _fail(message, line, column, source) from None
    if "\x00" in text:
        raise _fail("binary data, not a text file", 1, 1, source)
    return text


def _looks_like_utf16(sample: bytes) -> bool:
    """Mostly-ASCII text saved as UTF-16 has a zero byte in (nearly) every other position."""
    even, odd = sample[0::2], sample[1::2]
    return any(
        zeros.count(0) >= 0.9 * len(zeros) and others.count(0) == 0
        for zeros, others in ((even, odd), (odd, even))
    )


def _empty() -> Problem:
    return Problem((), "the file is empty; a journey needs at least 'id' and 'title'", 1, 1)


def _too_deep() -> Problem:
    return Problem((), "values are nested too deeply to be a journey", 1, 1)


# libyaml composes several times faster than the pure-Python parser, with the same marks;
# the pure parser's error messages are the clearer ones, so a failing file is read again by it.
_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, source: str) -> ParsedText:
    """YAML text -> plain data with positions; every problem located, in the pure parser's words."""
    try:
        return _parse_yaml_with(_FAST_LOADER, text, source)
    except InvalidInputError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
        return _parse_yaml_with(yaml.SafeLoader, text, source)


def _parse_yaml_with(loader_class: type[yaml.SafeLoader], text: str, source: str) -> ParsedText:
    if not text.strip():
        raise InvalidInputError([_empty()], source)
    try:
        yaml.reader.Reader(text)  # checks every character at once, naming the first bad one
    except yaml.reader.ReaderError as error:
        raise _unprintable(text, error, source) from None
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None or _is_blank(node):
            raise InvalidInputError([_empty()], source)
        converter = _Converter(loader)
        parsed = ParsedText(converter.convert(node, ()), converter.positions)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        reason = " ".join(p for p in (error.context, error.problem) if p)
        if "'\\t'" in reason:
            reason += "; indent with spaces, not tabs"
        raise _fail(f"YAML syntax error: {reason}", line, column, source) from None
    except RecursionError:
        raise InvalidInputError([_too_deep()], source) from None
    except InvalidInputError as error:  # raised deep inside, where the file name is unknown
        raise InvalidInputError(error.problems, source) from None
    finally:
        loader.dispose()
    if converter.problems:
        raise InvalidInputError(converter.problems, source)
    return parsed


def _unprintable(text: str, error: yaml.reader.ReaderError, source: str) -> InvalidInputError:
    where = error.position
    line = text.count("\n", 0, where) + 1
    column = where - (text.rfind("\n", 0, where) + 1) + 1
    message = f"character U+{error.character:04X} is not allowed in YAML; remove it"
    return _fail(message, line, column, source)


def _is_blank(node: yaml.Node) -> bool:
    """A document with nothing after its `---` marker (but not an explicit `null`)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG and node.value == ""


def _at(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    """Composed YAML nodes -> plain data, noting positions and what `yaml.safe_load` hides."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.positions: dict[Path, Position] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.open_nodes: set[int] = set()  # ids of the nodes being converted (alias cycles)
        self.merged: dict[int, int] = {}  # mapping node id -> number of pairs from `<<:` merges

    def convert(self, node: yaml.Node, path: Path) -> Any:
        self.positions[path] = _at(node)
        self.count += 1
        if self.count > MAX_VALUES:
            message = f"more than {MAX_VALUES:,} values; are aliases (*name) repeated too much?"
            raise InvalidInputError([Problem((), message, *_at(node))])
        if id(node) in self.open_nodes:
            self.problems.append(Problem(path, "an alias (*name) refers to itself", *_at(node)))
            return None
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            return self._scalar(node, path)
        if node.tag not in _PLAIN_TAGS:  # e.g. !!python/object: never constructed
            self.problems.append(Problem(path, f"YAML tag '{node.tag}' is not allowed", *_at(node)))
            return None
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
            return self._mapping(node, path)
        finally:
            self.open_nodes.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        if id(node) not in self.merged:
            own = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE_TAG)
            self.loader.flatten_mapping(node)
            self.merged[id(node)] = len(node.value) - own
        merged = self.merged[id(node)]
        result: dict[str, Any] = {}
        own_keys: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            key = self._key(key_node, path)
            if key is None:
                continue
            child: Path = (*path, key)
            if index >= merged:  # a key written here may override a merged one, once
                if key in own_keys:
                    message = f"duplicate key '{key}'; each key may appear once"
                    self.problems.append(Problem(child, message, *_at(key_node)))
                    continue
                own_keys.add(key)
            # An unknown key is best reported at the key itself, not at its value.
            self.positions[(*child, KEY)] = _at(key_node)
            result[key] = self.convert(value_node, child)
        return result

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError as error:  # e.g. an integer of more than 4300 digits
            self.problems.append(Problem(path, f"cannot read this value: {error}", *_at(node)))
            return None

    def _key(self, key_node: yaml.Node, path: Path) -> str | None:
        if isinstance(key_node, yaml.ScalarNode):
            known = len(self.problems)
            key = self._scalar(key_node, path)
            if isinstance(key, str) or len(self.problems) > known:
                return key if isinstance(key, str) else None
            message = f"key '{key_node.value}' must be text; put it in quotes"
        else:
            message = "a key must be plain text, not a list or a mapping"
        self.problems.append(Problem(path, message, *_at(key_node)))
        return None


def parse_json(text: str, source: str) -> ParsedText:
    if not text.strip():
        raise InvalidInputError([_empty()], source)

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"duplicate key '{key}'; each key may appear once")
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        message = f"JSON syntax error: {error.msg}"
        raise _fail(message, error.lineno, error.colno, source) from None
    except RecursionError:
        raise InvalidInputError([_too_deep()], source) from None
    except ValueError as error:
        _json_as_yaml(text, source)  # names the line of a duplicate key, when it can
        raise _fail(str(error), None, None, source) from None
    return ParsedText(data, _json_as_yaml(text, source).positions)


def _json_as_yaml(text: str, source: str) -> ParsedText:
    """JSON is YAML's flow style: the YAML composer gives positions (or a located problem).

    JSON allows tabs between tokens where YAML does not, and allows characters inside strings
    that YAML refuses or counts as line breaks. None of them can change the JSON's structure,
    so each is swapped for a space, which keeps every line and column.
    """
    try:
        return parse_yaml(_NOT_YAML_TEXT.sub(" ", text), source)
    except InvalidInputError as error:
        if any(p.message.startswith("duplicate key") for p in error.problems):
            raise
        return ParsedText(None)


def parse_text(raw: bytes, source: str) -> ParsedText:
    """Bytes of a `.json` file (by name) or YAML file -> plain data and positions."""
    text = decode(raw, source)
    is_json = source.lower().endswith(".json")
    return parse_json(text, source) if is_json else parse_yaml(text, source)


def load_located_journey(raw: bytes, source: str) -> tuple[Journey, ParsedText]:
    """A valid `Journey` and where its values sit in the text, or every problem, located."""
    parsed = parse_text(raw, source)
    try:
        return parse_journey(parsed.data, source), parsed
    except InvalidInputError as error:
        located = sorted(
            (_locate(parsed, problem) for problem in error.problems),
            key=lambda p: (p.line or 0, p.column or 0),
        )
        raise InvalidInputError(located, source) from None


def load_journey_text(raw: bytes, source: str) -> Journey:
    """Bytes of a `.yaml`/`.yml`/`.json` journey -> a valid `Journey`, or every problem."""
    return load_located_journey(raw, source)[0]


def _locate(parsed: ParsedText, problem: Problem) -> Problem:
    if problem.message.startswith("unknown key"):
        key_position = parsed.positions.get((*problem.path, KEY))
        if key_position is not None:
            return Problem(problem.path, problem.message, *key_position)
    return parsed.locate(problem)
