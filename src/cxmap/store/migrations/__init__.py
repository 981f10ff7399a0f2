"""Alembic migrations of the store, shipped with the package (see `cxmap.store.schema`)."""
