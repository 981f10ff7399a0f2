"""How fast an evidence import is: 100,000 survey rows with comments (a script, not a test).

    uv run python benchmarks/ingest.py                    # 100,000 rows, seed 7
    uv run python benchmarks/ingest.py --rows 20000 --keep /tmp/ingest

The survey comes from the shared fixture generator (`gen_survey_responses.py`: correlated
NPS, CSAT and CES, comments whose tone follows them), made varied the way real exports are:
most comments get a second sentence drawn from the human-rated tweets and the consumer
complaints beside it, so nearly every text is distinct (VADER scores each distinct text
once, so a repetitive file would flatter it), and 30 % of the rows lose their touchpoint,
so mapping does real work (the journey's keyword rules, then TF-IDF similarity).

It is imported into a fresh SQLite store through the service, exactly as `cxmap evidence
import` does, and the summary (per-step aggregates, themes, departments) is computed as
`cxmap evidence summary` does. Printed: rows/s of each stage (parse, map, sentiment,
store), of the summary, and of the whole import, which the issue wants under 60 s (wall
time, so the load average is printed too, and the import's CPU time); and, as a peer, a
plain `csv.reader` pass over the same file, the floor any CSV parse stands on.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import random
import resource
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from cxmap.model.evidence_import import EvidenceSource
from cxmap.model.evidence_record import ImportReport, ImportStage
from cxmap.model.validation import parse_journey
from cxmap.services.evidence_import import EvidenceImports, ImportRequest
from cxmap.services.evidence_summary import EvidenceSummaries
from cxmap.settings import Settings
from cxmap.store import Accounts, Database, Journeys, Workspaces
from cxmap.store.schema import upgrade

FEEDBACK = Path(__file__).resolve().parents[2] / "shared" / "data" / "feedback_text"
#: Share of comments that get a second sentence from the tweet and complaint pool.
SECOND_SENTENCE = 0.7
#: Share of rows whose touchpoint is blanked, so that mapping has to guess.
NO_TOUCHPOINT = 0.3
AIM_S = 60.0

STEPS = {
    "website": ("Website", "Browses the website, search, navigation, logging in", "website"),
    "mobile_app": ("Mobile app", "Uses the app on a phone: orders, login, updates", "app"),
    "checkout": ("Checkout", "Pays for the basket: payment, card, guest checkout", "payment"),
    "delivery": ("Delivery", "The parcel arrives: courier, tracking, packaging", "parcel"),
    "support_chat": ("Support chat", "Asks the chat agent or bot for help", "chat"),
    "call_centre": ("Call centre", "Phones the call centre, waits on hold", "phone"),
    "returns": ("Returns", "Sends an item back and waits for the refund", "refund"),
    "billing": ("Billing", "Reads the invoice and is charged: fees, direct debit", "invoice"),
    "store": ("Store", "Visits a shop: staff, queue, till, stock", "staff"),
}


def journey_document() -> dict[str, Any]:
    steps = [
        {"id": step, "name": name, "description": description, "match": {"keywords": [word]}}
        for step, (name, description, word) in STEPS.items()
    ]
    return {
        "id": "retail",
        "title": "Retail customer journey",
        "stages": [
            {"id": "shop", "name": "Shop", "steps": steps[:5]},
            {"id": "after", "name": "After the purchase", "steps": steps[5:]},
        ],
    }


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_survey", FEEDBACK / "gen_survey_responses.py"
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {FEEDBACK / 'gen_survey_responses.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sentence_pool() -> list[str]:
    """Human-rated tweets and the first sentence of each consumer complaint."""
    pool = []
    with (FEEDBACK / "vader_tweets_GroundTruth.txt").open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) == 3 and parts[2].strip():
                pool.append(parts[2].strip())
    with (FEEDBACK / "cfpb_complaints_normalised.csv").open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            first = row["narrative_normalised"].split(". ")[0].strip()
            if first:
                pool.append(first[:200])
    return pool


def write_survey(path: Path, rows: int, seed: int) -> None:
    generator = load_generator()
    answers = generator.generate(rows, seed)
    pool = sentence_pool()
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(generator.COLUMNS)
        for answer in answers:
            if answer[6] and rng.random() < SECOND_SENTENCE:
                answer[6] = f"{answer[6]} {rng.choice(pool)}"
            if rng.random() < NO_TOUCHPOINT:
                answer[2] = ""
            writer.writerow(answer)


def plain_csv_pass(path: Path) -> float:
    """The peer: csv.reader over the file, scores parsed to int, nothing else."""
    started = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        next(reader)
        for row in reader:
            for cell in row[3:6]:
                if cell:
                    int(cell)
    return time.perf_counter() - started


def fresh_store(folder: Path) -> tuple[Settings, Database, Any, Any]:
    settings = Settings(data_dir=folder)
    upgrade(settings.database_url)
    database = Database.open(settings.database_url)
    with database.writing() as session:
        owner = Accounts(session).create_user("bench@example.com", "Bench", None).id
        workspace = Workspaces(session).create("bench", "Bench", owner=owner).id
        journey = Journeys(session).create(workspace, parse_journey(journey_document()), by=owner)
    return settings, database, workspace, journey.id


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the sentiment workers): less
    swayed than wall time by whatever else the machine runs."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:>12,.0f}" if seconds > 0 else f"{'-':>12}"


def report_lines(rows: int, report: ImportReport, whole: float, summary: float) -> list[str]:
    seconds = report.seconds
    lines = [f"{'stage':<26}{'seconds':>9}{'rows/s':>13}"]
    names = {
        ImportStage.READ: "parse (read + check)",
        ImportStage.MAP: "mapping to steps",
        ImportStage.SENTIMENT: "sentiment (VADER)",
        ImportStage.STORE: "store (one transaction)",
    }
    for stage, name in names.items():
        took = seconds.get(stage, 0.0)
        lines.append(f"{name:<26}{took:>9.2f}{rate(rows, took)}")
    lines.append(f"{'aggregation (summary)':<26}{summary:>9.2f}{rate(rows, summary)}")
    lines.append(f"{'whole import':<26}{whole:>9.2f}{rate(rows, whole)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it.")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="cxmap-ingest-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        survey = folder / "survey.csv"
        write_survey(survey, args.rows, args.seed)
        size_mb = survey.stat().st_size / 1e6
        print(f"survey: {args.rows:,} rows, {size_mb:.1f} MB, seed {args.seed} ({survey.name})")
        settings, database, workspace, journey = fresh_store(folder / "store")
        try:
            imports = EvidenceImports.from_settings(settings, database)
            request = ImportRequest(workspace, journey, EvidenceSource.SURVEY, survey)
            started, cpu = time.perf_counter(), cpu_seconds()
            report = imports.import_file(None, request)
            whole, whole_cpu = time.perf_counter() - started, cpu_seconds() - cpu
            started = time.perf_counter()
            summary = EvidenceSummaries(database).summary(None, workspace, journey)
            summarising = time.perf_counter() - started
        finally:
            database.close()
        peer = plain_csv_pass(survey)
    batch = report.batch
    print(
        f"imported {batch.imported:,} items ({batch.unmapped:,} unmapped, "
        f"{batch.rejected:,} rejected) onto {len(report.by_step)} steps; "
        f"summary of {summary.items:,} items"
    )
    for line in report_lines(batch.imported + batch.rejected, report, whole, summarising):
        print(line)
    parse = report.seconds.get(ImportStage.READ, 0.0)
    print(f"peer: plain csv.reader pass {peer:.2f} s ({rate(args.rows, peer).strip()} rows/s);")
    print(f"      cxmap's parse takes {parse / peer:.1f}x as long (it checks every value)")
    print(f"whole import CPU time {whole_cpu:.1f} s (this process and its sentiment workers)")
    verdict = "within" if whole < AIM_S else "OVER"
    print(f"whole import {whole:.1f} s: {verdict} the {AIM_S:.0f} s aim", end="")
    print(f" (load average before: {load_before:.1f}, after: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
