"""The matrix editor's model: one assessment as a grid of domains (rows) × the five levels, "not
assessed" and the change since the previous assessment (columns).

It only formats the assessment (with the matrix it used and the assessment before it) for the
view: the chosen level filled in its level's colour, the previous level and the target marked,
an acute domain's row tinted, focus domains starred.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QFont
from PySide6.QtGui import QGuiApplication

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.zrm.compare import compare
from jeugdtool.zrm.definitions import ACUTE
from jeugdtool.zrm.definitions import LEVELS
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.dto import AssessmentDTO
from jeugdtool.zrm.dto import Comparison
from jeugdtool.zrm.dto import DomainScore
from jeugdtool.zrm.vocab import Direction

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import brush
from jeugdtool.ui.colours import tint
from jeugdtool.ui.zrm.heat_colours import level_colours
from jeugdtool.ui.zrm.progress_model import FOCUS_MARK

Index = QModelIndex | QPersistentModelIndex

NAME, NONE, CHANGE = 0, 6, 7
COLUMNS = 8
#: The domain code of a row (any column).
DomainRole = Qt.ItemDataRole.UserRole + 1
#: The level a column stands for (None: "not assessed"; absent for name and change).
LevelRole = Qt.ItemDataRole.UserRole + 2

CHOSEN_MARK = "●"
TARGET_MARK = "◎"
PREVIOUS_MARK = "○"
#: A light red over the whole row of an acute domain: seen from across the room.
ACUTE_TINT = "#fde0dc"


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def column_level(column: int) -> int | None:
    """The level a level column stands for (1–5), None for any other column."""
    return column if column in LEVELS else None


def level_column(level: int | None) -> int:
    return level if level in LEVELS else NONE


def change_text(before: int | None, after: int | None, direction: Direction | None) -> str:
    """How the level moved since the previous assessment, e.g. "▲ was 2" (empty: unchanged)."""
    if direction is None or direction is Direction.SAME:
        return ""
    if direction is Direction.NEW:
        return _("{arrow} new").format(arrow=direction.arrow)
    return _("{arrow} was {level}").format(arrow=direction.arrow, level=before)


class MatrixModel(QAbstractTableModel):
    """One assessment as a grid. `set_assessment` with the same rows only repaints, so the
    current cell (and a screen reader's place) survives each saved level."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.assessment: AssessmentDTO | None = None
        self.matrix: Matrix | None = None
        self.previous: AssessmentDTO | None = None
        self.comparison: Comparison | None = None
        self.editable = False
        self._names: dict[str, str] = {}
        #: The brushes and the bold font handed to the view, made once per palette: a paint
        #: asks for ~200 of them, and a tint or a role's colour is worked out from the palette.
        self._looks: dict[Any, Any] = {}
        self._palette_key: int | None = None
        #: The header's texts and tips by (section, role), made once per assessment shown: the
        #: view asks for them hundreds of times while it lays out and paints.
        self._headers: dict[tuple[int, int], Any] = {}
        #: What the grid paints in each cell, by (row, column): made the first time a paint
        #: asks, from the same parts `data` answers with (see `cell_look`).
        self._cells: dict[tuple[int, int], CellLook] = {}

    def set_assessment(
        self,
        assessment: AssessmentDTO | None,
        matrix: Matrix | None,
        previous: AssessmentDTO | None,
        editable: bool,
        matrices: tuple[Matrix, ...] = (),
    ) -> None:
        old_rows = [d.domain for d in self.assessment.domains] if self.assessment else None
        new_rows = [d.domain for d in assessment.domains] if assessment else None
        same_rows = old_rows is not None and old_rows == new_rows
        if not same_rows:
            self.beginResetModel()
        self.assessment, self.matrix, self.previous = assessment, matrix, previous
        self._headers.clear()
        self._cells.clear()
        self.editable = editable
        self.comparison = compare(previous, assessment) if assessment is not None else None
        found = (matrix, *matrices) if matrix is not None else matrices
        self._names = {code: domain_name(code, found) for code in new_rows or ()}
        if same_rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, COLUMNS - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        else:
            self.endResetModel()

    # ---- reading ---------------------------------------------------------------------------

    def score_at(self, row: int) -> DomainScore | None:
        if self.assessment is None or not 0 <= row < len(self.assessment.domains):
            return None
        return self.assessment.domains[row]

    def row_of(self, code: str) -> int:
        domains = self.assessment.domains if self.assessment else ()
        return next((i for i, d in enumerate(domains) if d.domain == code), -1)

    def name(self, code: str) -> str:
        return self._names.get(code, code)

    def level_name(self, level: int) -> str:
        return self.matrix.level(level).name.get() if self.matrix is not None else str(level)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.assessment is None:
            return 0
        return len(self.assessment.domains)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _CELL_FLAGS if index.isValid() else _NO_FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        key = (section, role)
        if key not in self._headers:
            self._headers[key] = self._header_data(section, role)
        return self._headers[key]

    def _header_data(self, section: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            level = column_level(section)
            if level is not None and self.matrix is not None:
                return self.matrix.level(level).meaning.get()
            if section == NONE:
                return _("Not assessed, or not applicable to this person")
        return None

    def _header(self, section: int) -> str:
        level = column_level(section)
        if level is not None:
            # One word a line keeps the five columns narrow enough for the page.
            return "\n".join([str(level), *self.level_name(level).split()])
        if section == NAME:
            return _("Domain")
        if section == NONE:
            # TRANSLATORS: column header "not assessed / not applicable"; Dutch: "n.b./\nn.v.t."
            return _("n/a")
        if self.previous is not None:
            return _("Since\n{date}").format(date=format_date_nl(self.previous.assessed_on))
        return _("Change")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A paint asks each of ~100 cells for ~8 roles, most of which the grid has nothing
        # for: one look-up by role (an int) instead of a comparison with each role in turn.
        part = _ROLE_PARTS.get(role)
        if part is None:
            return None
        score = self.score_at(index.row()) if index.isValid() else None
        if score is None:
            return None
        return part(self, score, index.column())

    def cell_look(self, row: int, column: int) -> CellLook:
        """What the cell shows, as `data` tells it (text, background, text colour, bold,
        alignment) in one look-up: a paint of the grid asks it for every cell, where the
        delegate would otherwise ask `data` for each role in turn. The painting view calls
        `follow_palette` first."""
        key = (row, column)
        found = self._cells.get(key)
        if found is None:
            score = self.score_at(row)
            if score is None:
                return _NO_LOOK
            found = self._cells[key] = CellLook(
                self._display(score, column),
                self._background(score, column),
                self._foreground(score, column),
                self._font(score, column) is not None,
                _ALIGNMENTS[self._alignment(score, column)],
            )
        return found

    def _alignment(self, _score: DomainScore, column: int) -> int:
        return _LEFT if column == NAME else _CENTRE

    def _domain_code(self, score: DomainScore, _column: int) -> str:
        return score.domain

    def _level_of(self, _score: DomainScore, column: int) -> int | None:
        return column_level(column) if column != NAME and column != CHANGE else None

    def _previous_level(self, code: str) -> int | None:
        return self.previous.level(code) if self.previous is not None else None

    def _change(self, code: str) -> tuple[int | None, int | None, Direction | None]:
        change = self.comparison.change(code) if self.comparison is not None else None
        if change is None or self.previous is None:
            return None, None, None
        return change.before, change.after, change.direction

    def _marks(self, score: DomainScore, column: int) -> list[str]:
        level = column_level(column)
        marks = []
        if level is not None and score.level == level:
            marks.append(CHOSEN_MARK)
        elif level is not None and self._previous_level(score.domain) == level:
            marks.append(PREVIOUS_MARK)
        if level is not None and score.focus and score.target_level == level:
            marks.append(TARGET_MARK)
        return marks

    def _display(self, score: DomainScore, column: int) -> str:
        if column == NAME:
            name = self.name(score.domain)
            return f"{FOCUS_MARK} {name}" if score.focus else name
        if column == NONE:
            return "—" if score.level is None else ""
        if column == CHANGE:
            return change_text(*self._change(score.domain))
        return " ".join(self._marks(score, column))

    def _accessible(self, score: DomainScore, column: int) -> str:
        name = self.name(score.domain)
        if column == NAME:
            parts = [name]
            if score.focus:
                parts.append(_("focus domain"))
            if score.level is None:
                parts.append(_("not assessed"))
            else:
                parts.append(_("level {n}").format(n=score.level))
            return ", ".join(parts)
        if column == CHANGE:
            unchanged = _("unchanged")
            return f"{name}: {self._tooltip(score, column) or unchanged}"
        level = column_level(column)
        title = (
            _("not assessed / not applicable")
            if level is None
            else f"{level} {self.level_name(level)}"
        )
        parts = [f"{name}, {title}"]
        if level == score.level:
            parts.append(_("chosen"))
        if level is not None and score.focus and score.target_level == level:
            parts.append(_("target level"))
        if level is not None and PREVIOUS_MARK in self._marks(score, column):
            parts.append(_("level of the previous assessment"))
        return "; ".join(parts)

    def _tooltip(self, score: DomainScore, column: int) -> str | None:
        if column == NAME:  # the name may be elided in the column
            name = self.name(score.domain)
            if not score.focus:
                return name
            focus = _("focus domain")
            return f"{name} ({focus})"
        if column == CHANGE:
            before, after, direction = self._change(score.domain)
            if direction is None or direction is Direction.SAME or self.previous is None:
                return None
            return _("{change} since the assessment of {date} (was {before}, now {after})").format(
                change=direction.label,
                date=format_date_nl(self.previous.assessed_on),
                before=before if before is not None else _("not assessed"),
                after=after if after is not None else _("not assessed"),
            )
        level = column_level(column)
        if level is None:
            return None
        lines = [f"{level} {self.level_name(level)}"]
        if score.focus and score.target_level == level:
            when = format_date_nl(score.target_date)
            lines.append(
                _("Target level, by {date}").format(date=when) if when else _("Target level")
            )
        if PREVIOUS_MARK in self._marks(score, column):
            lines.append(_("The level of the previous assessment"))
        return "\n".join(lines)

    def follow_palette(self) -> None:
        """Forget the brushes and the cells' looks made for another palette than today's."""
        palette = QGuiApplication.palette().cacheKey()
        if palette != self._palette_key:
            self._looks.clear()
            self._cells.clear()
            self._palette_key = palette

    def _look(self, key: Any, make: Callable[[], Any]) -> Any:
        """The brush or font `key` stands for, made by `make` once per palette."""
        self.follow_palette()
        found = self._looks.get(key)
        if found is None:
            found = self._looks[key] = make()
        return found

    def _background(self, score: DomainScore, column: int) -> QBrush | None:
        level = column_level(column)
        if level is not None and score.level == level:
            return self._look(("ground", level), lambda: QBrush(level_colours(level)[0]))
        if column == NONE and score.level is None:
            return self._look(("ground", None), lambda: QBrush(level_colours(None)[0]))
        if score.level == ACUTE:
            return self._look("acute", lambda: QBrush(tint(ACUTE_TINT)))
        return None

    def _foreground(self, score: DomainScore, column: int) -> QBrush | None:
        level = column_level(column)
        if level is not None and score.level == level:
            return self._look(("text", level), lambda: QBrush(level_colours(level)[1]))
        if column == NONE and score.level is None:
            return self._look(("text", None), lambda: QBrush(level_colours(None)[1]))
        if column == CHANGE:
            direction = self._change(score.domain)[2]
            if direction is Direction.UP:
                return self._look(Role.OK, lambda: brush(Role.OK))
            if direction is Direction.DOWN:
                return self._look(Role.ERROR, lambda: brush(Role.ERROR))
        return None

    def _font(self, score: DomainScore, column: int) -> QFont | None:
        bold = (column == NAME and score.focus) or (
            column_level(column) is not None and score.level == column_level(column)
        )
        if column == CHANGE and self._change(score.domain)[2] in (Direction.UP, Direction.DOWN):
            bold = True
        if not bold:
            return None
        return self._look(("bold", QGuiApplication.font().key()), _bold)  # a larger text size: anew


_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_ALIGNMENTS = {
    _LEFT: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    _CENTRE: Qt.AlignmentFlag.AlignCenter,
}
#: Every cell's flags (the view asks for each cell it paints).
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class CellLook(NamedTuple):
    """What one cell shows, as the grid's delegate paints it."""

    text: str
    background: QBrush | None
    foreground: QBrush | None
    bold: bool
    alignment: Qt.AlignmentFlag


_NO_LOOK = CellLook("", None, None, False, Qt.AlignmentFlag.AlignCenter)
#: What `MatrixModel.data` answers, by role: (model, score, column) -> value.
_ROLE_PARTS: dict[int, Callable[[MatrixModel, DomainScore, int], Any]] = {
    int(Qt.ItemDataRole.DisplayRole): MatrixModel._display,
    int(Qt.ItemDataRole.AccessibleTextRole): MatrixModel._accessible,
    int(Qt.ItemDataRole.ToolTipRole): MatrixModel._tooltip,
    int(Qt.ItemDataRole.BackgroundRole): MatrixModel._background,
    int(Qt.ItemDataRole.ForegroundRole): MatrixModel._foreground,
    int(Qt.ItemDataRole.FontRole): MatrixModel._font,
    int(Qt.ItemDataRole.TextAlignmentRole): MatrixModel._alignment,
    int(DomainRole): MatrixModel._domain_code,
    int(LevelRole): MatrixModel._level_of,
}
