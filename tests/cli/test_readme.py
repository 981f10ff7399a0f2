"""The README's command table is the CLI's own help: this test fails when they drift apart."""

from __future__ import annotations

import re
from typing import Any

import typer.main

from cxmap.cli.main import app
from tests.conftest import REPO


def command_rows(commands: dict[str, Any], prefix: str) -> list[str]:
    r"""`| \`cxmap name\` | first help line |` for every leaf command, groups walked into."""
    rows = []
    for name, command in commands.items():
        path = f"{prefix} {name}"
        subcommands = getattr(command, "commands", None)
        if subcommands:
            rows += command_rows(subcommands, path)
        else:
            first_line = (command.help or "").strip().splitlines()[0]
            rows.append(f"| `{path}` | {first_line} |")
    return rows


def test_readme_lists_every_command_with_its_help_line() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- commands.*?-->\n(.*?)<!-- /commands -->", readme, re.S)
    assert section is not None, "README.md lost its <!-- commands --> section"
    listed = sorted(line for line in section.group(1).splitlines() if line.startswith("| `"))
    expected = sorted(command_rows(typer.main.get_group(app).commands, "cxmap"))
    assert listed == expected, "update README.md's command table to:\n" + "\n".join(expected)
