"""XES event logs (IEEE 1849), plain or gzipped, read with the standard library's XML parser.

The reader keeps what the file says, typed (string, date, int, float, boolean, id, list,
container, and attributes nested inside others), without judging it: missing activities
or times are for `xes_events` to report, with the line this reader records for every trace
and event. It is namespace-agnostic (files in the wild use no namespace, the standard one,
or a mangled one) and reads line by line so each element's line is known and memory stays
flat: a finished event is turned into plain objects and its XML dropped.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BufferedIOBase
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from cxmap.model.errors import InvalidInputError, NotFoundError, Problem

Value = str | int | float | bool | None
SCALARS = {"string", "date", "int", "float", "boolean", "id", "long", "double"}
CONTAINERS = {"list", "container"}
_CONCEPT = "http://www.xes-standard.org/concept.xesext"
_TIME = "http://www.xes-standard.org/time.xesext"
_LIFECYCLE = "http://www.xes-standard.org/lifecycle.xesext"


@dataclass(frozen=True)
class XesAttribute:
    """One typed attribute; `text` is the value as written, `value` as its type reads it."""

    key: str
    kind: str
    text: str
    value: Value
    children: tuple[XesAttribute, ...] = ()


Attributes = dict[str, XesAttribute]


@dataclass(frozen=True)
class XesExtension:
    name: str
    prefix: str
    uri: str


@dataclass(frozen=True)
class XesClassifier:
    name: str
    keys: str
    scope: str | None


@dataclass
class XesEvent:
    line: int
    attributes: Attributes


@dataclass
class XesTrace:
    line: int
    attributes: Attributes
    events: list[XesEvent] = field(default_factory=list)


@dataclass
class XesLog:
    namespace: str | None = None
    version: str | None = None
    extensions: list[XesExtension] = field(default_factory=list)
    globals: dict[str, list[XesAttribute]] = field(default_factory=dict)
    classifiers: list[XesClassifier] = field(default_factory=list)
    attributes: Attributes = field(default_factory=dict)
    traces: list[XesTrace] = field(default_factory=list)
    stray_events: list[XesEvent] = field(default_factory=list)

    def _prefix(self, uri: str, name: str, default: str) -> str:
        for extension in self.extensions:
            if extension.uri.rstrip("/").lower() == uri or extension.name == name:
                return extension.prefix
        return default

    @property
    def activity_key(self) -> str:
        """`<prefix>:name` for the prefix the file declares for the Concept extension."""
        return f"{self._prefix(_CONCEPT, 'Concept', 'concept')}:name"

    @property
    def timestamp_key(self) -> str:
        return f"{self._prefix(_TIME, 'Time', 'time')}:timestamp"

    @property
    def lifecycle_key(self) -> str:
        return f"{self._prefix(_LIFECYCLE, 'Lifecycle', 'lifecycle')}:transition"

    def global_defaults(self, scope: str) -> Attributes:
        return {attribute.key: attribute for attribute in self.globals.get(scope, [])}


def _split(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return None, tag


def _typed(kind: str, text: str) -> Value:
    try:
        if kind in ("int", "long"):
            return int(text)
        if kind in ("float", "double"):
            return float(text)
    except ValueError:
        return text
    if kind == "boolean":
        return text.strip().lower() in ("true", "1")
    if kind in CONTAINERS:
        return None
    return text


def attribute_of(element: Element) -> XesAttribute | None:
    """The attribute an XML element spells, with nested ones; None for other elements."""
    kind = _split(element.tag)[1]
    if kind not in SCALARS and kind not in CONTAINERS:
        return None
    children: list[XesAttribute] = []
    for child in element:
        if _split(child.tag)[1] == "values":  # XES 2.0 wraps list items in <values>
            children.extend(a for c in child if (a := attribute_of(c)) is not None)
        elif (nested := attribute_of(child)) is not None:
            children.append(nested)
    text = element.get("value", "")
    return XesAttribute(element.get("key", ""), kind, text, _typed(kind, text), tuple(children))


def _attributes(element: Element) -> Attributes:
    attributes: Attributes = {}
    for child in element:
        attribute = attribute_of(child)
        if attribute is not None:
            attributes[attribute.key] = attribute
    return attributes


def _open(path: Path) -> BufferedIOBase:
    try:
        stream: BufferedIOBase = path.open("rb")
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise NotFoundError(f"{path}: is a folder, not a file") from None
    if stream.read(2) == b"\x1f\x8b":
        stream.close()
        return gzip.GzipFile(path, "rb")
    stream.seek(0)
    return stream


def _lines(path: Path) -> Iterator[bytes]:
    with _open(path) as stream:
        try:
            yield from stream
        except (OSError, EOFError) as error:
            message = f"cannot decompress: {error}"
            raise InvalidInputError([Problem((), message)], str(path)) from None


def read_xes(path: Path) -> XesLog:
    """Every trace and event of an XES file, or an `InvalidInputError` at the broken line."""
    reader = _XesBuilder()
    parser = XMLPullParser(events=("start", "end"))
    try:
        for number, line in enumerate(_lines(path), start=1):
            parser.feed(line)
            reader.consume(parser.read_events(), number)
        parser.close()
        reader.consume(parser.read_events(), -1)
    except _NotXesError as error:
        raise InvalidInputError([Problem((), error.args[0], error.line)], str(path)) from None
    except ParseError as error:
        line_number, column = error.position
        reason = str(error).split(": line ")[0]
        problem = Problem((), f"XML not well-formed: {reason}", line_number, column + 1)
        raise InvalidInputError([problem], str(path)) from None
    if reader.log is None:
        raise InvalidInputError([Problem((), "not an XES file: no <log> element", 1)], str(path))
    return reader.log


class _NotXesError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _XesBuilder:
    """Turns parser events into an `XesLog`; depth 1 is <log>, 2 its children, and so on."""

    def __init__(self) -> None:
        self.log: XesLog | None = None
        self.stack: list[Element] = []
        self.lines: list[int] = []
        self.trace: XesTrace | None = None

    def consume(self, events: Iterator[tuple[Any, ...]], line: int) -> None:
        for kind, item in events:
            assert isinstance(item, Element)
            if kind == "start":
                self._start(item, line)
            else:
                self._end(item)

    def _start(self, element: Element, line: int) -> None:
        namespace, local = _split(element.tag)
        if not self.stack:
            if local != "log":
                raise _NotXesError(
                    f"not an XES file: the root element is <{local}>, not <log>", line
                )
            version = element.get("xes.version") or element.get("version")
            self.log = XesLog(namespace=namespace, version=version)
        elif local == "trace" and len(self.stack) == 1:
            self.trace = XesTrace(line, {})
        self.stack.append(element)
        self.lines.append(line)

    def _end(self, element: Element) -> None:
        self.stack.pop()
        line = self.lines.pop()
        local = _split(element.tag)[1]
        depth = len(self.stack)
        log = self.log
        assert log is not None
        if local == "event" and depth in (1, 2):
            event = XesEvent(line, _attributes(element))
            if depth == 2 and self.trace is not None:
                self.trace.events.append(event)
            else:
                log.stray_events.append(event)
            element.clear()
        elif depth == 1:
            self._log_child(log, local, element)
            self.stack[0].remove(element)

    def _log_child(self, log: XesLog, local: str, element: Element) -> None:
        if local == "trace" and self.trace is not None:
            self.trace.attributes = _attributes(element)
            log.traces.append(self.trace)
            self.trace = None
        elif local == "extension":
            log.extensions.append(
                XesExtension(
                    element.get("name", ""), element.get("prefix", ""), element.get("uri", "")
                )
            )
        elif local == "global":
            scope = element.get("scope") or "event"
            log.globals.setdefault(scope, []).extend(_attributes(element).values())
        elif local == "classifier":
            log.classifiers.append(
                XesClassifier(
                    element.get("name", ""), element.get("keys", ""), element.get("scope")
                )
            )
        elif (attribute := attribute_of(element)) is not None:
            log.attributes[attribute.key] = attribute
