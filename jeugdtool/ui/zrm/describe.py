"""Beside the grid: what the focused cell means — the domain, the level, and the licensed
criteria text when the organisation imported it (with whose text it is)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _
from jeugdtool.zrm.definitions import Matrix

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.colours import tint
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading

LICENSED_BACKGROUND = "#eef3fb"
LICENSED_BORDER = "#9fb3d6"


class CellDescription(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("zrmCellDescription")
        self.title = heading("", self, 1.1)
        self.title.setWordWrap(True)
        self.covers = WrappingLabel("", self)
        self.level_title = WrappingLabel("", self)
        font = self.level_title.font()
        font.setBold(True)
        self.level_title.setFont(font)
        self.meaning = WrappingLabel("", self)
        self.licensed = QFrame(self)
        self.licensed.setObjectName("zrmLicensed")
        # Its style sheet is set when it is shown (`_show_licensed`): few matrices have
        # licensed criteria, and a style sheet costs time on every open of the ZRM page.
        self.licensed.hide()
        self.descriptor = WrappingLabel("", self.licensed)
        self.descriptor.setTextFormat(Qt.TextFormat.PlainText)  # imported text, never markup
        self.descriptor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = WrappingLabel("", self.licensed)
        style_text(self.source, Role.MUTED, "font-size: small;")
        inner = QVBoxLayout(self.licensed)
        inner.setContentsMargins(8, 6, 8, 6)
        inner.addWidget(self.descriptor)
        inner.addWidget(self.source)
        for label in (self.title, self.covers, self.level_title, self.meaning):
            label.setTextFormat(Qt.TextFormat.PlainText)  # an imported matrix's text, as written
        self.own_note = WrappingLabel("", self)
        style_text(self.own_note, Role.MUTED, "font-size: small;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.covers)
        layout.addSpacing(6)
        layout.addWidget(self.level_title)
        layout.addWidget(self.meaning)
        layout.addWidget(self.licensed)
        layout.addWidget(self.own_note)
        self.show_cell(None, None, None)

    def show_cell(
        self, matrix: Matrix | None, code: str | None, level: int | None, licensed: bool = True
    ) -> None:
        """Describe `code` at `level` (None: the domain only). `licensed` False hides imported
        criteria, e.g. for an assessment made with another version of the matrix."""
        if matrix is None or code is None or not matrix.has_domain(code):
            self.title.setText(code or "")
            for label in (self.covers, self.level_title, self.meaning):
                label.clear()
            self.licensed.hide()
            self.own_note.hide()
            return
        domain = matrix.domain(code)
        self.title.setText(domain.name.get())
        self.covers.setText(domain.covers.get())
        if level is None:
            self.level_title.setText(_("Not assessed / not applicable"))
            self.meaning.setText(
                _("Choose this when the domain was not looked at, or does not apply.")
            )
            self.licensed.hide()
            self.own_note.hide()
            return
        cell = matrix.cell(code, level)
        self.level_title.setText(_("Level {n}: {name}").format(n=level, name=cell.level.name.get()))
        self.meaning.setText(cell.level.meaning.get())
        if cell.descriptor is not None and licensed:
            self.descriptor.setText(cell.descriptor.get())
            self.source.setText(
                _("Source: {source}").format(source=cell.descriptor_source or _("imported file"))
            )
            self._show_licensed()
            self.own_note.hide()
        else:
            self.licensed.hide()
            self.own_note.setText(
                _(
                    "jeugdtool's own short description. The official criteria per cell can be "
                    "imported by an organisation that holds a licence."
                )
            )
            self.own_note.show()

    def _show_licensed(self) -> None:
        """The licensed criteria's frame, in a tint of the palette now in use."""
        style = (
            f"#zrmLicensed {{ background: {tint(LICENSED_BACKGROUND, self).name()}; border: 1px"
            f" solid {LICENSED_BORDER}; border-radius: 4px; }}"
        )
        if self.licensed.styleSheet() != style:
            self.licensed.setStyleSheet(style)
        self.licensed.show()

    def text(self) -> str:
        """Everything shown, as plain text (for tests and screen readers)."""
        parts = [self.title.text(), self.covers.text(), self.level_title.text()]
        parts.append(self.meaning.text())
        if not self.licensed.isHidden():
            parts += [self.descriptor.text(), self.source.text()]
        if not self.own_note.isHidden():
            parts.append(self.own_note.text())
        return "\n".join(p for p in parts if p)
