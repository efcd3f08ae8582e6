"""Outcome rows for the large benchmark database: help deployed, closings with the goals'
outcome and the family's experience, and new starts.

Every case gets 1–4 help items from the shipped product list (`resources/help/`), some with a
cost; each closed or archived case its closing (about 60% with the goals mostly or fully
reached — a little more each year, so the quarterly dashboard shows a trend —, about 15%
ended early, further help spread), a third of them with the family's experience. About 8% of
the open cases were closed once before and reopened, some within six months (183 days) and
some later: a closing with `reopened_on` and a new start, about 10% of all closings. Its own
random stream, so the other tables stay as they were.
"""

from __future__ import annotations

import datetime as dt
import random
from itertools import accumulate

from jeugdtool import resources
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.outcomes.models import ClosingGoalOutcome
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.models import NewStart

PRODUCT_LIST = "ijw-productcategorieen"
#: Category code -> (weight, decided by (weighted), unit, cost per unit in cents (range), units
#: (range), what, intensity); a unit of None: no cost recorded.
KINDS: dict[str, tuple[int, list[str], str | None, tuple[int, int], tuple[int, int], str, str]] = {
    "45": (
        30,
        ["municipality"] * 6 + ["gp"] * 3 + ["youth_doctor"],
        "hour",
        (8000, 12500),
        (10, 60),
        "Ambulante gezinsbegeleiding",
        "2 uur per week",
    ),
    "41": (
        4,
        ["municipality", "gp", "medical_specialist"],
        "day_part",
        (9000, 15000),
        (20, 100),
        "Dagbehandeling",
        "3 dagdelen per week",
    ),
    "43": (
        2,
        ["municipality", "certified_institution"],
        "day",
        (20000, 35000),
        (30, 365),
        "Verblijf met behandeling",
        "24 uur per dag",
    ),
    "44": (
        2,
        ["municipality", "certified_institution"],
        "day",
        (12000, 20000),
        (30, 365),
        "Pleegzorg",
        "24 uur per dag",
    ),
    "46": (1, ["municipality"], "day", (30000, 40000), (3, 20), "Crisisopvang", "24 uur per dag"),
    "48": (
        3,
        ["court", "certified_institution"],
        "month",
        (100000, 160000),
        (6, 12),
        "Ondertoezichtstelling",
        "Gezinsvoogd",
    ),
    "47": (1, ["court"], "month", (80000, 120000), (3, 12), "Jeugdreclassering", "1 keer per week"),
    "VV01": (8, ["free_access"], None, (0, 0), (0, 0), "Algemene voorziening", "Op afspraak"),
    "VV02": (8, ["free_access"], None, (0, 0), (0, 0), "Maatschappelijk werk", "1 uur per week"),
    "VV03": (
        10,
        ["free_access"],
        "trajectory",
        (25000, 60000),
        (1, 1),
        "Opvoedcursus",
        "1 avond per week",
    ),
    "VV04": (8, ["free_access"], None, (0, 0), (0, 0), "Schoolmaatschappelijk werk", "1 gesprek"),
    "VV05": (8, ["free_access"], None, (0, 0), (0, 0), "Maatje via vrijwilligers", "1 ochtend"),
    "VV06": (5, ["free_access"], "hour", (4000, 6500), (6, 30), "Schuldhulpverlening", "1 uur"),
    "VV07": (6, ["free_access", "gp"], None, (0, 0), (0, 0), "POH-GGZ jeugd", "1 gesprek"),
}
PROVIDERS = [
    "Jeugdhulp De Wilgenhof",
    "Ambulante Jeugdhulp Zonnestraal",
    "Opvoedpunt Het Nest",
    "Gezinscoaching De Brug",
    "Budgetmaatjes Oost",
    "Vrijwilligerspunt Stadspark",
    "Zorgboerderij De Klaproos",
    "Behandelcentrum Het Anker",
]
#: Goals' outcome, by year of closing: the share mostly or fully reached rises (the trend).
REACHED_BY_YEAR = {2022: 0.54, 2023: 0.58, 2024: 0.62, 2025: 0.66, 2026: 0.7, 2027: 0.72}
#: A goal's own outcome is mostly that of the goals as a whole, else one step from it.
NEAR = {"fully": "mostly", "mostly": "fully", "partly": "not", "not": "partly"}
FURTHER = (["none", "community", "other"], [5, 3, 2])
EARLY_BY = (["family", "provider", "municipality"], [6, 3, 1])
COMMENTS = [
    "Ik voelde me gehoord.",
    "Het ging snel, soms te snel.",
    "Ik weet nu wie ik kan bellen.",
    "",
    "",
]


