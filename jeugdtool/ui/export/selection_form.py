"""What goes into a PDF: for whom, which parts, and the four privacy choices.

One form for the single export and the batch export, so both ask the same questions.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import InvalidInput
from jeugdtool.export.selection import MAX_AUDIENCE
from jeugdtool.export.selection import SECTIONS
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import check_selection
from jeugdtool.export.selection import section_label
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import scrolling
from jeugdtool.ui.widgets import show_error

#: Suggestions for "For whom" (the partners a plan usually goes to); in Dutch: school,
#: huisarts, politie, gezin, netwerk.
AUDIENCES = (N_("school"), N_("family doctor"), N_("police"), N_("family"), N_("network"))

#: The choice to include the agreements and help marked as special categories.
SPECIAL = "special_categories"
#: The privacy choices: Selection field, check box text, what it means in one sentence.
PRIVACY = (
    (
        "birth_dates",
        N_("Include &birth dates"),
        N_("Without them the document names people but does not say when they were born."),
    ),
    (
        "contact_details",
        N_("Include &phone numbers and e-mail addresses"),
        N_(
            "Partners need them to reach the safety network; leave them out if the PDF may "
            "travel further."
        ),
    ),
    (
        "uninvolved_persons",
        N_("Include people &not involved in the agreements"),
        N_("Without them only the household and the people with a part in an agreement are named."),
    ),
    (
        SPECIAL,
        N_("Include health, addiction and &justice data"),
        N_(
            "Agreements and help marked as a special category of personal data. Include them "
            "only when the recipient needs them and may receive them."
        ),
    ),
)


#: The family's version of the plan (`Selection.family_version`): check box and explanation.
FAMILY = N_("Famil&y version (in the family's own words)")
FAMILY_HINT = N_(
    "For the family: their own goals first, and the safety goals and agreements in their own "
    "words, with the plan's wording under them."
)


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setIndent(22)  # under the check box's text, not under its box
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def choices_pane(owner: QWidget, form: QFormLayout, selection: SelectionForm) -> QScrollArea:
    """The dialog's `form` over its `selection` form, as one column of `owner` that scrolls
    down on a screen too low for them all (1366×720), rather than cut the last hint off."""
    choices = QWidget(owner)
    column = QVBoxLayout(choices)
    column.setContentsMargins(0, 0, 0, 0)
    column.addLayout(form)
    column.addWidget(selection)
    column.addStretch(1)
    return scrolling(choices, owner, whole=True)


class SelectionForm(QWidget):
    """Edits a `Selection`; `set_document` swaps the section check boxes. `changed` is
    emitted whenever the user changes what the form shows (a box, for whom)."""

    changed = Signal()

    def __init__(
        self, document: Document, parent: QWidget | None = None, form: QFormLayout | None = None
    ):
        """`form`: the dialog's form to put "For whom" in, so its label lines up with the
        dialog's other labels (without one the form has its own)."""
        super().__init__(parent)
        self.document = document
        #: Section code -> its check box (for the current document).
        self.section_boxes: dict[str, QCheckBox] = {}
        #: Selection field -> its privacy check box.
        self.privacy_boxes: dict[str, QCheckBox] = {}
        #: Selection field -> the sentence under its box.
        self.privacy_hints: dict[str, QLabel] = {}
        self._build(form)
        self.set_document(document)

    def _build(self, outer_form: QFormLayout | None) -> None:
        self.audience_combo = QComboBox(self)
        self.audience_combo.setEditable(True)
        self.audience_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.audience_combo.addItem("")
        for audience in AUDIENCES:
            self.audience_combo.addItem(_(audience))
        self.audience_combo.lineEdit().setMaxLength(MAX_AUDIENCE)
        self.audience_combo.lineEdit().setPlaceholderText(_("For example: school"))
        self.audience_combo.setAccessibleName(_("For whom"))
        self.audience_combo.editTextChanged.connect(self.changed)
        audience_label = QLabel(_("&For whom:"), self)
        audience_label.setBuddy(self.audience_combo)
        audience_hint = _hint(_("Printed on the first page and in the footer."), self)
        audience_hint.setIndent(0)
        form = outer_form if outer_form is not None else QFormLayout()
        form.addRow(audience_label, self.audience_combo)
        form.addRow("", audience_hint)
        #: The family's version (the plan only). Its explanation is the tool tip and the
        #: accessible description: a line under it would not leave the dialog room at 720 px.
        self.family_box = QCheckBox(_(FAMILY), self)
        self.family_box.setToolTip(_(FAMILY_HINT))
        self.family_box.setAccessibleDescription(_(FAMILY_HINT))
        self.family_box.toggled.connect(self.changed)
        self.sections_group = QGroupBox(_("Parts to include"), self)
        self.sections_layout = QVBoxLayout(self.sections_group)
        privacy_group = QGroupBox(_("Personal details"), self)
        privacy_layout = QVBoxLayout(privacy_group)
        for field, text, explanation in PRIVACY:
            box = QCheckBox(_(text), privacy_group)
            box.toggled.connect(self.changed)
            self.privacy_boxes[field] = box
            privacy_layout.addWidget(box)
            self.privacy_hints[field] = _hint(_(explanation), privacy_group)
            privacy_layout.addWidget(self.privacy_hints[field])
        self.errors = error_label(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if outer_form is None:
            layout.addLayout(form)
        layout.addWidget(self.family_box)
        layout.addWidget(self.sections_group)
        layout.addWidget(privacy_group)
        layout.addWidget(self.errors)

    def set_document(self, document: Document) -> None:
        """Show the parts of `document`, all checked (`set_selection` narrows them)."""
        self.document = document
        # The map has no agreements or help, the items marked as special categories.
        for widget in (self.privacy_boxes[SPECIAL], self.privacy_hints[SPECIAL]):
            widget.setVisible(document is not Document.MAP)
        self.family_box.setVisible(document is Document.PLAN)  # only the plan has one
        for box in self.section_boxes.values():
            self.sections_layout.removeWidget(box)
            box.hide()  # at once: deleteLater waits for the event loop
            box.deleteLater()
        self.section_boxes = {}
        for code, _label in SECTIONS[document]:
            box = QCheckBox(section_label(document, code), self.sections_group)
            box.setChecked(True)
            box.toggled.connect(self.changed)
            self.sections_layout.addWidget(box)
            self.section_boxes[code] = box

    def set_selection(self, selection: Selection) -> None:
        if selection.document is not self.document:
            self.set_document(selection.document)
        self.audience_combo.setCurrentText(selection.audience)
        for code, box in self.section_boxes.items():
            box.setChecked(selection.includes(code))
        for field, box in self.privacy_boxes.items():
            box.setChecked(bool(getattr(selection, field)))
        self.family_box.setChecked(selection.family_version)
        show_error(self.errors, [])

    def selection(self) -> Selection:
        """What the form shows, unchecked (see `checked_selection`)."""
        return Selection(
            document=self.document,
            audience=self.audience_combo.currentText(),
            sections=frozenset(c for c, box in self.section_boxes.items() if box.isChecked()),
            **{field: box.isChecked() for field, box in self.privacy_boxes.items()},
            family_version=self.document is Document.PLAN and self.family_box.isChecked(),
        )

    def checked_selection(self) -> Selection | None:
        """The selection, clean; None (with the reason shown in the form) when it is not."""
        try:
            clean = check_selection(self.selection())
        except InvalidInput as exc:
            show_error(self.errors, [p.message for p in exc.problems])
            return None
        show_error(self.errors, [])
        return clean
