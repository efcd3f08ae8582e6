"""The details of one domain of an assessment: note, problem or limitation, who carries it,
focus with target level and date, and the plan items a focus domain serves.

Every change is saved at once through `commit(changes, visit)` (an undo command in the page).
The note saves after a pause in typing and when the field is left; all saves of one visit to
the field share a `visit`, so undo takes back the whole edit at once. A refused value shows its
message under the field and stays as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import special_rules
from jeugdtool.i18n import _
from jeugdtool.zrm import assessments
from jeugdtool.zrm.definitions import LEVELS
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import DomainScore
from jeugdtool.zrm.vocab import CarriedBy

from jeugdtool.ui.colours import ROLE_PROPERTY
from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.special_mark import SpecialCategoryBox
from jeugdtool.ui.special_mark import hint_label
from jeugdtool.ui.special_mark import show_hint
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted

#: A pause in typing this long saves the note (leaving the field saves at once).
NOTE_PAUSE_MS = 1500
#: The fields the form shows (each with its message line).
FORM_FIELDS = tuple(f for f in assessments.DOMAIN_FIELDS if f != "level")

#: Saves domain fields; raises InvalidInput to show under the field.
Commit = Callable[[dict[str, Any], "int | None"], None]


@dataclass(frozen=True)
class PlanItem:
    """A safety goal or agreement a focus domain can serve, by lineage."""

    lineage: str
    label: str


class FieldError(WrappingLabel):
    """The message under a field, hidden while the field is fine (as `inline.ErrorLabel`),
    given its colour when it first has a message: the ZRM page has ten of them, seldom shown,
    and a style sheet for each cost a few milliseconds every time a case opened to it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str | None) -> None:
        if message and self.property(ROLE_PROPERTY) is None:
            style_text(self, Role.ERROR)
        self.setText(message or "")
        self.setVisible(bool(message))


class FieldErrors:
    """The message line under each of `fields`, made the first time it has a message: the
    ZRM page has ten, seldom shown, and each was made on every open. `slot(field)` is the
    place in the form's layout that it goes to (an empty layout takes no room)."""

    def __init__(self, parent: QWidget, fields: Sequence[str]):
        self._parent = parent
        self._slots: dict[str, QVBoxLayout] = {}
        for field in fields:
            slot = self._slots[field] = QVBoxLayout()
            slot.setContentsMargins(0, 0, 0, 0)
            slot.setSpacing(0)
        self._made: dict[str, FieldError] = {}

    def slot(self, field: str) -> QVBoxLayout:
        return self._slots[field]

    def __getitem__(self, field: str) -> FieldError:
        """The field's message line (made now if it was not yet)."""
        found = self._made.get(field)
        if found is None:
            found = self._made[field] = FieldError(self._parent)
            self._slots[field].addWidget(found)
        return found

    def show_message(self, field: str, message: str | None) -> None:
        """Show `message` under the field; None hides it (without making the line)."""
        if message or field in self._made:
            self[field].show_message(message)

    def text(self, field: str) -> str:
        found = self._made.get(field)
        return found.text() if found is not None else ""

    def clear(self) -> None:
        for label in self._made.values():
            label.show_message(None)


class NoteEdit(GrowingTextEdit):
    """A note that asks to be saved after a pause in typing, when it is left and on
    Ctrl+Enter; it grows with its text (the side panel scrolls, the note only when very long)."""

    save_requested = Signal()
    #: The user came into the field: later saves until they leave are one edit.
    entered = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, min_lines=4, max_lines=12)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(NOTE_PAUSE_MS)
        self.pause.timeout.connect(self.save_requested.emit)
        self.editingFinished.connect(self._finished)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.entered.emit()

    def _finished(self) -> None:
        self.pause.stop()
        self.save_requested.emit()


