"""Mapping moments and the map: copy forward, read-only past, items, moves, stances, compare."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NotFound
from jeugdtool.framework import moments
from jeugdtool.framework._common import ReadOnlyMoment
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import WorryKind
from tests.statements import statements_sent

pytestmark = pytest.mark.both_backends

NOV_1, NOV_20 = dt.date(2026, 11, 1), dt.date(2026, 11, 20)


@pytest.fixture
def moment(uow, case):
    return moments.start_moment(
        uow, case.id, author="A. de Boer", held_on=NOV_1, present=["Sanne (moeder)", " ", "oma Ria"]
    ).value


def _texts(detail, cell: Cell) -> list[str]:
    return [i.text for i in detail.cells[cell]]


def test_first_moment_starts_empty_with_who_was_there(uow, case, moment) -> None:
    assert moment.present == ("Sanne (moeder)", "oma Ria")
    assert moment.editable and moment.item_count == 0 and moment.copied_from_id is None
    detail = moments.get_moment(uow, moment.id)
    assert list(detail.cells) == list(Cell)  # every cell, in method order
    assert detail.items() == []


def test_items_keep_order_source_and_worry_kind(uow, case, moment) -> None:
    mum = members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"}).value
    said_by_mum = Source(SourceKind.PERSON, person_id=mum.id)
    moments.add_item(
        uow,
        moment.id,
        Cell.HARM,
        {"text": "Blauwe plek op Noa's arm", "source": said_by_mum, "worry_kind": "problem"},
    )
    moments.add_item(uow, moment.id, Cell.HARM, {"text": "Vader werkt 's nachts"})
    detail = moments.get_moment(uow, moment.id)
    first, second = detail.cells[Cell.HARM]
    assert _texts(detail, Cell.HARM) == ["Blauwe plek op Noa's arm", "Vader werkt 's nachts"]
    assert first.source.label == "Sanne" and first.worry_kind is WorryKind.PROBLEM
    assert second.source.kind is SourceKind.CONSULTANT
    assert (first.position, second.position) == (1, 2)


def test_item_rules(uow, case, moment) -> None:
    with pytest.raises(InvalidInput):
        moments.add_item(uow, moment.id, Cell.HARM, {"text": "   "})
    with pytest.raises(InvalidInput) as info:
        moments.add_item(
            uow, moment.id, Cell.STRENGTHS, {"text": "Oma helpt", "worry_kind": "limitation"}
        )
    assert info.value.problems[0].field == "worry_kind"
    with pytest.raises(InvalidInput):
        moments.add_item(
            uow,
            moment.id,
            Cell.HARM,
            {"text": "x", "source": Source(SourceKind.PERSON, person_id=999)},
        )
    with pytest.raises(ValueError):
        moments.add_item(uow, moment.id, "no_such_cell", {"text": "x"})


def test_new_moment_copies_the_latest_and_freezes_it(uow, case, moment) -> None:
    item = moments.add_item(uow, moment.id, Cell.DANGER, {"text": "Noa raakt gewond"}).value
    moments.set_stance(uow, item.id, "Sanne", Stance.DISPUTES)
    second = moments.start_moment(uow, case.id, author="M. Kaya", held_on=NOV_20).value
    assert second.copied_from_id == moment.id and second.item_count == 1
    copy = moments.get_moment(uow, second.id).cells[Cell.DANGER][0]
    assert (copy.lineage, copy.text) == (item.lineage, item.text) and copy.id != item.id
    assert [(s.who, s.stance) for s in copy.stances] == [("Sanne", Stance.DISPUTES)]
    # The earlier moment is now the record of what was known then.
    with pytest.raises(ReadOnlyMoment):
        moments.update_item(uow, item.id, {"text": "iets anders"})
    with pytest.raises(ReadOnlyMoment):
        moments.add_item(uow, moment.id, Cell.HARM, {"text": "te laat"})
    assert [m.editable for m in moments.list_moments(uow, case.id)] == [False, True]


def test_a_new_moment_cannot_predate_the_latest(uow, case, moment) -> None:
    with pytest.raises(InvalidInput):
        moments.start_moment(uow, case.id, author="x", held_on=NOV_1 - dt.timedelta(days=1))
    with pytest.raises(InvalidInput):
        moments.start_moment(
            uow, case.id, author="x", held_on=dt.date.today() + dt.timedelta(days=1)
        )


def test_move_within_and_across_cells(uow, case, moment) -> None:
    a, b, c = (
        moments.add_item(uow, moment.id, Cell.HARM, {"text": t, "worry_kind": "problem"}).value
        for t in "ABC"
    )
    moments.move_item(uow, c.id, Cell.HARM, 1)
    assert _texts(moments.get_moment(uow, moment.id), Cell.HARM) == ["C", "A", "B"]
    moved = moments.move_item(uow, a.id, Cell.STRENGTHS, 1).value
    assert moved.worry_kind is None  # only worries are problems or limitations
    detail = moments.get_moment(uow, moment.id)
    assert _texts(detail, Cell.HARM) == ["C", "B"] and _texts(detail, Cell.STRENGTHS) == ["A"]
    assert [i.position for i in detail.cells[Cell.HARM]] == [1, 2]
    moments.move_item(uow, b.id, Cell.HARM, 99)  # past the end: last
    assert _texts(moments.get_moment(uow, moment.id), Cell.HARM) == ["C", "B"]


def test_removed_item_comes_back_in_place_with_its_stances(uow, case, moment) -> None:
    items = [moments.add_item(uow, moment.id, Cell.DANGER, {"text": t}).value for t in "ABC"]
    moments.set_stance(uow, items[1].id, "Vader", "agrees")
    removed = moments.remove_item(uow, items[1].id).value
    assert _texts(moments.get_moment(uow, moment.id), Cell.DANGER) == ["A", "C"]
    back = moments.restore_item(uow, removed).value
    assert (back.id, back.lineage) == (items[1].id, items[1].lineage)
    detail = moments.get_moment(uow, moment.id)
    assert _texts(detail, Cell.DANGER) == ["A", "B", "C"]
    assert [(s.who, s.stance) for s in detail.cells[Cell.DANGER][1].stances] == [
        ("Vader", Stance.AGREES)
    ]


def test_stances_only_on_worries_and_can_be_withdrawn(uow, case, moment) -> None:
    worry = moments.add_item(uow, moment.id, Cell.HARM, {"text": "A"}).value
    strength = moments.add_item(uow, moment.id, Cell.STRENGTHS, {"text": "B"}).value
    with pytest.raises(InvalidInput):
        moments.set_stance(uow, strength.id, "Sanne", "agrees")
    moments.set_stance(uow, worry.id, "Sanne", "agrees")
    moments.set_stance(uow, worry.id, "Sanne", "disputes")
    assert [s.stance for s in moments.set_stance(uow, worry.id, "Ria", "agrees").value.stances] == [
        Stance.DISPUTES,
        Stance.AGREES,
    ]
    assert len(moments.set_stance(uow, worry.id, "Sanne", None).value.stances) == 1


def test_the_map_read_in_one_query_keeps_each_items_stances_and_order(uow, case, moment) -> None:
    """The items and their stances are read together (a join): an item with two stances is
    still one item, its stances in the order they were given, the items in their order."""
    first = moments.add_item(uow, moment.id, Cell.HARM, {"text": "A"}).value
    second = moments.add_item(uow, moment.id, Cell.HARM, {"text": "B"}).value
    danger = moments.add_item(uow, moment.id, Cell.DANGER, {"text": "C"}).value
    moments.set_stance(uow, second.id, "Sanne", "disputes")
    told = moments.set_stance(uow, second.id, "Ria", "agrees").value
    moments.set_stance(uow, danger.id, "Ria", "agrees")
    moments.move_item(uow, first.id, Cell.HARM, 2)
    shown = moments.read_map(uow, case.id).moment
    assert [i.text for i in shown.cells[Cell.HARM]] == ["B", "A"]
    assert shown.cells[Cell.HARM][0].stances == told.stances
    assert [(s.who, s.stance) for s in told.stances] == [
        ("Sanne", Stance.DISPUTES),
        ("Ria", Stance.AGREES),
    ]
    assert shown.cells[Cell.HARM][1].stances == ()
    assert [(s.who, s.stance) for s in shown.cells[Cell.DANGER][0].stances] == [
        ("Ria", Stance.AGREES)
    ]


def test_compare_names_added_removed_changed_moved(uow, case, moment) -> None:
    keep = moments.add_item(uow, moment.id, Cell.HARM, {"text": "blijft"}).value
    change = moments.add_item(uow, moment.id, Cell.HARM, {"text": "oud"}).value
    drop = moments.add_item(uow, moment.id, Cell.HARM, {"text": "weg"}).value
    move = moments.add_item(uow, moment.id, Cell.FAMILY_GOALS, {"text": "verhuist"}).value
    second = moments.start_moment(uow, case.id, author="x", held_on=NOV_20).value
    copies = {i.lineage: i for i in moments.get_moment(uow, second.id).items()}
    moments.update_item(uow, copies[change.lineage].id, {"text": "nieuw"})
    moments.remove_item(uow, copies[drop.lineage].id)
    moments.move_item(uow, copies[move.lineage].id, Cell.PROFESSIONAL_GOALS, 1)
    moments.add_item(uow, second.id, Cell.STRENGTHS, {"text": "erbij"})
    result = moments.compare_moments(uow, moment.id, second.id)
    kinds = {((c.after or c.before).text, c.kind) for c in result.changes}
    assert kinds == {
        ("blijft", "same"),
        ("nieuw", "changed"),
        ("weg", "removed"),
        ("verhuist", "moved"),
        ("erbij", "added"),
    }
    assert result.of_kind("changed")[0].before.text == "oud"
    assert keep.lineage in {c.after.lineage for c in result.of_kind("same")}


def test_undo_of_starting_a_moment_restores_the_same_ids(uow, case, moment) -> None:
    moments.add_item(uow, moment.id, Cell.HARM, {"text": "A"})
    second = moments.start_moment(uow, case.id, author="x", held_on=NOV_20).value
    before = moments.get_moment(uow, second.id)
    with pytest.raises(ReadOnlyMoment):
        moments.remove_moment(uow, moment.id)  # only the newest can be taken back
    snapshot = moments.remove_moment(uow, second.id).value
    with pytest.raises(NotFound):
        moments.get_moment(uow, second.id)
    assert moments.list_moments(uow, case.id)[-1].editable  # the first is editable again
    moments.restore_moment(uow, snapshot)
    after = moments.get_moment(uow, second.id)
    assert [i.id for i in after.items()] == [i.id for i in before.items()]
    assert [m.editable for m in moments.list_moments(uow, case.id)] == [False, True]


def test_changes_are_audited_on_the_case(uow, case, moment) -> None:
    from jeugdtool.cases import queries

    outcome = moments.add_item(uow, moment.id, Cell.HARM, {"text": "Blauwe plek"})
    assert outcome.changes.touches("map_item") and outcome.changes.touches_case(case.id)
    trail = queries.case_history(uow, case.id)
    assert (trail[0].entity, trail[0].action, trail[0].new) == ("map_item", "create", "Blauwe plek")


def test_an_item_is_not_put_back_when_whom_it_concerns_left_the_case(uow, case, moment) -> None:
    sem = members.add_person(uow, case.id, {"first_name": "Sem", "role": "child"}).value
    fields = {"text": "Sem is bang", "concerns_person_id": sem.id}
    item = moments.add_item(uow, moment.id, Cell.DANGER, fields).value
    removed = moments.remove_item(uow, item.id, expected=item).value
    members.remove_person(uow, sem.id)
    with pytest.raises(InvalidInput) as refused:
        moments.restore_item(uow, removed)
    assert refused.value.for_field("concerns_person_id")
    assert moments.get_moment(uow, moment.id).items() == []


def test_correcting_who_was_present_is_audited_as_names(uow, case, moment) -> None:
    from jeugdtool.cases import queries

    changed = moments.update_moment(
        uow,
        moment.id,
        {"present": ["Sanne (moeder)", "Mark (vader)"]},
        expected={"present": ("Sanne (moeder)", "oma Ria")},
    ).value
    assert changed.present == ("Sanne (moeder)", "Mark (vader)")
    assert moments.list_moments(uow, case.id)[0].present == changed.present
    entry = queries.case_history(uow, case.id)[0]
    assert (entry.field, entry.old, entry.new) == (
        "present",
        "Sanne (moeder)\noma Ria",
        "Sanne (moeder)\nMark (vader)",
    )


def test_a_plan_finalised_on_a_removed_moment_points_at_it_again_after_undo(
    uow, case, moment
) -> None:
    from jeugdtool.framework import plans
    from jeugdtool.framework.plan_finalise import finalise

    second = moments.start_moment(uow, case.id, author="x", held_on=NOV_20).value
    draft = plans.start_draft(uow, case.id).value
    plan = finalise(uow, draft.id, by="A. de Boer", override_reason="Spoed: thuis onveilig").value
    assert plan.moment_id == second.id
    seen = moments.snapshot_moment(uow, second.id)
    removed = moments.remove_moment(uow, second.id).value
    assert seen == removed
    assert _plan_moment(uow, case.id) is None  # the database let go of it
    moments.restore_moment(uow, removed)
    # Before, the plan stayed without its moment: what partners signed could not be shown.
    assert _plan_moment(uow, case.id) == second.id


def _plan_moment(uow, case_id: int) -> int | None:
    """The mapping moment the case's (one) plan version shows."""
    from jeugdtool.framework import plans

    (version,) = plans.list_versions(uow, case_id)
    return version.moment_id


