"""Single score inputs as people type them (`cost=120`, `pay:experience=-1`, `sales=` to
clear), and the check that every stage or step an input names is in the journey.

Kept apart from the use cases so the CLI's wording and the API's body end in the same
validation: an edited `JourneyInputs` is checked whole, naming the input by its path
(`parts.pay.experience: must be between -2 and 2, not 3`).
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.journey import Journey
from cxmap.model.priorities import INPUT_FIELDS, Criterion, InputSource
from cxmap.model.priority_records import JourneyInputs, parse_body

_CRITERIA = ", ".join(criterion.value for criterion in Criterion)


@dataclass(frozen=True)
class InputChange:
    """Set (value) or clear (None) one entered criterion of the journey or of a part."""

    criterion: Criterion
    value: float | None
    part: str | None = None
    note: str = ""


def parse_input_change(text: str) -> InputChange:
    """`[PART:]CRITERION=VALUE`; an empty VALUE clears the input."""
    name, separator, raw = text.partition("=")
    if not separator:
        raise _bad(text, f"write CRITERION=VALUE or PART:CRITERION=VALUE ({_CRITERIA})")
    part, _, criterion_name = name.strip().rpartition(":")
    try:
        criterion = Criterion(criterion_name.strip().lower())
    except ValueError:
        raise _bad(text, f"unknown criterion '{criterion_name}'; use one of {_CRITERIA}") from None
    if not raw.strip():
        return InputChange(criterion, None, part or None)
    try:
        value = float(raw)
    except ValueError:
        raise _bad(text, f"'{raw}' is not a number") from None
    return InputChange(criterion, value, part or None)


def _bad(text: str, message: str) -> InvalidInputError:
    return InvalidInputError([Problem(("set_input",), f"{text!r}: {message}")])


def apply_changes(inputs: JourneyInputs, changes: list[InputChange]) -> JourneyInputs:
    """`inputs` with the changes made, validated whole (each entered value is `entered`)."""
    document = inputs.model_dump(mode="json", exclude_none=True)
    for change in changes:
        if change.part is None:
            holder = document.setdefault("journey", {})
        else:
            holder = document.setdefault("parts", {}).setdefault(change.part, {})
        field = INPUT_FIELDS[change.criterion]
        if change.value is None:
            holder.pop(field, None)
        else:
            holder[field] = {
                "value": change.value,
                "source": InputSource.ENTERED.value,
                "note": change.note,
            }
    return parse_body(JourneyInputs, document)


def check_parts(journey: Journey, inputs: JourneyInputs) -> None:
    """Every part named is a stage or step of `journey`; values derived from data are not
    entered by hand (their source would be a claim nobody checked)."""
    known = {stage.id for stage in journey.stages} | {step.id for step in journey.steps()}
    problems = [
        Problem(("parts", part), f"no stage or step '{part}' in journey '{journey.id}'")
        for part in inputs.parts
        if part not in known
    ]
    subjects = [(("journey",), inputs.journey)] + [
        (("parts", part), entered) for part, entered in inputs.parts.items()
    ]
    for path, entered in subjects:
        for criterion, field in INPUT_FIELDS.items():
            value = entered.of(criterion)
            if value is not None and value.source != InputSource.ENTERED:
                problems.append(
                    Problem(
                        (*path, field, "source"),
                        f"must be 'entered': {value.source.value} values are taken from the "
                        "data each time, not stored",
                    )
                )
    if problems:
        raise InvalidInputError(problems)
