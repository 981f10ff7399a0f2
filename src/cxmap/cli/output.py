"""How the CLI talks to people: Rich consoles and the one-line-per-problem error contract."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape

from cxmap.model.errors import CxmapError, InvalidInputError

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


def print_error_lines(error: CxmapError) -> None:
    lines = error.lines() if isinstance(error, InvalidInputError) else [str(error)]
    for line in lines:
        err.print(f"[red]error:[/red] {escape(line)}")


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn any cxmap error into one line per problem on stderr and exit code 1."""
    try:
        yield
    except CxmapError as error:
        print_error_lines(error)
        raise typer.Exit(1) from None
