"""The administration window (administrator, team mode): teams, and the people who work with the
team database — their login, name, roles, teams and password; removing one disables their login
while their name stays in every history.

It does what `jeugdtool admin team add` / `admin user add|remove` do (jeugdtool/team_admin.py):
each person gets their own PostgreSQL login, and the database refuses anyone but an administrator.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool import team_admin
from jeugdtool.cases import staff
from jeugdtool.cases.staff import StaffMember
from jeugdtool.cases.staff import TeamDTO
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.folding import fold
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.roles import StaffRole

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.row_table import fit_columns
from jeugdtool.ui.row_table import make_table
from jeugdtool.ui.side_window import SideWindow
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error
from jeugdtool.ui.widgets import show_problems
from jeugdtool.ui.widgets import submitted
from jeugdtool.ui.widgets import vbox

#: What the screens showing people, teams and roles reload on.
STAFF_CHANGES = ChangeSet(entities=frozenset({"consultant", "staff_role", "team", "team_member"}))


def _roles(member: StaffMember) -> str:
    return ", ".join(r.label for r in StaffRole if r in member.roles)


USER_COLUMNS = (
    Column(N_("Name"), lambda m: m.name, key=lambda m: fold(m.name)),
    Column(N_("Login"), lambda m: m.login or ""),
    Column(N_("Roles"), _roles, tip=_roles),
    Column(N_("Teams"), lambda m: ", ".join(t.name for t in m.teams)),
    Column(
        N_("Active"),
        lambda m: _("yes") if m.active else _("no (removed)"),
        grey=lambda m: not m.active,
    ),
)

#: The form's fields, as the services name them ("" : anything else).
FIELDS = ("login", "name", "email", "phone", "role", "team", "password", "")


class UserDialog(QDialog):
    """Add a person, or change one (the login stays): name, e-mail, phone, roles, teams,
    password."""

    def __init__(
        self, ctx: AppContext, member: StaffMember | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx, self.member = ctx, member
        #: The person as saved, once the dialog was accepted.
        self.saved: StaffMember | None = None
        self.setWindowTitle(_("Add a user") if member is None else _("Change user"))
        self._build(staff.list_teams(ctx.uow))

    def _build(self, teams: list[TeamDTO]) -> None:
        member = self.member
        self.login_edit = QLineEdit(member.login or "" if member else "", self)
        self.login_edit.setPlaceholderText(_("e.g. a.deboer"))
        # A login once given stays (it is the person's PostgreSQL login); a colleague from before
        # team mode gets one here.
        self.login_edit.setReadOnly(member is not None and bool(member.login))
        self.name_edit = QLineEdit(member.name if member else "", self)
        self.name_edit.setPlaceholderText(_("Full name, as colleagues know it"))
        self.email_edit = QLineEdit((member.email or "") if member else "", self)
        # The number a family or partner calls: printed on the plans of the person's cases.
        self.phone_edit = QLineEdit((member.phone or "") if member else "", self)
        self.phone_edit.setPlaceholderText(_("e.g. 06-12345678"))
        self.role_boxes = {role: QCheckBox(role.label, self) for role in StaffRole}
        for role, box in self.role_boxes.items():
            box.setChecked(member is not None and role in member.roles)
        self.team_boxes = {t.name: QCheckBox(t.name, self) for t in teams if t.active}
        for name, box in self.team_boxes.items():
            box.setChecked(member is not None and name in {t.name for t in member.teams})
        self.password_edit = self._password(_("Password"))
        self.again_edit = self._password(_("Password again"))
        if member is not None:
            self.password_edit.setPlaceholderText(_("Leave empty to keep the password"))
        self.errors = {field: error_label(self) for field in FIELDS}
        form = QFormLayout()
        for text, widget, field in (
            (_("&Login:"), self.login_edit, "login"),
            (_("&Name:"), self.name_edit, "name"),
            (_("&E-mail:"), self.email_edit, "email"),
            (_("P&hone:"), self.phone_edit, "phone"),
            (_("&Roles:"), self._column(self.role_boxes.values()), "role"),
            (_("&Teams:"), self._column(self.team_boxes.values()), "team"),
            (_("&Password:"), self.password_edit, ""),
            (_("Password &again:"), self.again_edit, "password"),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
            if field:
                form.addRow("", self.errors[field])
        buttons = ok_cancel(self, ok=QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors[""])
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

    def _password(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        return edit

    def _column(self, boxes: object) -> QWidget:
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in boxes:  # type: ignore[attr-defined]
            layout.addWidget(box)
        if not layout.count():
            layout.addWidget(QLabel(_("No teams yet: add a team first."), holder))
        return holder

    def _new_password(self) -> str | None:
        """The new password (the core's rule), or None: left empty, the old one stays."""
        first, again = self.password_edit.text(), self.again_edit.text()
        if not first and not again:
            return None
        return team_admin.check_password(first, again)

    def accept(self) -> None:
        if submitted(self._save, self._show_problems, self._show_failure):
            self.ctx.signals.emit_changes(STAFF_CHANGES)
            super().accept()

    def _save(self) -> None:
        password = self._new_password()
        self.saved = team_admin.add_user(
            self.ctx.database,
            self.login_edit.text(),
            self.name_edit.text(),
            [r.value for r, box in self.role_boxes.items() if box.isChecked()],
            [name for name, box in self.team_boxes.items() if box.isChecked()],
            password=password,
            email=self.email_edit.text().strip() or None,
            phone=self.phone_edit.text(),  # empty: no number (any old one is removed)
            author=self.ctx.user.name,
        )

    def _show_problems(self, exc: InvalidInput) -> None:
        show_problems(self.errors, exc)

    def _show_failure(self, message: str) -> None:
        show_problems(self.errors, InvalidInput([]), message)


class AdminWindow(SideWindow):
    """Teams on the left (add one by name), users on the right (add, change, remove)."""

    place_key = "admin"
    preferred_size = QSize(1100, 640)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(_("Administration"))
        self._build()
        self.reload()
        self.restore_place()

    def _build(self) -> None:
        self.team_list = QListWidget(self)
        self.team_list.setAccessibleName(_("Teams"))
        self.team_edit = QLineEdit(self)
        self.team_edit.setPlaceholderText(_("Name of a new team"))
        self.add_team_button = QPushButton(_("Add &team"), self)
        self.team_error = error_label(self)
        self.users = RowsModel(USER_COLUMNS, self)
        self.users_view = make_table(self.users, _("Users"), self)
        self.show_removed = QCheckBox(_("Show &removed users"), self)
        self.add_button = QPushButton(_("&Add user…"), self)
        self.edit_button = QPushButton(_("&Change…"), self)
        self.remove_button = QPushButton(_("Re&move…"), self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._teams_panel())
        splitter.addWidget(self._users_panel())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        # Room for a team's name with its count, and for typing a new one.
        teams_width = self.fontMetrics().horizontalAdvance("M") * 22
        splitter.widget(0).setMinimumWidth(teams_width)
        splitter.setSizes([teams_width, teams_width * 3])
        central = QWidget(self)
        QVBoxLayout(central).addWidget(splitter)
        self.setCentralWidget(central)
        self.team_edit.returnPressed.connect(self.add_team)
        self.add_team_button.clicked.connect(self.add_team)
        self.show_removed.toggled.connect(self.reload)
        self.add_button.clicked.connect(lambda: self.edit_user(None))
        self.edit_button.clicked.connect(lambda: self.edit_user(self.current_user()))
        self.remove_button.clicked.connect(self.remove_user)
        self.users_view.activated.connect(lambda _i: self.edit_user(self.current_user()))
        self.users_view.selectionModel().currentRowChanged.connect(self._enable)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

    def _teams_panel(self) -> QWidget:
        panel = QWidget(self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_team_button)
        title = QLabel(_("Teams"), panel)
        parts = (title, self.team_list, self.team_edit, row, self.team_error)
        vbox(panel, *parts, stretch=self.team_list)
        return panel

    def _users_panel(self) -> QWidget:
        panel = QWidget(self)
        row = QHBoxLayout()
        row.addWidget(self.show_removed)
        row.addStretch(1)
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        title = QLabel(_("Users"), panel)
        vbox(panel, title, self.users_view, row, stretch=self.users_view)
        return panel

    # ---- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        chosen = self.current_user()
        people = staff.list_staff(self.ctx.uow, include_inactive=self.show_removed.isChecked())
        self.users.set_rows(people)
        fit_columns(self.users_view)
        logins = [m.login for m in self.users.rows]
        if chosen is not None and chosen.login in logins:
            self.users_view.selectRow(logins.index(chosen.login))
        elif logins:
            self.users_view.selectRow(0)
        members: dict[int, int] = {}
        for person in people:
            for team in person.teams if person.active else ():
                members[team.id] = members.get(team.id, 0) + 1
        self.team_list.clear()
        for team in staff.list_teams(self.ctx.uow):
            n = members.get(team.id, 0)
            self.team_list.addItem(
                ngettext("{team} ({n} person)", "{team} ({n} people)", n).format(
                    team=team.name, n=n
                )
            )
        self._enable()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches(*STAFF_CHANGES.entities):
            self.reload()

    def current_user(self) -> StaffMember | None:
        index = self.users_view.currentIndex()
        return self.users.row(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        chosen = self.current_user()
        self.edit_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None and chosen.active and bool(chosen.login))

    # ---- changing ------------------------------------------------------------------------

    def add_team(self) -> None:
        try:
            team = self.ctx.run(staff.add_team, self.team_edit.text())
        except JeugdtoolError as exc:
            problems = exc.problems if isinstance(exc, InvalidInput) else []
            show_error(self.team_error, [p.message for p in problems] or [str(exc)])
            return
        show_error(self.team_error, [])
        self.team_edit.clear()
        self.ctx.signals.emit_changes(STAFF_CHANGES)
        self.ctx.signals.status_message.emit(_("Team {name} added.").format(name=team.name))

    def edit_user(self, member: StaffMember | None) -> StaffMember | None:
        """Add a user (None) or change one; the person as saved, or None."""
        dialog = UserDialog(self.ctx, member, self)
        dialog.exec()
        return dialog.saved

    def remove_user(self) -> None:
        member = self.current_user()
        if member is None or not member.login:
            return
        question = _(
            "Remove {name} ({login})? They can no longer sign in or work with the team "
            "database; their name stays in every history. Adding the login again makes them "
            "active again."
        ).format(name=member.name, login=member.login)
        if not self.ctx.dialogs.confirm(question, _("Remove user")):
            return
        try:
            team_admin.remove_user(self.ctx.database, member.login, author=self.ctx.user.name)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc), _("The user was not removed"))
            return
        self.ctx.signals.emit_changes(STAFF_CHANGES)
