"""Make a large, realistic jeugdtool database for the benchmarks (SQLite, or PostgreSQL).

N households (default 10,000; issue 20 measures 100,000) over twenty years of retention: opened
evenly since 2007, most of them closed (and archived), ~5% open, dealt out over as many
consultants as make a caseload of ~30 open cases each (half as many again have left and still
manage closed cases). Every case has its members, network (and audit row), help items, a closing
when closed, and a journal (benchmarks/outcome_rows.py, benchmarks/dossier_rows.py). Cases of
the method's time (opened since 2021, or still open) also have the framework: mapping moments
with map items (copies share a lineage), stances, statements and scale scores; safety plans for
~60% of them: 1–3 versions of ~5 agreements with 1–3 parties each (copies share a lineage and
keep their acceptance), the safety network, red flags and 0–2 reviews; ZRM assessments for the
adults of ~40% (benchmarks/zrm_rows.py), meldcode records, kindchecks and verwijsindex signals.
Older closed cases were moved over from the former system without map, plan or ZRM
(`--full-detail` gives them those too). Deterministic (seeded), so runs are comparable. The
largest case (LARGEST_CASE_ID, open, the case of consultant 1) has 14 members, 40 network
members, 20 mapping moments of ~25 items, ~6 statements per moment, 300 scale scores, a plan of
6 versions with 25 agreements each and 10 reviews, and 8 ZRM assessments for each parent.

Written in one transaction with the driver's bulk path: SQLite's executemany (a column that is
the same in every row, such as the stamp, written once in the statement), PostgreSQL's COPY (as
the owner of a new team database set up by `team_admin.init`, so every access policy is on; in
replica mode when the login is a superuser: the foreign keys are not checked row by row, the
program's own insert triggers still fire; the consultants are in teams of 8, each case in its
manager's team, and consultant 1 gets the login `bench_login(url)` with BENCH_PASSWORD, which
bench_ui.py signs in with). The random draws go through fast_random.Rng: the numbers
`random.Random` draws, in fewer Python calls, so a seed gives the database it gave before.

    .venv/bin/python benchmarks/generate_large_db.py [--households N] [--out PATH | --url URL]

The URL's login must be able to create databases and roles (`bash scripts/test-postgres.sh start
/tmp/pg-bench` prints one; use a database name of your own in it, e.g. …/jeugdtool_large)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import random
import sqlite3
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path

from dossier_rows import Dossier
from fast_random import Rng
from outcome_rows import Outcomes
from sqlalchemy import Dialect
from sqlalchemy import Table
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from zrm_rows import Zrm

from jeugdtool.cases import search
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import NetworkMember
from jeugdtool.cases.models import Person
from jeugdtool.folding import fold
from jeugdtool.framework.models import CaseScale
from jeugdtool.framework.models import ItemStance
from jeugdtool.framework.models import MapItem
from jeugdtool.framework.models import MappingMoment
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import AgreementParty
from jeugdtool.framework.plan_models import PlanNetworkRole
from jeugdtool.framework.plan_models import PlanReview
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.plan_models import RedFlag
from jeugdtool.framework.plan_models import ReviewResult
from jeugdtool.store.audit import AuditEntry
from jeugdtool.store.engine import open_database

DEFAULT_OUT = Path(__file__).parent / "out" / "large.sqlite"

FIRST = [
    "Noa",
    "Daan",
    "Emma",
    "Sem",
    "Julia",
    "Lucas",
    "Mila",
    "Finn",
    "Tess",
    "Levi",
    "Sara",
    "Ayşe",
    "Emre",
    "Gülşen",
    "Mehmet",
    "Łukasz",
    "Zofia",
    "Fatima",
    "Yusuf",
    "Noël",
    "Chloë",
    "Jesse",
    "Anouk",
    "Bram",
    "Fenna",
    "Jurre",
    "Lieke",
    "Mohammed",
    "Aïcha",
    "Thijs",
]
LAST = [
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Öztürk",
    "Çelik",
    "Yılmaz",
    "Wiśniewski",
    "Kowalski",
    "El Amrani",
    "Dijkstra",
    "Hoekstra",
    "Bos",
    "Kuipers",
    "Postma",
    "Huisman",
    "van der Veen",
    "Brouwer",
]
RELATIONS = [
    ("grootmoeder", "family"),
    ("oom", "family"),
    ("tante", "family"),
    ("buurvrouw", "neighbour"),
    ("vriendin van moeder", "friend"),
    ("mentor", "school"),
    ("huisarts", "gp"),
    ("wijkagent", "police"),
    ("schoolmaatschappelijk werker", "social_work"),
    ("Veilig Thuis", "youth_care"),
]
#: One household far larger than the rest (a blended family, a wide network): "the largest case".
LARGEST_CASE_ID = 4242
MANAGERS = ["A. de Boer", "M. Kaya", "J. Visser", "S. Bakker", "R. Öztürk", "L. Hoekstra"]

#: Example texts per cell; a number is added so items differ.
ITEM_TEXTS = {
    "harm": [
        "Op een avond in het weekend liep het jongste kind alleen buiten",
        "De politie kwam na een harde ruzie tussen de ouders",
        "Het kind kwam met een blauwe plek op de arm op school",
        "Het kind kwam drie dagen zonder lunch op school",
    ],
    "danger": [
        "Als vader boos wordt, kan hij weer met spullen gooien",
        "Als moeder 's avonds drinkt, let niemand op de kinderen",
        "De oudste zorgt 's avonds voor de jongere kinderen en mist school",
        "Het kind kan gewond raken als het tussen de ouders in gaat staan",
    ],
    "complicating_factors": [
        "Vader werkt in ploegendienst en is 's avonds vaak weg",
        "Er zijn schulden en er komen veel aanmaningen",
        "Moeder heeft sinds het voorjaar vaak migraine",
        "De ouders praten alleen via berichtjes met elkaar",
    ],
    "strengths": [
        "Moeder brengt de kinderen elke dag op tijd naar school",
        "Vader gaat elke zaterdag met de kinderen zwemmen",
        "De ouders komen alle afspraken na",
        "Het kind kan goed vertellen hoe het zich voelt",
    ],
    "existing_safety": [
        "Oma woont om de hoek en haalt de kinderen twee middagen per week op",
        "De buurman is 's nachts bereikbaar en de kinderen weten dat",
        "Vader gaat de kamer uit als hij boos wordt en belt zijn broer",
        "De tante maakt elke ochtend ontbijt voor de kinderen",
    ],
    "professional_goals": [
        "Veilig Thuis wil drie maanden lang zien dat er een nuchtere volwassene thuis is",
        "School wil dat het kind elke dag op tijd is",
        "De jeugdverpleegkundige wil zien dat het kind goed groeit",
    ],
    "family_goals": [
        "Moeder wil weer rust in huis",
        "Het kind wil bij een vriendin logeren zonder zorgen over thuis",
        "Vader wil dat de kinderen naar hem luisteren zonder dat hij boos wordt",
    ],
    "immediate_needs": [
        "Deze week afspreken wie 's avonds bij het gezin kan zijn",
        "Een afspraak bij de huisarts maken",
        "Een time-out afspraak maken voor als een ruzie oploopt",
    ],
}
CELLS = list(ITEM_TEXTS)
WORRY_CELLS = {"harm", "danger", "complicating_factors"}
ROLES_BY_SOURCE = {"person": ["parent", "child"], "network": ["network", "professional"]}


#: Twenty years of retention: cases opened from START_DAY to TODAY (the generator's "now").
TODAY = dt.date(2026, 11, 1)
START_DAY = dt.date(2007, 1, 1)
#: Cases opened before this day and closed since were moved over from the former system: their
#: members, network, help, closing and journal, but no map, plan or ZRM (the method came later).
METHOD_SINCE = dt.date(2021, 1, 1)
#: Open cases per consultant: a caseload.
CASELOAD = 30
#: The consultant of the largest case (and the one bench_ui signs in as in team mode).
BENCH_CONSULTANT_ID = 1
#: Consultants per team (team mode).
TEAM_SIZE = 8
#: The password of the benchmark's consultant login (a throwaway server).
BENCH_PASSWORD = "bench-wachtwoord"


def bench_login(url: str) -> str:
    """The PostgreSQL login of the benchmark's consultant in the team database at `url`."""
    return f"bench_{make_url(url).database}_c{BENCH_CONSULTANT_ID}"[:63]


