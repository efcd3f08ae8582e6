"""How the audit trail reads for people: entity and field labels, values as the UI shows them.

The trail stores raw values (ISO dates, "true"/"false", enum values, ids); this module turns
them into what a consultant recognises. The history page and the access-request dossier (which
shows the family the same history) both read it, so it sits in the export layer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass

from jeugdtool.cases import privacy
from jeugdtool.cases.dto import AuditEntryDTO
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import format_datetime_nl
from jeugdtool.cases.validation import format_time_nl
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import LabelledEnum
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.dossier import meldcode_text
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import KindcheckAnswer
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import ReportChannel
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import IncidentMark
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import PeriodUnit
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import StatementType
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.framework.wording import for_mode
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.outcomes.help_rules import format_cents
from jeugdtool.outcomes.vocab import DecidedBy
from jeugdtool.outcomes.vocab import EndedAs
from jeugdtool.outcomes.vocab import EndedEarlyBy
from jeugdtool.outcomes.vocab import FurtherHelp
from jeugdtool.outcomes.vocab import GoalOutcome
from jeugdtool.outcomes.vocab import HelpUnit
from jeugdtool.outcomes.vocab import NewStartKind
from jeugdtool.zrm.definitions import builtin_matrices
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.vocab import CarriedBy

#: Audit entity name -> what the user calls it.
ENTITY_LABELS: dict[str, str] = {
    "household": N_("Household"),
    "person": N_("Household member"),
    "network_member": N_("Network member"),
    "consultant": N_("Consultant"),
    "mapping_moment": N_("Mapping moment"),
    "map_item": N_("Map item"),
    "item_stance": N_("Agrees or disputes"),
    "statement": N_("Statement"),
    "statement_child": N_("Child a statement is about"),
    "case_scale": N_("Scale wording"),
    "scale_score": N_("Scale score"),
    "plan_version": N_("Safety plan version"),
    "plan_network_role": N_("Safety network role"),
    "red_flag": N_("Red flag"),
    "family_goal": N_("The family's own goal"),
    "agreement": N_("Agreement"),
    "agreement_party": N_("Party to an agreement"),
    "plan_review": N_("Plan review"),
    "review_result": N_("Review of an agreement"),
    "plan_approval": N_("Plan submitted for review"),
    "plan_approval_comment": N_("Reviewer's comment on the plan"),
    "goal_judgement": N_("Judgement of a safety goal"),
    "network_meeting": N_("Network meeting"),
    "network_meeting_attendee": N_("Present at a network meeting"),
    "zrm_assessment": N_("ZRM assessment"),
    "zrm_domain_score": N_("ZRM domain"),
    "zrm_import": N_("ZRM file imported"),
    "export_selection": N_("Selection for a PDF"),
    "case_coworker": N_("Colleague in the case team"),
    "case_handover": N_("Handover"),
    "team": N_("Team"),
    "team_member": N_("Team member"),
    "staff_role": N_("Role"),
    "privacy_request": N_("Request about the file"),
    "meeting": N_("Meeting"),
    "meeting_participant": N_("Meeting participant"),
    "meeting_item": N_("Discussed in a meeting"),
    "meeting_round_score": N_("Score in a meeting's round"),
    "meeting_follow_up": N_("Follow-up of a meeting"),
    "help_item": N_("Help deployed"),
    "help_product_list": N_("Product list imported"),
    "case_closing": N_("Closing of the case"),
    "closing_goal_outcome": N_("Goal's outcome at closing"),
    "client_experience": N_("The family's experience"),
    "new_start": N_("New start"),
    # the dossier
    "journal_entry": N_("Journal entry"),
    "journal_link": N_("What a journal entry is about"),
    "meldcode_record": N_("Meldcode record"),
    "meldcode_step": N_("Meldcode step"),
    "meldcode_signal": N_("Meldcode signal"),
    "meldcode_answer": N_("Afwegingskader question"),
    "kindcheck": N_("Kindcheck"),
    "veilig_thuis_contact": N_("Contact with Veilig Thuis"),
    "verwijsindex_signal": N_("Verwijsindex signal"),
    "verwijsindex_match": N_("Verwijsindex match"),
    # the child's voice
    "three_houses": N_("Three Houses talk"),
    "child_story": N_("Words & Pictures story"),
    "child_story_page": N_("Page of a story"),
    "child_voice_picture": N_("Drawing or picture"),
}

#: (entity, field) -> label; the field alone is the fallback.
FIELD_LABELS: dict[str, str] = {
    "case_number": N_("Case number"),
    "name": N_("Name"),
    "mode": N_("Way of working"),
    "status": N_("Status"),
    "opened_on": N_("Opening date"),
    "closed_on": N_("Closing date"),
    "close_reason": N_("Closing reason"),
    "case_manager_id": N_("Case manager"),
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "role": N_("Role"),
    "birth_date": N_("Birth date"),
    "notes": N_("Notes"),
    "position": N_("Order"),
    "relation": N_("Relation"),
    "kind": N_("Kind"),
    "organisation": N_("Organisation"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "safety_network": N_("Safety network"),
    "chairs_network": N_("Chairs the network"),
    "trusted_person_id": N_("Trusted person"),
    # the framework
    "held_on": N_("Date"),
    "present": N_("Present"),
    "author": N_("Mapped by"),
    "cell": N_("Part of the map"),
    "text": N_("Text"),
    "source_label": N_("Said by"),
    "source_kind": N_("Said by (kind)"),
    "concerns_person_id": N_("Concerns"),
    "worry_kind": N_("Problem or limitation"),
    "who": N_("Who"),
    "stance": N_("Agrees or disputes"),
    "type": N_("Kind of statement"),
    "child_id": N_("Child"),
    "talked_with": N_("Talked with the child"),
    "worries": N_("House of worries"),
    "good_things": N_("House of good things"),
    "dreams": N_("House of dreams"),
    "who_worried": N_("Who is worried"),
    "behaviour": N_("Behaviour or what happened"),
    "example": N_("Example"),
    "impact": N_("Impact"),
    "carers_will": N_("The carers will"),
    "child_will_experience": N_("The child will experience"),
    "professionals_will_see": N_("Professionals will see"),
    "sustained_for": N_("For how long"),
    "sustained_amount": N_("For how long (number)"),
    "sustained_unit": N_("For how long (weeks or months)"),
    "who_will": N_("Who will do it"),
    "incident_on": N_("When it happened"),
    "incident_marks": N_("First, worst or most recent time"),
    "set_by": N_("Set by"),
    "set_on": N_("Set on"),
    "guards": N_("Guards"),
    "text_edited": N_("Own wording"),
    "zero": N_("0 means"),
    "ten": N_("10 means"),
    "scored_on": N_("Date"),
    "score": N_("Score"),
    "reason": N_("Reason"),
    "one_higher": N_("One point higher"),
    "context": N_("Context"),
    "about": N_("About"),
    # the safety plan
    "what": N_("What"),
    "when": N_("When"),
    "start_on": N_("Starts on"),
    "due_on": N_("Due on"),
    "where": N_("Where"),
    "check": N_("How we will know"),
    "checked_by": N_("Checked by"),
    "serves": N_("Serves"),
    "realistic_confirmed": N_("Realistic (confirmed)"),
    "review_on": N_("Review on"),
    "special_category": N_("Special category of personal data"),
    "children_told_category": N_("Special category of how the children are told"),
    "family_words": N_("In the family's own words"),
    "finalised_on": N_("Finalised on"),
    "finalised_by": N_("Finalised by"),
    "override_reason": N_("Reason to finalise anyway"),
    "children_told": N_("How the children are told"),
    "review_schedule": N_("Review schedule"),
    "next_review_on": N_("Next review"),
    "when_not_kept": N_("When an agreement is not kept"),
    "sign": N_("Sign"),
    "watched_by": N_("Watched by"),
    "action": N_("Action"),
    "told_on": N_("Told on"),
    "accepted": N_("Accepted"),
    "accepted_on": N_("Accepted on"),
    "accepted_how": N_("Accepted how"),
    "kept": N_("Kept"),
    "reported_by": N_("Reported by"),
    "follow_up": N_("Follow-up"),
    # the ZRM
    "assessed_on": N_("Date"),
    "assessor": N_("Assessor"),
    "matrix_id": N_("Matrix"),
    "matrix_version": N_("Matrix version"),
    "note": N_("Note"),
    "domain": N_("Domain"),
    "level": N_("Level"),
    "limitation": N_("Limitation"),
    "carried_by": N_("Carried by"),
    "focus": N_("Focus domain"),
    "target_level": N_("Target level"),
    "target_date": N_("Target date"),
    "plan_links": N_("Linked to the plan"),
    "document": N_("Document"),
    "settings": N_("Selection"),
    # meetings
    "title": N_("Title"),
    "chair": N_("Chair"),
    "question": N_("Question"),
    "advice": N_("Advice"),
    "decisions": N_("Decisions"),
    "cheapest_help": N_("Cheapest adequate help"),
    "owner": N_("Who"),
    "done": N_("Done"),
    # requests about the file
    "received_on": N_("Received on"),
    "requested_by": N_("Requested by"),
    "subject": N_("What is asked"),
    "decided_on": N_("Decided on"),
    "outcome": N_("Outcome"),
    "refusal_grounds": N_("Grounds for refusal"),
    "delivered_on": N_("Delivered on"),
    # help deployed, closings, new starts
    "for_label": N_("For whom"),
    "product_list": N_("Product list"),
    "category": N_("Kind of help"),
    "provider": N_("Provider"),
    "starts_on": N_("Start date"),
    "planned_end": N_("Planned end"),
    "ended_on": N_("Ended on"),
    "intensity": N_("Intensity"),
    "decided_by": N_("Decided by"),
    "unit": N_("Unit"),
    "unit_cost_cents": N_("Cost per unit"),
    "units": N_("Units"),
    "goals_outcome": N_("Goals' outcome"),
    "further_help": N_("Further help"),
    "further_help_detail": N_("Which further help"),
    "ended_as": N_("Help ended"),
    "ended_early_by": N_("Ended early by"),
    "reopened_on": N_("Reopened on"),
    "goal_text": N_("Goal"),
    "respondent": N_("Who answered"),
    "heard": N_("Felt heard"),
    "helped": N_("Was helped"),
    "knows_what_to_do": N_("Knows what to do"),
    "comment": N_("Comment"),
    "started_on": N_("Started on"),
    "confirmed_by": N_("Confirmed by"),
    "list_version": N_("Version of the list"),
    # the dossier
    "occurred_on": N_("Date"),
    "occurred_at": N_("Time"),
    "author_id": N_("Written by"),
    "participants": N_("With whom"),
    "working_note": N_("Working note"),
    "corrects_id": N_("Corrects"),
    "recorded_at": N_("Recorded at"),
    "entry_id": N_("Journal entry"),
    "target_kind": N_("About (kind)"),
    "target_key": N_("About (reference)"),
    "target_label": N_("About"),
    "number": N_("Number"),
    "started_by": N_("Started by"),
    "kindcheck_adults": N_("Kindcheck: adults"),
    "kindcheck_children_depend": N_("Kindcheck: children depend on them"),
    "kindcheck_safety_assessed": N_("Kindcheck: children's safety assessed"),
    "kindcheck_note": N_("Kindcheck: note"),
    "decided_report": N_("Decision: report to Veilig Thuis"),
    "decided_help": N_("Decision: offer or organise help"),
    "decision_reason": N_("Reason for the decision"),
    "closed_by": N_("Closed by"),
    "record_id": N_("Meldcode record"),
    "step": N_("Step"),
    "done_on": N_("Done on"),
    "done_by": N_("Done by"),
    "with_whom": N_("With whom"),
    "talk_held": N_("Talk held"),
    "not_held_reason": N_("Why the talk was not held"),
    "scale_score": N_("Scale score"),
    "source_lineage": N_("Map item or statement"),
    "answer": N_("Answer"),
    "person_id": N_("Person"),
    "adult_label": N_("Adult"),
    "trigger": N_("Raised by"),
    "asked_on": N_("Asked on"),
    "asked_by": N_("Asked by"),
    "children_depend": N_("Children depend on this adult"),
    "safety_assessed": N_("Children's safety assessed"),
    "journal_entry_id": N_("Journal entry"),
    # plan review (toetsing), network meetings, goal judgements, the network's plan
    "state": N_("State"),
    "approval_id": N_("Submission for review"),
    "submitted_on": N_("Submitted on"),
    "submitted_by": N_("Submitted by"),
    "submitted_by_id": N_("Submitted by"),
    "reviewer": N_("Reviewer"),
    "reviewer_id": N_("Reviewer"),
    "decided_by_id": N_("Decided by"),
    "decision_note": N_("Reviewer's note"),
    "re_review_on": N_("Review again by"),
    "place": N_("Place"),
    "plan_version_id": N_("Plan version"),
    "shared": N_("Shared with the network"),
    "told": N_("What the network was told"),
    "chaired": N_("Chaired"),
    "goal_lineage": N_("Safety goal"),
    "judged_on": N_("Judged on"),
    "judgement": N_("Judgement"),
    "seen_since": N_("Seen since"),
    "judged_by": N_("Judged by"),
    "review_id": N_("Plan review"),
    "network_meeting_id": N_("Network meeting"),
    "network_keeps": N_("What the network keeps doing"),
    "whom_to_call": N_("Whom to call"),
    "contact_on": N_("Date"),
    "channel": N_("How"),
    "reference": N_("Reference"),
    "recorded_by": N_("Recorded by"),
    "meldcode_record_id": N_("Meldcode record"),
    "child_label": N_("Child"),
    "signalled_on": N_("Signalled on"),
    "signalled_by": N_("Signalled by"),
    "coordinator": N_("Coordinator"),
    "coordination_on": N_("Coordinating since"),
    "expires_on": N_("Expires on"),
    "withdrawn_on": N_("Withdrawn on"),
    "signal_id": N_("Verwijsindex signal"),
    "matched_on": N_("Matched on"),
    "contact": N_("Contact person"),
}
#: (entity, field) -> label, where a field means something else for that kind of row.
ENTITY_FIELD_LABELS: dict[tuple[str, str], str] = {
    ("journal_entry", "author"): N_("Written by"),
    ("journal_entry", "kind"): N_("Kind of contact"),
    ("veilig_thuis_contact", "kind"): N_("Consultation or report"),
    ("veilig_thuis_contact", "advice"): N_("Advice or what was reported"),
    ("meldcode_answer", "question"): N_("Question"),
    ("meldcode_signal", "source"): N_("Where the signal came from"),
    ("network_meeting_attendee", "meeting_id"): N_("Network meeting"),
    ("plan_approval", "note"): N_("Submitter's note"),
    ("plan_approval_comment", "text"): N_("Comment"),
    ("family_goal", "text"): N_("The family's goal"),
}
_HOUSEHOLD_NAME = N_("Household name")

#: Field -> the vocabularies its values may come from, tried in order ("role" is a household
#: member's role or a rater's role; they share their common values).
_ENUMS: dict[str, tuple[type[LabelledEnum], ...]] = {
    "mode": (CaseMode,),
    "status": (CaseStatus, PlanStatus, AgreementStatus, MeldcodeStatus),
    "accepted_how": (AcceptedHow,),
    "kept": (Kept,),
    "role": (PersonRole, RaterRole),
    "kind": (NetworkKind, NewStartKind, VeiligThuisKind, JournalKind),
    "cell": (Cell,),
    "worry_kind": (WorryKind,),
    "source_kind": (SourceKind,),
    "stance": (Stance,),
    "type": (StatementType,),
    "sustained_unit": (PeriodUnit,),
    "context": (ScoreContext,),
    "carried_by": (CarriedBy,),
    "decided_by": (DecidedBy,),
    "unit": (HelpUnit,),
    "goals_outcome": (GoalOutcome,),
    "outcome": (GoalOutcome,),  # a request's outcome is free text: shown as written
    "further_help": (FurtherHelp,),
    "ended_as": (EndedAs,),
    "ended_early_by": (EndedEarlyBy,),
    "target_kind": (LinkKind, CommentTarget),
    "state": (ApprovalState,),
    "judgement": (Judgement,),
    "special_category": (SpecialCategory,),
    "children_told_category": (SpecialCategory,),
    "source": (SignalSource,),
    "channel": (ReportChannel,),
    "children_depend": (KindcheckAnswer,),
    "safety_assessed": (KindcheckAnswer,),
    "kindcheck_children_depend": (KindcheckAnswer,),
    "kindcheck_safety_assessed": (KindcheckAnswer,),
}
_DATES = frozenset(
    {
        "opened_on",
        "closed_on",
        "starts_on",
        "planned_end",
        "ended_on",
        "reopened_on",
        "started_on",
        "birth_date",
        "held_on",
        "set_on",
        "incident_on",
        "scored_on",
        "start_on",
        "due_on",
        "review_on",
        "finalised_on",
        "next_review_on",
        "told_on",
        "submitted_on",
        "re_review_on",
        "judged_on",
        "seen_since",
        "accepted_on",
        "assessed_on",
        "target_date",
        "received_on",
        "decided_on",
        "delivered_on",
        "occurred_on",
        "done_on",
        "contact_on",
        "asked_on",
        "signalled_on",
        "coordination_on",
        "expires_on",
        "withdrawn_on",
        "matched_on",
    }
)
_BOOLEANS = frozenset(
    {
        "safety_network",
        "chairs_network",
        "text_edited",
        "realistic_confirmed",
        "limitation",
        "focus",
        "accepted",
        "done",
        "working_note",
        "decided_report",
        "decided_help",
        "talk_held",
        "answer",
        "chaired",
    }
)
#: Fields that hold a consultant's id: shown as their name.
_STAFF = frozenset({"submitted_by_id", "reviewer_id", "decided_by_id"})
EMPTY = "—"


def entity_label(entity: str) -> str:
    return _(ENTITY_LABELS.get(entity, entity))


def field_label(entity: str, field: str | None) -> str:
    if field is None:
        return ""
    if entity == "household" and field == "name":
        return _(_HOUSEHOLD_NAME)
    if (entity, field) in ENTITY_FIELD_LABELS:
        return _(ENTITY_FIELD_LABELS[(entity, field)])
    return _(FIELD_LABELS.get(field, field))


def value_text(field: str | None, raw: str | None, consultants: Mapping[int, str]) -> str:
    """A stored audit value as the UI shows it (dd-mm-jjjj, Ja/Nee, labels, names)."""
    if raw is None or raw == "":
        return EMPTY
    formatter = _formatter(field)
    try:
        return formatter(raw, consultants)
    except ValueError:  # an old or odd value: show it as stored rather than hide it
        return raw


def _formatter(field: str | None) -> Callable[[str, Mapping[int, str]], str]:
    if field in _DATES:
        return lambda raw, _c: format_date_nl(dt.date.fromisoformat(raw))
    if field == "incident_marks":  # codes, one per line
        return lambda raw, _c: ", ".join(IncidentMark(m).label for m in raw.splitlines() if m)
    if field in _BOOLEANS:
        return lambda raw, _c: _("Yes") if raw == "true" else _("No")
    if field in _ENUMS:
        return lambda raw, _c: _enum_label(_ENUMS[field], raw)
    if field == "recorded_at":
        return lambda raw, _c: format_datetime_nl(dt.datetime.fromisoformat(raw))
    if field == "occurred_at":
        return lambda raw, _c: format_time_nl(dt.time.fromisoformat(raw))
    if field in _STAFF:
        return lambda raw, names: names.get(int(raw), raw)
    if field == "case_manager_id":
        return lambda raw, names: names.get(int(raw), raw)
    if field == "unit_cost_cents":
        return lambda raw, _c: format_cents(int(raw))
    return lambda raw, _c: raw


#: Values of a request about the file (cases/privacy.py keeps their labels apart).
_REQUEST_LABELS: dict[str, str] = {
    **{kind.value: label for kind, label in privacy.KIND_LABELS.items()},
    **{status.value: label for status, label in privacy.STATUS_LABELS.items()},
}


def _enum_label(types: tuple[type[LabelledEnum], ...], raw: str) -> str:
    for enum_type in types:
        try:
            return enum_type(raw).label
        except ValueError:
            continue
    if raw in _REQUEST_LABELS:  # "granted", "correction": a request's status or kind
        return _(_REQUEST_LABELS[raw])
    raise ValueError(raw)


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history page, already in the words the user reads."""

    when: str
    who: str
    what: str
    field: str
    change: str
    #: The full old and new values (a long note does not fit in a cell).
    detail: str


