"""The sync tests run against the API's own fixtures: a real app over a migrated database."""

from tests.api.conftest import (  # noqa: F401  (fixtures, used by name)
    anyio_backend,
    app,
    backend,
    database,
    migrated_urls,
    server,
    team,
)
