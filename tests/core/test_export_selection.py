"""Data minimisation: what a partner's document includes, remembered per case and document."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.errors import InvalidInput
from jeugdtool.export import selection as sel

pytestmark = pytest.mark.both_backends


def test_defaults_keep_personal_data_out(uow, case) -> None:
    plan = sel.get_selection(uow, case.id, "plan")
    assert plan == sel.default_selection(sel.Document.PLAN)
    assert plan.sections == frozenset(sel.section_codes("plan"))
    assert (plan.birth_dates, plan.uninvolved_persons, plan.contact_details) == (False, False, True)
    assert plan.audience == ""


def test_a_choice_is_remembered_per_case_and_document(uow, case) -> None:
    school = dataclasses.replace(
        sel.default_selection("plan"),
        audience="  school  (groep 5) ",
        sections=frozenset({"agreements", "network"}),
        contact_details=False,
    )
    done = sel.remember_selection(uow, case.id, school)
    assert done.changes.touches("export_selection") and done.changes.touches_case(case.id)
    again = sel.get_selection(uow, case.id, "plan")
    assert again.audience == "school (groep 5)"
    assert again.sections == {"agreements", "network"} and not again.contact_details
    assert sel.get_selection(uow, case.id, "zrm") == sel.default_selection("zrm")
    # The same choice again changes nothing.
    assert not sel.remember_selection(uow, case.id, again).changes


def test_bad_choices_are_refused_with_a_message(uow, case) -> None:
    nothing = dataclasses.replace(sel.default_selection("map"), sections=frozenset())
    with pytest.raises(InvalidInput) as caught:
        sel.remember_selection(uow, case.id, nothing)
    assert caught.value.problems[0].field == "sections"
    long = dataclasses.replace(sel.default_selection("map"), audience="x" * 101)
    with pytest.raises(InvalidInput):
        sel.remember_selection(uow, case.id, long)
    with pytest.raises(ValueError):
        sel.check_selection(
            dataclasses.replace(sel.default_selection("map"), sections=frozenset({"agreements"}))
        )


def test_a_closed_case_exports_without_storing(uow, case) -> None:
    households.close_case(uow, case.id, reason="Afgerond", closed_on=dt.date.today())
    school = dataclasses.replace(sel.default_selection("plan"), audience="school")
    assert sel.remember_selection(uow, case.id, school).value.audience == "school"
    assert sel.get_selection(uow, case.id, "plan").audience == ""


def test_a_stored_choice_from_another_version_falls_back(uow, case) -> None:
    sel.remember_selection(uow, case.id, sel.default_selection("zrm"))
    with uow:
        row = uow.session.query(sel.ExportSelection).one()
        row.settings = '{"sections": ["gone"], "audience": "huisarts"}'
        uow.commit()
    found = sel.get_selection(uow, case.id, "zrm")
    assert found.audience == "huisarts" and found.sections == frozenset(sel.section_codes("zrm"))
