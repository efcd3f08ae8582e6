"""Views 5 and 6 of a case on the big screen: the plan's agreements with how they were kept at
the last review; the ZRM picture (domains down, persons across, the newest level of each)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import ReviewResultDTO
from jeugdtool.framework.vocab import Kept
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.names import NameMask
from jeugdtool.zrm.compare import heat_domains
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.dto import DomainScore

from jeugdtool.ui.meetings.views_common import ACCENT
from jeugdtool.ui.meetings.views_common import INK
from jeugdtool.ui.meetings.views_common import NOTE
from jeugdtool.ui.meetings.views_common import WELL
from jeugdtool.ui.meetings.views_common import WORRY
from jeugdtool.ui.meetings.views_common import View
from jeugdtool.ui.meetings.views_common import note_label
from jeugdtool.ui.meetings.views_common import rule
from jeugdtool.ui.meetings.views_common import sized
from jeugdtool.ui.meetings.views_common import text_label
from jeugdtool.ui.meetings.views_data import CaseData
from jeugdtool.ui.zrm.heat_colours import LEVEL_COLOURS
from jeugdtool.ui.zrm.heat_colours import NO_LEVEL
from jeugdtool.ui.zrm.heat_colours import NOT_ASSESSED
from jeugdtool.ui.zrm.progress_model import FOCUS_MARK

KEPT_COLOURS = {Kept.YES: WELL, Kept.PARTLY: "#8a4b00", Kept.NO: WORRY}


class PlanView(View):
    name = N_("Plan: agreements and how they were kept")

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:
        if data.plan is None or not data.plan.agreements:
            self.only_note(_("Not yet: this case has no plan with agreements."))
            return
        plan = data.plan.plan
        state = plan.status.label
        if plan.finalised_on is not None:
            state += " " + format_date_nl(plan.finalised_on)
        review = data.last_review
        reviewed = (
            _("last review {date}").format(date=format_date_nl(review.held_on))
            if review is not None
            else _("not reviewed yet")
        )
        line = _("Version {n} · {state} · {review}").format(
            n=plan.number, state=state, review=reviewed
        )
        self.add(text_label(line, 0.85, bold=True))
        # One row of boxes per agreement, not a grid: a box layout's height for a width is
        # exact, so the fit can trust it.
        titles = (_("Agreement"), _("Kept at the last review"))
        self.add(_row(*(text_label(t, 0.9, bold=True, colour=ACCENT) for t in titles)))
        self.add(rule(ACCENT))
        for agreement in data.plan.agreements:
            number = text_label(f"{agreement.position}.", 1.0, bold=True)
            what = text_label(agreement_text(agreement, mask), 0.9)
            self.add(_row(what, _kept_label(data.kept.get(agreement.lineage), mask), number))
        self.body_layout.addStretch(1)


def _row(first: QWidget, second: QWidget, number: QWidget | None = None) -> QWidget:
    """The agreement (after its number) and how it was kept, in columns of 3 : 2."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(28)
    inner = QHBoxLayout()
    inner.setSpacing(12)
    if number is not None:
        number.setMinimumWidth(number.fontMetrics().horizontalAdvance("00."))
        inner.addWidget(number)
    inner.addWidget(first, 1)
    row.addLayout(inner, 3)
    row.addWidget(second, 2)
    holder = QWidget()
    holder.setLayout(row)
    return holder


def agreement_text(agreement: AgreementDTO, mask: NameMask) -> str:
    text = mask.text(agreement.what)
    who = ", ".join(mask.text(name) for name in agreement.who)
    details = [part for part in (who, mask.text(agreement.when)) if part]
    return f"{text} ({'; '.join(details)})" if details else text


def _kept_label(result: ReviewResultDTO | None, mask: NameMask) -> QWidget:
    if result is None:
        return note_label(_("not reviewed yet"))
    text = result.kept.label
    if result.note:
        text += " — " + mask.text(result.note)
    return text_label(text, 0.9, bold=True, colour=KEPT_COLOURS.get(result.kept, INK))


class ZrmView(View):
    name = N_("ZRM picture")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._table: QTableWidget | None = None

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:
        self._table = None
        if not data.has_zrm:
            self.only_note(_("Not yet: nobody in this household has a ZRM assessment."))
            return
        rows = [r for r in data.zrm_rows if r.latest is not None]
        domains = heat_domains(rows, data.matrices)
        table = QTableWidget(len(domains), len(rows))
        table.setAccessibleName(_("ZRM levels per person"))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setStyleSheet(table_style(16))
        sized(table, 0.85)
        for column, heat in enumerate(rows):
            assert heat.latest is not None
            label = f"{mask.text(heat.person_name)}\n{format_date_nl(heat.latest.assessed_on)}"
            table.setHorizontalHeaderItem(column, QTableWidgetItem(label))
        for row, code in enumerate(domains):
            table.setVerticalHeaderItem(row, QTableWidgetItem(domain_name(code, data.matrices)))
            for column, heat in enumerate(rows):
                assert heat.latest is not None
                table.setItem(row, column, _level_item(heat.latest.score(code)))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._table = table
        self.add(table)
        legend = " · ".join(
            f"{level} = {data.matrices[0].level(level).name.get()}" for level in LEVEL_COLOURS
        )
        focus = _("focus domain")
        self.add(text_label(f"{legend} · {FOCUS_MARK} = {focus}", 0.7, colour=NOTE))

    def _fits(self, size: float, width: int, room: int) -> bool:
        return super()._fits(size, width, room) and not table_cut(self._table)

    def after_size(self) -> None:
        """The table as tall as its rows at the current type (it never scrolls itself)."""
        table = self._table
        if table is None:
            return
        try:
            # The style sheet decides the headers' type, so their size is set there.
            table.setStyleSheet(table_style(table.font().pointSizeF() * 0.8))
            table.horizontalHeader().resizeSections(QHeaderView.ResizeMode.Stretch)
            table.resizeRowsToContents()
            header = table.horizontalHeader()
            height = max(header.sizeHint().height(), header.height()) + 4
            height += sum(table.rowHeight(r) for r in range(table.rowCount()))
            table.setFixedHeight(height)
        except RuntimeError:  # the table of an earlier case, already deleted
            self._table = None


def table_cut(table: QTableWidget | None) -> bool:
    """Whether a header's or a cell's text is wider than its column (the table never scrolls)."""
    if table is None:
        return False
    try:
        header = table.horizontalHeader()
        for column in range(table.columnCount()):
            if header.sectionSizeFromContents(column).width() > header.sectionSize(column):
                return True
        return table.verticalHeader().width() + header.length() > table.width() + 2
    except RuntimeError:  # already deleted
        return False


def table_style(header_pt: float) -> str:
    return (
        f"QTableWidget {{ color: {INK}; gridline-color: #000000; font-weight: bold; }}"
        f" QHeaderView::section {{ color: {INK}; background: #ffffff; font-weight: bold;"
        f" font-size: {header_pt:.0f}pt; border: 1px solid #000000; padding: 4px; }}"
    )


def _level_item(score: DomainScore | None) -> QTableWidgetItem:
    level = score.level if score is not None else None
    text = str(level) if level is not None else NO_LEVEL
    if score is not None and score.focus:
        text += " " + FOCUS_MARK
    cell = QTableWidgetItem(text)
    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    background, ink = LEVEL_COLOURS.get(level, NOT_ASSESSED) if level else NOT_ASSESSED
    cell.setBackground(QBrush(QColor(background)))
    cell.setForeground(QBrush(QColor(ink)))
    return cell
