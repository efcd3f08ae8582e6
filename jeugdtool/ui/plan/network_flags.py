"""Two sections of the safety plan: the safety network and the red flags.

The safety network: who is in it, their role in the plan (keeps an eye on contact, the child's
trusted person, chairs the network, …) and the date they were told the worries and goals. Red
flags: the signs network members watch for, who watches, and what they do when they see one.

`PlanNetworkAndFlags(ctx, case_id)` is self-contained: the plan page calls
`set_plan(detail, editable, people)` whenever it shows a plan, and the widget reloads the shown
version by itself after its own (undoable) changes. Add / change / remove by button or by key
(Ins, Enter, Del) through small dialogs with inline validation; removing asks first. Alt+Up /
Alt+Down move the selected entry or red flag (as on the map), undoably.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import NotFound
from jeugdtool.folding import fold_key
from jeugdtool.framework import plan_rules
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import NetworkRoleDTO
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import RedFlagDTO
from jeugdtool.framework.plan_rules import same_person
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.plan import plan_commands as pc
from jeugdtool.ui.plan.plan_parts import people_choices
from jeugdtool.ui.plan.plan_parts import short
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.table_fit import RowFitter
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import Submit
from jeugdtool.ui.workspace.member_models import DtoTableModel
from jeugdtool.ui.workspace.member_section import MemberSection

#: Who can be picked: (the source, the text shown), as `plan_parts.people_choices` gives them.
Choices = Sequence[tuple[Source, str]]

#: Entities whose change can alter what this widget shows.
WATCHED = ("plan_network_role", "red_flag", "plan_version", "person", "network_member")

#: Roles offered while typing (free text: anything else is fine too).
ROLE_SUGGESTIONS = (
    N_("keeps an eye on contact"),
    N_("the child's trusted person"),
    N_("chairs the network"),
)

#: Rows a table grows to before it scrolls itself (the page scrolls around it).
MAX_ROWS_HEIGHT = 420


# ---- the tables ------------------------------------------------------------------------------


class NetworkRoleModel(DtoTableModel[Any]):
    WHO, ROLE, TOLD_ON = range(3)
    COLUMNS = (
        Column(N_("Who"), lambda role: role.source.label),
        Column(N_("Role in the plan"), lambda role: role.role),
        Column(
            N_("Told on"),
            lambda role: format_date_nl(role.told_on) if role.told_on else _("not yet"),
            tip=lambda _role: _("The date they were told the worries and goals"),
            grey=lambda role: role.told_on is None,
        ),
    )
    STRETCH = ROLE


class RedFlagModel(DtoTableModel[Any]):
    SIGN, WATCHED_BY, ACTION = range(3)
    COLUMNS = (
        Column(N_("Sign"), lambda flag: flag.sign),
        Column(N_("Who watches for it"), lambda flag: ", ".join(flag.watched_by)),
        Column(N_("What they do then"), lambda flag: flag.action),
    )
    STRETCH = ACTION


# ---- the dialogs -----------------------------------------------------------------------------


def split_names(text: str) -> list[str]:
    """Names typed in one line, separated by commas, semicolons or new lines."""
    return [name.strip() for name in re.split(r"[,;\n]", text) if name.strip()]


def _editable_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumContentsLength(24)
    # Typing completes inline (the list opens with Alt+Down); a popup would steal the typing.
    completer = combo.completer()
    if completer is not None:
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return combo


def _text_box(parent: QWidget, text: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(text, parent)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def text_of(source: Source, people: Choices) -> str:
    """How `source` is shown in a who-picker: as in `people`, else its own label."""
    for known, text in people:
        if same_person(known, source):
            return text
    return source.label


def source_of(text: str, people: Choices, before: Source | None = None) -> Source | None:
    """Who a who-picker's text names: someone of `people` (by the text shown or their name),
    `before` when it still names them, else someone else by that name; None when empty."""
    if not text:
        return None
    # A name typed is matched as people compare names (case, accents and spaces aside).
    folded = fold_key(text)
    for source, shown in people:
        if fold_key(shown) == folded:
            return source
    if before is not None and fold_key(before.label) == folded:
        return before
    for source, _shown in people:
        if fold_key(source.label) == folded:
            return source
    return Source(SourceKind.OTHER, label=text)


def who_picker(parent: QWidget, people: Choices, source: Source | None) -> QComboBox:
    """An editable "who" box: pick a household or network member of the case, or type a name."""
    who = _editable_combo(parent)
    for known, text in people:
        who.addItem(text, known)
    who.setCurrentIndex(-1)
    who.setEditText(text_of(source, people) if source is not None else "")
    who.lineEdit().setPlaceholderText(_("Pick someone or type a name"))
    who.setAccessibleName(_("Who"))
    return who


class NetworkRoleDialog(MemberDialog):
    """Who (a household or network member of the case, or a name), their role, told on."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: DialogService,
        submit: Submit,
        people: Choices,
        role: NetworkRoleDTO | None = None,
        today: dt.date | None = None,
    ):
        title = _("Change safety network entry") if role else _("Add to the safety network")
        self._today = today or dt.date.today()
        self._people = list(people)
        super().__init__(
            parent,
            title,
            dialogs,
            submit,
            lambda c: plan_rules.network_role(c, self._today),
            baseline=role,
        )
        who = who_picker(self, self._people, role.source if role else None)
        self.add_field("source", _("&Who"), who)

        role_box = _editable_combo(self)
        role_box.addItems([_(s) for s in ROLE_SUGGESTIONS])
        role_box.setCurrentIndex(-1)
        role_box.setEditText(role.role if role else "")
        role_box.lineEdit().setCursorPosition(0)  # a long role shows its start
        role_box.lineEdit().setPlaceholderText(_("e.g. the child's trusted person"))
        role_box.setAccessibleName(_("Role in the plan"))
        self.add_field("role", _("&Role in the plan"), role_box)

        told = QLineEdit(format_date_nl(role.told_on) if role else "", self)
        told.setPlaceholderText(_("dd-mm-jjjj"))
        told.setFixedWidth(max(140, told.fontMetrics().horizontalAdvance("00-00-00000") + 24))
        told.setAccessibleName(_("Told the worries and goals on"))
        hint = muted(_("Leave empty while they have not been told yet."), self)
        self.add_field("told_on", _("&Told the worries and goals on"), told, hint)
        # Aligned, the short date box no longer narrows the hint and message under it.
        self.field_box(told).setAlignment(told, Qt.AlignmentFlag.AlignLeft)
        self.setMinimumWidth(640)
        for name in ("source", "role"):
            combo = self.fields[name]
            assert isinstance(combo, QComboBox)
            combo.editTextChanged.connect(lambda *_a, n=name: self._live(n))
            combo.lineEdit().editingFinished.connect(lambda n=name: self._left(n))

    def raw_value(self, name: str) -> Any:
        widget = self.fields[name]
        if name == "source" and isinstance(widget, QComboBox):
            before = self.baseline.source if isinstance(self.baseline, NetworkRoleDTO) else None
            return source_of(widget.currentText().strip(), self._people, before)
        if isinstance(widget, QComboBox):
            return widget.currentText()
        return super().raw_value(name)


