"""The rules of a privacy request and its decision, as pure functions: the services
(cases/privacy.py) call them before writing, the panel takes its hints from them (which
decision needs an explanation, and what it should say).

Each raises InvalidInput naming its field; `check_decision` collects every problem at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jeugdtool.cases import validation as v
from jeugdtool.cases.privacy_models import RequestKind
from jeugdtool.cases.privacy_models import RequestStatus
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

#: The exceptions of Jeugdwet art. 7.3.9 under which a destruction request is (partly) refused.
REFUSAL_GROUNDS: dict[str, str] = {
    "third_party": N_(
        "Keeping the data is of substantial importance to someone other than the young "
        "person (Jeugdwet art. 7.3.9)"
    ),
    "legal_duty": N_("A legal rule requires the data to be kept (Jeugdwet art. 7.3.9)"),
}

#: The longest text for what is asked, and for the outcome.
MAX_TEXT = 4000
MAX_REQUESTED_BY = 200


def check_kind(value: Any) -> RequestKind:
    try:
        return RequestKind(value)
    except ValueError:
        raise InvalidInput(
            Problem("kind", _("Choose the kind of request: access, correction or destruction."))
        ) from None


def check_requested_by(value: Any) -> str:
    """Who asked: required, at most 200 characters."""
    return v.text(
        "requested_by", value, label=_("Requested by"), max_len=MAX_REQUESTED_BY, required=True
    )


def check_subject(value: Any) -> str:
    return v.text("subject", value, label=_("What is asked"), max_len=MAX_TEXT)


def _check_day(field: str, value: Any, label: str, today: dt.date) -> dt.date:
    if not isinstance(value, dt.date):
        raise InvalidInput(Problem(field, _("{label} is required.").format(label=label)))
    if value > today:
        raise InvalidInput(
            Problem(
                field,
                _("{label} cannot be in the future. Give the day it happened.").format(label=label),
            )
        )
    if value < v.EARLIEST:
        raise InvalidInput(
            Problem(field, _("{label} is too long ago. Check the year.").format(label=label))
        )
    return value


def check_received_on(value: Any, today: dt.date) -> dt.date:
    """The day the request arrived: required, not in the future."""
    return _check_day("received_on", value, _("Date received"), today)


def _check_after_receipt(field: str, day: dt.date, received_on: dt.date, label: str) -> None:
    if day < received_on:
        raise InvalidInput(
            Problem(
                field,
                _("{label} cannot be before the request was received ({received}).").format(
                    label=label, received=v.format_date_nl(received_on)
                ),
            )
        )


def check_grounds(
    kind: RequestKind, status: RequestStatus, grounds: Iterable[str]
) -> tuple[str, ...]:
    """The art. 7.3.9 grounds: at least one for a refused or partly granted destruction
    request, none otherwise; unknown keys are refused."""
    chosen = tuple(dict.fromkeys(g.strip() for g in grounds if g and g.strip()))
    unknown = [g for g in chosen if g not in REFUSAL_GROUNDS]
    if unknown:
        raise InvalidInput(
            Problem(
                "refusal_grounds",
                _("Unknown ground '{ground}'. Choose from: {known}.").format(
                    ground=unknown[0], known=", ".join(REFUSAL_GROUNDS)
                ),
            )
        )
    needs = kind == RequestKind.DESTRUCTION and status in (
        RequestStatus.REFUSED,
        RequestStatus.PARTLY,
    )
    if needs and not chosen:
        raise InvalidInput(
            Problem(
                "refusal_grounds",
                _(
                    "A destruction request may only be refused on a ground of Jeugdwet art. "
                    "7.3.9. Choose at least one ground."
                ),
            )
        )
    if chosen and not needs:
        raise InvalidInput(
            Problem(
                "refusal_grounds",
                _(
                    "Grounds of art. 7.3.9 only apply to a destruction request that is "
                    "refused or partly granted. Remove the grounds."
                ),
            )
        )
    return chosen


def outcome_required(kind: RequestKind, status: RequestStatus) -> bool:
    """Whether the decision needs an explanation: a refusal or partial grant (why not), and a
    granted correction (what was changed)."""
    return status in (RequestStatus.REFUSED, RequestStatus.PARTLY) or (
        kind == RequestKind.CORRECTION and status == RequestStatus.GRANTED
    )


def outcome_advice(kind: RequestKind, status: RequestStatus) -> str:
    """What the outcome text should say, for the rule's message and the panel's hint."""
    if kind == RequestKind.CORRECTION and status == RequestStatus.GRANTED:
        return _("Say what was changed, in at least {n} characters.")
    return _(
        "Say why the request was not (fully) granted, in at least {n} characters. The family "
        "reads this."
    )


def check_outcome(kind: RequestKind, status: RequestStatus, value: Any) -> str:
    """The outcome text: the kept-reason rule where it is required, else optional text."""
    if outcome_required(kind, status):
        try:
            cleaned = v.reason(value, outcome_advice(kind, status))
        except InvalidInput as exc:  # the rule names its field "reason"; here it is the outcome
            raise InvalidInput([Problem("outcome", p.message) for p in exc.problems]) from None
        return v.text("outcome", cleaned, label=_("Outcome"), max_len=MAX_TEXT)
    return v.text("outcome", value, label=_("Outcome"), max_len=MAX_TEXT)


def check_status(value: Any) -> RequestStatus:
    """A decision: granted, partly, refused or withdrawn (never back to open by hand)."""
    try:
        status = RequestStatus(value)
    except ValueError:
        status = RequestStatus.OPEN
    if status == RequestStatus.OPEN:
        raise InvalidInput(
            Problem("status", _("Choose the decision: granted, partly, refused or withdrawn."))
        )
    return status


@dataclass(frozen=True)
class Decision:
    status: RequestStatus
    decided_on: dt.date
    outcome: str
    refusal_grounds: tuple[str, ...]


def check_decision(
    kind: RequestKind,
    received_on: dt.date,
    status: Any,
    decided_on: Any,
    outcome: Any,
    grounds: Iterable[str],
    today: dt.date,
) -> Decision:
    """Every rule of a decision; InvalidInput lists every problem found, one per field."""
    checked: dict[str, Any] = {}
    with collect() as problems:
        with problems.catching():
            checked["status"] = check_status(status)
        with problems.catching():
            checked["decided_on"] = check_decided_on(decided_on, received_on, today)
        if "status" in checked:
            chosen = checked["status"]
            with problems.catching():
                checked["outcome"] = check_outcome(kind, chosen, outcome)
            with problems.catching():
                checked["refusal_grounds"] = check_grounds(kind, chosen, grounds)
    return Decision(
        checked["status"], checked["decided_on"], checked["outcome"], checked["refusal_grounds"]
    )


def check_decided_on(value: Any, received_on: dt.date, today: dt.date) -> dt.date:
    day = _check_day("decided_on", value, _("Date of decision"), today)
    _check_after_receipt("decided_on", day, received_on, _("Date of decision"))
    return day


def check_delivered_on(value: Any, received_on: dt.date, today: dt.date) -> dt.date:
    day = _check_day("delivered_on", value, _("Date delivered"), today)
    _check_after_receipt("delivered_on", day, received_on, _("Date delivered"))
    return day


@dataclass(frozen=True)
class NewRequest:
    kind: RequestKind
    received_on: dt.date
    requested_by: str
    subject: str


def check_new_request(
    kind: Any, received_on: Any, requested_by: Any, subject: Any, today: dt.date
) -> NewRequest:
    """A request to register, every field checked: all problems at once (InvalidInput)."""
    with collect() as problems:
        chosen = problems.check(check_kind, kind)
        received = problems.check(check_received_on, received_on, today)
        who = problems.check(check_requested_by, requested_by)
        what = problems.check(check_subject, subject)
    return NewRequest(chosen, received, who, what)
