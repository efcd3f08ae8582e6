"""Make a large, realistic jeugdtool database for the benchmarks.

10,000 households with ~40,000 persons and network members (and their audit rows), and the
framework: mapping moments with map items (copies share a lineage), stances, statements and
scale scores; and safety plans for ~60% of the cases: 1–3 versions of ~5 agreements with 1–3
parties each (copies share a lineage and keep their acceptance), the safety network, red flags
and 0–2 reviews; ZRM assessments for the adults of ~40% of the cases (benchmarks/zrm_rows.py);
1–4 help items per case, a closing for every closed case and a few earlier closings of reopened
cases with their new starts (benchmarks/outcome_rows.py); a journal for every case, a few
meldcode records with Veilig Thuis contacts, kindchecks and verwijsindex signals
(benchmarks/dossier_rows.py).
Written with bulk inserts in one transaction. Deterministic (seeded), so runs
are comparable. The largest case (LARGEST_CASE_ID) has 20 mapping moments of ~25 items, ~6
statements per moment, 300 scale scores, and a plan of 6 versions with 25 agreements each and
10 reviews.

    .venv/bin/python benchmarks/generate_large_db.py [--households 10000] [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from pathlib import Path

from dossier_rows import Dossier
from outcome_rows import Outcomes
from sqlalchemy import insert
from zrm_rows import Zrm

from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import NetworkMember
from jeugdtool.cases.models import Person
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
    framework = _Framework(rnd, stamp, now.date())
    plans = _Plans(random.Random(seed + 1), stamp, now.date())  # own stream: framework unchanged
    zrm = Zrm(random.Random(seed + 2), stamp, now.date())
    outcomes = Outcomes(random.Random(seed + 3), stamp, now.date())
    dossier = Dossier(random.Random(seed + 4), stamp, now.date())
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
        people: list[tuple[int, str, str]] = []  # (id, label, role) of persons in this case
        friends: list[tuple[int, str]] = []  # (id, name) of network members
        members = [("parent", 1975, 1998)] * (4 if largest else rnd.randint(1, 2)) + [
            ("child", 2009, 2025)
        ] * (10 if largest else rnd.randint(1, 3))
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
                        rnd.randint(lo, hi), rnd.randint(1, 12), rnd.randint(1, 28)
                    ),
                    **stamp,
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
                    **stamp,
                }
            )
        manager = MANAGERS[hh_rows[-1]["case_manager_id"] - 1]
        items_at = len(framework.items)
        moments, statements = framework.add_case(
            hid, opened, closed, manager, people, friends, largest=largest
        )
        plans.add_case(hid, closed, manager, people, friends, moments, statements, largest=largest)
        scored, assessed = len(zrm.scores), len(zrm.assessments)
        zrm.add_case(hid, opened, people, manager, largest=largest)
        focus = sorted({s["domain"] for s in zrm.scores[scored:] if s["focus"]})
        outcomes.add_case(hid, opened, closed, manager, people, statements, focus, largest=largest)
        levels: dict[int, list[dict]] = {}
        for score in zrm.scores[scored:]:
            levels.setdefault(score["assessment_id"], []).append(score)
        case_zrm = [(a, levels.get(a["id"], [])) for a in zrm.assessments[assessed:]]
        dossier.add_case(
            hid,
            opened,
            closed,
            (hh_rows[-1]["case_manager_id"], manager),
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
            *framework.tables(),
            *plans.tables(),
            *zrm.tables(),
            *outcomes.tables(),
            *dossier.tables(),
        ):
            if rows:
                conn.execute(insert(model), rows)
    db.close()
    counts.update(framework.counts())
    counts.update(plans.counts())
    counts.update(zrm.counts())
    counts.update(outcomes.counts())
    counts.update(dossier.counts())
    return counts


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
                **self.stamp,
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
                **self.stamp,
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
                        **self.stamp,
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
                    **self.stamp,
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
                    **self.stamp,
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
                    **self.stamp,
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
                    **self.stamp,
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
                    **self.stamp,
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
                    **self.stamp,
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
                    **self.stamp,
                }
            )
            for party in agreement["parties"]:
                self.parties.append(
                    {**party, "agreement_id": agreement_id, "household_id": hid, **self.stamp}
                )

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
                    **self.stamp,
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
                        **self.stamp,
                    }
                )


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
