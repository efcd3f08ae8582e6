"""The verwijsindex: expiry and state (pure), signals only for a child of the case, the
organisation's months, extending and withdrawing, matches, undo, and the reminders."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.dossier import verwijsindex as vi
from jeugdtool.dossier import verwijsindex_rules as rules
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _
from jeugdtool.store import org_settings

TODAY = dt.date.today()
LAST_YEAR = TODAY - dt.timedelta(days=365)


# ---- expiry and state (pure) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("made", "months", "expires"),
    [
        (dt.date(2026, 3, 9), 24, dt.date(2028, 3, 9)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),  # February has no 31st
        (dt.date(2028, 2, 29), 24, dt.date(2030, 2, 28)),  # nor a 29th in 2030
        (dt.date(2026, 11, 15), 3, dt.date(2027, 2, 15)),  # across the year
        (dt.date(2026, 12, 31), 12, dt.date(2027, 12, 31)),
    ],
)
def test_a_signal_expires_the_organisations_months_later(made, months, expires) -> None:
    assert rules.expiry(made, months) == expires


@pytest.mark.parametrize(
    ("expires_in", "withdrawn", "state"),
    [
        (61, False, rules.ACTIVE),
        (60, False, rules.EXPIRING),
        (1, False, rules.EXPIRING),
        (0, False, rules.EXPIRED),  # it expires on its expiry day
        (-300, False, rules.EXPIRED),
        (-300, True, rules.WITHDRAWN),
        (400, True, rules.WITHDRAWN),
    ],
)
def test_the_state_on_a_day(expires_in: int, withdrawn: bool, state: str) -> None:
    day = dt.date(2026, 6, 1)
    expires = day + dt.timedelta(days=expires_in)
    withdrawn_on = dt.date(2026, 5, 1) if withdrawn else None
    assert rules.state(expires, withdrawn_on, day) == state
    assert rules.needs_reminder(expires, withdrawn_on, day) is (
        state in (rules.EXPIRING, rules.EXPIRED)
    )


def test_a_new_signal_needs_its_child_and_day_and_names_every_problem() -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.clean_signal({"notes": 5, "withdrawn_on": TODAY + dt.timedelta(days=1)}, new=True)
    assert {p.field for p in caught.value.problems} == {
        "person_id",
        "signalled_on",
        "notes",
        "withdrawn_on",
    }
    assert caught.value.for_field("person_id") == [_("Choose the child the signal is about.")]


def test_a_signal_takes_dates_as_typed_and_tidies_its_text() -> None:
    clean = rules.clean_signal(
        {"person_id": 4, "signalled_on": "09-03-2026", "coordinator": "  Wijkteam Noord "},
        new=True,
    )
    assert clean == {
        "person_id": 4,
        "signalled_on": dt.date(2026, 3, 9),
        "coordinator": "Wijkteam Noord",
    }


def test_the_dates_of_a_signal_keep_their_order() -> None:
    made = dt.date(2026, 3, 9)
    rules.check_signal({"signalled_on": made, "expires_on": made + dt.timedelta(days=1)})
    with pytest.raises(InvalidInput) as caught:
        rules.check_signal(
            {
                "signalled_on": made,
                "expires_on": made,
                "coordination_on": dt.date(2026, 3, 8),
                "withdrawn_on": dt.date(2026, 1, 1),
            }
        )
    assert {p.field for p in caught.value.problems} == {
        "expires_on",
        "coordination_on",
        "withdrawn_on",
    }
    with pytest.raises(InvalidInput) as caught:
        rules.check_signal({"signalled_on": made, "expires_on": None})
    assert caught.value.for_field("expires_on") == [_("Say when the signal expires.")]


def test_a_match_needs_an_organisation_and_a_day_not_before_the_signal() -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.clean_match({"contact": "J. Bakker"}, new=True)
    assert {p.field for p in caught.value.problems} == {"organisation", "matched_on"}
    rules.check_match(dt.date(2026, 3, 9), dt.date(2026, 3, 9))
    with pytest.raises(InvalidInput):
        rules.check_match(dt.date(2026, 3, 8), dt.date(2026, 3, 9))


# ---- the services -------------------------------------------------------------------------------


@pytest.fixture
def kids(uow, case):
    def add(first: str, role: str):
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(uow, case.id, fields).value

    return add("Noa", "child"), add("Sanne", "parent")


def _signal(uow, case, child, **fields):
    return vi.add_signal(uow, case.id, {"person_id": child.id, "signalled_on": LAST_YEAR, **fields})


@pytest.mark.both_backends
def test_a_signal_about_a_child_expires_after_two_years_by_default(uow, case, kids) -> None:
    noa, _sanne = kids
    done = _signal(uow, case, noa, coordinator="Wijkteam Noord", notes="Zorgen over schoolverzuim")
    signal = done.value
    assert done.changes.touches("verwijsindex_signal") and done.changes.touches_case(case.id)
    assert (signal.person_id, signal.child_label) == (noa.id, "Noa Jansen")
    assert signal.signalled_by == "A. de Boer"  # the current user
    assert signal.expires_on == rules.expiry(LAST_YEAR, 24)
    assert signal.state == rules.ACTIVE and signal.matches == ()
    assert vi.signals(uow, case.id) == [signal]


@pytest.mark.both_backends
def test_the_expiry_follows_the_organisations_setting_or_the_date_given(uow, case, kids) -> None:
    noa, _sanne = kids
    with uow:
        org_settings.write(uow.session, org_settings.VERWIJSINDEX_MONTHS, "12")
        uow.commit()
    assert _signal(uow, case, noa).value.expires_on == rules.expiry(LAST_YEAR, 12)
    given = LAST_YEAR + dt.timedelta(days=500)
    assert _signal(uow, case, noa, expires_on=given).value.expires_on == given


@pytest.mark.both_backends
def test_a_signal_is_only_about_a_child_of_the_case(uow, case, kids) -> None:
    _noa, sanne = kids
    other = households.create_case(uow, name="Gezin Smit", case_number="2026-0013").value
    their_child = members.add_person(uow, other.id, {"first_name": "Tim", "role": "child"}).value
    message = _("A verwijsindex signal is about a child of this household; choose one.")
    for person in (sanne, their_child):
        with pytest.raises(InvalidInput) as caught:
            _signal(uow, case, person)
        assert caught.value.for_field("person_id") == [message]
    assert vi.signals(uow, case.id) == []


@pytest.mark.both_backends
def test_an_expiry_before_the_signal_is_refused(uow, case, kids) -> None:
    noa, _sanne = kids
    with pytest.raises(InvalidInput) as caught:
        _signal(uow, case, noa, expires_on=LAST_YEAR - dt.timedelta(days=1))
    assert caught.value.for_field("expires_on")
    signal = _signal(uow, case, noa).value
    with pytest.raises(InvalidInput):
        vi.update_signal(uow, signal.id, {"signalled_on": signal.expires_on})
    with pytest.raises(InvalidInput):
        vi.update_signal(uow, signal.id, {"expires_on": None})


@pytest.mark.both_backends
def test_update_changes_the_child_and_the_coordination_and_guards_undo(uow, case, kids) -> None:
    noa, _sanne = kids
    bram = members.add_person(uow, case.id, {"first_name": "Bram", "role": "child"}).value
    signal = _signal(uow, case, noa).value
    changed = vi.update_signal(
        uow,
        signal.id,
        {"person_id": bram.id, "coordinator": "GGD", "coordination_on": TODAY},
        expected=signal,
    ).value
    assert (changed.child_label, changed.coordinator, changed.coordination_on) == (
        "Bram",
        "GGD",
        TODAY,
    )
    # Undo with the values it expects to find; a second undo finds them changed.
    back = {"coordinator": signal.coordinator}
    vi.update_signal(uow, signal.id, back, expected={"coordinator": "GGD"})
    with pytest.raises(ConflictError):
        vi.update_signal(uow, signal.id, back, expected={"coordinator": "GGD"})
    with pytest.raises(ConflictError):
        vi.update_signal(uow, signal.id, {"notes": "x"}, expected=signal)


@pytest.mark.both_backends
def test_extending_runs_the_signal_the_organisations_months_from_today(uow, case, kids) -> None:
    noa, _sanne = kids
    signal = _signal(uow, case, noa, expires_on=TODAY + dt.timedelta(days=30)).value
    assert signal.state == rules.EXPIRING
    extended = vi.extend_signal(uow, signal.id, expected=signal).value
    assert extended.expires_on == rules.expiry(TODAY, 24)
    assert extended.state == rules.ACTIVE
    with pytest.raises(InvalidInput) as caught:
        vi.extend_signal(uow, signal.id)  # two years from today again: nothing gained
    assert caught.value.for_field("expires_on")
    # Undo of extending: the old expiry back, as the screen saw it.
    back = vi.update_signal(
        uow,
        signal.id,
        {"expires_on": signal.expires_on},
        expected={"expires_on": extended.expires_on},
    )
    assert back.value.expires_on == signal.expires_on


@pytest.mark.both_backends
def test_an_expired_or_withdrawn_signal_is_not_extended(uow, case, kids) -> None:
    noa, _sanne = kids
    expired = _signal(uow, case, noa, expires_on=TODAY).value
    with pytest.raises(InvalidInput) as caught:
        vi.extend_signal(uow, expired.id)
    assert "verwijsindex" in caught.value.for_field("expires_on")[0]
    withdrawn = vi.withdraw_signal(uow, expired.id).value
    assert (withdrawn.withdrawn_on, withdrawn.state) == (TODAY, rules.WITHDRAWN)
    with pytest.raises(InvalidInput):
        vi.extend_signal(uow, expired.id)
    with pytest.raises(InvalidInput) as caught:
        vi.withdraw_signal(uow, expired.id)
    assert caught.value.for_field("withdrawn_on")


@pytest.mark.both_backends
def test_withdrawing_on_a_day_before_the_signal_or_in_the_future_is_refused(
    uow, case, kids
) -> None:
    noa, _sanne = kids
    signal = _signal(uow, case, noa).value
    for day in (LAST_YEAR - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)):
        with pytest.raises(InvalidInput) as caught:
            vi.withdraw_signal(uow, signal.id, on=day)
        assert caught.value.for_field("withdrawn_on")
    assert vi.withdraw_signal(uow, signal.id, on=LAST_YEAR).value.withdrawn_on == LAST_YEAR


@pytest.mark.both_backends
def test_matches_belong_to_their_signal_in_order(uow, case, kids) -> None:
    noa, _sanne = kids
    signal = _signal(uow, case, noa).value
    later = vi.add_match(
        uow, signal.id, {"organisation": "GGD", "matched_on": TODAY, "contact": "J. Bakker"}
    )
    assert later.changes.touches("verwijsindex_match")
    first = vi.add_match(
        uow, signal.id, {"organisation": "Leerplicht", "matched_on": LAST_YEAR}
    ).value
    shown = vi.get_signal(uow, signal.id)
    assert [m.organisation for m in shown.matches] == ["Leerplicht", "GGD"]
    assert shown.matches[1] == later.value
    with pytest.raises(InvalidInput) as caught:
        vi.add_match(
            uow, signal.id, {"organisation": "Politie", "matched_on": LAST_YEAR - dt.timedelta(1)}
        )
    assert caught.value.for_field("matched_on")
    changed = vi.update_match(uow, first.id, {"contact": "M. de Vries"}, expected=first).value
    assert changed.contact == "M. de Vries"
    with pytest.raises(ConflictError):
        vi.update_match(uow, first.id, {"contact": "x"}, expected=first)


@pytest.mark.both_backends
def test_undo_of_removing_a_signal_brings_back_its_matches(uow, case, kids) -> None:
    noa, _sanne = kids
    signal = _signal(uow, case, noa).value
    match = vi.add_match(uow, signal.id, {"organisation": "GGD", "matched_on": TODAY}).value
    signal = vi.get_signal(uow, signal.id)
    taken = vi.remove_signal(uow, signal.id, expected=signal)
    assert taken.changes.touches("verwijsindex_signal", "verwijsindex_match")
    assert vi.signals(uow, case.id) == []
    assert vi.restore_signal(uow, taken.value).value == signal
    removed = vi.remove_match(uow, match.id, expected=match).value
    assert vi.get_signal(uow, signal.id).matches == ()
    assert vi.restore_match(uow, removed).value == match


@pytest.mark.both_backends
def test_removing_what_a_colleague_changed_since_is_refused(uow, case, kids) -> None:
    noa, _sanne = kids
    signal = _signal(uow, case, noa).value
    vi.update_signal(uow, signal.id, {"notes": "Gesprek met leerplicht"})
    with pytest.raises(ConflictError):
        vi.remove_signal(uow, signal.id, expected=signal)
    assert len(vi.signals(uow, case.id)) == 1


@pytest.mark.both_backends
def test_a_closed_case_changes_no_signal(uow, case, kids) -> None:
    noa, _sanne = kids
    signal = _signal(uow, case, noa).value
    households.close_case(uow, case.id, "Hulp afgerond")
    with pytest.raises(CaseClosed):
        _signal(uow, case, noa)
    with pytest.raises(CaseClosed):
        vi.withdraw_signal(uow, signal.id)
    with pytest.raises(CaseClosed):
        vi.add_match(uow, signal.id, {"organisation": "GGD", "matched_on": TODAY})


# ---- reminders ----------------------------------------------------------------------------------


@pytest.mark.both_backends
def test_reminders_name_signals_expiring_within_60_days_or_expired(uow, case, kids) -> None:
    noa, _sanne = kids
    soon = _signal(uow, case, noa, expires_on=TODAY + dt.timedelta(days=60)).value
    _signal(uow, case, noa, expires_on=TODAY + dt.timedelta(days=61))  # not yet
    gone = _signal(uow, case, noa, expires_on=TODAY - dt.timedelta(days=3)).value
    withdrawn = _signal(uow, case, noa, expires_on=TODAY - dt.timedelta(days=9)).value
    vi.withdraw_signal(uow, withdrawn.id)

    found = vi.verwijsindex_reminders(uow)
    assert [(r.signal_id, r.expired) for r in found] == [(gone.id, True), (soon.id, False)]
    first = found[0]
    assert (first.household_id, first.case_number, first.case_name, first.child_label) == (
        case.id,
        "2026-0012",
        "Gezin Jansen",
        "Noa Jansen",
    )
    assert first.expires_on == gone.expires_on
    # Seen from a later day, the one that was not yet due is due too.
    later = vi.verwijsindex_reminders(uow, today=TODAY + dt.timedelta(days=1))
    assert len(later) == 3


@pytest.mark.both_backends
def test_reminders_of_one_case_and_never_of_a_closed_one(uow, case, kids) -> None:
    noa, _sanne = kids
    _signal(uow, case, noa, expires_on=TODAY + dt.timedelta(days=5))
    other = households.create_case(uow, name="Gezin Smit", case_number="2026-0013").value
    tim = members.add_person(uow, other.id, {"first_name": "Tim", "role": "child"}).value
    _signal(uow, other, tim, expires_on=TODAY + dt.timedelta(days=5))
    assert {r.case_number for r in vi.verwijsindex_reminders(uow)} == {"2026-0012", "2026-0013"}
    assert [r.case_number for r in vi.verwijsindex_reminders(uow, case_id=other.id)] == [
        "2026-0013"
    ]
    households.close_case(uow, other.id, "Verhuisd")
    assert [r.case_number for r in vi.verwijsindex_reminders(uow)] == ["2026-0012"]