def consultant_url(url: str) -> str:
    """`url` with the benchmark consultant's login: what bench_ui opens (the policies apply)."""
    return (
        make_url(url)
        .set(username=bench_login(url), password=BENCH_PASSWORD)
        .render_as_string(hide_password=False)
    )


def spread(rnd: random.Random, households: int) -> list[tuple[dt.date, str, dt.date | None]]:
    """(opened, status, closed) per household: opened evenly over twenty years, most of them
    closed (archived when closed over two years ago, mostly); open: about half of the last
    year's cases, 15% of the two years before, 1% of older ones. The largest case is open."""
    span = (TODAY - START_DAY).days
    out: list[tuple[dt.date, str, dt.date | None]] = []
    for hid in range(1, households + 1):
        if hid == LARGEST_CASE_ID:
            out.append((dt.date(2024, 9, 2), "open", None))
            continue
        opened = START_DAY + dt.timedelta(days=rnd.randint(0, span))
        age = (TODAY - opened).days
        if rnd.random() < (0.45 if age < 365 else 0.15 if age < 3 * 365 else 0.01):
            out.append((opened, "open", None))
            continue
        closed = min(opened + dt.timedelta(days=rnd.randint(30, 720)), TODAY)
        status = "archived" if (TODAY - closed).days > 730 and rnd.random() < 0.7 else "closed"
        out.append((opened, status, closed))
    return out


