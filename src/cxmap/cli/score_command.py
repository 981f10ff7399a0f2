"""`cxmap score`: journeys scored 1..100 and ranked, or one journey's stages and steps, with
each criterion's part and missing inputs shown as missing; weights and inputs can be set
on the way. It works on the local store like `cxmap evidence` (no login)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated

import typer
from rich.markup import escape

from cxmap.cli.output import out, reported_errors
from cxmap.cli.priority_views import Local, WorkspaceOption, local, print_sensitivity, score_table
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.priorities import Criterion
from cxmap.model.priority_records import JourneyScores, ScoreBoard, SensitivityReport
from cxmap.services.prioritisation import Prioritisation
from cxmap.services.score_input_edits import parse_input_change

_CRITERIA = ", ".join(criterion.value for criterion in Criterion)


def register(app: typer.Typer) -> None:
    app.command()(score)


def score(
    journey: Annotated[
        str | None,
        typer.Option("--journey", "-j", help="Score this journey's stages and steps too."),
    ] = None,
    workspace: WorkspaceOption = None,
    weights: Annotated[
        str | None,
        typer.Option("--weights", help=f"What-if weights, e.g. cost=1,sales=2 (of {_CRITERIA})."),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Keep --weights as the workspace's weights.")
    ] = False,
    set_input: Annotated[
        list[str] | None,
        typer.Option(
            "--set-input",
            help="Enter an input of the journey (needs --journey): criterion=value, or "
            "STEP:criterion=value for a stage or step; an empty value clears it. Repeatable.",
        ),
    ] = None,
    sensitivity: Annotated[
        bool, typer.Option("--sensitivity", help="Show which ranks change if a weight moves ±20 %.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score journeys 1-100 (100 = focus here first) from weighted criteria and rank them."""
    with reported_errors():
        overrides = parse_weights(weights) if weights else {}
        changes = [parse_input_change(text) for text in set_input or []]
        if changes and journey is None:
            raise InvalidInputError([Problem(("set_input",), "needs --journey")])
        if save and not overrides:
            raise InvalidInputError([Problem(("save",), "needs --weights")])
        with local(workspace, journey) as target:
            service = Prioritisation(target.database)
            if save:
                service.save_weights(None, target.workspace_id, overrides)
                overrides = {}
            if changes and target.journey_id is not None:
                service.change_inputs(None, target.workspace_id, target.journey_id, changes)
            shown = _compute(service, target, overrides, sensitivity)
    if as_json:
        typer.echo(shown.to_json())
        return
    _show(shown)


def parse_weights(text: str) -> dict[Criterion, float]:
    """`cost=1,sales=2` -> {cost: 1, sales: 2}; every problem named."""
    found: dict[Criterion, float] = {}
    problems = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, raw = part.partition("=")
        try:
            criterion = Criterion(name.strip().lower())
        except ValueError:
            problems.append(Problem(("weights",), f"unknown criterion '{name}'; use {_CRITERIA}"))
            continue
        try:
            found[criterion] = float(raw)
        except ValueError:
            problems.append(Problem(("weights", criterion.value), f"'{raw}' is not a number"))
    if problems:
        raise InvalidInputError(problems)
    return found


@dataclass(frozen=True)
class Shown:
    """What the command shows, as a table or as JSON."""

    board: ScoreBoard
    journey: JourneyScores | None
    sensitivity: SensitivityReport | None

    def to_json(self) -> str:
        document: dict[str, object] = {"ranking": self.board.model_dump(mode="json")}
        if self.journey is not None:
            document["journey"] = self.journey.model_dump(mode="json")
        if self.sensitivity is not None:
            document["sensitivity"] = self.sensitivity.model_dump(mode="json")
        return json.dumps(document, indent=2, ensure_ascii=False)


def _compute(
    service: Prioritisation, target: Local, overrides: dict[Criterion, float], sensitivity: bool
) -> Shown:
    ws, journey = target.workspace_id, target.journey_id
    return Shown(
        board=service.scoreboard(None, ws, overrides),
        journey=None if journey is None else service.journey_scores(None, ws, journey, overrides),
        sensitivity=service.sensitivity(None, ws, overrides) if sensitivity else None,
    )


def _show(shown: Shown) -> None:
    board = shown.board
    weights = board.settings.weights
    told = ", ".join(f"{c.value} {weights.of(c):g}" for c in Criterion)
    title = "Journeys by priority" + (" (what-if weights)" if board.what_if else "")
    rows = [(str(r.rank), f"{r.title} ({r.score.subject_id})", r.score) for r in board.ranking]
    out.print(score_table(title, rows))
    out.print(f"weights: {told}")
    if shown.journey is not None:
        scores = shown.journey
        part_rows = [("journey", scores.journey.subject_id, scores.journey)]
        part_rows += [(s.subject_kind.value, s.subject_id, s) for s in scores.parts]
        out.print(score_table(f"Journey {scores.journey.subject_id}", part_rows))
        out.print(f"formula: {escape(scores.journey.formula)}")
    if shown.sensitivity is not None:
        print_sensitivity(shown.sensitivity.sensitivity)
