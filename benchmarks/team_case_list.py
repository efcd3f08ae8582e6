"""The case list on a team database with PostgreSQL's access rules on, next to SQLite.

The 10,000 households of benchmarks/generate_large_db.py (with their persons and network
members) are copied to a new database on a PostgreSQL server, set up by `team_admin.init` (the
policies of store/team_sql.py). They are shared out over 10 teams of 8 consultants (~125 cases
each, 5% with a co-worker of the team); team 1 also has a team leader (~1,000 cases). Measured,
with medians of --runs:

  * the case list (`queries.list_case_summaries`) and the search filter over it
    (`search.filter_cases`, as the list filters per keystroke), on the SQLite file and on the
    server as a consultant, as a team leader, and as the owner, who is not bound by the policies
    (the floor of the same run);
  * the list's own statements in SQL, under the policies and as the owner with the same cases
    named explicitly (`household_id = ANY(…)`): what the policies themselves cost.

    .venv/bin/python benchmarks/team_case_list.py [--pg URL] [--runs 7] [--no-write] [--keep]

--pg (default: $JEUGDTOOL_TEST_PG_URL) names a server login that may create databases and roles
(scripts/test-postgres.sh start prints one); the benchmark's database and logins are removed
afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import TypeVar

import psycopg
from perf_report import cpu
from perf_report import write_section
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LARGE = HERE / "out" / "large.sqlite"
REPORT = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- team_case_list:start -->", "<!-- team_case_list:end -->"
TEAMS, CONSULTANTS_PER_TEAM = 10, 8
#: What the filter looks for: a frequent family name, then it with a first name (two words).
QUERIES = ("jansen", "jansen noa")
PASSWORD = "bench-wachtwoord"
#: Copied from the SQLite file, parents first; the case list reads the first two.
COPIED = ("households", "persons", "network_members")

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


@dataclass
class Server:
    admin_url: str
    url: str
    database: str
    logins: dict[str, str]
    #: The case ids the consultant and the team leader may see (from the assignment).
    visible: dict[str, list[int]]

    def login_url(self, who: str) -> str:
        return (
            make_url(self.url)
            .set(username=self.logins[who], password=PASSWORD)
            .render_as_string(hide_password=False)
        )


@contextmanager
def team_database(admin_url: str, keep: bool) -> Iterator[Server]:
    """A new team database on the server, filled from the SQLite file; removed afterwards."""
    from jeugdtool import team_admin
    from jeugdtool.store import team_sql

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"jeugdtool_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        start = time.perf_counter()
        team_admin.init(url)
        _copy(LARGE, url)
        server = _share_out(admin_url, url, name)
        print(f"team database {name} ready in {time.perf_counter() - start:.1f} s", flush=True)
        yield server
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                client = team_sql.client_role(name)
                logins = conn.exec_driver_sql(
                    "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid"
                    " JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = %(c)s",
                    {"c": client},
                ).scalars()
                for login in [*logins, client]:
                    conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
        admin.dispose()


def _pg(url: str, **kw: Any) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=u.username, password=u.password, **kw
    )


def _copy(source: Path, url: str) -> None:
    """The households, persons and network members of the SQLite file, as the owner (COPY)."""
    import sqlite3

    lite = sqlite3.connect(source)
    with _pg(url) as conn:
        for table in COPIED:
            pg_columns = [
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                    (table,),
                )
            ]
            lite_columns = [r[1] for r in lite.execute(f"PRAGMA table_info({table})")]
            # Cases get their team and case manager below (the file's managers have no login).
            columns = [c for c in lite_columns if c in pg_columns and c != "case_manager_id"]
            rows = lite.execute(f"SELECT {', '.join(columns)} FROM {table}")
            with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
        conn.commit()
    lite.close()


def _share_out(admin_url: str, url: str, name: str) -> Server:
    """Teams, consultants (own logins), a team leader and reviewer in team 1; the cases shared
    out round-robin over the teams and their consultants; a co-worker on every 20th case."""
    from jeugdtool import team_admin
    from jeugdtool.cases import staff
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    owner = open_database(url)
    boss = UnitOfWork(owner, "bench")
    suffix = uuid.uuid4().hex[:4]
    logins: dict[str, str] = {}
    members: list[list[int]] = []
    team_ids = []
    for t in range(1, TEAMS + 1):
        team = f"Team {t:02d}"
        team_ids.append(staff.add_team(boss, team).value.id)
        people = []
        for c in range(1, CONSULTANTS_PER_TEAM + 1):
            login = f"b{suffix}_t{t:02d}_c{c}"
            person = team_admin.add_user(
                owner, login, f"Consulent {t:02d}-{c}", ["consultant"], [team], password=PASSWORD
            )
            people.append(person.id)
            if (t, c) == (1, 1):
                logins["consultant"] = login
        members.append(people)
    leader = f"b{suffix}_t01_leider"
    team_admin.add_user(
        owner, leader, "Teamleider 01", ["team_leader"], ["Team 01"], password=PASSWORD
    )
    logins["team leader"] = leader
    with _pg(url) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM households ORDER BY id")]
        teams = [team_ids[i % TEAMS] for i in range(len(ids))]
        managers = [
            members[i % TEAMS][(i // TEAMS) % CONSULTANTS_PER_TEAM] for i in range(len(ids))
        ]
        conn.execute(
            "UPDATE households h SET team_id = a.team, case_manager_id = a.manager FROM "
            "unnest(%s::int[], %s::int[], %s::int[]) AS a(id, team, manager) WHERE h.id = a.id",
            (ids, teams, managers),
        )
        shared = [
            (ids[i], members[i % TEAMS][(i // TEAMS + 1) % CONSULTANTS_PER_TEAM])
            for i in range(0, len(ids), 20)
        ]
        conn.execute(
            "INSERT INTO case_coworkers (household_id, person_id, version, created_at, created_by,"
            " updated_at, updated_by) SELECT h, p, 1, now(), 'bench', now(), 'bench' "
            "FROM unnest(%s::int[], %s::int[]) AS a(h, p)",
            ([h for h, _ in shared], [p for _, p in shared]),
        )
        conn.commit()
        conn.autocommit = True
        conn.execute("ANALYZE")
    me = members[0][0]
    visible = {
        "consultant": sorted(
            {ids[i] for i in range(len(ids)) if managers[i] == me}
            | {h for h, p in shared if p == me}
        ),
        "team leader": [ids[i] for i in range(len(ids)) if teams[i] == team_ids[0]],
    }
    owner.close()
    return Server(admin_url, url, name, logins, visible)


# ---------------------------------------------------------------- measuring


def measure_list(db: Any, runs: int) -> dict[str, Any]:
    """The case list and the filter over it, as `db`'s login."""
    from jeugdtool.cases import queries
    from jeugdtool.cases.search import filter_cases
    from jeugdtool.store.uow import UnitOfWork

    uow = UnitOfWork(db, "bench")
    list_ms, summaries = timed(lambda: queries.list_case_summaries(uow), runs)
    out: dict[str, Any] = {"cases": len(summaries), "list_ms": list_ms}
    for query in QUERIES:
        out[f"filter_ms:{query}"], found = timed(lambda q=query: filter_cases(summaries, q), runs)
        out[f"found:{query}"] = len(found)
    return out