class RedFlagDialog(MemberDialog):
    """The sign, who watches for it (several names: picked or typed) and what they do then."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: DialogService,
        submit: Submit,
        names: Sequence[tuple[str, str]],
        flag: RedFlagDTO | None = None,
    ):
        title = _("Change red flag") if flag else _("Add red flag")
        super().__init__(parent, title, dialogs, submit, plan_rules.red_flag, baseline=flag)
        self.setMinimumWidth(640)
        sign = _text_box(self, flag.sign if flag else "", 3)
        sign.setPlaceholderText(_("What would the network see or hear?"))
        sign.setAccessibleName(_("Sign to watch for"))
        self.add_field("sign", _("&Sign to watch for"), sign)

        self.watchers = QListWidget(self)
        self.watchers.setAccessibleName(_("Who watches for it"))
        # Names compare folded: a watcher typed as "Aicha" is the network's "Aïcha".
        chosen = {fold_key(n) for n in (flag.watched_by if flag else ())}
        listed: set[str] = set()
        for name, shown in names:
            if fold_key(name) in listed:
                continue
            listed.add(fold_key(name))
            self._add_watcher(name, shown, fold_key(name) in chosen)
        for name in flag.watched_by if flag else ():
            if fold_key(name) not in listed:  # someone typed earlier: keep them ticked
                listed.add(fold_key(name))
                self._add_watcher(name, name, True)
        if self.watchers.count():
            self.watchers.setCurrentRow(0)
        rows = min(max(self.watchers.count(), 2), 8)
        frame = 2 * self.watchers.frameWidth()
        self.watchers.setFixedHeight((self.watchers.sizeHintForRow(0) or 18) * rows + frame + 2)
        self.others = line_edit(
            self, "", _("Other names"), _("Someone else: type names, separated by commas")
        )
        self.add_field("watched_by", _("&Who watches for it"), self.watchers, self.others)
        self.watchers.setVisible(self.watchers.count() > 0)
        self.watchers.itemChanged.connect(lambda *_a: self._live("watched_by"))
        self.others.textChanged.connect(lambda *_a: self._live("watched_by"))
        self.others.editingFinished.connect(lambda: self._left("watched_by"))

        action = _text_box(self, flag.action if flag else "", 3)
        action.setPlaceholderText(_("Who they call or tell, what they do right away"))
        action.setAccessibleName(_("What they do then"))
        self.add_field("action", _("What they &do then"), action)

    def _add_watcher(self, name: str, shown: str, checked: bool) -> None:
        item = QListWidgetItem(shown, self.watchers)
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def raw_value(self, name: str) -> Any:
        if name == "watched_by":
            ticked = [
                self.watchers.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.watchers.count())
                if self.watchers.item(i).checkState() == Qt.CheckState.Checked
            ]
            return [*ticked, *split_names(self.others.text())]
        return super().raw_value(name)


# ---- the widget ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionRows:
    """How a section of `PlanRows` adds, changes, removes and moves its rows: what differs
    between the sections, so that the doing is written once (`PlanRows._connect`)."""

    #: The kind of row, for plan_commands (`pc.RedFlags`).
    kind: Any
    section: MemberSection
    #: The dialog for a row (None: a new one) whose OK calls `submit`; its title is undo's.
    dialog: Callable[[Submit, Any], MemberDialog]
    #: "Remove …?" for a row, and undo's text for a removal (an English msgid).
    question: Callable[[Any], str]
    removal: str
    #: The service that moves a row, and undo's text for a move of a row.
    mover: Callable[..., Any]
    moving: Callable[[Any], str]


class PlanRows(StaleWhileHidden, QWidget):
    """Base of the plan's sections of rows (the safety network, red flags, the family's own
    goals): showing a version, reloading it after a change — at once while seen, else once
    when shown again —, and the undoable add / change / remove / move of a row through dialogs
    and keys.

    `set_plan(detail, editable, people)`: show `detail` (None: nothing), read-only unless
    `editable`; `people` are the choices of who (`plan_parts.people_choices(case)`), None: read
    from the case. A subclass shows the rows in `_show` and names what it watches in `WATCHED`.
    """

    #: Entities whose change can alter what the section shows.
    WATCHED: tuple[str, ...] = WATCHED

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.detail: PlanDetail | None = None
        self.editable = False
        #: The marks for special categories may change (`set_plan`).
        self.markable = False
        self.people: list[tuple[Source, str]] = []
        #: A person or network member changed since `people` was read.
        self._people_stale = False
        ctx.signals.changed.connect(self._on_changed)

    # ---- showing -----------------------------------------------------------------------------

    def set_plan(
        self,
        detail: PlanDetail | None,
        editable: bool,
        people: Choices | None = None,
        *,
        markable: bool | None = None,
    ) -> None:
        """Show the rows of `detail`; editable only if `editable` (a draft of an open case) and
        the version is not final. `markable`: the marks for special categories may change (an
        open case, a finalised version too); None: as editable."""
        self.detail, self.stale, self._people_stale = detail, False, False
        self.editable = bool(editable and detail is not None and not detail.plan.is_final)
        self.markable = self.editable if markable is None else bool(markable and detail)
        if people is None:
            people = self._read_people()
        self.people = list(people)
        self._show()

    def _read_people(self) -> list[tuple[Source, str]]:
        try:
            return people_choices(queries.get_case(self.ctx.uow, self.case_id))
        except NotFound:
            return []

    def _show(self) -> None:
        """Put `self.detail`'s rows in the section's tables (each subclass: its own rows)."""
        raise NotImplementedError

    def _section(
        self, title: str, model: DtoTableModel[Any], empty: str, intro: str
    ) -> MemberSection:
        """A section of rows under `title`, with an "Add…" button, `empty` in grey when it has
        no rows, and `intro`, a muted line saying what it holds, between its title bar and its
        table."""
        section = MemberSection(title, model, empty, self)
        section.add_button.setText(_("Add…"))
        style_text(section.empty_hint, Role.MUTED, "font-style: italic;")
        label = muted(intro, section)
        section.layout().insertWidget(1, label)
        return section

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.detail is None or not changes.touches_case(self.case_id):
            return
        if not changes.touches(*self.WATCHED):
            return
        if changes.touches("person", "network_member"):
            self._people_stale = True
        self.reload_when_seen()

    def reload(self) -> None:
        """The version shown, read again (and who can be chosen, if they changed)."""
        if self.detail is None:
            return
        if self._people_stale:
            self._people_stale = False
            self.people = self._read_people()
        try:
            self.detail = plans.get_plan(self.ctx.uow, self.detail.plan.id)
        except NotFound:
            self.detail, self.editable, self.markable = None, False, False
        else:
            self.editable = self.editable and not self.detail.plan.is_final
        self._show()

    # ---- changing ----------------------------------------------------------------------------

    def _connect(self, rows: SectionRows) -> list[QAction]:
        """Add / change / remove by button or key (Ins, Enter, Del), and Alt+Up / Alt+Down on
        the section's table move the selected row (as on the map): the move actions."""
        rows.section.add_requested.connect(lambda: self._open_row(rows))
        rows.section.edit_requested.connect(lambda dto: self._open_row(rows, dto))
        rows.section.remove_requested.connect(lambda dto: self._remove(rows, dto))
        actions = []
        for text, key, delta in ((_("Move up"), "Alt+Up", -1), (_("Move down"), "Alt+Down", 1)):
            action = QAction(text, rows.section.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, d=delta: self._move_selected(rows, d))
            rows.section.table.addAction(action)
            actions.append(action)
        return actions

    def _move_selected(self, rows: SectionRows, delta: int) -> None:
        if (dto := rows.section.selected()) is not None:
            self._move(rows, dto, delta)

    def _move(self, rows: SectionRows, dto: Any, delta: int) -> None:
        """Move `dto` `delta` places (-1: up, +1: down; undoably); nothing at the top or the
        bottom of the list."""
        new = dto.position + delta
        if not self._can_change() or not 1 <= new <= rows.section.model.rowCount():
            return
        command = pc.MoveSectionRowCommand(
            self.ctx, self.case_id, rows.mover, dto.id, dto.position, new, rows.moving(dto)
        )
        if run_command(self.ctx, self.case_id, command):
            rows.section.select_row(rows.section.model.row_of(dto.id))

    def _open_row(self, rows: SectionRows, dto: Any = None) -> Any:
        """Open the dialog for the row `dto`, or for a new row when `dto` is None, if the
        version may change (None otherwise). Its OK saves the change (undoably) under the
        dialog's title ("Undo: Add red flag")."""
        if not self._can_change():
            return None
        submit = self._adding(rows) if dto is None else self._editing(rows.kind, dto)
        dialog = rows.dialog(submit, dto)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Opened without a nested event loop; focus goes back to the table afterwards.
        dialog.finished.connect(lambda _result: rows.section.table.setFocus())
        dialog.open()
        return dialog

    def _adding(self, rows: SectionRows) -> Submit:
        """What a dialog's OK does for a new row: add it (undoably) and select it."""
        assert self.detail is not None
        version_id = self.detail.plan.id

        def submit(dialog: MemberDialog, values: dict[str, Any]) -> None:
            command = pc.AddSectionRowCommand(
                self.ctx, self.case_id, version_id, rows.kind, values, dialog.windowTitle()
            )
            execute(self.ctx, command)
            if command.dto is not None:
                rows.section.select_row(rows.section.model.row_of(command.dto.id))

        return submit

    def _editing(self, kind: Any, dto: Any) -> Submit:
        """What a dialog's OK does for a row shown: change what changed (undoably)."""

        def submit(dialog: MemberDialog, values: dict[str, Any]) -> None:
            command = pc.EditSectionRowCommand(
                self.ctx, self.case_id, kind, dto, values, dialog.windowTitle()
            )
            if command.new:
                execute(self.ctx, command)

        return submit

    def _remove(self, rows: SectionRows, dto: Any) -> None:
        if not self._can_change() or not self.ctx.dialogs.confirm(
            rows.question(dto), _(rows.removal)
        ):
            return
        command = pc.RemoveRowCommand(self.ctx, self.case_id, rows.kind, dto, _(rows.removal))
        run_command(self.ctx, self.case_id, command)

    def _can_change(self) -> bool:
        return self.editable and self.detail is not None


