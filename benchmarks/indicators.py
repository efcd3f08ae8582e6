"""The outcome indicators over 10,000 households (issue 16: under 1 s on SQLite), next to their
floor, and on PostgreSQL under the access rules.

The database is made by benchmarks/generate_large_db.py's `generate()` (its help items, closings
and new starts when it has them; a database without closings gets one per closed case, as
migration 0010 gives them, so the indicators then count closings only). Measured, with medians
of --runs after a warm-up:

  * `indicator_queries.indicators` over one quarter and over a year, and `by_quarter` over the
    four quarters of that year (one read, four computations);
  * the floor of the same run: the very statements `indicators` sends, replayed on the driver
    and fetched, without building facts or computing anything;
  * with --pg URL (or $JEUGDTOOL_TEST_PG_URL): the same on a team database (the copy and the
    teams of benchmarks/team_case_list.py), as the owner (not bound by the policies), a team
    leader and a consultant.

    .venv/bin/python benchmarks/indicators.py [--runs 7] [--pg URL] [--no-write] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from typing import TypeVar

from perf_report import cpu
from perf_report import write_section

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPORT = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- indicators:start -->", "<!-- indicators:end -->"
#: The generator's "now" is 2026-11-01: a quarter whose six-month windows have passed, and a
#: whole year for the twelve-month ones.
TODAY = dt.date(2026, 11, 1)
QUARTER = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
#: The tables the indicators read, copied to the team database after team_case_list's own.
OUTCOME_TABLES = (
    "case_closings",
    "closing_goal_outcomes",
    "client_experiences",
    "new_starts",
    "help_items",
    "scale_scores",
    "zrm_assessments",
    "zrm_domain_scores",
)

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
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


def prepare(folder: Path) -> tuple[Path, dict[str, int]]:
    """The large database, made now by the generator; closings added when it made none."""
    from generate_large_db import generate

    path = folder / "large.sqlite"
    generate(path, 10_000)
    counts: dict[str, int] = {}
    conn = sqlite3.connect(path)
    with conn:
        if conn.execute("SELECT count(*) FROM case_closings").fetchone()[0] == 0:
            conn.execute(
                "INSERT INTO case_closings (household_id, closed_on, reason, "
                "further_help_detail, version, created_at, created_by, updated_at, updated_by) "
                "SELECT id, closed_on, COALESCE(close_reason, ''), '', 1, created_at, "
                "'benchmark', updated_at, 'benchmark' FROM households WHERE closed_on IS NOT NULL"
            )
            counts["closings added by the benchmark"] = conn.total_changes
    tables = ("households", *OUTCOME_TABLES)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables} | counts
    conn.close()
    return path, counts


# ---------------------------------------------------------------- measuring


def _filter(span: tuple[dt.date, dt.date]) -> Any:
    from jeugdtool.outcomes.indicators import IndicatorFilter

    return IndicatorFilter(*span)


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


def measure_db(db: Any, runs: int) -> dict[str, Any]:
    """The indicators as `db`'s login: a quarter, a year, the year's quarters, and the floor."""
    from jeugdtool.outcomes.indicator_queries import by_quarter
    from jeugdtool.outcomes.indicator_queries import indicators
    from jeugdtool.store.uow import UnitOfWork

    uow = UnitOfWork(db, "benchmark")
    quarter, year = _filter(QUARTER), _filter(YEAR)
    out: dict[str, Any] = {}
    out["quarter_ms"], result = timed(lambda: indicators(uow, quarter, today=TODAY), runs)
    out["closings"] = result.production.closed
    out["indicators"] = {n: (r.numerator, r.denominator) for n, r in result.indicators.items()}
    out["help_kinds"] = len(result.production.help_by_kind)
    statements = _statements(db, lambda: indicators(uow, quarter, today=TODAY))
    out["statements"] = len(statements)
    out["floor_ms"], out["floor_rows"] = timed(lambda: _replay(db, statements), runs)
    out["year_ms"], result = timed(lambda: indicators(uow, year, today=TODAY), runs)
    out["year_closings"] = result.production.closed
    out["by_quarter_ms"], _ = timed(lambda: by_quarter(uow, year, today=TODAY), runs)
    return out


def measure_pg(pg_url: str, large: Path, runs: int, keep: bool) -> dict[str, Any]:
    """The same on a team database: the owner (the floor of the policies), a team leader and a
    consultant. The copy and the teams are team_case_list's, with the outcome tables too."""
    import team_case_list as tcl

    from jeugdtool.store.engine import open_database

    # team_case_list copies its module's LARGE and COPIED: point them at this run's file and
    # add the tables the indicators read (parents first).
    tcl.LARGE = large
    tcl.COPIED = (*tcl.COPIED, *OUTCOME_TABLES)
    results: dict[str, Any] = {}
    with tcl.team_database(pg_url, keep) as server:
        for who, url in (
            ("owner", server.url),
            ("team leader", server.login_url("team leader")),
            ("consultant", server.login_url("consultant")),
        ):
            db = open_database(url)
            results[who] = measure_db(db, runs)
            db.close()
    return results