def _categories() -> list[str]:
    """The shipped list's codes that have a kind here (the list decides what exists)."""
    shipped = resources.load_json("help", f"{PRODUCT_LIST}.json")
    return [c["code"] for c in shipped["categories"] if c["code"] in KINDS]


class Outcomes:
    """Rows for help items, closings (goal outcomes, experiences) and new starts."""

    def __init__(self, rnd: random.Random, stamp: dict, today: dt.date):
        self.rnd = rnd
        self.stamp = stamp
        self.today = today
        self.codes = _categories()
        #: Cumulative weights: `choices` need not add them up again for every item.
        self.cum_weights = list(accumulate(KINDS[code][0] for code in self.codes))
        self.help: list[dict] = []
        self.closings: list[dict] = []
        self.goal_outcomes: list[dict] = []
        self.experiences: list[dict] = []
        self.new_starts: list[dict] = []

    def tables(self) -> list[tuple[type, list[dict]]]:
        # Closings before the rows that name them.
        return [
            (HelpItem, self.help),
            (CaseClosing, self.closings),
            (ClosingGoalOutcome, self.goal_outcomes),
            (ClientExperience, self.experiences),
            (NewStart, self.new_starts),
        ]

    def counts(self) -> dict[str, int]:
        return {
            "help_items": len(self.help),
            "case_closings": len(self.closings),
            "closing_goal_outcomes": len(self.goal_outcomes),
            "client_experiences": len(self.experiences),
            "new_starts": len(self.new_starts),
        }

    def add_case(self, hid, opened, closed, manager, people, statements, focus, *, largest):
        """`people`: (id, label, role); `statements`: the newest moment's; `focus`: the ZRM
        focus domain codes of the case."""
        rnd = self.rnd
        last_day = min(closed or self.today, self.today)
        opened = min(opened, last_day)
        goals = [(s["lineage"], s["text"]) for s in statements if s["type"] == "safety_goal"]
        serves = [lineage for lineage, _text in goals] + [f"zrm:{code}" for code in focus]
        children = [p for p in people if p[2] == "child"]
        parents = [p for p in people if p[2] != "child"]
        for position in range(1, (12 if largest else rnd.randint(1, 4)) + 1):
            whom = self.whom(children, parents)
            self.add_help(hid, position, opened, last_day, closed, whom, serves)
        if closed is not None:
            self.add_closing(hid, closed, people, goals, reopened=None)
        elif (last_day - opened).days > 150 and rnd.random() < 0.08:
            self.add_episode(hid, opened, manager, people, goals)

    def whom(self, children: list, parents: list) -> tuple | None:
        """Mostly a child, sometimes a parent, else the household as a whole (None)."""
        roll = self.rnd.random()
        if children and roll < 0.6:
            return self.rnd.choice(children)
        if parents and roll < 0.85:
            return self.rnd.choice(parents)
        return None

    def add_help(self, hid, position, opened, last_day, closed, whom, serves):
        rnd = self.rnd
        code = rnd.choices(self.codes, cum_weights=self.cum_weights)[0]
        _weight, deciders, unit, cost, units, what, intensity = KINDS[code]
        starts = opened + dt.timedelta(days=rnd.randint(0, max((last_day - opened).days, 0)))
        planned = starts + dt.timedelta(days=rnd.randint(60, 270))
        if closed is not None:
            ended = min(planned, closed)
        elif planned < self.today and rnd.random() < 0.7:
            ended = planned  # else still running past its planned end: a warning
        else:
            ended = None
        costed = unit is not None and rnd.random() < 0.8
        self.help.append(
            {
                "household_id": hid,
                "position": position,
                "person_id": whom[0] if whom else None,
                "for_label": whom[1] if whom else "Het hele gezin",
                "product_list": PRODUCT_LIST,
                "category": code,
                "description": f"{what} ({rnd.randint(1, 999)})",
                "provider": rnd.choice(PROVIDERS),
                "starts_on": starts,
                "planned_end": planned,
                "ended_on": ended,
                "intensity": intensity,
                "decided_by": rnd.choice(deciders),
                "unit": unit if costed else None,
                "unit_cost_cents": rnd.randint(*cost) if costed else None,
                "units": rnd.randint(*units) if costed else None,
                "serves": "\n".join(rnd.sample(serves, min(len(serves), rnd.randint(0, 2)))),
            }
        )

    def add_closing(self, hid, closed_on, people, goals, *, reopened):
        rnd = self.rnd
        early = rnd.random() < (0.35 if reopened else 0.13)
        reached = REACHED_BY_YEAR.get(closed_on.year, 0.6) - (0.25 if early else 0.0)
        whole = (
            rnd.choice(["fully", "mostly", "mostly"])
            if rnd.random() < reached
            else rnd.choice(["partly", "partly", "not"])
        )
        further = rnd.choices(*FURTHER)[0]
        closing_id = len(self.closings) + 1
        self.closings.append(
            {
                "id": closing_id,
                "household_id": hid,
                "closed_on": closed_on,
                "reason": "Doelen bereikt" if whole in ("fully", "mostly") else "Hulp gestopt",
                "goals_outcome": whole,
                "further_help": further,
                "further_help_detail": "" if further == "none" else "Buurtteam en school",
                "ended_as": "early" if early else "planned",
                "ended_early_by": rnd.choices(*EARLY_BY)[0] if early else None,
                "reopened_on": reopened,
            }
        )
        for position, (lineage, text) in enumerate(goals, 1):
            self.goal_outcomes.append(
                {
                    "household_id": hid,
                    "closing_id": closing_id,
                    "position": position,
                    "goal_lineage": lineage,
                    "goal_text": text,
                    "outcome": whole if rnd.random() < 0.7 else NEAR[whole],
                }
            )
        if people and rnd.random() < 0.3:
            self.add_experiences(hid, closing_id, people, whole)
        return closing_id

    def add_experiences(self, hid, closing_id, people, whole):
        rnd = self.rnd
        base = 4 if whole in ("fully", "mostly") else 3
        for person_id, label, _role in rnd.sample(people, min(len(people), rnd.randint(1, 3))):

            def score() -> int | None:
                return None if rnd.random() < 0.05 else min(5, max(1, base + rnd.randint(-2, 1)))

            self.experiences.append(
                {
                    "household_id": hid,
                    "closing_id": closing_id,
                    "person_id": person_id,
                    "respondent": label,
                    "heard": score(),
                    "helped": score(),
                    "knows_what_to_do": score(),
                    "comment": rnd.choice(COMMENTS),
                }
            )

    def add_episode(self, hid, opened, manager, people, goals):
        """An open case closed once before and reopened: within six months or later."""
        rnd = self.rnd
        closed_on = opened + dt.timedelta(days=rnd.randint(60, 120))
        gap = rnd.randint(14, 183) if rnd.random() < 0.6 else rnd.randint(184, 420)
        reopened = closed_on + dt.timedelta(days=gap)
        if reopened > self.today:
            reopened = closed_on + dt.timedelta(days=rnd.randint(1, (self.today - closed_on).days))
        closing_id = self.add_closing(hid, closed_on, people, goals, reopened=reopened)
        self.new_starts.append(
            {
                "household_id": hid,
                "started_on": reopened,
                "kind": "reopened",
                "person_id": None,
                "previous_closing_id": closing_id,
                "confirmed_by": manager,
            }
        )