def member_names(entries: Iterable[AuditEntryDTO], detail: CaseDetail | None) -> dict:
    """(entity, id) -> name: as named when added or removed, or as named now."""
    names: dict[tuple[str, int], str] = {}
    for e in entries:
        if e.action in ("create", "delete") and (e.new or e.old):
            names[(e.entity, e.entity_id)] = e.new or e.old or ""
    if detail is not None:
        names.update({("person", p.id): p.full_name for p in detail.persons})
        names.update({("network_member", n.id): n.name for n in detail.network})
    return names


def history_rows(
    entries: list[AuditEntryDTO], consultants: Mapping[int, str], detail: CaseDetail | None = None
) -> tuple[HistoryRow, ...]:
    names = member_names(entries, detail)
    # The labels in the words of the case's way of working ("Welzijnsplan"); never the values.
    mode = detail.household.mode if detail is not None else CaseMode.SAFETY
    return tuple(_history_row(e, consultants, names, mode) for e in entries)


def _history_row(
    e: AuditEntryDTO,
    consultants: Mapping[int, str],
    names: Mapping[tuple[str, int], str],
    mode: CaseMode = CaseMode.SAFETY,
) -> HistoryRow:
    entity = for_mode(entity_label(e.entity), mode)
    name = names.get((e.entity, e.entity_id), "")
    stored = {"create": e.new, "delete": e.old}.get(e.action) or name
    if e.entity == "zrm_domain_score":  # stored as the domain's code
        name = stored = domain_name(stored, builtin_matrices())
    if e.entity in _CODED_LABELS:  # stored as codes: "report 2026-02-13", "suspicion"
        name = stored = _CODED_LABELS[e.entity](stored)
    if e.entity == "statement_child":  # stored as "<statement id>: <person id>"
        name = stored = _statement_child_label(stored, names)
    if e.action == "create":
        what = (
            _("{entity} created: {name}")
            if e.entity == "household"
            else _("{entity} added: {name}")
        ).format(entity=entity, name=stored)
        return HistoryRow(format_datetime_nl(e.at), e.who, what, "", "", "")
    if e.action == "delete":
        what = _("{entity} removed: {name}").format(entity=entity, name=stored)
        return HistoryRow(format_datetime_nl(e.at), e.who, what, "", "", "")
    what = (
        entity
        if e.entity == "household" or not name
        else _("{entity}: {name}").format(entity=entity, name=name)
    )
    old, new = value_text(e.field, e.old, consultants), value_text(e.field, e.new, consultants)
    if e.field == "trusted_person_id":  # a network member's id: their name
        old, new = _member_label(e.old, names), _member_label(e.new, names)
    change = f"{_one_line(old)} → {_one_line(new)}"
    detail = _("Old: {old}\nNew: {new}").format(old=old, new=new)
    return HistoryRow(
        format_datetime_nl(e.at),
        e.who,
        what,
        for_mode(field_label(e.entity, e.field), mode),
        change,
        detail,
    )


