"""The one configuration object: built once at the edge (CLI, server) and passed down.

Every value can come from the environment with the `CXMAP_` prefix (`CXMAP_DATABASE_URL`,
`CXMAP_DATA_DIR`, `CXMAP_ATTACHMENTS_DIR`, `CXMAP_ATTACHMENT_MAX_BYTES`) or be given to the
constructor. Nothing reads it from a global, so tests and a server hosting two
configurations never share state.

The data directory defaults to `$XDG_DATA_HOME/cxmap` (`~/.local/share/cxmap` when unset),
not to a folder under the current directory: a server or CLI started from anywhere then
finds the same workspace. The embedded database and the attachments live inside it unless
given elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from cxmap.model.errors import InvalidInputError, Problem

DATABASE_FILE = "cxmap.db"
ATTACHMENTS_FOLDER = "attachments"
DEFAULT_ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024


def default_data_dir() -> Path:
    """`$XDG_DATA_HOME/cxmap`, or `~/.local/share/cxmap` (the XDG base directory default)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "cxmap"


def sqlite_url(path: Path) -> str:
    """SQLAlchemy's URL of a SQLite file (an absolute path gives `sqlite:////...`)."""
    return f"sqlite:///{path}"


class Settings(BaseSettings):
    """Where cxmap keeps its data. `database_url` selects SQLite (default) or PostgreSQL."""

    model_config = SettingsConfigDict(env_prefix="CXMAP_", frozen=True, extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = Field(default="", description="Empty: the SQLite file in data_dir.")
    attachments_dir: Path = Field(
        default=Path(ATTACHMENTS_FOLDER), description="Default: `attachments` in data_dir."
    )
    attachment_max_bytes: int = Field(
        default=DEFAULT_ATTACHMENT_MAX_BYTES, gt=0, description="Largest file one may attach."
    )

    @model_validator(mode="before")
    @classmethod
    def _fill_defaults(cls, values: Any) -> Any:
        """Defaults that depend on `data_dir`, which may itself come from the environment."""
        if not isinstance(values, dict):
            return values
        data_dir = _path(values.get("data_dir") or default_data_dir())
        filled = {**values, "data_dir": data_dir}
        if isinstance(data_dir, Path):
            filled["database_url"] = values.get("database_url") or sqlite_url(
                data_dir / DATABASE_FILE
            )
            filled["attachments_dir"] = _path(
                values.get("attachments_dir") or data_dir / ATTACHMENTS_FOLDER
            )
        return filled


def _path(value: Any) -> Any:
    """`~` expanded in a path; anything else is left for validation to refuse."""
    return Path(value).expanduser() if isinstance(value, str | os.PathLike) else value


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and `overrides`; a bad value is an `InvalidInputError`."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = [
            Problem(
                tuple(detail["loc"]),
                "unknown setting" if detail["type"] == "extra_forbidden" else detail["msg"],
            )
            for detail in error.errors(include_url=False)
        ]
        raise InvalidInputError(problems, "settings") from None