#: The statements of `list_case_summaries`, for measuring them in SQL; {only} is empty under
#: the policies, and names the cases explicitly for the owner.
LIST_SQL = (
    "SELECT household_id, first_name, last_name FROM persons {only}",
    "SELECT household_id, person_id FROM case_coworkers {only}",
    "SELECT h.id, h.case_number, h.name, c.name, h.status, h.mode, h.last_change_at, "
    "h.case_manager_id, h.team_id, t.name FROM households h "
    "LEFT JOIN consultants c ON c.id = h.case_manager_id "
    "LEFT JOIN teams t ON t.id = h.team_id {only_h} ORDER BY h.case_number",
)


def measure_sql(url: str, runs: int, cases: list[int] | None) -> tuple[float, int]:
    """The list's statements in one transaction: (median ms, rows). `cases`: name them
    explicitly (the owner's floor); None: the policies choose."""
    only = "WHERE household_id = ANY(%(ids)s)" if cases is not None else ""
    only_h = "WHERE h.id = ANY(%(ids)s)" if cases is not None else ""
    params = {"ids": cases} if cases is not None else None
    with _pg(url) as conn:

        def run() -> int:
            rows = 0
            with conn.transaction():
                for statement in LIST_SQL:
                    query = statement.format(only=only, only_h=only_h)
                    rows += len(conn.execute(query, params).fetchall())
            return rows

        return timed(run, runs)


