"""Read a Mermaid `journey` diagram, as Mermaid reads it, but strictly.

Valid diagrams give exactly what Mermaid's own grammar (`journey.jison`) and `journeyDb.js`
give, texts untrimmed where Mermaid leaves them untrimmed (see `MANIFEST.md`, section
`mermaid_journeys/`). Mermaid's lexer tries a fixed list of rules at the start of each token
and nearly every token runs to the end of its line, so a hand-written line reader follows it
closely. Where Mermaid quietly accepts nonsense (a score of NaN, 0 or 7, a third `:` field
whose people it drops, a blank `title`) this reader refuses, naming the line: a journey map
built on a silently wrong score would mislead the team that reads it.

Deliberate simplifications: every line starting with `%%` is a comment (Mermaid's directives
`%%{...}%%` included, which cxmap ignores); front matter is read as YAML 1.1 (`yes` is true),
where Mermaid uses the JSON schema; Mermaid's HTML clean-up of attribute quotes is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from cxmap.ingest.journey_file import decode
from cxmap.model.errors import InvalidInputError, PathPart, Problem
from cxmap.model.mermaid import (
    COMMENT_START,
    JS_SPACE,
    JS_WHITESPACE,
    MermaidJourney,
    MermaidSection,
    MermaidTask,
)

_FLAGS = re.IGNORECASE | re.ASCII
_HEADER = re.compile(rf"{JS_SPACE}*journey(?![A-Za-z0-9_])", _FLAGS)
_JOURNEY = re.compile(r"journey(?![A-Za-z0-9_])", _FLAGS)
_TITLE = re.compile(rf"title{JS_SPACE}([^#\n;]+)", _FLAGS)
_SECTION = re.compile(rf"section{JS_SPACE}([^#:\n;]+)", _FLAGS)
_BARE_KEYWORD = re.compile(rf"(title|section)(?:{JS_SPACE}|$)", _FLAGS)
_ACC_TITLE = re.compile(rf"accTitle{JS_SPACE}*:", _FLAGS)
_ACC_DESCR = re.compile(rf"accDescr{JS_SPACE}*:", _FLAGS)
_ACC_DESCR_BLOCK = re.compile(rf"accDescr{JS_SPACE}*\{{", _FLAGS)
_TASK_NAME = re.compile(r"[^#:\n;]+")
_TASK_DATA = re.compile(r":([^#\n;]*)")
_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")
_RADIX = re.compile(r"0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")
_TASK_FORM = "`name: score: person, person` with a score from 1 to 5"

Path = tuple[PathPart, ...]


def load_mermaid(raw: bytes, source: str) -> MermaidJourney:
    """Bytes of a `.mmd` file -> the diagram, or every problem with its line."""
    return parse_mermaid(decode(raw, source), source)


def parse_mermaid(text: str, source: str | None = None) -> MermaidJourney:
    """Mermaid text -> the diagram; `InvalidInputError` names the line of each problem."""
    if not text.strip(JS_WHITESPACE):
        message = "the input is empty; a Mermaid journey starts with the line `journey`"
        raise InvalidInputError([Problem((), message, 1, 1)], source)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return _Reader(lines, source).read()


def js_number(text: str) -> float | None:
    """JavaScript's `Number(text)` for a trimmed, non-blank text; None where it gives NaN."""
    if _DECIMAL.fullmatch(text):
        return float(text)
    if _RADIX.fullmatch(text):
        return float(int(text, 0))
    return None


def _is_comment_line(line: str) -> bool:
    """Mermaid drops these lines before it parses (`%%` comments and directives)."""
    return line.lstrip(JS_WHITESPACE).startswith("%%")


def _skip_blanks(line: str, pos: int) -> int:
    return len(line) - len(line[pos:].lstrip(JS_WHITESPACE))


@dataclass
class _Section:
    name: str
    tasks: list[MermaidTask] = field(default_factory=list)
    task_lines: int = 0  # tasks seen, good or bad, so a problem's path points at its task


