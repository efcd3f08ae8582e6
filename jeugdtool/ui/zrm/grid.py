"""The matrix editor's grid view: domains as rows, the five levels (and "not assessed") as
columns, keyboard first.

The view turns clicks and keys into "choose this level" requests for the page, which saves them
through undo commands: arrows move, 1–5 choose a level (the frame goes to it, on the same row),
0 chooses "not assessed", Delete / Backspace clear the level, Space / Enter choose the focused cell.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPaintEvent
from PySide6.QtGui import QPalette
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _
from jeugdtool.zrm.vocab import Direction

from jeugdtool.ui.zrm.grid_model import CHANGE
from jeugdtool.ui.zrm.grid_model import COLUMNS
from jeugdtool.ui.zrm.grid_model import NAME
from jeugdtool.ui.zrm.grid_model import Index
from jeugdtool.ui.zrm.grid_model import MatrixModel
from jeugdtool.ui.zrm.grid_model import change_text
from jeugdtool.ui.zrm.grid_model import column_level
from jeugdtool.ui.zrm.grid_model import level_column

FOCUS_FRAME = "#1a237e"
#: The level headers are set a little smaller, so the five columns fit beside the names.
HEADER_SCALE = 0.9
#: Room around a header's widest word.
CELL_PADDING = 12
#: The domain names get at least this much (longer names are elided, the tooltip has them).
MIN_NAME_WIDTH = 150


#: The states a selection colour and a focus rectangle come with (the delegate gives neither).
_UNMARKED = ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)


class CellDelegate(QStyledItemDelegate):
    """Gives the style each cell's look in one call to the model (`MatrixModel.cell_look`)
    instead of one for each role, without a selection colour or the style's focus rectangle
    on the current cell (a selection colour would hide the chosen level): the view frames
    that cell itself (`MatrixGrid.paintEvent`)."""

    def __init__(self, model: MatrixModel, parent: QWidget):
        super().__init__(parent)
        self._model = model
        #: The current cell (row, column) of the paint under way, set by the view.
        self.current: tuple[int, int] | None = None
        #: The view's font made bold, and its metrics, by the view font's key.
        self._bold: tuple[str, QFont, QFontMetrics] | None = None

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        place = (index.row(), index.column())
        look = self._model.cell_look(*place)
        option.index = index
        # The grid neither wraps its text nor alternates its rows: a cell's only feature is
        # its text (set, not added: reading the view's features back costs more).
        option.features = _HAS_DISPLAY
        option.text = look.text
        option.displayAlignment = look.alignment
        if look.background is not None:
            option.backgroundBrush = look.background
        if look.foreground is not None:
            palette = option.palette
            palette.setBrush(QPalette.ColorRole.Text, look.foreground)
            option.palette = palette
        if look.bold:
            option.font, option.fontMetrics = self._bold_font(option.font)
        if place == self.current:
            option.state &= _UNMARKED
        option.styleObject = None  # as Qt's own: no style animations inside a view

    def _bold_font(self, font: QFont) -> tuple[QFont, QFontMetrics]:
        key = font.key()
        if self._bold is None or self._bold[0] != key:
            bold = QFont(font)
            bold.setBold(True)
            self._bold = (key, bold, QFontMetrics(bold))
        return self._bold[1], self._bold[2]


_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay


class MatrixGrid(QTableView):
    """Emits what the user chose; the page decides whether it may change and saves it."""

    #: (row, level or None): choose this level for the domain in `row`.
    level_chosen = Signal(int, object)

    def __init__(self, model: MatrixModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.cells = CellDelegate(model, self)
        self.setItemDelegate(self.cells)
        self.setAccessibleName(_("Self-sufficiency matrix"))
        self.setAccessibleDescription(
            _(
                "Arrow keys move; 1 to 5 choose the level of the domain (Down goes to the "
                "next domain); 0 or Delete clears the level (not assessed)."
            )
        )
        # No selection, only a current cell: a selection colour would hide the chosen levels
        # (some styles paint it under the delegate), and the frame shows where one is.
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move inside it
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        small = QFont(header.font())
        small.setPointSizeF(small.pointSizeF() * HEADER_SCALE)
        header.setFont(small)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.clicked.connect(self._clicked)

    def matrix_model(self) -> MatrixModel:
        model = self.model()
        assert isinstance(model, MatrixModel)
        return model

    def fit_columns(self) -> None:
        """Level columns as wide as their header's widest word; the name takes what is left;
        the grid as tall as its rows (the legend follows right under it)."""
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(1, COLUMNS):
            text = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)
            if column == CHANGE:
                bold = QFont(self.font())
                bold.setBold(True)
                sample = change_text(5, 4, Direction.DOWN)
                widest = max(widest, QFontMetrics(bold).horizontalAdvance(sample))
            header.resizeSection(column, widest + CELL_PADDING)
        header.setMinimumSectionSize(metrics.horizontalAdvance("n.v.t.") + CELL_PADDING)
        bold = QFont(self.font())
        bold.setBold(True)  # focus domains are bold, with a star
        model = self.model()
        names = [str(model.data(model.index(r, 0)) or "") for r in range(model.rowCount())]
        self._name_width = max(
            [MIN_NAME_WIDTH, *(QFontMetrics(bold).horizontalAdvance(n) + 24 for n in names)]
        )
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.setMaximumHeight(self._rows_height())
        # The levels always fit; a long domain name may be elided on a small screen (its
        # tooltip says it whole), so the matrix fits beside the persons and details at 1366.
        self.setMinimumWidth(self._levels_width() + MIN_NAME_WIDTH + 2 * self.frameWidth())
        self.updateGeometry()

    def _rows_height(self) -> int:
        rows = self.verticalHeader().defaultSectionSize() * self.model().rowCount()
        return self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth() + 2

    def _levels_width(self) -> int:
        header = self.horizontalHeader()
        return sum(header.sectionSize(c) for c in range(1, COLUMNS))

    def sizeHint(self) -> QSize:
        """Wide enough for the domain names next to the five levels; tall enough for all."""
        name = getattr(self, "_name_width", MIN_NAME_WIDTH)
        return QSize(self._levels_width() + name + 2 * self.frameWidth(), self._rows_height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """The cells, then a strong frame around the current one (thin while the grid has no
        focus)."""
        self.matrix_model().follow_palette()
        current = self.currentIndex()
        self.cells.current = (current.row(), current.column()) if current.isValid() else None
        super().paintEvent(event)
        if not current.isValid():
            return
        painter = QPainter(self.viewport())
        width = 3 if self.hasFocus() else 1
        painter.setPen(QPen(QColor(FOCUS_FRAME), width))
        inset = (width + 1) // 2
        painter.drawRect(self.visualRect(current).adjusted(inset, inset, -inset - 1, -inset - 1))
        painter.end()

    def go_to(self, row: int, column: int) -> None:
        model = self.model()
        if model.rowCount() == 0:
            return
        row = min(max(row, 0), model.rowCount() - 1)
        column = min(max(column, 0), COLUMNS - 1)
        self.selectionModel().setCurrentIndex(
            model.index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate
        )

    # ---- input ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        text = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if current.isValid() and plain and text in ("0", "1", "2", "3", "4", "5"):
            self._type_level(current.row(), int(text) or None)
            return
        if current.isValid() and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.level_chosen.emit(current.row(), None)
            return
        if (
            current.isValid()
            and event.key()
            in (
                Qt.Key.Key_Space,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            )
            and self._choose_at(current)
        ):
            return
        super().keyPressEvent(event)

    def _type_level(self, row: int, level: int | None) -> None:
        """A typed level is chosen for this domain and the frame goes to it, on the same row:
        keys that choose never move on by themselves, so Down always goes to the next domain
        (a silent move to the next row made Down skip one)."""
        self.level_chosen.emit(row, level)
        score = self.matrix_model().score_at(row)
        if score is not None and score.level == level:  # saved (a read-only one is not)
            self.go_to(row, level_column(level))

    def _clicked(self, index: QModelIndex) -> None:
        self._choose_at(index)

    def _choose_at(self, index: QModelIndex) -> bool:
        column = index.column()
        if column in (NAME, CHANGE):
            return False
        self.level_chosen.emit(index.row(), column_level(column))
        return True
