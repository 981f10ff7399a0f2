"""Starting a journey from the scaffold, checked before it is written."""

from __future__ import annotations

from pathlib import Path

from cxmap.ingest.journey_file import load_journey_text
from cxmap.render.scaffold import scaffold_yaml
from cxmap.services.journey_files import write_atomically


def write_new_journey(path: Path, title: str) -> None:
    text = scaffold_yaml(title, path.name)
    load_journey_text(text.encode("utf-8"), str(path))  # never write a file that fails validate
    write_atomically(path, text.encode("utf-8"))