def staff(
    rnd: random.Random, cases: list[tuple[dt.date, str, dt.date | None]]
) -> tuple[list[str], int, list[int]]:
    """Consultant names (the active ones first, then those who left), how many are active, and
    the case manager's id per household: the open cases dealt out over the active consultants
    (a caseload of ~CASELOAD each; the largest case is BENCH_CONSULTANT_ID's), the closed ones
    over everyone who ever worked there."""
    open_ids = [hid for hid, (_o, status, _c) in enumerate(cases, 1) if status == "open"]
    active = max(len(MANAGERS), -(-len(open_ids) // CASELOAD))
    everyone = active + active // 2
    names = list(MANAGERS)
    while len(names) < everyone:
        n = len(names)
        names.append(f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]} ({n + 1})")
    managers = [rnd.randint(1, everyone) for _ in cases]
    dealt = [hid for hid in open_ids if hid != LARGEST_CASE_ID]
    for k, hid in enumerate(dealt):
        managers[hid - 1] = k % active + 1
    if len(cases) >= LARGEST_CASE_ID:
        managers[LARGEST_CASE_ID - 1] = BENCH_CONSULTANT_ID
    return names, active, managers


def generate(
    target: Path | str, households: int, seed: int = 20261123, *, full_detail: bool = False
) -> dict[str, int]:
    """Fill a new SQLite file (`target` a path; replaced) or a new PostgreSQL team database
    (`target` a URL whose login may create databases and roles; the database is made anew with
    `team_admin.init`, so the access policies are on). `full_detail`: every case gets a map,
    plans and ZRM, also those of before METHOD_SINCE (slower)."""
    # Millions of small dicts and tuples that live until the end: the cyclic garbage collector
    # would walk them all again and again (at 100,000 households most of the time went there).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _generate(target, households, seed, full_detail=full_detail)
    finally:
        if collecting:
            gc.enable()


def _generate(
    target: Path | str, households: int, seed: int, *, full_detail: bool
) -> dict[str, int]:
    rnd = Rng(seed)
    now = dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=dt.UTC)
    stamp = {
        "version": 1,
        "created_at": now,
        "created_by": "generator",
        "updated_at": now,
        "updated_by": "generator",
    }
    counts = {"households": households, "persons": 0, "network_members": 0}
    hh_rows, person_rows, network_rows, audit_rows = [], [], [], []
    framework = _Framework(rnd, stamp, TODAY)
    plans = _Plans(Rng(seed + 1), stamp, TODAY)  # own stream: framework unchanged
    zrm = Zrm(Rng(seed + 2), stamp, TODAY)
    outcomes = Outcomes(Rng(seed + 3), stamp, TODAY)
    dossier = Dossier(Rng(seed + 4), stamp, TODAY)
    cases = spread(Rng(seed + 5), households)
    names, active, managers = staff(Rng(seed + 6), cases)
    pid = nid = 0
    for hid, (opened, status, closed) in enumerate(cases, 1):
        family = rnd.choice(LAST)
        if closed is None:
            changed = now - dt.timedelta(minutes=rnd.randint(0, 60 * 24 * 60))
        else:
            changed = dt.datetime.combine(closed, dt.time(12, 0), tzinfo=dt.UTC)
        manager_id = managers[hid - 1]
        hh_rows.append(
            {
                "id": hid,
                "case_number": f"{opened.year}-{hid:05d}",
                "name": f"Gezin {family}",
                "mode": rnd.choice(["safety", "safety", "wellbeing"]),
                "status": status,
                "opened_on": opened,
                "closed_on": closed,
                "close_reason": "Doelen bereikt" if closed else None,
                "case_manager_id": manager_id,
                "team_id": None,
                "last_change_at": changed,
            }
        )
        largest = hid == LARGEST_CASE_ID
        detailed = full_detail or largest or closed is None or opened >= METHOD_SINCE
        people: list[tuple[int, str, str]] = []  # (id, label, role) of persons in this case
        friends: list[tuple[int, str]] = []  # (id, name) of network members
        members = [("parent", 1975, 1998)] * (4 if largest else rnd.randint(1, 2)) + [
            ("child", 2009, 2025)
        ] * (10 if largest else rnd.randint(1, 3))
        born = opened.year - 2026  # children of older cases were born earlier
        for pos, (role, lo, hi) in enumerate(members, 1):
            pid += 1
            first = rnd.choice(FIRST)
            people.append((pid, f"{first} {family}", role))
            person_rows.append(
                {
                    "id": pid,
                    "household_id": hid,
                    "position": pos,
                    "first_name": first,
                    "last_name": family,
                    "role": role,
                    "notes": "",
                    "birth_date": dt.date(
                        rnd.randint(lo, hi) + born, rnd.randint(1, 12), rnd.randint(1, 28)
                    ),
                }
            )
        for pos in range(1, (40 if largest else rnd.randint(0, 2)) + 1):
            nid += 1
            relation, kind = rnd.choice(RELATIONS)
            name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
            friends.append((nid, name))
            network_rows.append(
                {
                    "id": nid,
                    "household_id": hid,
                    "position": pos,
                    "relation": relation,
                    "name": name,
                    "kind": kind,
                    "organisation": None,
                    "phone": f"06-{rnd.randint(10000000, 99999999)}",
                    "email": None,
                    "safety_network": rnd.random() < 0.5,
                    "notes": "",
                }
            )
        # The case list's folded keys, as the program keeps them (cases/search.py).
        hh_rows[-1]["search_key"] = search.search_key(
            hh_rows[-1]["case_number"], hh_rows[-1]["name"], [label for _i, label, _r in people]
        )
        hh_rows[-1]["name_key"] = fold(hh_rows[-1]["name"])
        manager = names[manager_id - 1]
        items_at = len(framework.items)
        moments: list[tuple[int, dt.date]] = []
        statements: list[dict] = []
        focus: list[str] = []
        case_zrm: list[tuple[dict, list[dict]]] = []
        if detailed:
            moments, statements = framework.add_case(
                hid, opened, closed, manager, people, friends, largest=largest
            )
            plans.add_case(
                hid, closed, manager, people, friends, moments, statements, largest=largest
            )
            scored, assessed = len(zrm.scores), len(zrm.assessments)
            zrm.add_case(hid, opened, people, manager, largest=largest)
            focus = sorted({s["domain"] for s in zrm.scores[scored:] if s["focus"]})
            levels: dict[int, list[dict]] = {}
            for score in zrm.scores[scored:]:
                levels.setdefault(score["assessment_id"], []).append(score)
            case_zrm = [(a, levels.get(a["id"], [])) for a in zrm.assessments[assessed:]]
        outcomes.add_case(hid, opened, closed, manager, people, statements, focus, largest=largest)
        dossier.add_case(
            hid,
            opened,
            closed,
            (manager_id, manager),
            people,
            framework.items[items_at:],
            statements,
            case_zrm,
            largest=largest,
        )
        audit_rows.append(
            {
                "at": now,
                "who": "generator",
                "case_id": hid,
                "entity": "household",
                "entity_id": hid,
                "action": "create",
                "field": None,
                "old": None,
                "new": f"Gezin {family}",
            }
        )
    counts["persons"], counts["network_members"] = pid, nid
    consultants = [
        {"id": i, "name": n, "email": None, "active": i <= active, "login": None, **stamp}
        for i, n in enumerate(names, 1)
    ]
    tables: list[tuple[type, list[dict]]] = [
        (Household, hh_rows),
        (Person, person_rows),
        (NetworkMember, network_rows),
        (AuditEntry, audit_rows),
        *framework.tables(),
        *plans.tables(),
        *zrm.tables(),
        *outcomes.tables(),
        *dossier.tables(),
    ]
    if isinstance(target, str) and "://" in target:
        _fill_team_database(target, consultants, tables, stamp)
    else:
        _fill_file(Path(target), [(Consultant, consultants), *tables], stamp)
    counts.update(
        consultants=len(names),
        active_consultants=active,
        open_cases=sum(1 for _o, s, _c in cases if s == "open"),
        detailed_cases=sum(
            1
            for hid, (o, _s, c) in enumerate(cases, 1)
            if full_detail or hid == LARGEST_CASE_ID or c is None or o >= METHOD_SINCE
        ),
    )
    counts.update(framework.counts())
    counts.update(plans.counts())
    counts.update(zrm.counts())
    counts.update(outcomes.counts())
    counts.update(dossier.counts())
    return counts