# ---------------------------------------------------------------- the report


def machine(pg_url: str | None) -> str:
    """The machine and versions; with a server, its PostgreSQL version too."""
    from importlib.metadata import version

    if pg_url:
        import team_case_list

        return team_case_list.machine(pg_url)
    text = f"{cpu()}, Python {platform.python_version()}, SQLAlchemy {version('SQLAlchemy')}"
    return f"{text}, {platform.system()} {platform.release()}"


def _row(label: str, r: dict[str, Any]) -> str:
    verdict = "✅" if r["quarter_ms"] < 1000 else "❌"
    return (
        f"| {label} | {r['closings']:,} | {r['quarter_ms']:.0f} ms | {r['floor_ms']:.0f} ms "
        f"({r['statements']} statements, {r['floor_rows']:,} rows) | {r['year_ms']:.0f} ms "
        f"({r['year_closings']:,} closings) | {r['by_quarter_ms']:.0f} ms | < 1 s | {verdict} |"
    )


def report(results: dict[str, Any], counts: dict[str, int], runs: int, pg_url: str | None) -> str:
    labels = {
        "sqlite": "SQLite file (every case)",
        "owner": "PostgreSQL, the owner (not bound by the policies)",
        "team leader": "PostgreSQL, a team leader (policies on)",
        "consultant": "PostgreSQL, a consultant (policies on)",
    }
    rows = ", ".join(f"{n:,} {t.replace('_', ' ')}" for t, n in counts.items())
    lines = [
        MARK_START,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} by `benchmarks/indicators.py` (medians of "
        f"{runs} runs after a warm-up; today = {TODAY}) on: {machine(pg_url)}. "
        f"The database: {rows}.",
        "",
        "| who | closings in 2026 Q1 | indicators, one quarter | floor: the same SQL, fetched "
        "| indicators, 2025 | by quarter, 2025 (4) | target | |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [_row(labels[who], results[who]) for who in labels if who in results]
    return "\n".join([*lines, "", MARK_END])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pg", default=os.environ.get("JEUGDTOOL_TEST_PG_URL"))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the server database and logins")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["JEUGDTOOL_HOME"] = home
        os.environ["JEUGDTOOL_NO_ENCRYPTION"] = "1"
        from jeugdtool.store.engine import open_database

        large, counts = prepare(Path(home))
        print(f"database ready: {counts}", flush=True)
        db = open_database(large)
        results = {"sqlite": measure_db(db, args.runs)}
        db.close()
        if args.pg:
            results |= measure_pg(args.pg, large, args.runs, args.keep)
    print(json.dumps(results, indent=2, default=str))
    section = report(results, counts, args.runs, args.pg)
    print(section)
    if not args.no_write:
        write_section(section, MARK_START, MARK_END, REPORT)


if __name__ == "__main__":
    main()
