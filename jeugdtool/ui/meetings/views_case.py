"""Views 1–3 of a case on the big screen: the question and the household; the current map in
three columns; the danger statements, safety goals and bottom lines."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import prompts
from jeugdtool.framework.relations import person_relation
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Column
from jeugdtool.framework.vocab import StatementType
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.names import NameMask

from jeugdtool.ui.meetings.views_common import ACCENT
from jeugdtool.ui.meetings.views_common import INK
from jeugdtool.ui.meetings.views_common import WELL
from jeugdtool.ui.meetings.views_common import WORRY
from jeugdtool.ui.meetings.views_common import View
from jeugdtool.ui.meetings.views_common import note_label
from jeugdtool.ui.meetings.views_common import rule
from jeugdtool.ui.meetings.views_common import text_label
from jeugdtool.ui.meetings.views_data import CaseData

COLUMN_COLOURS = {Column.WORRIES: WORRY, Column.WORKING_WELL: WELL, Column.NEEDS: ACCENT}


class QuestionView(View):
    name = N_("Question and household")

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:
        household = data.case.household
        box = QFrame()
        box.setStyleSheet(f"QFrame {{ border: 4px solid {ACCENT}; }}")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 16, 24, 16)
        inner.addWidget(text_label(_("Question for the meeting"), 0.9, bold=True, colour=ACCENT))
        question = mask.text(item.question) or _("No question was written down for this case.")
        inner.addWidget(text_label(question, 1.5, bold=True))
        for label in box.findChildren(QWidget):
            label.setStyleSheet(label.styleSheet() + " border: none;")
        self.add(box)
        facts = [
            household.case_number,
            mask.text(household.name),
            household.mode.label,
            _("case manager: {name}").format(name=household.case_manager_name or _("none")),
        ]
        self.add(text_label(" · ".join(facts), 1.0, bold=True))
        columns = QHBoxLayout()
        columns.setSpacing(48)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(self._members(data, mask), 3)
        columns.addLayout(self._network(data, mask), 2)
        holder = QWidget()
        holder.setLayout(columns)
        self.add(holder)
        self.body_layout.addStretch(1)

    def _members(self, data: CaseData, mask: NameMask) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(6)  # not the 48 between the columns, which a nested box would take
        box.addWidget(text_label(_("Household"), 1.15, bold=True, colour=ACCENT))
        box.addWidget(rule(ACCENT))
        today = dt.date.today()
        lines = []
        for person in data.case.persons:
            role = person_relation(person)
            line = _("{name} — {role}").format(name=mask.text(person.full_name), role=role)
            if aged := person.age_text_on(today):
                line += ", " + aged
            lines.append(line)
        if lines:
            box.addWidget(text_label("\n".join(lines)))
        else:
            box.addWidget(note_label(_("No household members entered yet.")))
        box.addStretch(1)
        return box

    def _network(self, data: CaseData, mask: NameMask) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(6)
        box.addWidget(text_label(_("Network"), 1.15, bold=True, colour=ACCENT))
        box.addWidget(rule(ACCENT))
        network = data.case.network
        professionals = sum(1 for n in network if n.kind.is_professional)
        count = ngettext("{n} network member", "{n} network members", len(network)).format(
            n=len(network)
        )
        box.addWidget(text_label(count, 1.0, bold=True))
        lines = [
            _("{family} from their own circle").format(family=len(network) - professionals)
            + " · "
            + ngettext("{n} professional", "{n} professionals", professionals).format(
                n=professionals
            )
        ]
        safety = sum(1 for n in network if n.safety_network)
        if safety:
            lines.append(_("{n} in the safety network").format(n=safety))
        box.addWidget(text_label("\n".join(lines)))
        box.addStretch(1)
        return box


class MapView(View):
    name = N_("Current map")

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:
        if data.moment is None:
            self.only_note(_("Not yet: this case has no map. The next views still apply."))
            return
        mode = data.case.household.mode
        held = data.moment.moment.held_on
        self.add(text_label(_("Mapped on {date}").format(date=format_date_nl(held)), 0.85))
        # Columns of boxes, not a grid: a box layout's height for a width is exact, so the fit
        # can trust it (a grid underestimates wrapped text in nested layouts).
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(36)
        for column in Column:
            colour = COLUMN_COLOURS[column]
            cells = QVBoxLayout()
            cells.setSpacing(4)
            title = prompts.column_title(column, mode)
            cells.addWidget(text_label(title, 1.1, bold=True, colour=colour))
            cells.addWidget(rule(colour))
            for cell in (c for c in Cell if c.column is column):
                self._cell(cells, data, cell, mask, colour)
            cells.addStretch(1)
            columns.addLayout(cells, 1)
        holder = QWidget()
        holder.setLayout(columns)
        self.add(holder)
        self.body_layout.addStretch(1)

    def _cell(
        self, box: QVBoxLayout, data: CaseData, cell: Cell, mask: NameMask, colour: str
    ) -> None:
        assert data.moment is not None
        title = prompts.cell_title(cell, data.case.household.mode)
        heading = text_label(title, 0.9, bold=True, colour=colour)
        heading.setContentsMargins(0, 10, 0, 0)
        box.addWidget(heading)
        items = data.moment.cells.get(cell, ())
        lines = []
        for entry in items:
            text = mask.text(entry.text)
            if entry.worry_kind is WorryKind.LIMITATION:
                text += " " + _("(limitation)")
            lines.append("• " + text)
        if lines:
            box.addWidget(text_label("\n".join(lines), 0.9, colour=INK))
        else:
            box.addWidget(note_label(_("(nothing yet)")))


#: Statement types on view 3, in the order the method reads them.
STATEMENT_SECTIONS = (
    (StatementType.DANGER, N_("Danger statements"), WORRY),
    (StatementType.SAFETY_GOAL, N_("Safety goals"), WELL),
    (StatementType.BOTTOM_LINE, N_("Bottom lines"), ACCENT),
)


class StatementsView(View):
    name = N_("Danger statements, safety goals and bottom lines")

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:
        if data.moment is None:
            self.only_note(_("Not yet: without a map there are no statements."))
            return
        for kind, title, colour in STATEMENT_SECTIONS:
            self.add(text_label(_(title), 1.1, bold=True, colour=colour))
            self.add(rule(colour))
            found = [s for s in data.statements if s.type is kind]
            for number, statement in enumerate(found, 1):
                self.add(text_label(statement_line(number, statement, mask)))
            if not found:
                self.add(note_label(_("None written yet.")))
        self.body_layout.addStretch(1)


def statement_line(number: int, statement: StatementDTO, mask: NameMask) -> str:
    # The sentence already says how long a safety goal must hold (the generator writes it in).
    return f"{number}. {mask.text(statement.text)}"
