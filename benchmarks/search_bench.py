"""The case list's search per keystroke, in the database (issue 20): count + first page.

What `PagedCaseListModel._requery` asks of the database after every keystroke: `count_cases`
(the matching and the total) and `search_cases` of the first page, for each prefix of the words
bench_ui types, in the list's scopes and status filters. On SQLite as the single user, or with
--url on a team database signed in as the benchmark's consultant (the policies on). The floor
is the database's own time for the same statements (replayed on the driver, fetched), measured
in the same run. `--explain` prints each statement's plan (SQLite's QUERY PLAN, PostgreSQL's
EXPLAIN ANALYZE) for one typed word.

    .venv/bin/python benchmarks/search_bench.py [--households N] [--url URL] [--explain]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
MARK_START, MARK_END = "<!-- search_bench:start -->", "<!-- search_bench:end -->"
sys.path.insert(0, str(HERE))
from generate_large_db import BENCH_CONSULTANT_ID  # noqa: E402
from generate_large_db import consultant_url  # noqa: E402
from perf_report import cpu  # noqa: E402
from perf_report import write_section  # noqa: E402

from jeugdtool.cases.case_search import PAGE  # noqa: E402
from jeugdtool.cases.case_search import CaseQuery  # noqa: E402
from jeugdtool.cases.case_search import CaseSort  # noqa: E402
from jeugdtool.cases.case_search import count_and_search  # noqa: E402
from jeugdtool.cases.case_search import count_cases  # noqa: E402
from jeugdtool.cases.case_search import search_cases  # noqa: E402
from jeugdtool.cases.queries import CaseScope  # noqa: E402
from jeugdtool.cases.vocab import CaseStatus  # noqa: E402
from jeugdtool.store.engine import open_database  # noqa: E402
from jeugdtool.store.uow import UnitOfWork  # noqa: E402

#: What bench_ui types, one character at a time.
WORDS = ("ozturk ay", "jansen noa", "2026-0", "wisniewski")
OPEN = frozenset({CaseStatus.OPEN})
#: (name, scope, statuses): the list's first view (my open cases), all open ones, everything.
VIEWS = (
    ("mine, open", CaseScope.MINE, OPEN),
    ("all, open", CaseScope.ALL, OPEN),
    ("all, every status", CaseScope.ALL, None),
)


def keystrokes() -> list[str]:
    return [word[:n] for word in WORDS for n in range(1, len(word) + 1)]


def per_key(
    uow: UnitOfWork, base: CaseQuery, together: bool = False
) -> tuple[list[float], list[int]]:
    """Seconds and matches per keystroke: the two services as the list asks them now, or
    (`together`) `count_and_search`, both in one unit of work."""
    times, found = [], []
    for text in keystrokes():
        query = CaseQuery(**{**base.__dict__, "text": text})
        start, cpu_start = time.perf_counter(), time.process_time()
        if together:
            count, _page = count_and_search(uow, query, PAGE)
        else:
            count = count_cases(uow, query)
            search_cases(uow, query, 0, PAGE)
        times.append((time.perf_counter() - start, time.process_time() - cpu_start))
        found.append(count.matching)
    return times, found


def explain(db, uow: UnitOfWork, base: CaseQuery, text: str) -> None:
    """The plans of the count and the first page for `text`, as the database runs them."""
    from sqlalchemy import func
    from sqlalchemy import select

    from jeugdtool.cases import case_search as cs
    from jeugdtool.cases.models import Household

    query = CaseQuery(**{**base.__dict__, "text": text})
    dialect = db.engine.dialect.name
    with uow:
        narrowed = cs._narrowed(uow)  # what the services add under the policies
    statements = [
        select(func.count())
        .select_from(Household)
        .where(*cs.case_filter(query, dialect), *narrowed),
        cs._rows_query(query, dialect, {}).where(*narrowed).offset(0).limit(PAGE),
    ]
    prefix = "EXPLAIN QUERY PLAN " if dialect == "sqlite" else "EXPLAIN (ANALYZE, COSTS OFF) "
    with db.engine.connect() as conn:
        for statement in statements:
            sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
            print("--", sql.replace("\n", " ")[:300])
            for row in conn.exec_driver_sql(prefix + sql):
                print("   ", " | ".join(str(c) for c in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--url", help="a team database made by generate_large_db.py --url")
    parser.add_argument("--explain", metavar="TEXT", help="print the plans for this typed text")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    target = (
        consultant_url(args.url) if args.url else HERE / "out" / f"large-{args.households}.sqlite"
    )
    db = open_database(target)
    uow = UnitOfWork(db, "bench", BENCH_CONSULTANT_ID)
    results = {}
    for name, scope, statuses in VIEWS:
        base = CaseQuery(
            statuses=statuses, scope=scope, person_id=BENCH_CONSULTANT_ID, sort=CaseSort.NUMBER
        )
        if args.explain is not None:
            print(f"== {name}")
            explain(db, uow, base, args.explain)
            continue
        for together in (False, True):
            per_key(uow, base, together)  # warm-up
            runs = [per_key(uow, base, together) for _ in range(args.runs)]
            keys = list(zip(*(r[0] for r in runs), strict=True))
            times = [statistics.median(t[0] for t in key) * 1000 for key in keys]
            cpu_times = [statistics.median(t[1] for t in key) * 1000 for key in keys]
            results[f"{name}{', one unit of work' if together else ''}"] = {
                "median_ms": round(statistics.median(times), 2),
                "cpu_median_ms": round(statistics.median(cpu_times), 2),
                "max_ms": round(max(times), 2),
                "slowest": keystrokes()[times.index(max(times))],
                "found_first_key": runs[0][1][0],
            }
    db.close()
    if not results:
        return
    database = "postgresql" if args.url else "sqlite"
    kept = {
        "database": database,
        "households": args.households,
        "load": os.getloadavg()[0],
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "views": results,
    }
    print(json.dumps(kept, indent=2))
    OUT.mkdir(exist_ok=True)
    (OUT / f"search_bench-{database}-{args.households}.json").write_text(
        json.dumps(kept, indent=2), encoding="utf-8"
    )
    runs = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(OUT.glob("search_bench-*"))]
    write_section(section(runs), MARK_START, MARK_END)


def section(runs: list[dict]) -> str:
    """The table of every kept run: SQLite then PostgreSQL, by size."""
    order = {"sqlite": 0, "postgresql": 1}
    runs = sorted(runs, key=lambda r: (order.get(r["database"], 2), r["households"]))
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL, consultant 1 (policies on)"}
    head = [f"{names[r['database']]}, {r['households']:,}" for r in runs]
    views = list(runs[0]["views"]) if runs else []
    lines = [
        MARK_START,
        "",
        "Per keystroke (count + first page of 200), in ms: median (worst) over "
        f"{len(keystrokes())} keystrokes as the clock on the wall saw them, the median CPU time of"
        " this process (on SQLite the whole work, whatever the load; on PostgreSQL the client's"
        " part); the cases found after the first key in brackets:",
        "",
        "| view | " + " | ".join(head) + " |",
        "|---|" + "---|" * len(runs),
    ]
    for view in views:
        cells = []
        for r in runs:
            v = r["views"].get(view)
            cells.append(
                "—" if v is None else
                f"{v['median_ms']:.1f} ({v['max_ms']:.1f}), CPU {v['cpu_median_ms']:.1f}"
                f" [{v['found_first_key']:,}]"
            )  # fmt: skip
        lines.append(f"| {view} | " + " | ".join(cells) + " |")
    measured = [
        f"{h} at {r['measured']} (load average {r['load']:.1f})"
        for h, r in zip(head, runs, strict=True)
    ]
    lines += ["", "Measured: " + "; ".join(measured) + f". On: {cpu()}.", "", MARK_END]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
