"""The statements of the newest mapping moment: what happened (harm), what we are afraid of
(danger statements, each with the safety goals that answer it beside it) and the bottom lines.

Every change is an undoable command through the services; hints are suggestions, never walls.
Only the newest moment changes; an earlier one (`show_moment`) is shown as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.framework import moments
from jeugdtool.framework import plan_rules
from jeugdtool.framework import statements
from jeugdtool.framework.dto import MomentSummary
from jeugdtool.framework.goal_rules import period_words
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.statement_text import StatementContext
from jeugdtool.framework.statement_text import check_moment
from jeugdtool.framework.statement_text import check_statement
from jeugdtool.framework.vocab import IncidentMark
from jeugdtool.framework.vocab import PeriodUnit
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework import statement_commands as sc
from jeugdtool.ui.framework.statement_cards import StatementCard
from jeugdtool.ui.framework.statement_dialog import Choices
from jeugdtool.ui.framework.statement_dialog import HintLabel
from jeugdtool.ui.framework.statement_dialog import StatementDialog
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted

#: Entities whose change can alter what this page shows.
WATCHED = ("statement", "mapping_moment", "person", "network_member", "household")
#: Organisations that set bottom lines, offered as suggestions (proper names, not translated).
SETTERS = ("Veilig Thuis", "Raad voor de Kinderbescherming", "Gecertificeerde instelling")
#: The sections of statements numbered in order: title, lead, add button, a card's title
#: ({n}) and what shows when there are none.
NUMBERED: dict[StatementType, tuple[str, str, str, str, str]] = {
    StatementType.HARM: (
        N_("What happened? (harm statements)"),
        N_("The harm that occurred: what was done, to which child, and what it meant."),
        N_("Add ha&rm statement…"),
        N_("Harm statement {n}"),
        N_("No harm statements."),
    ),
    StatementType.BOTTOM_LINE: (
        N_("Bottom lines"),
        N_("The minimum that must be in place, who set it and which safety goals it guards."),
        N_("Add &bottom line…"),
        N_("Bottom line {n}"),
        N_("No bottom lines yet."),
    ),
}
BANNER_STYLE = (
    "background: #fff3e0; color: #5d3a00; border: 1px solid #e0a050;"
    " border-radius: 4px; padding: 6px 10px;"
)


def _end_with(layout: QVBoxLayout, button: QPushButton) -> None:
    """`button` on a row of its own at the left, the space left below it."""
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(1)


def short(text: str, limit: int = 70) -> str:
    """On one line, cut after a whole word (the core's rule)."""
    return plan_rules.shorten(text, limit)


class StatementsPage(StaleWhileHidden, QScrollArea):
    #: The case has no mapping moment yet and the consultant asked to start one.
    start_moment_requested = Signal()

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        #: The moment shown; None follows the newest.
        self._chosen: int | None = None
        self.moment: MomentSummary | None = None
        self.detail: CaseDetail | None = None
        self.statements: tuple[StatementDTO, ...] = ()
        self.context = StatementContext()
        self.cards: dict[int, StatementCard] = {}
        self.add_buttons: dict[str, QPushButton] = {}
        self.empty_box: QWidget | None = None
        ctx.signals.changed.connect(self._on_changed)
        self.reload()

    # ---- loading ---------------------------------------------------------------------------

    def show_moment(self, moment_id: int | None) -> None:
        """Show an earlier moment (read-only), or None: the newest."""
        self._chosen = moment_id
        self.reload()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches_case(self.case_id) and changes.touches(*WATCHED):
            self.reload_when_seen()  # hidden (behind the map): once, when shown

    def reload(self) -> None:
        self.add_buttons = {}
        try:
            listed = moments.list_moments(self.ctx.uow, self.case_id)
            self.detail = queries.get_case(self.ctx.uow, self.case_id)
        except NotFound:
            self._rebuild(self._message(_("This case no longer exists.")))
            return
        chosen = [m for m in listed if m.id == self._chosen]
        newest = [m for m in listed if m.editable]
        self.moment = (chosen or newest or [None])[0]
        if self.moment is None:
            self.statements, self.context = (), StatementContext()
            self._rebuild(self._no_moment())
            return
        self.statements = statements.list_statements(self.ctx.uow, self.moment.id)
        self.context = statements.moment_context(self.ctx.uow, self.moment.id)
        self._rebuild(self._content())

    @property
    def case_open(self) -> bool:
        """Whether the statements may change at all: an open case in a database that may be
        written (`AppContext.can_edit`); a closed case changes only once it is reopened."""
        return self.detail is not None and self.ctx.can_edit(self.detail.household)

    @property
    def editable(self) -> bool:
        return self.case_open and self.moment is not None and self.moment.editable

    def of_type(self, kind: StatementType) -> list[StatementDTO]:
        return [s for s in self.statements if s.type is kind]

    # ---- building ------------------------------------------------------------------------------

    def _rebuild(self, content: QWidget) -> None:
        """Swap in new content, keeping the scroll position and the focused button."""
        focus = self.focusWidget()
        focus_name = focus.objectName() if focus is not None and self.isAncestorOf(focus) else ""
        scroll = self.verticalScrollBar().value()
        self.cards = {}
        old = self.takeWidget()
        self.setWidget(content)
        if old is not None:
            old.deleteLater()
        self._fill_in(content)
        self.verticalScrollBar().setValue(scroll)
        if focus_name:
            target = content.findChild(QWidget, focus_name)
            if target is not None and target.isVisibleTo(content):
                target.setFocus()

    def _fill_in(self, content: QWidget) -> None:
        for card in content.findChildren(StatementCard):
            self.cards[card.dto.id] = card
            card.edit_requested.connect(self.edit_statement)
            card.regenerate_requested.connect(self.regenerate)
            card.remove_requested.connect(self.remove_statement)

    def _banner(self, box: QWidget) -> QLabel | None:
        """Why nothing here can change: the case is closed, or this is an earlier moment."""
        if not self.case_open:
            text = self.ctx.locked_note(
                _("This case is closed; reopen it to change the statements.")
            )
        elif self.moment is not None and not self.moment.editable:
            text = _(
                "This is an earlier mapping moment; its statements stay as they were. "
                "Start a new moment to bring them up to date."
            )
        else:
            return None
        banner = WrappingLabel(text, box)
        banner.setObjectName("read-only-banner")
        banner.setStyleSheet(BANNER_STYLE)
        return banner

    def _message(self, text: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(WrappingLabel(text, box))
        layout.addStretch(1)
        return box

    def _no_moment(self) -> QWidget:
        box = QWidget()
        self.empty_box = box
        layout = QVBoxLayout(box)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading(_("Statements"), box))
        layout.addWidget(
            WrappingLabel(
                _(
                    "Harm and danger statements, safety goals and bottom lines belong to a "
                    "mapping moment, and this case has none yet. Start the first mapping moment "
                    "to write them."
                ),
                box,
            )
        )
        button = QPushButton(_("&Start a mapping moment"), box)
        button.setObjectName("start-moment")
        button.clicked.connect(self.start_moment_requested.emit)
        button.setVisible(self.case_open)
        self.start_button = button
        if (banner := self._banner(box)) is not None:
            layout.addWidget(banner)
        _end_with(layout, button)
        return box

    def _content(self) -> QWidget:
        assert self.moment is not None
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(10)
        moment_text = _("Mapping moment of {date} · by {author}").format(
            date=format_date_nl(self.moment.held_on), author=self.moment.author
        )
        about = QLabel(moment_text, box)
        style_text(about, Role.MUTED)
        layout.addWidget(about)
        if (banner := self._banner(box)) is not None:
            layout.addWidget(banner)
        layout.addLayout(self._numbered_section(box, StatementType.HARM))
        layout.addLayout(self._section_danger(box))
        layout.addLayout(self._numbered_section(box, StatementType.BOTTOM_LINE))
        layout.addStretch(1)
        return box

    def _section_head(
        self, box: QWidget, kind: StatementType, title: str, lead: str, add: str
    ) -> QVBoxLayout:
        """A section's heading with its button `add` (a statement of `kind`) and `lead`."""
        key = kind.value
        section = QVBoxLayout()
        section.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(heading(title, box))
        top.addStretch(1)
        button = QPushButton(add, box)
        button.setObjectName(f"add-{key}")
        button.setVisible(self.editable)
        self.add_buttons[key] = button
        button.clicked.connect(lambda: self.add_statement(kind))
        top.addWidget(button)
        section.addSpacing(6)
        section.addLayout(top)
        explain = muted(lead, box)
        section.addWidget(explain)
        return section

    def _empty(self, box: QWidget, text: str) -> QLabel:
        label = WrappingLabel(text, box)
        style_text(label, Role.MUTED, "font-style: italic;")
        return label

    def _numbered_section(self, box: QWidget, kind: StatementType) -> QVBoxLayout:
        """The section of the statements of `kind`, numbered in order, in its `NUMBERED`
        words."""
        title, lead, add, card_title, empty = (_(text) for text in NUMBERED[kind])
        section = self._section_head(box, kind, title, lead, add)
        found = self.of_type(kind)
        for n, dto in enumerate(found, 1):
            section.addWidget(self._card(dto, card_title.format(n=n), box))
        if not found:
            section.addWidget(self._empty(box, empty))
        return section

    def _section_danger(self, box: QWidget) -> QVBoxLayout:
        section = self._section_head(
            box,
            StatementType.DANGER,
            _("Danger statements and safety goals"),
            _(
                "Who is worried, about what behaviour, and what could happen to which child; "
                "beside each, the safety goals that answer it."
            ),
            _("Add &danger statement…"),
        )
        moment_hints = HintLabel(box)
        moment_hints.show_hints(check_moment(self.statements))
        section.addWidget(moment_hints)
        dangers = self.of_type(StatementType.DANGER)
        goals = self.of_type(StatementType.SAFETY_GOAL)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for row, dto in enumerate(dangers):
            title = _("Danger statement {n}").format(n=dto.position)
            grid.addWidget(self._card(dto, title, box), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(self._goals_beside(box, dto, goals), row, 1)
        section.addLayout(grid)
        if not dangers:
            section.addWidget(self._empty(box, _("No danger statements yet.")))
        known = {d.lineage for d in dangers}
        loose = [g for g in goals if g.pairs_with not in known]
        if loose:
            section.addWidget(QLabel(_("Safety goals without a danger statement"), box))
            for dto in loose:
                section.addWidget(self._card(dto, self._goal_title(dto), box))
        return section

    def _goals_beside(
        self, box: QWidget, danger: StatementDTO, goals: Sequence[StatementDTO]
    ) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(8)
        for goal in (g for g in goals if g.pairs_with == danger.lineage):
            column.addWidget(self._card(goal, self._goal_title(goal), box))
        button = QPushButton(_("Add safety goal…"), box)
        button.setObjectName(f"add-goal-{danger.lineage}")
        button.setToolTip(
            _("A safety goal that answers danger statement {n}").format(n=danger.position)
        )
        button.setVisible(self.editable)
        button.clicked.connect(
            lambda: self.add_statement(
                StatementType.SAFETY_GOAL, preset={"pairs_with": danger.lineage}
            )
        )
        self.add_buttons[f"goal-{danger.lineage}"] = button
        _end_with(column, button)
        return column

    def _card(self, dto: StatementDTO, title: str, box: QWidget) -> StatementCard:
        hints = check_statement(dto, self.context) if self.editable else []
        return StatementCard(dto, title, self._meta(dto), hints, self.editable, box)

    # ---- words --------------------------------------------------------------------------------

    def _name(self, person_id: int | None) -> str:
        return self.context.names.get(person_id, "") if person_id is not None else ""

    def _goal_title(self, dto: StatementDTO) -> str:
        return _("Safety goal {n}").format(n=dto.position)

    def _meta(self, dto: StatementDTO) -> str:
        bits = []
        if dto.type is StatementType.DANGER and dto.who_worried:
            bits.append(_("Worried: {who}").format(who=", ".join(dto.who_worried)))
        if dto.type in (StatementType.DANGER, StatementType.HARM) and dto.children:
            names = ", ".join(n for n in (self._name(c) for c in dto.children) if n)
            bits.append(_("Children: {names}").format(names=names))
        if dto.type is StatementType.HARM:
            if dto.incident_on:
                bits.append(_("On {date}").format(date=format_date_nl(dto.incident_on)))
            codes = {m.value for m in IncidentMark}
            marks = [IncidentMark(m).label for m in dto.incident_marks if m in codes]
            if marks:
                bits.append(", ".join(marks).capitalize())
        if dto.type is StatementType.SAFETY_GOAL:
            if dto.who_will:
                bits.append(_("Who: {names}").format(names=", ".join(dto.who_will)))
            if dto.sustained_amount and dto.sustained_unit:
                words = period_words(dto.sustained_amount, PeriodUnit(dto.sustained_unit))
                bits.append(_("For {period}").format(period=words))
            elif dto.sustained_for:
                bits.append(
                    _("For “{text}” (choose weeks or months)").format(text=dto.sustained_for)
                )
        if dto.type is StatementType.BOTTOM_LINE:
            if dto.set_by:
                bits.append(_("Set by {who}").format(who=dto.set_by))
            if dto.set_on:
                bits.append(_("on {date}").format(date=format_date_nl(dto.set_on)))
            goals = {g.lineage: g for g in self.of_type(StatementType.SAFETY_GOAL)}
            guarded = [self._goal_title(goals[g]) for g in dto.guards if g in goals]
            if guarded:
                bits.append(_("Guards: {goals}").format(goals=", ".join(guarded)))
        return " · ".join(bits)

    def choices(self) -> Choices:
        detail = self.detail
        persons = sorted(
            detail.persons if detail else (), key=lambda p: (p.role != PersonRole.CHILD, p.position)
        )
        carers: list[str] = [p.full_name for p in persons if p.role != PersonRole.CHILD]
        organisations: list[str] = []
        for member in detail.network if detail else ():
            carers.append(member.name)
            if member.organisation and member.organisation not in organisations:
                organisations.append(member.organisation)
        try:
            worried = tuple(statements.worried_choices(self.ctx.uow, self.case_id))
        except NotFound:
            worried = ()
        dangers = self.of_type(StatementType.DANGER)
        goals = self.of_type(StatementType.SAFETY_GOAL)
        return Choices(
            persons=tuple((p.id, p.full_name) for p in persons),
            children=tuple((p.id, p.full_name) for p in persons if p.role == PersonRole.CHILD),
            worried=worried,
            carers=tuple(dict.fromkeys(carers)),
            dangers=tuple(
                (d.lineage, f"{d.position}. {short(d.text or d.behaviour)}") for d in dangers
            ),
            goals=tuple(
                (g.lineage, f"{self._goal_title(g)}: {short(g.text or g.carers_will)}")
                for g in goals
            ),
            setters=tuple(dict.fromkeys([*SETTERS, _("the team"), *organisations])),
        )

    # ---- doing -------------------------------------------------------------------------------

    def _dialog(
        self,
        kind: StatementType,
        submit,
        statement: StatementDTO | None = None,
        preset: dict | None = None,
    ) -> StatementDialog:
        if kind is StatementType.BOTTOM_LINE and statement is None:
            preset = {"set_on": dt.date.today(), **(preset or {})}
        return StatementDialog(
            self,
            kind,
            self.ctx.dialogs,
            submit,
            self.context,
            self.choices(),
            statement=statement,
            preset=preset,
        )

    def add_statement(self, kind: StatementType, preset: dict | None = None) -> StatementDialog:
        """Open the form for a new statement (non-modal in tests: the dialog is returned)."""
        assert self.moment is not None
        moment_id = self.moment.id

        def submit(_dialog: StatementDialog, values: dict) -> None:
            command = sc.AddStatementCommand(self.ctx, self.case_id, moment_id, kind, values)
            sc.execute(self.ctx, command)

        dialog = self._dialog(kind, submit, preset=preset)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def edit_statement(self, dto: StatementDTO) -> StatementDialog:
        def submit(_dialog: StatementDialog, values: dict) -> None:
            command = sc.EditStatementCommand(self.ctx, dto, values)
            if command.changes_anything:
                sc.execute(self.ctx, command)

        dialog = self._dialog(StatementType(dto.type), submit, statement=dto)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def regenerate(self, dto: StatementDTO) -> None:
        self._run(sc.RegenerateTextCommand(self.ctx, dto))

    def remove_statement(self, dto: StatementDTO) -> None:
        question = _("Remove this statement?\n{text}").format(text=short(dto.text, 200))
        if self.ctx.dialogs.confirm(question, _("Remove")):
            self._run(sc.RemoveStatementCommand(self.ctx, dto))

    def _run(self, command: ServiceCommand) -> None:
        try:
            sc.execute(self.ctx, command)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            sc.refresh_statements(self.ctx, self.case_id)