def measure(server: Server, runs: int) -> dict[str, Any]:
    from jeugdtool.store.engine import open_database

    results: dict[str, Any] = {}
    lite = open_database(LARGE)
    results["sqlite"] = measure_list(lite, runs)
    lite.close()
    for who, url in (
        ("owner", server.url),
        ("team leader", server.login_url("team leader")),
        ("consultant", server.login_url("consultant")),
    ):
        db = open_database(url)
        results[who] = measure_list(db, runs)
        db.close()
    for who in ("team leader", "consultant"):
        policies_ms, rows = measure_sql(server.login_url(who), runs, None)
        floor_ms, floor_rows = measure_sql(server.url, runs, server.visible[who])
        assert rows == floor_rows, (who, rows, floor_rows)  # the same rows both ways
        results[who] |= {"sql_ms": policies_ms, "sql_floor_ms": floor_ms, "sql_rows": rows}
    return results


# ---------------------------------------------------------------- the report


def machine(pg_url: str) -> str:
    from importlib.metadata import version

    with _pg(pg_url) as conn:
        server = conn.execute("SHOW server_version").fetchone()[0].split()[0]
    return (
        f"{cpu()}, Python {platform.python_version()}, "
        f"SQLAlchemy {version('SQLAlchemy')}, psycopg {version('psycopg')}, "
        f"PostgreSQL {server} (same machine, TCP), {platform.system()} {platform.release()}"
    )


def report(r: dict[str, Any], runs: int, pg_url: str) -> str:
    who = ("sqlite", "owner", "team leader", "consultant")
    label = {
        "sqlite": "SQLite file (single user: every case)",
        "owner": "PostgreSQL, the owner (not bound by the policies: the floor)",
        "team leader": "PostgreSQL, a team leader (policies on)",
        "consultant": "PostgreSQL, a consultant (policies on)",
    }
    lines = [
        MARK_START,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} by `benchmarks/team_case_list.py` (medians of "
        f"{runs} runs after a warm-up; 10,000 households, 10 teams of 8 consultants) on: "
        f"{machine(pg_url)}.",
        "",
        "| who | cases in the list | case list | filter "
        + " | filter ".join(f"“{q}”" for q in QUERIES)
        + " |",
        "|---|---|---|" + "---|" * len(QUERIES),
    ]
    for w in who:
        row = r[w]
        filters = " | ".join(
            f"{row[f'filter_ms:{q}']:.2f} ms ({row[f'found:{q}']} found)" for q in QUERIES
        )
        lines.append(f"| {label[w]} | {row['cases']:,} | {row['list_ms']:.1f} ms | {filters} |")
    lines += [
        "",
        "The list's three statements in SQL, under the policies, and as the owner naming the "
        "same cases explicitly (`household_id = ANY(…)`, the same rows):",
        "",
        "| who | rows | under the policies | owner, same rows | policies cost |",
        "|---|---|---|---|---|",
    ]
    for w in ("team leader", "consultant"):
        row = r[w]
        lines.append(
            f"| {label[w].split(', ')[1].split(' (')[0]} | {row['sql_rows']:,} | "
            f"{row['sql_ms']:.1f} ms | {row['sql_floor_ms']:.1f} ms | "
            f"{row['sql_ms'] - row['sql_floor_ms']:+.1f} ms |"
        )
    return "\n".join([*lines, "", MARK_END])


def write_report(section: str) -> None:
    write_section(section, MARK_START, MARK_END, REPORT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("JEUGDTOOL_TEST_PG_URL"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the server database and logins")
    args = parser.parse_args()
    if not args.pg:
        parser.error("name a PostgreSQL server with --pg or JEUGDTOOL_TEST_PG_URL")
    with tempfile.TemporaryDirectory() as home:
        os.environ["JEUGDTOOL_HOME"] = home  # an upgrade's backup of the file goes here
        from generate_large_db import generate

        if not LARGE.exists():
            generate(LARGE, 10_000)
        with team_database(args.pg, args.keep) as server:
            results = measure(server, args.runs)
    print(json.dumps(results, indent=2))
    section = report(results, args.runs, args.pg)
    print(section)
    if not args.no_write:
        write_report(section)


if __name__ == "__main__":
    main()