class PlanNetworkAndFlags(PlanRows):
    """The safety network and the red flags of the plan version shown (see `PlanRows`)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.network_model = NetworkRoleModel(self)
        self.network = self._section(
            _("Safety network"),
            self.network_model,
            _("Nobody in the safety network of this plan yet."),
            _(
                "The family's own people who help keep the children safe: their role in the plan "
                "and when they were told the worries and goals."
            ),
        )
        self.flags_model = RedFlagModel(self)
        self.flags = self._section(
            _("Red flags"),
            self.flags_model,
            _("No red flags in this plan yet."),
            _("Signs the network watches for, who watches, and what they do when they see one."),
        )
        self._fitters = (
            RowFitter(self.network, self._network_widths, MAX_ROWS_HEIGHT),
            RowFitter(self.flags, self._flag_widths, MAX_ROWS_HEIGHT),
        )
        #: How the safety network's and the red flags' rows change.
        self.roles = SectionRows(
            pc.NetworkRoles,
            self.network,
            lambda submit, role: NetworkRoleDialog(
                self, self.ctx.dialogs, submit, self.people, role=role
            ),
            _remove_role_question,
            N_("Remove from the safety network"),
            plan_sections.move_network_role,
            lambda role: _("Move {name} in the safety network").format(name=role.source.label),
        )
        self.red_flags = SectionRows(
            pc.RedFlags,
            self.flags,
            lambda submit, flag: RedFlagDialog(
                self, self.ctx.dialogs, submit, self.watcher_names(), flag=flag
            ),
            _remove_flag_question,
            N_("Remove red flag"),
            plan_sections.move_red_flag,
            lambda flag: _("Move red flag \u201c{sign}\u201d").format(sign=short(flag.sign, 40)),
        )
        self._move_actions = [*self._connect(self.roles), *self._connect(self.red_flags)]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for section in (self.network, self.flags):
            layout.addWidget(section)
            layout.addSpacing(8)
        self.setFocusProxy(self.network.table)

    # ---- showing -----------------------------------------------------------------------------

    def _show(self) -> None:
        detail = self.detail
        self.network.set_rows(detail.network if detail is not None else ())
        self.flags.set_rows(detail.red_flags if detail is not None else ())
        self.network.set_editable(self.editable)
        self.flags.set_editable(self.editable)
        for action in self._move_actions:
            action.setEnabled(self.editable)
        for fitter in self._fitters:
            fitter.fit()

    def _network_widths(self, width: int) -> dict[int, int]:
        table, m = self.network.table, NetworkRoleModel
        who = max(160, min(table.sizeHintForColumn(m.WHO) + 16, int(width * 0.3)))
        told = max(
            table.horizontalHeader().sectionSizeHint(m.TOLD_ON),
            table.sizeHintForColumn(m.TOLD_ON) + 16,
        )
        return {m.WHO: who, m.TOLD_ON: told}

    def _flag_widths(self, width: int) -> dict[int, int]:
        m = RedFlagModel
        return {m.SIGN: max(200, int(width * 0.38)), m.WATCHED_BY: max(150, int(width * 0.22))}

    def watcher_names(self) -> list[tuple[str, str]]:
        """Who can watch for a red flag: the plan's safety network first, then the case's
        people: (name, text shown)."""
        found: list[tuple[str, str]] = []
        for role in self.detail.network if self.detail is not None else ():
            shown = next(
                (t for s, t in self.people if same_person(s, role.source)), role.source.label
            )
            found.append((role.source.label, shown))
        found += [(source.label, shown) for source, shown in self.people]
        return found

    # ---- changing ------------------------------------------------------------------------------

    def add_role(self) -> NetworkRoleDialog | None:
        return self._open_row(self.roles)

    def add_flag(self) -> RedFlagDialog | None:
        return self._open_row(self.red_flags)


def _remove_role_question(role: NetworkRoleDTO) -> str:
    return _(
        "Remove {name} from the safety network of this plan?\n"
        "You can bring them back with Undo (Ctrl+Z)."
    ).format(name=role.source.label)


def _remove_flag_question(flag: RedFlagDTO) -> str:
    return _(
        "Remove the red flag \u201c{sign}\u201d?\nYou can bring it back with Undo (Ctrl+Z)."
    ).format(sign=short(flag.sign, 80))
