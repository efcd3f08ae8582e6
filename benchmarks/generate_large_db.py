"""Make a large, realistic jeugdtool database for the benchmarks.

10,000 households with ~40,000 persons and network members (and their audit rows), written
with bulk inserts in one transaction. Deterministic (seeded), so runs are comparable.

    .venv/bin/python benchmarks/generate_large_db.py [--households 10000] [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from pathlib import Path

from sqlalchemy import insert

from jeugdtool.cases.models import Consultant, Household, NetworkMember, Person
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


def generate(path: Path, households: int, seed: int = 20261123) -> dict[str, int]:
    rnd = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(path)
    now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    stamp = {
        "version": 1,
        "created_at": now,
        "created_by": "generator",
        "updated_at": now,
        "updated_by": "generator",
    }
    counts = {"households": households, "persons": 0, "network_members": 0}
    hh_rows, person_rows, network_rows, audit_rows = [], [], [], []
    pid = nid = 0
    for hid in range(1, households + 1):
        family = rnd.choice(LAST)
        year = rnd.choice([2022, 2023, 2024, 2025, 2026])
        status = rnd.choices(["open", "closed", "archived"], [6, 3, 1])[0]
        opened = dt.date(year, rnd.randint(1, 12), rnd.randint(1, 28))
        closed = opened + dt.timedelta(days=rnd.randint(30, 300)) if status != "open" else None
        changed = now - dt.timedelta(minutes=rnd.randint(0, 60 * 24 * 365))
        hh_rows.append(
            {
                "id": hid,
                "case_number": f"{year}-{hid:05d}",
                "name": f"Gezin {family}",
                "mode": rnd.choice(["safety", "safety", "wellbeing"]),
                "status": status,
                "opened_on": opened,
                "closed_on": closed,
                "close_reason": "Doelen bereikt" if closed else None,
                "case_manager_id": rnd.randint(1, len(MANAGERS)),
                "last_change_at": changed,
                **stamp,
            }
        )
        largest = hid == LARGEST_CASE_ID
        members = [("parent", 1975, 1998)] * (4 if largest else rnd.randint(1, 2)) + [
            ("child", 2009, 2025)
        ] * (10 if largest else rnd.randint(1, 3))
        for pos, (role, lo, hi) in enumerate(members, 1):
            pid += 1
            person_rows.append(
                {
                    "id": pid,
                    "household_id": hid,
                    "position": pos,
                    "first_name": rnd.choice(FIRST),
                    "last_name": family,
                    "role": role,
                    "notes": "",
                    "birth_date": dt.date(
                        rnd.randint(lo, hi), rnd.randint(1, 12), rnd.randint(1, 28)
                    ),
                    **stamp,
                }
            )
        for pos in range(1, (40 if largest else rnd.randint(0, 2)) + 1):
            nid += 1
            relation, kind = rnd.choice(RELATIONS)
            network_rows.append(
                {
                    "id": nid,
                    "household_id": hid,
                    "position": pos,
                    "relation": relation,
                    "name": f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
                    "kind": kind,
                    "organisation": None,
                    "phone": f"06-{rnd.randint(10000000, 99999999)}",
                    "email": None,
                    "safety_network": rnd.random() < 0.5,
                    "notes": "",
                    **stamp,
                }
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
    with db.engine.begin() as conn:
        conn.execute(
            insert(Consultant),
            [
                {"id": i, "name": n, "email": None, "active": True, **stamp}
                for i, n in enumerate(MANAGERS, 1)
            ],
        )
        for model, rows in (
            (Household, hh_rows),
            (Person, person_rows),
            (NetworkMember, network_rows),
            (AuditEntry, audit_rows),
        ):
            conn.execute(insert(model), rows)
    db.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    start = time.perf_counter()
    counts = generate(args.out, args.households)
    print(f"{args.out}: {counts} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