def _contact_label(stored: str) -> str:
    """A Veilig Thuis contact's stored "<kind> <iso date>" as "Melding 13-02-2026"."""
    kind, _sep, day = stored.partition(" ")
    try:
        return f"{VeiligThuisKind(kind).label} {format_date_nl(dt.date.fromisoformat(day))}"
    except ValueError:
        return stored


def _question_label(stored: str) -> str:
    """An afwegingskader answer's stored question key as the question itself."""
    texts = {q.key: q.text for q in meldcode_text.questions()}
    return texts.get(stored, stored)


_CODED_LABELS: dict[str, Callable[[str], str]] = {
    "veilig_thuis_contact": _contact_label,
    "meldcode_answer": _question_label,
}


def _statement_child_label(stored: str, names: Mapping[tuple[str, int], str]) -> str:
    """A statement's child, stored as "<statement id>: <person id>", as the child's name."""
    _statement, _sep, person = stored.partition(": ")
    try:
        return names.get(("person", int(person)), stored)
    except ValueError:
        return stored


def _member_label(stored: str | None, names: Mapping[tuple[str, int], str]) -> str:
    """A network member's stored id as their name (as named when added or removed, or now)."""
    if not stored:
        return EMPTY
    try:
        return names.get(("network_member", int(stored)), stored)
    except ValueError:
        return stored


def _one_line(text: str) -> str:
    return " ⏎ ".join(text.splitlines()) if "\n" in text else text