def _prepared(
    table: Table,
    rows: list[dict],
    dialect: Dialect,
    constants: dict | None = None,
    *,
    fixed: dict[str, object] | None = None,
) -> tuple[list[str], Iterable[tuple]]:
    """The column names and value tuples (made one at a time, as the driver reads them) to
    insert, converted for `dialect` as SQLAlchemy's insert would (the column types' bind
    processors, the models' Python-side defaults for columns the rows leave out), but with
    each distinct value converted once: most columns repeat a handful of values (dates,
    kinds). `constants`: values of columns the rows leave out that are the same in every row
    (the stamp: version, created and updated), converted once and not carried in millions of
    dicts. With `fixed` (a dict to fill), the columns whose value is the same in every row
    are left out of the names and tuples and put there, converted, for the statement to carry
    once (the stamp, empty notes, set texts): fewer values to gather and to bind per row.

    The rows are read once each, row by row (`itemgetter`, in C): reading them a column at a
    time walked millions of dicts once per column, the generator's largest cost at 100,000
    households."""
    given = [key for key in rows[0] if key in table.c]  # others are left out, as insert() does
    defaults: dict[str, object] = {}
    for column in table.columns:
        default = column.default
        if column.key in rows[0]:
            continue
        if constants and column.key in constants:
            defaults[column.key] = constants[column.key]
            continue
        if default is None or column.server_default is not None:
            continue
        if getattr(default, "is_scalar", False):
            defaults[column.key] = default.arg  # type: ignore[attr-defined]
        elif getattr(default, "is_callable", False):
            defaults[column.key] = default.arg(None)  # type: ignore[attr-defined]
    if len(given) == 1:
        key = given[0]
        columns: list[Sequence] = [[row[key] for row in rows]]
    else:
        columns = list(zip(*map(itemgetter(*given), rows), strict=True))
    names: list[str] = []
    kept: list[Sequence] = []
    for key, values in zip(given, columns, strict=True):
        process = table.c[key].type._cached_bind_processor(dialect)
        distinct: set | None = None
        if fixed is not None or process is not None:
            with contextlib.suppress(TypeError):  # a value that is not hashable: None
                distinct = set(values)
        if fixed is not None and distinct is not None and len(distinct) == 1:
            value = values[0]
            value = process(value) if process is not None else value
            if _literal(value) is not None:
                fixed[table.c[key].name] = value
                continue
        if process is not None:
            values = _converted(values, process, distinct)
        names.append(table.c[key].name)
        kept.append(values)
    for key, value in defaults.items():
        process = table.c[key].type._cached_bind_processor(dialect)
        value = process(value) if process is not None else value
        if fixed is not None and _literal(value) is not None:
            fixed[table.c[key].name] = value
            continue
        names.append(table.c[key].name)
        kept.append([value] * len(rows))
    if not kept:
        return names, [()] * len(rows)
    return names, zip(*kept, strict=True)  # made as the driver reads them, one at a time


def _literal(value: object) -> str | None:
    """`value` written in SQL (None, numbers, text), or None when it is of another kind."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return None


def _converted(
    values: Sequence, process: Callable[[object], object], distinct: set | None = None
) -> list:
    """`values` through a bind processor, each distinct value converted once (`distinct`:
    the set of `values` when known; None when a value is not hashable)."""
    if distinct is None:
        try:
            distinct = set(values)
        except TypeError:
            return [process(value) for value in values]
    memo = {value: process(value) for value in distinct}
    return list(map(memo.__getitem__, values))


def _fill_file(path: Path, tables: list[tuple[type, list[dict]]], stamp: dict) -> None:
    """A new SQLite file: the schema by open_database, then the rows in one transaction with
    the driver's executemany, without a journal (a half-written file is simply made again),
    then the case list's keys and the planner's statistics through the program's engine."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(path)
    dialect = db.engine.dialect
    quote = dialect.identifier_preparer.quote
    db.close()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode=OFF")
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("PRAGMA cache_size=-262144")  # 256 MB: the indexes are built in memory
    raw.execute("PRAGMA temp_store=MEMORY")
    raw.execute("BEGIN")
    # The indexes are laid again after the rows (one sort each, not an insert per row each).
    indexes = raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in indexes:
        raw.execute(f"DROP INDEX {quote(name)}")
    for model, rows in tables:
        if not rows:
            continue
        table = model.__table__  # type: ignore[attr-defined]
        fixed: dict[str, object] = {}
        columns, values = _prepared(table, rows, dialect, stamp, fixed=fixed)
        names = ", ".join(quote(c) for c in [*columns, *fixed])
        given = ["?"] * len(columns) + [str(_literal(v)) for v in fixed.values()]
        raw.executemany(
            f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join(given)})", values
        )
    for _name, sql in indexes:
        raw.execute(sql)
    raw.execute("COMMIT")
    raw.execute("PRAGMA journal_mode=WAL")  # as the program keeps it
    raw.close()
    db = open_database(path)
    with db.engine.begin() as conn:
        search.fill_missing_keys(conn)  # none: every row has its keys (a check)
        conn.exec_driver_sql("ANALYZE")
    db.close()


