"""Action lists through the service: suggestions stored once, accepted, edited or dismissed
with a history, and exports that parse back and carry Jira's and GitHub's field names (on
SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from uuid import UUID

import pytest

from cxmap.model.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from cxmap.model.priorities import ActionKind, ActionSource, ActionStatus
from cxmap.model.priority_records import ActionExportFormat, StoredAction
from cxmap.render.action_export import JIRA_COLUMNS
from cxmap.services.actions import ActionFilter, ActionLists
from cxmap.store import Database
from tests.services.priority_fixtures import add_journey, viewer
from tests.store.conftest import Team, backend, clock, database, migrated_url, team

__all__ = ["backend", "clock", "database", "migrated_url", "team", "viewer"]  # fixtures

#: What the small journey lacks: a segment and research for its persona, a metric at each
#: step; and its proposed opportunity ranks first in its stage.
EXPECTED_KEYS = [
    "define_customers:segment:sam",
    "define_customers:research:sam",
    "product_change:one-click",
    "define_metric:search",
    "define_metric:view",
    "define_metric:pay",
]


@pytest.fixture
def lists(database: Database) -> ActionLists:
    return ActionLists(database)


@pytest.fixture
def suggested(database: Database, team: Team, lists: ActionLists) -> list[StoredAction]:
    journey = add_journey(database, team)
    return lists.suggest(team.editor, team.ws, journey).added


def by_key(actions: list[StoredAction], key: str) -> StoredAction:
    return next(action for action in actions if action.key == key)


def test_suggestions_are_stored_once_whatever_became_of_them(
    team: Team, lists: ActionLists, suggested: list[StoredAction]
) -> None:
    assert [a.key for a in suggested] == EXPECTED_KEYS
    assert {(a.status, a.source, a.version) for a in suggested} == {
        (ActionStatus.SUGGESTED, ActionSource.GENERATED, 1)
    }
    change = by_key(suggested, "product_change:one-click")
    assert (change.kind, change.stage, change.step) == (ActionKind.PRODUCT_CHANGE, "buy", "pay")
    assert change.fixes == "slow-pay"
    lists.set_status(team.editor, team.ws, UUID(suggested[0].id), ActionStatus.DISMISSED)
    again = lists.suggest(team.editor, team.ws)
    assert again.added == []
    assert again.already_known == len(EXPECTED_KEYS)
    assert len(lists.search(team.owner, team.ws)) == len(EXPECTED_KEYS)


def test_accept_edit_and_dismiss_are_kept_in_the_history(
    team: Team, lists: ActionLists, suggested: list[StoredAction]
) -> None:
    action = UUID(by_key(suggested, "define_metric:pay").id)
    lists.set_status(team.editor, team.ws, action, ActionStatus.ACCEPTED)
    edited = lists.edit(
        team.owner,
        team.ws,
        action,
        {"owner": "Payments team", "due": "2025-09-30", "status": "in_progress"},
        expected=2,
    )
    assert (edited.owner, edited.due, edited.status, edited.version) == (
        "Payments team",
        date(2025, 9, 30),
        ActionStatus.IN_PROGRESS,
        3,
    )
    cleared = lists.edit(team.owner, team.ws, action, {"due": None}, expected=3)
    assert cleared.due is None
    history = lists.history(team.owner, team.ws, action)
    assert [(h.changed_by, [(c.field, c.after) for c in h.changes]) for h in history] == [
        (team.editor, [("status", "suggested")]),
        (team.editor, [("status", "accepted")]),
        (
            team.owner,
            [("owner", "Payments team"), ("due", "2025-09-30"), ("status", "in_progress")],
        ),
        (team.owner, [("due", None)]),
    ]
    with pytest.raises(InvalidInputError) as raised:
        lists.edit(team.owner, team.ws, action, {"title": None, "status": "later"}, expected=4)
    assert sorted(p.dotted_path for p in raised.value.problems) == ["status"]
    with pytest.raises(InvalidInputError) as raised:
        lists.edit(team.owner, team.ws, action, {"title": None}, expected=4)
    assert [p.dotted_path for p in raised.value.problems] == ["title"]


def test_a_short_id_finds_one_action(
    team: Team, lists: ActionLists, suggested: list[StoredAction]
) -> None:
    first = suggested[0]
    assert lists.find(None, team.ws, first.id[:12]) == first
    with pytest.raises(NotFoundError):
        lists.find(None, team.ws, "ffffffff-ffff")
    with pytest.raises(InvalidInputError):
        lists.find(None, team.ws, "ab")


def test_a_hand_made_action_is_accepted_work_on_a_step_of_the_journey(
    database: Database, team: Team, lists: ActionLists
) -> None:
    add_journey(database, team)
    made = lists.create(
        team.editor,
        team.ws,
        {
            "journey": "checkout",
            "kind": "product_change",
            "title": "Offer PayPal",
            "step": "pay",
        },
    )
    assert (made.status, made.source, made.journey) == (
        ActionStatus.ACCEPTED,
        ActionSource.MANUAL,
        "checkout",
    )
    assert made.key.startswith("manual:")
    with pytest.raises(InvalidInputError) as raised:
        lists.create(
            team.editor,
            team.ws,
            {"journey": "checkout", "kind": "product_change", "title": "X", "step": "nope"},
        )
    assert [p.dotted_path for p in raised.value.problems] == ["step"]


def test_roles_viewers_read_editors_change_outsiders_see_nothing(
    database: Database, team: Team, lists: ActionLists, viewer: UUID
) -> None:
    journey = add_journey(database, team)
    with pytest.raises(PermissionDeniedError):
        lists.suggest(viewer, team.ws, journey)
    lists.suggest(team.editor, team.ws, journey)
    assert len(lists.search(viewer, team.ws, ActionFilter(journey_id=journey))) == 6
    with pytest.raises(NotFoundError):
        lists.search(team.outsider, team.ws)


def exported(lists: ActionLists, team: Team, export_format: ActionExportFormat) -> str:
    return lists.export(team.owner, team.ws, export_format).text


def test_csv_and_json_exports_parse_back_to_the_actions(
    team: Team, lists: ActionLists, suggested: list[StoredAction]
) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(lists, team, ActionExportFormat.CSV))))
    assert [row["id"] for row in rows] == [a.id for a in suggested]
    assert [row["title"] for row in rows] == [a.title for a in suggested]
    assert {row["status"] for row in rows} == {"suggested"}
    assert rows[0]["due"] == ""
    documents = json.loads(exported(lists, team, ActionExportFormat.JSON))
    assert [StoredAction.model_validate(d) for d in documents] == suggested


def test_a_csv_cell_that_a_spreadsheet_would_run_is_quoted(
    database: Database, team: Team, lists: ActionLists
) -> None:
    add_journey(database, team)
    title = '=HYPERLINK("http://evil.example","click")'
    lists.create(
        team.editor, team.ws, {"journey": "checkout", "kind": "align_journey", "title": title}
    )
    rows = list(csv.DictReader(io.StringIO(exported(lists, team, ActionExportFormat.CSV))))
    assert rows[0]["title"] == "'" + title


def test_the_jira_export_has_the_columns_jira_imports_and_leaves_dismissed_out(
    team: Team, lists: ActionLists, suggested: list[StoredAction]
) -> None:
    pay = by_key(suggested, "define_metric:pay")
    lists.edit(
        team.editor, team.ws, UUID(pay.id), {"owner": "ana", "due": "2025-10-01"}, expected=1
    )
    dismissed = suggested[0]
    lists.set_status(team.editor, team.ws, UUID(dismissed.id), ActionStatus.DISMISSED)
    table = list(csv.reader(io.StringIO(exported(lists, team, ActionExportFormat.JIRA))))
    assert tuple(table[0]) == JIRA_COLUMNS
    assert table[0][:7] == [
        "Summary",
        "Description",
        "Issue Type",
        "Priority",
        "Assignee",
        "Due Date",
        "Labels",
    ]
    body = table[1:]
    assert [row[0] for row in body] == [a.title for a in suggested[1:]]
    row = next(r for r in body if r[0] == pay.title)
    assert row[2:6] == ["Task", "Medium", "ana", "2025-10-01"]
    assert row[6:] == ["cxmap", "cxmap-define-metric", "journey-checkout"]
    assert "Step: pay" in row[1]
    assert all(" " not in label for r in body for label in r[6:])


def test_the_github_export_is_issue_bodies_with_assignable_owners_only(
    team: Team, lists: ActionLists, suggested: list[StoredAction]
) -> None:
    first, second = UUID(suggested[0].id), UUID(suggested[1].id)
    lists.edit(team.editor, team.ws, first, {"owner": "ana-lopez"}, expected=1)
    lists.edit(team.editor, team.ws, second, {"owner": "Payments team"}, expected=1)
    issues = json.loads(exported(lists, team, ActionExportFormat.GITHUB))
    assert len(issues) == len(EXPECTED_KEYS)
    assert {tuple(sorted(issue)) for issue in issues} == {
        ("assignees", "body", "labels", "milestone", "title")
    }
    assert issues[0]["assignees"] == ["ana-lopez"]
    assert "Owner:" not in issues[0]["body"]
    assert issues[1]["assignees"] == []
    assert "Owner: Payments team" in issues[1]["body"]
    assert issues[2]["labels"] == ["cxmap", "cxmap-product-change", "journey-checkout"]
    assert "Fixes insight: slow-pay" in issues[2]["body"]
    assert {issue["milestone"] for issue in issues} == {None}
