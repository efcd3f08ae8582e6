"""Undo's guards in the services: a stale expectation is refused and changes nothing; a current
one works (cases, the map, statements, the scale). Each "colleague" is a second unit of work on
the same database with another author."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.errors import ConflictError
from jeugdtool.framework import moments
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.models import MapItem
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.models import Statement
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import StatementType as T
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.store.guards import comparable
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.guards import ensure_values
from jeugdtool.store.uow import UnitOfWork

pytestmark = pytest.mark.both_backends


@pytest.fixture
def colleague(db) -> UnitOfWork:
    return UnitOfWork(db, "M. Kaya")


@pytest.fixture
def noa(uow, case):
    fields = {"first_name": "Noa", "last_name": "Jansen", "role": "child"}
    return members.add_person(uow, case.id, fields).value


@pytest.fixture
def moment(uow, case):
    return moments.start_moment(uow, case.id, author="A. de Boer").value


def _persons(uow, case_id: int) -> list[tuple[int, str]]:
    return [(p.id, p.notes) for p in queries.get_case(uow, case_id).persons]


# ---- the helpers ----------------------------------------------------------------------------


def test_bookkeeping_is_not_compared_but_every_field_is(noa) -> None:
    later = dataclasses.replace(noa, version=noa.version + 3)
    ensure_as_seen(later, noa)  # our own edit and its undo only moved the version
    assert comparable(noa) == comparable(later)
    with pytest.raises(ConflictError):
        ensure_as_seen(dataclasses.replace(noa, notes="astma"), noa)
    ensure_as_seen(dataclasses.replace(noa, position=4), noa, ignore=("position",))
    ensure_as_seen(noa, None)  # no expectation: nothing to compare


def test_values_compare_only_what_is_expected() -> None:
    ensure_values({"score": 6, "reason": "x"}, {"score": 6})
    ensure_values({}, {"score": None})  # nothing there, and nothing expected
    with pytest.raises(ConflictError):
        ensure_values({"score": 6}, {"score": 7})


# ---- household members and the case ----------------------------------------------------------


def test_removing_a_person_expects_them_as_last_seen(uow, colleague, case, noa) -> None:
    changed = members.update_person(colleague, noa.id, {"notes": "astma"}).value
    with pytest.raises(ConflictError):
        members.remove_person(uow, noa.id, expected=noa)
    assert _persons(uow, case.id) == [(noa.id, "astma")]
    members.remove_person(uow, noa.id, expected=changed)
    assert _persons(uow, case.id) == []


def test_a_person_whose_place_shifted_can_still_be_removed(uow, case, noa) -> None:
    first = members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"}).value
    members.remove_person(uow, noa.id)  # Sanne moves up a place
    members.remove_person(uow, first.id, expected=first)
    assert _persons(uow, case.id) == []


def test_removing_a_network_member_expects_them_as_last_seen(uow, colleague, case) -> None:
    ria = members.add_network_member(uow, case.id, {"name": "oma Ria", "kind": "family"}).value
    changed = members.update_network_member(colleague, ria.id, {"phone": "06-12345678"}).value
    with pytest.raises(ConflictError):
        members.remove_network_member(uow, ria.id, expected=ria)
    assert queries.get_case(uow, case.id).network[0].phone == "06-12345678"
    members.remove_network_member(uow, ria.id, expected=changed)
    assert queries.get_case(uow, case.id).network == ()


def test_undo_of_adding_a_member_refuses_once_anything_refers_to_them(
    uow, colleague, case, noa, moment
) -> None:
    ria = members.add_network_member(uow, case.id, {"name": "oma Ria", "kind": "family"}).value
    members.remove_person(uow, noa.id, expected=noa, unreferenced=True)  # nothing yet: fine
    sem = members.add_person(uow, case.id, {"first_name": "Sem", "role": "child"}).value
    source = Source(SourceKind.NETWORK, network_id=ria.id)
    fields = {"text": "Sem is bang", "concerns_person_id": sem.id, "source": source}
    item = moments.add_item(colleague, moment.id, Cell.DANGER, fields).value
    with pytest.raises(ConflictError):
        members.remove_person(uow, sem.id, expected=sem, unreferenced=True)
    with pytest.raises(ConflictError):
        members.remove_network_member(uow, ria.id, expected=ria, unreferenced=True)
    assert moments.get_moment(uow, moment.id).items()[0].concerns_person_id == sem.id
    moments.remove_item(colleague, item.id)
    members.remove_person(uow, sem.id, expected=sem, unreferenced=True)
    assert queries.get_case(uow, case.id).persons == ()


def test_a_guard_refuses_the_removal_inside_its_transaction(uow, case, noa) -> None:
    def refuse(inner: UnitOfWork) -> None:
        assert inner.session.is_active  # runs in the removal's own transaction
        raise ConflictError("refused")

    with pytest.raises(ConflictError):
        members.remove_person(uow, noa.id, guard=refuse)
    assert _persons(uow, case.id) == [(noa.id, "")]


def test_a_member_is_not_put_back_over_an_id_taken_meanwhile(uow, colleague, case, noa) -> None:
    removed = members.remove_person(uow, noa.id).value
    sem = Person(id=noa.id, household_id=case.id, position=1, first_name="Sem", role="child")
    _insert(colleague, sem)
    with pytest.raises(ConflictError):
        members.restore_person(uow, removed)
    persons = queries.get_case(uow, case.id).persons
    assert [(p.first_name, p.position) for p in persons] == [("Sem", 1)]


def _as_created(case) -> CaseDetail:
    return CaseDetail(household=case, persons=(), network=())


def test_deleting_a_case_expects_it_as_created(uow, colleague, case) -> None:
    households.update_case(colleague, case.id, {"name": "Familie Jansen"})
    with pytest.raises(ConflictError):
        households.delete_case(uow, case.id, expected=_as_created(case))
    assert queries.get_case(uow, case.id).household.name == "Familie Jansen"
    now = queries.get_case(uow, case.id)
    households.delete_case(uow, case.id, expected=now)
    assert households.next_case_number(uow, 2026) == "2026-0001"


def test_a_case_with_anything_recorded_in_it_is_not_deleted(uow, colleague, case) -> None:
    members.add_person(colleague, case.id, {"first_name": "Noa", "role": "child"})
    with pytest.raises(ConflictError):
        households.delete_case(uow, case.id, expected=_as_created(case))
    other = households.create_case(uow, name="Gezin Smit").value
    moments.start_moment(colleague, other.id, author="M. Kaya")  # a row of another package
    with pytest.raises(ConflictError):
        households.delete_case(uow, other.id, expected=_as_created(other))
    assert queries.get_case(uow, other.id).household.name == "Gezin Smit"


def test_a_case_is_not_put_back_over_an_id_taken_meanwhile(uow, colleague, case) -> None:
    removed = households.delete_case(uow, case.id, expected=_as_created(case)).value
    smit = Household(
        id=case.id,
        case_number="2026-0500",
        name="Gezin Smit",
        mode="safety",
        opened_on=case.opened_on,
    )
    _insert(colleague, smit)
    with pytest.raises(ConflictError):
        households.restore_case(uow, removed)
    assert queries.get_case(uow, case.id).household.name == "Gezin Smit"
    households.delete_case(colleague, case.id)
    households.restore_case(uow, removed)  # with every id free again, it comes back
    assert queries.get_case(uow, case.id).household.case_number == "2026-0012"


# ---- the map ---------------------------------------------------------------------------------


def test_deleting_a_moment_expects_everything_in_it_as_left(uow, colleague, case, moment) -> None:
    seen = moments.snapshot_moment(uow, moment.id)
    moments.add_item(colleague, moment.id, Cell.DANGER, {"text": "Vader drinkt"})
    with pytest.raises(ConflictError):
        moments.remove_moment(uow, moment.id, expected=seen)
    assert moments.get_moment(uow, moment.id).moment.item_count == 1
    removed = moments.remove_moment(
        uow, moment.id, expected=moments.snapshot_moment(uow, moment.id)
    ).value
    assert moments.latest_moment(uow, case.id) is None
    assert len(removed.of(MapItem)) == 1


def test_a_moment_is_not_put_back_after_another_was_started(uow, colleague, case) -> None:
    first = moments.start_moment(uow, case.id, author="A. de Boer").value
    second = moments.start_moment(uow, case.id, author="A. de Boer").value
    removed = moments.remove_moment(uow, second.id).value
    newer = moments.start_moment(colleague, case.id, author="M. Kaya").value
    with pytest.raises(ConflictError):
        moments.restore_moment(uow, removed)
    assert [m.id for m in moments.list_moments(uow, case.id)] == [first.id, newer.id]
    moments.remove_moment(colleague, newer.id)
    moments.restore_moment(uow, removed)  # follows on from its own map again
    assert moments.latest_moment(uow, case.id).moment.id == second.id


def test_removing_an_item_expects_it_with_its_stances(uow, colleague, moment) -> None:
    item = moments.add_item(uow, moment.id, Cell.DANGER, {"text": "Vader drinkt"}).value
    changed = moments.set_stance(colleague, item.id, "Sanne", Stance.DISPUTES).value
    with pytest.raises(ConflictError):
        moments.remove_item(uow, item.id, expected=item)
    assert moments.get_moment(uow, moment.id).items()[0].stances[0].who == "Sanne"
    removed = moments.remove_item(uow, item.id, expected=changed).value
    assert moments.get_moment(uow, moment.id).items() == []
    back = moments.restore_item(uow, removed).value
    assert (back.id, [s.who for s in back.stances]) == (item.id, ["Sanne"])


def _insert(uow: UnitOfWork, row: object) -> None:
    """A colleague's row with an id of their own choosing (SQLite hands out a freed id again,
    the server does not: this gives it away on both)."""
    with uow:
        uow.session.add(row)
        uow.commit()


def test_an_item_is_not_put_back_over_an_id_taken_meanwhile(uow, colleague, moment) -> None:
    item = moments.add_item(uow, moment.id, Cell.DANGER, {"text": "Vader drinkt"}).value
    moments.set_stance(uow, item.id, "Sanne", Stance.DISPUTES)
    removed = moments.remove_item(uow, item.id).value
    other = MapItem(
        id=item.id,
        moment_id=moment.id,
        household_id=moment.household_id,
        cell=Cell.DANGER.value,
        position=1,
        text="Schulden",
    )
    _insert(colleague, other)
    with pytest.raises(ConflictError):
        moments.restore_item(uow, removed)
    items = moments.get_moment(uow, moment.id).items()
    assert [(i.text, i.stances, i.position) for i in items] == [("Schulden", (), 1)]


def test_moving_an_item_expects_where_it_was_left(uow, colleague, moment) -> None:
    item = moments.add_item(
        uow, moment.id, Cell.DANGER, {"text": "Vader drinkt", "worry_kind": WorryKind.PROBLEM}
    ).value
    left = {"cell": Cell.DANGER, "position": 1, "worry_kind": WorryKind.PROBLEM}
    moments.move_item(colleague, item.id, Cell.STRENGTHS, 1)
    with pytest.raises(ConflictError):
        moments.move_item(uow, item.id, Cell.COMPLICATING_FACTORS, 1, expected=left)
    assert moments.get_moment(uow, moment.id).items()[0].cell is Cell.STRENGTHS
    now = {"cell": Cell.STRENGTHS, "position": 1, "worry_kind": None}
    moved = moments.move_item(uow, item.id, Cell.COMPLICATING_FACTORS, 1, expected=now).value
    assert moved.cell is Cell.COMPLICATING_FACTORS


def test_a_stance_changes_only_from_what_was_expected(uow, colleague, moment) -> None:
    item = moments.add_item(uow, moment.id, Cell.DANGER, {"text": "Vader drinkt"}).value
    moments.set_stance(colleague, item.id, "Sanne", Stance.DISPUTES)
    with pytest.raises(ConflictError):
        moments.set_stance(uow, item.id, "Sanne", Stance.AGREES, expected={"stance": None})
    assert moments.get_moment(uow, moment.id).items()[0].stances[0].stance is Stance.DISPUTES
    with pytest.raises(ConflictError):
        moments.set_stance(uow, item.id, "Sanne", None, expected={"stance": Stance.AGREES})
    done = moments.set_stance(
        uow, item.id, "Sanne", None, expected={"stance": Stance.DISPUTES}
    ).value
    assert done.stances == ()
    done = moments.set_stance(uow, item.id, "Sanne", "agrees", expected={"stance": None}).value
    assert [s.stance for s in done.stances] == [Stance.AGREES]


# ---- statements and the scale -------------------------------------------------------------


def test_removing_a_statement_expects_it_as_last_seen(uow, colleague, moment, noa) -> None:
    harm = statements.add_statement(
        uow, moment.id, T.HARM, {"children": [noa.id], "behaviour": "Noa zag geweld"}
    ).value
    changed = statements.update_statement(colleague, harm.id, {"impact": "Noa slaapt slecht"})
    with pytest.raises(ConflictError):
        statements.remove_statement(uow, harm.id, expected=harm)
    assert statements.list_statements(uow, moment.id)[0].impact == "Noa slaapt slecht"
    statements.remove_statement(uow, harm.id, expected=changed.value)
    assert statements.list_statements(uow, moment.id) == ()


def test_a_generated_sentence_following_a_new_name_is_no_conflict(
    uow, colleague, moment, noa
) -> None:
    fields = {"who_worried": ["Veilig Thuis"], "behaviour": "Mark slaat", "children": [noa.id]}
    danger = statements.add_statement(uow, moment.id, T.DANGER, {**fields, "impact": "pijn"})
    members.update_person(colleague, noa.id, {"first_name": "Noah"})
    # Any change in the moment makes its sentences again, with the new name.
    statements.add_statement(colleague, moment.id, T.BOTTOM_LINE, {"text": "Nooit alleen"})
    assert "Noah" in statements.list_statements(uow, moment.id)[0].text
    statements.remove_statement(uow, danger.value.id, expected=danger.value)
    assert [s.type for s in statements.list_statements(uow, moment.id)] == [T.BOTTOM_LINE]


def test_a_statement_is_not_put_back_over_an_id_taken_meanwhile(uow, colleague, moment) -> None:
    line = statements.add_statement(uow, moment.id, T.BOTTOM_LINE, {"text": "Nooit alleen"}).value
    removed = statements.remove_statement(uow, line.id).value
    other = Statement(
        id=line.id,
        moment_id=moment.id,
        household_id=moment.household_id,
        type=T.BOTTOM_LINE.value,
        position=1,
        text="Altijd",
    )
    _insert(colleague, other)
    with pytest.raises(ConflictError):
        statements.restore_statement(uow, removed)
    listed = statements.list_statements(uow, moment.id)
    assert [(s.text, s.position) for s in listed] == [("Altijd", 1)]


def test_removing_a_score_expects_it_as_last_seen(uow, colleague, case) -> None:
    fields = {"score": 4, "reason": "Geen vangnet", "source": Source(SourceKind.CONSULTANT)}
    score = scale.add_score(uow, case.id, fields).value
    changed = scale.update_score(colleague, score.id, {"score": 5}).value
    with pytest.raises(ConflictError):
        scale.remove_score(uow, score.id, expected=score)
    assert [s.score for s in scale.list_scores(uow, case.id)] == [5]
    removed = scale.remove_score(uow, score.id, expected=changed).value
    other = ScaleScore(
        id=score.id,
        household_id=case.id,
        scored_on=dt.date.today(),
        role="consultant",
        score=7,
        reason="Oma helpt",
        source_label="M. Kaya",
    )
    _insert(colleague, other)
    with pytest.raises(ConflictError):
        scale.restore_score(uow, removed)
    assert [(s.id, s.score) for s in scale.list_scores(uow, case.id)] == [(score.id, 7)]
