"""One undo of a removal (store/snapshot): rows, cascades and cleared references come back."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text

from jeugdtool.cases import members
from jeugdtool.cases.models import Person
from jeugdtool.errors import ConflictError
from jeugdtool.framework import moments
from jeugdtool.framework.models import MapItem
from jeugdtool.framework.vocab import Cell
from jeugdtool.store import snapshot
from jeugdtool.zrm import assessments as za
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore

pytestmark = pytest.mark.both_backends


@pytest.fixture
def mother(uow, case):
    person = members.add_person(
        uow, case.id, {"first_name": "Sandra", "last_name": "Jansen", "role": "parent"}
    ).value
    za.create_assessment(uow, person.id, assessed_on=dt.date(2026, 1, 12))
    moment = moments.start_moment(uow, case.id, author="A. de Boer").value
    moments.add_item(
        uow, moment.id, Cell.HARM, {"text": "Moeder schreeuwt", "concerns_person_id": person.id}
    )
    return person


def _count(uow, model) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_a_removal_takes_its_cascade_and_undo_puts_all_back_in_one_step(uow, mother) -> None:
    scores = _count(uow, ZrmDomainScore)
    assert scores > 0
    with uow:
        taken = snapshot.remove(uow, uow.session.get(Person, mother.id))
        uow.commit()
    assert taken.root == ("persons", (mother.id,))
    assert taken.values["first_name"] == "Sandra"
    assert len(taken.of(ZrmAssessment)) == 1 and len(taken.of(ZrmDomainScore)) == scores
    assert [c.column for c in taken.cleared] == ["concerns_person_id"]
    assert _count(uow, ZrmDomainScore) == 0
    # Parents come before their children, so they can go back in this order.
    names = [name for name, _rows in taken.rows]
    order = [names.index(n) for n in ("persons", "zrm_assessments", "zrm_domain_scores")]
    assert order == sorted(order)

    with uow:
        row = snapshot.put_back(uow, taken)
        assert isinstance(row, Person) and row.id == mother.id
        uow.commit()
    assert _count(uow, ZrmDomainScore) == scores
    with uow:
        item = uow.session.scalars(select(MapItem)).one()
        assert item.concerns_person_id == mother.id
        again = snapshot.take(uow, uow.session.get(Person, mother.id))
    diff = [
        (name, k, a[k], b[k])
        for (name, before), (_n, after) in zip(taken.rows, again.rows, strict=True)
        for a, b in zip(before, after, strict=True)
        for k in a
        if a[k] != b[k] and k not in {"updated_at", "updated_by"}
    ]
    assert diff == []


def test_a_row_put_back_keeps_its_version(uow, mother) -> None:
    """Undo and redo steps compare versions: the row comes back with the one it had."""
    members.update_person(uow, mother.id, {"notes": "belt op dinsdag"})
    members.update_person(uow, mother.id, {"notes": "belt op woensdag"})
    with uow:
        taken = snapshot.remove(uow, uow.session.get(Person, mother.id))
        uow.commit()
    assert taken.values["version"] == 3
    with uow:
        assert snapshot.put_back(uow, taken).version == 3
        uow.commit()
    members.update_person(uow, mother.id, {"notes": "belt"}, expected_version=3)
    with uow:
        assert uow.session.get(Person, mother.id).version == 4


def test_putting_back_refuses_when_an_id_was_given_away(uow, mother, case) -> None:
    with uow:
        taken = snapshot.remove(uow, uow.session.get(Person, mother.id))
        uow.commit()
    with uow:
        uow.session.add(
            Person(id=mother.id, household_id=case.id, position=9, first_name="X", role="child")
        )
        uow.commit()
    with pytest.raises(ConflictError), uow:
        snapshot.put_back(uow, taken)
    assert _count(uow, ZrmDomainScore) == 0


def test_a_reference_set_elsewhere_since_is_left_alone(uow, mother, case) -> None:
    other = members.add_person(uow, case.id, {"first_name": "Piet", "role": "parent"}).value
    with uow:
        taken = snapshot.remove(uow, uow.session.get(Person, mother.id))
        uow.commit()
    with uow:
        uow.session.scalars(select(MapItem)).one().concerns_person_id = other.id
        uow.commit()
    with uow:
        snapshot.put_back(uow, taken)
        uow.commit()
    with uow:
        assert uow.session.scalars(select(MapItem)).one().concerns_person_id == other.id


def test_positions_make_room_and_close_the_gap() -> None:
    class Row:
        def __init__(self, position: int) -> None:
            self.position = position

    rows = [Row(1), Row(2), Row(3)]
    snapshot.make_room(rows, 2)
    assert [r.position for r in rows] == [1, 3, 4]
    snapshot.close_gap(rows)
    assert [r.position for r in rows] == [1, 2, 3]


def test_a_removal_refuses_when_an_unloaded_table_would_lose_rows_unseen(uow, mother) -> None:
    """A table the program has no model for, following the removal: undo could not bring its
    rows back, so the snapshot refuses (a programming error, found by the tests)."""
    with uow:
        uow.session.execute(
            text(
                "CREATE TABLE stray_notes (id INTEGER PRIMARY KEY, "
                "person_id INTEGER REFERENCES persons(id) ON DELETE CASCADE)"
            )
        )
        uow.commit()
    with pytest.raises(RuntimeError, match="persons"), uow:
        snapshot.take(uow, uow.session.get(Person, mother.id))
