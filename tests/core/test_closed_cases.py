"""A closed or archived case is the record of help that ended: it changes only by reopening."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.errors import CaseClosed
from jeugdtool.framework import moments
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import StatementType

pytestmark = pytest.mark.both_backends


@pytest.fixture
def filled(uow, case):
    """An open case with a member, a map item, a statement and a score."""
    noa = members.add_person(uow, case.id, {"first_name": "Noa"}).value
    moment = moments.start_moment(uow, case.id, author="A. de Boer").value
    item = moments.add_item(uow, moment.id, Cell.HARM, {"text": "Blauwe plek"}).value
    statement = statements.add_statement(
        uow, moment.id, StatementType.BOTTOM_LINE, {"text": "Noa slaapt niet alleen thuis"}
    ).value
    score = scale.add_score(
        uow,
        case.id,
        {
            "score": 4,
            "role": "case_manager",
            "reason": "Plan loopt",
            "source": Source(),
            "scored_on": dt.date.today(),
        },
    ).value
    return noa, moment, item, statement, score


def _every_change(uow, case, filled):
    noa, moment, item, statement, score = filled
    return [
        lambda: households.update_case(uow, case.id, {"name": "Gezin J."}),
        lambda: members.add_person(uow, case.id, {"first_name": "Daan"}),
        lambda: members.update_person(uow, noa.id, {"first_name": "Noah"}),
        lambda: members.remove_person(uow, noa.id),
        lambda: moments.start_moment(uow, case.id, author="x"),
        lambda: moments.add_item(uow, moment.id, Cell.DANGER, {"text": "x"}),
        lambda: moments.update_item(uow, item.id, {"text": "y"}),
        lambda: moments.move_item(uow, item.id, Cell.DANGER, 1),
        lambda: moments.remove_item(uow, item.id),
        lambda: statements.update_statement(uow, statement.id, {"text": "z"}),
        lambda: scale.add_score(
            uow, case.id, {"score": 5, "role": "case_manager", "reason": "r", "source": Source()}
        ),
        lambda: scale.update_score(uow, score.id, {"score": 6}),
        lambda: scale.remove_score(uow, score.id),
        lambda: scale.set_scale_wording(uow, case.id, "nul", "tien"),
    ]


@pytest.mark.parametrize("how", ["close", "archive"])
def test_nothing_changes_in_a_closed_case_until_it_is_reopened(uow, case, filled, how) -> None:
    households.close_case(uow, case.id, "Doelen bereikt")
    if how == "archive":
        households.archive_case(uow, case.id)
    before = queries.case_history(uow, case.id)
    for change in _every_change(uow, case, filled):
        with pytest.raises(CaseClosed) as info:
            change()
        assert "Heropen de casus" in str(info.value)
    assert queries.case_history(uow, case.id) == before  # nothing written
    households.reopen_case(uow, case.id)
    for change in _every_change(uow, case, filled)[:2]:
        change()  # open again: changes go through
