"""One exception hierarchy for the whole package.

Every layer raises these so the CLI can print one line per problem (exit 1) and the API can
answer problem+json, without either knowing where the problem came from.
"""

from __future__ import annotations

from dataclasses import dataclass

PathPart = str | int


def format_path(path: tuple[PathPart, ...]) -> str:
    """`("stages", 2, "steps", 0, "emotion")` -> `stages[2].steps[0].emotion`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(document)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located by its path and, when known, line and column."""

    path: tuple[PathPart, ...]
    message: str
    line: int | None = None
    column: int | None = None

    @property
    def dotted_path(self) -> str:
        return format_path(self.path)

    def describe(self, source: str | None = None) -> str:
        """`file:line:column: path: message`, leaving out the parts that are unknown."""
        where = [str(p) for p in (source, self.line, self.column) if p is not None]
        prefix = ":".join(where)
        body = f"{self.dotted_path}: {self.message}"
        return f"{prefix}: {body}" if prefix else body


class CxmapError(Exception):
    """Base of every error cxmap raises on purpose."""


class InvalidInputError(CxmapError):
    """The input (a file, a request body) is not acceptable; nothing was changed."""

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [problem.describe(self.source) for problem in self.problems]


class NotFoundError(CxmapError):
    """A referenced thing (file, journey, step) does not exist."""


class AlreadyExistsError(CxmapError):
    """Creating something that is already there (a file, an id) without being told to replace it."""


class ConflictError(CxmapError):
    """A write based on a version that is no longer current; nothing was changed.

    It carries the current version so a client can fetch it, merge and try again (the API
    answers 409/412 with it), instead of silently overwriting someone else's change.
    """

    def __init__(self, message: str, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(message)


class AuthenticationError(CxmapError):
    """Who is asking is unknown: no credentials, or wrong, expired or revoked ones."""


class PermissionDeniedError(CxmapError):
    """The caller is known and may see the thing, but their role does not allow this change."""


class RateLimitedError(CxmapError):
    """Too many attempts (logins, say) in a short time; try again after `retry_after_s`."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(message)


class TooLargeError(InvalidInputError):
    """An input over a size limit (an upload, a request body); the API answers 413."""

    def __init__(self, what: str, limit: int) -> None:
        self.limit = limit
        super().__init__([Problem((what,), f"is larger than the limit of {limit} bytes")])
