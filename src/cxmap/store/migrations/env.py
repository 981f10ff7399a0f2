"""Alembic's entry point: run the migrations on the URL given by `cxmap.store.schema`."""

from __future__ import annotations

from alembic import context

from cxmap.store.database import create_store_engine
from cxmap.store.rows import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Migrate over cxmap's own engine, so SQLite runs each migration in one transaction."""
    engine = create_store_engine(config.attributes["database_url"], pool_size=1, max_overflow=0)
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=True,  # SQLite alters a table by copying it
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("cxmap migrations run against a database; offline SQL is not supported")
run_migrations()
