"""The case journal as consultants use it: writing entries, the editing period and its author,
corrections, undo of adding, other people's working notes, filters and search, what an entry
can be about, with whom, and the overview's latest contacts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.dossier import journal as j
from jeugdtool.dossier import journal_rules as rules
from jeugdtool.dossier.dto import JournalFilter
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import Kindcheck
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NotFound
from jeugdtool.framework import moments
from jeugdtool.framework import plans
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.outcomes import help as h
from jeugdtool.store import org_settings
from jeugdtool.store.audit import AuditEntry
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm import assessments as za

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()
VISIT_DAY = TODAY - dt.timedelta(days=2)
#: The first day past the default period of 7 days (counted from today, the day of writing).
TOO_LATE = TODAY + dt.timedelta(days=8)


@pytest.fixture
def desk(db, case):
    """Two consultants working in the same file, and the Jansen family with its network."""
    anne = consultants.add_consultant(UnitOfWork(db, ""), "A. de Boer").value
    bram = consultants.add_consultant(UnitOfWork(db, ""), "B. Smit").value
    me = UnitOfWork(db, anne.name, anne.id)
    other = UnitOfWork(db, bram.name, bram.id)

    def person(first: str, role: str):
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(me, case.id, fields).value

    noa, sanne = person("Noa", "child"), person("Sanne", "parent")
    members.add_network_member(
        me, case.id, {"name": "Els Bakker", "relation": "juf van Noa", "kind": "school"}
    )
    members.add_network_member(me, case.id, {"name": "Oma Joke", "kind": "family"})
    names = ["case", "me", "other", "noa", "sanne"]
    return dataclasses.make_dataclass("Desk", names)(case, me, other, noa, sanne)


def _visit(uow: UnitOfWork, case_id: int, **fields):
    base = {
        "occurred_on": VISIT_DAY,
        "occurred_at": "14:30",
        "kind": JournalKind.HOME_VISIT,
        "participants": ["Sanne Jansen", "Noa Jansen"],
        "note": "Huisbezoek: Sanne vertelt over de ruzies met haar ex.",
    }
    return j.add_entry(uow, case_id, {**base, **fields}).value


# ---- writing ----------------------------------------------------------------------------------


def test_a_home_visit_is_written_with_its_author_period_and_audit(desk) -> None:
    done = j.add_entry(
        desk.me,
        desk.case.id,
        {
            "occurred_on": VISIT_DAY,
            "occurred_at": "9.05",
            "kind": "home_visit",
            "participants": ["Sanne Jansen", " sanne  jansen ", "Noa Jansen", ""],
            "note": "  Huisbezoek, Noa was thuis.  ",
        },
    )
    entry = done.value
    assert done.changes.touches("journal_entry") and done.changes.touches_case(desk.case.id)
    assert (entry.occurred_on, entry.occurred_at) == (VISIT_DAY, dt.time(9, 5))
    assert entry.kind == "home_visit" and entry.note == "Huisbezoek, Noa was thuis."
    assert entry.participants == ("Sanne Jansen", "Noa Jansen")  # each once
    assert (entry.author, entry.author_id) == ("A. de Boer", desk.me.person_id)
    assert entry.editable and entry.editable_until == TODAY + dt.timedelta(days=7)
    assert not entry.working_note and entry.corrects_id is None and entry.corrected_by == ()
    assert j.journal(desk.me, desk.case.id) == [entry]
    assert j.get_entry(desk.me, entry.id) == entry
    with desk.me:
        audited = desk.me.session.scalars(
            select(AuditEntry.entity).where(AuditEntry.case_id == desk.case.id)
        ).all()
    assert "journal_entry" in audited


def test_a_new_entry_needs_a_date_kind_and_note_and_nothing_is_saved(desk) -> None:
    with pytest.raises(InvalidInput) as caught:
        j.add_entry(desk.me, desk.case.id, {"occurred_at": "25:00"})
    fields = {p.field for p in caught.value.problems}
    assert fields == {"occurred_on", "kind", "note", "occurred_at"}
    assert j.journal(desk.me, desk.case.id) == []


def test_a_contact_in_the_future_is_refused(desk) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as caught:
        _visit(desk.me, desk.case.id, occurred_on=tomorrow)
    assert caught.value.for_field("occurred_on")


def test_an_entry_can_link_to_what_it_is_about_and_keeps_the_label(desk) -> None:
    moment = moments.start_moment(desk.me, desk.case.id, author="A. de Boer").value
    item = moments.add_item(desk.me, moment.id, Cell.DANGER, {"text": "Ruzie waar Noa bij is"})
    link = JournalLinkDTO(LinkKind.MAP_ITEM.value, item.value.lineage, "Ruzie waar Noa bij is")
    entry = _visit(desk.me, desk.case.id, links=[link, link])
    assert entry.links == (link,)
    # Links name something of this case: a made-up key is refused, naming its kind (never its
    # label: that quotes a family's map, and messages carry no personal data).
    stranger = JournalLinkDTO("map_item", "0" * 32, "Iets van een ander gezin")
    with pytest.raises(InvalidInput) as caught:
        _visit(desk.me, desk.case.id, links=[stranger])
    (message,) = caught.value.for_field("links")
    assert LinkKind.MAP_ITEM.label in message and "ander gezin" not in message
    with pytest.raises(InvalidInput):
        _visit(desk.me, desk.case.id, links=[JournalLinkDTO("nonsense", "1", "x")])


def test_a_closed_case_takes_no_new_entries_but_its_journal_is_read(desk) -> None:
    entry = _visit(desk.me, desk.case.id)
    households.close_case(desk.me, desk.case.id, "Doelen bereikt")
    with pytest.raises(CaseClosed):
        _visit(desk.me, desk.case.id)
    with pytest.raises(CaseClosed):
        j.update_entry(desk.me, entry.id, {"note": "Aanvulling"})
    with pytest.raises(CaseClosed):
        j.correct_entry(desk.me, entry.id, {"note": "Correctie"})
    assert [e.id for e in j.journal(desk.me, desk.case.id)] == [entry.id]


# ---- the editing period -------------------------------------------------------------------------


def test_the_author_edits_within_the_period_and_the_links_follow(desk) -> None:
    entry = _visit(desk.me, desk.case.id)
    scores = scale.add_score(desk.me, desk.case.id, {"score": 4, "reason": "Nog veel ruzie"})
    link = JournalLinkDTO("scale_score", str(scores.value.id), "Schaalscore 4")
    done = j.update_entry(
        desk.me,
        entry.id,
        {"note": "Huisbezoek, ook over school.", "links": [link], "occurred_at": None},
        today=TODAY + dt.timedelta(days=7),  # the last day of the period
    )
    changed = done.value
    assert changed.note == "Huisbezoek, ook over school." and changed.links == (link,)
    assert changed.occurred_at is None and changed.version > entry.version
    emptied = j.update_entry(desk.me, entry.id, {"links": []}).value
    assert emptied.links == ()


def test_past_the_period_an_entry_is_read_only_and_says_to_add_a_correction(desk) -> None:
    entry = _visit(desk.me, desk.case.id)
    shown = j.get_entry(desk.me, entry.id, today=TOO_LATE)
    assert not shown.editable
    with pytest.raises(rules.EntryReadOnly) as caught:
        j.update_entry(desk.me, entry.id, {"note": "Toch anders"}, today=TOO_LATE)
    until = (TODAY + dt.timedelta(days=7)).strftime("%d-%m-%Y")
    expected = _(
        "This entry could be changed until {date}; it is part of the file now. "
        "Add a correction instead: a new entry that refers to this one."
    ).format(date=until)
    assert str(caught.value) == expected
    with pytest.raises(rules.EntryReadOnly):
        j.remove_entry(desk.me, entry.id, today=TOO_LATE)
    assert j.get_entry(desk.me, entry.id).note == entry.note


def test_the_period_is_the_organisations_setting(desk) -> None:
    with desk.me:
        org_settings.write(desk.me.session, org_settings.JOURNAL_EDIT_DAYS, "0")
        desk.me.commit()
    entry = _visit(desk.me, desk.case.id)
    assert entry.editable_until == TODAY
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(rules.EntryReadOnly):
        j.update_entry(desk.me, entry.id, {"note": "Te laat"}, today=tomorrow)


def test_another_consultant_cannot_edit_or_remove_an_entry_but_can_correct_it(desk) -> None:
    entry = _visit(desk.me, desk.case.id)
    theirs = j.get_entry(desk.other, entry.id)
    assert not theirs.editable  # within the period, yet not theirs
    for attempt in (
        lambda: j.update_entry(desk.other, entry.id, {"note": "Mijn versie"}),
        lambda: j.remove_entry(desk.other, entry.id),
    ):
        with pytest.raises(rules.EntryReadOnly) as caught:
            attempt()
        assert str(caught.value) == _(
            "This entry was written by someone else, and only its author can change it. "
            "Add a correction instead: a new entry that refers to this one."
        )
    fix = j.correct_entry(desk.other, entry.id, {"note": "Het was 15:00, niet 14:30."}).value
    assert fix.author == "B. Smit" and fix.corrects_id == entry.id and fix.editable


def test_undo_and_redo_expect_what_they_left(desk) -> None:
    entry = _visit(desk.me, desk.case.id)
    j.update_entry(desk.me, entry.id, {"note": "Eerste aanvulling"})
    # A step that expects the old note finds someone's later change: refused.
    with pytest.raises(ConflictError):
        j.update_entry(desk.me, entry.id, {"note": "Terug"}, expected={"note": entry.note})
    with pytest.raises(ConflictError):
        j.update_entry(desk.me, entry.id, {"note": "Terug"}, expected=entry)
    back = j.update_entry(
        desk.me, entry.id, {"note": entry.note}, expected={"note": "Eerste aanvulling"}
    ).value
    assert back.note == entry.note
    with pytest.raises(ConflictError):
        j.update_entry(desk.me, entry.id, {"links": []}, expected={"links": (object(),)})


# ---- corrections ------------------------------------------------------------------------------


def test_a_correction_refers_to_the_old_entry_and_copies_what_is_not_given(desk) -> None:
    moment = moments.start_moment(desk.me, desk.case.id, author="A. de Boer").value
    item = moments.add_item(desk.me, moment.id, Cell.HARM, {"text": "Blauwe plek"}).value
    link = JournalLinkDTO("map_item", item.lineage, "Blauwe plek")
    entry = _visit(desk.me, desk.case.id, links=[link], occurred_at="10:00")
    fix = j.correct_entry(
        desk.me, entry.id, {"note": "Correctie: de juf was er ook bij."}, today=TOO_LATE
    ).value
    assert fix.corrects_id == entry.id and fix.id != entry.id
    assert (fix.kind, fix.occurred_on, fix.occurred_at) == ("home_visit", VISIT_DAY, dt.time(10))
    assert fix.participants == entry.participants and fix.links == (link,)
    assert fix.recorded_at >= entry.recorded_at
    old = j.get_entry(desk.me, entry.id, today=TOO_LATE)
    assert old.corrected_by == (fix.id,) and old.note == entry.note  # the record stays
    given = j.correct_entry(
        desk.me, entry.id, {"note": "Het was een telefoongesprek.", "kind": "phone_call"}
    ).value
    assert given.kind == "phone_call" and given.links == (link,)
    assert j.get_entry(desk.me, entry.id).corrected_by == (fix.id, given.id)


def test_a_correction_keeps_links_whose_target_is_gone(desk) -> None:
    moment = moments.start_moment(desk.me, desk.case.id, author="A. de Boer").value
    item = moments.add_item(desk.me, moment.id, Cell.HARM, {"text": "Blauwe plek"}).value
    link = JournalLinkDTO("map_item", item.lineage, "Blauwe plek")
    entry = _visit(desk.me, desk.case.id, links=[link])
    moments.remove_item(desk.me, item.id)
    fix = j.correct_entry(desk.me, entry.id, {"note": "Correctie"}).value
    assert fix.links == (link,)
    # A new link must still name something of the case.
    with pytest.raises(InvalidInput):
        j.correct_entry(
            desk.me,
            entry.id,
            {"note": "Correctie", "links": [JournalLinkDTO("help_item", "999", "?")]},
        )


def test_an_entry_whose_linked_item_went_keeps_the_link_when_edited(desk) -> None:
    moment = moments.start_moment(desk.me, desk.case.id, author="A. de Boer").value
    item = moments.add_item(desk.me, moment.id, Cell.HARM, {"text": "Blauwe plek"}).value
    link = JournalLinkDTO("map_item", item.lineage, "Blauwe plek")
    entry = _visit(desk.me, desk.case.id, links=[link])
    moments.remove_item(desk.me, item.id)
    changed = j.update_entry(desk.me, entry.id, {"note": "Aangevuld", "links": [link]}).value
    assert changed.links == (link,) and changed.note == "Aangevuld"
    assert [e.id for e in j.entries_about(desk.me, desk.case.id, "map_item", item.lineage)] == [
        entry.id
    ]
    # Taking the link off is fine; putting it back is not: it names nothing of the case now.
    j.update_entry(desk.me, entry.id, {"links": []})
    with pytest.raises(InvalidInput):
        j.update_entry(desk.me, entry.id, {"links": [link]})
    assert j.get_entry(desk.me, entry.id).links == ()


def test_an_entry_about_a_removed_member_keeps_the_zrm_link(desk) -> None:
    link = JournalLinkDTO("zrm_domain", f"{desk.sanne.id}:financien", "ZRM Financiën (Sanne)")
    entry = _visit(desk.me, desk.case.id, links=[link])
    members.remove_person(desk.me, desk.sanne.id)
    assert j.get_entry(desk.me, entry.id).links == (link,)
    fix = j.correct_entry(desk.me, entry.id, {"note": "Correctie"}).value
    assert fix.links == (link,)


def test_a_correction_cannot_point_at_another_case(desk, uow) -> None:
    other_case = households.create_case(uow, name="Gezin Pietersen", case_number="2026-0099").value
    entry = _visit(desk.me, other_case.id)
    with pytest.raises(NotFound):
        _visit(desk.me, desk.case.id, corrects_id=entry.id)
    with pytest.raises(KeyError):
        j.update_entry(desk.me, entry.id, {"corrects_id": None})


# ---- undo of adding -----------------------------------------------------------------------------


def test_removing_is_the_undo_of_adding_and_restore_puts_it_back_whole(desk) -> None:
    moment = moments.start_moment(desk.me, desk.case.id, author="A. de Boer").value
    item = moments.add_item(desk.me, moment.id, Cell.HARM, {"text": "Blauwe plek"}).value
    entry = _visit(desk.me, desk.case.id, links=[JournalLinkDTO("map_item", item.lineage, "B")])
    taken = j.remove_entry(desk.me, entry.id, expected=entry)
    assert taken.changes.touches("journal_entry")
    assert j.journal(desk.me, desk.case.id) == []
    back = j.restore_entry(desk.me, taken.value).value
    assert back == entry  # same id, links, author and editing period
    assert j.journal(desk.me, desk.case.id) == [entry]


def test_a_corrected_entry_stays_even_within_its_period(desk) -> None:
    entry = _visit(desk.me, desk.case.id)
    # A colleague corrects it (their own working note: the author cannot even see it).
    j.correct_entry(desk.other, entry.id, {"note": "Eigen correctie", "working_note": True})
    with pytest.raises(rules.EntryReadOnly) as refused:
        j.remove_entry(desk.me, entry.id)
    assert str(refused.value) == _(
        "A later entry corrects this one, so it stays in the file. To change what it "
        "says, add another correction."
    )
    assert j.get_entry(desk.me, entry.id).id == entry.id
    # Undo in the right order still works: the correction first, then the entry.
    mine = _visit(desk.me, desk.case.id, note="Nog een bezoek")
    fix = j.correct_entry(desk.me, mine.id, {"note": "Correctie"}).value
    j.remove_entry(desk.me, fix.id)
    j.remove_entry(desk.me, mine.id)
    assert [e.id for e in j.journal(desk.me, desk.case.id)] == [entry.id]


def test_removing_what_someone_changed_since_is_refused(desk) -> None:
    entry = _visit(desk.me, desk.case.id)
    j.update_entry(desk.me, entry.id, {"note": "Later aangevuld"})
    with pytest.raises(ConflictError):
        j.remove_entry(desk.me, entry.id, expected=entry)
    assert j.get_entry(desk.me, entry.id).note == "Later aangevuld"


def test_restoring_into_a_closed_case_is_refused(desk) -> None:
    entry = _visit(desk.me, desk.case.id)
    taken = j.remove_entry(desk.me, entry.id).value
    households.close_case(desk.me, desk.case.id, "Doelen bereikt")
    with pytest.raises(CaseClosed):
        j.restore_entry(desk.me, taken)


def test_a_kindchecks_entry_goes_with_its_kindcheck(desk) -> None:
    entry = _visit(desk.me, desk.case.id, kind="kindcheck", note="Kindcheck: kinderen veilig.")
    with desk.me:
        desk.me.session.add(
            Kindcheck(
                household_id=desk.case.id,
                person_id=desk.sanne.id,
                adult_label="Sanne Jansen",
                trigger="worry:abc",
                asked_on=TODAY,
                asked_by="A. de Boer",
                children_depend="yes",
                safety_assessed="yes",
                journal_entry_id=entry.id,
            )
        )
        desk.me.commit()
    with pytest.raises(rules.EntryReadOnly):
        j.remove_entry(desk.me, entry.id)
    assert j.get_entry(desk.me, entry.id).id == entry.id


# ---- working notes ----------------------------------------------------------------------------


def test_another_persons_working_note_is_never_listed_found_or_corrected(desk) -> None:
    public = _visit(desk.me, desk.case.id)
    note = _visit(desk.me, desk.case.id, working_note=True, note="Mijn twijfel over Sanne")
    fix = j.correct_entry(desk.me, note.id, {"note": "Twijfel weg"}).value
    assert fix.working_note  # a correction of a working note stays one unless said
    assert {e.id for e in j.journal(desk.me, desk.case.id)} == {public.id, note.id, fix.id}
    assert [e.id for e in j.journal(desk.other, desk.case.id)] == [public.id]
    assert j.get_entry(desk.me, note.id).corrected_by == (fix.id,)
    with pytest.raises(NotFound):
        j.get_entry(desk.other, note.id)
    with pytest.raises(NotFound):
        j.correct_entry(desk.other, note.id, {"note": "Hij zag het anders"})
    with pytest.raises(NotFound):
        j.update_entry(desk.other, note.id, {"note": "?"})
    searched = j.journal(desk.other, desk.case.id, JournalFilter(text="twijfel"))
    assert searched == []
    assert j.latest_contacts(desk.other, desk.case.id) == [j.get_entry(desk.other, public.id)]


def test_a_public_entrys_correction_by_someone_else_shows_only_if_readable(desk) -> None:
    entry = _visit(desk.me, desk.case.id)
    private_fix = j.correct_entry(
        desk.other, entry.id, {"note": "Eigen kanttekening", "working_note": True}
    ).value
    assert j.get_entry(desk.me, entry.id).corrected_by == ()
    assert j.get_entry(desk.other, entry.id).corrected_by == (private_fix.id,)


# ---- the timeline: order, filters, search -------------------------------------------------------


def test_the_journal_is_newest_first_by_day_and_time(desk) -> None:
    early = _visit(desk.me, desk.case.id, occurred_at="09:00")
    no_time = _visit(desk.me, desk.case.id, occurred_at=None)
    late = _visit(desk.me, desk.case.id, occurred_at="16:00")
    older = _visit(desk.me, desk.case.id, occurred_on=VISIT_DAY - dt.timedelta(days=1))
    newer = _visit(desk.me, desk.case.id, occurred_on=TODAY, occurred_at=None)
    ids = [e.id for e in j.journal(desk.me, desk.case.id)]
    assert ids == [newer.id, late.id, early.id, no_time.id, older.id]


def test_filters_by_kind_period_working_notes_and_about(desk) -> None:
    moment = moments.start_moment(desk.me, desk.case.id, author="A. de Boer").value
    item = moments.add_item(desk.me, moment.id, Cell.DANGER, {"text": "Ruzie"}).value
    about = JournalLinkDTO("map_item", item.lineage, "Ruzie")
    visit = _visit(desk.me, desk.case.id, links=[about])
    call = _visit(
        desk.me, desk.case.id, kind="phone_call", occurred_on=VISIT_DAY - dt.timedelta(days=10)
    )
    note = _visit(desk.me, desk.case.id, kind="other", working_note=True, occurred_on=TODAY)

    def ids(**kw) -> list[int]:
        return [e.id for e in j.journal(desk.me, desk.case.id, JournalFilter(**kw))]

    assert ids(kinds=frozenset({"phone_call"})) == [call.id]
    assert ids(kinds=frozenset({"phone_call", "home_visit"})) == [visit.id, call.id]
    assert ids(start=VISIT_DAY) == [note.id, visit.id]
    assert ids(end=VISIT_DAY) == [visit.id, call.id]
    assert ids(start=VISIT_DAY, end=VISIT_DAY) == [visit.id]  # both ends count
    assert ids(include_working_notes=False) == [visit.id, call.id]
    assert ids(about=f"map_item:{item.lineage}") == [visit.id]
    assert [e.id for e in j.entries_about(desk.me, desk.case.id, "map_item", item.lineage)] == [
        visit.id
    ]
    assert j.entries_about(desk.me, desk.case.id, "map_item", "elsewhere") == []


def test_search_is_folded_over_note_participants_author_and_link_labels(desk) -> None:
    score = scale.add_score(desk.me, desk.case.id, {"score": 3, "reason": "Zorgen"}).value
    entry = _visit(
        desk.me,
        desk.case.id,
        note="Gesprek met Aïcha over de OVERDRACHT",
        participants=["Sanne Jansen", "Meester Łukasz"],
        links=[JournalLinkDTO("scale_score", str(score.id), "Schaalscore Noa's juf")],
    )
    other = _visit(desk.other, desk.case.id, note="Telefoon met huisarts")

    def found(text: str) -> list[int]:
        return [e.id for e in j.journal(desk.me, desk.case.id, JournalFilter(text=text))]

    assert found("aicha overdracht") == [entry.id]  # every word, accents and case aside
    assert found("lukasz") == [entry.id]  # a participant
    assert found("juf") == [entry.id]  # a link's label
    assert found("smit") == [other.id]  # the author
    assert found("aicha huisarts") == []
    assert set(found("  ")) == {entry.id, other.id}


# ---- link choices ------------------------------------------------------------------------------


def test_link_choices_come_from_every_kind_of_target(desk) -> None:
    case_id = desk.case.id
    assert j.link_choices(desk.me, case_id) == []
    first = moments.start_moment(desk.me, case_id, author="A. de Boer").value
    moments.add_item(desk.me, first.id, Cell.HARM, {"text": "Oude zorg"})
    moment = moments.start_moment(desk.me, case_id, author="A. de Boer").value
    danger_item = moments.add_item(desk.me, moment.id, Cell.DANGER, {"text": "Ruzie"}).value
    strength = moments.add_item(desk.me, moment.id, Cell.STRENGTHS, {"text": "Oma helpt"}).value
    danger = statements.add_statement(
        desk.me,
        moment.id,
        StatementType.DANGER,
        {
            "who_worried": ["school"],
            "behaviour": "Sanne en haar ex ruzie maken waar Noa bij is",
            "children": [desk.noa.id],
            "impact": "Noa bang wordt",
        },
    ).value
    draft = plans.start_draft(desk.me, case_id).value
    agreement = plans.add_agreement(desk.me, draft.id, {"what": "Oma haalt Noa op"}).value
    score = scale.add_score(desk.me, case_id, {"score": 5, "reason": "Iets beter"}).value
    assessment = za.create_assessment(desk.me, desk.sanne.id, assessed_on=VISIT_DAY).value
    za.set_domain(desk.me, assessment.id, "financien", {"level": 2})
    item = h.add_help(
        desk.me,
        case_id,
        {
            "person_id": desk.noa.id,
            "product_list": "ijw-productcategorieen",
            "category": "45",
            "starts_on": VISIT_DAY,
            "decided_by": "municipality",
        },
    ).value
    with desk.me:
        record = MeldcodeRecord(
            household_id=case_id, number=1, started_on=TODAY, started_by="A. de Boer"
        )
        desk.me.session.add(record)
        closed = MeldcodeRecord(
            household_id=case_id,
            number=2,
            status="closed",
            started_on=TODAY,
            started_by="A. de Boer",
        )
        desk.me.session.add(closed)
        desk.me.commit()
        record_id = record.id

    choices = j.link_choices(desk.me, case_id)
    by_key = {(c.kind, c.key): c for c in choices}
    kinds = {c.kind for c in choices}
    assert kinds == {k.value for k in LinkKind}
    # Map items and statements of the newest moment only (the old item was copied, so once).
    map_texts = [c.label for c in choices if c.kind == "map_item"]
    assert map_texts == ["Oude zorg", "Ruzie", "Oma helpt"]  # cells in the method's order
    assert by_key[("map_item", danger_item.lineage)].group == _("Map: {cell}").format(
        cell=Cell.DANGER.label
    )
    assert ("map_item", strength.lineage) in by_key
    statement = by_key[("statement", danger.lineage)]
    assert statement.group == _("Danger statements") and "ruzie" in statement.label
    assert by_key[("agreement", agreement.lineage)].label == "Oma haalt Noa op"
    assert "5" in by_key[("scale_score", str(score.id))].label
    zrm = [c for c in choices if c.kind == "zrm_domain"]
    assert zrm and all(c.key.startswith(f"{desk.sanne.id}:") for c in zrm)
    assert {c.group for c in zrm} == {_("ZRM {person}").format(person="Sanne Jansen")}
    assert f"{desk.sanne.id}:financien" in {c.key for c in zrm}
    steps = [c.key for c in choices if c.kind == "meldcode_step"]
    assert steps == [f"{record_id}:{n}" for n in range(1, 6)]  # the open record only
    assert "Noa Jansen" in by_key[("help_item", str(item.id))].label
    # The groups follow each other: a dialog can show each heading once.
    groups = [c.group for c in choices]
    assert all(groups.index(g) == i or groups[i - 1] == g for i, g in enumerate(groups))
    # Every choice can be linked.
    links = [JournalLinkDTO(c.kind, c.key, c.label) for c in choices]
    entry = _visit(desk.me, case_id, links=links)
    assert len(entry.links) == len(choices)


def test_participant_choices_are_the_household_then_its_network(desk) -> None:
    assert j.participant_choices(desk.me, desk.case.id) == [
        "Noa Jansen",
        "Sanne Jansen",
        "Els Bakker (juf van Noa)",
        "Oma Joke",
    ]


# ---- latest contacts --------------------------------------------------------------------------


def test_latest_contacts_are_the_newest_contacts_without_kindchecks_or_corrections(desk) -> None:
    days = [VISIT_DAY - dt.timedelta(days=n) for n in range(4)]
    visits = [_visit(desk.me, desk.case.id, occurred_on=day) for day in days]
    _visit(desk.me, desk.case.id, occurred_on=TODAY, kind="kindcheck", note="Kindcheck")
    j.correct_entry(desk.me, visits[0].id, {"note": "Correctie", "occurred_on": TODAY})
    latest = j.latest_contacts(desk.me, desk.case.id)
    assert [e.id for e in latest] == [v.id for v in visits[:3]]
    assert [e.id for e in j.latest_contacts(desk.me, desk.case.id, limit=1)] == [visits[0].id]
    assert j.latest_contacts(desk.me, desk.case.id, limit=0) == []


def test_latest_contacts_follow_the_journals_order_within_a_day(desk) -> None:
    # Timed and untimed contacts of one day, and a colleague's working note that I never see.
    morning = _visit(desk.me, desk.case.id, occurred_on=VISIT_DAY, occurred_at="09:00")
    untimed = _visit(desk.me, desk.case.id, occurred_on=VISIT_DAY, occurred_at=None)
    evening = _visit(desk.me, desk.case.id, occurred_on=VISIT_DAY, occurred_at="19:30")
    _visit(desk.other, desk.case.id, occurred_on=TODAY, working_note=True)
    listed = [e.id for e in j.journal(desk.me, desk.case.id)]
    assert listed == [evening.id, morning.id, untimed.id]
    assert [e.id for e in j.latest_contacts(desk.me, desk.case.id)] == listed
    assert j.latest_contacts(desk.me, desk.case.id, limit=2) == j.journal(desk.me, desk.case.id)[:2]


def test_a_file_without_a_chosen_consultant_still_keeps_a_journal(uow, case) -> None:
    """The maintenance `uow` has no staff id: its entries are its own, nobody else's."""
    entry = _visit(uow, case.id)
    assert entry.author_id is None and entry.editable
    assert j.update_entry(uow, entry.id, {"note": "Aangevuld"}).value.note == "Aangevuld"


def test_an_unknown_entry_or_case_says_it_is_gone(desk) -> None:
    with pytest.raises(NotFound):
        j.get_entry(desk.me, 424242)
    with pytest.raises(NotFound):
        j.journal(desk.me, 424242)
    with desk.me:
        assert desk.me.session.scalar(select(JournalEntry.id)) is None
