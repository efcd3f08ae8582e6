"""When the goals have held: the overview's proposal to close the case, and what the closing
dialog starts from (each goal's outcome proposed from its latest judgement, whom the network
calls after closure).

A case is proposed for closure when it is open and every safety goal of its newest mapping
moment has held for its period (`goal_rules.goal_held`). The proposal never closes anything:
the consultant closes the case with `closing.close_case`, starting from these values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import NetworkMember
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.framework import goal_rules
from jeugdtool.framework import goals
from jeugdtool.framework.goal_dto import GoalTrack
from jeugdtool.framework.plan_models import PlanNetworkRole
from jeugdtool.framework.plans import newest_version_id
from jeugdtool.framework.vocab import Judgement
from jeugdtool.i18n import _
from jeugdtool.outcomes.closing_rules import MAX_CALL_LINE
from jeugdtool.outcomes.closing_rules import proposed_outcome
from jeugdtool.outcomes.vocab import GoalOutcome
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order
from jeugdtool.store.uow import UnitOfWork


@dataclass(frozen=True)
class ProposedGoal:
    """A safety goal with the outcome the closing proposes for it."""

    lineage: str
    text: str
    #: None: never judged (the consultant chooses).
    outcome: GoalOutcome | None
    #: Why, in words: "Gehaald sinds 01-03-2026; 3 maanden volgehouden op 01-06-2026".
    why: str
    track: GoalTrack


@dataclass(frozen=True)
class ClosureProposal:
    """Every safety goal has held for its period: the case may close."""

    case_id: int
    goals: tuple[ProposedGoal, ...]
    #: The day the last of the goals had held for its period.
    held_since: dt.date
    #: Whom to call after closure, from the plan's safety network (one line each).
    whom_to_call: tuple[str, ...]


def why_proposed(track: GoalTrack) -> str:
    """The words with a proposed outcome: the latest judgement and the goal's clock (as the
    track was read for a day: `track.held`)."""
    latest = track.latest
    if latest is None:
        return _("Not judged at a review yet.")
    judged = v.format_date_nl(latest.judged_on)
    if latest.judgement is not Judgement.MET:
        return _("{judgement} at the review of {date}.").format(
            judgement=latest.judgement.label, date=judged
        )
    since = v.format_date_nl(latest.seen_since)
    if track.amount is None or track.unit is None:
        return _("Met since {since}; the goal has no period yet.").format(since=since)
    period = goal_rules.period_words(track.amount, track.unit)
    until = v.format_date_nl(track.held_until)
    if track.held:
        return _("Met since {since}; held for {period} on {until}.").format(
            since=since, period=period, until=until
        )
    return _("Met since {since}; {period} are reached on {until}.").format(
        since=since, period=period, until=until
    )


def propose(track: GoalTrack) -> ProposedGoal:
    """The outcome the closing proposes for a goal, from its latest judgement and clock."""
    latest = track.latest.judgement.value if track.latest is not None else None
    return ProposedGoal(
        lineage=track.lineage,
        text=track.text,
        outcome=proposed_outcome(latest, track.held),
        why=why_proposed(track),
        track=track,
    )


def network_call_lines(uow: UnitOfWork, case_id: int) -> tuple[str, ...]:
    """Inside an open unit of work: the safety network of the case's newest plan version as
    lines of whom to call ("oma Ria (grootmoeder), 06-12345678: haalt Noa op"), each once."""
    newest = newest_version_id(uow, case_id)
    if newest is None:
        return ()
    roles = in_order(uow, PlanNetworkRole, PlanNetworkRole.plan_version_id == newest)
    # The network members named, read at once (not one query per role).
    member_ids = {r.source_network_id for r in roles if r.source_network_id is not None}
    members = (
        {
            m.id: m
            for m in uow.session.scalars(
                select(NetworkMember).where(NetworkMember.id.in_(member_ids))
            )
        }
        if member_ids
        else {}
    )
    lines: list[str] = []
    for role in roles:
        member = members.get(role.source_network_id) if role.source_network_id is not None else None
        who = role.source_label
        if member is not None and member.relation.strip():
            who = f"{who} ({member.relation.strip()})"
        phone = (member.phone or "").strip() if member is not None else ""
        if phone:
            who = f"{who}, {phone}"
        line = f"{who}: {role.role.strip()}" if role.role.strip() else who
        line = " ".join(line.split())[:MAX_CALL_LINE]
        if line and line not in lines:
            lines.append(line)
    return tuple(lines)


def closure_proposal(
    uow: UnitOfWork, case_id: int, today: dt.date | None = None
) -> ClosureProposal | None:
    """A proposal to close the case when it is open, has safety goals and every one of them
    has held for its period by `today`; else None."""
    today = today or dt.date.today()
    with uow:
        case = get(uow, Household, case_id)
        if case.status != CaseStatus.OPEN:
            return None
        tracks = goals.tracks_in(uow, case_id, today)
        if not tracks or not all(t.held for t in tracks):
            return None
        return ClosureProposal(
            case_id=case_id,
            goals=tuple(propose(t) for t in tracks),
            held_since=max(t.held_until for t in tracks if t.held_until is not None),
            whom_to_call=network_call_lines(uow, case_id),
        )
