"""The scale at a glance on the case overview: the formal score and a small chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import scale
from jeugdtool.i18n import _

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.inline import overview_section

#: What a change must touch for the summary to redraw (scores, wording, who a rater is).
SCALE_ENTITIES = ("scale_score", "case_scale", "person", "network_member")


class ScaleSummary(CaseWatcher, QWidget):
    #: The consultant wants the full scale page.
    open_requested = Signal()
    # Only scores and the scale's wording change this summary; a household edit must not
    # rebuild a chart of hundreds of points, nor a score given on the scale page while the
    # overview is hidden (it is rebuilt once, when the overview is shown).
    ENTITIES = SCALE_ENTITIES

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.formal = QLabel(self)
        self.formal.setWordWrap(True)
        # Imported here: the chart module uses the workspace's styling helpers.
        from jeugdtool.ui.framework.scale_chart import ScaleChart
        from jeugdtool.ui.framework.scale_chart import legend_html

        self._legend_html = legend_html

        self.chart = ScaleChart(self, compact=True)
        self.chart.setFixedHeight(170)
        # Who is which line: the full chart's legend, under the small chart (which has none).
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName(_("Legend of the scale chart"))
        parts = (self.formal, self.chart, self.legend)
        overview_section(self, _("Scale"), _("To the scale…"), self.open_requested, *parts)
        self.watch_case(ctx, case_id)
        self.reload()

    def reload(self) -> None:
        history = scale.score_history(self.ctx.uow, self.case_id)
        formal = scale.formal_score(self.ctx.uow, self.case_id)
        if formal is None:
            self.formal.setText(_("No score of the case manager yet."))
        else:
            self.formal.setText(
                _("Formal score (case manager): {score} on {date}, {name}").format(
                    score=formal.score,
                    date=format_date_nl(formal.scored_on),
                    name=formal.source.label,
                )
            )
        self.chart.setVisible(not history.is_empty)
        self.legend.setVisible(not history.is_empty)
        if not history.is_empty:
            self.chart.set_history(history)
            # In the lines' colours, which follow a light or dark palette.
            self.legend.setText(self._legend_html(history, self.chart.colours()))
