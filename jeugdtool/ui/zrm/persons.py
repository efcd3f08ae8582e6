"""Left of the editor: the persons who may be assessed, each with their assessments by date.

The newest assessment of a person (per matrix) can still change; earlier ones are the record
and are shown quieter, with a lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush
from PySide6.QtGui import QFont
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem
from PySide6.QtWidgets import QTreeWidget
from PySide6.QtWidgets import QTreeWidgetItem
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework.relations import named
from jeugdtool.framework.relations import person_relation
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language
from jeugdtool.zrm.definitions import DEFAULT_MATRIX
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import brush

PersonRole = Qt.ItemDataRole.UserRole + 1
AssessmentRole = Qt.ItemDataRole.UserRole + 2


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the column (QTreeView itself would elide it).

    Each size is measured once per text, depth and width (the view asks for each row again as
    it lays out, expands and scrolls); `forget` when the rows' fonts or the style change."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._sizes: dict[tuple[str, int, int], QSize] = {}

    def forget(self) -> None:
        self._sizes.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        view = self.parent()
        if not isinstance(view, QTreeWidget):
            return super().sizeHint(option, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        key = (index.data(), depth, view.viewport().width())
        found = self._sizes.get(key)
        if found is None:
            found = self._sizes[key] = self._measure(option, index, depth)
        return found

    def _measure(self, option: QStyleOptionViewItem, index: QModelIndex, depth: int) -> QSize:
        view = self.parent()
        assert isinstance(view, QTreeWidget)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        room = view.viewport().width() - view.indentation() * (depth + 1)
        opt.rect = QRect(0, 0, max(room, 40), 1)  # valid: the style wraps only then
        style = view.style()
        size = style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), view)
        return QSize(opt.rect.width(), size.height())


class _FillLooks:
    """The fonts and the muted ink of one fill of the list, each made once (not per row)."""

    def __init__(self, muted: QBrush):
        self.muted = muted
        self._bold: QFont | None = None
        self._italic: QFont | None = None

    def bold(self, item: QTreeWidgetItem) -> QFont:
        if self._bold is None:
            self._bold = QFont(item.font(0))
            self._bold.setBold(True)
        return self._bold

    def italic(self, item: QTreeWidgetItem) -> QFont:
        if self._italic is None:
            self._italic = QFont(item.font(0))
            self._italic.setItalic(True)
        return self._italic


class PersonTree(QTreeWidget):
    #: (person id, assessment id or None) the user chose.
    chosen = Signal(int, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName(_("Persons and their assessments"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setRootIsDecorated(True)
        self.setIndentation(14)  # the dates fit in a narrow column
        # A long name wraps onto a second line instead of being cut off; the column is as
        # wide as the pane (no sideways scrolling), and each row's tooltip has its whole text.
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(True)
        self.rows = _WrappingDelegate(self)
        self.setItemDelegate(self.rows)
        self._filling = False
        self._shown: tuple[Any, ...] | None = None
        self.currentItemChanged.connect(self._current_changed)

    def set_data(
        self,
        persons: Sequence[PersonDTO],
        assessments: Sequence[AssessmentDTO],
        matrices: Sequence[Matrix],
    ) -> None:
        # The usual matrix goes without saying; another one is named in the list.
        names = {m.id: m.name.get() for m in matrices if m.id != DEFAULT_MATRIX}
        # A typed level changes nothing listed here: the list (and its place) stays as it is.
        shown = (
            tuple(persons),
            tuple((a.id, a.person_id, a.assessed_on, a.matrix_id, a.editable) for a in assessments),
            names,
            QGuiApplication.palette().cacheKey(),
            current_language(),
        )
        if shown == self._shown:
            return
        self._shown = shown
        self._filling = True
        try:
            self.clear()
            self.rows.forget()  # other fonts, maybe
            # The items are made whole before they join the tree (one insertion, instead of
            # a change the view hears for each of their texts, tips and fonts).
            looks = _FillLooks(brush(Role.MUTED))
            tops = []
            for person in persons:
                mine = sorted(
                    (a for a in assessments if a.person_id == person.id),
                    key=lambda a: (a.assessed_on, a.id),
                    reverse=True,
                )
                text = self._person_text(person, len(mine))
                top = QTreeWidgetItem([text])
                top.setToolTip(0, text)
                top.setData(0, PersonRole, person.id)
                top.setFont(0, looks.bold(top))
                top.addChildren(
                    [self._assessment_item(a, names.get(a.matrix_id, ""), looks) for a in mine]
                )
                tops.append(top)
            self.addTopLevelItems(tops)
            self.expandAll()
        finally:
            self._filling = False

    @staticmethod
    def _person_text(person: PersonDTO, count: int) -> str:
        text = named(person.full_name, person_relation(person))
        if count == 0:
            return _("{person} — no assessment yet").format(person=text)
        return text

    @staticmethod
    def _assessment_item(a: AssessmentDTO, matrix: str, looks: _FillLooks) -> QTreeWidgetItem:
        date = format_date_nl(a.assessed_on)
        text = f"{date} · {matrix}" if matrix else date
        if not a.editable:
            text = _("{assessment} (read-only)").format(assessment=text)
        item = QTreeWidgetItem([text])
        item.setData(0, PersonRole, a.person_id)
        item.setData(0, AssessmentRole, a.id)
        if a.editable:
            item.setToolTip(0, _("The newest assessment: it can still be changed."))
        else:
            item.setForeground(0, looks.muted)
            item.setFont(0, looks.italic(item))
            item.setToolTip(0, _("An earlier assessment: read-only, the record of what was seen."))
        state = _("can be changed") if a.editable else _("read-only")
        item.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            ", ".join(p for p in (date, matrix, state) if p),
        )
        return item

    def show_place(self, person_id: int | None, assessment_id: int | None) -> None:
        """Make the assessment (else the person) current, without telling `chosen`."""
        found = self._find(person_id, assessment_id) or self._find(person_id, None)
        self._filling = True
        try:
            self.setCurrentItem(found)
        finally:
            self._filling = False

    def _find(self, person_id: int | None, assessment_id: int | None) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            if top.data(0, PersonRole) != person_id:
                continue
            if assessment_id is None:
                return top
            for j in range(top.childCount()):
                if top.child(j).data(0, AssessmentRole) == assessment_id:
                    return top.child(j)
        return None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.rows.forget()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # the rows wrap anew at the new width

    def _current_changed(self, current: QTreeWidgetItem | None, _old: object) -> None:
        if self._filling or current is None:
            return
        self.chosen.emit(current.data(0, PersonRole), current.data(0, AssessmentRole))
