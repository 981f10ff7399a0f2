"""Mermaid `journey` text from a diagram or a journey.

The writer is verbatim: every text in a `MermaidJourney` is written exactly, so a diagram
read by `cxmap.ingest.mermaid` is written back to text that reads the same. A journey is first
turned into a diagram Mermaid can hold (`journey_to_mermaid`: names made safe, emotions as
scores); see `cxmap.model.mermaid` for what that changes.
"""

from __future__ import annotations

import yaml

from cxmap.model.journey import Journey
from cxmap.model.mermaid import MermaidJourney, MermaidSection, MermaidTask, journey_to_mermaid

INDENT = "  "


def journey_to_mermaid_text(journey: Journey) -> str:
    return mermaid_text(journey_to_mermaid(journey))


def mermaid_text(diagram: MermaidJourney) -> str:
    """The diagram as Mermaid source, one statement per line, ending with a newline."""
    lines = [*_front_matter(diagram), "journey"]
    if diagram.title is not None:
        lines.append(f"{INDENT}title {diagram.title}")
    if diagram.acc_title is not None:
        lines.append(f"{INDENT}accTitle: {diagram.acc_title}")
    if diagram.acc_descr is not None:
        lines.extend(_description(diagram.acc_descr))
    for position, section in enumerate(diagram.sections):
        lines.extend(_section(section, first=position == 0))
    return "\n".join(lines) + "\n"


def _front_matter(diagram: MermaidJourney) -> list[str]:
    if diagram.frontmatter_config is None:
        return []
    config = yaml.safe_dump(
        {"config": diagram.frontmatter_config},
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
    )
    return ["---", *config.splitlines(), "---"]


def _description(text: str) -> list[str]:
    if "\n" not in text:
        return [f"{INDENT}accDescr: {text}"]
    body = [f"{INDENT * 2}{line}" for line in text.split("\n")]
    return [f"{INDENT}accDescr {{", *body, f"{INDENT}}}"]


def _section(section: MermaidSection, first: bool) -> list[str]:
    """Tasks of Mermaid's unnamed leading section are written before any `section` line."""
    unnamed = first and section.name == ""
    header = [] if unnamed else [f"{INDENT}section {section.name}"]
    depth = INDENT if unnamed else INDENT * 2
    return header + [depth + _task(task) for task in section.tasks]


def _task(task: MermaidTask) -> str:
    """`name: score` without people, `name: score: A, B` with them (`name: 5:` for [""])."""
    score = str(int(task.score)) if task.score.is_integer() else repr(task.score)
    if not task.people:
        return f"{task.task}: {score}"
    return f"{task.task}: {score}: {', '.join(task.people)}".rstrip(" ")
