"""ZRM rows for the large benchmark database: assessments of the adults with a row per domain.

About 40% of the cases have assessments: each adult 1–3, a few months apart, copied forward
with a few levels moved each time, 1–3 focus domains with a target. The largest case's four
parents have 8 assessments each. Its own random stream, so the other tables stay as they were.
"""

from __future__ import annotations

import datetime as dt
import random

from jeugdtool.zrm.definitions import builtin_matrices
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore

NOTES = [
    "Volgens moeder; bevestigd door schuldhulpverlening.",
    "Eigen waarneming bij huisbezoek.",
    "Gesprek met vader en de wijkverpleegkundige.",
    "Informatie van de huisarts (met toestemming).",
    "",
]
CARRIERS = ["self", "network", "professional", "shared", None]


class Zrm:
    def __init__(self, rnd: random.Random, stamp: dict, today: dt.date):
        self.rnd = rnd
        self.stamp = stamp
        self.today = today
        self.matrix = builtin_matrices()[0]
        self.assessments: list[dict] = []
        self.scores: list[dict] = []

    def tables(self) -> list[tuple[type, list[dict]]]:
        return [(ZrmAssessment, self.assessments), (ZrmDomainScore, self.scores)]

    def counts(self) -> dict[str, int]:
        return {"zrm_assessments": len(self.assessments), "zrm_domain_scores": len(self.scores)}

    def add_case(self, hid: int, opened: dt.date, people: list, manager: str, *, largest: bool):
        rnd = self.rnd
        if not (largest or rnd.random() < 0.4):
            return
        for person_id, _label, role in people:
            if role != "parent":
                continue
            count = 8 if largest else rnd.randint(1, 3)
            spread = [1, 2, 2, 3, 3, 4, 4, 5, None]
            levels = {code: rnd.choice(spread) for code in self.matrix.codes}
            focus = set(rnd.sample(self.matrix.codes, rnd.randint(1, 3)))
            day = opened + dt.timedelta(days=rnd.randint(7, 40))
            previous = None
            for _ in range(count):
                if day > self.today:
                    break
                aid = len(self.assessments) + 1
                self.assessments.append(
                    {
                        "id": aid,
                        "household_id": hid,
                        "person_id": person_id,
                        "assessed_on": day,
                        "assessor": manager,
                        "matrix_id": self.matrix.id,
                        "matrix_version": self.matrix.version,
                        "copied_from_id": previous,
                        "note": "",
                    }
                )
                for code in rnd.sample(self.matrix.codes, 3):  # a few levels move each time
                    if levels[code] is not None:
                        levels[code] = min(5, max(1, levels[code] + rnd.choice([-1, 1, 1])))
                for position, code in enumerate(self.matrix.codes, 1):
                    level = levels[code]
                    self.scores.append(
                        {
                            "id": len(self.scores) + 1,
                            "household_id": hid,
                            "assessment_id": aid,
                            "domain": code,
                            "position": position,
                            "level": level,
                            "note": rnd.choice(NOTES) if level is not None else "",
                            "limitation": code == "lichamelijke_gezondheid" and rnd.random() < 0.2,
                            "carried_by": rnd.choice(CARRIERS) if level is not None else None,
                            "focus": code in focus,
                            "target_level": min(5, (level or 2) + 1) if code in focus else None,
                            "target_date": day + dt.timedelta(days=120) if code in focus else None,
                            "plan_links": "",
                        }
                    )
                previous = aid
                day += dt.timedelta(days=rnd.randint(60, 120))
