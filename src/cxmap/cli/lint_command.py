"""Placeholder registration; the commands of this group are added by their own change."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this group's commands to `app`."""