def test_a_moment_naming_someone_who_left_since_is_not_put_back(uow, case, moment) -> None:
    from jeugdtool.errors import ConflictError

    sem = members.add_person(uow, case.id, {"first_name": "Sem", "role": "child"}).value
    moments.add_item(
        uow, moment.id, Cell.HARM, {"text": "Sem is bang", "concerns_person_id": sem.id}
    )
    removed = moments.remove_moment(uow, moment.id).value
    members.remove_person(uow, sem.id)
    with pytest.raises(ConflictError):
        moments.restore_moment(uow, removed)
    assert moments.list_moments(uow, case.id) == []


def test_read_map_reads_the_shown_moment_and_the_list_in_one_go(db, uow, case, moment) -> None:
    """What the map page reads when it opens: the case's head, every moment (oldest first,
    only the newest editable) and one map; a past one if asked, the newest if it is gone."""
    moments.add_item(uow, moment.id, Cell.HARM, {"text": "Blauwe plek"})
    newer = moments.start_moment(uow, case.id, author="A. de Boer", held_on=NOV_20).value
    moments.add_item(uow, newer.id, Cell.STRENGTHS, {"text": "Oma helpt"})
    with statements_sent(db, "SELECT") as statements:
        view = moments.read_map(uow, case.id)
    assert view.household.id == case.id
    assert view.moments == moments.list_moments(uow, case.id)
    assert [(m.id, m.editable, m.item_count) for m in view.moments] == [
        (moment.id, False, 1),
        (newer.id, True, 2),  # copied forward: the harm item and its own strength
    ]
    assert view.moment == moments.get_moment(uow, newer.id)
    # The household with its case manager, the moments with their counts, the items with
    # their stances: on a team database each is a round trip and pays the access policies.
    assert len(statements) <= 3
    # The head as the case's window read it just now: not read again.
    with statements_sent(db, "SELECT") as again_sent:
        again = moments.read_map(uow, case.id, head=view.household)
    assert again == view
    assert len(again_sent) <= 2 and not any("households" in s for s in again_sent)
    assert moments.read_map(uow, case.id, moment.id).moment == moments.get_moment(uow, moment.id)
    assert moments.read_map(uow, case.id, 999_999).moment.moment.id == newer.id  # gone: newest


def test_read_map_reads_the_case_manager_with_the_household(db, uow) -> None:
    manager = consultants.add_consultant(uow, name="Mo Haddou", phone="06-12345678").value
    case = households.create_case(uow, name="Gezin Vos", case_manager_id=manager.id).value
    with statements_sent(db) as statements:
        view = moments.read_map(uow, case.id)
    assert (view.household.case_manager_name, view.household.case_manager_phone) == (
        "Mo Haddou",
        "06-12345678",
    )
    assert sum("consultants" in s for s in statements) == 1  # joined with the household
    assert view.moments == [] and view.moment is None


def test_read_map_of_a_case_that_is_gone(uow, case) -> None:
    with pytest.raises(NotFound):
        moments.read_map(uow, case.id + 1000)


def test_read_map_of_a_case_without_moments(uow, case) -> None:
    view = moments.read_map(uow, case.id)
    assert view.moments == [] and view.moment is None and view.household.id == case.id
