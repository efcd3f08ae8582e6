"""Each safety goal's own track beside the scale history: its period, the judgements over time
(met / partly / not met), since when the change is seen and until when it must hold.

The clock is the core's (`goals.goal_tracks`, `goal_rules`); this only shows it. Judging a goal
(Ins, or Enter on its row) and removing its latest judgement (Del) are undoable commands.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import parse_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import goal_rules
from jeugdtool.framework import goals
from jeugdtool.framework import plan_rules
from jeugdtool.framework.goal_dto import GoalTrack
from jeugdtool.framework.goal_dto import JudgementDTO
from jeugdtool.framework.vocab import Judgement
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import show_failure
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework.goal_commands import JudgeGoalCommand
from jeugdtool.ui.framework.goal_commands import RemoveJudgementCommand
from jeugdtool.ui.widgets import add_form_row
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.member_models import DtoTableModel
from jeugdtool.ui.workspace.member_section import MemberSection

#: A judgement as one short word in the history ("12-01 deels").
SHORT_JUDGEMENT = {
    Judgement.MET: N_("met"),
    Judgement.PARTLY: N_("partly"),
    Judgement.NOT_MET: N_("not met"),
}


def history_text(track: GoalTrack) -> str:
    """The judgements over time, oldest first: "12-01-2027 deels → 02-03-2027 behaald"."""
    return " → ".join(
        " ".join((format_date_nl(j.judged_on), _(SHORT_JUDGEMENT[Judgement(j.judgement)])))
        for j in track.history
    )


def period_text(track: GoalTrack) -> str:
    if track.amount is None or track.unit is None:
        return _("no period chosen")
    return goal_rules.period_words(track.amount, track.unit)


def state_text(track: GoalTrack, today: dt.date) -> str:
    """Held, holding until a day, or why the clock does not run."""
    if track.held:
        return _("Held for its whole period")
    if track.held_until is not None:
        days = max((track.held_until - today).days, 0)
        return ngettext(
            "Must hold until {date} ({days} day to go)",
            "Must hold until {date} ({days} days to go)",
            days,
        ).format(date=format_date_nl(track.held_until), days=days)
    if track.latest is None:
        return _("Not judged yet")
    if track.amount is None:
        return _("Choose how long it must hold (in the safety goal)")
    return _("The clock runs once the goal is met")


@dataclass(frozen=True)
class TrackRow:
    """A goal's track as a table row (`id`: its number, so the selection stays on reload)."""

    id: int
    track: GoalTrack


