"""Mermaid `journey` diagrams as data, and how they map onto a cxmap `Journey`.

A `MermaidJourney` holds exactly what Mermaid itself reads from a diagram (the shape of
`../shared/data/mermaid_journeys/valid/*.expected.json`), so the parser can be checked
against Mermaid field by field. The conversions below are the documented, lossy bridge:

Import (`mermaid_to_journey`):
- sections become stages, tasks become steps, in order; steps are linked one after the other
  (`next`) and the last one is `final`. Mermaid has no ids, so ids are slugs of the names
  (`Go to work` -> `go-to-work`), made unique with `-2`, `-3`...; a name without letters or
  digits gets `stage-N` / `step-N`.
- score s (1..5) -> emotion s - 3, kept to 6 decimal places; people -> actors, with blank
  and repeated names dropped; accTitle/accDescr -> accessible_title/accessible_description.
- a blank title falls back to accTitle, then to "Untitled journey"; a blank section name
  (tasks before the first `section`) becomes "Stage N". Front matter `config` is not kept.

Export (`journey_to_mermaid`), so that Mermaid reads back what was meant:
- emotion e -> score e + 3; a step without an emotion is written at the baseline, score 3.
- branches (`next`) are not drawn: steps are written in stage order.
- characters Mermaid cannot hold in a name are replaced by their full-width forms (U+FF1A,
  U+FF03, U+FF1B, U+FF0C): `:` `#` `;` in titles (`:` is fine there), section, task and actor
  names, and `,` in actor names; line breaks and NUL become spaces; a task name's leading
  `%%` (a comment to Mermaid) becomes `%`.
- a task name Mermaid would read as a statement (`Title page`, `Journey home`, `Section 2`)
  gets an invisible zero-width space (U+200B) in front; import drops leading ones again.
- a multi-line accessible description is written as `accDescr { ... }`, with `}` replaced by
  U+FF5D, a line's leading `%%` by `%`, and each line's leading blanks dropped, as Mermaid
  itself would.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from cxmap.model.journey import Journey, Stage, Step

#: What JavaScript's `\s` and `String.prototype.trim` treat as white space (Mermaid runs on JS).
JS_WHITESPACE = (
    "\t\n\x0b\x0c\r \xa0\u1680"
    + "".join(chr(code) for code in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
JS_SPACE = f"[{re.escape(JS_WHITESPACE)}]"
#: Case-insensitive, ASCII word boundary: how Mermaid's lexer recognises its keywords.
STATEMENT_START = re.compile(
    rf"journey(?![A-Za-z0-9_])|title{JS_SPACE}|section{JS_SPACE}"
    rf"|accTitle{JS_SPACE}*:|accDescr{JS_SPACE}*[:{{]",
    re.IGNORECASE | re.ASCII,
)
ZERO_WIDTH_SPACE = "\u200b"
UNTITLED = "Untitled journey"
BASELINE_SCORE = 3.0
SCORE_DECIMALS = 6
#: Every blank either JavaScript or Python would trim, so a trimmed text stays trimmed.
BLANKS = JS_WHITESPACE + "".join(char for char in map(chr, range(0x3001)) if char.isspace())
#: Mermaid skips a token starting with `%%`, or with any character but `}` and then `%%`.
COMMENT_START = re.compile(r"%%|[^}]%%")
_FULL_WIDTH = {":": "\uff1a", "#": "\uff03", ";": "\uff1b", ",": "\uff0c", "}": "\uff5d"}

Score = Annotated[float, Field(ge=1, le=5, allow_inf_nan=False)]


class MermaidModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class MermaidTask(MermaidModel):
    task: str
    score: Score
    people: list[str] = Field(default_factory=list)


class MermaidSection(MermaidModel):
    name: str
    tasks: list[MermaidTask] = Field(default_factory=list)


class MermaidJourney(MermaidModel):
    """One `journey` diagram as Mermaid reads it: texts verbatim, untrimmed where Mermaid is."""

    title: str | None = None
    acc_title: str | None = Field(default=None, alias="accTitle")
    acc_descr: str | None = Field(default=None, alias="accDescr")
    frontmatter_config: dict[str, Any] | None = Field(default=None, alias="frontmatterConfig")
    sections: list[MermaidSection] = Field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        """The shape of the `.expected.json` fixtures: `title` always, the rest when set."""
        data: dict[str, Any] = {"title": self.title}
        optional = {
            "accTitle": self.acc_title,
            "accDescr": self.acc_descr,
            "frontmatterConfig": self.frontmatter_config,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        data["sections"] = [section.model_dump() for section in self.sections]
        return data


def score_to_emotion(score: float) -> float:
    return round(score - BASELINE_SCORE, SCORE_DECIMALS)


def emotion_to_score(emotion: float | None) -> float:
    """No emotion is drawn at the baseline: Mermaid needs a score on every task."""
    if emotion is None:
        return BASELINE_SCORE
    return round(emotion + BASELINE_SCORE, SCORE_DECIMALS)


def slug(text: str) -> str:
    """ASCII id from a name (`Café Zoë` -> `cafe-zoe`); empty when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")


