"""Workspaces, members and roles; a workspace always keeps an owner."""

from __future__ import annotations

from uuid import uuid4

import pytest

from cxmap.model.errors import AlreadyExistsError, InvalidInputError, NotFoundError
from cxmap.model.workspace import Role
from cxmap.store import Database, Workspaces
from tests.store.conftest import Team


def test_the_creator_is_the_owner(database: Database, team: Team) -> None:
    with database.reading() as session:
        workspaces = Workspaces(session)
        assert workspaces.role_of(team.ws, team.owner) is Role.OWNER
        assert workspaces.role_of(team.ws, team.editor) is Role.EDITOR
        assert workspaces.role_of(team.ws, team.outsider) is None
        assert workspaces.get_by_slug("retail-cx").name == "Retail CX"
        members = workspaces.members(team.ws)
    assert [(m.user.display_name, m.role) for m in members] == [
        ("Ed Editor", Role.EDITOR),
        ("Olga Owner", Role.OWNER),
    ]


def test_a_user_s_workspaces_with_the_role_in_each(database: Database, team: Team) -> None:
    with database.writing() as session:
        Workspaces(session).add_member(team.other, team.editor, Role.VIEWER)
    with database.reading() as session:
        access = Workspaces(session).of_user(team.editor)
    assert [(a.workspace.slug, a.role) for a in access] == [
        ("other-team", Role.VIEWER),  # "Other team" sorts before "Retail CX"
        ("retail-cx", Role.EDITOR),
    ]


@pytest.mark.parametrize("slug", ["Retail", "-x", "", "a b", "x" * 81, "ünï"])
def test_a_bad_workspace_id_is_refused(database: Database, team: Team, slug: str) -> None:
    with pytest.raises(InvalidInputError) as caught, database.writing() as session:
        Workspaces(session).create(slug, "Name", owner=team.owner)
    assert caught.value.problems[0].dotted_path == "slug"


def test_workspace_ids_are_unique(database: Database, team: Team) -> None:
    with pytest.raises(AlreadyExistsError, match="'retail-cx'"), database.writing() as session:
        Workspaces(session).create("retail-cx", "Again", owner=team.editor)


def test_members_are_added_once_and_their_role_changed(database: Database, team: Team) -> None:
    with database.writing() as session:
        member = Workspaces(session).add_member(team.ws, team.outsider, Role.COMMENTER)
    assert (member.user.email, member.role) == ("outsider@example.com", Role.COMMENTER)
    with pytest.raises(AlreadyExistsError), database.writing() as session:
        Workspaces(session).add_member(team.ws, team.outsider, Role.VIEWER)
    with database.writing() as session:
        assert Workspaces(session).set_role(team.ws, team.outsider, Role.EDITOR).role is Role.EDITOR
        Workspaces(session).remove_member(team.ws, team.outsider)
    with database.reading() as session:
        assert Workspaces(session).role_of(team.ws, team.outsider) is None


def test_unknown_members_and_workspaces_are_not_found(database: Database, team: Team) -> None:
    with pytest.raises(NotFoundError), database.writing() as session:
        Workspaces(session).set_role(team.ws, team.outsider, Role.EDITOR)
    with pytest.raises(NotFoundError), database.writing() as session:
        Workspaces(session).add_member(uuid4(), team.outsider, Role.EDITOR)
    with pytest.raises(NotFoundError), database.writing() as session:
        Workspaces(session).add_member(team.ws, uuid4(), Role.EDITOR)
    with pytest.raises(NotFoundError), database.reading() as session:
        Workspaces(session).members(uuid4())


def test_the_last_owner_can_neither_leave_nor_step_down(database: Database, team: Team) -> None:
    with pytest.raises(InvalidInputError, match="at least one owner"), database.writing() as s:
        Workspaces(s).remove_member(team.ws, team.owner)
    with pytest.raises(InvalidInputError, match="at least one owner"), database.writing() as s:
        Workspaces(s).set_role(team.ws, team.owner, Role.EDITOR)
    with database.writing() as session:
        Workspaces(session).set_role(team.ws, team.editor, Role.OWNER)
        Workspaces(session).set_role(team.ws, team.owner, Role.VIEWER)  # another owner now
    with database.reading() as session:
        assert Workspaces(session).role_of(team.ws, team.owner) is Role.VIEWER
