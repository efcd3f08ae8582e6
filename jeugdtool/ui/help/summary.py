"""The help of one case in a few lines, read-only, with its warnings: what a meeting's
reflection on the cheapest adequate help looks at (ui/meetings/item_panel.py)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.outcomes import help as help_services
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.dto import HelpWarning
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.help import texts
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted

#: What the help and its warnings depend on: the items, the goals and focus domains they
#: serve, who they are for, whether the case is open.
WATCHED = (
    "help_item",
    "statement",
    "mapping_moment",
    "zrm_assessment",
    "zrm_domain_score",
    "person",
    "household",
)


class HelpSummary(StaleWhileHidden, QFrame):
    """`set_case(case_id)` (None: nothing); follows the case's changes while it is seen."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HelpSummary")
        self.ctx = ctx
        self.case_id: int | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = WrappingLabel(_("Help deployed"), self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = WrappingLabel("", self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(_("Help deployed"))
        small = self.text.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)  # beside the reflection, not above it
        self.text.setFont(small)
        self.empty = muted(_("No help recorded for this case yet."), self, italic=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        ctx.signals.changed.connect(self._on_changed)

    def set_case(self, case_id: int | None) -> None:
        if case_id != self.case_id:
            self.case_id = case_id
            self.reload_when_seen()

    def _on_changed(self, changes: ChangeSet) -> None:
        # Not the meeting's own edits (each reflection typed would read the help again).
        case_id = self.case_id
        if case_id is not None and changes.touches_case(case_id) and changes.touches(*WATCHED):
            self.reload_when_seen()

    def reload(self) -> None:
        items: list[HelpItemDTO] = []
        warnings: list[HelpWarning] = []
        if self.case_id is not None:
            try:
                overview = help_services.help_overview(self.ctx.uow, self.case_id)
                items, warnings = list(overview.items), list(overview.warnings)
            except NotFound:
                pass
            except JeugdtoolError as exc:  # a lost connection: say so where the list would be
                self.text.setText(html.escape(str(exc)))
                self.text.show()
                self.empty.hide()
                self.stale = True
                return
        self.text.setText(summary_html(items, warnings, colour(Role.WARNING, self)))
        self.text.setVisible(bool(items))
        self.empty.setVisible(not items)


def summary_html(items: list[HelpItemDTO], warnings: list[HelpWarning], warn: str) -> str:
    """Each item in one line (for whom, kind, provider, until when, how much), then the
    warnings in `warn`'s colour, each naming who the help is for."""
    e = html.escape
    lines = []
    for item in items:
        whom, kind, rest = texts.brief(item)
        line = f"• {e(whom)}: <b>{e(kind)}</b>"
        lines.append(line + (f" — {e(rest)}" if rest else ""))
    for text in texts.warning_texts(warnings, items):
        lines.append(f'<span style="color: {warn};">{e(text)}</span>')
    return "<br>".join(lines)