class IdMaker:
    """Hands out ids that are unique within one namespace: `pay`, `pay-2`, `pay-3`."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, name: str, fallback: str) -> str:
        base = slug(name) or fallback
        ident, counter = base, 2
        while ident in self._used:
            ident, counter = f"{base}-{counter}", counter + 1
        self._used.add(ident)
        return ident


def actor_names(people: list[str]) -> list[str]:
    """People as names: trimmed, blanks and repeats dropped (`Me,,Me` is just `Me`)."""
    names: list[str] = []
    for person in people:
        name = person.strip(BLANKS)
        if name and name not in names:
            names.append(name)
    return names


def mermaid_to_journey(diagram: MermaidJourney) -> Journey:
    """A parsed diagram as a linear journey: one stage per section, one step per task."""
    title = _first_text(diagram.title, diagram.acc_title) or UNTITLED
    stage_ids, step_ids = IdMaker(), IdMaker()
    planned: list[tuple[str, str, list[tuple[str, str, MermaidTask]]]] = []
    step_count = 0
    for number, section in enumerate(diagram.sections, start=1):
        stage_name = section.name.strip(BLANKS) or f"Stage {number}"
        stage_id = stage_ids.make(stage_name, f"stage-{number}")
        steps: list[tuple[str, str, MermaidTask]] = []
        for task in section.tasks:
            step_count += 1
            name = task.task.lstrip(ZERO_WIDTH_SPACE + BLANKS).rstrip(BLANKS)
            name = name or f"Step {step_count}"
            steps.append((step_ids.make(name, f"step-{step_count}"), name, task))
        planned.append((stage_id, stage_name, steps))
    order = [step_id for _, _, steps in planned for step_id, _, _ in steps]
    following = dict(itertools.pairwise(order))
    stages = [
        Stage(
            id=stage_id,
            name=stage_name,
            steps=[
                Step(
                    id=step_id,
                    name=name,
                    emotion=score_to_emotion(task.score),
                    actors=actor_names(task.people),
                    next=[following[step_id]] if step_id in following else [],
                    final=step_id not in following,
                )
                for step_id, name, task in steps
            ],
        )
        for stage_id, stage_name, steps in planned
    ]
    return Journey(
        id=slug(title) or "journey",
        title=title,
        accessible_title=diagram.acc_title or "",
        accessible_description=diagram.acc_descr or "",
        stages=stages,
    )


def _first_text(*candidates: str | None) -> str:
    for candidate in candidates:
        text = (candidate or "").strip(BLANKS)
        if text:
            return text
    return ""


def journey_to_mermaid(journey: Journey) -> MermaidJourney:
    """The journey as a diagram Mermaid reads back unchanged (see the module docstring)."""
    return MermaidJourney(
        title=_one_line(journey.title, "#;") or UNTITLED,
        acc_title=_one_line(journey.accessible_title, "") or None,
        acc_descr=description_text(journey.accessible_description) or None,
        sections=[
            MermaidSection(
                name=_one_line(stage.name, ":#;") or f"Stage {number}",
                tasks=[
                    MermaidTask(
                        task=task_text(step.name),
                        score=emotion_to_score(step.emotion),
                        people=actor_names([_one_line(actor, ":#;,") for actor in step.actors]),
                    )
                    for step in stage.steps
                ],
            )
            for number, stage in enumerate(journey.stages, start=1)
        ],
    )


def _one_line(text: str, forbidden: str) -> str:
    """`text` on one line, `forbidden` characters swapped for their full-width forms."""
    for char in ("\r\n", "\r", "\n", "\x00"):
        text = text.replace(char, " ")
    for char in forbidden:
        text = text.replace(char, _FULL_WIDTH[char])
    return text.strip(BLANKS)


def task_text(name: str) -> str:
    """A step name Mermaid reads as a task name, not as a keyword or a comment."""
    text = _one_line(name, ":#;").lstrip(ZERO_WIDTH_SPACE + BLANKS) or "Step"
    if COMMENT_START.match(text):
        text = re.sub("%+", "%", text, count=1)
    return ZERO_WIDTH_SPACE + text if STATEMENT_START.match(text) else text


def description_text(text: str) -> str:
    """The description as Mermaid would read it back (trimmed, no leading blanks on lines).

    One line is written as `accDescr: ...` and needs no change; several lines go into
    `accDescr { ... }`, where `}` would end the block and a line starting `%%` is a comment.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " ")
    text = re.sub(rf"\n{JS_SPACE}+", "\n", text.strip(JS_WHITESPACE))
    if "\n" not in text:
        return text
    text = text.replace("}", _FULL_WIDTH["}"])
    return re.sub(r"(?m)^%{2,}", "%", text)
