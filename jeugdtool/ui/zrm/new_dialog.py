"""Starting an assessment: the date, the assessor and the matrix, and what it starts from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _
from jeugdtool.zrm.definitions import DEFAULT_MATRIX
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.widgets import add_form_row
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel

#: Starts the assessment from the values; raises InvalidInput to show in the dialog.
Submit = Callable[[dict[str, Any]], None]


def starts_from(
    person_id: int, matrix: Matrix, assessments: Sequence[AssessmentDTO]
) -> AssessmentDTO | None:
    """The assessment a new one with `matrix` will copy: the person's newest that shares a
    domain with it (as `assessments.create_assessment` chooses)."""
    codes = set(matrix.codes)
    mine = [
        a for a in assessments if a.person_id == person_id and codes & {d.domain for d in a.domains}
    ]
    return max(mine, key=lambda a: (a.assessed_on, a.id), default=None)


class NewAssessmentDialog(QDialog):
    def __init__(
        self,
        person: PersonDTO,
        matrices: Sequence[Matrix],
        assessments: Sequence[AssessmentDTO],
        assessor: str,
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.person, self.assessments, self._submit = person, tuple(assessments), submit
        self.setWindowTitle(_("New ZRM assessment"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        self.date = QLineEdit(v.format_date_nl(dt.date.today()), self)
        self.date.setPlaceholderText(_("dd-mm-jjjj"))
        self.assessor = QLineEdit(assessor, self)
        self.matrix = QComboBox(self)
        for matrix in matrices:
            label = _("{name} (version {version})").format(
                name=matrix.name.get(), version=matrix.version
            )
            self.matrix.addItem(label, matrix)
        ids = [m.id for m in matrices]
        self.matrix.setCurrentIndex(ids.index(DEFAULT_MATRIX) if DEFAULT_MATRIX in ids else 0)
        self.start = WrappingLabel("", self)
        self.errors = {f: ErrorLabel(self) for f in ("assessed_on", "assessor", "matrix")}
        self.general = ErrorLabel(self)
        form = QFormLayout()
        for caption, widget, field in (
            (_("&Date"), self.date, "assessed_on"),
            (_("&Assessor"), self.assessor, "assessor"),
            (_("&Matrix"), self.matrix, "matrix"),
        ):
            add_form_row(form, self, caption, widget, self.errors[field])
        self.buttons = ok_cancel(self, _("&Start assessment"))
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(
            WrappingLabel(_("A new assessment of {name}.").format(name=self.person.full_name), self)
        )
        layout.addLayout(form)
        layout.addWidget(self.start)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.matrix.currentIndexChanged.connect(lambda _i: self._show_start())
        self._show_start()
        self.date.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_matrix(self) -> Matrix:
        matrix = self.matrix.currentData()
        assert isinstance(matrix, Matrix)
        return matrix

    def _show_start(self) -> None:
        previous = starts_from(self.person.id, self.chosen_matrix(), self.assessments)
        if previous is None:
            text = _("This is the first assessment: it starts empty.")
        else:
            text = _(
                "It starts from the values of the assessment of {date}, so you only enter what "
                "has changed."
            ).format(date=v.format_date_nl(previous.assessed_on))
        self.start.setText(text)

    def values(self) -> dict[str, Any]:
        """What was entered; InvalidInput when the date is not a date."""
        return {
            "assessed_on": v.parse_date_nl(self.date.text(), "assessed_on"),
            "assessor": self.assessor.text(),
            "matrix_id": self.chosen_matrix().id,
        }

    def accept(self) -> None:
        for label in (*self.errors.values(), self.general):
            label.show_message(None)
        try:
            self._submit(self.values())
        except InvalidInput as exc:
            self.show_problems(exc)
            return
        super().accept()

    def show_problems(self, exc: InvalidInput) -> None:
        rest = []
        for problem in exc.problems:
            label = self.errors.get(problem.field)
            if label is not None:
                label.show_message("\n".join(exc.for_field(problem.field)))
            else:
                rest.append(problem.message)
        self.general.show_message("\n".join(rest) or None)