class DomainForm(QWidget):
    #: The user chose another mark for the domain's note (the editor saves it at once).
    mark_requested = Signal(str)

    def __init__(self, commit: Commit, parent: QWidget | None = None):
        super().__init__(parent)
        self._commit = commit
        self.score: DomainScore | None = None
        self.editable = False
        #: The note's mark may change (an open case; an earlier assessment too).
        self.markable = False
        self._filling = False
        #: Counts visits to the note field (see the module docstring).
        self._visit = 0
        self._level_names: list[str] = []
        self.title = heading("", self)
        self.note = NoteEdit(self)
        self.note.setPlaceholderText(_("The current situation, and the sources (who said what)"))
        self.special = SpecialCategoryBox(self)
        self.special.setAccessibleName(_("Special category of personal data in the note"))
        # The side panel is narrow: the box may be narrower than its longest choice.
        self.special.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.special.setMinimumContentsLength(12)
        self.special.activated.connect(self._mark_chosen)
        self.special_hint = hint_label(self)
        self.problem = QRadioButton(_("Pro&blem"), self)
        self.limitation = QRadioButton(_("&Limitation"), self)
        kind_tip = _(
            "A problem has a solution and can be a target for change. A limitation has no "
            "solution and is not a target for change: work on dealing with its consequences."
        )
        self.kind = QButtonGroup(self)
        for button in (self.problem, self.limitation):
            button.setToolTip(kind_tip)
            self.kind.addButton(button)
        self.carried_by = QComboBox(self)
        self.carried_by.addItem(_("Not said"), None)
        for choice in CarriedBy:
            self.carried_by.addItem(choice.label, choice)
        self.carried_by.setToolTip(
            _(
                "Self-sufficiency includes help: someone who manages with help from the network "
                "or professionals is self-sufficient."
            )
        )
        self.focus = QCheckBox(_("F&ocus domain"), self)
        self.focus.setToolTip(
            _(
                "A domain to work on in depth. The method advises a few focus domains "
                "(depth over breadth), each with a target level and date."
            )
        )
        self.target_level = QComboBox(self)
        self.target_date = QLineEdit(self)
        self.target_date.setPlaceholderText(_("dd-mm-jjjj"))
        self.target_date.setMaximumWidth(120)
        self.target_date.setAccessibleName(_("Target date"))
        self.links = QListWidget(self)
        self.links.setAccessibleName(_("Serves in the plan"))
        self.links.setWordWrap(True)
        # As tall as its goals and agreements: the side panel scrolls, not a list inside it.
        self.links.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.links.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.links.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.links.installEventFilter(self)
        self.links_hint = muted("", self)
        self.errors = FieldErrors(self, FORM_FIELDS)
        self._lay_out()
        self.note.entered.connect(self._new_visit)
        self.note.save_requested.connect(self._save_note)
        self.note.textChanged.connect(self._note_typed)
        self.limitation.toggled.connect(lambda on: self._save({"limitation": on}))
        self.carried_by.currentIndexChanged.connect(
            lambda _i: self._save({"carried_by": self.carried_by.currentData()})
        )
        self.focus.toggled.connect(lambda on: self._save({"focus": on}))
        self.target_level.currentIndexChanged.connect(
            lambda _i: self._save({"target_level": self.target_level.currentData()})
        )
        self.target_date.editingFinished.connect(self._save_target_date)
        self.links.itemChanged.connect(self._link_ticked)

    def _lay_out(self) -> None:
        form = QFormLayout()
        # Captions above the fields: the side panel is narrow, the fields get its full width.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.problem)
        kind_row.addWidget(self.limitation)
        kind_row.addStretch(1)
        rows: Sequence[tuple[str, Any, tuple[str, ...]]] = (
            (_("&Note"), self.note, ("note",)),
            (_("Special data in the note"), self.special, ()),
            (_("Kind"), kind_row, ("limitation",)),
            (_("Carried b&y"), self.carried_by, ("carried_by",)),
            ("", self.focus, ("focus",)),
            (_("Target level"), self.target_level, ("target_level",)),
            (_("Tar&get date"), self.target_date, ("target_date",)),
            (_("Serves &in the plan"), self.links, ("plan_links",)),
        )
        for caption, field, error_fields in rows:
            box = QVBoxLayout()
            box.setSpacing(2)
            if isinstance(field, QWidget):
                box.addWidget(field)
            else:
                box.addLayout(field)
            if field is self.links:
                box.addWidget(self.links_hint)
            if field is self.special:
                box.addWidget(self.special_hint)
            for name in error_fields:
                box.addLayout(self.errors.slot(name))
            label = QLabel(caption, self)
            if isinstance(field, QWidget):
                label.setBuddy(field)
            form.addRow(label, box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(form)

    # ---- showing ---------------------------------------------------------------------------

    def show_domain(
        self,
        score: DomainScore | None,
        name: str,
        matrix: Matrix | None,
        plan_items: Sequence[PlanItem],
        editable: bool,
        *,
        markable: bool = False,
    ) -> None:
        """Show one domain's details; `editable`: the newest assessment of an open case;
        `markable`: the note's mark may change (an open case)."""
        same_domain = self.score is not None and score is not None and self.score.id == score.id
        self.score, self.editable = score, editable and score is not None
        self.markable = markable and score is not None and score.id is not None
        self._filling = True
        try:
            self.title.setText(_("Details of {domain}").format(domain=name) if name else "")
            if not same_domain:
                self.errors.clear()
            self._show_fields(score, same_domain, matrix)
            self._show_links(score, plan_items)
        finally:
            self._filling = False
        self._set_enabled()

    def _show_fields(self, score: DomainScore | None, same: bool, matrix: Matrix | None) -> None:
        note = score.note if score else ""
        # Never overwrite what is being typed: the saved text comes back after each pause.
        if not (same and self.note.hasFocus()) and self.note.toPlainText() != note:
            self.note.setPlainText(note)
            self.note.document().setModified(False)
        marked = score.special_category if score else ""
        self.special.set_category(marked)
        show_hint(self.special_hint, marked, special_rules.suggest([note]))
        (self.limitation if score and score.limitation else self.problem).setChecked(True)
        self.carried_by.setCurrentIndex(
            max(0, self.carried_by.findData(score.carried_by if score else None))
        )
        self.focus.setChecked(bool(score and score.focus))
        levels = [matrix.level(n).name.get() if matrix is not None else "" for n in LEVELS]
        if levels != self._level_names:  # rebuilt only when the matrix differs
            self._level_names = levels
            self.target_level.clear()
            self.target_level.addItem(_("No target level"), None)
            for level, name in zip(LEVELS, levels, strict=True):
                self.target_level.addItem(f"{level} {name}".strip(), level)
        target = score.target_level if score else None
        self.target_level.setCurrentIndex(max(0, self.target_level.findData(target)))
        date_text = v.format_date_nl(score.target_date) if score else ""
        if not (same and self.target_date.hasFocus() and self.errors.text("target_date")):
            self.target_date.setText(date_text)

    def _show_links(self, score: DomainScore | None, items: Sequence[PlanItem]) -> None:
        linked = list(score.plan_links) if score else []
        shown = list(items)
        known = {i.lineage for i in items}
        # A link to a goal or agreement no longer in the plan stays visible (and removable).
        shown += [PlanItem(x, _("(no longer in the plan)")) for x in linked if x not in known]
        wanted = [(i.lineage, i.label, i.lineage in linked) for i in shown]
        if wanted != self._shown_links():  # e.g. the box just ticked was saved: leave it be
            keep = self.links.currentRow()
            self.links.clear()
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
            for lineage, label, checked in wanted:
                # Made whole before it joins the list: the list hears no change for each part.
                row = QListWidgetItem(label)
                row.setData(Qt.ItemDataRole.UserRole, lineage)
                row.setToolTip(label)
                row.setFlags(flags)
                row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.links.addItem(row)
            if 0 <= keep < self.links.count():
                self.links.setCurrentRow(keep)
            self._fit_links()
        if not shown:
            hint = _("The plan has no safety goals or agreements yet.")
        elif score is not None and not score.focus:
            hint = _("Mark the domain as a focus domain to link it to the plan.")
        else:
            hint = ""
        self.links_hint.setText(hint)
        self.links_hint.setVisible(bool(hint))

    def _fit_links(self) -> None:
        """The list as tall as its rows wrapped at its width (at least one row's room)."""
        links = self.links
        links.doItemsLayout()
        bottom = links.fontMetrics().lineSpacing() + 8
        if links.count():  # the rows go top to bottom: the last one's bottom is the list's
            rect = links.visualItemRect(links.item(links.count() - 1))
            bottom = max(bottom, rect.bottom() + 1 + links.verticalOffset())
        links.setFixedHeight(bottom + 2 * links.frameWidth() + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.links and event.type() == QEvent.Type.Resize:
            size = event.size() if isinstance(event, QResizeEvent) else None
            old = event.oldSize() if isinstance(event, QResizeEvent) else None
            if size is None or old is None or size.width() != old.width():
                QTimer.singleShot(0, self._fit_links)  # the rows wrap anew at the new width
        return super().eventFilter(watched, event)

    def _shown_links(self) -> list[tuple[str, str, bool]]:
        out = []
        for i in range(self.links.count()):
            item = self.links.item(i)
            checked = item.checkState() == Qt.CheckState.Checked
            out.append((item.data(Qt.ItemDataRole.UserRole), item.text(), checked))
        return out

    def _set_enabled(self) -> None:
        on = self.editable
        self.note.setReadOnly(not on)
        self.special.setEnabled(self.markable)
        for widget in (self.problem, self.limitation, self.carried_by, self.focus):
            widget.setEnabled(on)
        focus = on and self.score is not None and self.score.focus
        for widget in (self.target_level, self.target_date, self.links):
            widget.setEnabled(focus)

    # ---- saving ----------------------------------------------------------------------------

    def _mark_chosen(self, _index: int) -> None:
        category = self.special.category()
        if self.score is not None and self.markable and category != self.score.special_category:
            self.mark_requested.emit(category)

    def _new_visit(self) -> None:
        self._visit += 1

    def _note_typed(self) -> None:
        if not self._filling and self.editable:
            self.note.pause.start()

    def _save_note(self) -> None:
        if self.score is None or not self.editable:
            return
        text = self.note.toPlainText()
        if text.strip() != self.score.note.strip():
            self._save({"note": text}, self._visit)

    def _save_target_date(self) -> None:
        if self.score is None or not self.editable:
            return
        try:
            day = v.parse_date_nl(self.target_date.text(), "target_date")
        except InvalidInput as exc:
            self.errors["target_date"].show_message("\n".join(exc.for_field("target_date")))
            return
        if day != self.score.target_date:
            self._save({"target_date": day})
        else:
            self.errors.show_message("target_date", None)

    def _link_ticked(self, _item: QListWidgetItem) -> None:
        # Filling the list changes every row: not a save, and not worth reading the list anew
        # for each of them (that grew with the square of the plan's goals and agreements).
        if not self._filling:
            self._save({"plan_links": self._linked()})

    def _linked(self) -> tuple[str, ...]:
        return tuple(
            self.links.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.links.count())
            if self.links.item(i).checkState() == Qt.CheckState.Checked
        )

    def _save(self, changes: dict[str, Any], visit: int | None = None) -> None:
        if self._filling or self.score is None or not self.editable:
            return
        try:
            self._commit(changes, visit)
        except InvalidInput as exc:
            for field in changes:
                self.errors[field].show_message("\n".join(exc.for_field(field)) or str(exc))
            return
        for field in changes:
            self.errors.show_message(field, None)