class _Reader:
    """One pass over the lines; problems are collected so every bad line is reported."""

    def __init__(self, lines: list[str], source: str | None) -> None:
        self.lines = lines
        self.source = source
        self.next_index = 0
        self.problems: list[Problem] = []
        self.title: str | None = None
        self.front_title: str | None = None
        self.config: dict[str, Any] | None = None
        self.acc_title: str | None = None
        self.acc_descr: str | None = None
        self.sections: list[_Section] = []

    def read(self) -> MermaidJourney:
        start = self._front_matter()
        header_index, header_end = self._header(start)
        self.next_index = header_index + 1
        self._statement(header_index, header_end)
        while self.next_index < len(self.lines):
            index = self.next_index
            self.next_index += 1
            if not _is_comment_line(self.lines[index]):
                self._statement(index, 0)
        if self.problems:
            raise InvalidInputError(self.problems, self.source)
        return MermaidJourney(
            title=self.title if self.title is not None else self.front_title,
            acc_title=self.acc_title,
            acc_descr=self.acc_descr,
            frontmatter_config=self.config,
            sections=[MermaidSection(name=s.name, tasks=s.tasks) for s in self.sections],
        )

    def _fail(self, path: Path, message: str, index: int, pos: int = 0) -> None:
        self.problems.append(Problem(path, message, index + 1, pos + 1))

    def _stop(self, path: Path, message: str, index: int, pos: int = 0) -> InvalidInputError:
        return InvalidInputError([Problem(path, message, index + 1, pos + 1)], self.source)

    def _front_matter(self) -> int:
        """Index of the first line after a `---` ... `---` YAML block on line 1 (else 0)."""
        if self.lines[0].rstrip(JS_WHITESPACE) != "---":
            return 0
        for index in range(1, len(self.lines)):
            if self.lines[index].rstrip(JS_WHITESPACE) == "---":
                self._read_front_matter("\n".join(self.lines[1:index]))
                return index + 1
        message = "the front matter opened by '---' on line 1 is never closed with '---'"
        raise self._stop(("frontmatter",), message, 0)

    def _read_front_matter(self, text: str) -> None:
        try:
            data = yaml.safe_load(text)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column) if mark else (1, 0)
            message = f"front matter is not valid YAML: {error.problem or error}"
            raise self._stop(("frontmatter",), message, line, column) from None
        if not isinstance(data, dict):
            return  # Mermaid ignores front matter that is not a mapping
        title, config = data.get("title"), data.get("config")
        if title:
            if not isinstance(title, str | int | float):
                raise self._stop(("frontmatter", "title"), "must be text", 1)
            self.front_title = str(title).lower() if isinstance(title, bool) else str(title)
        if config:
            if not isinstance(config, dict):
                raise self._stop(("frontmatter", "config"), "must be a mapping", 1)
            self.config = config

    def _header(self, start: int) -> tuple[int, int]:
        """Line index of the `journey` header and where on that line it ends."""
        for index in range(start, len(self.lines)):
            line = self.lines[index]
            if not line.strip(JS_WHITESPACE) or _is_comment_line(line):
                continue
            match = _HEADER.match(line)
            if match:
                return index, match.end()
            found = line.strip(JS_WHITESPACE)
            message = f"a Mermaid journey must start with the keyword `journey`, not '{found}'"
            raise self._stop(("journey",), message, index, _skip_blanks(line, 0))
        message = "a Mermaid journey must start with the keyword `journey`; there is none"
        raise self._stop(("journey",), message, min(start, len(self.lines) - 1))

    def _statement(self, index: int, pos: int) -> None:
        """One statement starting at `pos`, tried in the order of Mermaid's lexer rules."""
        line = self.lines[index]
        pos = _skip_blanks(line, pos)
        rest = line[pos:]
        if not rest or rest.startswith("#") or COMMENT_START.match(rest):
            return
        if rest[0] in ";:":
            self._unexpected((), index, pos)
        elif _JOURNEY.match(rest):
            message = (
                f"a task name cannot start with the keyword `journey` ('{rest.rstrip()}'); "
                "`journey` only opens the diagram, so rename the task"
            )
            self._fail(("journey",), message, index, pos)
        elif match := _TITLE.match(rest):
            self.title = match.group(1)
            self._end(("title",), index, pos + match.end())
        elif match := _ACC_TITLE.match(rest):
            self.acc_title = self._value(("accTitle",), index, pos + match.end())
        elif match := _ACC_DESCR.match(rest):
            self.acc_descr = self._value(("accDescr",), index, pos + match.end())
        elif match := _ACC_DESCR_BLOCK.match(rest):
            self._description_block(index, pos + match.end())
        elif match := _SECTION.match(rest):
            self.sections.append(_Section(match.group(1)))
            path: Path = ("sections", len(self.sections) - 1, "name")
            self._end(path, index, pos + match.end())
        elif match := _BARE_KEYWORD.match(rest):
            keyword = match.group(1).lower()
            path = ("title",) if keyword == "title" else ("sections", len(self.sections), "name")
            self._fail(path, f"`{keyword}` needs a text after it on the same line", index, pos)
        else:
            self._task(index, pos)

    def _unexpected(self, path: Path, index: int, pos: int) -> None:
        char = self.lines[index][pos]
        hint = (
            "Mermaid does not separate statements with ';', put each on its own line"
            if char == ";"
            else f"a task needs a name before ':'; write {_TASK_FORM}"
        )
        self._fail(path, f"unexpected '{char}': {hint}", index, pos)

    def _end(self, path: Path, index: int, end: int) -> None:
        """What may follow a statement on its line: nothing or a `#` comment."""
        line = self.lines[index]
        if end >= len(line) or line[end] == "#":
            return
        if line[end] == ":" and path[-1:] == ("name",):
            message = (
                f"a section name cannot contain ':' ('{line[_skip_blanks(line, 0) :]}'); "
                "use another character, such as ' - '"
            )
            self._fail(path, message, index, end)
        else:
            self._unexpected(path, index, end)

    def _value(self, path: Path, index: int, pos: int) -> str | None:
        """The rest of the line after `accTitle:` / `accDescr:`, where `#` and `;` are text."""
        value = self.lines[index][pos:].strip(JS_WHITESPACE)
        if not value:
            self._fail(path, f"`{path[0]}:` needs a text after it on the same line", index, pos)
            return None
        return value

    def _description_block(self, index: int, pos: int) -> None:
        """`accDescr { ... }` over several lines; the line goes on after the `}`."""
        parts: list[str] = []
        current, start = index, pos
        while current < len(self.lines):
            line = self.lines[current]
            close = line.find("}", start)
            if close >= 0:
                parts.append(line[start:close])
                trimmed = "\n".join(parts).strip(JS_WHITESPACE)
                self.acc_descr = re.sub(rf"\n{JS_SPACE}+", "\n", trimmed)
                self.next_index = current + 1
                self._statement(current, close + 1)
                return
            if current == index or not _is_comment_line(line):
                parts.append(line[start:])
            current, start = current + 1, 0
        self._fail(("accDescr",), "`accDescr {` is never closed with '}'", index, pos - 1)
        self.next_index = len(self.lines)

    def _task(self, index: int, pos: int) -> None:
        """`name: score: person, person`, with Mermaid's `Number()` reading of the score."""
        if not self.sections:
            self.sections.append(_Section(""))  # tasks before any `section` (Mermaid's "")
        section = self.sections[-1]
        path: Path = ("sections", len(self.sections) - 1, "tasks", section.task_lines)
        section.task_lines += 1
        line = self.lines[index]
        name_match = _TASK_NAME.match(line, pos)
        assert name_match is not None  # _statement only sends lines that start with a name
        name, colon = name_match.group(), name_match.end()
        shown = name.rstrip(JS_WHITESPACE)
        data = _TASK_DATA.match(line, colon)
        if data is None or not data.group(1):
            after = "nothing after ':'" if data else "no ':'"
            if line.startswith("#", colon):
                after = "'#' starts a comment"
            message = f"task '{shown}' has no score ({after}); write {_TASK_FORM}"
            self._fail((*path, "score"), message, index, colon)
            return
        self._end(path, index, data.end())
        task = self._task_fields(path, shown, name, data.group(1), index, colon + 1)
        if task is not None:
            section.tasks.append(task)

    def _task_fields(
        self, path: Path, shown: str, name: str, data: str, index: int, pos: int
    ) -> MermaidTask | None:
        fields = data.split(":")
        text = fields[0].strip(JS_WHITESPACE)
        at = pos + _skip_blanks(fields[0], 0)
        score = js_number(text) if text else None
        if not text:
            message = f"task '{shown}' has no score (it is blank); write {_TASK_FORM}"
        elif score is None:
            message = f"score '{text}' of task '{shown}' is not a number; use a number from 1 to 5"
        elif not 1 <= score <= 5:
            message = f"score {text} of task '{shown}' must be between 1 and 5"
        elif len(fields) > 2:
            at = pos + len(fields[0]) + len(fields[1]) + 1
            message = (
                f"task '{shown}' has a third ':' field (':{fields[2]}'), which Mermaid would "
                f"silently drop; write {_TASK_FORM}"
            )
            self._fail((*path, "people"), message, index, at)
            return None
        else:
            people = [] if len(fields) == 1 else fields[1].split(",")
            return MermaidTask(
                task=name, score=score, people=[p.strip(JS_WHITESPACE) for p in people]
            )
        self._fail((*path, "score"), message, index, at)
        return None
