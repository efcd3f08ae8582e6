"""Which pending kindchecks a change raised after a moment (the Kindcheck bar's baseline, read
from the audit trail instead of a look when the case opens)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool.cases import members
from jeugdtool.dossier import kindcheck as kc
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from jeugdtool.store.base import utcnow
from jeugdtool.zrm import assessments as za

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()
MAR = dt.date(2026, 3, 9)


@pytest.fixture
def family(uow, case):
    def add(first: str, role: str, born: str | None = None):
        fields = {"first_name": first, "last_name": "Jansen", "role": role, "birth_date": born}
        return members.add_person(uow, case.id, fields).value

    sanne, mark = add("Sanne", "parent"), add("Mark", "parent")
    return dataclasses.make_dataclass("Family", ["case", "sanne", "mark"])(case, sanne, mark)


def _zrm(uow, person_id: int, **levels: int) -> int:
    assessment = za.create_assessment(uow, person_id, assessed_on=TODAY).value
    for domain, level in levels.items():
        za.set_domain(uow, assessment.id, domain, {"level": level})
    return assessment.id


def _worry(uow, case_id: int, person_id: int) -> None:
    latest = moments.latest_moment(uow, case_id)
    if latest is None:
        moment = moments.start_moment(uow, case_id, author="A. de Boer", held_on=MAR).value
    else:
        moment = latest.moment
    fields = {"text": "Drinkt veel en wordt dan boos", "concerns_person_id": person_id}
    moments.add_item(uow, moment.id, Cell.DANGER, fields)


def _raised(uow, family, since) -> dict[int, bool]:
    """Per adult with a pending kindcheck: whether it was raised since `since`."""
    pending, raised = kc.kindchecks_raised_since(uow, family.case.id, since)
    return {t.person_id: t.trigger in raised for t in pending}


def test_what_was_pending_before_stays_so_whatever_else_is_written(uow, family):
    assessment = _zrm(uow, family.sanne.id, geestelijke_gezondheid=2)
    _worry(uow, family.case.id, family.mark.id)
    since = utcnow()
    assert _raised(uow, family, since) == {family.sanne.id: False, family.mark.id: False}
    # A note on the low domain, a level of a domain the kindcheck is not about, a new mapping
    # moment (it copies the worry, with its lineage): nothing new is asked.
    za.set_domain(uow, assessment, "geestelijke_gezondheid", {"note": "Slaapt slecht"})
    za.set_domain(uow, assessment, "financien", {"level": 1})
    moments.start_moment(uow, family.case.id, author="A. de Boer", held_on=TODAY)
    assert _raised(uow, family, since) == {family.sanne.id: False, family.mark.id: False}


def test_a_level_set_low_and_a_worry_noted_afterwards_are_raised(uow, family):
    assessment = _zrm(uow, family.sanne.id, financien=2)
    since = utcnow()
    assert _raised(uow, family, since) == {}
    za.set_domain(uow, assessment, "geestelijke_gezondheid", {"level": 1})
    _worry(uow, family.case.id, family.mark.id)
    assert _raised(uow, family, since) == {family.sanne.id: True, family.mark.id: True}
    assert _raised(uow, family, utcnow()) == {family.sanne.id: False, family.mark.id: False}
