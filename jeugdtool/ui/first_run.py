"""Who is working: chosen once per database, then stamped on every change they make."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import consultants
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import ReadOnlyStorage
from jeugdtool.i18n import _
from jeugdtool.store.engine import Database
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error


class UserPicker(QComboBox):
    """Choose a consultant from the list, or type a new name."""

    def __init__(
        self,
        people: list[ConsultantDTO],
        current_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for person in people:
            self.addItem(person.name, person.id)
        index = self.findData(current_id) if current_id is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        self.lineEdit().setPlaceholderText(_("Your name, for example A. de Boer"))

    def chosen_name(self) -> str:
        return self.currentText().strip()


#: The id of a reader of a database that may only be read: a name it cannot store (and needs
#: not: nothing is changed, so nothing is stamped with it).
READER_ID = 0


def sign_in(database: Database, name: str) -> ConsultantDTO:
    """The consultant with this name, added to the database when new. Raises InvalidInput."""
    try:
        return consultants.ensure_consultant(UnitOfWork(database, name.strip()), name).value
    except ReadOnlyStorage:
        if not database.read_only:
            raise
        return ConsultantDTO(id=READER_ID, name=name.strip(), email=None, active=True, version=0)


class FirstRunDialog(QDialog):
    """Shown the first time a database is opened on this computer."""

    def __init__(self, database: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        #: The signed-in consultant, once accepted.
        self.user: ConsultantDTO | None = None
        self.setWindowTitle(_("Welcome to jeugdtool"))
        people = consultants.list_consultants(UnitOfWork(database, ""))
        intro = QLabel(
            _(
                "Who are you? Every change you make is saved with your name, so colleagues can see "
                "who did what. Choose your name from the list, or type it if you are new."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.picker = UserPicker(people, parent=self)
        label = QLabel(_("&Your name:"), self)
        label.setBuddy(self.picker)
        self.error = error_label(self)
        buttons = ok_cancel(self, _("Start"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quit"))
        layout = QVBoxLayout(self)
        for widget in (intro, label, self.picker, self.error, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)

    def accept(self) -> None:
        try:
            self.user = sign_in(self.database, self.picker.chosen_name())
        except JeugdtoolError as exc:
            show_error(self.error, [str(exc)])
            self.picker.setFocus()
            return
        super().accept()


def choose_user(database: Database, parent: QWidget | None = None) -> ConsultantDTO | None:
    """Ask who is working; None when the user chose to quit."""
    dialog = FirstRunDialog(database, parent)
    dialog.exec()
    return dialog.user
