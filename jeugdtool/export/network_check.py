"""Rules for the network meetings, goal judgements and plan approvals in a case file that the
JSON Schema cannot express: unique ids, references (to the plan, the journal, the statements, the
reviews and the meetings), dates, and what each state of an approval holds. The schema has
checked the shapes; what it flagged is skipped here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import Problem
from jeugdtool.export.framework_check import _Checker
from jeugdtool.export.framework_check import _day
from jeugdtool.export.framework_check import _dicts
from jeugdtool.export.framework_check import _str
from jeugdtool.export.paths import PathPart
from jeugdtool.export.plan_check import _number
from jeugdtool.export.plan_check import _statement_types
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

_NO_MEETING = N_("'{ref}' is not the id of a network meeting in this file (see network_meetings).")
_JUDGED_TWICE = N_("goal '{ref}' is judged at this review already (also at {other}).")


def _ids_in(items: list[tuple[int, dict[str, Any]]], key: str = "id") -> set[str]:
    return {value for _i, item in items if isinstance(value := item.get(key), str)}


class _NetworkChecker(_Checker):
    """Collects the problems of one document's network meetings, goal judgements and plan
    approvals."""

    def __init__(self, doc: dict[str, Any], today: dt.date):
        super().__init__(doc, today)
        self.statement_types = _statement_types(doc)
        meetings = doc.get("network_meetings", [])
        self.meetings: set[str] | None = (
            _ids_in(_dicts(meetings)) if isinstance(meetings, list) else None
        )
        # None: the plan is missing (a file made before it; import leaves such a link out) or
        # broken (reported there): what names it cannot be checked.
        self.versions: set[int] | None = None
        self.reviews: set[str] | None = None
        if isinstance(doc.get("plans"), list):
            plans = _dicts(doc["plans"])
            numbers = (_number(plan.get("version")) for _i, plan in plans)
            self.versions = {n for n in numbers if n is not None}
            self.reviews = set()
            for _i, plan in plans:
                self.reviews |= _ids_in(_dicts(plan.get("reviews")))
        # A file without the journal (made before it) names entries nothing can check; import
        # leaves such a link out.
        journal = doc.get("journal")
        self.entries: set[str] | None = (
            _ids_in(_dicts(journal)) if isinstance(journal, list) else None
        )

    def meeting_ref(self, where: list[PathPart], ref: Any) -> None:
        if isinstance(ref, str) and self.meetings is not None and ref not in self.meetings:
            self.add(where, _(_NO_MEETING).format(ref=ref))

    # ---------------------------------------------------------------- network meetings

    def network_meetings(self) -> None:
        for index, meeting in _dicts(self.doc.get("network_meetings")):
            at: list[PathPart] = ["network_meetings", index]
            self.unique([*at, "id"], meeting.get("id"))
            self.not_in_future([*at, "date"], meeting.get("date"))
            version = _number(meeting.get("plan_version"))
            if version is not None and self.versions is not None and version not in self.versions:
                message = _("the plan has no version {number} (see plans).")
                self.add([*at, "plan_version"], message.format(number=version))
            entry = _str(meeting, "journal_entry")
            if entry is not None and self.entries is not None and entry not in self.entries:
                message = _("'{ref}' is not the id of a journal entry in this file (see journal).")
                self.add([*at, "journal_entry"], message.format(ref=entry))
            shared = meeting.get("shared")
            for number, ref in enumerate(shared if isinstance(shared, list) else []):
                known = self.statement_types
                if isinstance(ref, str) and known is not None and ref not in known:
                    message = _(
                        "'{ref}' is not the lineage of a statement in this file (see statements)."
                    )
                    self.add([*at, "shared", number], message.format(ref=ref))
            chair: str | None = None
            for number, attendee in _dicts(meeting.get("attendees")):
                where: list[PathPart] = [*at, "attendees", number]
                self.source([*where, "who"], attendee.get("who"))
                if attendee.get("chaired") is True:
                    if chair is not None:
                        message = _("one person chairs a network meeting (also at {other}).")
                        self.add([*where, "chaired"], message.format(other=chair))
                    else:
                        chair = f"attendees[{number}]"

    # ---------------------------------------------------------------- links to a meeting

    def links(self) -> None:
        scale = self.doc.get("scale")
        scores = scale.get("scores") if isinstance(scale, dict) else None
        for index, score in _dicts(scores):
            where: list[PathPart] = ["scale", "scores", index, "network_meeting"]
            self.meeting_ref(where, score.get("network_meeting"))
            if score.get("network_meeting") is not None and score.get("id") is None:
                message = _("a score given in a network meeting has an id (c1, …); add it.")
                self.add(where, message)
        for index, plan in _dicts(self.doc.get("plans")):
            for number, review in _dicts(plan.get("reviews")):
                at: list[PathPart] = ["plans", index, "reviews", number]
                self.unique([*at, "id"], review.get("id"))
                self.meeting_ref([*at, "network_meeting"], review.get("network_meeting"))

    # ---------------------------------------------------------------- goal judgements

    def judgements(self) -> None:
        at_review: dict[tuple[str, str], str] = {}
        for index, judgement in _dicts(self.doc.get("goal_judgements")):
            at: list[PathPart] = ["goal_judgements", index]
            goal = _str(judgement, "goal")
            types = self.statement_types
            if goal is not None and types is not None:
                if goal not in types:
                    message = _(
                        "'{ref}' is not the lineage of a statement in this file (see statements)."
                    )
                    self.add([*at, "goal"], message.format(ref=goal))
                elif types[goal] != StatementType.SAFETY_GOAL.value:
                    message = _("a judgement is about a safety goal, not a {type} ('{ref}').")
                    kind = StatementType(types[goal]).label.lower()
                    self.add([*at, "goal"], message.format(ref=goal, type=kind))
            self.not_in_future([*at, "date"], judgement.get("date"))
            day, seen = _day(judgement.get("date")), _day(judgement.get("seen_since"))
            if day is not None and seen is not None and seen > day:
                message = _(
                    "the change cannot be seen since a day after the judgement ({date}); use "
                    "that day or an earlier one."
                )
                self.add([*at, "seen_since"], message.format(date=format_date_nl(day)))
            review = _str(judgement, "review")
            if review is not None and self.reviews is not None and review not in self.reviews:
                message = _("'{ref}' is not the id of a plan review in this file (see plans).")
                self.add([*at, "review"], message.format(ref=review))
            elif review is not None and goal is not None:
                self.once([*at, "goal"], (review, goal), at_review, _JUDGED_TWICE, ref=goal)
            self.meeting_ref([*at, "network_meeting"], judgement.get("network_meeting"))

    # ---------------------------------------------------------------- plan approvals

    def approvals(self) -> None:
        for index, plan in _dicts(self.doc.get("plans")):
            approvals = _dicts(plan.get("approvals"))
            where: list[PathPart] = ["plans", index, "approvals"]
            if approvals and plan.get("status") == PlanStatus.DRAFT.value:
                message = _("only a finalised version is submitted for review; a draft has none.")
                self.add(where, message)
            finalised = _day(plan.get("finalised_on"))
            agreements = _ids_in(_dicts(plan.get("agreements")), "lineage")
            pending: str | None = None
            for number, approval in approvals:
                at: list[PathPart] = [*where, number]
                self.approval(at, approval, finalised, agreements)
                if approval.get("state") == ApprovalState.SUBMITTED.value:
                    if pending is not None:
                        message = _(
                            "this version is waiting for a decision already (at {other}); "
                            "submit it again only after that decision."
                        )
                        self.add([*at, "state"], message.format(other=pending))
                    else:
                        pending = f"approvals[{number}]"

    def approval(
        self,
        at: list[PathPart],
        approval: dict[str, Any],
        finalised: dt.date | None,
        agreements: set[str],
    ) -> None:
        state = approval.get("state")
        self.not_in_future([*at, "submitted_on"], approval.get("submitted_on"))
        self.after(
            [*at, "submitted_on"],
            approval.get("submitted_on"),
            finalised,
            N_(
                "a version is submitted after it was finalised ({date}); use that day or a "
                "later one."
            ),
        )
        submitted = _day(approval.get("submitted_on"))
        self.after(
            [*at, "due_on"],
            approval.get("due_on"),
            submitted,
            N_("the decision cannot be due before the submission ({date})."),
        )
        if state == ApprovalState.SUBMITTED.value:
            for key in ("decided_on", "re_review_on"):
                if approval.get(key) is not None:
                    self.add([*at, key], _("a submission still waiting has no decision; use null."))
            if approval.get("decided_by"):
                message = _("a submission still waiting has no decision; leave it empty.")
                self.add([*at, "decided_by"], message)
        elif state in {s.value for s in ApprovalState}:
            if "decided_on" in approval and approval["decided_on"] is None:
                self.add([*at, "decided_on"], _("a decision has the date it was made."))
            self.not_in_future([*at, "decided_on"], approval.get("decided_on"))
            self.after(
                [*at, "decided_on"],
                approval.get("decided_on"),
                submitted,
                N_("the decision cannot be before the submission ({date})."),
            )
            if state != ApprovalState.WITHDRAWN.value and approval.get("decided_by") == "":
                self.add([*at, "decided_by"], _("a decision says who made it."))
        # Approved: it has one; submitted: reported above.
        has_date = {ApprovalState.APPROVED.value, ApprovalState.SUBMITTED.value}
        if state not in has_date and approval.get("re_review_on") is not None:
            message = _("only an approved plan has a date to be reviewed again; use null.")
            self.add([*at, "re_review_on"], message)
        comments = _dicts(approval.get("comments"))
        if (
            state == ApprovalState.RETURNED.value
            and not comments
            and approval.get("decision_note") == ""
        ):
            message = _("a returned plan says why: add a comment or a decision note.")
            self.add([*at, "comments"], message)
        for number, comment in comments:
            self.comment([*at, "comments", number, "key"], comment, agreements)

    def comment(self, at: list[PathPart], comment: dict[str, Any], agreements: set[str]) -> None:
        target, key = comment.get("target"), comment.get("key")
        if "key" not in comment or not isinstance(key, str | type(None)):
            return
        if target == CommentTarget.PLAN.value and key is not None:
            self.add(at, _("a comment on the plan as a whole is about no part of it; use null."))
        elif target == CommentTarget.SECTION.value and (key is None or key[:1] in "AS"):
            self.add(at, _("a comment on a part of the plan names the part's code."))
        elif target == CommentTarget.AGREEMENT.value and key is not None:
            if key not in agreements:
                message = _(
                    "'{ref}' is not an agreement of this version of the plan (see its "
                    "agreements, their lineage)."
                )
                self.add(at, message.format(ref=key))
        elif target == CommentTarget.STATEMENT.value and key is not None:
            types = self.statement_types
            if types is not None and key not in types:
                message = _(
                    "'{ref}' is not the lineage of a statement in this file (see statements)."
                )
                self.add(at, message.format(ref=key))


def network_rules(doc: dict[str, Any], today: dt.date) -> list[Problem]:
    """The problems of `network_meetings`, `goal_judgements`, the links to a meeting and the
    plans' `approvals`, beyond the schema."""
    checker = _NetworkChecker(doc, today)
    return checker.run(
        checker.network_meetings, checker.links, checker.judgements, checker.approvals
    )
