"""The shipped migrations, from an empty database up and back down, on both backends."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from cxmap.store.database import create_store_engine
from cxmap.store.rows import Base
from cxmap.store.schema import current_revision, downgrade, head_revision, upgrade
from tests.store.conftest import fresh_database

TABLES = {
    "users",
    "workspaces",
    "memberships",
    "journeys",
    "journey_tags",
    "journey_revisions",
    "comments",
    "api_tokens",
    "sessions",
    "login_attempts",
    "attachments",
    "share_links",
    "personas",
    "evidence_imports",
    "evidence_items",
    "scoring_settings",
    "score_inputs",
    "mining_results",
    "actions",
    "action_changes",
    "kpis",
    "kpi_points",
}


def schema_drift(url: str) -> list[object]:
    """What Alembic's autogenerate would still change to reach `rows.py` (empty: nothing)."""
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def table_names(url: str) -> set[str]:
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_the_metadata_lists_exactly_the_expected_tables() -> None:
    assert set(Base.metadata.tables) == TABLES


def test_head_is_the_mined_results_migration() -> None:
    assert head_revision() == "0008"


def test_up_from_empty_gives_the_schema_of_the_row_classes(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        assert current_revision(url) is None
        assert table_names(url) == set()
        upgrade(url)
        assert current_revision(url) == head_revision()
        assert table_names(url) == {*TABLES, "alembic_version"}
        assert schema_drift(url) == []


def test_down_to_base_removes_every_table_and_up_again_works(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        upgrade(url)
        downgrade(url, "base")
        assert current_revision(url) is None
        assert table_names(url) == {"alembic_version"}
        upgrade(url)
        assert schema_drift(url) == []


def test_upgrading_an_up_to_date_database_changes_nothing(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        upgrade(url)
        upgrade(url)
        assert current_revision(url) == head_revision()
        assert schema_drift(url) == []


def test_the_comparison_sees_a_missing_index(backend: str, tmp_path: Path) -> None:
    """The no-drift check above could not pass by comparing nothing."""
    with fresh_database(backend, tmp_path) as url:
        upgrade(url)
        engine = create_store_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP INDEX ix_journey_tags_tag"))
        engine.dispose()
        drift = schema_drift(url)
        assert len(drift) == 1
        assert drift[0][0] == "add_index"  # type: ignore[index]
        assert drift[0][1].name == "ix_journey_tags_tag"  # type: ignore[index]


def test_a_sqlite_database_file_gets_its_folder(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'deep' / 'er' / 'cxmap.db'}"
    upgrade(url)
    assert (tmp_path / "deep" / "er" / "cxmap.db").is_file()
    assert current_revision(url) == head_revision()
