"""The journal's pure rules: what an entry may hold, the editing period and its author, the
reason shown for a read-only entry, and the timeline's filter."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from jeugdtool.dossier import journal_rules as rules
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import JournalFilter
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.dto import LinkChoice
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _

TODAY = dt.date(2026, 3, 10)
WRITTEN = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch):
    """The consultant's computer in the Netherlands (days end at local midnight)."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _entry(**fields) -> JournalEntryDTO:
    base = dict(
        id=1,
        household_id=1,
        occurred_on=dt.date(2026, 3, 2),
        occurred_at=None,
        kind="home_visit",
        author_id=7,
        author="A. de Boer",
        participants=("Sanne Jansen",),
        note="Huisbezoek bij Aïcha thuis",
        working_note=False,
        corrects_id=None,
        corrected_by=(),
        links=(JournalLinkDTO("map_item", "abc", "Ruzie waar Noa bij is"),),
        recorded_at=WRITTEN,
        editable=True,
        editable_until=dt.date(2026, 3, 9),
        version=1,
    )
    return JournalEntryDTO(**{**base, **fields})


def _fields(caught: pytest.ExceptionInfo[InvalidInput]) -> set[str]:
    return {p.field for p in caught.value.problems}


# ---- clean_entry --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("14:30", dt.time(14, 30)),
        ("9.05", dt.time(9, 5)),
        (" 0:00 ", dt.time(0, 0)),
        ("", None),
        (None, None),
        (dt.time(8, 15, 42), dt.time(8, 15)),
    ],
)
def test_a_time_of_day_is_read_as_typed(typed, kept) -> None:
    assert rules.clean_entry({"occurred_at": typed}, new=False) == {"occurred_at": kept}


@pytest.mark.parametrize("typed", ["24:00", "12:60", "half drie", "1430", 14])
def test_a_wrong_time_is_refused_with_an_example(typed) -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.clean_entry({"occurred_at": typed}, new=False)
    (message,) = caught.value.for_field("occurred_at")
    assert "14:30" in message


def test_a_new_entry_lists_every_missing_field_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.clean_entry({"note": "   "}, new=True, today=TODAY)
    assert _fields(caught) == {"occurred_on", "kind", "note"}


def test_a_complete_entry_is_cleaned() -> None:
    link = JournalLinkDTO("statement", " abc ", "  Gevaar:\n ruzie  ")
    clean = rules.clean_entry(
        {
            "occurred_on": "02-03-2026",
            "kind": "phone_call",
            "note": "Gebeld met school.",
            "participants": ["Juf\nEls", "juf els", "Meester Łukasz", "lukasz"],
            "links": [link, JournalLinkDTO("statement", "abc", "dubbel")],
            "working_note": True,
            "corrects_id": 12,
        },
        new=True,
        today=TODAY,
    )
    assert clean["occurred_on"] == dt.date(2026, 3, 2) and clean["kind"] == "phone_call"
    assert clean["participants"] == ("Juf Els", "Meester Łukasz", "lukasz")
    assert clean["links"] == (JournalLinkDTO("statement", "abc", "Gevaar: ruzie"),)
    assert clean["working_note"] is True and clean["corrects_id"] == 12


def test_the_date_may_be_today_but_not_later() -> None:
    assert rules.clean_entry({"occurred_on": TODAY}, new=False, today=TODAY)
    with pytest.raises(InvalidInput) as caught:
        rules.clean_entry({"occurred_on": TODAY + dt.timedelta(days=1)}, new=False, today=TODAY)
    assert "11-03-2026" in caught.value.for_field("occurred_on")[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "visit"),
        ("participants", "Sanne"),
        ("participants", ["x" * 201]),
        ("participants", [f"Persoon {n}" for n in range(41)]),
        ("participants", [3]),
        ("links", ["map_item:abc"]),
        ("links", [JournalLinkDTO("nonsense", "a", "")]),
        ("links", [JournalLinkDTO("map_item", " ", "")]),
        ("links", [JournalLinkDTO("map_item", "k" * 81, "")]),
        ("links", [JournalLinkDTO("help_item", str(n), "") for n in range(41)]),
        ("working_note", "ja"),
        ("note", "x" * (rules.MAX_NOTE + 1)),
        ("corrects_id", 0),
        ("corrects_id", True),
    ],
)
def test_each_wrong_value_is_refused_for_its_field(field, value) -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.clean_entry({field: value}, new=True, today=TODAY)
    assert field in _fields(caught)


def test_a_picked_choice_is_kept_as_the_link_it_offers() -> None:
    choice = LinkChoice("agreement", "abc", "Oma haalt Noa op", "Afspraken")
    clean = rules.clean_entry({"links": [choice]}, new=False)
    assert clean["links"] == (JournalLinkDTO("agreement", "abc", "Oma haalt Noa op"),)


def test_only_a_new_entry_says_what_it_corrects() -> None:
    with pytest.raises(KeyError):
        rules.clean_entry({"corrects_id": 3}, new=False)


# ---- the editing period -------------------------------------------------------------------------


