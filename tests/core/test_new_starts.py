"""New starts: the same child found in an earlier, closed case and recorded as starting again."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import destruction
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing import ClosingInput

both_backends = pytest.mark.both_backends

TODAY = dt.date.today()
BORN = dt.date(2015, 4, 1)


def _close(uow, case_id: int, closed_on: dt.date) -> int:
    data = ClosingInput(
        closed_on=closed_on,
        reason="Hulp afgerond, veiligheid stabiel",
        goals_outcome="mostly",
        further_help="none",
        ended_as="planned",
    )
    return closing.close_case(uow, case_id, data).value.id


def _case(uow, name: str, number: str, opened_on: dt.date):
    return households.create_case(uow, name=name, case_number=number, opened_on=opened_on).value


def _child(uow, case_id: int, first: str, last: str, born: dt.date | None = BORN, role="child"):
    fields = {"first_name": first, "last_name": last, "role": role, "birth_date": born}
    return members.add_person(uow, case_id, fields).value


@pytest.fixture
def earlier(uow):
    """Case 2025-0001, closed 100 days ago, with Aïcha el Amrani (born 1-4-2015) and her
    mother; and the new case 2026-0002 where Aicha turns up again."""
    old = _case(uow, "Gezin el Amrani", "2025-0001", TODAY - dt.timedelta(days=400))
    aicha = _child(uow, old.id, "Aïcha", "el Amrani")
    _child(uow, old.id, "Fatima", "el Amrani", dt.date(1985, 1, 1), role="parent")
    closed_on = TODAY - dt.timedelta(days=100)
    closing_id = _close(uow, old.id, closed_on)
    new = _case(uow, "Gezin El Amrani", "2026-0002", TODAY - dt.timedelta(days=5))
    child = _child(uow, new.id, "Aicha", "El Amrani")
    return {
        "old": old,
        "aicha": aicha,
        "closing_id": closing_id,
        "closed_on": closed_on,
        "new": new,
        "child": child,
    }


def _candidates(uow, first="AICHA", last="el amrani", born=BORN, exclude=None):
    return closing.same_child_candidates(
        uow, first_name=first, last_name=last, birth_date=born, exclude_case_id=exclude
    )


@both_backends
def test_the_same_child_is_found_across_accents_and_case(uow, earlier) -> None:
    (found,) = _candidates(uow, exclude=earlier["new"].id)
    assert (found.closing_id, found.case_id, found.case_number, found.case_name) == (
        earlier["closing_id"],
        earlier["old"].id,
        "2025-0001",
        "Gezin el Amrani",
    )
    assert (found.child_label, found.closed_on) == ("Aïcha el Amrani", earlier["closed_on"])


@both_backends
def test_another_birth_date_a_parent_or_no_birth_date_is_no_match(uow, earlier) -> None:
    assert _candidates(uow, born=BORN + dt.timedelta(days=1)) == []
    assert _candidates(uow, first="Fatima", born=dt.date(1985, 1, 1)) == []  # not a child
    assert _candidates(uow, born=None) == []
    assert _candidates(uow, first="Amira") == []


@both_backends
def test_the_own_case_and_cases_never_closed_are_left_out(uow, earlier) -> None:
    # The new case's own Aicha is not a candidate for herself: it has no closing yet, and it
    # is excluded anyway.
    assert [c.case_number for c in _candidates(uow)] == ["2025-0001"]
    assert _candidates(uow, exclude=earlier["old"].id) == []


@both_backends
def test_the_latest_closing_of_a_reopened_case_is_offered(uow, earlier) -> None:
    old = earlier["old"].id
    closing.reopen_case(uow, old, on=TODAY - dt.timedelta(days=50))
    assert _candidates(uow) == []  # open again: help already started after that closing
    second = _close(uow, old, TODAY - dt.timedelta(days=20))
    assert [c.closing_id for c in _candidates(uow)] == [second]


@both_backends
def test_record_new_start_after_the_consultant_confirms(uow, earlier) -> None:
    done = closing.record_new_start(
        uow,
        earlier["new"].id,
        person_id=earlier["child"].id,
        previous_closing_id=earlier["closing_id"],
        started_on=None,
    )
    start = done.value
    assert (start.kind, start.person_id, start.previous_closing_id) == (
        "new_case",
        earlier["child"].id,
        earlier["closing_id"],
    )
    # Without a date: the new case's opening date.
    assert start.started_on == earlier["new"].opened_on
    assert (start.previous_case_number, start.previous_closed_on) == (
        "2025-0001",
        earlier["closed_on"],
    )
    assert start.confirmed_by == "A. de Boer"
    assert done.changes.touches("new_start")
    assert closing.new_starts(uow, earlier["new"].id) == [start]
    with pytest.raises(InvalidInput) as bad:
        closing.record_new_start(
            uow,
            earlier["new"].id,
            person_id=earlier["child"].id,
            previous_closing_id=earlier["closing_id"],
        )
    assert bad.value.for_field("previous_closing_id") == [
        _("This new start has already been recorded.")
    ]


@both_backends
def test_record_new_start_checks_child_closing_and_date(uow, earlier) -> None:
    new, child = earlier["new"].id, earlier["child"].id
    with pytest.raises(InvalidInput) as bad:
        closing.record_new_start(
            uow, new, person_id=earlier["aicha"].id, previous_closing_id=earlier["closing_id"]
        )
    assert bad.value.for_field("person_id") == [_("Choose a child of this household.")]
    too_early = earlier["closed_on"] - dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as bad:
        closing.record_new_start(
            uow,
            new,
            person_id=child,
            previous_closing_id=earlier["closing_id"],
            started_on=too_early,
        )
    assert bad.value.for_field("started_on") == [
        _(
            "The new start {started} lies before the closing it follows ({closed}). "
            "Check both dates."
        ).format(started=format_date_nl(too_early), closed=format_date_nl(earlier["closed_on"]))
    ]
    own = _close(uow, new, TODAY)
    closing.reopen_case(uow, new)
    with pytest.raises(InvalidInput) as bad:
        closing.record_new_start(uow, new, person_id=child, previous_closing_id=own)
    assert bad.value.for_field("previous_closing_id") == [
        _("Choose a closing of another case: reopening this case records its new start by itself.")
    ]


@both_backends
def test_a_closed_case_records_no_new_start(uow, earlier) -> None:
    _close(uow, earlier["new"].id, TODAY)
    with pytest.raises(CaseClosed):
        closing.record_new_start(
            uow,
            earlier["new"].id,
            person_id=earlier["child"].id,
            previous_closing_id=earlier["closing_id"],
        )


@both_backends
def test_a_wrong_match_is_removed_and_undo_puts_it_back(uow, earlier) -> None:
    start = closing.record_new_start(
        uow,
        earlier["new"].id,
        person_id=earlier["child"].id,
        previous_closing_id=earlier["closing_id"],
    ).value
    taken = closing.remove_new_start(uow, start.id, expected=start).value
    assert closing.new_starts(uow, earlier["new"].id) == []
    assert closing.restore_new_start(uow, taken).value == start
    # Recorded again meanwhile: undo of the removal would make it twice.
    taken = closing.remove_new_start(uow, start.id, expected=start).value
    closing.record_new_start(
        uow,
        earlier["new"].id,
        person_id=earlier["child"].id,
        previous_closing_id=earlier["closing_id"],
    )
    with pytest.raises(ConflictError):
        closing.restore_new_start(uow, taken)


@both_backends
def test_the_new_start_of_a_reopening_goes_only_with_it(uow, earlier) -> None:
    start = closing.reopen_case(uow, earlier["old"].id).value.new_start
    with pytest.raises(InvalidInput) as bad:
        closing.remove_new_start(uow, start.id)
    assert bad.value.for_field("kind") == [
        _(
            "This new start records that the case was reopened; it stays as long "
            "as the reopening does."
        )
    ]


@both_backends
def test_undo_close_refuses_when_a_new_case_started_after_it(uow, earlier) -> None:
    closing.record_new_start(
        uow,
        earlier["new"].id,
        person_id=earlier["child"].id,
        previous_closing_id=earlier["closing_id"],
    )
    with pytest.raises(ConflictError):
        closing.undo_close(uow, earlier["closing_id"])
    assert len(closing.closings(uow, earlier["old"].id)) == 1


def test_a_destroyed_earlier_case_leaves_the_new_start_without_its_closing(uow, earlier) -> None:
    start = closing.record_new_start(
        uow,
        earlier["new"].id,
        person_id=earlier["child"].id,
        previous_closing_id=earlier["closing_id"],
    ).value
    destruction.destroy_case(
        uow,
        "2025-0001",
        "Bewaartermijn van het dossier is verstreken",
        destruction.Ground.RETENTION,
        by="Privacy officer",
    )
    (kept,) = closing.new_starts(uow, earlier["new"].id)
    assert (kept.id, kept.kind, kept.person_id) == (start.id, "new_case", earlier["child"].id)
    assert (kept.previous_closing_id, kept.previous_case_number, kept.previous_closed_on) == (
        None,
        None,
        None,
    )
    assert _candidates(uow) == []


@both_backends
def test_two_confirmations_at_the_same_moment_record_one_new_start(
    uow, earlier, monkeypatch
) -> None:
    """The service's own check runs before either commits; the database keeps it to one."""
    from jeugdtool.errors import IntegrityViolation
    from jeugdtool.outcomes import new_starts

    monkeypatch.setattr(new_starts, "_check_not_recorded", lambda *args: None)
    kwargs = {"person_id": earlier["child"].id, "previous_closing_id": earlier["closing_id"]}
    closing.record_new_start(uow, earlier["new"].id, **kwargs)
    with pytest.raises(IntegrityViolation):
        closing.record_new_start(uow, earlier["new"].id, **kwargs)
    assert len(closing.new_starts(uow, earlier["new"].id)) == 1
