"""The "Assessment" view: persons and their assessments on the left, the matrix in the centre,
what the focused cell means and the domain's details on the right.

It shows what `ZrmPage` loaded and keeps the chosen person, assessment and cell across reloads.
Every change goes through an undo command (`ui/zrm/commands.py`) and is saved at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import special_rules
from jeugdtool.i18n import _
from jeugdtool.zrm.compare import advice
from jeugdtool.zrm.compare import previous_of
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.commands import show_failure
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.special_mark import MarkAssessmentNoteCommand
from jeugdtool.ui.special_mark import MarkDomainNoteCommand
from jeugdtool.ui.special_mark import SpecialCategoryBox
from jeugdtool.ui.special_mark import hint_label
from jeugdtool.ui.special_mark import show_hint
from jeugdtool.ui.zrm.acute import put_on_map
from jeugdtool.ui.zrm.commands import EditAssessmentCommand
from jeugdtool.ui.zrm.commands import RemoveAssessmentCommand
from jeugdtool.ui.zrm.commands import SetDomainCommand
from jeugdtool.ui.zrm.commands import StartAssessmentCommand
from jeugdtool.ui.zrm.data import ZrmData
from jeugdtool.ui.zrm.describe import CellDescription
from jeugdtool.ui.zrm.domain_form import DomainForm
from jeugdtool.ui.zrm.empty_state import EmptyState
from jeugdtool.ui.zrm.grid import MatrixGrid
from jeugdtool.ui.zrm.grid_model import CHANGE
from jeugdtool.ui.zrm.grid_model import CHOSEN_MARK
from jeugdtool.ui.zrm.grid_model import FOCUS_MARK
from jeugdtool.ui.zrm.grid_model import NAME
from jeugdtool.ui.zrm.grid_model import PREVIOUS_MARK
from jeugdtool.ui.zrm.grid_model import TARGET_MARK
from jeugdtool.ui.zrm.grid_model import MatrixModel
from jeugdtool.ui.zrm.grid_model import column_level
from jeugdtool.ui.zrm.grid_model import level_column
from jeugdtool.ui.zrm.header import AssessmentHeader
from jeugdtool.ui.zrm.new_dialog import NewAssessmentDialog
from jeugdtool.ui.zrm.persons import PersonTree

LEFT_WIDTH = 190
RIGHT_WIDTH = 290
EDITOR, EMPTY = 0, 1


class AssessmentEditor(QWidget):
    #: The person shown changed (None: nobody); the page tells the progress view.
    person_changed = Signal(object)

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.data: ZrmData | None = None
        self.person_id: int | None = None
        self.assessment_id: int | None = None
        self.assessment: AssessmentDTO | None = None
        self._build()

    # ---- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.tree = PersonTree(self)
        self.tree.chosen.connect(self._chosen)
        self.new_button = QPushButton(_("Ne&w assessment…"), self)
        self.new_button.setToolTip(_("Start a new assessment of the chosen person (Ctrl+Shift+N)"))
        self.new_button.clicked.connect(self.new_assessment)
        self.remove_button = QPushButton(_("Remove assessment"), self)
        self.remove_button.setToolTip(_("Remove the newest assessment (a mistake); undoable"))
        self.remove_button.clicked.connect(self.remove_assessment)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Pe&rsons"), left)
        caption.setBuddy(self.tree)
        left_layout.addWidget(caption)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.remove_button)
        left.setMinimumWidth(150)

        self.header = AssessmentHeader(self._commit_header, self)
        self.header.acute_to_map.connect(self._acute_to_map)
        self.model = MatrixModel(self)
        self.grid = MatrixGrid(self.model, self)
        self.grid.level_chosen.connect(self._level_chosen)
        self.grid.selectionModel().currentChanged.connect(self._current_cell_changed)
        self.model.modelReset.connect(self.grid.fit_columns)
        self.model.headerDataChanged.connect(lambda *_a: self.grid.fit_columns())
        legend = QLabel(
            _(
                "{chosen} chosen level · {previous} previous assessment · {target} target level · "
                "{focus} focus domain · keys: arrows, 1–5, 0 or Delete"
            ).format(
                chosen=CHOSEN_MARK, previous=PREVIOUS_MARK, target=TARGET_MARK, focus=FOCUS_MARK
            ),
            self,
        )
        style_text(legend, Role.MUTED)
        legend.setWordWrap(True)
        editor = QWidget(self)
        centre = QVBoxLayout(editor)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addWidget(self.header)
        centre.addLayout(self._note_mark_row(editor))
        centre.addWidget(self.grid)
        centre.addWidget(legend)
        centre.addStretch(1)

        self._empty: EmptyState | None = None  # made when first needed (see `empty`)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(editor)

        self.description = CellDescription(self)
        self.form = DomainForm(self._commit_domain, self)
        self.form.mark_requested.connect(self._mark_domain_note)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 12, 0)
        side_layout.addWidget(self.description)
        line = QFrame(side)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        side_layout.addWidget(line)
        side_layout.addWidget(self.form)
        side_layout.addStretch(1)
        self.side = QScrollArea(self)
        self.side.setWidgetResizable(True)
        self.side.setFrameShape(QFrame.Shape.NoFrame)
        self.side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side.setWidget(side)
        self.side.setMinimumWidth(260)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.centre)
        splitter.addWidget(self.side)
        # A wider screen gives each pane more: the persons' dates and the plan links stop
        # wrapping, and the matrix gets the most.
        for pane, stretch in enumerate((1, 3, 1)):
            splitter.setStretchFactor(pane, stretch)
        splitter.setSizes([LEFT_WIDTH, 800, RIGHT_WIDTH])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        QWidget.setTabOrder(self.tree, self.new_button)
        QWidget.setTabOrder(self.new_button, self.remove_button)
        self.setFocusProxy(self.grid)

    @property
    def empty(self) -> EmptyState:
        """What shows instead of the matrix when the person has no assessment: made the first
        time it is needed (a case opened to an assessment never needs it)."""
        if self._empty is None:
            self._empty = EmptyState(self.centre)
            self._empty.start_requested.connect(self.new_assessment)
            self.centre.insertWidget(EMPTY, self._empty)
        return self._empty

    def _note_mark_row(self, parent: QWidget) -> QHBoxLayout:
        """The mark for special categories on the assessment's own note, under the header."""
        self.note_mark = SpecialCategoryBox(parent)
        self.note_mark.setAccessibleName(
            _("Special category of personal data in the note on the assessment")
        )
        self.note_mark.activated.connect(self._mark_assessment_note)
        self.note_mark_hint = hint_label(parent)
        label = QLabel(_("Special data in the note on the assessment"), parent)
        label.setBuddy(self.note_mark)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.note_mark)
        row.addWidget(self.note_mark_hint, 1)
        return row

    # ---- showing ---------------------------------------------------------------------------

    def show_data(self, data: ZrmData) -> None:
        self.data = data
        self.tree.set_data(data.persons, data.assessments, data.matrices)
        if data.person(self.person_id) is None:
            self.person_id = data.persons[0].id if data.persons else None
            self.assessment_id = None
        self._resolve_assessment()
        self.tree.show_place(self.person_id, self.assessment_id)
        self._show()

    def choose_person(self, person_id: int) -> None:
        """Show the person's newest assessment (from the household overview)."""
        self._chosen(person_id, None)
        self.tree.show_place(self.person_id, self.assessment_id)

    def _resolve_assessment(self) -> None:
        assert self.data is not None
        found = self.data.assessment(self.assessment_id)
        if found is None or found.person_id != self.person_id:
            newest = self.data.of_person(self.person_id)
            self.assessment_id = newest[0].id if newest else None

    def _chosen(self, person_id: int, assessment_id: int | None) -> None:
        changed = person_id != self.person_id
        self.person_id, self.assessment_id = person_id, assessment_id
        if self.data is None:
            return
        self._resolve_assessment()
        self._show()
        if changed:
            self.person_changed.emit(person_id)

    def _show(self) -> None:
        data = self.data
        assert data is not None
        person = data.person(self.person_id)
        self.assessment = data.assessment(self.assessment_id)
        can_start = data.open and person is not None
        self.new_button.setEnabled(can_start)
        a = self.assessment
        self.remove_button.setEnabled(a is not None and a.editable)
        if a is None:
            self._show_empty(person is not None)
            self.setFocusProxy(self.empty.button if can_start else self.tree)
            return
        self.centre.setCurrentIndex(EDITOR)
        self.setFocusProxy(self.grid)
        matrix = data.matrix(a.matrix_id)
        previous = previous_of(a, data.assessments)
        keep = self._current_place()
        self.model.set_assessment(a, matrix, previous, a.editable, data.matrices)
        names = {d.domain: self.model.name(d.domain) for d in a.domains}
        copied = data.assessment(a.copied_from_id)
        self.header.show_assessment(a, matrix, copied, self._read_only_reason(a), advice(a, names))
        self.note_mark.set_category(a.special_category)
        self.note_mark.setEnabled(data.open)
        show_hint(self.note_mark_hint, a.special_category, special_rules.suggest([a.note]))
        before = self.grid.currentIndex()
        self._restore_place(keep)
        if self.grid.currentIndex() == before:  # a move showed the cell already
            self._show_cell()

    def _show_empty(self, has_person: bool) -> None:
        assert self.data is not None
        self.centre.setCurrentWidget(self.empty)
        self.model.set_assessment(None, None, None, False)
        self.description.show_cell(None, None, None)
        self.form.show_domain(None, "", None, (), False)
        self.empty.show_for(self.data, self.data.person(self.person_id) if has_person else None)

    def _read_only_reason(self, a: AssessmentDTO) -> str | None:
        if a.editable:
            return None
        assert self.data is not None
        if not self.data.open:
            return self.data.locked_note or _(
                "This case is closed, so its assessments are read-only. Reopen the case to "
                "change anything."
            )
        return _(
            "An earlier assessment: read-only, the record of what was seen then. Only the "
            "newest assessment of a person can change; start a new assessment to record what "
            "has changed."
        )

    def _current_place(self) -> tuple[str | None, int]:
        index = self.grid.currentIndex()
        if not index.isValid():
            return None, -1
        score = self.model.score_at(index.row())
        return (score.domain if score else None), index.column()

    def _restore_place(self, place: tuple[str | None, int]) -> None:
        code, column = place
        row = self.model.row_of(code) if code is not None else -1
        current = self.grid.currentIndex()
        if current.isValid() and current.row() == row and current.column() == column:
            return
        if row < 0:
            row = 0
            first = self.model.score_at(0)
            column = level_column(first.level) if first else NAME
        self.grid.go_to(row, column if column >= 0 else NAME)

    def _current_cell_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_cell()

    def _show_cell(self) -> None:
        a = self.assessment
        index = self.grid.currentIndex()
        score = self.model.score_at(index.row()) if index.isValid() else None
        if a is None or score is None or self.data is None:
            return
        matrix = self.data.matrix(a.matrix_id)
        column = index.column()
        level = score.level if column in (NAME, CHANGE) else column_level(column)
        licensed = matrix is not None and matrix.version == a.matrix_version
        self.description.show_cell(matrix, score.domain, level, licensed)
        name = self.model.name(score.domain)
        self.form.show_domain(
            score, name, matrix, self.data.plan_items, a.editable, markable=self.data.open
        )

    # ---- acting ----------------------------------------------------------------------------

    def _level_chosen(self, row: int, level: int | None) -> None:
        a, score = self.assessment, self.model.score_at(row)
        if a is None or score is None or score.level == level:
            return
        reason = self._read_only_reason(a)
        if reason is not None:
            self.ctx.signals.status_message.emit(reason)
            return
        command = SetDomainCommand(
            self.ctx, a, score.domain, {"level": level}, label=self.model.name(score.domain)
        )
        try:
            execute(self.ctx, command)
        except JeugdtoolError as exc:
            self._failed(exc)

    def _commit_domain(self, changes: dict[str, Any], visit: int | None) -> None:
        a = self.assessment
        index = self.grid.currentIndex()
        score = self.model.score_at(index.row()) if index.isValid() else None
        if a is None or score is None:
            return
        command = SetDomainCommand(
            self.ctx, a, score.domain, changes, label=self.model.name(score.domain), visit=visit
        )
        if not command.changes_anything:
            return
        try:
            execute(self.ctx, command)
        except InvalidInput:
            raise  # shown under the field
        except JeugdtoolError as exc:
            self._failed(exc)

    def _mark_domain_note(self, category: str) -> None:
        """Mark the note of the domain in the form as a special category, or clear it."""
        a, score = self.assessment, self.form.score
        if a is None or score is None or self.data is None or not self.data.open:
            return
        item = _("the note on {domain}").format(domain=self.model.name(score.domain))
        command = MarkDomainNoteCommand(self.ctx, self.case_id, score, category, item)
        try:
            execute(self.ctx, command)
        except JeugdtoolError as exc:
            self._failed(exc)

    def _mark_assessment_note(self, _index: int) -> None:
        """Mark the assessment's own note as a special category, or clear it."""
        a, category = self.assessment, self.note_mark.category()
        if a is None or self.data is None or not self.data.open:
            return
        if category == a.special_category:
            return
        try:
            execute(self.ctx, MarkAssessmentNoteCommand(self.ctx, self.case_id, a, category))
        except JeugdtoolError as exc:
            self._failed(exc)

    def _acute_to_map(self) -> None:
        a = self.header.assessment
        if a is not None:
            put_on_map(self.ctx, a, {d.domain: self.model.name(d.domain) for d in a.domains})

    def _commit_header(self, field: str, value: Any, origin: QWidget) -> None:
        if self.assessment is None:
            return
        try:
            command = EditAssessmentCommand(self.ctx, self.assessment, field, value)
            execute(self.ctx, command, origin=origin)  # a fault keeps it, marked (pending.py)
        except InvalidInput:
            raise
        except JeugdtoolError as exc:
            self._failed(exc)

    def new_assessment(self) -> NewAssessmentDialog | None:
        """Ask date, assessor and matrix (a non-blocking dialog); None when nobody can start."""
        data = self.data
        person = data.person(self.person_id) if data is not None else None
        if data is None or person is None or not data.open:
            return None
        dialog = NewAssessmentDialog(
            person,
            data.matrices,
            data.assessments,
            self.ctx.user.name,
            lambda values: self._start(person.id, values),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.grid.setFocus())
        dialog.open()
        return dialog

    def _start(self, person_id: int, values: dict[str, Any]) -> None:
        assert self.data is not None
        fields = {**values, "allow_youth": self.data.allow_youth}
        command = StartAssessmentCommand(self.ctx, self.case_id, person_id, fields)
        try:
            execute(self.ctx, command)
        except InvalidInput:
            raise
        except JeugdtoolError as exc:
            self._failed(exc)
            return
        assert command.dto is not None
        self._chosen(person_id, command.dto.id)
        self.tree.show_place(self.person_id, self.assessment_id)
        self.grid.go_to(0, NAME)

    def remove_assessment(self) -> bool:
        a = self.assessment
        if a is None or not a.editable:
            return False
        question = _(
            "Remove the assessment of {name} of {date}?\nYou can bring it back with Undo (Ctrl+Z)."
        ).format(name=a.person_name, date=format_date_nl(a.assessed_on))
        if not self.ctx.dialogs.confirm(question, _("Remove assessment")):
            return False
        return run_command(self.ctx, self.case_id, RemoveAssessmentCommand(self.ctx, a))

    def _failed(self, exc: JeugdtoolError) -> None:
        show_failure(self.ctx, self.case_id, exc)
