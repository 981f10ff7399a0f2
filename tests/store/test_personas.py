"""Workspace personas: stored exactly, searchable, unique per workspace, never overwritten,
and invisible from other workspaces (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import func, select

from cxmap.model.errors import AlreadyExistsError, ConflictError, InvalidInputError, NotFoundError
from cxmap.model.journey import Persona
from cxmap.model.persona_record import StoredPersona
from cxmap.model.validation import parse_persona
from cxmap.store import Database
from cxmap.store.personas import Personas
from cxmap.store.rows import PersonaRow
from tests.store.conftest import Clock, Team


def persona(slug: str = "sam", name: str = "Sam Shopper", **extra: Any) -> Persona:
    return Persona.model_validate({"id": slug, "name": name, **extra})


def create(database: Database, team: Team, value: Persona, clock: Clock) -> StoredPersona:
    with database.writing() as session:
        return Personas(session, clock).create(team.ws, value, by=team.editor)


def count(database: Database) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(PersonaRow)) or 0


def test_create_stores_every_field_as_version_one(
    database: Database, team: Team, clock: Clock
) -> None:
    value = persona(
        description="Shops on the phone at lunch",
        goals=["Pay fast"],
        frustrations=["Slow checkout", "Hidden fees"],
        segment="mobile customers under 35",
    )
    made = create(database, team, value, clock)
    assert (made.version, made.slug, made.workspace_id) == (1, "sam", team.ws)
    assert made.created_by == made.updated_by == team.editor
    assert made.created_at == datetime(2025, 3, 1, 9, 0, 1, tzinfo=UTC)
    with database.reading() as session:
        again = Personas(session).get(team.ws, made.id)
    assert again == made
    assert again.persona.frustrations == ["Slow checkout", "Hidden fees"]
    assert again.persona.segment == "mobile customers under 35"


def test_a_taken_id_is_refused_but_another_workspace_may_use_it(
    database: Database, team: Team, clock: Clock
) -> None:
    create(database, team, persona(), clock)
    with pytest.raises(AlreadyExistsError, match="persona with id 'sam' already exists"):
        create(database, team, persona(name="Another Sam"), clock)
    with database.writing() as session:
        Personas(session, clock).create(team.other, persona(), by=team.outsider)
    assert count(database) == 2


def test_search_matches_every_word_in_any_field_and_lists_by_name(
    database: Database, team: Team, clock: Clock
) -> None:
    create(database, team, persona("sam", "Sam Shopper", goals=["Pay fast"]), clock)
    create(database, team, persona("ann", "ann Admin", frustrations=["Paying invoices"]), clock)
    create(database, team, persona("bo", "Bo Browser", segment="Window shoppers"), clock)
    with database.reading() as session:
        personas = Personas(session)
        everyone = [item.slug for item in personas.search(team.ws)]
        paying = [item.slug for item in personas.search(team.ws, "PAY")]
        shoppers = [item.slug for item in personas.search(team.ws, "shop window")]
        nobody = personas.search(team.ws, "100%_")
        elsewhere = personas.search(team.other)
    assert everyone == ["ann", "bo", "sam"]  # by name, ignoring case
    assert paying == ["ann", "sam"]
    assert shoppers == ["bo"]
    assert nobody == []
    assert elsewhere == []


def test_update_with_the_current_version_lands_and_counts_up(
    database: Database, team: Team, clock: Clock
) -> None:
    made = create(database, team, persona(), clock)
    with database.writing() as session:
        changed = Personas(session, clock).update(
            team.ws, made.id, persona(name="Sam S.", goals=["Save"]), expected_version=1, by=None
        )
    assert (changed.version, changed.persona.name, changed.updated_by) == (2, "Sam S.", None)
    assert changed.created_at == made.created_at < changed.updated_at
    with database.reading() as session:
        assert Personas(session).get(team.ws, made.id).persona.goals == ["Save"]


def test_unchanged_content_records_no_new_version(
    database: Database, team: Team, clock: Clock
) -> None:
    made = create(database, team, persona(), clock)
    with database.writing() as session:
        same = Personas(session, clock).update(
            team.ws, made.id, persona(), expected_version=1, by=team.owner
        )
    assert same == made


def test_a_stale_update_is_a_conflict_with_the_current_version_and_changes_nothing(
    database: Database, team: Team, clock: Clock
) -> None:
    made = create(database, team, persona(), clock)
    with database.writing() as session:
        Personas(session, clock).update(
            team.ws, made.id, persona(name="First"), expected_version=1, by=team.owner
        )
    with pytest.raises(ConflictError) as caught, database.writing() as session:
        Personas(session, clock).update(
            team.ws, made.id, persona(name="Second"), expected_version=1, by=team.editor
        )
    assert caught.value.current_version == 2
    with database.reading() as session:
        assert Personas(session).get(team.ws, made.id).persona.name == "First"


def test_renaming_onto_a_taken_id_is_refused(database: Database, team: Team, clock: Clock) -> None:
    create(database, team, persona("sam"), clock)
    ann = create(database, team, persona("ann", "Ann"), clock)
    with pytest.raises(AlreadyExistsError, match="'sam'"), database.writing() as session:
        Personas(session, clock).update(
            team.ws, ann.id, persona("sam", "Ann"), expected_version=1, by=team.editor
        )
    with database.reading() as session:
        assert Personas(session).get(team.ws, ann.id).slug == "ann"


def test_delete_needs_the_current_version(database: Database, team: Team, clock: Clock) -> None:
    made = create(database, team, persona(), clock)
    with pytest.raises(ConflictError), database.writing() as session:
        Personas(session, clock).delete(team.ws, made.id, expected_version=2, by=team.editor)
    assert count(database) == 1
    with database.writing() as session:
        gone = Personas(session, clock).delete(team.ws, made.id, expected_version=1, by=team.editor)
    assert gone.slug == "sam"
    assert count(database) == 0
    with pytest.raises(NotFoundError), database.reading() as session:
        Personas(session).get(team.ws, made.id)


def test_another_workspace_s_persona_is_not_found_for_any_operation(
    database: Database, team: Team, clock: Clock
) -> None:
    with database.writing() as session:
        theirs = Personas(session, clock).create(team.other, persona(), by=team.outsider)
    calls = [
        lambda p: p.get(team.ws, theirs.id),
        lambda p: p.update(team.ws, theirs.id, persona(name="X"), expected_version=1, by=None),
        lambda p: p.delete(team.ws, theirs.id, expected_version=1, by=None),
        lambda p: p.get(team.ws, uuid4()),
    ]
    for call in calls:
        missing = pytest.raises(NotFoundError, match=r"^persona \S+ not found$")
        with missing, database.writing() as session:
            call(Personas(session, clock))
    with database.reading() as session:
        assert Personas(session).get(team.other, theirs.id) == theirs


def test_creating_in_a_missing_workspace_is_not_found(database: Database, clock: Clock) -> None:
    with pytest.raises(NotFoundError, match="workspace"), database.writing() as session:
        Personas(session, clock).create(uuid4(), persona(), by=None)
    assert count(database) == 0


def test_bad_persona_data_names_the_field_paths() -> None:
    data = {"id": "no spaces", "name": " ", "goals": ["ok", 3], "segmnt": "mobile"}
    with pytest.raises(InvalidInputError) as caught:
        parse_persona(data)
    assert caught.value.lines() == [
        "id: not a valid id: start with a letter or digit; use letters, digits, _ - .",
        "name: must not be empty",
        "goals[1]: must be text, not a number",
        # suggested from the persona's own keys, not from the journey's
        "segmnt: unknown key 'segmnt'; did you mean 'segment'?",
    ]
