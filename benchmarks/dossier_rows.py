"""Dossier rows for the large benchmark database: the journal with its links, meldcode records
with their steps, signals and answers, contacts with Veilig Thuis, kindchecks and verwijsindex
signals with their matches.

Every case gets a journal of 3–20 entries over its period (the largest case 400): home visits,
calls, consultations, network meetings, each linked to 0–2 things of the case (map items,
statements, ZRM domains); about 8% are working notes and 3% correct an earlier entry. About 6% of
the cases have a meldcode record — closed with a decision (and a report to Veilig Thuis when
the answers lead to one), or still open with some steps done, often long enough for the
step reminder —, a third of the cases with ZRM assessments a kindcheck (written in the journal
too), and about 4% a verwijsindex signal for a child, some expiring soon, some withdrawn. Its own
random stream, so the other tables stay as they were.
"""

from __future__ import annotations

import datetime as dt
import random
from itertools import accumulate

from jeugdtool.dossier.kindcheck_rules import TRIGGER_DOMAINS
from jeugdtool.dossier.meldcode_rules import QUESTION_KEYS
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.dossier.models import Kindcheck
from jeugdtool.dossier.models import MeldcodeAnswer
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import MeldcodeSignal
from jeugdtool.dossier.models import MeldcodeStepRow
from jeugdtool.dossier.models import VeiligThuisContact
from jeugdtool.dossier.models import VerwijsindexMatch
from jeugdtool.dossier.models import VerwijsindexSignal

KINDS = (
    ["home_visit", "phone_call", "office_meeting", "consultation", "network_meeting", "email"],
    [30, 30, 10, 15, 8, 7],
)
#: The kinds' cumulative weights (`choices` need not add them up again for every entry).
KIND_CUM = list(accumulate(KINDS[1]))
MINUTES = [0, 15, 30, 45]
NOTES = [
    "Huisbezoek: de afspraken van het plan doorgelopen; het gaat redelijk.",
    "Telefonisch contact over de afspraak met school.",
    "Overleg met de huisarts over de hulp voor moeder.",
    "Netwerkberaad: oma en de buurman blijven de avonden opvangen.",
    "De kinderen apart gesproken; zij voelen zich veiliger thuis.",
    "Mail van de mentor: weer elke dag op school.",
]
WORKING = "Eigen aantekening: volgende keer doorvragen over de avonden."
ORGANISATIONS = [
    "GGD Jeugdgezondheidszorg",
    "Leerplicht",
    "Politie basisteam",
    "Zorgcoördinator VO",
]


