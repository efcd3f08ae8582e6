"""ZRM assessments: who may be assessed, copy-forward, domains, read-only past, undo paths."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import moments
from jeugdtool.framework.models import Statement
from jeugdtool.store.guards import comparable
from jeugdtool.zrm import assessments as za
from jeugdtool.zrm import compare
from jeugdtool.zrm.vocab import CarriedBy
from jeugdtool.zrm.vocab import Direction

pytestmark = pytest.mark.both_backends

JAN, MAR, JUN = dt.date(2026, 1, 12), dt.date(2026, 3, 9), dt.date(2026, 6, 1)


@pytest.fixture
def family(uow, case):
    mother = members.add_person(
        uow, case.id, {"first_name": "Sandra", "last_name": "Jansen", "role": "parent"}
    ).value
    child = members.add_person(
        uow,
        case.id,
        {"first_name": "Tim", "last_name": "Jansen", "role": "child", "birth_date": "2015-04-02"},
    ).value
    return case, mother, child


def test_the_first_assessment_starts_empty_with_every_domain(uow, family) -> None:
    case, mother, _child = family
    done = za.create_assessment(uow, mother.id, assessed_on=JAN)
    a = done.value
    assert done.changes.touches("zrm_assessment") and done.changes.touches_case(case.id)
    assert a.matrix_id == "zrm-2017" and a.matrix_version == "2017"
    assert a.assessor == "A. de Boer"  # the signed-in user by default
    assert len(a.domains) == 13 and a.domains[0].domain == "financien"
    assert all(not d.assessed and not d.focus for d in a.domains)
    assert a.editable and a.copied_from_id is None and a.person_name == "Sandra Jansen"


def test_a_new_assessment_starts_from_the_previous_values(uow, family) -> None:
    _case, mother, _child = family
    first = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    za.set_domain(
        uow,
        first.id,
        "financien",
        {
            "level": 2,
            "note": "Schulden bij energie; volgens moeder.",
            "carried_by": CarriedBy.PROFESSIONAL,
            "focus": True,
            "target_level": 3,
            "target_date": JUN,
        },
    )
    za.set_domain(uow, first.id, "lichamelijke_gezondheid", {"level": 3, "limitation": True})
    second = za.create_assessment(uow, mother.id, assessed_on=MAR).value
    assert second.copied_from_id == first.id
    fin = second.score("financien")
    assert (fin.level, fin.note, fin.carried_by, fin.focus, fin.target_level, fin.target_date) == (
        2,
        "Schulden bij energie; volgens moeder.",
        CarriedBy.PROFESSIONAL,
        True,
        3,
        JUN,
    )
    assert second.score("lichamelijke_gezondheid").limitation
    # The earlier one is now the record: read-only.
    earlier = za.get_assessment(uow, first.id)
    assert not earlier.editable
    with pytest.raises(za.ReadOnlyAssessment):
        za.set_domain(uow, first.id, "financien", {"level": 3})
    # Changing the new one leaves the old one as it was.
    za.set_domain(uow, second.id, "financien", {"level": 3})
    assert za.get_assessment(uow, first.id).level("financien") == 2


def test_copy_forward_from_the_older_matrix_keeps_shared_domains(uow, family) -> None:
    _case, mother, _child = family
    old = za.create_assessment(uow, mother.id, matrix_id="zrm-11", assessed_on=JAN).value
    assert len(old.domains) == 11 and old.matrix_version == "vóór 2017"
    za.set_domain(uow, old.id, "financien", {"level": 2})
    za.set_domain(uow, old.id, "dagbesteding", {"level": 3})
    new = za.create_assessment(uow, mother.id, assessed_on=MAR).value
    assert new.copied_from_id == old.id
    assert new.level("financien") == 2
    assert new.level("werk_opleiding") is None  # no such domain before
    # Both stay editable: each is the newest of its matrix.
    assert za.get_assessment(uow, old.id).editable


def test_start_without_copying(uow, family) -> None:
    _case, mother, _child = family
    first = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    za.set_domain(uow, first.id, "financien", {"level": 2})
    fresh = za.create_assessment(uow, mother.id, assessed_on=MAR, copy_forward=False).value
    assert fresh.copied_from_id is None and fresh.level("financien") is None


def test_children_only_when_the_organisation_uses_the_zrm_for_youth(uow, family) -> None:
    _case, _mother, child = family
    with pytest.raises(InvalidInput) as caught:
        za.create_assessment(uow, child.id, assessed_on=JAN)
    assert caught.value.problems[0].field == "person"
    assert "Tim" in str(caught.value)
    assert za.create_assessment(uow, child.id, assessed_on=JAN, allow_youth=True).value
    assert za.is_adult("child", dt.date(2008, 1, 1), dt.date(2026, 1, 1))
    assert not za.is_adult("child", dt.date(2008, 1, 2), dt.date(2026, 1, 1))
    assert za.is_adult("carer", None, JAN)


def test_dates_and_levels_are_checked(uow, family) -> None:
    _case, mother, _child = family
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput):
        za.create_assessment(uow, mother.id, assessed_on=tomorrow)
    a = za.create_assessment(uow, mother.id, assessed_on=MAR).value
    with pytest.raises(InvalidInput) as caught:
        za.create_assessment(uow, mother.id, assessed_on=JAN)
    assert caught.value.problems[0].field == "assessed_on"
    for bad in (0, 6, "zes", 2.5, True):
        with pytest.raises(InvalidInput) as caught:
            za.set_domain(uow, a.id, "financien", {"level": bad})
        assert caught.value.problems[0].field == "level"
    with pytest.raises(InvalidInput) as caught:
        za.set_domain(uow, a.id, "financien", {"target_date": JAN})
    assert caught.value.problems[0].field == "target_date"
    with pytest.raises(InvalidInput) as caught:
        za.set_domain(uow, a.id, "geluk", {"level": 3})
    assert caught.value.problems[0].field == "domain"
    with pytest.raises(InvalidInput):
        za.create_assessment(uow, mother.id, matrix_id="zrm-2030", assessed_on=MAR)
    assert za.set_domain(uow, a.id, "financien", {"level": "4"}).value.level("financien") == 4
    assert za.set_domain(uow, a.id, "financien", {"level": None}).value.level("financien") is None


def test_undo_guard_and_corrections(uow, family) -> None:
    _case, mother, _child = family
    a = za.create_assessment(uow, mother.id, assessed_on=MAR).value
    za.set_domain(uow, a.id, "huisvesting", {"level": 2})
    with pytest.raises(ConflictError):
        za.set_domain(uow, a.id, "huisvesting", {"level": 4}, expected={"level": 3})
    done = za.set_domain(uow, a.id, "huisvesting", {"level": 4}, expected={"level": 2}).value
    assert done.level("huisvesting") == 4
    fixed = za.update_assessment(
        uow, a.id, {"assessed_on": JAN, "assessor": "B. Visser", "note": "Met moeder en oma."}
    ).value
    assert (fixed.assessed_on, fixed.assessor) == (JAN, "B. Visser")
    assert fixed.note == "Met moeder en oma."
    with pytest.raises(InvalidInput):
        za.update_assessment(uow, a.id, {"assessor": "  "})


def test_remove_and_restore_exactly(uow, family) -> None:
    case, mother, _child = family
    first = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    second = za.create_assessment(uow, mother.id, assessed_on=MAR).value
    za.set_domain(uow, second.id, "justitie", {"level": 5, "note": "Geen contact met politie."})
    second = za.get_assessment(uow, second.id)
    with pytest.raises(za.ReadOnlyAssessment):
        za.remove_assessment(uow, first.id)  # only the newest
    removed = za.remove_assessment(uow, second.id, expected=second).value
    assert [a.id for a in za.list_assessments(uow, case.id)] == [first.id]
    assert za.get_assessment(uow, first.id).editable  # the newest again
    back = za.restore_assessment(uow, removed).value
    assert (back.id, back.assessed_on, back.copied_from_id) == (second.id, MAR, first.id)
    assert [(d.id, za.domain_fields(d)) for d in back.domains] == [
        (d.id, za.domain_fields(d)) for d in second.domains
    ]
    assert back.editable and not za.get_assessment(uow, first.id).editable


def test_an_assessment_is_not_put_back_behind_a_newer_one(uow, family) -> None:
    case, mother, _child = family
    started = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    removed = za.remove_assessment(uow, started.id).value
    newer = za.create_assessment(uow, mother.id, assessed_on=MAR).value
    with pytest.raises(InvalidInput):  # it would no longer be the newest
        za.restore_assessment(uow, removed)
    assert [a.id for a in za.list_assessments(uow, case.id)] == [newer.id]


def test_removing_a_person_takes_assessments_and_undo_puts_them_back_in_one_step(
    uow, family
) -> None:
    case, mother, _child = family
    a = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    za.set_domain(uow, a.id, "financien", {"level": 2})
    za.create_assessment(uow, mother.id, assessed_on=MAR)
    kept = za.person_assessments(uow, mother.id)
    removed = members.remove_person(uow, mother.id).value
    assert za.list_assessments(uow, case.id) == ()
    done = members.restore_person(uow, removed)
    assert {"person", "zrm_assessment", "zrm_domain_score"} <= done.changes.entities
    back = za.person_assessments(uow, mother.id)
    assert comparable(back) == comparable(kept)
    assert [a.copied_from_id for a in back] == [None, kept[0].id]


def test_nothing_comes_back_when_putting_a_person_back_is_refused(uow, family) -> None:
    case, mother, child = family
    za.create_assessment(uow, mother.id, assessed_on=JAN)
    removed = members.remove_person(uow, mother.id).value
    households.close_case(uow, case.id, reason="Hulp afgerond", closed_on=dt.date.today())
    with pytest.raises(CaseClosed):
        members.restore_person(uow, removed)
    households.reopen_case(uow, case.id)
    assert [p.id for p in queries.get_case(uow, case.id).persons] == [child.id]
    assert za.list_assessments(uow, case.id) == ()
    # (An id given away meanwhile: test_undo_guards_more.py.)


def test_a_closed_case_cannot_change(uow, family) -> None:
    case, mother, _child = family
    a = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    households.close_case(uow, case.id, reason="Hulp afgerond", closed_on=dt.date.today())
    assert not za.get_assessment(uow, a.id).editable
    with pytest.raises(CaseClosed):
        za.set_domain(uow, a.id, "financien", {"level": 3})
    with pytest.raises(CaseClosed):
        za.create_assessment(uow, mother.id, assessed_on=MAR)


def test_focus_domains_link_to_safety_goals_of_the_case(uow, family) -> None:
    case, mother, _child = family
    moment = moments.start_moment(uow, case.id, author="A. de Boer").value
    with uow:
        goal = Statement(
            moment_id=moment.id, household_id=case.id, type="safety_goal", carers_will="x"
        )
        danger = Statement(moment_id=moment.id, household_id=case.id, type="danger", text="y")
        uow.session.add_all([goal, danger])
        uow.flush()
        goal_lineage, danger_lineage = goal.lineage, danger.lineage
        uow.commit()
    a = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    linked = za.set_domain(
        uow, a.id, "financien", {"focus": True, "plan_links": [goal_lineage, goal_lineage]}
    ).value
    assert linked.score("financien").plan_links == (goal_lineage,)
    with pytest.raises(InvalidInput) as caught:
        za.set_domain(uow, a.id, "financien", {"plan_links": [danger_lineage]})
    assert caught.value.problems[0].field == "plan_links"
    copied = za.create_assessment(uow, mother.id, assessed_on=MAR).value
    assert copied.score("financien").plan_links == (goal_lineage,)


def test_comparison_of_two_assessments(uow, family) -> None:
    _case, mother, _child = family
    first = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    for code, level in (("financien", 2), ("huisvesting", 4), ("justitie", 5)):
        za.set_domain(uow, first.id, code, {"level": level})
    za.set_domain(uow, first.id, "financien", {"focus": True, "target_level": 3})
    second = za.create_assessment(uow, mother.id, assessed_on=MAR).value
    za.set_domain(uow, second.id, "financien", {"level": 3})
    za.set_domain(uow, second.id, "huisvesting", {"level": 2})
    za.set_domain(uow, second.id, "justitie", {"level": None})
    za.set_domain(uow, second.id, "werk_opleiding", {"level": 3})
    both = za.list_assessments(uow, _case.id)
    result = compare.compare(both[0], both[1])
    assert (result.improved, result.worsened, result.unchanged) == (1, 1, 0)
    assert result.change("financien").direction is Direction.UP
    assert result.change("huisvesting").delta == -2
    assert result.change("justitie").direction is Direction.GONE
    assert result.change("werk_opleiding").direction is Direction.NEW
    assert result.change("tijdsbesteding").direction is None
    (target,) = compare.targets(both)
    assert target.reached and target.reached_on == MAR and target.on_time
    assert compare.previous_of(both[1], both) == both[0]
