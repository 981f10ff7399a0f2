"""Bringing a database to the schema this cxmap expects, with Alembic, from code.

The migrations ship inside the package (`cxmap/store/migrations`), and the database URL is
handed over by the caller (normally `Settings.database_url`), so neither an `alembic.ini`
nor a working directory is needed at run time. For a developer adding a migration:

    uv run python -c "from cxmap.store.schema import new_revision; new_revision('URL', 'what')"
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from cxmap.store.database import create_store_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for `url` without any ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = url
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Apply every migration up to `revision` (all of them by default); safe to repeat."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    """Undo migrations down to `revision` (`base` empties the database of cxmap's tables)."""
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    """The newest migration shipped with this cxmap."""
    return ScriptDirectory.from_config(alembic_config("")).get_current_head()


def current_revision(url: str) -> str | None:
    """The migration the database is at (`None` for an empty database)."""
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def new_revision(url: str, message: str) -> None:
    """Write a migration for the difference between `rows.py` and the database at `url`."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
