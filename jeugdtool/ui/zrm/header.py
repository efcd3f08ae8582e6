"""Above the grid: whose assessment it is and with which matrix, its date, assessor and note
(correctable while it is the newest), why it is read-only, and the method's advice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _
from jeugdtool.zrm.compare import Advice
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.colours import tint
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.zrm.domain_form import FieldErrors

#: Saves one header field (assessed_on, assessor, note); raises InvalidInput to show it.
#: Saves one field: (field, value, the widget it was typed in — marked when a fault keeps it).
CommitField = Callable[[str, Any, QWidget], None]

#: The strips' fills and borders as on a light palette; a dark one gets a dark shade of the
#: fill (`colours.tint`), on which the palette's text and every role's colour (the acute
#: advice is in the error colour) still read at 4.5:1 or more.
ADVICE_FILL, ADVICE_BORDER = "#fff8e1", "#e0b000"
READ_ONLY_FILL, READ_ONLY_BORDER = "#eceff1", "#90a4ae"
_STYLE = "zrmStripStyle"


def strip_style(name: str, fill: str, border: str, widget: QWidget | None = None) -> str:
    """The style sheet of the strip `name` in the palette now in use: its fill as a tint its
    texts read on (they keep the palette's text colour, or their role's)."""
    return (
        f"#{name} {{ background: {tint(fill, widget).name()}; border: 1px solid {border};"
        " border-radius: 4px; }"
    )


def _strip(name: str, fill: str, border: str, parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    """A coloured strip, hidden; `_show_strip` shows it (its style sheet is set then: most
    assessments show neither strip, and a style sheet costs time on every open)."""
    frame = QFrame(parent)
    frame.setObjectName(name)
    frame.setProperty(_STYLE, f"{fill} {border}")
    frame.hide()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(10, 6, 10, 6)
    layout.setSpacing(2)
    return frame, layout


def _show_strip(frame: QFrame, on: bool) -> None:
    if on:
        # As the palette is now: a strip shown after a change to a dark palette follows it.
        fill, border = str(frame.property(_STYLE)).split()
        style = strip_style(frame.objectName(), fill, border)
        if frame.styleSheet() != style:
            frame.setStyleSheet(style)
    frame.setVisible(on)


class AssessmentHeader(QWidget):
    #: The user asked to put the acute domains on the map as immediate needs.
    acute_to_map = Signal()

    def __init__(self, commit: CommitField, parent: QWidget | None = None):
        super().__init__(parent)
        self._commit = commit
        self.assessment: AssessmentDTO | None = None
        self.title = heading("", self, 1.25)
        self.info = muted("", self)
        self.read_only, read_only_layout = _strip(
            "zrmReadOnly", READ_ONLY_FILL, READ_ONLY_BORDER, self
        )
        self.read_only_text = WrappingLabel("", self.read_only)
        read_only_layout.addWidget(self.read_only_text)
        self.fields = QWidget(self)
        self.date = QLineEdit(self.fields)
        self.date.setPlaceholderText(_("dd-mm-jjjj"))
        self.date.setMaximumWidth(110)
        self.assessor = QLineEdit(self.fields)
        self.assessor.setMaximumWidth(220)
        # A note is often longer than a line: it wraps and grows instead of showing only a part.
        self.note = GrowingTextEdit(self.fields, min_lines=1, max_lines=4, one_paragraph=True)
        self.note.setPlaceholderText(_("Sources consulted, who was present"))
        self.errors = FieldErrors(self.fields, ("assessed_on", "assessor", "note"))
        self._lay_out_fields()
        self.advice, self.advice_layout = _strip("zrmAdvice", ADVICE_FILL, ADVICE_BORDER, self)
        self.advice_labels: list[QLabel] = []
        self.acute_button = QPushButton(_("Put on the map under 'What must happen right away'"))
        self.acute_button.setToolTip(
            _("Adds each acute domain to the newest mapping moment, as an immediate need")
        )
        self.acute_button.clicked.connect(self.acute_to_map)
        self.advice_layout.addWidget(self.acute_button, 0, Qt.AlignmentFlag.AlignLeft)
        vbox(self, self.title, self.info, self.fields, self.read_only, self.advice, spacing=4)
        for field, edit in (
            ("assessed_on", self.date),
            ("assessor", self.assessor),
            ("note", self.note),
        ):
            edit.editingFinished.connect(lambda f=field: self._save(f))

    def _lay_out_fields(self) -> None:
        layout = QVBoxLayout(self.fields)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        rows = (
            ((_("&Date"), self.date, "assessed_on"), (_("A&ssessor"), self.assessor, "assessor")),
            ((_("Note on the assess&ment"), self.note, "note"),),
        )
        for pairs in rows:
            row = QHBoxLayout()
            for caption, edit, _field in pairs:
                label = QLabel(caption, self.fields)
                label.setBuddy(edit)
                row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
                row.addWidget(edit, 1 if edit is self.note else 0)
                row.addSpacing(12)
            if len(pairs) > 1:
                row.addStretch(1)
            layout.addLayout(row)
            for _caption, _edit, field in pairs:
                layout.addLayout(self.errors.slot(field))

    # ---- showing ---------------------------------------------------------------------------

    def show_assessment(
        self,
        assessment: AssessmentDTO,
        matrix: Matrix | None,
        copied_from: AssessmentDTO | None,
        read_only_reason: str | None,
        advice: tuple[Advice, ...],
    ) -> None:
        changed = self.assessment is None or self.assessment.id != assessment.id
        self.assessment = assessment
        matrix_name = matrix.name.get() if matrix is not None else assessment.matrix_id
        self.title.setText(
            _("{person} · {matrix} · version {version}").format(
                person=assessment.person_name,
                matrix=matrix_name,
                version=assessment.matrix_version,
            )
        )
        if copied_from is not None:
            origin = _("Started from the assessment of {date}.").format(
                date=v.format_date_nl(copied_from.assessed_on)
            )
        elif assessment.copied_from_id is None:
            origin = _("The first assessment: it started empty.")
        else:
            origin = ""
        editable = read_only_reason is None
        if editable:
            self.info.setText(origin)
        else:
            said = _("Assessed on {date} by {assessor}.").format(
                date=v.format_date_nl(assessment.assessed_on), assessor=assessment.assessor
            )
            note = _("Note: {note}").format(note=assessment.note) if assessment.note else ""
            self.info.setText(" ".join(p for p in (said, origin, note) if p))
        self.info.setVisible(bool(self.info.text()))
        self.fields.setVisible(editable)
        _show_strip(self.read_only, not editable)
        self.read_only_text.setText(read_only_reason or "")
        self._fill(assessment, changed)
        self._show_advice(advice)

    def _fill(self, a: AssessmentDTO, changed: bool) -> None:
        for field, edit, text in (
            ("assessed_on", self.date, v.format_date_nl(a.assessed_on)),
            ("assessor", self.assessor, a.assessor),
            ("note", self.note, a.note),
        ):
            if changed:
                self.errors.show_message(field, None)
            # What is being typed (or was refused) stays until the user leaves or fixes it.
            if changed or not (edit.hasFocus() or self.errors.text(field)):
                edit.setText(text)
                edit.setCursorPosition(0)  # a long note shows its beginning
                edit.setModified(False)

    def _show_advice(self, advice: tuple[Advice, ...]) -> None:
        for label in self.advice_labels:
            # Out of the layout now: deleteLater waits for the event loop, and until then
            # the old warnings would stand above the new ones.
            self.advice_layout.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.advice_labels = []
        for item in advice:
            label = WrappingLabel("⚠ " + item.message, self.advice)
            if item.kind == "acute":
                style_text(label, Role.ERROR, "font-weight: bold;")
            self.advice_layout.insertWidget(len(self.advice_labels), label)
            self.advice_labels.append(label)
        acute = any(item.kind == "acute" for item in advice)
        editable = not self.fields.isHidden()
        self.acute_button.setVisible(acute and editable)
        _show_strip(self.advice, bool(advice))

    def advice_text(self) -> str:
        return "\n".join(label.text() for label in self.advice_labels)

    # ---- saving ----------------------------------------------------------------------------

    def _save(self, field: str) -> None:
        a = self.assessment
        if a is None or self.fields.isHidden():
            return
        edit = {"assessed_on": self.date, "assessor": self.assessor, "note": self.note}[field]
        try:
            value: Any = edit.text()
            if field == "assessed_on":
                value = v.parse_date_nl(value, field)
                unchanged = value == a.assessed_on
            else:
                unchanged = value.strip() == getattr(a, field)
            if not unchanged:
                self._commit(field, value, edit)
        except InvalidInput as exc:
            self.errors[field].show_message("\n".join(exc.for_field(field)) or str(exc))
            return
        self.errors.show_message(field, None)
