"""What the closed case's banner says about its closing: the date, the goals' outcome, further
help and how the help ended, and the consultant's words (long texts shortened; the whole in the
tooltip)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.i18n import _
from jeugdtool.outcomes.dto import ClosingDTO
from jeugdtool.outcomes.vocab import EndedAs
from jeugdtool.outcomes.vocab import EndedEarlyBy
from jeugdtool.outcomes.vocab import FurtherHelp
from jeugdtool.outcomes.vocab import GoalOutcome

#: Characters of a free text (the reason, which further help) the banner shows at most.
SHORT = 90


def fill_banner(label: QLabel, h: HouseholdDTO, closing: ClosingDTO | None, hint: str) -> None:
    """The banner's text for a closed or archived case, `hint` (what to do) below it; when a
    text had to be shortened, the whole is the tooltip."""
    short, whole = banner_text(h, closing, SHORT), banner_text(h, closing, None)
    label.setText(short + "\n" + hint)
    label.setToolTip(whole if whole != short else "")


def shortened(text: str, limit: int | None) -> str:
    """`text` on one line, cut at a word before `limit` characters with "…" (None: whole)."""
    one_line = " ".join(text.split())
    if limit is None or len(one_line) <= limit:
        return one_line
    return one_line[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def banner_text(h: HouseholdDTO, closing: ClosingDTO | None, limit: int | None = SHORT) -> str:
    """The banner's lines for a closed or archived case (`closing`: its last closing, if any);
    free texts shortened to `limit` characters (None: whole)."""
    day = format_date_nl(closing.closed_on if closing else h.closed_on)
    if h.status == CaseStatus.ARCHIVED:
        first = _("This case is archived (closed on {date}).").format(date=day)
    else:
        first = _("This case was closed on {date}.").format(date=day)
    lines = [first]
    facts = outcome_facts(closing, limit) if closing is not None else []
    if facts:
        lines.append(" · ".join(facts))
    reason = shortened((closing.reason if closing else h.close_reason) or "—", limit)
    lines.append(_("Reason: {reason}").format(reason=reason))
    return "\n".join(lines)


def outcome_facts(closing: ClosingDTO, limit: int | None = SHORT) -> list[str]:
    """The goals' outcome, further help and an early end, each as a short phrase (none for a
    closing recorded before outcomes were)."""
    facts = []
    goals = goals_phrase(closing)
    if goals:
        facts.append(goals)
    if closing.further_help:
        help_label = FurtherHelp(closing.further_help).label
        if closing.further_help_detail:
            help_label = f"{help_label} — {shortened(closing.further_help_detail, limit)}"
        facts.append(_("Further help: {help}").format(help=help_label))
    if closing.ended_as == EndedAs.EARLY.value:
        who = EndedEarlyBy(closing.ended_early_by).label if closing.ended_early_by else "—"
        facts.append(_("Help ended early, by: {who}").format(who=who.lower()))
    elif closing.ended_as == EndedAs.PLANNED.value:
        facts.append(_("Help ended as planned"))
    return facts


def goals_phrase(closing: ClosingDTO) -> str:
    """How far the goals were reached ("2 of 3 fully or mostly"), or "" when unknown."""
    goals = closing.goal_outcomes
    if goals:
        reached = sum(GoalOutcome(g.outcome).realised for g in goals)
        return _("Safety goals: {reached} of {n} reached (fully or mostly)").format(
            reached=reached, n=len(goals)
        )
    if closing.goals_outcome:
        return _("Goals: {outcome}").format(outcome=GoalOutcome(closing.goals_outcome).label)
    return ""
