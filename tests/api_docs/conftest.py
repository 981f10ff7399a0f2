"""The docs pages are checked on the API's own app fixture (a real app, migrated database)."""

from tests.api.conftest import (  # noqa: F401  (fixtures, used by name)
    anyio_backend,
    app,
    backend,
    client,
    database,
    migrated_urls,
    server,
)