def _fill_team_database(
    url: str, consultants: list[dict], tables: list[tuple[type, list[dict]]], stamp: dict
) -> None:
    """A new team database at `url` (dropped first when there), set up by `team_admin.init`
    (the policies on), filled with COPY as its owner; the consultants in teams of TEAM_SIZE,
    each case in its manager's team; the benchmark's consultant gets a login (bench_login)."""
    from jeugdtool import team_admin
    from jeugdtool.cases.models import StaffRoleGrant
    from jeugdtool.cases.models import Team
    from jeugdtool.cases.models import TeamMember
    from jeugdtool.store import team_sql

    name = make_url(url).database
    assert name, "the URL names no database"
    _drop_team_database(url)
    server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    server.dispose()
    team_admin.init(url)
    team_of = {c["id"]: (c["id"] - 1) // TEAM_SIZE + 1 for c in consultants}
    teams = [
        {"id": t, "name": f"Team {t:03d}", "active": True, **stamp}
        for t in sorted(set(team_of.values()))
    ]
    members = [{"team_id": team_of[c["id"]], "person_id": c["id"], **stamp} for c in consultants]
    roles = [{"person_id": c["id"], "role": "consultant", **stamp} for c in consultants]
    for model, rows in tables:
        if model is Household:
            for row in rows:
                row["team_id"] = team_of[row["case_manager_id"]]
    db = open_database(url)
    dialect = db.engine.dialect
    filled = [(Consultant, consultants), (Team, teams), (TeamMember, members),
              (StaffRoleGrant, roles), *tables]  # fmt: skip
    # The program's own triggers on inserts (the audit trail's stamp) fire as they would.
    triggered = {table for _name, table, timing, _f in team_sql.TRIGGERS if "INSERT" in timing}
    with db.engine.begin() as conn:
        raw = conn.connection.dbapi_connection
        cursor = raw.cursor()  # type: ignore[union-attr]
        # A superuser (the test server's login) loads in replica mode: the foreign keys are not
        # checked row by row (a query per key per row, most of the server's time); the rows
        # are those of the SQLite file, whose foreign_key_check passes (the generator's tests).
        superuser = conn.exec_driver_sql(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        ).scalar()
        replica = False
        for model, rows in filled:
            if not rows:
                continue
            table = model.__table__  # type: ignore[attr-defined]
            if superuser and replica != (table.name not in triggered):
                replica = not replica
                role = "replica" if replica else "origin"
                conn.exec_driver_sql(f"SET LOCAL session_replication_role = {role}")
            columns, values = _prepared(table, rows, dialect, stamp)
            quoted = ", ".join(f'"{c}"' for c in columns)
            with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                write = copy.write_row
                for row in values:
                    write(row)
            if "id" in table.c:
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f'(SELECT max(id) FROM "{table.name}"))'
                )
        if replica:
            conn.exec_driver_sql("SET LOCAL session_replication_role = origin")
        search.fill_missing_keys(conn)  # none: every row has its keys (a check)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    me = consultants[BENCH_CONSULTANT_ID - 1]
    team_admin.add_user(
        db,
        bench_login(url),
        me["name"],
        ["consultant"],
        [f"Team {team_of[me['id']]:03d}"],
        password=BENCH_PASSWORD,
        author="generator",
    )
    db.close()


def _drop_team_database(url: str) -> None:
    """Drop the database at `url` and its logins (its client role's members), when there."""
    from jeugdtool.store import team_sql

    name = make_url(url).database
    server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        client = team_sql.client_role(name)
        logins = conn.exec_driver_sql(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid"
            " JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = %(c)s",
            {"c": client},
        ).scalars()
        for login in [*logins, client]:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
    server.dispose()


