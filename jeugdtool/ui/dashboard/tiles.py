"""One tile per indicator: its name, the latest quarter's share with numerator and denominator,
a small chart per quarter with the trend, the whole period's numbers and a line saying what it
counts. Every count opens the cases behind it."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _
from jeugdtool.outcomes.indicators import IndicatorResult
from jeugdtool.outcomes.indicators import Ratio
from jeugdtool.outcomes.indicators import indicator_help
from jeugdtool.outcomes.indicators import indicator_label
from jeugdtool.outcomes.indicators import shown_ratio

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.dashboard.figures import format_count
from jeugdtool.ui.dashboard.figures import format_share
from jeugdtool.ui.dashboard.figures import period_text
from jeugdtool.ui.dashboard.figures import trend_word
from jeugdtool.ui.dashboard.numbers import DrillRequest
from jeugdtool.ui.dashboard.numbers import NumberButton
from jeugdtool.ui.dashboard.quarter_chart import QuarterBar
from jeugdtool.ui.dashboard.quarter_chart import QuarterChart


def _shown_share(ratio: Ratio, suppress: bool) -> float | None:
    return shown_ratio(ratio, suppress=suppress).share


def latest_with_cases(results: Sequence[IndicatorResult], name: str) -> IndicatorResult | None:
    """The latest quarter in which the indicator counted anything (its denominator > 0): a
    follow-up indicator has nothing to count yet in the last quarters."""
    counted = [r for r in results if r.indicators[name].denominator > 0]
    return counted[-1] if counted else (results[-1] if results else None)


class CountLine(QWidget):
    """ "<label> 67% · [4] of [6]": a share with its two counts as links."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = QLabel(self)
        self.numerator = NumberButton(self)
        self.of = QLabel(_("of"), self)
        self.denominator = NumberButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for widget in (self.caption, self.numerator, self.of, self.denominator):
            row.addWidget(widget)
        row.addStretch(1)

    def show_ratio(self, caption: str, ratio: Ratio, suppress: bool, what: str) -> None:
        """`what` names the indicator and period in the drill-down's title."""
        self.caption.setText(caption)
        self.numerator.show_count(
            format_count(ratio.numerator, suppress),
            self._request(ratio.numerator_cases, suppress, ratio.numerator, what, True),
            _("Numerator"),
        )
        self.denominator.show_count(
            format_count(ratio.denominator, suppress),
            self._request(ratio.denominator_cases, suppress, ratio.denominator, what, False),
            _("Denominator"),
        )

    @staticmethod
    def _request(
        ids: tuple[int, ...], suppress: bool, count: int, what: str, numerator: bool
    ) -> DrillRequest | None:
        if format_count(count, suppress).startswith("<"):
            return None  # a hidden count stays hidden: its cases would tell it
        which = _("numerator") if numerator else _("denominator")
        return DrillRequest(f"{what} · {which}", ids)


class IndicatorTile(QFrame):
    """An indicator's figures; `fill(results, total, suppress)` shows them."""

    drill = Signal(DrillRequest)

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"tile_{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        explanation = indicator_help(name)
        self.setWhatsThis(explanation)
        self.title = QLabel(indicator_label(name), self)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setToolTip(explanation)
        self.share = QLabel(self)
        big = QFont(self.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 1.8)
        big.setBold(True)
        self.share.setFont(big)
        self.share.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.share.setAccessibleName(_("Share in the latest quarter"))
        self.latest = CountLine(self)
        self.trend = QLabel(self)
        style_text(self.trend, Role.MUTED)
        self.chart = QuarterChart(self)
        self.chart.setAccessibleName(
            _("{indicator} per quarter").format(indicator=self.title.text())
        )
        self.total = CountLine(self)
        self.help = QLabel(explanation, self)
        self.help.setWordWrap(True)
        style_text(self.help, Role.MUTED)
        self._build()
        for button in self.buttons():
            button.drill.connect(self.drill)
        for focusable in (*self.buttons(), self.chart):
            focusable.setWhatsThis(explanation)  # Shift+F1 where the keyboard is
        self.chart.bar_activated.connect(self._bar_activated)
        self._results: tuple[IndicatorResult, ...] = ()

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.share)
        figures = QVBoxLayout()
        figures.setSpacing(0)
        figures.addWidget(self.latest)
        figures.addWidget(self.trend)
        head.addLayout(figures, 1)
        box = QVBoxLayout(self)
        box.setSpacing(4)
        for part in (self.title, head, self.chart, self.total, self.help):
            if isinstance(part, QWidget):
                box.addWidget(part)
            else:
                box.addLayout(part)

    def buttons(self) -> list[NumberButton]:
        return [
            self.latest.numerator,
            self.latest.denominator,
            self.total.numerator,
            self.total.denominator,
        ]

    def fill(
        self, results: Sequence[IndicatorResult], total: IndicatorResult, suppress: bool
    ) -> None:
        """The quarters of the period (`results`), the whole period (`total`)."""
        self._results, self._suppress = tuple(results), suppress
        label = self.title.text()
        latest = latest_with_cases(results, self.name)
        if latest is not None:
            ratio = latest.indicators[self.name]
            self.share.setText(format_share(_shown_share(ratio, suppress)))
            what = f"{label}, {latest.period.label}"
            self.latest.show_ratio(f"{latest.period.label}:", ratio, suppress, what)
        whole = total.indicators[self.name]
        self.total.show_ratio(
            _("Whole period: {share} ·").format(share=format_share(_shown_share(whole, suppress))),
            whole,
            suppress,
            f"{label}, {period_text(total.period)}",
        )
        shares = [_shown_share(r.indicators[self.name], suppress) for r in results]
        word = trend_word(shares)
        self.trend.setText(_("Trend: {word}").format(word=word) if word else "")
        # "– 0 of 0" alone reads as a fault; shielded, a 0 is "<5" and must stay hidden.
        if whole.denominator == 0 and not suppress:
            self.trend.setText(_("Nothing to count in this period yet: see below what counts."))
        self.chart.set_bars([self._bar(r, suppress) for r in results])
        self.chart.setAccessibleDescription(
            "; ".join(
                f"{r.period.label}: {format_share(share)}"
                for r, share in zip(results, shares, strict=True)
            )
        )

    def _bar(self, result: IndicatorResult, suppress: bool) -> QuarterBar:
        ratio = result.indicators[self.name]
        share = _shown_share(ratio, suppress)
        counts = _("{numerator} of {denominator}").format(
            numerator=format_count(ratio.numerator, suppress),
            denominator=format_count(ratio.denominator, suppress),
        )
        label = html.escape(result.period.label)
        tip = f"<b>{label}</b>: {format_share(share)}<br>{html.escape(counts)}"
        return QuarterBar(result.period.label, share, tip)

    def _bar_activated(self, index: int) -> None:
        """Enter on a quarter's bar: the cases counted in its numerator."""
        if not 0 <= index < len(self._results):
            return
        result = self._results[index]
        ratio = result.indicators[self.name]
        what = f"{self.title.text()}, {result.period.label}"
        request = CountLine._request(
            ratio.numerator_cases, self._suppress, ratio.numerator, what, True
        )
        if request is not None and request.case_ids:
            self.drill.emit(request)
