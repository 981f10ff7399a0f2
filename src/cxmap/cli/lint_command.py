"""`cxmap lint`: does the journey make sense and have a logical flow?"""

from __future__ import annotations

import json
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from cxmap.cli.output import err, out, reported_errors
from cxmap.model.lint import RULES, FindingSeverity
from cxmap.services import linting
from cxmap.services.evidence_summary_files import read_evidence_summary

COLOURS = {
    FindingSeverity.ERROR: "red",
    FindingSeverity.WARNING: "yellow",
    FindingSeverity.INFO: "cyan",
}


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Add `cxmap lint` to `app`."""
    app.command()(lint)


def lint(
    file: Annotated[Path, typer.Argument(help="Journey file (.yaml, .yml, .json).")],
    counterpart: Annotated[
        Path | None,
        typer.Option(
            "--counterpart",
            "-c",
            help="The current/desired counterpart's file; default: the file beside FILE "
            "whose id is FILE's `counterpart`.",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text (one line each) or json.")
    ] = OutputFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    evidence: Annotated[
        Path | None,
        typer.Option(
            "--evidence",
            help="Compare with the evidence per step: the JSON `cxmap evidence summary --json` "
            "prints (turns on CX030-CX032).",
        ),
    ] = None,
) -> None:
    """Check a journey's logic: flow, needs, owners, evidence, and gaps to its counterpart.

    Exit 0 when there are no errors; warnings and info do not fail.
    Exit 1 on errors, on warnings with --strict, or when the file is not a valid journey.
    """
    with reported_errors():
        by_step = read_evidence_summary(evidence) if evidence is not None else None
        report = linting.lint_file(file, counterpart, by_step)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps([_record(f) for f in report.findings], indent=2, ensure_ascii=False))
    else:
        for finding in report.findings:
            out.print(escape(finding.describe()))
        _print_summary(report, strict)
    if report.failed(strict):
        raise typer.Exit(1)


def _record(finding: linting.LocatedFinding) -> dict[str, Any]:
    return {**finding.model_dump(mode="json"), "location": finding.location}


def _counted(count: int, severity: FindingSeverity) -> str:
    plural = "s" if count != 1 and severity is not FindingSeverity.INFO else ""
    return f"{count} {severity.value}{plural}"


def _print_summary(report: linting.LintReport, strict: bool) -> None:
    """A table of findings per rule, then one line of totals; on stderr, so stdout stays lines."""
    compared = f" (compared with {report.counterpart_file})" if report.counterpart_file else ""
    if not report.findings:
        err.print(f"[green]no findings[/green] in {escape(report.file)}{escape(compared)}")
        return
    per_rule = Counter(finding.rule for finding in report.findings)
    table = Table("rule", "name", "severity", "count", title=f"lint {escape(report.file)}")
    for rule_id, count in sorted(per_rule.items()):
        rule = RULES[rule_id]
        colour = COLOURS[rule.severity]
        table.add_row(rule_id, rule.name, f"[{colour}]{rule.severity.value}[/]", str(count))
    err.print(table)
    totals = ", ".join(
        f"[{COLOURS[severity]}]{_counted(report.count(severity), severity)}[/]"
        for severity in FindingSeverity
    )
    verdict = "[red]failed[/red]" if report.failed(strict) else "[green]passed[/green]"
    mode = " (--strict: warnings fail)" if strict else ""
    err.print(f"{totals}{escape(compared)}: {verdict}{mode}")
