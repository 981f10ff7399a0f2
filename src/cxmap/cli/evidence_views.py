"""How `cxmap evidence` shows things: the import's progress bar, its summary table, the
per-step summary and the unmapped queue (Rich)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from cxmap.cli.output import err, out
from cxmap.model.evidence import MeanWithInterval, StepEvidence
from cxmap.model.evidence_record import EvidencePage, EvidenceSummary, ImportReport, ImportStage
from cxmap.model.journey import Journey

#: Characters of an item's text shown in a table.
EXCERPT = 70


class ImportProgressBar:
    """One bar per stage (read, map, sentiment, store), added as each stage starts."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("{task.description:<9}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self.tasks: dict[ImportStage, TaskID] = {}

    def __enter__(self) -> ImportProgressBar:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def update(self, stage: ImportStage, done: int, total: int | None) -> None:
        for earlier, task in self.tasks.items():  # a new stage finishes the ones before
            if earlier != stage:
                finished = self.progress.tasks[task].total
                self.progress.update(task, completed=finished)
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage.value, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)


def print_import_report(report: ImportReport, journey: str) -> None:
    batch = report.batch
    table = Table(
        title=f"imported {escape(batch.file_name)} into {escape(journey)}", show_header=False
    )
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in [
        ("items", batch.imported),
        ("on a step", batch.imported - batch.unmapped),
        ("unmapped (to review)", batch.unmapped),
        ("rejected rows", batch.rejected),
        ("redactions", batch.redactions),
        ("attachments", report.attachments),
    ]:
        table.add_row(label, f"{value:,}")
    for step, count in sorted(report.by_step.items(), key=lambda pair: -pair[1]):
        table.add_row(f"  {escape(step)}", f"{count:,}")
    seconds = ", ".join(f"{stage.value} {took:.1f}s" for stage, took in report.seconds.items())
    out.print(table)
    out.print(f"import {batch.id} ({seconds})")
    if report.reject_file:
        rows = _count(batch.rejected, "rejected row")
        err.print(f"[yellow]{rows}[/yellow] listed in {escape(report.reject_file)}")
    if report.withheld_files:
        documents = _count(report.withheld_files, "original document")
        err.print(f"{documents} not kept (their text was redacted)")
    if batch.unmapped:
        err.print("review the unmapped items: cxmap evidence unmapped --journey " + escape(journey))


def print_summary(summary: EvidenceSummary, journey: Journey) -> None:
    """One line per step (mean ± the 95 % interval's half-width), then themes, departments."""
    table = Table(title=f"evidence per step ({summary.items:,} items)")
    for heading in ("step", "items", "sentiment", "NPS", "CSAT %", "CES", "emotion", "pain"):
        table.add_column(heading, justify="left" if heading in {"step", "pain"} else "right")
    for step in journey.steps():
        found = summary.steps.get(step.id)
        if found is None:
            table.add_row(escape(step.id), "0", *[""] * 6)
        else:
            table.add_row(*_step_cells(found))
    out.print(table)
    for found in summary.steps.values():
        if found.themes:
            themes = ", ".join(f"{theme.phrase} ({theme.count})" for theme in found.themes)
            out.print(f"[bold]{escape(found.step)}[/bold] themes: {escape(themes)}")
    if summary.departments:
        _print_departments(summary)
    if summary.unmapped:
        out.print(f"{_count(summary.unmapped, 'item')} wait for a step: cxmap evidence unmapped")


def _print_departments(summary: EvidenceSummary) -> None:
    table = Table(title="departments")
    for heading in ("department", "items", "kinds", "steps", "sentiment"):
        table.add_column(heading)
    for each in summary.departments:
        table.add_row(
            escape(each.department or "(none)"),
            f"{each.items:,}",
            ", ".join(f"{kind} {count}" for kind, count in each.kinds.items()),
            ", ".join(f"{escape(step)} {count}" for step, count in each.steps.items()),
            "" if each.mean_sentiment is None else f"{each.mean_sentiment:+.2f}",
        )
    out.print(table)


def _step_cells(found: StepEvidence) -> list[str]:
    return [
        escape(found.step),
        f"{found.items:,}",
        _mean(found.sentiment, "+.2f"),
        _mean(found.nps, "+.0f"),
        _mean(found.csat, ".0f"),
        _mean(found.ces, ".1f"),
        _mean(found.emotion, "+.1f"),
        ", ".join(reason.value for reason in found.pain),
    ]


def _mean(value: MeanWithInterval | None, fmt: str) -> str:
    """`+0.18±0.08`: the mean and the half-width of its interval (none below two answers)."""
    if value is None:
        return ""
    shown = format(value.mean, fmt)
    if value.interval is None:
        return shown
    half = (value.interval.high - value.interval.low) / 2
    return f"{shown}±{format(half, fmt.lstrip('+'))}"


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


def print_unmapped(page: EvidencePage) -> None:
    """Two lines per item (id, kind, row and best guess; then its words), full ids kept whole
    so they can be copied into `cxmap evidence assign`."""
    if not page.items:
        out.print("no items wait for a step")
        return
    out.print(f"{_count(page.total, 'item')} wait for a step (oldest first):")
    for item in page.items:
        guess = item.mapping.candidate
        shown = f"best guess {guess} ({item.mapping.confidence:.2f})" if guess else "no guess"
        source = escape(item.draft.source or item.draft.kind.value)
        out.print(f"{item.id}  {item.draft.kind.value}, {source} row {item.draft.row}, {shown}")
        text = " ".join(item.draft.text.split()) or "(no text)"
        excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
        out.print(f"    {escape(excerpt)}")
    out.print("place one with: cxmap evidence assign ITEM STEP")