class Dossier:
    """Rows for the journal, meldcode records, Veilig Thuis, kindchecks and the verwijsindex."""

    def __init__(self, rnd: random.Random, stamp: dict, today: dt.date):
        self.rnd = rnd
        self.stamp = stamp
        self.today = today
        self.entries: list[dict] = []
        self.links: list[dict] = []
        self.records: list[dict] = []
        self.steps: list[dict] = []
        self.signals: list[dict] = []
        self.answers: list[dict] = []
        self.contacts: list[dict] = []
        self.kindchecks: list[dict] = []
        self.vi_signals: list[dict] = []
        self.matches: list[dict] = []
        self.recent: list[tuple[int, dt.date, str]] = []  # the case's entries (add_entry)

    def tables(self) -> list[tuple[type, list[dict]]]:
        # Rows before the rows that name them.
        return [
            (JournalEntry, self.entries),
            (JournalLink, self.links),
            (MeldcodeRecord, self.records),
            (MeldcodeStepRow, self.steps),
            (MeldcodeSignal, self.signals),
            (MeldcodeAnswer, self.answers),
            (VeiligThuisContact, self.contacts),
            (Kindcheck, self.kindchecks),
            (VerwijsindexSignal, self.vi_signals),
            (VerwijsindexMatch, self.matches),
        ]

    def counts(self) -> dict[str, int]:
        return {model.__tablename__: len(rows) for model, rows in self.tables()}

    def add_case(self, hid, opened, closed, manager, people, items, statements, zrm, *, largest):
        """`people`: (id, label, role); `items` and `statements`: the case's map items and the
        newest moment's statements (dicts with lineage and text); `zrm`: (assessment row,
        its domain score rows) of the case."""
        rnd = self.rnd
        last_day = min(closed or self.today, self.today)
        opened = min(opened, last_day)
        manager_id, manager_name = manager
        targets = self.targets(items, statements, zrm)
        self.recent = []
        count = 400 if largest else rnd.randint(3, 20)
        span = max((last_day - opened).days, 0)
        days = sorted(opened + dt.timedelta(days=rnd.randint(0, span)) for _ in range(count))
        for day in days:
            self.add_entry(hid, day, manager_id, manager_name, people, targets)
        if statements and (largest or rnd.random() < 0.06):
            self.add_record(hid, opened, last_day, closed, manager_name, statements)
        if zrm and (largest or rnd.random() < 0.33):
            self.add_kindcheck(hid, manager_id, manager_name, people, zrm)
        children = [p for p in people if p[2] == "child"]
        if children and (largest or rnd.random() < 0.04):
            self.add_vi_signal(hid, opened, last_day, closed, manager_name, rnd.choice(children))

    def targets(self, items, statements, zrm) -> list[tuple[str, str, str]]:
        """(kind, key, label) an entry of this case can link to."""
        # Each target once (a map item's copies share its lineage): its newest words.
        found = {("map_item", i["lineage"]): i["text"][:80] for i in items}
        found |= {("statement", s["lineage"]): s["text"][:80] for s in statements}
        for assessment, scores in zrm:
            for score in scores:
                key = f"{assessment['person_id']}:{score['domain']}"
                found[("zrm_domain", key)] = f"ZRM {score['domain']}"
        return sorted((kind, key, label) for (kind, key), label in found.items())

    def add_entry(self, hid, day, author_id, author, people, targets, *, kind=None, note=None):
        rnd = self.rnd
        entry_id = len(self.entries) + 1
        kind = kind or rnd.weighted(KINDS[0], KIND_CUM)
        working = kind != "kindcheck" and rnd.random() < 0.08
        # A correction names an entry of an earlier day (so recorded before it): one of the
        # case's last ten entries (`recent`: this case's (id, day, kind), oldest first).
        recent = self.recent
        earlier = [e for e in recent[-10:] if e[1] < day and e[2] != "kindcheck"]
        corrects = earlier[-1][0] if earlier and not working and rnd.random() < 0.03 else None
        recent.append((entry_id, day, kind))
        hour = rnd.randint(8, 20)
        self.entries.append(
            {
                "id": entry_id,
                "household_id": hid,
                "occurred_on": day,
                "occurred_at": dt.time(hour, rnd.choice(MINUTES)) if rnd.random() < 0.7 else None,
                "kind": kind,
                "author_id": author_id,
                "author": author,
                "participants": "\n".join([p[1] for p in rnd.sample(people, min(len(people), 2))]),
                "note": note or (WORKING if working else rnd.choice(NOTES)),
                "working_note": working,
                "corrects_id": corrects,
                # An hour after the visit, a minute per entry: the same for every run.
                "recorded_at": dt.datetime(
                    day.year, day.month, day.day, min(hour + 1, 23), entry_id % 60, tzinfo=dt.UTC
                ),
            }
        )
        if kind != "kindcheck" and targets:
            for target_kind, key, label in rnd.sample(
                targets, min(len(targets), rnd.randint(0, 2))
            ):
                self.links.append(
                    {
                        "household_id": hid,
                        "entry_id": entry_id,
                        "target_kind": target_kind,
                        "target_key": key,
                        "target_label": label,
                    }
                )
        return entry_id

    def add_record(self, hid, opened, last_day, closed, manager, statements):
        rnd = self.rnd
        record_id = len(self.records) + 1
        started = min(opened + dt.timedelta(days=rnd.randint(0, 60)), last_day)
        finished = closed is not None or rnd.random() < 0.7
        done = 5 if finished else rnd.randint(0, 4)
        report = finished and rnd.random() < 0.4
        day = started
        for step in range(1, 6):
            day = min(day + dt.timedelta(days=rnd.randint(1, 7)), last_day)
            self.steps.append(
                {
                    "household_id": hid,
                    "record_id": record_id,
                    "step": step,
                    "done_on": day if step <= done else None,
                    "done_by": manager if step <= done else "",
                    "notes": "",
                    "with_whom": "Collega en advieslijn Veilig Thuis" if step == 2 else "",
                    "advice": "Gesprek voeren en afwegen." if step == 2 else "",
                    "talk_held": True if step == 3 and step <= done else None,
                    "not_held_reason": "",
                    "scale_score": rnd.randint(2, 6) if step == 4 and step <= done else None,
                }
            )
            if step == 2 and step <= done:
                self.add_contact(hid, "consultation", day, manager, record_id, reference="")
            if step == 5 and report:
                reference = "" if rnd.random() < 0.1 else f"VT-{day.year}-{record_id:05d}"
                self.add_contact(hid, "report", day, manager, record_id, reference=reference)
        answers = self.answers_for(report) if finished else dict.fromkeys(QUESTION_KEYS)
        for question in QUESTION_KEYS:
            self.answers.append(
                {
                    "household_id": hid,
                    "record_id": record_id,
                    "question": question,
                    "answer": answers[question],
                    "reason": "" if answers[question] is None else "Zie de aantekeningen.",
                }
            )
        worries = [s for s in statements if s["type"] in ("harm", "danger")] or statements
        for position, statement in enumerate(rnd.sample(worries, min(len(worries), 2)), 1):
            self.signals.append(
                {
                    "household_id": hid,
                    "record_id": record_id,
                    "position": position,
                    "source": "statement",
                    "source_lineage": statement["lineage"],
                    "text": statement["text"],
                }
            )
        self.records.append(
            {
                "id": record_id,
                "household_id": hid,
                "number": 1,
                "status": "closed" if finished else "open",
                "started_on": started,
                "started_by": manager,
                "kindcheck_adults": "",
                "kindcheck_children_depend": None,
                "kindcheck_safety_assessed": None,
                "kindcheck_note": "",
                "decided_report": report if finished else None,
                "decided_help": True if finished else None,
                "decision_reason": "",
                "closed_on": day if finished else None,
                "closed_by": manager if finished else None,
            }
        )

    def answers_for(self, report: bool) -> dict[str, bool | None]:
        """Answers that lead to the decision: unsafety (a report), or help that lasts."""
        if report:
            return {
                "suspicion": True,
                "unsafety": True,
                "can_help": None,
                "help_accepted": None,
                "lasting_safety": None,
            }
        return {
            "suspicion": True,
            "unsafety": False,
            "can_help": True,
            "help_accepted": True,
            "lasting_safety": True,
        }

    def add_contact(self, hid, kind, day, manager, record_id, *, reference):
        self.contacts.append(
            {
                "household_id": hid,
                "kind": kind,
                "contact_on": day,
                "channel": "phone",
                "with_whom": "Advieslijn Veilig Thuis",
                "advice": "Gesprek voeren en afwegen." if kind == "consultation" else "Gemeld.",
                "reference": reference,
                "recorded_by": manager,
                "meldcode_record_id": record_id,
            }
        )

    def add_kindcheck(self, hid, manager_id, manager, people, zrm):
        """For the first assessment with a trigger domain at 1 or 2, if any."""
        labels = {person_id: label for person_id, label, _role in people}
        for assessment, scores in zrm:
            low = [
                s["domain"]
                for s in scores
                if s["domain"] in TRIGGER_DOMAINS and s["level"] in (1, 2)
            ]
            if not low:
                continue
            day = assessment["assessed_on"]
            depend = self.rnd.choice(["yes", "yes", "no", "unknown"])
            note = f"Kindcheck: kinderen afhankelijk: {depend}; veiligheid beoordeeld: ja."
            entry_id = self.add_entry(
                hid, day, manager_id, manager, people, [], kind="kindcheck", note=note
            )
            self.kindchecks.append(
                {
                    "household_id": hid,
                    "person_id": assessment["person_id"],
                    "adult_label": labels[assessment["person_id"]],
                    "trigger": f"zrm:{day.isoformat()}:{low[0]}",
                    "asked_on": day,
                    "asked_by": manager,
                    "children_depend": depend,
                    "safety_assessed": "yes",
                    "note": "",
                    "journal_entry_id": entry_id,
                }
            )
            return

    def add_vi_signal(self, hid, opened, last_day, closed, manager, child):
        rnd = self.rnd
        signal_id = len(self.vi_signals) + 1
        signalled = min(opened + dt.timedelta(days=rnd.randint(0, 90)), last_day)
        expires = signalled + dt.timedelta(days=730)
        withdrawn = last_day if closed is not None or rnd.random() < 0.1 else None
        self.vi_signals.append(
            {
                "id": signal_id,
                "household_id": hid,
                "person_id": child[0],
                "child_label": child[1],
                "signalled_on": signalled,
                "signalled_by": manager,
                "coordinator": f"Wijkteam ({manager})",
                "coordination_on": None,
                "expires_on": expires,
                "withdrawn_on": withdrawn,
                "notes": "",
            }
        )
        for _ in range(rnd.randint(0, 2)):
            self.matches.append(
                {
                    "household_id": hid,
                    "signal_id": signal_id,
                    "organisation": rnd.choice(ORGANISATIONS),
                    "matched_on": min(signalled + dt.timedelta(days=rnd.randint(1, 30)), last_day),
                    "contact": "",
                }
            )
