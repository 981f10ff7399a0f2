"""Action lists as files other tools take in: CSV, JSON, Jira's CSV import, GitHub issues.

- `csv`: one row per action with every field, for a spreadsheet. A cell starting with
  `=`, `+`, `-` or `@` gets a leading `'` so a spreadsheet shows it instead of running it.
- `json`: the actions as a JSON array, every field (what the API returns).
- `jira`: the columns Jira's CSV importer (System > External system import > CSV) maps to
  fields without renaming: Summary, Description, Issue Type (Task), Priority, Assignee
  (the owner), Due Date (yyyy-MM-dd: tell the importer that date format) and three Labels
  columns (Jira takes several labels as repeated columns; labels have no spaces).
- `github`: a JSON array of issue bodies as GitHub's REST API (`POST /repos/{owner}/{repo}/
  issues`) and `gh api` take them: title, body, labels, assignees, milestone. Owners that
  look like GitHub logins become assignees; any other owner (a team name) is written in
  the body instead, because GitHub refuses unknown assignees. Milestone is null (GitHub
  wants a milestone number of the target repository, which cxmap cannot know).

The ticket formats (`jira`, `github`) leave dismissed actions out: nobody imports work
that was decided against.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cxmap.model.priorities import ActionKind, ActionStatus
from cxmap.model.priority_records import ActionExportFormat, StoredAction

CSV_COLUMNS = (
    "id",
    "key",
    "kind",
    "title",
    "description",
    "journey",
    "stage",
    "step",
    "owner",
    "due",
    "status",
    "fixes",
    "source",
    "created_at",
    "updated_at",
)
JIRA_COLUMNS = (
    "Summary",
    "Description",
    "Issue Type",
    "Priority",
    "Assignee",
    "Due Date",
    "Labels",
    "Labels",
    "Labels",
)
JIRA_PRIORITY = {
    ActionKind.PRODUCT_CHANGE: "High",
    ActionKind.ALIGN_JOURNEY: "High",
    ActionKind.DEFINE_CUSTOMERS: "Medium",
    ActionKind.DEFINE_METRIC: "Medium",
    ActionKind.MEASURE_PROGRESS: "Low",
}
_GITHUB_LOGIN = re.compile(r"^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class ExportedActions:
    media_type: str
    file_name: str
    text: str


def export_actions(
    actions: Sequence[StoredAction], export_format: ActionExportFormat
) -> ExportedActions:
    if export_format == ActionExportFormat.CSV:
        return ExportedActions("text/csv; charset=utf-8", "actions.csv", actions_csv(actions))
    if export_format == ActionExportFormat.JSON:
        text = json.dumps([a.model_dump(mode="json") for a in actions], indent=2) + "\n"
        return ExportedActions("application/json", "actions.json", text)
    tickets = [a for a in actions if a.status != ActionStatus.DISMISSED]
    if export_format == ActionExportFormat.JIRA:
        return ExportedActions("text/csv; charset=utf-8", "actions-jira.csv", jira_csv(tickets))
    return ExportedActions("application/json", "actions-github.json", github_issues(tickets))


def actions_csv(actions: Sequence[StoredAction]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for action in actions:
        document = action.model_dump(mode="json")
        writer.writerow([_cell(document[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def jira_csv(actions: Sequence[StoredAction]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(JIRA_COLUMNS)
    for action in actions:
        writer.writerow(
            [
                action.title,
                ticket_body(action, owner_in_body=False),
                "Task",
                JIRA_PRIORITY[action.kind],
                action.owner,
                action.due.isoformat() if action.due else "",
                *labels(action),
            ]
        )
    return buffer.getvalue()


def github_issues(actions: Sequence[StoredAction]) -> str:
    issues = []
    for action in actions:
        login = action.owner.strip()
        assignable = bool(_GITHUB_LOGIN.match(login))
        issues.append(
            {
                "title": action.title,
                "body": ticket_body(action, owner_in_body=not assignable),
                "labels": labels(action),
                "assignees": [login.removeprefix("@")] if assignable else [],
                "milestone": None,
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def labels(action: StoredAction) -> list[str]:
    """`cxmap`, the kind and the journey, without spaces (Jira splits labels at spaces)."""
    return ["cxmap", "cxmap-" + action.kind.value.replace("_", "-"), "journey-" + action.journey]


def ticket_body(action: StoredAction, *, owner_in_body: bool) -> str:
    where = [f"Journey: {action.journey}"]
    where += [f"Stage: {action.stage}"] if action.stage else []
    where += [f"Step: {action.step}"] if action.step else []
    lines = [action.description.strip()] if action.description.strip() else []
    lines += ["", " · ".join(where)]
    if action.fixes:
        lines.append(f"Fixes insight: {action.fixes}")
    if owner_in_body and action.owner:
        lines.append(f"Owner: {action.owner}")
    if action.due:
        lines.append(f"Due: {action.due.isoformat()}")
    lines.append(f"Status in cxmap: {action.status.value} (action {action.id}, {action.key})")
    return "\n".join(lines).strip() + "\n"
