"""store/rows.py's read helpers: the order `children_in_order` and `oldest_first` promise."""

from __future__ import annotations

import datetime as dt

from jeugdtool.cases import members
from jeugdtool.cases.models import Person
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import in_order
from jeugdtool.store.rows import newest_first
from jeugdtool.store.rows import oldest_first


def _add(uow, case_id: int, name: str, born: dt.date) -> int:
    fields = {"first_name": name, "role": "child", "birth_date": born}
    return members.add_person(uow, case_id, fields).value.id


def test_children_in_order_lists_each_parent_s_rows_by_position_as_in_order(uow, case) -> None:
    ids = [_add(uow, case.id, name, dt.date(2015, 1, 1)) for name in ("Noa", "Daan", "Sem")]
    with uow:  # the list reordered: Sem first, then Noa, then Daan
        for row_id, position in zip(ids, (2, 3, 1), strict=True):
            uow.session.get(Person, row_id).position = position + 10
        uow.commit()
    with uow:
        grouped = children_in_order(uow.session, Person.household_id, [case.id, case.id + 999])
        listed = in_order(uow, Person, Person.household_id == case.id)
        assert [p.first_name for p in grouped[case.id]] == ["Sem", "Noa", "Daan"]
        assert [p.id for p in grouped[case.id]] == [p.id for p in listed]
        assert grouped[case.id + 999] == []


def test_oldest_first_orders_by_day_then_by_the_row_added_first(uow, case) -> None:
    _add(uow, case.id, "Noa", dt.date(2016, 5, 1))
    _add(uow, case.id, "Daan", dt.date(2014, 3, 1))
    _add(uow, case.id, "Sem", dt.date(2016, 5, 1))
    with uow:
        oldest = oldest_first(uow.session, Person.household_id, case.id, Person.birth_date)
        newest = newest_first(uow.session, Person.household_id, case.id, Person.birth_date)
        assert [p.first_name for p in oldest] == ["Daan", "Noa", "Sem"]
        assert [p.first_name for p in newest] == ["Sem", "Noa", "Daan"]
