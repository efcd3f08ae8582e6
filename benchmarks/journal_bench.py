"""The dossier's lists on the large database, next to their floor: the journal of a case with
2,000 entries and their links, and the meldcode and verwijsindex reminders over 10,000
households.

The database is made by benchmarks/generate_large_db.py's `generate()` (its dossier rows: a
journal for every case, meldcode records on ~6% of them); the largest case's journal is then
topped up to 2,000 entries (its own seeded stream), each linked to one or two things of the
case, ~8% of them the consultant's working notes and ~3% corrections. Measured, with medians of
--runs after a warm-up:

  * `journal.journal` of that case (every entry as a DTO with its links and corrections, and
    whether it is still editable), the same with a search text, and the overview's
    `journal.latest_contacts`;
  * `meldcode.meldcode_reminders` and `verwijsindex.verwijsindex_reminders` over every case;
  * the floor of each, in the same run: the very statements the service sends, replayed on the
    driver and fetched, without building DTOs.

    .venv/bin/python benchmarks/journal_bench.py [--runs 7] [--db PATH] [--no-write]

--db PATH measures a copy of an existing large database instead of generating one (it is
upgraded to the current schema on opening; the journal is topped up the same way).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from typing import TypeVar

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from perf_report import cpu  # noqa: E402
from perf_report import write_section  # noqa: E402

MARK_START, MARK_END = "<!-- journal_bench:start -->", "<!-- journal_bench:end -->"
#: The generator's "now".
TODAY = dt.date(2026, 11, 1)
#: How long the measured journal is.
ENTRIES = 2_000
T = TypeVar("T")


def timed(fn: Callable[[], T], runs: int) -> tuple[float, T]:
    """The median milliseconds of `runs` calls after one warm-up, and the last result."""
    result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


# ---------------------------------------------------------------- the database


def prepare(folder: Path, existing: Path | None) -> Path:
    """The large database: generated now, or a copy of `existing` upgraded on opening."""
    path = folder / "large.sqlite"
    if existing is not None:
        shutil.copyfile(existing, path)
    else:
        from generate_large_db import generate

        generate(path, 10_000)
    from jeugdtool.store.engine import open_database

    open_database(path).close()  # brings an older copy to the current schema
    return path


def largest_case(path: Path) -> int:
    """The case with the most journal entries (the generator's largest case)."""
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT h.id FROM households h LEFT JOIN journal_entries e ON e.household_id = h.id "
            "WHERE h.status = 'open' GROUP BY h.id ORDER BY count(e.id) DESC, h.id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return int(row[0])


def top_up(db: Any, case_id: int, author_id: int | None, author: str) -> int:
    """Entries for `case_id` until it has ENTRIES, by `author`, each with one or two links
    to map items and ZRM domains of the case; returns how many were added."""
    from sqlalchemy import func
    from sqlalchemy import insert
    from sqlalchemy import select

    from jeugdtool.dossier.models import JournalEntry
    from jeugdtool.dossier.models import JournalLink
    from jeugdtool.framework.models import MapItem

    rnd = random.Random(20261206)
    now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    stamp = {"version": 1, "created_at": now, "created_by": author}
    stamp |= {"updated_at": now, "updated_by": author}
    with db.engine.begin() as conn:
        have = conn.scalar(select(func.count()).where(JournalEntry.household_id == case_id))
        targets = [
            ("map_item", lineage, text[:80])
            for lineage, text in conn.execute(
                select(MapItem.lineage, func.max(MapItem.text))
                .where(MapItem.household_id == case_id)
                .group_by(MapItem.lineage)
            )
        ] or [("help_item", "1", "Hulp")]
        first = (conn.scalar(select(func.max(JournalEntry.id))) or 0) + 1
        entries, links = [], []
        for n in range(ENTRIES - have):
            entry_id = first + n
            day = TODAY - dt.timedelta(days=rnd.randint(0, 3 * 365))
            working = rnd.random() < 0.08
            corrects = entry_id - 1 if n and not working and rnd.random() < 0.03 else None
            entries.append(
                {
                    "id": entry_id,
                    "household_id": case_id,
                    "occurred_on": day,
                    "occurred_at": dt.time(rnd.randint(8, 20), 0),
                    "kind": rnd.choice(["home_visit", "phone_call", "consultation", "email"]),
                    "author_id": author_id,
                    "author": author,
                    "participants": ("Moeder", "Vader") if rnd.random() < 0.5 else (),
                    "note": "Huisbezoek: de afspraken van het plan doorgelopen. " * 4,
                    "working_note": working,
                    "corrects_id": corrects,
                    "recorded_at": now - dt.timedelta(days=(TODAY - day).days),
                    **stamp,
                }
            )
            for kind, key, label in rnd.sample(targets, min(len(targets), rnd.randint(1, 2))):
                links.append(
                    {
                        "household_id": case_id,
                        "entry_id": entry_id,
                        "target_kind": kind,
                        "target_key": key,
                        "target_label": label,
                        **stamp,
                    }
                )
        if entries:
            conn.execute(insert(JournalEntry), entries)
            conn.execute(insert(JournalLink), links)
    return len(entries)


def counts(path: Path, case_id: int) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        one = lambda sql, *a: conn.execute(sql, a).fetchone()[0]  # noqa: E731
        return {
            "households": one("SELECT count(*) FROM households"),
            "journal entries": one("SELECT count(*) FROM journal_entries"),
            "journal links": one("SELECT count(*) FROM journal_links"),
            "the case's entries": one(
                "SELECT count(*) FROM journal_entries WHERE household_id = ?", case_id
            ),
            "the case's links": one(
                "SELECT count(*) FROM journal_links WHERE household_id = ?", case_id
            ),
            "meldcode records": one("SELECT count(*) FROM meldcode_records"),
            "open meldcode records": one(
                "SELECT count(*) FROM meldcode_records WHERE status = 'open'"
            ),
            "verwijsindex signals": one("SELECT count(*) FROM verwijsindex_signals"),
        }
    finally:
        conn.close()


# ---------------------------------------------------------------- measuring


def _statements(db: Any, fn: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SQL statements (with their parameters) `fn` sends."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    return seen


def _replay(db: Any, statements: list[tuple[str, Any]]) -> int:
    """Run the statements on the driver in one transaction and fetch every row: the floor."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        rows = 0
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            rows += len(cursor.fetchall())
        raw.rollback()
        return rows
    finally:
        raw.close()


def measure(name: str, db: Any, fn: Callable[[], Any], runs: int) -> dict[str, Any]:
    """`fn` timed, its result's length, and its floor: its statements replayed and fetched."""
    ms, result = timed(fn, runs)
    statements = _statements(db, fn)
    floor_ms, rows = timed(lambda: _replay(db, statements), runs)
    return {
        "what": name,
        "ms": ms,
        "found": len(result),
        "floor_ms": floor_ms,
        "statements": len(statements),
        "rows": rows,
    }


def run(path: Path, case_id: int, runs: int) -> list[dict[str, Any]]:
    from jeugdtool.dossier import journal
    from jeugdtool.dossier import meldcode
    from jeugdtool.dossier import verwijsindex
    from jeugdtool.dossier.dto import JournalFilter
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    db = open_database(path)
    try:
        author_id = _author(db, case_id)
        uow = UnitOfWork(db, "benchmark", author_id)
        search = JournalFilter(text="afspraken plan", include_working_notes=True)
        return [
            measure("journal", db, lambda: journal.journal(uow, case_id, today=TODAY), runs),
            measure(
                "journal, searched",
                db,
                lambda: journal.journal(uow, case_id, search, today=TODAY),
                runs,
            ),
            measure(
                "latest contacts",
                db,
                lambda: journal.latest_contacts(uow, case_id),
                runs,
            ),
            measure(
                "meldcode reminders",
                db,
                lambda: meldcode.meldcode_reminders(uow, today=TODAY),
                runs,
            ),
            measure(
                "verwijsindex reminders",
                db,
                lambda: verwijsindex.verwijsindex_reminders(uow, today=TODAY),
                runs,
            ),
        ]
    finally:
        db.close()


def _author(db: Any, case_id: int) -> int | None:
    """The consultant of the case (whose working notes the journal shows)."""
    from sqlalchemy import select

    from jeugdtool.cases.models import Household

    with db.engine.connect() as conn:
        return conn.scalar(select(Household.case_manager_id).where(Household.id == case_id))


# ---------------------------------------------------------------- the report

LABELS = {
    "journal": "The journal of one case: {entries:,} entries with {links:,} links, as DTOs",
    "journal, searched": "The same journal, searched for two words (folded)",
    "latest contacts": "The overview's three latest contacts of that case",
    "meldcode reminders": "Meldcode reminders over {households:,} households "
    "({open:,} open records)",
    "verwijsindex reminders": "Verwijsindex reminders over {households:,} households "
    "({signals:,} signals)",
}


def _ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 1 else f"{value:.1f} ms"


def report(results: list[dict[str, Any]], found: dict[str, int], runs: int) -> str:
    from importlib.metadata import version

    machine = f"{cpu()}, Python {platform.python_version()}, SQLAlchemy {version('SQLAlchemy')}"
    machine += f", {platform.system()} {platform.release()}"
    names = {
        "entries": found["the case's entries"],
        "links": found["the case's links"],
        "households": found["households"],
        "open": found["open meldcode records"],
        "signals": found["verwijsindex signals"],
    }
    lines = [
        MARK_START,
        "",
        f"Measured {dt.date.today().isoformat()} by `benchmarks/journal_bench.py` (medians of "
        f"{runs} runs after a warm-up; today = {TODAY.isoformat()}; SQLite file; load average "
        f"{os.getloadavg()[0]:.1f} at the end) on: {machine}. "
        f"The database: {found['households']:,} households, {found['journal entries']:,} journal "
        f"entries with {found['journal links']:,} links, {found['meldcode records']:,} meldcode "
        f"records.",
        "",
        "| what | result | floor: the same SQL, fetched | statements | found |",
        "|---|---|---|---|---|",
    ]
    for row in results:
        label = LABELS[row["what"]].format(**names)
        lines.append(
            f"| {label} | {_ms(row['ms'])} | {_ms(row['floor_ms'])} ({row['rows']:,} rows) "
            f"| {row['statements']} | {row['found']:,} |"
        )
    lines += ["", MARK_END]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="measure a copy of this large database")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit the docs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = prepare(Path(folder), args.db)
        case_id = largest_case(path)
        from jeugdtool.store.engine import open_database

        db = open_database(path)
        try:
            added = top_up(db, case_id, _author(db, case_id), "benchmark")
        finally:
            db.close()
        found = counts(path, case_id)
        print(f"case {case_id}: {added} entries added; {found}")
        results = run(path, case_id, args.runs)
    section = report(results, found, args.runs)
    print(section)
    if not args.no_write:
        write_section(section, MARK_START, MARK_END)


if __name__ == "__main__":
    main()
