"""The case's "Help deployed" page: the help each person gets (part of the one plan), the
warnings that serve the cheapest adequate help above it, and the selected item in full below.

Add / change / remove by button, Alt+letter or key (Ins, Enter, Del) through a dialog with
inline checks; every change is an undoable command. A closed case (or a database that may
only be read) shows the same, read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.outcomes import help as help_services
from jeugdtool.outcomes import products
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.dto import HelpWarning
from jeugdtool.outcomes.dto import ServeChoice

from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.help import texts
from jeugdtool.ui.help.columns import ColumnFitter
from jeugdtool.ui.help.commands import AddHelpCommand
from jeugdtool.ui.help.commands import EditHelpCommand
from jeugdtool.ui.help.commands import RemoveHelpCommand
from jeugdtool.ui.help.dialog import HelpDialog
from jeugdtool.ui.help.model import HelpTableModel
from jeugdtool.ui.plan.plan_commands import MoveSectionRowCommand
from jeugdtool.ui.widgets import add_all
from jeugdtool.ui.widgets import connect_rows
from jeugdtool.ui.workspace.case_page import CaseListPage
from jeugdtool.ui.workspace.case_page import adding
from jeugdtool.ui.workspace.case_page import details_label
from jeugdtool.ui.workspace.case_page import list_section
from jeugdtool.ui.workspace.case_page import name_buttons
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.member_dialogs import MemberDialog

#: The keys that move the selected help: (text, key, places).
MOVES = ((N_("Move up"), "Alt+Up", -1), (N_("Move down"), "Alt+Down", 1))
WARNING_STYLE = (
    "#helpWarnings { background: #fff3e0; border: 1px solid #e0a050; border-radius: 4px; }"
    " #helpWarnings QLabel { color: #5d3a00; } #helpWarnings a { color: #5d3a00; }"
)


class HelpPage(CaseListPage):
    """`(ctx, case_id)`: loads when first shown, reloads when the case changes while seen."""

    INTRO = N_(
        "The help this family gets, for each person: part of the one plan. Record who "
        "gives it, from when to when, how much, who decided, and which safety goals or "
        "ZRM focus domains it works on. The warnings help find the lightest help that "
        "works."
    )
    CLOSED = N_("This case is closed: the help is shown as it was. To change it, reopen the case.")

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.setObjectName("HelpPage")
        self.items: list[HelpItemDTO] = []
        self.warnings: list[HelpWarning] = []
        self.choices: list[ServeChoice] = []
        self._build()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        body = self.body
        self.warning_box = QFrame(body)
        self.warning_box.setObjectName("helpWarnings")
        self.warning_box.setStyleSheet(WARNING_STYLE)
        self.warning_text = WrappingLabel("", self.warning_box)
        self.warning_text.setTextFormat(Qt.TextFormat.RichText)
        self.warning_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.warning_text.linkActivated.connect(self._warning_clicked)
        self.warning_text.setAccessibleName(_("Warnings about the help"))
        box = QVBoxLayout(self.warning_box)
        box.setContentsMargins(12, 8, 12, 8)
        box.addWidget(self.warning_text)
        self.model = HelpTableModel(self)
        self.section = list_section(
            _("Help deployed"), self.model, _("No help recorded for this case yet."), body
        )
        name_buttons(self.section, _("&Add help…"), _("Chan&ge…"), _("Re&move"))
        self.details = details_label(body)
        self._fitter = ColumnFitter(self.section)
        add_all(self.rows, self.warning_box, self.section, self.details).addStretch(1)
        self.warning_box.hide()
        connect_rows(self.section, self.add_help, self.edit_help, self.remove_help)
        self.move_actions = [self._move_action(*a) for a in MOVES]
        selection = self.section.table.selectionModel()
        selection.currentRowChanged.connect(lambda *_a: self._show_details())
        self.setFocusProxy(self.section.table)

    def _move_action(self, text: str, key: str, delta: int) -> QAction:
        """Alt+Up / Alt+Down on the table move the selected help (as on the plan's lists)."""
        table = self.section.table
        action = QAction(_(text), table)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: self.move_selected(delta))
        table.addAction(action)
        return action

    # ---- showing ---------------------------------------------------------------------------

    def load(self) -> None:
        overview = help_services.help_overview(self.ctx.uow, self.case_id)
        self.items = list(overview.items)
        self.warnings = list(overview.warnings)
        self.choices = list(overview.choices)

    def clear(self) -> None:
        self.items, self.warnings, self.choices = [], [], []

    def show_rows(self) -> None:
        self.section.set_rows(
            tuple(self.items), choices=texts.choice_labels(self.choices), warnings=self.warnings
        )
        self.section.set_editable(self.editable)
        self.section.empty_hint.setText(self._empty_text())
        for action in self.move_actions:
            action.setEnabled(self.editable)
        self._fitter.fit()
        self._show_warnings()
        if self.section.selected() is None and self.items:
            self.section.select_row(0)
        self._show_details()

    def _empty_text(self) -> str:
        """An empty list says how to fill it, where it can be filled."""
        if not self.editable:
            return _("No help recorded for this case yet.")
        return _("No help recorded for this case yet. Add it with \u201cAdd help\u201d (Ins).")

    def _show_warnings(self) -> None:
        # A closed case's help is the record: its warnings ask for changes no one can make.
        is_open = self.case is not None and self.case.household.status == CaseStatus.OPEN
        lines = texts.warning_html(self.warnings, self.items) if is_open else []
        self.warning_text.setText("<br>".join(lines))
        self.warning_box.setVisible(bool(lines))

    def _show_details(self) -> None:
        item = self.section.selected()
        self.details.setVisible(item is not None)
        if item is not None:
            self.details.setText(texts.details_html(item, texts.choice_labels(self.choices)))

    def _warning_clicked(self, link: str) -> None:
        """A warning's name selects the item it is about."""
        row = self.model.row_of(int(link)) if link.isdigit() else -1
        if row >= 0:
            self.section.select_row(row)
            self.section.table.setFocus()

    # ---- changing ------------------------------------------------------------------------

    def add_help(self) -> HelpDialog | None:
        if not self.editable:
            return None
        # The organisation may add help only with an approved plan: say so, and what to do,
        # before anyone types (the rule add_help applies too).
        refused = help_services.help_gate(self.ctx.uow, self.case_id)
        if refused:
            self.ctx.dialogs.error(refused, _("Add help"))
            return None

        submit = adding(
            self.ctx,
            lambda values: AddHelpCommand(self.ctx, self.case_id, values),
            lambda new_id: self.section.select_row(self.model.row_of(new_id)),
        )
        return self._open(self._dialog(submit))

    def edit_help(self, item: HelpItemDTO) -> HelpDialog | None:
        if not self.editable:
            return None

        def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
            if set(values.get("serves", ())) == set(item.serves):
                values["serves"] = item.serves  # the same goals in another order: no change
            command = EditHelpCommand(self.ctx, item, values)
            if command.new:
                execute(self.ctx, command)

        return self._open(self._dialog(submit, item))

    def remove_help(self, item: HelpItemDTO) -> None:
        if not self.editable:
            return
        question = _(
            "Remove the help \u201c{item}\u201d?\nYou can bring it back with Undo (Ctrl+Z)."
        ).format(item=texts.item_name(item))
        if not self.ctx.dialogs.confirm(question, _("Remove help")):
            return
        run_command(self.ctx, self.case_id, RemoveHelpCommand(self.ctx, item))

    def move_selected(self, delta: int) -> None:
        """Move the selected help `delta` places (-1: up, +1: down), undoably; nothing at the
        top or the bottom of the list."""
        item = self.section.selected()
        if not self.editable or item is None:
            return
        new = item.position + delta
        if not 1 <= new <= self.model.rowCount():
            return
        text = _("Move help \u201c{item}\u201d").format(item=texts.item_name(item))
        command = MoveSectionRowCommand(
            self.ctx, self.case_id, help_services.move_help, item.id, item.position, new, text
        )
        if run_command(self.ctx, self.case_id, command):
            self.section.select_row(self.model.row_of(item.id))

    def _dialog(self, submit: Any, item: HelpItemDTO | None = None) -> HelpDialog:
        people = [(p.id, p.full_name) for p in self.case.persons] if self.case else []
        return HelpDialog(
            self,
            self.ctx.dialogs,
            submit,
            people=people,
            lists=products.product_lists(self.ctx.uow),
            choices=self.choices,
            item=item,
        )

    def _open(self, dialog: HelpDialog) -> HelpDialog:
        return self.open_dialog(dialog, self.section.table)
