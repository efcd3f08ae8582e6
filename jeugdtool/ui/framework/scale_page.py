"""The scale page: the question with the case's 0 and 10, entering a score, the chart of
everyone's scores over time, each safety goal's own track (judgements over time, seen since,
held until) and the table of all scores (change and remove, undoable)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.framework import moments
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.scale_dto import ScaleDefinition
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.colours import tint
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import show_failure
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework.goal_tracks import GoalTracks
from jeugdtool.ui.framework.scale_chart import ScaleChart
from jeugdtool.ui.framework.scale_commands import RemoveScoreCommand
from jeugdtool.ui.framework.scale_commands import SetScaleWordingCommand
from jeugdtool.ui.framework.score_input import ScoreDialog
from jeugdtool.ui.framework.score_input import ScoreInput
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.workspace.member_models import DtoTableModel
from jeugdtool.ui.workspace.member_section import MemberSection

#: What the page reloads for (of its own case).
WATCHED = (
    "scale_score",
    "case_scale",
    "statement",
    "mapping_moment",
    "household",
    "person",
    "network_member",
    "goal_judgement",
    "plan_review",
)
FORMAL_BACKGROUND = "#fff4cc"


class ScoreTableModel(DtoTableModel[Any]):
    """Every score, newest first; the formal score (the case manager's newest) stands out."""

    DATE, WHO, ROLE, SCORE, CONTEXT, ABOUT, REASON, ONE_HIGHER = range(8)
    HEADERS = (
        N_("Date"),
        N_("Who"),
        N_("Role"),
        N_("Score"),
        N_("Context"),
        N_("About"),
        N_("Reason"),
        N_("One point higher"),
    )
    STRETCH = REASON

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.formal_id: int | None = None
        self.about_labels: Mapping[str, str] = {}

    def set_rows(
        self,
        rows: tuple[ScoreDTO, ...],
        formal_id: int | None = None,
        about_labels: Mapping[str, str] | None = None,
    ) -> None:
        self.formal_id, self.about_labels = formal_id, dict(about_labels or {})
        super().set_rows(rows)

    def display(self, dto: ScoreDTO, column: int) -> str:
        if column == self.DATE:
            return format_date_nl(dto.scored_on)
        if column == self.WHO:
            return dto.source.label
        if column == self.ROLE:
            role = dto.role.label
            return _("{role} · formal").format(role=role) if dto.id == self.formal_id else role
        if column == self.SCORE:
            return str(dto.score)
        if column == self.CONTEXT:
            return dto.context.label
        if column == self.ABOUT:
            if dto.about is None:
                return _("As a whole")
            return self.about_labels.get(dto.about, _("Danger statement"))
        if column == self.REASON:
            return _first_line(dto.reason)
        if column == self.ONE_HIGHER:
            return _first_line(dto.one_higher)
        return ""

    def tooltip(self, dto: ScoreDTO, column: int) -> str | None:
        if column == self.REASON:
            return dto.reason or None
        if column == self.ONE_HIGHER:
            return dto.one_higher or None
        if column == self.ROLE and dto.id == self.formal_id:
            return _("The case manager's newest score is the formal judgement.")
        if column in CAPPED:  # the column may be too narrow for it: the whole text
            return self.display(dto, column)
        return None

    def alignment(self, column: int) -> Any:
        if column == self.SCORE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        dto = self.row_at(index.row()) if index.isValid() else None
        if dto is not None and dto.id == self.formal_id:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(tint(FORMAL_BACKGROUND))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


#: Columns as wide as their text up to this share of the table, the rest elided (the tooltip
#: has it all): a long danger statement under "About" must not push "Reason" and "One point
#: higher" out of sight on a 1366 screen.
CAPPED = {
    ScoreTableModel.WHO: 0.12,
    ScoreTableModel.ROLE: 0.14,
    ScoreTableModel.CONTEXT: 0.12,
    ScoreTableModel.ABOUT: 0.15,
    ScoreTableModel.ONE_HIGHER: 0.18,
}


def fit_score_columns(table: QTableView, widths: Mapping[int, int]) -> None:
    """Each capped column at most its share of the table's width (`widths`: as measured
    from the contents); "Reason" stretches over what is left."""
    room = table.viewport().width()
    for column, share in CAPPED.items():
        wanted = widths.get(column, table.columnWidth(column))
        table.setColumnWidth(column, max(60, min(wanted, int(room * share))))


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


class WordingDialog(QDialog):
    """The case's own wording of 0 and 10, with a way back to the method's default."""

    def __init__(self, definition: ScaleDefinition, parent: QWidget | None = None):
        super().__init__(parent)
        self.definition = definition
        self.setWindowTitle(_("Own wording of 0 and 10"))
        self.setMinimumWidth(560)
        self.zero = self._edit(definition.zero)
        self.ten = self._edit(definition.ten)
        self.errors = {"zero": ErrorLabel(self), "ten": ErrorLabel(self)}
        restore = QPushButton(_("Use the &default wording"), self)
        restore.clicked.connect(self._restore)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.addButton(restore, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = WrappingLabel(
            _("Say in the family's own words what 0 and 10 mean for this case."), self
        )
        layout.addWidget(intro)
        for caption, edit, field in (
            (_("&0 means"), self.zero, "zero"),
            (_("&10 means"), self.ten, "ten"),
        ):
            label = QLabel(caption, self)
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(edit)
            layout.addWidget(self.errors[field])
        layout.addWidget(buttons)

    def _edit(self, text: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(text, self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
        return edit

    def _restore(self) -> None:
        self.zero.setPlainText(self.definition.default_zero)
        self.ten.setPlainText(self.definition.default_ten)

    def wording(self) -> tuple[str | None, str | None]:
        """What to store: None where the text is the default (or empty)."""
        d = self.definition
        zero, ten = self.zero.toPlainText().strip(), self.ten.toPlainText().strip()
        own_zero = zero if zero and zero != d.default_zero else None
        own_ten = ten if ten and ten != d.default_ten else None
        return own_zero, own_ten

    def show_problems(self, exc: InvalidInput) -> None:
        for field, label in self.errors.items():
            label.show_message("\n".join(exc.for_field(field)) or None)


class ScalePage(StaleWhileHidden, QWidget):
    """`(ctx, case_id)`; reloads itself when the case's scale, scores or statements change."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.definition: ScaleDefinition | None = None
        self.scores: tuple[ScoreDTO, ...] = ()
        #: Each safety goal's lineage to the danger statement it pairs with.
        self.goal_pairs: dict[str, str | None] = {}
        self.formal: ScoreDTO | None = None
        self._build()
        ctx.signals.changed.connect(self._on_changed)
        self.reload()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.question = heading("", self, 1.3)
        self.hint = muted("", self)
        self.wording_state = QLabel(self)
        style_text(self.wording_state, Role.MUTED)
        self.wording_button = QPushButton(_("&Own wording…"), self)
        self.wording_button.setToolTip(_("Say what 0 and 10 mean for this case"))
        self.wording_button.clicked.connect(self.edit_wording)
        self.formal_label = QLabel(self)
        self.formal_label.setStyleSheet(
            f"background: {tint(FORMAL_BACKGROUND).name()}; border: 1px solid #d4b106;"
            " border-radius: 4px;"
            " padding: 3px 8px;"
        )
        self.input = ScoreInput(self.ctx, self.case_id, self)
        self.input.score_entered.connect(self._entered)

        self.chart_about = QComboBox(self)
        self.chart_about.setAccessibleName(_("Scores about"))
        self.chart_about.currentIndexChanged.connect(lambda *_a: self._show_chart())
        self.chart = ScaleChart(self)
        self.chart.setMinimumHeight(240)

        self.goal_tracks = GoalTracks(self.ctx, self.case_id, self)
        self.goal_tracks.setObjectName("goal-tracks")

        self.model = ScoreTableModel(self)
        self.table = MemberSection(_("All scores"), self.model, _("No scores yet."), self)
        self._content_widths: dict[int, int] = {}
        self.table.table.viewport().installEventFilter(self)
        self.table.add_button.setText(_("New score"))
        self.table.add_requested.connect(lambda: self.input.setFocus())
        self.table.edit_requested.connect(self.edit_score)
        self.table.remove_requested.connect(self.remove_score)

        top = QHBoxLayout()
        top.addWidget(self.question)
        top.addStretch(1)
        top.addWidget(self.wording_state)
        top.addWidget(self.wording_button)

        entry = QFrame(self)
        entry.setFrameShape(QFrame.Shape.StyledPanel)
        entry_layout = QVBoxLayout(entry)
        entry_layout.addWidget(self.input)

        chart_box = QVBoxLayout()
        chooser = QHBoxLayout()
        about_caption = QLabel(_("Chart of scores a&bout"), self)
        about_caption.setBuddy(self.chart_about)
        chooser.addWidget(about_caption)
        chooser.addWidget(self.chart_about, 1)
        chart_box.addLayout(chooser)
        chart_box.addWidget(self.chart, 1)
        chart_box.addWidget(self.formal_label)

        middle = QHBoxLayout()
        middle.addWidget(entry, 5)
        middle.addLayout(chart_box, 4)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addLayout(middle)
        layout.addWidget(self.goal_tracks)
        layout.addWidget(self.table)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setFocusProxy(self.input)

    # ---- showing -------------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches_case(self.case_id) and changes.touches(*WATCHED):
            self.reload_when_seen()  # hidden (behind the map): once, when shown

    def reload(self) -> None:
        uow = self.ctx.uow
        try:
            detail = queries.get_case(uow, self.case_id)
            self.definition = scale.get_scale(uow, self.case_id)
            self.scores = scale.list_scores(uow, self.case_id)
            self.formal = scale.formal_score(uow, self.case_id)
            choices = scale.about_choices(uow, self.case_id)
            newest = moments.latest_moment(uow, self.case_id)
            found = statements.list_statements(uow, newest.moment.id) if newest else ()
        except NotFound:
            self.setEnabled(False)
            return
        # Each safety goal's danger statement: the chart's goal lanes follow its "about".
        self.goal_pairs = {dto.lineage: dto.pairs_with for dto in found}
        d = self.definition
        self.question.setText(d.question)
        self.hint.setText(d.hint)
        self.wording_state.setText(
            _("Own wording of 0 and 10") if d.is_custom else _("Default wording of the method")
        )
        self.input.set_data(d, detail, choices)
        self._show_formal()
        labels = {c.lineage: c.label for c in choices}
        self.table.set_rows(
            tuple(reversed(self.scores)),
            formal_id=self.formal.id if self.formal else None,
            about_labels=labels,
        )
        self.fit_columns()
        keep = self.chart_about.currentData()
        self.chart_about.blockSignals(True)
        self.chart_about.clear()
        self.chart_about.addItem(_("The case as a whole"), None)
        for choice in choices:
            self.chart_about.addItem(choice.label, choice.lineage)
        self.chart_about.setCurrentIndex(max(0, self.chart_about.findData(keep)))
        self.chart_about.blockSignals(False)
        self.goal_tracks.reload()
        self._show_chart()
        self.set_editable(self.ctx.can_edit(detail.household))

    def fit_columns(self) -> None:
        """After the rows changed (and were measured): the reason takes the room left over,
        the other long texts get a fair share."""
        table = self.table.table
        self._content_widths = {c: table.columnWidth(c) for c in CAPPED}
        fit_score_columns(table, self._content_widths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.table.viewport() and event.type() == QEvent.Type.Resize:
            fit_score_columns(self.table.table, self._content_widths)
        return super().eventFilter(watched, event)

    def _show_formal(self) -> None:
        f = self.formal
        if f is None:
            self.formal_label.setText(_("No formal score yet: the case manager has not scored."))
        else:
            self.formal_label.setText(
                _("Formal score (case manager): {score} on {date}, {name}").format(
                    score=f.score, date=format_date_nl(f.scored_on), name=f.source.label
                )
            )
        self.formal_label.setToolTip(f.reason if f is not None else "")

    def _show_chart(self) -> None:
        about = self.chart_about.currentData()
        self.chart.set_history(scale.score_history(self.ctx.uow, self.case_id, about=about))
        self.chart.set_goals(self.goal_tracks.tracks, self.goal_pairs, about)
        self.chart.setMinimumHeight(240 + self.chart.plot.lanes_height())

    def set_editable(self, editable: bool) -> None:
        """A closed case (or a database that may only be read) is read-only here too."""
        self.input.setEnabled(editable)
        self.wording_button.setEnabled(editable)
        self.table.set_editable(editable)
        self.goal_tracks.set_editable(editable)

    # ---- acting --------------------------------------------------------------------------

    def _entered(self, dto: ScoreDTO) -> None:
        self.ctx.signals.status_message.emit(
            _("Score {score} of {name} saved.").format(score=dto.score, name=dto.source.label)
        )

    def edit_wording(self) -> bool:
        if self.definition is None:
            return False
        dialog = WordingDialog(self.definition, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            zero, ten = dialog.wording()
            before = self.definition
            if (zero, ten) == (before.custom_zero, before.custom_ten):
                return False
            try:
                execute(self.ctx, SetScaleWordingCommand(self.ctx, before, zero, ten))
                return True
            except InvalidInput as exc:
                dialog.show_problems(exc)
            except JeugdtoolError as exc:
                self._failed(exc)
                return False
        return False

    def edit_score(self, dto: ScoreDTO) -> None:
        ScoreDialog(self.ctx, dto, self).exec()

    def remove_score(self, dto: ScoreDTO) -> None:
        try:
            execute(self.ctx, RemoveScoreCommand(self.ctx, dto))
        except JeugdtoolError as exc:
            self._failed(exc)

    def _failed(self, exc: JeugdtoolError) -> None:
        show_failure(self.ctx, self.case_id, exc)