class GoalTrackModel(DtoTableModel[Any]):
    GOAL, PERIOD, HISTORY, SEEN, STATE = range(5)
    HEADERS = (
        N_("Safety goal"),
        N_("Must hold for"),
        N_("Judgements over time"),
        N_("Seen since"),
        N_("Where it stands"),
    )
    STRETCH = HISTORY

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.today = dt.date.today()

    def set_rows(self, rows: tuple[TrackRow, ...], today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()
        super().set_rows(rows)

    def display(self, row: TrackRow, column: int) -> str:
        dto = row.track
        if column == self.GOAL:
            return _("{n}. {text}").format(n=row.id, text=plan_rules.shorten(dto.text, 60))
        if column == self.PERIOD:
            return period_text(dto)
        if column == self.HISTORY:
            return history_text(dto) or _("Not judged yet")
        if column == self.SEEN:
            return format_date_nl(dto.seen_since) if dto.seen_since else "—"
        if column == self.STATE:
            return state_text(dto, self.today)
        return ""

    def tooltip(self, row: TrackRow, column: int) -> str | None:
        dto = row.track
        if column == self.GOAL:
            return dto.text
        if column == self.HISTORY and dto.history:
            return "\n".join(
                "{date}: {label}{note}".format(
                    date=format_date_nl(j.judged_on),
                    label=Judgement(j.judgement).label,
                    note=f" — {j.note}" if j.note else "",
                )
                for j in dto.history
            )
        return None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if (
            row is not None
            and index.column() == self.STATE
            and role == Qt.ItemDataRole.ForegroundRole
            and row.track.held
        ):
            return QColor(colour(Role.OK))
        return super().data(index, role)


class JudgementDialog(QDialog):
    """Judge one safety goal: met / partly / not met, on which day, seen since when, a note."""

    def __init__(
        self,
        tracks: tuple[GoalTrack, ...],
        submit: Callable[[str, dict[str, Any]], None],
        parent: QWidget | None = None,
        goal: str | None = None,
        by: str = "",
    ):
        super().__init__(parent)
        self._submit, self._by = submit, by
        self.setWindowTitle(_("Judge a safety goal"))
        self.setMinimumWidth(560)
        self.goal = QComboBox(self)
        for n, track in enumerate(tracks, 1):
            shown = _("{n}. {text}").format(n=n, text=plan_rules.shorten(track.text, 80))
            self.goal.addItem(shown, track.lineage)
        self.goal.setCurrentIndex(max(0, self.goal.findData(goal)))
        # A long goal must not push its label ("Safety goal") out of sight at 1366 wide.
        self.goal.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.goal.setMinimumContentsLength(24)
        self.judgement = QComboBox(self)
        self.judgement.addItem(_("(choose)"), None)
        for choice in Judgement:
            self.judgement.addItem(choice.label, choice.value)
        self.on = QLineEdit(format_date_nl(dt.date.today()), self)
        self.on.setPlaceholderText(_("dd-mm-jjjj"))
        self.seen_since = QLineEdit(self)
        self.seen_since.setPlaceholderText(_("dd-mm-jjjj; empty: since the last time it was met"))
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 14)
        self.fields: dict[str, QWidget] = {
            "goal_lineage": self.goal,
            "judgement": self.judgement,
            "judged_on": self.on,
            "seen_since": self.seen_since,
            "note": self.note,
        }
        self.errors = {name: ErrorLabel(self) for name in self.fields}
        form = QFormLayout()
        captions = {
            "goal_lineage": _("Safety &goal"),
            "judgement": _("&Judgement"),
            "judged_on": _("&Date"),
            "seen_since": _("&Seen since"),
            "note": _("&Note"),
        }
        for name, widget in self.fields.items():
            add_form_row(form, self, captions[name], widget, self.errors[name])
        self.general = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(ok_cancel(self, _("Save judgement")))
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        self.judgement.currentIndexChanged.connect(self._follow)
        self._follow()
        (self.judgement if goal else self.goal).setFocus()

    def _follow(self) -> None:
        not_met = self.judgement.currentData() == Judgement.NOT_MET.value
        self.seen_since.setEnabled(not not_met)
        if not_met:
            self.seen_since.clear()

    def values(self) -> dict[str, Any]:
        """In service terms; a date that is not one stays text (the service names it)."""
        out: dict[str, Any] = {
            "judgement": self.judgement.currentData() or "",
            "on": self.on.text(),
            "seen_since": self.seen_since.text().strip() or None,
            "note": self.note.toPlainText(),
            "by": self._by,
        }
        for name in ("on", "seen_since"):
            if isinstance(out[name], str):
                with contextlib.suppress(InvalidInput):
                    out[name] = parse_date_nl(out[name], name)
        return out

    def accept(self) -> None:
        for label in (*self.errors.values(), self.general):
            label.show_message(None)
        try:
            self._submit(self.goal.currentData(), self.values())
        except InvalidInput as exc:
            self.show_problems(exc)
            return
        except JeugdtoolError as exc:
            self.general.show_message(str(exc))
            return
        super().accept()

    def show_problems(self, exc: InvalidInput) -> None:
        aliases = {"on": "judged_on", "by": "note", "goal": "goal_lineage"}
        other = []
        first = None
        for problem in exc.problems:
            name = aliases.get(problem.field, problem.field)
            if name in self.errors:
                self.errors[name].show_message(problem.message)
                first = first or name
            else:
                other.append(problem.message)
        self.general.show_message("\n".join(other) or None)
        if first is not None:
            self.fields[first].setFocus()


class GoalTracks(MemberSection):
    """The safety goals of the newest mapping moment, each with its own track."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(
            _("Safety goals over time"),
            GoalTrackModel(),
            _("No safety goals yet: write them on the page Danger and goals."),
            parent,
        )
        self.model.setParent(self)
        self.ctx, self.case_id = ctx, case_id
        self.tracks: tuple[GoalTrack, ...] = ()
        self.add_button.setText(_("Judge a goal…"))
        self.edit_button.setText(_("Judge this goal…"))
        self.remove_button.setText(_("Remove latest judgement"))
        self.add_action.setText(_("Judge a goal…"))
        self.edit_action.setText(_("Judge this goal…"))
        self.remove_action.setText(_("Remove latest judgement"))
        self.add_requested.connect(lambda: self.judge(None))
        self.edit_requested.connect(lambda row: self.judge(row.track.lineage))
        self.remove_requested.connect(self.remove_latest)

    def reload(self, today: dt.date | None = None) -> None:
        self.tracks = tuple(goals.goal_tracks(self.ctx.uow, self.case_id, today=today))
        rows = tuple(TrackRow(n, t) for n, t in enumerate(self.tracks, 1))
        self.set_rows(rows, today=today)

    def judge(self, lineage: str | None) -> JudgementDialog | None:
        """Open the judgement dialog (non-modal, returned for tests)."""
        if not self.tracks:
            return None

        def submit(goal: str, values: dict[str, Any]) -> None:
            execute(self.ctx, JudgeGoalCommand(self.ctx, self.case_id, goal, values))

        dialog = JudgementDialog(self.tracks, submit, self, lineage, by=self.ctx.user.name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def remove_latest(self, row: TrackRow) -> None:
        latest: JudgementDTO | None = row.track.latest
        if latest is None:
            return
        question = _("Remove the judgement of {date} ({label})?").format(
            date=format_date_nl(latest.judged_on), label=Judgement(latest.judgement).label
        )
        if not self.ctx.dialogs.confirm(question, _("Remove")):
            return
        try:
            execute(self.ctx, RemoveJudgementCommand(self.ctx, self.case_id, latest))
        except JeugdtoolError as exc:
            show_failure(self.ctx, self.case_id, exc)
