"""Every change leaves a trace: who, when, what, old and new; and the optimistic lock holds."""

from __future__ import annotations

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.models import Person
from jeugdtool.errors import ConflictError
from jeugdtool.store.uow import UnitOfWork
from tests.statements import statements_sent

pytestmark = pytest.mark.both_backends


def test_create_update_delete_are_audited_with_author(db, case) -> None:
    uow = UnitOfWork(db, "M. Kaya")
    noa = members.add_person(uow, case.id, {"first_name": "Noa", "last_name": "Jansen"}).value
    members.update_person(uow, noa.id, {"birth_date": "14-05-2016"})
    members.remove_person(uow, noa.id)
    trail = [
        (e.who, e.entity, e.action, e.field, e.old, e.new)
        for e in reversed(queries.case_history(uow, case.id))
    ]
    assert trail[1:] == [
        ("M. Kaya", "person", "create", None, None, "Noa Jansen"),
        ("M. Kaya", "person", "update", "birth_date", None, "2016-05-14"),
        ("M. Kaya", "person", "delete", None, "Noa Jansen", None),
    ]
    assert trail[0][:3] == ("A. de Boer", "household", "create")


def test_stamps_author_and_times(db, case) -> None:
    uow = UnitOfWork(db, "J. Visser")
    changed = households.update_case(uow, case.id, {"name": "Gezin Jansen-de Vries"}).value
    assert changed.created_by == "A. de Boer"
    assert changed.updated_by == "J. Visser"
    assert changed.updated_at >= changed.created_at
    assert changed.version == case.version + 1


def test_changes_of_members_move_the_case_last_change(uow, case) -> None:
    before = queries.list_case_summaries(uow)[0].last_change_at
    members.add_person(uow, case.id, {"first_name": "Noa"})
    assert queries.list_case_summaries(uow)[0].last_change_at > before


def test_a_changed_case_as_returned_is_the_case_as_stored(uow, case) -> None:
    """The last change written past the row (one UPDATE for the cases) is on the returned case
    too: a screen may show it without reading the case again."""
    for change in ({"name": "Gezin Öztürk"}, {"opened_on": case.opened_on}, {"mode": "wellbeing"}):
        returned = households.update_case(uow, case.id, change).value
        assert returned == queries.get_household(uow, case.id), change
    assert returned.last_change_at > case.last_change_at


def test_change_set_names_the_case_and_entity(uow, case) -> None:
    outcome = members.add_network_member(uow, case.id, {"name": "Ria", "kind": "family"})
    assert outcome.changes.touches("network_member")
    assert outcome.changes.touches_case(case.id)
    assert not outcome.changes.touches("household")


def test_a_write_from_an_outdated_read_conflicts_clearly(db, case) -> None:
    """A session that read a row before someone else changed it must not overwrite that change
    (the version column turns the UPDATE into a no-op that SQLAlchemy reports)."""
    noa = members.add_person(UnitOfWork(db, "x"), case.id, {"first_name": "Noa"}).value
    late = UnitOfWork(db, "B")
    with late:
        stale = late.session.get(Person, noa.id)
        late.session.commit()  # the read's transaction ends; `stale` keeps version 1
        members.update_person(UnitOfWork(db, "A"), noa.id, {"first_name": "Noah"})
        stale.first_name = "Noë"
        with pytest.raises(ConflictError) as info:
            late.commit()
    assert "Iemand anders heeft dit intussen gewijzigd" in str(info.value)
    assert queries.get_case(UnitOfWork(db, "x"), case.id).persons[0].first_name == "Noah"


def test_stale_version_from_a_screen_conflicts(uow, case) -> None:
    households.update_case(uow, case.id, {"name": "Gezin Jansen (2)"})
    with pytest.raises(ConflictError):
        households.update_case(uow, case.id, {"name": "Gezin J."}, expected_version=case.version)
    assert queries.get_case(uow, case.id).household.name == "Gezin Jansen (2)"


def test_a_long_text_is_named_in_the_history_cut_at_a_word() -> None:
    from jeugdtool.store.base import LABEL_LENGTH
    from jeugdtool.store.base import short_label

    text = "Noa en Sem weten dat ze bij buurman Henk mogen aanbellen, ook 's nachts. " * 3
    label = short_label(text)
    assert len(label) <= LABEL_LENGTH and label.endswith("…")
    assert text.startswith(label[:-1]) and label[-2] != " "
    assert label[:-1].split()[-1] in text.split()  # the last word is a whole word
    assert short_label("Kort  en\nklaar") == "Kort en klaar"
    assert short_label("x" * 200) == "x" * (LABEL_LENGTH - 1) + "…"


def test_every_field_of_one_action_is_audited_with_one_statement_on_a_server(
    db, case, backend: str
) -> None:
    uow = UnitOfWork(db, "J. Visser")
    before = queries.list_case_summaries(uow)[0].last_change_at
    with statements_sent(db) as sent:
        households.update_case(uow, case.id, {"name": "Gezin de Vries", "case_number": "2026-0099"})
    trail = {(e.field, e.old, e.new) for e in queries.case_history(uow, case.id) if e.field}
    assert trail == {
        ("name", "Gezin Jansen", "Gezin de Vries"),
        ("case_number", "2026-0012", "2026-0099"),
    }
    assert queries.list_case_summaries(uow)[0].last_change_at > before
    writing_trail = [s for s in sent if "audit_entries" in s]
    if backend == "postgres":  # one round trip: the rows and the case's last change together
        assert len(writing_trail) == 1 and "UPDATE households" in writing_trail[0]
    else:
        assert len(writing_trail) == 1
