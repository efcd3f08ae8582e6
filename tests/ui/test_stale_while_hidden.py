"""Pages that reload only while seen (ui/stale.StaleWhileHidden): a change while hidden marks
them stale, and showing them reloads them once."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import scale
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.disclosures import DisclosuresPage
from jeugdtool.ui.workspace.history import HistoryPage
from jeugdtool.ui.workspace.meetings_summary import MeetingsSummary
from jeugdtool.ui.workspace.plan_status import PlanStatusLine
from jeugdtool.ui.workspace.scale_summary import ScaleSummary
from jeugdtool.ui.workspace.zrm_summary import ZrmSummary


class Counting(StaleWhileHidden, QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.reloads = 0

    def reload(self) -> None:
        self.reloads += 1


def test_a_hidden_page_reloads_once_when_shown_and_not_while_hidden(qtbot) -> None:
    page = Counting()
    qtbot.addWidget(page)
    for _change in range(3):
        page.reload_when_seen()
    assert page.reloads == 0 and page.stale
    page.show()
    assert page.reloads == 1 and not page.stale
    page.hide()
    page.show()  # nothing changed meanwhile: no reload
    assert page.reloads == 1


def test_a_shown_page_reloads_at_once(qtbot) -> None:
    page = Counting()
    qtbot.addWidget(page)
    page.show()
    page.reload_when_seen()
    page.reload_when_seen()
    assert page.reloads == 2 and not page.stale


@pytest.mark.parametrize(
    "kind",
    [ZrmSummary, MeetingsSummary, ScaleSummary, PlanStatusLine, HistoryPage, DisclosuresPage],
)
def test_the_workspace_pages_use_the_one_helper(kind: type) -> None:
    assert issubclass(kind, StaleWhileHidden)
    assert "showEvent" not in vars(kind)  # no copy of the logic of its own


def _score(ctx, case_id: int, score: int, days_ago: int) -> None:
    fields = {
        "source": Source(SourceKind.OTHER, label="Ria"),
        "role": RaterRole.CASE_MANAGER,
        "score": score,
        "scored_on": dt.date.today() - dt.timedelta(days=days_ago),
        "reason": "Het gaat beter thuis.",
    }
    ctx.run(scale.add_score, case_id, fields)


def _formal(score: int, days_ago: int) -> str:
    day = dt.date.today() - dt.timedelta(days=days_ago)
    return _("Formal score (case manager): {score} on {date}, {name}").format(
        score=score, date=format_date_nl(day), name="Ria"
    )


def test_the_scale_summary_is_not_rebuilt_while_the_overview_is_hidden(
    ctx, case, qtbot, monkeypatch
) -> None:
    summary = ScaleSummary(ctx, case.id)
    qtbot.addWidget(summary)
    summary.show()
    _score(ctx, case.id, 4, days_ago=3)
    assert summary.formal.text() == _formal(4, days_ago=3)

    reloads: list[None] = []
    original = summary.reload
    monkeypatch.setattr(summary, "reload", lambda: (reloads.append(None), original()))
    summary.hide()  # the consultant scores on the scale page
    _score(ctx, case.id, 6, days_ago=2)
    _score(ctx, case.id, 7, days_ago=1)
    assert reloads == [] and summary.stale
    assert summary.formal.text() == _formal(4, days_ago=3)
    summary.show()
    assert len(reloads) == 1 and not summary.stale
    assert summary.formal.text() == _formal(7, days_ago=1)
