"""Read a journey file (YAML or JSON) into plain data plus where every value sits in the text.

The location map lets a validation problem at `stages[2].steps[0].emotion` be reported at its
line and column. YAML is composed node by node (not just loaded) so duplicate keys, which
PyYAML would silently collapse, are reported too.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml

from cxmap.model.errors import InvalidInputError, PathPart, Problem
from cxmap.model.journey import Journey
from cxmap.model.validation import parse_journey

Path = tuple[PathPart, ...]
Position = tuple[int, int]
KEY = "\x00key"  # path suffix under which a mapping key's own position is kept


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


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is allowed); anything else is one clear problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        message = f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
        raise InvalidInputError([Problem((), message, line, column)], source) from None
    if "\x00" in text:
        raise InvalidInputError([Problem((), "binary data, not a text file", 1, 1)], source)
    return text


def parse_yaml(text: str, source: str) -> ParsedText:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InvalidInputError([_empty()], source)
        parsed = ParsedText(None)
        problems: list[Problem] = []
        parsed.data = _convert(loader, node, (), parsed.positions, problems)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        reason = " ".join(p for p in (error.context, error.problem) if p)
        problem = Problem((), f"YAML syntax error: {reason}", line, column)
        raise InvalidInputError([problem], source) from None
    finally:
        loader.dispose()
    if problems:
        raise InvalidInputError(problems, source)
    return parsed


def _empty() -> Problem:
    return Problem((), "the file is empty; a journey needs at least 'id' and 'title'", 1, 1)


def _convert(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: Path,
    positions: dict[Path, Position],
    problems: list[Problem],
) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                mark = key_node.start_mark
                problems.append(
                    Problem(path, "a key must be plain text", mark.line + 1, mark.column + 1)
                )
                continue
            child: Path = (*path, key if isinstance(key, str | int) else str(key))
            if key in result:
                mark = key_node.start_mark
                message = f"duplicate key '{key}'; each key may appear once"
                problems.append(Problem(child, message, mark.line + 1, mark.column + 1))
                continue
            # An unknown key is best reported at the key itself, not at its value.
            key_mark = key_node.start_mark
            positions[(*child, KEY)] = (key_mark.line + 1, key_mark.column + 1)
            result[key] = _convert(loader, value_node, child, positions, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(loader, item, (*path, index), positions, problems)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


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
        problem = Problem((), f"JSON syntax error: {error.msg}", error.lineno, error.colno)
        raise InvalidInputError([problem], source) from None
    except ValueError as error:
        raise InvalidInputError([Problem((), str(error))], source) from None
    positions: dict[Path, Position] = {}
    try:  # JSON is YAML's flow style: reuse the YAML composer only for positions.
        positions = parse_yaml(text, source).positions
    except InvalidInputError:
        positions = {}
    return ParsedText(data, positions)


def load_journey_text(raw: bytes, source: str) -> Journey:
    """Bytes of a `.yaml`/`.yml`/`.json` journey -> a valid `Journey`, or every problem."""
    text = decode(raw, source)
    is_json = source.lower().endswith(".json")
    parsed = parse_json(text, source) if is_json else parse_yaml(text, source)
    if parsed.data is None:
        raise InvalidInputError([_empty()], source)
    try:
        return parse_journey(parsed.data, source)
    except InvalidInputError as error:
        located = sorted(
            (_locate(parsed, problem) for problem in error.problems),
            key=lambda p: (p.line or 0, p.column or 0),
        )
        raise InvalidInputError(located, source) from None


def _locate(parsed: ParsedText, problem: Problem) -> Problem:
    if problem.message.startswith("unknown key"):
        key_position = parsed.positions.get((*problem.path, KEY))
        if key_position is not None:
            return Problem(problem.path, problem.message, *key_position)
    return parsed.locate(problem)
