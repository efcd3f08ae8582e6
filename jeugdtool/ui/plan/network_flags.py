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
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.plan import plan_commands as pc
from jeugdtool.ui.plan.plan_parts import people_choices
from jeugdtool.ui.plan.plan_parts import short
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.table_fit import RowFitter
from jeugdtool.ui.workspace.inline import WrappingLabel
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
    HEADERS = (N_("Who"), N_("Role in the plan"), N_("Told on"))
    STRETCH = ROLE

    def display(self, dto: NetworkRoleDTO, column: int) -> str:
        if column == self.WHO:
            return dto.source.label
        if column == self.ROLE:
            return dto.role
        if column == self.TOLD_ON:
            return format_date_nl(dto.told_on) if dto.told_on else _("not yet")
        return ""

    def tooltip(self, dto: NetworkRoleDTO, column: int) -> str | None:
        if column == self.TOLD_ON:
            return _("The date they were told the worries and goals")
        return self.display(dto, column) or None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        dto = self.row_at(index.row()) if index.isValid() else None
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and dto is not None
            and index.column() == self.TOLD_ON
            and dto.told_on is None
        ):
            return qcolor(Role.MUTED)
        return super().data(index, role)


class RedFlagModel(DtoTableModel[Any]):
    SIGN, WATCHED_BY, ACTION = range(3)
    HEADERS = (N_("Sign"), N_("Who watches for it"), N_("What they do then"))
    STRETCH = ACTION

    def display(self, dto: RedFlagDTO, column: int) -> str:
        if column == self.SIGN:
            return dto.sign
        if column == self.WATCHED_BY:
            return ", ".join(dto.watched_by)
        if column == self.ACTION:
            return dto.action
        return ""

    def tooltip(self, dto: RedFlagDTO, column: int) -> str | None:
        return self.display(dto, column) or None


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
        hint = WrappingLabel(_("Leave empty while they have not been told yet."), self)
        style_text(hint, Role.MUTED)
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
        self.others = QLineEdit(self)
        self.others.setPlaceholderText(_("Someone else: type names, separated by commas"))
        self.others.setAccessibleName(_("Other names"))
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

    def _intro(self, text: str) -> WrappingLabel:
        """A muted line under a section's title saying what it holds."""
        label = WrappingLabel(text, self)
        style_text(label, Role.MUTED)
        return label

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

    def _add_move_actions(
        self, section: MemberSection, move: Callable[[Any, int], None]
    ) -> list[QAction]:
        """Alt+Up / Alt+Down on the section's table move the selected row (as on the map)."""
        actions = []
        for text, key, delta in ((_("Move up"), "Alt+Up", -1), (_("Move down"), "Alt+Down", 1)):
            action = QAction(text, section.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(
                lambda _checked=False, s=section, d=delta: self._move_selected(s, move, d)
            )
            section.table.addAction(action)
            actions.append(action)
        return actions

    def _move_selected(
        self, section: MemberSection, move: Callable[[Any, int], None], delta: int
    ) -> None:
        if (dto := section.selected()) is not None:
            move(dto, delta)

    def _move(
        self, section: MemberSection, service: Callable[..., Any], dto: Any, delta: int, text: str
    ) -> None:
        """Move `dto` one place (undoably); nothing at the top or the bottom of the list."""
        new = dto.position + delta
        if not self._can_change() or not 1 <= new <= section.model.rowCount():
            return
        command = pc.MoveSectionRowCommand(
            self.ctx, self.case_id, service, dto.id, dto.position, new, text
        )
        if run_command(self.ctx, self.case_id, command):
            section.select_row(section.model.row_of(dto.id))

    def _adding(
        self, kind: Any, section: MemberSection, model: DtoTableModel[Any], title: str
    ) -> Submit:
        """What a dialog's OK does for a new row: add it (undoably) and select it."""
        assert self.detail is not None
        version_id = self.detail.plan.id

        def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
            command = pc.AddSectionRowCommand(
                self.ctx, self.case_id, version_id, kind, values, title
            )
            execute(self.ctx, command)
            if command.dto is not None:
                section.select_row(model.row_of(command.dto.id))

        return submit

    def _editing(self, kind: Any, dto: Any, title: str) -> Submit:
        """What a dialog's OK does for a row shown: change what changed (undoably)."""

        def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
            command = pc.EditSectionRowCommand(self.ctx, self.case_id, kind, dto, values, title)
            if command.new:
                execute(self.ctx, command)

        return submit

    def _open_adding(
        self,
        kind: Any,
        section: MemberSection,
        title: str,
        make: Callable[[Submit], MemberDialog],
    ) -> Any:
        """Open the dialog `make(submit)` for a new row of `section`, if the version may
        change (None otherwise)."""
        if not self._can_change():
            return None
        return self._open(make(self._adding(kind, section, section.model, title)), section)

    def _open_editing(
        self,
        kind: Any,
        section: MemberSection,
        dto: Any,
        title: str,
        make: Callable[[Submit], MemberDialog],
    ) -> Any:
        """Open the dialog `make(submit)` for the row `dto`, if the version may change."""
        if not self._can_change():
            return None
        return self._open(make(self._editing(kind, dto, title)), section)

    def _remove(self, kind: Any, dto: Any, question: str, title: str) -> None:
        if not self._can_change() or not self.ctx.dialogs.confirm(question, title):
            return
        command = pc.RemoveRowCommand(self.ctx, self.case_id, kind, dto, title)
        run_command(self.ctx, self.case_id, command)

    def _can_change(self) -> bool:
        return self.editable and self.detail is not None

    def _open(self, dialog: Any, section: MemberSection) -> Any:
        """Open without a nested event loop; focus goes back to the table afterwards."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: section.table.setFocus())
        dialog.open()
        return dialog


class PlanNetworkAndFlags(PlanRows):
    """The safety network and the red flags of the plan version shown (see `PlanRows`)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.network_model = NetworkRoleModel(self)
        self.network = MemberSection(
            _("Safety network"),
            self.network_model,
            _("Nobody in the safety network of this plan yet."),
            self,
        )
        self.network_intro = self._intro(
            _(
                "The family's own people who help keep the children safe: their role in the plan "
                "and when they were told the worries and goals."
            )
        )
        self.flags_model = RedFlagModel(self)
        self.flags = MemberSection(
            _("Red flags"), self.flags_model, _("No red flags in this plan yet."), self
        )
        self.flags_intro = self._intro(
            _("Signs the network watches for, who watches, and what they do when they see one.")
        )
        for section in (self.network, self.flags):
            section.add_button.setText(_("Add…"))
            style_text(section.empty_hint, Role.MUTED, "font-style: italic;")
        self._fitters = (
            RowFitter(self.network, self._network_widths, MAX_ROWS_HEIGHT),
            RowFitter(self.flags, self._flag_widths, MAX_ROWS_HEIGHT),
        )
        self.network.add_requested.connect(self.add_role)
        self.network.edit_requested.connect(self.edit_role)
        self.network.remove_requested.connect(self.remove_role)
        self.flags.add_requested.connect(self.add_flag)
        self.flags.edit_requested.connect(self.edit_flag)
        self.flags.remove_requested.connect(self.remove_flag)
        self._move_actions = [
            *self._add_move_actions(self.network, self.move_role),
            *self._add_move_actions(self.flags, self.move_flag),
        ]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for section, intro in ((self.network, self.network_intro), (self.flags, self.flags_intro)):
            # The intro goes between the title bar and the table.
            section.layout().insertWidget(1, intro)
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

    # ---- the safety network --------------------------------------------------------------------

    def add_role(self) -> NetworkRoleDialog | None:
        return self._open_adding(
            pc.NetworkRoles,
            self.network,
            _("Add to the safety network"),
            lambda submit: NetworkRoleDialog(self, self.ctx.dialogs, submit, self.people),
        )

    def edit_role(self, role: NetworkRoleDTO) -> NetworkRoleDialog | None:
        return self._open_editing(
            pc.NetworkRoles,
            self.network,
            role,
            _("Change safety network entry"),
            lambda submit: NetworkRoleDialog(
                self, self.ctx.dialogs, submit, self.people, role=role
            ),
        )

    def remove_role(self, role: NetworkRoleDTO) -> None:
        question = _(
            "Remove {name} from the safety network of this plan?\n"
            "You can bring them back with Undo (Ctrl+Z)."
        ).format(name=role.source.label)
        self._remove(pc.NetworkRoles, role, question, _("Remove from the safety network"))

    def move_role(self, role: NetworkRoleDTO, delta: int) -> None:
        """Move an entry `delta` places (-1: up, +1: down) in the safety network."""
        text = _("Move {name} in the safety network").format(name=role.source.label)
        self._move(self.network, plan_sections.move_network_role, role, delta, text)

    # ---- red flags -------------------------------------------------------------------------------

    def add_flag(self) -> RedFlagDialog | None:
        return self._open_adding(
            pc.RedFlags,
            self.flags,
            _("Add red flag"),
            lambda submit: RedFlagDialog(self, self.ctx.dialogs, submit, self.watcher_names()),
        )

    def edit_flag(self, flag: RedFlagDTO) -> RedFlagDialog | None:
        return self._open_editing(
            pc.RedFlags,
            self.flags,
            flag,
            _("Change red flag"),
            lambda submit: RedFlagDialog(
                self, self.ctx.dialogs, submit, self.watcher_names(), flag=flag
            ),
        )

    def remove_flag(self, flag: RedFlagDTO) -> None:
        question = _(
            "Remove the red flag \u201c{sign}\u201d?\nYou can bring it back with Undo (Ctrl+Z)."
        ).format(sign=short(flag.sign, 80))
        self._remove(pc.RedFlags, flag, question, _("Remove red flag"))

    def move_flag(self, flag: RedFlagDTO, delta: int) -> None:
        """Move a red flag `delta` places (-1: up, +1: down)."""
        text = _("Move red flag \u201c{sign}\u201d").format(sign=short(flag.sign, 40))
        self._move(self.flags, plan_sections.move_red_flag, flag, delta, text)
