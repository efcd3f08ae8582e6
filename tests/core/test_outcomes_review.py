"""Review fixes in the outcomes core: the help page's three reads come from one transaction,
the outcome services name a member and read the current safety goals one way, and a new start
without a date gets the one default rule."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes import closing_rules
from jeugdtool.outcomes import help as h
from jeugdtool.outcomes.closing_rules import ClosingInput
from jeugdtool.outcomes.vocab import DecidedBy

pytestmark = pytest.mark.both_backends

JAN = dt.date(2026, 1, 12)
TODAY = dt.date(2026, 4, 1)
IJW = "ijw-productcategorieen"


@pytest.fixture
def noa(uow, case):
    fields = {"first_name": "Noa", "last_name": "Jansen", "role": "child"}
    return members.add_person(uow, case.id, fields).value


def _help(uow, case_id: int, person_id: int) -> None:
    fields = {
        "person_id": person_id,
        "product_list": IJW,
        "category": "45",
        "starts_on": JAN,
        "planned_end": dt.date(2026, 3, 1),
        "decided_by": DecidedBy.MUNICIPALITY,
    }
    h.add_help(uow, case_id, fields)


def test_the_help_page_reads_list_warnings_and_choices_in_one_transaction(
    db, uow, case, noa
) -> None:
    _help(uow, case.id, noa.id)
    _help(uow, case.id, noa.id)
    begun: list[object] = []

    def count(connection: object) -> None:
        begun.append(connection)

    event.listen(db.engine, "begin", count)
    try:
        shown = h.help_overview(uow, case.id, today=TODAY)
    finally:
        event.remove(db.engine, "begin", count)
    assert len(begun) == 1
    assert list(shown.items) == h.list_help(uow, case.id)
    assert list(shown.warnings) == h.help_warnings(uow, case.id, today=TODAY)
    assert list(shown.choices) == h.serve_choices(uow, case.id)
    # Two of one kind for Noa, serving nothing, past their end: every warning is about a
    # listed item.
    assert {w.item_id for w in shown.warnings} == {i.id for i in shown.items}


def test_help_for_a_member_and_an_experience_name_them_alike(uow, case, noa) -> None:
    _help(uow, case.id, noa.id)
    (item,) = h.list_help(uow, case.id)
    form = closing.closing_form(uow, case.id)
    assert item.for_label == "Noa Jansen"
    assert [m.label for m in form.members] == [item.for_label]


def test_a_goal_without_its_sentence_is_offered_by_its_parts(uow, case) -> None:
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=JAN).value
    words = "Noa is elke ochtend op tijd op school"
    goal = statements.add_statement(
        uow, moment.id, StatementType.SAFETY_GOAL, {"carers_will": words}
    ).value
    serves = {c.key: c.label for c in h.serve_choices(uow, case.id)}
    asked = closing.closing_form(uow, case.id).goals
    assert [(g.lineage, g.text) for g in asked] == [(goal.lineage, serves[goal.lineage])]
    assert serves[goal.lineage] != _("(safety goal without text)")


def test_a_child_joining_a_case_opened_before_the_other_closed_starts_again_today(uow) -> None:
    """Without a date, a new start is the day the case opened; when that lies before the
    earlier case's closing (the child joins a running case), today — the one default the
    window and the command line share, never a refusal of a date nobody typed."""
    today = dt.date.today()
    born = dt.date(2015, 4, 1)
    child = {"first_name": "Aicha", "last_name": "el Amrani", "role": "child", "birth_date": born}
    old = households.create_case(
        uow, name="Gezin el Amrani", opened_on=today - dt.timedelta(days=400)
    ).value
    members.add_person(uow, old.id, child)
    running = households.create_case(
        uow, name="Gezin Bakker", opened_on=today - dt.timedelta(days=300)
    ).value
    data = ClosingInput(
        closed_on=today - dt.timedelta(days=100),
        reason="Hulp afgerond",
        goals_outcome="mostly",
        further_help="none",
        ended_as="planned",
    )
    closed = closing.close_case(uow, old.id, data).value
    joined = members.add_person(uow, running.id, child).value
    start = closing.record_new_start(
        uow, running.id, person_id=joined.id, previous_closing_id=closed.id
    ).value
    assert start.started_on == today
    assert closing_rules.default_start_day(running.opened_on, closed.closed_on, today) == today
    assert closing_rules.default_start_day(today, closed.closed_on, today) == today
