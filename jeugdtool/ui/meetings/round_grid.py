"""The scale round, typed quickly: one row per participant — score (0–10), Tab or Enter, the
reason, Enter — and on to the next participant. Each entry is saved when its reason is done; a
cleared score takes the entry back out. The spread (lowest–highest, median, how many) follows as
the scores are typed, with a strip of dots on the 0–10 line."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QPointF
from PySide6.QtCore import QRectF
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtGui import QIntValidator
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPaintEvent
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework.scale import MAX_SCORE
from jeugdtool.framework.scale import MIN_SCORE
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language
from jeugdtool.i18n import ngettext
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import ParticipantDTO
from jeugdtool.meetings.dto import RoundEntry
from jeugdtool.meetings.dto import Spread

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework.score_row import ENTER_KEYS
from jeugdtool.ui.framework.score_row import score_colours
from jeugdtool.ui.meetings import commands as mc
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.workspace.inline import ErrorLabel


def spread_text(spread: Spread | None) -> str:
    if spread is None:
        return _("No scores yet.")
    median = f"{spread.median:g}"
    if current_language() == "nl":
        median = median.replace(".", ",")
    count = ngettext("{n} score", "{n} scores", spread.count).format(n=spread.count)
    return _("Spread {low}–{high} · median {median} · {count}").format(
        low=spread.low, high=spread.high, median=median, count=count
    )


class SpreadStrip(QWidget):
    """The 0–10 line with a dot per score (equal scores stacked) and the median marked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scores: list[int] = []
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Spread of the scores"))

    def set_scores(self, scores: list[int]) -> None:
        self.scores = sorted(scores)
        spread = Spread.of(self.scores)
        self.setAccessibleDescription(spread_text(spread))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, right = 14.0, self.width() - 14.0
        base = self.height() - 18.0
        step = (right - left) / (MAX_SCORE - MIN_SCORE)
        p.setPen(QPen(qcolor(Role.MUTED), 1))
        p.drawLine(QPointF(left, base), QPointF(right, base))
        for n in range(MIN_SCORE, MAX_SCORE + 1):
            x = left + n * step
            p.drawLine(QPointF(x, base - 3), QPointF(x, base + 3))
            p.drawText(QRectF(x - 10, base + 3, 20, 14), Qt.AlignmentFlag.AlignCenter, str(n))
        spread = Spread.of(self.scores)
        if spread is not None:
            p.setPen(QPen(qcolor(Role.ACCENT), 2, Qt.PenStyle.DashLine))
            x = left + spread.median * step
            p.drawLine(QPointF(x, 4), QPointF(x, base))
        stacked: dict[int, int] = {}
        p.setPen(Qt.PenStyle.NoPen)
        for score in self.scores:
            level = stacked.get(score, 0)
            stacked[score] = level + 1
            p.setBrush(QColor(score_colours(score)[1]))
            p.drawEllipse(QPointF(left + score * step, base - 8 - level * 11), 5, 5)
        p.end()


class _Row:
    """The widgets of one participant's entry."""

    def __init__(self, grid: RoundGrid, participant: ParticipantDTO | None, name: str):
        self.participant = participant
        self.name = QLabel(name, grid)
        self.score = QLineEdit(grid)
        self.score.setValidator(QIntValidator(MIN_SCORE, MAX_SCORE, self.score))
        self.score.setMaxLength(2)
        self.score.setFixedWidth(48)
        self.score.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.score.setAccessibleName(_("Score of {name}").format(name=name))
        # A reason is often a sentence or two: it wraps and grows instead of hiding its start.
        self.reason = GrowingTextEdit(grid, max_lines=4, one_paragraph=True)
        self.reason.setPlaceholderText(_("Why this number and not lower?"))
        self.reason.setAccessibleName(_("Reason of {name}").format(name=name))
        self.error = ErrorLabel(grid)
        if participant is None:  # scored, then left the meeting: shown, not edited
            self.name.setText(_("{name} (no longer a participant)").format(name=name))
            self.score.setReadOnly(True)
            self.reason.setReadOnly(True)

    def typed_score(self) -> int | None:
        text = self.score.text().strip()
        return int(text) if text.isdigit() and int(text) <= MAX_SCORE else None

    def show(self, entry: RoundEntry | None) -> None:
        for edit, value in (
            (self.score, str(entry.score) if entry else ""),
            (self.reason, entry.reason if entry else ""),
        ):
            if not (edit.hasFocus() and edit.isModified()) and edit.text() != value:
                edit.setText(value)
                edit.setModified(False)


