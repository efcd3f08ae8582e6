"""Help deployed: each rule a consultant can break, the warnings (with their edges), undo, order,
a closed case, what help can serve, and a kind from an imported product list."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.outcomes import help as h
from jeugdtool.outcomes import help_rules as rules
from jeugdtool.outcomes import products
from jeugdtool.outcomes.vocab import DecidedBy
from jeugdtool.outcomes.vocab import HelpUnit
from jeugdtool.zrm import assessments as za

pytestmark = pytest.mark.both_backends

JAN, MAR, JUN = dt.date(2026, 1, 12), dt.date(2026, 3, 9), dt.date(2026, 6, 1)
TODAY = dt.date(2026, 4, 1)
IJW = "ijw-productcategorieen"


@pytest.fixture
def family(uow, case):
    def add(first: str, role: str):
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(uow, case.id, fields).value

    noa, sanne = add("Noa", "child"), add("Sanne", "parent")
    return dataclasses.make_dataclass("Family", ["case", "noa", "sanne"])(case, noa, sanne)


def _help(uow, family, **fields):
    base = {
        "person_id": family.noa.id,
        "product_list": IJW,
        "category": "45",
        "starts_on": JAN,
        "decided_by": DecidedBy.MUNICIPALITY,
    }
    return h.add_help(uow, family.case.id, {**base, **fields}).value


def _problems(exc: pytest.ExceptionInfo[InvalidInput]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in exc.value.problems:
        found.setdefault(p.field, []).append(p.message)
    return found


# ---- adding and the rules ---------------------------------------------------------------------


def test_help_is_added_for_a_member_with_the_kind_label_and_an_audit_trail(uow, family) -> None:
    done = h.add_help(
        uow,
        family.case.id,
        {
            "person_id": family.noa.id,
            "product_list": IJW,
            "category": "45",
            "description": "Gezinsbegeleiding, methode Triple P",
            "provider": "Accare",
            "starts_on": JAN,
            "planned_end": JUN,
            "intensity": "2 uur per week",
            "decided_by": "municipality",
            "unit": HelpUnit.HOUR,
            "unit_cost_cents": 9_850,
            "units": 40,
            "serves": ["abc", "abc", "zrm:financien"],
        },
    )
    item = done.value
    assert done.changes.touches("help_item") and done.changes.touches_case(family.case.id)
    assert item.for_label == "Noa Jansen" and item.category_label == "Jeugdhulp ambulant"
    assert (item.position, item.decided_by, item.unit) == (1, "municipality", "hour")
    assert item.serves == ("abc", "zrm:financien")  # each once
    assert rules.total_cents(item) == 394_000
    assert h.list_help(uow, family.case.id) == [item]
    from jeugdtool.store.audit import AuditEntry

    with uow:
        from sqlalchemy import select

        kinds = uow.session.scalars(
            select(AuditEntry.entity).where(AuditEntry.case_id == family.case.id)
        ).all()
    assert "help_item" in kinds


def test_help_for_the_household_is_labelled_as_the_household(uow, family) -> None:
    item = _help(uow, family, person_id=None)
    assert item.person_id is None and item.for_label == _("Household")


def test_freely_accessible_help_needs_no_decision(uow, family) -> None:
    item = _help(uow, family, category="VV02", decided_by=None)
    assert item.decided_by == DecidedBy.FREE_ACCESS.value
    with pytest.raises(InvalidInput) as exc:
        _help(uow, family, category="45", decided_by=None)
    assert _problems(exc) == {"decided_by": [_("Say who decided on this help.")]}


def test_a_new_item_needs_its_kind_start_and_who_decided(uow, family) -> None:
    with pytest.raises(InvalidInput) as exc:
        h.add_help(uow, family.case.id, {"person_id": family.noa.id})
    assert set(_problems(exc)) == {"product_list", "category", "starts_on", "decided_by"}
    assert h.list_help(uow, family.case.id) == []


def test_end_dates_before_the_start_are_refused_and_the_same_day_is_fine(uow, family) -> None:
    with pytest.raises(InvalidInput) as exc:
        _help(uow, family, planned_end=JAN - dt.timedelta(days=1), ended_on=dt.date(2025, 12, 1))
    found = _problems(exc)
    assert set(found) == {"planned_end", "ended_on"}
    assert "12-01-2026" in found["planned_end"][0]  # the start, as Dutch readers write it
    same_day = _help(uow, family, planned_end=JAN, ended_on=JAN)
    assert same_day.planned_end == same_day.ended_on == JAN


def test_an_end_date_later_changed_to_before_the_start_is_refused(uow, family) -> None:
    item = _help(uow, family, planned_end=JUN)
    with pytest.raises(InvalidInput) as exc:
        h.update_help(uow, item.id, {"starts_on": dt.date(2026, 7, 1)})
    assert set(_problems(exc)) == {"planned_end"}
    assert h.list_help(uow, family.case.id)[0].starts_on == JAN


def test_an_end_in_the_future_is_not_an_end(uow, family) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as exc:
        _help(uow, family, ended_on=tomorrow)
    assert set(_problems(exc)) == {"ended_on"}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"unit_cost_cents": -1, "unit": "hour"}, "unit_cost_cents"),
        ({"units": 0}, "units"),
        ({"units": 2.5}, "units"),
        ({"unit_cost_cents": 1000}, "unit"),  # a cost without saying per what
        ({"unit": "fortnight"}, "unit"),
        ({"decided_by": "neighbour"}, "decided_by"),
        ({"category": "99"}, "category"),
        ({"product_list": "nowhere"}, "product_list"),
        ({"provider": "x" * 201}, "provider"),
    ],
)
def test_each_rule_names_its_field(uow, family, fields, field) -> None:
    with pytest.raises(InvalidInput) as exc:
        _help(uow, family, **fields)
    assert set(_problems(exc)) == {field}


def test_a_free_cost_is_allowed(uow, family) -> None:
    item = _help(uow, family, unit="trajectory", unit_cost_cents=0, units=1)
    assert rules.total_cents(item) == 0


def test_the_person_must_be_in_the_case(uow, family) -> None:
    other = households.create_case(uow, name="Gezin Bakker", case_number="2026-0099").value
    stranger = members.add_person(
        uow, other.id, {"first_name": "Piet", "last_name": "Bakker", "role": "child"}
    ).value
    with pytest.raises(InvalidInput) as exc:
        _help(uow, family, person_id=stranger.id)
    assert set(_problems(exc)) == {"person_id"}


def test_the_person_and_the_dates_are_reported_together(uow, family) -> None:
    with pytest.raises(InvalidInput) as exc:
        _help(uow, family, person_id=10_000, planned_end=dt.date(2025, 1, 1))
    assert set(_problems(exc)) == {"person_id", "planned_end"}


def test_a_removed_members_help_keeps_their_name_and_cannot_come_back_without_them(
    uow, family
) -> None:
    kept = _help(uow, family)
    gone = _help(uow, family, category="41")
    taken = h.remove_help(uow, gone.id).value
    members.remove_person(uow, family.noa.id)
    [item] = h.list_help(uow, family.case.id)
    assert (item.id, item.person_id, item.for_label) == (kept.id, None, "Noa Jansen")
    with pytest.raises(ConflictError):
        h.restore_help(uow, taken)
    assert [i.id for i in h.list_help(uow, family.case.id)] == [kept.id]


def test_changing_the_person_changes_the_label(uow, family) -> None:
    item = _help(uow, family)
    changed = h.update_help(uow, item.id, {"person_id": family.sanne.id}).value
    assert changed.for_label == "Sanne Jansen"
    household = h.update_help(uow, item.id, {"person_id": None}).value
    assert household.for_label == _("Household")


# ---- undo, order, conflicts -------------------------------------------------------------------


def test_remove_and_restore_puts_the_item_back_in_its_place_with_its_id(uow, family) -> None:
    first, second, third = (_help(uow, family, description=d) for d in ("a", "b", "c"))
    taken = h.remove_help(uow, second.id, expected=second).value
    assert [(i.description, i.position) for i in h.list_help(uow, family.case.id)] == [
        ("a", 1),
        ("c", 2),
    ]
    back = h.restore_help(uow, taken).value
    assert (back.id, back.position, back.description) == (second.id, 2, "b")
    assert [i.id for i in h.list_help(uow, family.case.id)] == [first.id, second.id, third.id]


def test_undo_of_an_edit_refuses_when_a_colleague_changed_it_since(uow, family) -> None:
    item = _help(uow, family, provider="Accare")
    h.update_help(uow, item.id, {"provider": "Karakter"}, expected={"provider": "Accare"})
    with pytest.raises(ConflictError):
        h.update_help(uow, item.id, {"provider": "Accare"}, expected={"provider": "Lentis"})
    with pytest.raises(ConflictError):
        h.remove_help(uow, item.id, expected=item)  # the item the caller saw had Accare
    assert h.list_help(uow, family.case.id)[0].provider == "Karakter"


def test_help_can_be_moved(uow, family) -> None:
    a, b = _help(uow, family, description="a"), _help(uow, family, description="b")
    h.move_help(uow, b.id, 1, expected={"position": 2})
    assert [i.id for i in h.list_help(uow, family.case.id)] == [b.id, a.id]
    with pytest.raises(ConflictError):
        h.move_help(uow, b.id, 2, expected={"position": 2})


def test_a_closed_case_refuses_every_change(uow, family) -> None:
    item = _help(uow, family)
    taken = h.remove_help(uow, item.id).value
    kept = _help(uow, family)
    households.close_case(uow, family.case.id, "Doelen bereikt")
    with pytest.raises(CaseClosed):
        _help(uow, family)
    with pytest.raises(CaseClosed):
        h.update_help(uow, kept.id, {"provider": "x"})
    with pytest.raises(CaseClosed):
        h.remove_help(uow, kept.id)
    with pytest.raises(CaseClosed):
        h.restore_help(uow, taken)
    assert [i.id for i in h.list_help(uow, family.case.id)] == [kept.id]  # still readable


# ---- what help serves -------------------------------------------------------------------------


def _goal(uow, moment_id, child_id, carers_will: str):
    danger = statements.add_statement(
        uow,
        moment_id,
        StatementType.DANGER,
        {
            "who_worried": ["school"],
            "behaviour": "Sanne Noa alleen laat",
            "children": [child_id] if child_id is not None else [],
            "impact": "iets overkomt",
        },
    ).value
    fields = {"pairs_with": danger.lineage, "carers_will": carers_will}
    return statements.add_statement(uow, moment_id, StatementType.SAFETY_GOAL, fields).value


def test_serve_choices_are_the_newest_goals_and_each_persons_focus_domains(uow, family) -> None:
    assert h.serve_choices(uow, family.case.id) == []
    first = moments.start_moment(uow, family.case.id, author="A. de Boer", held_on=JAN).value
    goal = _goal(uow, first.id, family.noa.id, "Noa elke dag naar school brengen")
    second = moments.start_moment(uow, family.case.id, author="A. de Boer", held_on=MAR).value
    mark = members.add_person(
        uow, family.case.id, {"first_name": "Mark", "last_name": "Jansen", "role": "parent"}
    ).value
    for parent in (family.sanne, mark):
        old = za.create_assessment(uow, parent.id, assessed_on=JAN).value
        za.set_domain(uow, old.id, "huisvesting", {"focus": True})  # not the newest: left out
        new = za.create_assessment(uow, parent.id, assessed_on=MAR).value
        za.set_domain(uow, new.id, "huisvesting", {"focus": False})
        za.set_domain(uow, new.id, "financien", {"focus": True})
    choices = h.serve_choices(uow, family.case.id)
    keys = [c.key for c in choices]
    assert keys[0] == goal.lineage  # the goal as copied into the newest moment, same lineage
    assert "Noa elke dag naar school brengen" in choices[0].label
    assert keys[1:] == ["zrm:financien"]
    assert "Sanne" in choices[1].label and "Mark" in choices[1].label
    assert second.id != first.id


# ---- warnings ---------------------------------------------------------------------------------


def _kinds(uow, family, today=TODAY) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for w in h.help_warnings(uow, family.case.id, today=today):
        found.setdefault(w.item_id, set()).add(w.kind)
    return found


def test_the_same_kind_twice_for_one_person_while_both_run(uow, family) -> None:
    a = _help(uow, family, serves=["zrm:x"])
    b = _help(uow, family, starts_on=MAR, serves=["zrm:x"])
    other_person = _help(uow, family, person_id=family.sanne.id)
    other_kind = _help(uow, family, category="41")
    kinds = _kinds(uow, family)
    assert rules.SAME_KIND_TWICE in kinds[a.id] and rules.SAME_KIND_TWICE in kinds[b.id]
    assert rules.SAME_KIND_TWICE not in kinds[other_person.id]
    assert rules.SAME_KIND_TWICE not in kinds[other_kind.id]
    # b has not started yet on the day before its start; a ended on the day b starts: no overlap.
    assert rules.SAME_KIND_TWICE not in _kinds(uow, family, MAR - dt.timedelta(days=1))[a.id]
    h.update_help(uow, a.id, {"ended_on": MAR})
    assert rules.SAME_KIND_TWICE not in _kinds(uow, family, MAR).get(b.id, set())


def test_help_that_serves_no_current_goal(uow, family) -> None:
    moment = moments.start_moment(uow, family.case.id, author="A. de Boer", held_on=JAN).value
    goal = _goal(uow, moment.id, family.noa.id, "Noa elke dag naar school brengen")
    serving = _help(uow, family, serves=[goal.lineage])
    nothing = _help(uow, family, category="41")
    gone = _help(uow, family, category="40", serves=["0" * 32])  # a goal no longer there
    finished = _help(uow, family, category="42", ended_on=MAR)
    kinds = _kinds(uow, family)
    assert rules.SERVES_NOTHING not in kinds.get(serving.id, set())
    assert rules.SERVES_NOTHING in kinds[nothing.id] and rules.SERVES_NOTHING in kinds[gone.id]
    assert finished.id not in kinds  # ended help is the record, not a worry


def test_past_the_planned_end_but_not_on_it(uow, family) -> None:
    item = _help(uow, family, planned_end=TODAY, serves=["zrm:x"])
    assert rules.PAST_PLANNED_END not in _kinds(uow, family, TODAY).get(item.id, set())
    later = TODAY + dt.timedelta(days=1)
    warnings = [w for w in h.help_warnings(uow, family.case.id, today=later)]
    past = [w for w in warnings if w.kind == rules.PAST_PLANNED_END]
    assert [w.item_id for w in past] == [item.id] and "01-04-2026" in past[0].message
    h.update_help(uow, item.id, {"ended_on": later})
    assert rules.PAST_PLANNED_END not in _kinds(uow, family, later).get(item.id, set())


# ---- a kind from an imported list -------------------------------------------------------------


def test_a_kind_from_an_imported_list(uow, family) -> None:
    doc = {
        "list_id": "regio-groningen",
        "name": "Productenboek Jeugd Groningen",
        "version": "2026",
        "source": "Regionale inkoopafspraken 2026",
        "categories": [{"code": "45A48", "label": "Ouderschapsbeoordeling ambulant"}],
    }
    products.import_document(uow, doc, file_name="groningen.json")
    item = _help(uow, family, product_list="regio-groningen", category="45A48")
    assert item.category_label == "Ouderschapsbeoordeling ambulant"
    with pytest.raises(InvalidInput) as exc:
        products.remove_product_list(uow, "regio-groningen")
    assert "regio-groningen" in str(exc.value)


# ---- money as typed ---------------------------------------------------------------------------


def test_amounts_as_typed_and_shown() -> None:
    assert rules.cents_from_text("12,50") == 1250
    assert rules.cents_from_text("€ 80") == 8000
    assert rules.cents_from_text("7.5") == 750
    assert rules.cents_from_text(" ") is None
    with pytest.raises(InvalidInput):
        rules.cents_from_text("twaalf")
    assert rules.format_cents(123_450) == "€\u00a01.234,50"
    assert rules.format_cents(123_450, whole=True) == "€\u00a01.235"
    assert rules.format_cents(None) == ""
