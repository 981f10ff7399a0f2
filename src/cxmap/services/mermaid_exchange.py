"""Mermaid `journey` diagrams in and out of cxmap: `cxmap import mermaid` and `cxmap export`.

Import writes the journey file atomically and only after the whole diagram has been read, so
a bad diagram leaves nothing behind. Export reads a journey file (or a `.mmd` diagram) and
gives Mermaid, YAML or JSON text.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from cxmap.ingest.mermaid import load_mermaid
from cxmap.model.errors import AlreadyExistsError, InvalidInputError, Problem
from cxmap.model.journey import Journey
from cxmap.model.mermaid import MermaidJourney, mermaid_to_journey
from cxmap.render.mermaid import journey_to_mermaid_text
from cxmap.services.journey_files import (
    JOURNEY_SUFFIXES,
    journey_text,
    load_journey,
    read_bytes,
    save_journey,
    write_atomically,
)

MERMAID_SUFFIXES = (".mmd", ".mermaid")


class ExportFormat(StrEnum):
    MERMAID = "mermaid"
    YAML = "yaml"
    JSON = "json"


def read_mermaid(path: Path) -> MermaidJourney:
    return load_mermaid(read_bytes(path), str(path))


def load_any_journey(path: Path) -> Journey:
    """A journey from a journey file, or from a Mermaid diagram when the name says so."""
    if path.suffix.lower() in MERMAID_SUFFIXES:
        return mermaid_to_journey(read_mermaid(path))
    return load_journey(path)


def import_mermaid(source: Path, target: Path, *, force: bool = False) -> Journey:
    """Read the diagram in `source`, write it as a journey file (YAML or JSON by suffix)."""
    if target.suffix.lower() not in JOURNEY_SUFFIXES:
        message = f"'{target}' must end in {', '.join(JOURNEY_SUFFIXES)} (a journey file)"
        raise InvalidInputError([Problem(("output",), message)])
    if target.exists() and not force:
        raise AlreadyExistsError(f"{target}: already exists; pass --force to overwrite it")
    journey = mermaid_to_journey(read_mermaid(source))
    save_journey(journey, target)
    return journey


def format_for_output(output: Path | None) -> ExportFormat:
    """The format an output name implies (`.json` -> JSON ...); Mermaid when it says nothing."""
    suffix = output.suffix.lower() if output else ""
    if suffix == ".json":
        return ExportFormat.JSON
    if suffix in {".yaml", ".yml"}:
        return ExportFormat.YAML
    return ExportFormat.MERMAID


def export_text(source: Path, fmt: ExportFormat) -> str:
    journey = load_any_journey(source)
    if fmt is ExportFormat.MERMAID:
        return journey_to_mermaid_text(journey)
    return journey_text(journey, fmt.value)


def export_file(source: Path, fmt: ExportFormat, output: Path) -> None:
    """Write the export atomically; nothing is written when the source is bad."""
    write_atomically(output, export_text(source, fmt).encode("utf-8"))