class _Framework:
    """Rows for mapping moments, map items, stances, statements, scales and scale scores."""

    def __init__(self, rnd: random.Random, stamp: dict, today: dt.date):
        self.rnd = rnd
        self.stamp = stamp
        self.today = today
        self.moments: list[dict] = []
        self.items: list[dict] = []
        self.stances: list[dict] = []
        self.statements: list[dict] = []
        self.scales: list[dict] = []
        self.scores: list[dict] = []

    def tables(self) -> list[tuple[type, list[dict]]]:
        # In dependency order: items need their moments, stances their items.
        return [
            (MappingMoment, self.moments),
            (MapItem, self.items),
            (ItemStance, self.stances),
            (Statement, self.statements),
            (CaseScale, self.scales),
            (ScaleScore, self.scores),
        ]

    def counts(self) -> dict[str, int]:
        return {
            "mapping_moments": len(self.moments),
            "map_items": len(self.items),
            "item_stances": len(self.stances),
            "statements": len(self.statements),
            "case_scales": len(self.scales),
            "scale_scores": len(self.scores),
        }

    def lineage(self) -> str:
        return f"{self.rnd.getrandbits(128):032x}"  # seeded, unlike uuid4

    def source(self, people: list, friends: list, manager: str) -> dict:
        rnd = self.rnd
        roll = rnd.random()
        if roll < 0.45 and people:
            person_id, label, _role = rnd.choice(people)
            return {
                "source_kind": "person",
                "source_person_id": person_id,
                "source_network_id": None,
                "source_label": label,
            }
        if roll < 0.7 and friends:
            member_id, name = rnd.choice(friends)
            return {
                "source_kind": "network",
                "source_person_id": None,
                "source_network_id": member_id,
                "source_label": name,
            }
        return {
            "source_kind": "consultant",
            "source_person_id": None,
            "source_network_id": None,
            "source_label": manager,
        }

    def add_case(
        self,
        hid: int,
        opened: dt.date,
        closed: dt.date | None,
        manager: str,
        people: list[tuple[int, str, str]],
        friends: list[tuple[int, str]],
        *,
        largest: bool = False,
    ) -> tuple[list[tuple[int, dt.date]], list[dict]]:
        """Moments, items, statements and scores; returns the moments (id, date) and the
        statements of the newest moment, for the plan."""
        rnd = self.rnd
        last_day = min(closed or self.today, self.today)
        opened = min(opened, last_day)  # some generated cases open after `now`
        n_moments = 20 if largest else rnd.choices([0, 1, 2, 3], [1, 5, 3, 2])[0]
        n_items = 25 if largest else 10
        dated: list[tuple[int, dt.date]] = []
        children = [p for p in people if p[2] == "child"]
        day = opened
        previous: dict | None = None
        items: list[dict] = []  # the current map: item rows without moment/id
        statements: list[dict] = []
        span = max((last_day - opened).days, 0)
        for index in range(n_moments):
            day = min(opened + dt.timedelta(days=span * index // max(n_moments, 1)), last_day)
            moment = {
                "id": len(self.moments) + 1,
                "household_id": hid,
                "held_on": day,
                "author": manager,
                "present": "\n".join(label for _, label, _ in people[:3]),
                "copied_from_id": previous["id"] if previous else None,
            }
            self.moments.append(moment)
            dated.append((moment["id"], day))
            if previous is None:
                items = [
                    self.new_item(hid, rnd.choice(CELLS), people, friends, manager)
                    for _ in range(n_items)
                ]
                statements = self.new_statements(hid, children, largest)
            else:
                items = self.next_map(hid, items, people, friends, manager)
                for statement in statements:
                    if rnd.random() < 0.2 and statement["type"] != "bottom_line":
                        statement["text"] += " (bijgewerkt)"
            self.write_moment(moment["id"], items, statements)
            previous = moment
        self.add_scores(hid, opened, last_day, people, friends, manager, statements, largest)
        return dated, statements

    def new_item(self, hid: int, cell: str, people: list, friends: list, manager: str) -> dict:
        rnd = self.rnd
        worry = cell in WORRY_CELLS
        return {
            "household_id": hid,
            "lineage": self.lineage(),
            "cell": cell,
            "text": f"{rnd.choice(ITEM_TEXTS[cell])} ({rnd.randint(1, 999)}).",
            "concerns_person_id": rnd.choice(people)[0] if people and rnd.random() < 0.4 else None,
            "worry_kind": rnd.choice(["problem", "problem", "limitation", None]) if worry else None,
            "stance": (rnd.choice(people)[1], rnd.choice(["agrees", "disputes"]))
            if worry and people and rnd.random() < 0.3
            else None,
            **self.source(people, friends, manager),
        }

    def next_map(self, hid: int, items: list[dict], people: list, friends: list, manager: str):
        """A copy of the map with a few items dropped, changed and added (lineage kept)."""
        rnd = self.rnd
        kept = [dict(item) for item in items if rnd.random() > 0.08]
        for item in kept:
            if rnd.random() < 0.1:
                item["text"] = item["text"].rstrip(".") + ", nu beter."
        target = len(items)
        while len(kept) < target:
            kept.append(self.new_item(hid, rnd.choice(CELLS), people, friends, manager))
        return kept

    def write_moment(self, moment_id: int, items: list[dict], statements: list[dict]) -> None:
        positions: dict[str, int] = {}
        for item in items:
            positions[item["cell"]] = positions.get(item["cell"], 0) + 1
            row = {k: v for k, v in item.items() if k != "stance"}
            row.update(
                id=len(self.items) + 1,
                moment_id=moment_id,
                position=positions[item["cell"]],
            )
            self.items.append(row)
            if item["stance"] is not None:
                who, stance = item["stance"]
                self.stances.append(
                    {
                        "item_id": row["id"],
                        "household_id": item["household_id"],
                        "who": who,
                        "stance": stance,
                    }
                )
        positions = {}
        for statement in statements:
            positions[statement["type"]] = positions.get(statement["type"], 0) + 1
            self.statements.append(
                {
                    **statement,
                    "moment_id": moment_id,
                    "position": positions[statement["type"]],
                }
            )

    def new_statements(self, hid: int, children: list, largest: bool) -> list[dict]:
        """Harm (sometimes), one or two danger statements each with its safety goal, and a
        bottom line guarding the goals: 6 for the largest case."""
        rnd = self.rnd
        blank = {
            "household_id": hid,
            "child_id": None,
            "who_worried": "",
            "behaviour": "",
            "example": "",
            "impact": "",
            "pairs_with": None,
            "carers_will": "",
            "child_will_experience": "",
            "professionals_will_see": "",
            "sustained_for": "",
            "set_by": "",
            "set_on": None,
            "guards": "",
            "text_edited": False,
        }
        child = rnd.choice(children)[0] if children else None
        out = []
        if largest or rnd.random() < 0.4:
            out.append(
                {
                    **blank,
                    "lineage": self.lineage(),
                    "type": "harm",
                    "child_id": child,
                    "behaviour": "Het kind liep 's avonds alleen buiten.",
                    "impact": "Het kind was erg geschrokken.",
                    "text": "Het kind liep 's avonds alleen buiten en was erg geschrokken.",
                }
            )
        goals = []
        for _ in range(2 if largest else rnd.choice([1, 1, 2])):
            danger = self.lineage()
            out.append(
                {
                    **blank,
                    "lineage": danger,
                    "type": "danger",
                    "child_id": child,
                    "who_worried": "Veilig Thuis\nde casusregisseur",
                    "behaviour": "vader gooit met spullen als hij boos is",
                    "example": "vorige week gooide hij een stoel",
                    "impact": "het kind kan gewond raken",
                    "text": "Veilig Thuis en de casusregisseur zijn bang dat vader met "
                    "spullen gooit als hij boos is; het kind kan gewond raken.",
                }
            )
            goals.append(self.lineage())
            out.append(
                {
                    **blank,
                    "lineage": goals[-1],
                    "type": "safety_goal",
                    "pairs_with": danger,
                    "carers_will": "Vader gaat de kamer uit als hij boos wordt.",
                    "child_will_experience": "Het kind merkt dat ruzies stoppen.",
                    "professionals_will_see": "Geen politie-inzet meer.",
                    "sustained_for": "3 maanden",
                    "text": "Vader gaat de kamer uit als hij boos wordt; drie maanden lang.",
                }
            )
        if largest or rnd.random() < 0.3:
            out.append(
                {
                    **blank,
                    "lineage": self.lineage(),
                    "type": "bottom_line",
                    "set_by": "Veilig Thuis",
                    "set_on": None,
                    "guards": "\n".join(goals),
                    "text": "Er wordt thuis niet gegooid, geduwd of geslagen.",
                }
            )
        return out

    def add_scores(self, hid, opened, last_day, people, friends, manager, statements, largest):
        rnd = self.rnd
        dangers = [s["lineage"] for s in statements if s["type"] == "danger"]
        span = max((last_day - opened).days, 0)
        count = 300 if largest else rnd.randint(3, 7)
        if rnd.random() < 0.1:
            self.scales.append(
                {
                    "household_id": hid,
                    "zero": "De kinderen kunnen niet thuis blijven.",
                    "ten": "Iedereen vertrouwt erop dat de kinderen veilig zijn.",
                }
            )
        for n in range(count):
            source = self.source(people, friends, manager)
            kind = source["source_kind"]
            role = rnd.choice(ROLES_BY_SOURCE[kind]) if kind in ROLES_BY_SOURCE else "case_manager"
            self.scores.append(
                {
                    "household_id": hid,
                    "scored_on": opened + dt.timedelta(days=span * n // count),
                    "role": role,
                    "score": min(10, max(0, 2 + 6 * n // count + rnd.randint(-1, 2))),
                    "about": rnd.choice(dangers) if dangers and rnd.random() < 0.2 else None,
                    "reason": "Er is een plan en het netwerk helpt.",
                    "one_higher": "Als het plan ook in de vakantie werkt.",
                    "context": rnd.choice(
                        ["conversation", "network_meeting", "reflective_practice"]
                    ),
                    **source,
                }
            )


#: Agreements as they are written in a plan: what, when, where, check (a number keeps them apart).
AGREEMENTS = [
    (
        "{who} belt elke avond om 20.00 uur om te horen hoe het gaat",
        "elke avond om 20.00 uur",
        "telefonisch",
        "{who} schrijft op wanneer er gebeld is",
    ),
    (
        "{who} brengt de kinderen naar school",
        "elke werkdag om 8.15 uur",
        "van huis naar school",
        "De school ziet of de kinderen op tijd zijn",
    ),
    (
        "{who} gaat de kamer uit en belt een vriend als een ruzie oploopt",
        "elke keer dat een ruzie oploopt",
        "thuis",
        "De casusregisseur vraagt het elke week na",
    ),
    (
        "{who} past op woensdagmiddag op de kinderen",
        "elke woensdag van 12.00 tot 17.00 uur",
        "bij het gezin thuis",
        "{who} stuurt de casusregisseur een berichtje",
    ),
    (
        "{who} gaat naar de controle bij de verslavingszorg",
        "elke dinsdag om 9.00 uur",
        "Verslavingszorg Noord",
        "De uitslag gaat dezelfde dag naar de casusregisseur",
    ),
    (
        "{who} kookt op dinsdag en donderdag voor de kinderen",
        "dinsdag en donderdag om 17.30 uur",
        "bij het gezin thuis",
        "Het oudste kind vertelt de mentor of het huiswerk kon maken",
    ),
]
RED_FLAGS = [
    (
        "Het kind komt moe of zonder eten op school.",
        "De school belt dezelfde dag de casusregisseur.",
    ),
    ("Moeder neemt 's avonds de telefoon niet op.", "Oma gaat meteen langs."),
    ("Er is iets kapot in huis.", "De buurvrouw belt de casusregisseur."),
]
KEPT = ["yes", "yes", "yes", "partly", "no"]


class _Plans:
    """Rows for plan versions, network roles, red flags, agreements, parties and reviews."""

    def __init__(self, rnd: random.Random, stamp: dict, today: dt.date):
        self.rnd = rnd
        self.stamp = stamp
        self.today = today
        self.versions: list[dict] = []
        self.roles: list[dict] = []
        self.flags: list[dict] = []
        self.agreements: list[dict] = []
        self.parties: list[dict] = []
        self.reviews: list[dict] = []
        self.results: list[dict] = []

    def tables(self) -> list[tuple[type, list[dict]]]:
        return [
            (PlanVersion, self.versions),
            (PlanNetworkRole, self.roles),
            (RedFlag, self.flags),
            (Agreement, self.agreements),
            (AgreementParty, self.parties),
            (PlanReview, self.reviews),
            (ReviewResult, self.results),
        ]

    def counts(self) -> dict[str, int]:
        return {
            "plan_versions": len(self.versions),
            "agreements": len(self.agreements),
            "agreement_parties": len(self.parties),
            "plan_reviews": len(self.reviews),
            "review_results": len(self.results),
            "plan_network_roles": len(self.roles),
            "red_flags": len(self.flags),
        }

    def lineage(self) -> str:
        return f"{self.rnd.getrandbits(128):032x}"

    def who(self, people: list, friends: list) -> dict:
        """A party: mostly a parent or a network member."""
        rnd = self.rnd
        parents = [p for p in people if p[2] == "parent"] or people
        if friends and rnd.random() < 0.5:
            member_id, name = rnd.choice(friends)
            return {
                "source_kind": "network",
                "source_person_id": None,
                "source_network_id": member_id,
                "source_label": name,
            }
        person_id, label, _role = rnd.choice(parents)
        return {
            "source_kind": "person",
            "source_person_id": person_id,
            "source_network_id": None,
            "source_label": label,
        }

    def distinct(self, people: list, friends: list, count: int) -> list[dict]:
        """Up to `count` different people (acceptance and roles are per person)."""
        named = [self.who(people, friends) for _ in range(count)]
        return list({(p["source_person_id"], p["source_network_id"]): p for p in named}.values())

    def add_case(self, hid, closed, manager, people, friends, moments, statements, *, largest):
        rnd = self.rnd
        if not people or not (largest or rnd.random() < 0.6):
            return
        n_versions = 6 if largest else rnd.choices([1, 2, 3], [5, 3, 2])[0]
        n_agreements = 25 if largest else rnd.randint(4, 6)
        served = [s["lineage"] for s in statements if s["type"] != "harm"]
        first_day = moments[0][1] if moments else self.today - dt.timedelta(days=200)
        last_day = min(closed or self.today, self.today)
        span = max((last_day - first_day).days, n_versions)
        draft_last = closed is None and rnd.random() < 0.3
        current: list[dict] = []  # the agreements of the newest version, without version/id
        previous_id = None
        finals: list[tuple[int, dt.date, list[dict]]] = []
        for number in range(1, n_versions + 1):
            draft = draft_last and number == n_versions
            day = min(first_day + dt.timedelta(days=span * number // (n_versions + 1)), last_day)
            shown = [m for m, held in moments if held <= day]
            version_id = len(self.versions) + 1
            self.versions.append(
                {
                    "id": version_id,
                    "household_id": hid,
                    "number": number,
                    "status": "draft" if draft else "final",
                    "based_on_id": previous_id,
                    "moment_id": shown[-1] if shown and not draft else None,
                    "finalised_on": None if draft else day,
                    "finalised_by": None if draft else manager,
                    "override_reason": "Nog niet iedereen bereikt." if rnd.random() < 0.1 else None,
                    "children_told": "Mama en oma hebben het plan met tekeningen aan de kinderen "
                    "verteld.",
                    "review_schedule": "Elke zes weken een netwerkbijeenkomst.",
                    "next_review_on": day + dt.timedelta(days=42),
                    "when_not_kept": "Wie het merkt, belt dezelfde dag de casusregisseur.",
                }
            )
            if draft:
                self.versions[-1]["override_reason"] = None
            current = self.next_agreements(hid, current, n_agreements, people, friends, served, day)
            self.write_version(version_id, hid, current, people, friends, day)
            if not draft:
                finals.append((version_id, day, current))
            previous_id = version_id
        self.add_reviews(hid, finals, last_day, 10 if largest else rnd.choice([0, 1, 1, 2]))

    def next_agreements(self, hid, current, count, people, friends, served, day):
        """A copy of the agreements (lineage and acceptance kept), a few changed or added."""
        rnd = self.rnd
        out = [dict(a, parties=list(a["parties"])) for a in current if rnd.random() > 0.1]
        for agreement in out:
            if rnd.random() < 0.15:  # changed: everyone accepts again
                agreement["what"] += " (aangepast)"
                agreement["parties"] = [
                    dict(p, accepted=None, accepted_on=None, accepted_how=None)
                    for p in agreement["parties"]
                ]
        while len(out) < count:
            what, when, where, check = self.rnd.choice(AGREEMENTS)
            parties = self.distinct(people, friends, rnd.randint(1, 3))
            name = parties[0]["source_label"]
            out.append(
                {
                    "household_id": hid,
                    "lineage": self.lineage(),
                    "what": f"{what.format(who=name)} ({rnd.randint(1, 999)}).",
                    "when": when,
                    "start_on": day,
                    "due_on": None,
                    "where": where,
                    "check": check.format(who=name),
                    "checked_by": "de casusregisseur",
                    "serves": "\n".join(rnd.sample(served, min(len(served), rnd.randint(1, 2)))),
                    "status": "agreed",
                    "realistic_confirmed": rnd.random() < 0.9,
                    "review_on": day + dt.timedelta(days=42),
                    "parties": [self.accepted(p, day) for p in parties],
                }
            )
        return out

    def accepted(self, party: dict, day: dt.date) -> dict:
        roll = self.rnd.random()
        if roll < 0.1:
            return dict(party, accepted=None, accepted_on=None, accepted_how=None)
        how = "meeting" if roll < 0.8 else self.rnd.choice(["phone", "signed", "other"])
        return dict(party, accepted=True, accepted_on=day, accepted_how=how)

    def write_version(self, version_id, hid, agreements, people, friends, day):
        rnd = self.rnd
        for position, who in enumerate(self.distinct(people, friends, rnd.randint(1, 3)), 1):
            self.roles.append(
                {
                    "plan_version_id": version_id,
                    "household_id": hid,
                    "position": position,
                    "role": "Belt elke avond en is de vertrouwde volwassene van de kinderen.",
                    "told_on": day,
                    **who,
                }
            )
        for position, (sign, action) in enumerate(rnd.sample(RED_FLAGS, 2), 1):
            self.flags.append(
                {
                    "plan_version_id": version_id,
                    "household_id": hid,
                    "position": position,
                    "sign": sign,
                    "watched_by": "oma\nde school",
                    "action": action,
                }
            )
        for position, agreement in enumerate(agreements, 1):
            agreement_id = len(self.agreements) + 1
            row = {k: v for k, v in agreement.items() if k != "parties"}
            self.agreements.append(
                {
                    **row,
                    "id": agreement_id,
                    "plan_version_id": version_id,
                    "position": position,
                }
            )
            for party in agreement["parties"]:
                self.parties.append({**party, "agreement_id": agreement_id, "household_id": hid})

    def add_reviews(self, hid, finals, last_day, count):
        """`count` reviews spread over the finalised versions, each after its finalising."""
        rnd = self.rnd
        for n in range(count if finals else 0):
            version_id, day, agreements = finals[n * len(finals) // count]
            held = min(day + dt.timedelta(days=rnd.randint(14, 60)), last_day)
            review_id = len(self.reviews) + 1
            self.reviews.append(
                {
                    "id": review_id,
                    "household_id": hid,
                    "plan_version_id": version_id,
                    "held_on": max(held, day),
                    "note": "Netwerkbijeenkomst.",
                }
            )
            for agreement in agreements:
                kept = rnd.choice(KEPT)
                self.results.append(
                    {
                        "review_id": review_id,
                        "household_id": hid,
                        "agreement_lineage": agreement["lineage"],
                        "kept": kept,
                        "note": "" if kept == "yes" else "Lukte niet elke week.",
                        "reported_by": "oma",
                        "follow_up": "",
                    }
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--out", type=Path, help=f"the SQLite file (default: {DEFAULT_OUT})")
    parser.add_argument(
        "--url", help="a PostgreSQL team database to make anew instead (its login must be able "
        "to create databases and roles: scripts/test-postgres.sh start prints one)"
    )  # fmt: skip
    parser.add_argument(
        "--full-detail", action="store_true", help="a map, plans and ZRM for every case"
    )
    args = parser.parse_args()
    target = args.url or args.out or DEFAULT_OUT
    start = time.perf_counter()
    counts = generate(target, args.households, full_detail=args.full_detail)
    where = make_url(args.url).render_as_string() if args.url else target
    print(f"{where}: {counts} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