def test_the_period_ends_on_the_last_day_inclusive() -> None:
    until = rules.editable_until(WRITTEN, 7)
    assert until == dt.date(2026, 3, 9)
    assert rules.is_editable(7, WRITTEN, 7, until, 7)
    assert not rules.is_editable(7, WRITTEN, 7, until + dt.timedelta(days=1), 7)
    assert rules.editable_until(WRITTEN, 0) == dt.date(2026, 3, 2)
    assert rules.editable_until(WRITTEN, -3) == dt.date(2026, 3, 2)


def test_the_day_of_writing_is_the_consultants_local_day(amsterdam) -> None:
    late_evening = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # 00:30 on 2 March there
    assert rules.recorded_day(late_evening) == dt.date(2026, 3, 2)
    assert rules.editable_until(late_evening, 7) == dt.date(2026, 3, 9)


def test_only_the_author_may_edit() -> None:
    assert not rules.is_editable(7, WRITTEN, 8, dt.date(2026, 3, 2), 7)
    assert not rules.is_editable(None, WRITTEN, 8, dt.date(2026, 3, 2), 7)
    assert not rules.is_editable(7, WRITTEN, None, dt.date(2026, 3, 2), 7)
    assert rules.is_editable(None, WRITTEN, None, dt.date(2026, 3, 2), 7)


def test_the_reason_says_why_and_to_add_a_correction() -> None:
    assert rules.why_read_only(7, WRITTEN, 7, TODAY - dt.timedelta(days=1), 7) == ""
    late = rules.why_read_only(7, WRITTEN, 7, TODAY, 7)
    assert late == _(
        "This entry could be changed until {date}; it is part of the file now. "
        "Add a correction instead: a new entry that refers to this one."
    ).format(date="09-03-2026")
    theirs = rules.why_read_only(7, WRITTEN, 8, dt.date(2026, 3, 2), 7)
    assert theirs == _(
        "This entry was written by someone else, and only its author can change it. "
        "Add a correction instead: a new entry that refers to this one."
    )
    with pytest.raises(rules.EntryReadOnly) as caught:
        rules.check_editable(7, WRITTEN, 8, dt.date(2026, 3, 2), 7)
    assert str(caught.value) == theirs
    rules.check_editable(7, WRITTEN, 7, dt.date(2026, 3, 2), 7)  # no error


def test_a_listed_entry_gives_the_same_reason_from_its_last_editable_day() -> None:
    # The dialog reads the reason off the DTO: the same words, whatever the setting now is.
    entry = _entry(author_id=7, recorded_at=WRITTEN, editable_until=dt.date(2026, 3, 9))
    assert rules.entry_read_only_reason(entry, 7, dt.date(2026, 3, 9)) == ""
    assert rules.entry_read_only_reason(entry, 7, TODAY) == rules.why_read_only(
        7, WRITTEN, 7, TODAY, 7
    )
    assert rules.entry_read_only_reason(entry, 8, dt.date(2026, 3, 2)) == rules.why_read_only(
        7, WRITTEN, 8, dt.date(2026, 3, 2), 7
    )


# ---- the timeline's filter ----------------------------------------------------------------------


def test_no_filter_and_an_empty_filter_show_everything() -> None:
    assert rules.matches(_entry(), None)
    assert rules.matches(_entry(working_note=True), JournalFilter())


def test_kinds_and_period() -> None:
    entry = _entry()
    assert rules.matches(entry, JournalFilter(kinds=frozenset({"home_visit", "email"})))
    assert not rules.matches(entry, JournalFilter(kinds=frozenset({"email"})))
    day = entry.occurred_on
    assert rules.matches(entry, JournalFilter(start=day, end=day))
    assert not rules.matches(entry, JournalFilter(start=day + dt.timedelta(days=1)))
    assert not rules.matches(entry, JournalFilter(end=day - dt.timedelta(days=1)))


def test_working_notes_can_be_left_out() -> None:
    flt = JournalFilter(include_working_notes=False)
    assert rules.matches(_entry(), flt)
    assert not rules.matches(_entry(working_note=True), flt)


def test_about_a_target_with_a_colon_in_its_key() -> None:
    zrm = JournalLinkDTO("zrm_domain", "12:financien", "ZRM Financiën (Sanne)")
    entry = _entry(links=(zrm,))
    assert rules.matches(entry, JournalFilter(about="zrm_domain:12:financien"))
    assert not rules.matches(entry, JournalFilter(about="zrm_domain:12"))
    assert not rules.matches(entry, JournalFilter(about="map_item:12:financien"))
    assert rules.split_about("meldcode_step:3:2") == ("meldcode_step", "3:2")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("aicha", True),  # the note, accents aside
        ("AÏCHA THUIS", True),
        ("sanne", True),  # a participant
        ("de boer", True),  # the author
        ("ruzie noa", True),  # a link's label
        ("aicha school", False),  # every word must be found
        ("financien", False),
    ],
)
def test_text_search_is_folded_and_needs_every_word(text, found) -> None:
    assert rules.matches(_entry(), JournalFilter(text=text)) is found
