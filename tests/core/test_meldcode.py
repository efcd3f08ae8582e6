"""The meldcode's services without Qt: starting a record (one open per case), signals from the
map, the steps in order with what each needs, the afwegingskader and the decision, closing (and
a closed record refusing every change), undo, and reminders after the organisation's term."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import journal
from jeugdtool.dossier import meldcode as mc
from jeugdtool.dossier import meldcode_rules as rules
from jeugdtool.dossier import veilig_thuis as vt
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import moments
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store import org_settings
from jeugdtool.store.uow import UnitOfWork

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()
START = TODAY - dt.timedelta(days=30)
YES_ALL = {"suspicion": True, "unsafety": False, "can_help": True, "help_accepted": True}


@pytest.fixture
def family(uow, case):
    def add(first: str, role: str, born: dt.date | None = None):
        fields = {"first_name": first, "last_name": "Jansen", "role": role, "birth_date": born}
        return members.add_person(uow, case.id, fields).value

    sanne = add("Sanne", "parent", dt.date(1990, 5, 1))
    noa = add("Noa", "child", dt.date(2018, 3, 2))
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=START).value
    hit = moments.add_item(
        uow, moment.id, Cell.HARM, {"text": "Sanne sloeg Noa", "concerns_person_id": sanne.id}
    ).value
    fear = moments.add_item(
        uow, moment.id, Cell.DANGER, {"text": "Noa raakt gewond", "concerns_person_id": noa.id}
    ).value
    moments.add_item(uow, moment.id, Cell.STRENGTHS, {"text": "Oma helpt elke week"})
    danger = statements.add_statement(
        uow,
        moment.id,
        StatementType.DANGER,
        {
            "who_worried": ["school"],
            "behaviour": "Sanne Noa slaat als ze boos is",
            "children": [noa.id],
            "impact": "gewond raakt",
        },
    ).value
    names = ["case", "sanne", "noa", "moment", "hit", "fear", "danger"]
    return dataclasses.make_dataclass("Family", names)(case, sanne, noa, moment, hit, fear, danger)


def _start(uow, family, on=START, **kw):
    choices = mc.signal_choices(uow, family.case.id)
    return mc.start_record(uow, family.case.id, signals=choices[:1], on=on, **kw).value


def _problems(exc: pytest.ExceptionInfo[InvalidInput]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in exc.value.problems:
        found.setdefault(p.field, []).append(p.message)
    return found


def _kindcheck(uow, record):
    changes = {"kindcheck_children_depend": "yes", "kindcheck_safety_assessed": "yes"}
    return mc.update_record(uow, record.id, changes).value


def _steps_1_to_3(uow, record, day=START):
    _kindcheck(uow, record)
    mc.update_step(uow, record.id, 1, {"done_on": day})
    mc.update_step(uow, record.id, 2, {"done_on": day, "with_whom": "Aandachtsfunctionaris"})
    return mc.update_step(
        uow, record.id, 3, {"done_on": day, "talk_held": True, "with_whom": "Sanne"}
    ).value


def _answer(uow, record, answers):
    for key, value in answers.items():
        mc.answer_question(uow, record.id, key, value, "Besproken in het team")
    return mc.get_record(uow, record.id)


def _to_step_4(uow, record, answers, day=START):
    _steps_1_to_3(uow, record, day)
    _answer(uow, record, answers)
    return mc.update_step(uow, record.id, 4, {"done_on": day}).value


# ---- starting --------------------------------------------------------------------------------


def test_a_record_starts_with_five_steps_five_questions_and_the_picked_signals(uow, family) -> None:
    choices = mc.signal_choices(uow, family.case.id)
    done = mc.start_record(uow, family.case.id, signals=choices, on=START)
    record = done.value
    assert done.changes.touches("meldcode_record") and done.changes.touches_case(family.case.id)
    assert (record.number, record.status, record.started_on) == (1, "open", START)
    assert record.started_by == "A. de Boer"
    assert [s.step for s in record.steps] == [1, 2, 3, 4, 5]
    assert all(s.done_on is None for s in record.steps)
    assert [a.question for a in record.answers] == list(rules.QUESTION_KEYS)
    assert [s.text for s in record.signals] == [c.text for c in choices]
    assert [s.position for s in record.signals] == [1, 2, 3]
    # The adult a signal is about fills the kindcheck; the child does not.
    assert record.kindcheck_adults == ("Sanne Jansen",)
    assert not record.outcome.complete and record.outcome.missing == rules.QUESTION_KEYS
    assert mc.records(uow, family.case.id) == [record]


def test_signal_choices_are_the_harm_and_danger_items_then_statements(uow, family) -> None:
    choices = mc.signal_choices(uow, family.case.id)
    assert [(c.source, c.lineage) for c in choices] == [
        ("map_item", family.hit.lineage),
        ("map_item", family.fear.lineage),
        ("statement", family.danger.lineage),
    ]
    assert (choices[0].about, choices[0].about_is_adult) == ("Sanne Jansen", True)
    assert (choices[1].about, choices[1].about_is_adult) == ("Noa Jansen", False)
    assert choices[2].text == family.danger.text and choices[2].about == "Noa Jansen"


def test_a_case_without_a_map_offers_no_signals_and_starts_today(uow, case) -> None:
    assert mc.signal_choices(uow, case.id) == []
    record = mc.start_record(uow, case.id).value
    assert record.started_on == TODAY and record.signals == ()


def test_only_one_record_is_open_per_case_and_numbers_go_up(uow, family) -> None:
    first = _start(uow, family)
    with pytest.raises(InvalidInput) as exc:
        _start(uow, family)
    assert _problems(exc)["status"] == [
        _(
            "This case already has an open meldcode record (number {n}). Continue it, or close "
            "it before starting a new one."
        ).format(n=1)
    ]
    _answer(uow, first, {"suspicion": False})
    mc.close_record(uow, first.id, on=START)
    second = _start(uow, family, on=TODAY)
    assert second.number == 2
    assert [r.number for r in mc.records(uow, family.case.id)] == [2, 1]  # newest first


def test_a_start_date_in_the_future_is_refused(uow, family) -> None:
    with pytest.raises(InvalidInput) as exc:
        _start(uow, family, on=TODAY + dt.timedelta(days=1))
    assert "started_on" in _problems(exc)
    assert mc.records(uow, family.case.id) == []


def test_a_closed_case_refuses_a_new_record(uow, family) -> None:
    households.close_case(uow, family.case.id, reason="Afgerond")
    with pytest.raises(CaseClosed):
        _start(uow, family)


# ---- steps in order --------------------------------------------------------------------------


def test_steps_are_done_in_order(uow, family) -> None:
    record = _start(uow, family)
    with pytest.raises(InvalidInput) as exc:
        mc.update_step(uow, record.id, 2, {"done_on": START, "with_whom": "Collega Bram"})
    expected = _("Finish {earlier} first: the meldcode's steps are done in order.")
    assert _problems(exc)["done_on"] == [expected.format(earlier=rules.step_title(1))]
    assert mc.get_record(uow, record.id).steps[1].done_on is None  # nothing saved


def test_step_1_needs_a_signal_and_the_kindcheck(uow, family) -> None:
    record = mc.start_record(uow, family.case.id, on=START).value
    with pytest.raises(InvalidInput) as exc:
        mc.update_step(uow, record.id, 1, {"done_on": START})
    assert set(_problems(exc)) == {"signals", "kindcheck_children_depend"}
    mc.add_signal(uow, record.id, {"text": "Blauwe plek op de arm van Noa"})
    mc.update_record(uow, record.id, {"kindcheck_children_depend": "yes"})
    with pytest.raises(InvalidInput) as exc:
        mc.update_step(uow, record.id, 1, {"done_on": START})
    assert set(_problems(exc)) == {"kindcheck_safety_assessed"}
    mc.update_record(uow, record.id, {"kindcheck_safety_assessed": "no"})
    step = mc.update_step(uow, record.id, 1, {"done_on": START}).value.steps[0]
    assert (step.done_on, step.done_by) == (START, "A. de Boer")  # the current user by default


def test_steps_2_and_3_need_with_whom_or_why_not(uow, family) -> None:
    record = _start(uow, family)
    _kindcheck(uow, record)
    mc.update_step(uow, record.id, 1, {"done_on": START})
    with pytest.raises(InvalidInput) as exc:
        mc.update_step(uow, record.id, 2, {"done_on": START})
    assert set(_problems(exc)) == {"with_whom"}
    mc.update_step(
        uow, record.id, 2, {"done_on": START, "with_whom": "Veilig Thuis", "advice": "Bel terug"}
    )
    with pytest.raises(InvalidInput) as exc:
        mc.update_step(uow, record.id, 3, {"done_on": START, "talk_held": False})
    assert set(_problems(exc)) == {"not_held_reason"}
    done = mc.update_step(
        uow,
        record.id,
        3,
        {"done_on": START, "talk_held": False, "not_held_reason": "Gevaar voor Noa bij gesprek"},
    ).value
    assert done.steps[2].talk_held is False and done.steps[1].advice == "Bel terug"


def test_a_step_date_before_the_previous_step_is_refused(uow, family) -> None:
    record = _start(uow, family)
    _kindcheck(uow, record)
    mc.update_step(uow, record.id, 1, {"done_on": START + dt.timedelta(days=3)})
    with pytest.raises(InvalidInput) as exc:
        mc.update_step(uow, record.id, 2, {"done_on": START, "with_whom": "Bram"})
    assert "done_on" in _problems(exc)
    with pytest.raises(InvalidInput):
        mc.update_step(uow, record.id, 1, {"done_on": START - dt.timedelta(days=1)})


def test_a_step_is_undone_only_while_no_later_step_is_done(uow, family) -> None:
    record = _start(uow, family)
    _steps_1_to_3(uow, record)
    with pytest.raises(InvalidInput) as exc:
        mc.update_step(uow, record.id, 2, {"done_on": None})
    expected = _("{later} is already done; mark it as not done first.")
    assert _problems(exc)["done_on"] == [expected.format(later=rules.step_title(3))]
    mc.update_step(uow, record.id, 3, {"done_on": None})
    after = mc.update_step(uow, record.id, 2, {"done_on": None}).value
    assert [s.done_on is not None for s in after.steps] == [True, False, False, False, False]
    assert after.steps[1].done_by == ""  # who did it goes with the date


def test_notes_can_be_written_on_any_step_of_an_open_record(uow, family) -> None:
    record = _start(uow, family)
    after = mc.update_step(uow, record.id, 4, {"notes": "Nog bespreken met Veilig Thuis"}).value
    assert after.steps[3].notes == "Nog bespreken met Veilig Thuis"
    assert after.steps[3].done_on is None
    with pytest.raises(InvalidInput):
        mc.update_step(uow, record.id, 6, {"notes": "x"})


def test_step_4_needs_the_afwegingskader_and_keeps_the_formal_scale_score(uow, family) -> None:
    scale.add_score(
        uow,
        family.case.id,
        {"score": 3, "role": "case_manager", "scored_on": START, "reason": "Onveilig thuis"},
    )
    record = _start(uow, family)
    _steps_1_to_3(uow, record)
    _answer(uow, record, {"suspicion": True})
    with pytest.raises(InvalidInput) as exc:
        mc.update_step(uow, record.id, 4, {"done_on": START})
    assert "answers" in _problems(exc)
    _answer(uow, record, {"unsafety": True})
    step = mc.update_step(uow, record.id, 4, {"done_on": START}).value.steps[3]
    assert step.scale_score == 3
    context = mc.weigh_context(uow, family.case.id)
    assert (context.scale_score, context.scored_on) == (3, START)
    assert context.danger_statements == (family.danger.text,)


# ---- the afwegingskader and the decision --------------------------------------------------------


def test_an_answer_needs_a_reason(uow, family) -> None:
    record = _start(uow, family)
    with pytest.raises(InvalidInput) as exc:
        mc.answer_question(uow, record.id, "suspicion", True, "  ")
    assert "reason" in _problems(exc)
    with pytest.raises(InvalidInput):
        mc.answer_question(uow, record.id, "unknown", True, "Reden")
    done = mc.answer_question(uow, record.id, "suspicion", True, "Blauwe plekken gezien")
    answer = done.value.answers[0]
    assert (answer.answer, answer.reason) == (True, "Blauwe plekken gezien")
    assert done.value.outcome.missing[0] == "unsafety"


def test_a_decision_without_the_afwegingskader_answered_is_refused_clearly(uow, family) -> None:
    record = _start(uow, family)
    _steps_1_to_3(uow, record)
    _answer(uow, record, {"suspicion": True, "unsafety": False})
    with pytest.raises(InvalidInput) as exc:
        mc.decide(uow, record.id, report=False, help=True, reason="")
    assert str(exc.value) == _(
        "The afwegingskader is not complete: answer question {n} (and the questions it leads "
        "to) in step 4 before you decide."
    ).format(n=3)
    after = mc.get_record(uow, record.id)
    assert after.decided_report is None and after.steps[4].done_on is None


def test_a_decision_needs_steps_1_to_4_done(uow, family) -> None:
    record = _start(uow, family)
    _steps_1_to_3(uow, record)
    _answer(uow, record, {"suspicion": True, "unsafety": True})
    with pytest.raises(InvalidInput) as exc:
        mc.decide(uow, record.id, report=True, help=False, reason="")
    expected = _("Finish {earlier} first: the meldcode's steps are done in order.")
    assert _problems(exc)["done_on"] == [expected.format(earlier=rules.step_title(4))]


def test_a_report_is_decided_reported_and_the_record_closed(uow, family) -> None:
    record = _start(uow, family)
    _to_step_4(uow, record, {"suspicion": True, "unsafety": True})
    decided = mc.decide(uow, record.id, report=True, help=True, reason="", on=TODAY).value
    assert (decided.decided_report, decided.decided_help) == (True, True)
    assert (decided.steps[4].done_on, decided.steps[4].done_by) == (TODAY, "A. de Boer")
    with pytest.raises(InvalidInput) as exc:
        mc.close_record(uow, record.id)
    assert "veilig_thuis" in _problems(exc)  # the report itself is not recorded yet
    contact = vt.add_contact(
        uow,
        family.case.id,
        {
            "kind": "report",
            "contact_on": TODAY,
            "channel": "phone",
            "with_whom": "Medewerker Veilig Thuis",
            "meldcode_record_id": record.id,
        },
    ).value
    closed = mc.close_record(uow, record.id).value
    assert (closed.status, closed.closed_on, closed.closed_by) == ("closed", TODAY, "A. de Boer")
    assert closed.veilig_thuis_ids == (contact.id,)


def test_a_decision_is_never_written_over(uow, family) -> None:
    record = _start(uow, family)
    _to_step_4(uow, record, {"suspicion": True, "unsafety": True})
    mc.decide(uow, record.id, report=True, help=False, reason="", on=TODAY)
    # A second window (or a colleague) that still shows step 5 open decides the other way.
    with pytest.raises(InvalidInput) as exc:
        mc.decide(uow, record.id, report=False, help=True, reason="Toch hulp", on=TODAY)
    assert _problems(exc)["decision"] == [
        _(
            "The decision was already recorded on {date} by {who}. To decide again, undo that "
            "decision first."
        ).format(date=format_date_nl(TODAY), who="A. de Boer")
    ]
    kept = mc.get_record(uow, record.id)
    assert (kept.decided_report, kept.decided_help, kept.decision_reason) == (True, False, "")


def test_a_decision_against_the_outcome_needs_a_reason(uow, family) -> None:
    record = _start(uow, family)
    _to_step_4(uow, record, {"suspicion": True, "unsafety": True})
    with pytest.raises(InvalidInput) as exc:
        mc.decide(uow, record.id, report=False, help=True, reason="")
    assert "reason" in _problems(exc)
    decided = mc.decide(
        uow, record.id, report=False, help=True, reason="Veilig Thuis adviseerde geen melding"
    ).value
    assert decided.decision_reason == "Veilig Thuis adviseerde geen melding"
    assert decided.decided_report is False


def test_help_without_report_follows_the_fifth_answer(uow, family) -> None:
    record = _start(uow, family)
    record = _to_step_4(uow, record, {**YES_ALL, "lasting_safety": True})
    assert record.outcome.help and not record.outcome.report
    closed_after = mc.decide(uow, record.id, report=False, help=True, reason="").value
    assert closed_after.decision_reason == ""
    assert mc.close_record(uow, record.id).value.status == "closed"


def test_answers_are_fixed_once_decided_until_the_decision_is_undone(uow, family) -> None:
    record = _start(uow, family)
    _to_step_4(uow, record, {"suspicion": True, "unsafety": True})
    decided = mc.decide(uow, record.id, report=True, help=False, reason="").value
    with pytest.raises(InvalidInput) as exc:
        mc.answer_question(uow, record.id, "unsafety", False, "Toch niet")
    assert "answers" in _problems(exc)
    undone = mc.undo_decide(uow, record.id, expected=decided).value
    assert undone.decided_report is None and undone.steps[4].done_on is None
    # Step 4 is still done: an answer that leaves the afwegingskader incomplete is refused.
    for answer in (None, False):  # False leads on to question 3, not answered yet
        with pytest.raises(InvalidInput) as exc:
            mc.answer_question(uow, record.id, "unsafety", answer, "Toch niet acuut")
        assert "answers" in _problems(exc)
    after = mc.answer_question(uow, record.id, "unsafety", True, "Structureel onveilig").value
    assert after.answers[1].reason == "Structureel onveilig" and after.outcome.report


def test_no_suspicion_closes_the_record_without_a_decision(uow, family) -> None:
    record = _start(uow, family)
    with pytest.raises(InvalidInput) as exc:
        mc.close_record(uow, record.id)
    assert "status" in _problems(exc)
    _answer(uow, record, {"suspicion": False})
    closed = mc.close_record(uow, record.id, on=START).value
    assert closed.status == "closed" and closed.outcome.no_suspicion


# ---- a closed record --------------------------------------------------------------------------


def test_a_closed_record_refuses_every_change(uow, family) -> None:
    record = _start(uow, family)
    _answer(uow, record, {"suspicion": False})
    closed = mc.close_record(uow, record.id).value
    signal = closed.signals[0]
    message = _(
        "This meldcode record is closed and can no longer be changed. If there are new "
        "worries, start a new meldcode record."
    )
    attempts = [
        lambda: mc.update_step(uow, record.id, 1, {"notes": "Later aangevuld"}),
        lambda: mc.answer_question(uow, record.id, "suspicion", True, "Toch wel"),
        lambda: mc.decide(uow, record.id, report=True, help=True, reason="Alsnog"),
        lambda: mc.update_record(uow, record.id, {"kindcheck_note": "x"}),
        lambda: mc.add_signal(uow, record.id, {"text": "Nog een signaal"}),
        lambda: mc.update_signal(uow, signal.id, {"text": "Anders"}),
        lambda: mc.remove_signal(uow, signal.id),
        lambda: mc.remove_record(uow, record.id),
        lambda: mc.close_record(uow, record.id),
        lambda: mc.undo_decide(uow, record.id),
    ]
    for attempt in attempts:
        with pytest.raises(rules.RecordClosed) as exc:
            attempt()
        assert str(exc.value) == message
    assert mc.get_record(uow, record.id) == closed


def test_undo_of_closing_opens_the_record_again(uow, family) -> None:
    record = _start(uow, family)
    _answer(uow, record, {"suspicion": False})
    closed = mc.close_record(uow, record.id).value
    with pytest.raises(ConflictError):
        mc.undo_close_record(uow, record.id, expected=dataclasses.replace(closed, number=9))
    reopened = mc.undo_close_record(uow, record.id, expected=closed).value
    assert (reopened.status, reopened.closed_on, reopened.closed_by) == ("open", None, None)


def test_undo_of_closing_is_refused_when_another_record_was_started(uow, family) -> None:
    record = _start(uow, family)
    _answer(uow, record, {"suspicion": False})
    closed = mc.close_record(uow, record.id).value
    _start(uow, family, on=TODAY)
    with pytest.raises(ConflictError):
        mc.undo_close_record(uow, record.id, expected=closed)


# ---- undo of starting, signals -----------------------------------------------------------------


def test_undo_of_starting_removes_the_record_and_redo_puts_it_back(uow, family) -> None:
    record = _start(uow, family)
    taken = mc.remove_record(uow, record.id, expected=record).value
    assert mc.records(uow, family.case.id) == []
    back = mc.restore_record(uow, taken).value
    assert back == record


def test_undo_of_starting_refuses_when_a_journal_entry_links_to_a_step(uow, family) -> None:
    record = _start(uow, family)
    with uow:
        entry = JournalEntry(
            household_id=family.case.id,
            occurred_on=START,
            kind="home_visit",
            author="A. de Boer",
            note="Huisbezoek",
        )
        uow.session.add(entry)
        uow.flush()
        uow.session.add(
            JournalLink(
                household_id=family.case.id,
                entry_id=entry.id,
                target_kind="meldcode_step",
                target_key=f"{record.id}:1",
                target_label="Stap 1",
            )
        )
        uow.commit()
    linked = mc.get_record(uow, record.id)
    assert linked.steps[0].journal_entry_ids == (entry.id,)
    with pytest.raises(ConflictError) as refused:
        mc.remove_record(uow, record.id, expected=linked)
    assert str(refused.value) == _(
        "A journal entry is about a step of this meldcode record, so the record stays "
        "in the file and starting it can no longer be undone."
    )
    assert mc.get_record(uow, record.id) == linked


def test_a_step_lists_only_the_entries_the_user_reads(uow, db, family) -> None:
    record = _start(uow, family)
    colleague = consultants.add_consultant(uow, "B. Smit").value
    theirs = UnitOfWork(db, colleague.name, colleague.id)
    link = JournalLinkDTO("meldcode_step", f"{record.id}:2", "Stap 2")
    visit = {"occurred_on": TODAY, "kind": "phone_call", "links": [link]}
    public = journal.add_entry(theirs, family.case.id, {**visit, "note": "Overleg"}).value
    journal.add_entry(theirs, family.case.id, {**visit, "note": "Eigen", "working_note": True})
    # Mine (no consultant chosen) sees the public entry only; the colleague sees both.
    assert mc.get_record(uow, record.id).steps[1].journal_entry_ids == (public.id,)
    assert len(mc.get_record(theirs, record.id).steps[1].journal_entry_ids) == 2


def test_a_closed_records_steps_take_no_new_journal_entries(uow, family) -> None:
    record = _start(uow, family)
    link = JournalLinkDTO("meldcode_step", f"{record.id}:1", "Stap 1")
    visit = {"occurred_on": TODAY, "kind": "phone_call", "note": "Overleg", "links": [link]}
    entry = journal.add_entry(uow, family.case.id, visit).value
    mc.answer_question(uow, record.id, "suspicion", False, "Geen aanwijzingen")
    closed = mc.close_record(uow, record.id, on=TODAY).value
    with pytest.raises(InvalidInput):
        journal.add_entry(uow, family.case.id, visit)
    # The entry that named the step before keeps it, also when it is corrected.
    fix = journal.correct_entry(uow, entry.id, {"note": "Correctie"}).value
    assert fix.links == (link,)
    assert mc.get_record(uow, record.id).steps[0].journal_entry_ids == (entry.id, fix.id)
    assert closed.steps[0].journal_entry_ids == (entry.id,)


def test_signals_are_added_changed_removed_and_put_back(uow, family) -> None:
    record = _start(uow, family)
    added = mc.add_signal(uow, record.id, {"text": "Noa zegt dat papa boos was"}).value
    assert (added.source, added.position) == ("own", 2)
    changed = mc.update_signal(
        uow, added.id, {"text": "Noa vertelt over ruzie"}, expected={"text": added.text}
    ).value
    assert changed.text == "Noa vertelt over ruzie"
    with pytest.raises(InvalidInput):
        mc.add_signal(uow, record.id, {"text": "  "})
    with pytest.raises(InvalidInput):
        mc.add_signal(uow, record.id, {"text": "x", "source": "gossip"})
    first = mc.get_record(uow, record.id).signals[0]
    taken = mc.remove_signal(uow, first.id, expected=first).value
    assert [s.position for s in mc.get_record(uow, record.id).signals] == [1]
    mc.restore_signal(uow, taken)
    assert [s.id for s in mc.get_record(uow, record.id).signals] == [first.id, added.id]


def test_the_last_signal_stays_once_step_1_is_done(uow, family) -> None:
    record = _start(uow, family)
    _kindcheck(uow, record)
    done = mc.update_step(uow, record.id, 1, {"done_on": START}).value
    with pytest.raises(InvalidInput) as exc:
        mc.remove_signal(uow, done.signals[0].id)
    assert "signals" in _problems(exc)


# ---- reminders --------------------------------------------------------------------------------


def test_a_step_open_past_the_term_shows_as_a_reminder(uow, family) -> None:
    record = _start(uow, family, on=TODAY - dt.timedelta(days=20))
    _kindcheck(uow, record)
    mc.update_step(uow, record.id, 1, {"done_on": TODAY - dt.timedelta(days=15)})
    reminders = mc.meldcode_reminders(uow)
    assert [(r.record_id, r.step, r.days_open) for r in reminders] == [(record.id, 2, 15)]
    assert (reminders[0].case_number, reminders[0].case_name) == ("2026-0012", "Gezin Jansen")
    assert reminders[0].open_since == TODAY - dt.timedelta(days=15)
    steps = mc.get_record(uow, record.id).steps
    assert [s.overdue for s in steps] == [False, True, False, False, False]
    # Fourteen days is the term itself: not yet a reminder.
    assert mc.meldcode_reminders(uow, today=TODAY - dt.timedelta(days=1)) == []
    assert mc.meldcode_reminders(uow, case_id=family.case.id + 1) == []


def test_the_organisations_term_decides_and_closed_things_never_remind(uow, family) -> None:
    record = _start(uow, family, on=TODAY - dt.timedelta(days=5))
    assert mc.meldcode_reminders(uow) == []
    with uow:
        org_settings.write(uow.session, org_settings.MELDCODE_STEP_DAYS, "3")
        uow.commit()
    assert [r.step for r in mc.meldcode_reminders(uow, case_id=family.case.id)] == [1]
    _answer(uow, record, {"suspicion": False})
    mc.close_record(uow, record.id)
    assert mc.meldcode_reminders(uow) == []
    other = households.create_case(uow, name="Gezin Bakker", case_number="2026-0013").value
    mc.start_record(uow, other.id, on=TODAY - dt.timedelta(days=10))
    assert [r.household_id for r in mc.meldcode_reminders(uow)] == [other.id]
    households.close_case(uow, other.id, reason="Verhuisd")
    assert mc.meldcode_reminders(uow) == []


# ---- the case list's marker and the caseload ---------------------------------------------------


def test_the_case_list_marker_and_the_caseload_count_the_reminders(uow, family) -> None:
    from jeugdtool.meetings import caseload

    record = _start(uow, family, on=TODAY - dt.timedelta(days=16))
    columns = caseload.list_columns(uow)[family.case.id]  # a case without a plan is listed too
    expected = ngettext(
        "Meldcode step {step} open for {n} day", "Meldcode step {step} open for {n} days", 16
    ).format(step=1, n=16)
    assert columns.alert == expected and columns.plan == caseload.NO_PLAN
    assert caseload.case_columns(uow, family.case.id).alert == expected
    load = caseload.caseload(uow)
    assert [c.dossier_reminders for c in load.cases] == [1]
    assert sum(p.dossier_reminders for p in load.people) == 1
    _answer(uow, record, {"suspicion": False})
    mc.close_record(uow, record.id)
    assert family.case.id not in caseload.list_columns(uow)
    assert caseload.caseload(uow).cases[0].dossier_reminders == 0


def test_the_verwijsindex_marker_says_what_to_do_without_the_childs_name() -> None:
    from jeugdtool.dossier.dto import VerwijsindexReminder
    from jeugdtool.meetings import caseload

    soon = VerwijsindexReminder(
        1, "2026-0012", "Gezin Jansen", 4, "Noa", dt.date(2026, 5, 1), False
    )
    text = caseload.verwijsindex_alert(soon)
    assert text == _("Verwijsindex signal expires on {date}: extend or withdraw it").format(
        date="01-05-2026"
    )
    gone = dataclasses.replace(soon, expired=True)
    assert caseload.verwijsindex_alert(gone) == _(
        "Verwijsindex signal expired on {date}: extend or withdraw it"
    ).format(date="01-05-2026")
    assert "Noa" not in text


def test_a_record_missing_step_rows_gets_them_when_it_changes(uow, family) -> None:
    from sqlalchemy import delete

    from jeugdtool.dossier.models import MeldcodeAnswer
    from jeugdtool.dossier.models import MeldcodeStepRow

    record = _start(uow, family)
    with uow:  # as a hand-edited case file might leave it
        uow.session.execute(delete(MeldcodeStepRow).where(MeldcodeStepRow.step == 3))
        uow.session.execute(delete(MeldcodeAnswer).where(MeldcodeAnswer.question == "can_help"))
        uow.commit()
    assert [s.step for s in mc.get_record(uow, record.id).steps] == [1, 2, 4, 5]
    after = mc.update_step(uow, record.id, 3, {"notes": "Gesprek gepland"}).value
    assert [s.step for s in after.steps] == [1, 2, 3, 4, 5]
    assert [a.question for a in after.answers] == list(rules.QUESTION_KEYS)