class RoundGrid(QWidget):
    #: Enter after the last reason: the round is done (focus may go on).
    finished = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.item: ItemDTO | None = None
        self.rows: list[_Row] = []
        self._shape: tuple[object, ...] = ()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(3)
        self.grid.setColumnStretch(2, 1)
        self.empty = QLabel(_("Add participants to the meeting to start the round."), self)
        style_text(self.empty, Role.MUTED)
        self.spread = QLabel(self)
        self.spread.setAccessibleName(_("Spread"))
        self.strip = SpreadStrip(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.empty)
        layout.addWidget(self.spread)
        layout.addWidget(self.strip)

    # ---- showing ---------------------------------------------------------------------------

    def set_item(self, item: ItemDTO | None, participants: tuple[ParticipantDTO, ...]) -> None:
        self.item = item
        by_participant = {e.participant_id: e for e in item.round} if item else {}
        ids = {p.id for p in participants}
        former = [e for e in item.round if e.participant_id not in ids] if item else []
        shape = (*[(p.id, p.name) for p in participants], *former)
        if shape != self._shape:
            self._build(participants, former)
            self._shape = shape
        for row in self.rows:
            if row.participant is not None:
                row.show(by_participant.get(row.participant.id))
        self.empty.setVisible(not participants)
        self.spread.setVisible(bool(self.rows))
        self.strip.setVisible(bool(self.rows))
        self._update_spread()

    def _build(self, participants: tuple[ParticipantDTO, ...], former: list[RoundEntry]) -> None:
        focused = next((n for n, r in enumerate(self.rows) if r.score.hasFocus()), None)
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # gone from the screen now, deleted when the event loop turns
                widget.deleteLater()
        self.rows = [_Row(self, p, p.name) for p in participants]
        for entry in former:
            row = _Row(self, None, entry.name)
            row.show(entry)
            self.rows.append(row)
        headers = ((_("Participant"), 0), (_("Score"), 1), (_("Reason"), 2)) if self.rows else ()
        for header, column in headers:
            label = QLabel(f"<b>{header}</b>", self)
            self.grid.addWidget(label, 0, column)
            label.show()
        for n, row in enumerate(self.rows):
            top = Qt.AlignmentFlag.AlignTop  # beside a reason that grew, at its first line
            self.grid.addWidget(row.name, 2 * n + 1, 0, top)
            self.grid.addWidget(row.score, 2 * n + 1, 1, top)
            self.grid.addWidget(row.reason, 2 * n + 1, 2)
            self.grid.addWidget(row.error, 2 * n + 2, 0, 1, 3)
            for widget in (row.name, row.score, row.reason):
                widget.show()  # at once, not on the next turn of the event loop
            row.score.textEdited.connect(lambda _t: self._update_spread())
            row.reason.editingFinished.connect(lambda r=row: self._save(r, quiet=False))
            row.score.installEventFilter(self)
            row.reason.installEventFilter(self)
        if focused is not None and focused < len(self.rows):
            self.rows[focused].score.setFocus()

    def _update_spread(self) -> None:
        scores = [s for r in self.rows if (s := r.typed_score()) is not None]
        self.spread.setText(spread_text(Spread.of(scores)))
        self.strip.set_scores(scores)

    # ---- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            # Not editingFinished: with the 0–10 validator an emptied field never sends it.
            row = next((r for r in self.rows if watched is r.score), None)
            if row is not None:
                self._score_left(row)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in ENTER_KEYS
        ):
            row = next((r for r in self.rows if watched in (r.score, r.reason)), None)
            if row is not None:
                if watched is row.score:
                    row.reason.setFocus(Qt.FocusReason.TabFocusReason)
                elif self._save(row, quiet=False):
                    self._next(row)
                return True
        return super().eventFilter(watched, event)

    def _next(self, row: _Row) -> None:
        editable = [r for r in self.rows if r.participant is not None]
        n = editable.index(row) + 1
        if n < len(editable):
            editable[n].score.setFocus(Qt.FocusReason.TabFocusReason)
            editable[n].score.selectAll()
        else:
            self.finished.emit()

    # ---- saving ----------------------------------------------------------------------------

    def _entry(self, row: _Row) -> RoundEntry | None:
        if self.item is None or row.participant is None:
            return None
        pid = row.participant.id
        return next((e for e in self.item.round if e.participant_id == pid), None)

    def _score_left(self, row: _Row) -> None:
        entry = self._entry(row)
        if not row.score.text().strip() and entry is not None and self.item is not None:
            self._run(row, mc.RemoveScoreCommand(self.ctx, self.item, entry))
        elif row.reason.text().strip():
            self._save(row, quiet=True)

    def _save(self, row: _Row, *, quiet: bool) -> bool:
        """Save the row if it says something new; True when it is stored (or nothing to do)."""
        if self.item is None or row.participant is None or row.score.isReadOnly():
            return True
        entry, score, reason = self._entry(row), row.typed_score(), row.reason.text().strip()
        if score is None and not reason:
            row.error.show_message(None)
            return True
        if entry is not None and (entry.score, entry.reason) == (score, reason):
            row.error.show_message(None)
            return True
        if score is None:
            row.error.show_message(_("Type a score from 0 to 10 first."))
            return False
        if not reason and quiet:
            return False
        command = mc.RecordScoreCommand(self.ctx, self.item, row.participant, score, reason)
        return self._run(row, command)

    def _run(self, row: _Row, command: mc.MeetingCommand) -> bool:
        try:
            execute(self.ctx, command)
        except InvalidInput as exc:
            row.error.show_message(str(exc))
            return False
        except JeugdtoolError as exc:
            row.error.show_message(str(exc))
            mc.refresh_meetings(self.ctx)
            return False
        row.error.show_message(None)
        row.score.setModified(False)
        row.reason.setModified(False)
        return True
