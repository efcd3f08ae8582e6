"""The kindcheck services: what a case's ZRM and map ask, the answer with its journal entry in one
transaction, a closed case, an answer given twice, and undo (with the journal's editing period)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.dossier import journal
from jeugdtool.dossier import journal_rules
from jeugdtool.dossier import kindcheck as kc
from jeugdtool.dossier import kindcheck_rules as rules
from jeugdtool.dossier.journal_rules import EntryReadOnly
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.dossier.models import Kindcheck
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import IntegrityViolation
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import _
from jeugdtool.store import org_settings
from jeugdtool.zrm import assessments as za
from jeugdtool.zrm.models import ZrmDomainScore

pytestmark = pytest.mark.both_backends

JAN, MAR = dt.date(2026, 1, 12), dt.date(2026, 3, 9)
TODAY = dt.date.today()


@pytest.fixture
def family(uow, case):
    def add(first: str, role: str, born: str | None = None):
        fields = {"first_name": first, "last_name": "Jansen", "role": role, "birth_date": born}
        return members.add_person(uow, case.id, fields).value

    sanne, mark, noa = (
        add("Sanne", "parent"),
        add("Mark", "parent"),
        add("Noa", "child", "2015-02-03"),
    )
    return dataclasses.make_dataclass("Family", ["case", "sanne", "mark", "noa"])(
        case, sanne, mark, noa
    )


def _zrm(uow, person_id: int, day: dt.date, **levels: int) -> int:
    assessment = za.create_assessment(uow, person_id, assessed_on=day).value
    for domain, level in levels.items():
        za.set_domain(uow, assessment.id, domain, {"level": level})
    return assessment.id


def _worry(uow, case_id: int, person_id: int, text: str, cell: Cell = Cell.DANGER):
    latest = moments.latest_moment(uow, case_id)
    if latest is None:
        moment = moments.start_moment(uow, case_id, author="A. de Boer", held_on=MAR).value
    else:
        moment = latest.moment
    fields = {"text": text, "concerns_person_id": person_id}
    return moments.add_item(uow, moment.id, cell, fields).value


def _answer(uow, family, trigger, **given):
    answers = {"children_depend": "yes", "safety_assessed": "no", **given}
    return kc.answer_kindcheck(uow, family.case.id, trigger, **answers)


def _count(uow, model) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def _entry(uow, entry_id: int) -> tuple[JournalEntry, list[JournalLink]]:
    with uow:
        entry = uow.session.get(JournalEntry, entry_id)
        links = list(
            uow.session.scalars(select(JournalLink).where(JournalLink.entry_id == entry_id))
        )
        uow.session.expunge_all()
        return entry, links


# ---- what the case asks -------------------------------------------------------------------------


def test_a_low_zrm_level_and_a_worry_about_an_adult_ask_the_kindcheck(uow, family) -> None:
    assert kc.pending_kindchecks(uow, family.case.id) == []
    _zrm(uow, family.sanne.id, JAN, geestelijke_gezondheid=2, financien=1)
    item = _worry(uow, family.case.id, family.mark.id, "Vader drinkt als hij op de kinderen past")
    _worry(uow, family.case.id, family.noa.id, "Noa slaapt slecht")  # about a child: nothing

    found = kc.pending_kindchecks(uow, family.case.id)
    assert [(t.person_id, t.trigger) for t in found] == [
        (family.sanne.id, f"zrm:{JAN.isoformat()}:geestelijke_gezondheid"),
        (family.mark.id, f"worry:{item.lineage}"),
    ]
    assert found[0].adult_label == "Sanne Jansen"
    assert found[0].reason == _("ZRM {levels}").format(
        levels=_("{domain}: {level}").format(domain="Geestelijke gezondheid", level=2)
    )
    assert found[1].reason == _("Worry: {text}").format(text=item.text)


def test_a_worry_outside_the_worries_column_or_gone_from_the_newest_map_asks_nothing(
    uow, family
) -> None:
    _worry(uow, family.case.id, family.sanne.id, "Moeder kookt elke dag", Cell.STRENGTHS)
    gone = _worry(uow, family.case.id, family.sanne.id, "Moeder is vaak somber")
    assert len(kc.pending_kindchecks(uow, family.case.id)) == 1
    newer = moments.start_moment(uow, family.case.id, author="A. de Boer", held_on=TODAY).value
    copied = next(i for i in moments.get_moment(uow, newer.id).items() if i.lineage == gone.lineage)
    moments.remove_item(uow, copied.id)
    assert kc.pending_kindchecks(uow, family.case.id) == []


def test_worries_ask_cell_by_cell_in_the_methods_order(uow, family) -> None:
    later = _worry(uow, family.case.id, family.mark.id, "Geldzorgen", Cell.COMPLICATING_FACTORS)
    first = _worry(uow, family.case.id, family.mark.id, "Vader sloeg Noa", Cell.HARM)
    found = kc.pending_kindchecks(uow, family.case.id)
    assert [t.trigger for t in found] == [f"worry:{first.lineage}", f"worry:{later.lineage}"]


def test_a_young_persons_zrm_asks_nothing(uow, family) -> None:
    za.create_assessment(uow, family.noa.id, assessed_on=JAN, allow_youth=True)
    # Levels set straight in the table: the screen for young people is another area's.
    with uow:
        uow.session.execute(
            update(ZrmDomainScore).where(ZrmDomainScore.domain == "middelengebruik").values(level=1)
        )
        uow.commit()
    assert kc.pending_kindchecks(uow, family.case.id) == []
    # From her 18th birthday on, her newest assessment asks it.
    grown = kc.pending_kindchecks(uow, family.case.id, today=dt.date(2033, 2, 3))
    assert [t.person_id for t in grown] == [family.noa.id]


# ---- answering ----------------------------------------------------------------------------------


def test_the_answer_is_kept_and_written_in_the_journal_linked_to_the_zrm_domain(
    uow, family
) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=1)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)

    done = _answer(uow, family, trigger, note="  Kinderen slapen bij oma als moeder drinkt. ")
    answer = done.value
    assert done.changes.touches("kindcheck", "journal_entry")
    assert done.changes.touches_case(family.case.id)
    assert (answer.person_id, answer.adult_label, answer.trigger) == (
        family.sanne.id,
        "Sanne Jansen",
        trigger.trigger,
    )
    assert (answer.children_depend, answer.safety_assessed) == ("yes", "no")
    assert answer.note == "Kinderen slapen bij oma als moeder drinkt."
    assert answer.asked_on == dt.date.today() and answer.asked_by == "A. de Boer"

    entry, links = _entry(uow, answer.journal_entry_id)
    assert entry.kind == "kindcheck" and entry.author == "A. de Boer"
    assert entry.occurred_on == answer.asked_on and not entry.working_note
    assert entry.note == rules.kindcheck_note(
        "yes", "no", answer.note, adult="Sanne Jansen", reason=trigger.reason
    )
    assert [(link.target_kind, link.target_key) for link in links] == [
        ("zrm_domain", f"{family.sanne.id}:middelengebruik")
    ]
    assert links[0].target_label == _("ZRM {domain} ({person})").format(
        domain="Middelengebruik", person="Sanne Jansen"
    )
    assert kc.pending_kindchecks(uow, family.case.id) == []
    assert kc.kindchecks(uow, family.case.id) == [answer]


def test_a_worrys_kindcheck_links_its_entry_to_the_map_item(uow, family) -> None:
    item = _worry(uow, family.case.id, family.mark.id, "Vader slaat als hij boos is")
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    answer = _answer(uow, family, trigger, on=MAR, children_depend="unknown").value
    assert answer.asked_on == MAR
    entry, links = _entry(uow, answer.journal_entry_id)
    assert entry.occurred_on == MAR
    assert [(k.target_kind, k.target_key, k.target_label) for k in links] == [
        ("map_item", item.lineage, item.text)
    ]


def test_a_new_assessment_asks_again_while_changing_the_answered_one_does_not(uow, family) -> None:
    first = _zrm(uow, family.sanne.id, JAN, geestelijke_gezondheid=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    _answer(uow, family, trigger)
    # Another low domain of the same assessment: the question about it was answered.
    za.set_domain(uow, first, "huiselijke_relaties", {"level": 1})
    za.set_domain(uow, first, "geestelijke_gezondheid", {"level": 4})
    assert kc.pending_kindchecks(uow, family.case.id) == []
    za.create_assessment(uow, family.sanne.id, assessed_on=MAR)
    assert [t.trigger for t in kc.pending_kindchecks(uow, family.case.id)] == [
        f"zrm:{MAR.isoformat()}:huiselijke_relaties"
    ]


def test_a_missing_answer_writes_nothing(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    with pytest.raises(InvalidInput) as caught:
        _answer(uow, family, trigger, children_depend="", safety_assessed="perhaps")
    assert {p.field for p in caught.value.problems} == {"children_depend", "safety_assessed"}
    assert _count(uow, Kindcheck) == 0 and _count(uow, JournalEntry) == 0


def test_a_future_date_is_refused_with_every_other_problem_at_once(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    with pytest.raises(InvalidInput) as caught:
        _answer(uow, family, trigger, on=TODAY + dt.timedelta(days=1), safety_assessed=None)
    assert {p.field for p in caught.value.problems} == {"on", "safety_assessed"}


def test_a_kindcheck_whose_source_went_meanwhile_is_refused(uow, family) -> None:
    assessment = _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    item = _worry(uow, family.case.id, family.mark.id, "Vader is vaak dronken")
    zrm, worry = kc.pending_kindchecks(uow, family.case.id)
    za.remove_assessment(uow, assessment)
    moments.remove_item(uow, item.id)
    message = _("What raised this kindcheck has been removed meanwhile; refresh the screen.")
    for trigger in (zrm, worry):
        with pytest.raises(InvalidInput) as caught:
            _answer(uow, family, trigger)
        assert caught.value.for_field("trigger") == [message]
    # Nor does another adult's assessment answer for this one.
    _zrm(uow, family.sanne.id, MAR, middelengebruik=2)
    forged = dataclasses.replace(
        zrm, person_id=family.mark.id, trigger=f"zrm:{MAR.isoformat()}:middelengebruik"
    )
    with pytest.raises(InvalidInput):
        _answer(uow, family, forged)
    assert _count(uow, Kindcheck) == 0


def test_answering_twice_is_refused_with_when_and_by_whom(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    _answer(uow, family, trigger, on=MAR)
    with pytest.raises(InvalidInput) as caught:
        _answer(uow, family, trigger)
    message = _(
        "This kindcheck was already answered on {date} by {who}; you can read the answer in the "
        "journal."
    ).format(date="09-03-2026", who="A. de Boer")
    assert caught.value.for_field("trigger") == [message]
    assert _count(uow, Kindcheck) == 1 and _count(uow, JournalEntry) == 1


def test_the_answer_and_its_entry_are_saved_together_or_not_at_all(
    uow, family, monkeypatch
) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    _answer(uow, family, trigger)
    # Two windows answer at once: the second's check saw nothing, the database refuses its row.
    monkeypatch.setattr(kc, "_check_not_answered", lambda *args: None)
    with pytest.raises(IntegrityViolation):
        _answer(uow, family, trigger)
    assert _count(uow, Kindcheck) == 1 and _count(uow, JournalEntry) == 1


def test_only_an_adult_of_this_household_is_asked_about(uow, family, db) -> None:
    other = households.create_case(uow, name="Gezin Smit", case_number="2026-0013").value
    stranger = members.add_person(uow, other.id, {"first_name": "Piet", "role": "parent"}).value
    trigger = kc.KindcheckTrigger(stranger.id, "Piet", "zrm:2026-01-05:middelengebruik", "")
    with pytest.raises(InvalidInput) as caught:
        _answer(uow, family, trigger)
    assert caught.value.for_field("person_id")
    child = kc.KindcheckTrigger(family.noa.id, "Noa", "worry:" + "a" * 32, "")
    with pytest.raises(InvalidInput) as caught:
        _answer(uow, family, child)
    assert caught.value.for_field("person_id") == [
        _("The kindcheck is asked about an adult, and this person is a child.")
    ]
    assert _count(uow, Kindcheck) == 0 and _count(uow, JournalEntry) == 0


def test_a_closed_case_is_not_answered(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    households.close_case(uow, family.case.id, "Hulp afgerond")
    with pytest.raises(CaseClosed):
        _answer(uow, family, trigger)


# ---- undo ---------------------------------------------------------------------------------------


def test_undo_takes_the_answer_and_its_entry_away_and_redo_puts_both_back(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    answer = _answer(uow, family, trigger).value

    taken = kc.remove_kindcheck(uow, answer.id, expected=answer)
    assert taken.changes.touches("kindcheck", "journal_entry")
    assert _count(uow, Kindcheck) == 0 and _count(uow, JournalEntry) == 0
    assert _count(uow, JournalLink) == 0
    assert kc.pending_kindchecks(uow, family.case.id) == [trigger]

    back = kc.restore_kindcheck(uow, taken.value).value
    assert back == answer  # the same id, entry id and version
    entry, links = _entry(uow, back.journal_entry_id)
    assert entry.kind == "kindcheck" and len(links) == 1
    assert kc.pending_kindchecks(uow, family.case.id) == []


def test_undo_refuses_what_a_colleague_changed_since(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    answer = _answer(uow, family, trigger).value
    with uow:
        row = uow.session.get(Kindcheck, answer.id)
        row.note = "Aangevuld door een collega"
        uow.commit()
    with pytest.raises(ConflictError):
        kc.remove_kindcheck(uow, answer.id, expected=answer)
    assert _count(uow, Kindcheck) == 1


def test_undo_refuses_when_its_journal_entry_was_edited_since(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    answer = _answer(uow, family, trigger).value
    seen = journal.get_entry(uow, answer.journal_entry_id)
    journal.update_entry(uow, seen.id, {"note": "Aangevuld in een ander venster"}, expected=seen)
    with pytest.raises(ConflictError):
        kc.remove_kindcheck(uow, answer.id, expected=answer, entry_seen=seen)
    assert _count(uow, Kindcheck) == 1 and _count(uow, JournalEntry) == 1
    # As last seen, it goes.
    now = journal.get_entry(uow, seen.id)
    kc.remove_kindcheck(uow, answer.id, expected=answer, entry_seen=now)
    assert _count(uow, Kindcheck) == 0 and _count(uow, JournalEntry) == 0


def test_redo_of_an_answer_given_again_meanwhile_is_refused(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    taken = kc.remove_kindcheck(uow, _answer(uow, family, trigger).value.id).value
    _answer(uow, family, trigger, children_depend="no")
    with pytest.raises(ConflictError):
        kc.restore_kindcheck(uow, taken)
    assert _count(uow, Kindcheck) == 1 and _count(uow, JournalEntry) == 1


def test_an_answer_past_the_journals_editing_period_stays_in_the_file(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    answer = _answer(uow, family, trigger).value
    with uow:
        org_settings.write(uow.session, org_settings.JOURNAL_EDIT_DAYS, "3")
        long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=5)
        uow.session.execute(update(JournalEntry).values(recorded_at=long_ago))
        uow.commit()
    with pytest.raises(EntryReadOnly) as caught:
        kc.remove_kindcheck(uow, answer.id)
    # The journal's own words: the entry could be changed until then, add a correction.
    assert str(caught.value) == journal_rules.why_read_only(None, long_ago, None, TODAY, 3)
    assert str(caught.value) != journal_rules.why_read_only(None, long_ago, None, TODAY, 5)
    assert _count(uow, Kindcheck) == 1 and _count(uow, JournalEntry) == 1


def test_an_answer_whose_entry_was_removed_can_still_be_undone(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    answer = _answer(uow, family, trigger).value
    with uow:
        uow.session.delete(uow.session.get(JournalEntry, answer.journal_entry_id))
        uow.commit()
    taken = kc.remove_kindcheck(uow, answer.id).value
    assert _count(uow, Kindcheck) == 0
    assert kc.restore_kindcheck(uow, taken).value.journal_entry_id is None


def test_an_answer_whose_entry_was_corrected_stays_in_the_file(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    answer = _answer(uow, family, trigger).value
    journal.correct_entry(uow, answer.journal_entry_id, {"note": "Kinderen wonen bij vader."})
    with pytest.raises(EntryReadOnly):
        kc.remove_kindcheck(uow, answer.id, expected=answer)
    assert _count(uow, Kindcheck) == 1 and _count(uow, JournalEntry) == 2


def test_redo_after_the_adult_was_removed_is_refused_and_changes_nothing(uow, family) -> None:
    _zrm(uow, family.sanne.id, JAN, middelengebruik=2)
    (trigger,) = kc.pending_kindchecks(uow, family.case.id)
    taken = kc.remove_kindcheck(uow, _answer(uow, family, trigger).value.id).value
    members.remove_person(uow, family.sanne.id)
    with pytest.raises(ConflictError):  # the adult went meanwhile: nothing to put back
        kc.restore_kindcheck(uow, taken)
    assert _count(uow, Kindcheck) == 0 and _count(uow, JournalEntry) == 0
