"""Reading and writing journey files: the one place the CLI and the API get a `Journey` from."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from cxmap.ingest.journey_file import ParsedText, load_journey_text, load_located_journey
from cxmap.model.errors import CxmapError, InvalidInputError, NotFoundError, Problem
from cxmap.model.journey import Journey
from cxmap.render.journey_text import journey_to_json, journey_to_yaml

JOURNEY_SUFFIXES = (".yaml", ".yml", ".json")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise NotFoundError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise NotFoundError(f"{path}: permission denied") from None
    except OSError as error:
        raise NotFoundError(f"{path}: cannot be read ({error.strerror or error})") from None


def load_journey(path: Path) -> Journey:
    """The journey in a YAML or JSON file; `InvalidInputError` names every problem."""
    return load_journey_text(read_bytes(path), str(path))


def load_located(path: Path) -> tuple[Journey, ParsedText]:
    """The journey in a file and where each of its values sits (to point findings at lines)."""
    return load_located_journey(read_bytes(path), str(path))


def check_file(path: Path) -> list[Problem]:
    """Every problem in one journey file (empty when it is valid)."""
    try:
        load_journey(path)
    except InvalidInputError as error:
        return error.problems
    return []


def journey_text(journey: Journey, fmt: str) -> str:
    if fmt == "json":
        return journey_to_json(journey)
    if fmt == "yaml":
        return journey_to_yaml(journey)
    raise InvalidInputError([Problem(("format",), f"unknown format '{fmt}'; use yaml or json")])


def format_for(path: Path) -> str:
    return "json" if path.suffix.lower() == ".json" else "yaml"


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    if path.parent.exists() and not path.parent.is_dir():
        raise CxmapError(f"{path}: cannot write ({path.parent} is a file, not a folder)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise CxmapError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        # mkstemp makes the file private (0600); a written map or journey is an ordinary file.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CxmapError(f"{path}: cannot write ({error.strerror or error})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_journey(journey: Journey, path: Path) -> None:
    write_atomically(path, journey_text(journey, format_for(path)).encode("utf-8"))


def journey_json_schema() -> dict[str, Any]:
    """The JSON Schema of the journey format, published for editors and integrations."""
    schema = Journey.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    _allow_text_shorthand(schema["$defs"], "LaneItem")
    return schema


def _allow_text_shorthand(definitions: dict[str, Any], name: str) -> None:
    """A lane item may be written as a bare string; the model accepts it, so must the schema."""
    full = definitions[name]
    short = {"type": "string", "minLength": 1, "description": "Short for `{text: ...}`."}
    definitions[name] = {"title": full["title"], "anyOf": [short, full]}


def schema_text() -> str:
    return json.dumps(journey_json_schema(), indent=2, ensure_ascii=False) + "\n"
