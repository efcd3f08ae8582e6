"""The case's "Disclosures" page: every PDF and case file that left the program, for whom,
which parts and when — and `after_export`, which every export in the window calls once the
file is written (it refreshes this page and says when the log could not record the file).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.disclosures import DisclosureDTO
from jeugdtool.cases.disclosures import list_disclosures
from jeugdtool.cases.validation import format_datetime_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.disclose import Written
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.row_table import fit_columns
from jeugdtool.ui.row_table import make_table
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.inline import heading

#: The entity name a recorded disclosure broadcasts (disclosures are a log, not audited rows).
ENTITY = "disclosure"

COLUMNS = (
    Column(N_("When"), lambda d: format_datetime_nl(d.at), key=lambda d: (d.at, d.id)),
    Column(N_("For whom"), lambda d: d.recipient_label, grey=lambda d: not d.recipient),
    Column(N_("Kind"), lambda d: d.kind_label),
    Column(N_("Document"), lambda d: d.document, tip=lambda d: d.document),
    Column(N_("Made by"), lambda d: d.made_by),
    Column(N_("Parts"), lambda d: "; ".join(d.parts), tip=lambda d: "\n".join(d.parts)),
)


def after_export(ctx: AppContext, written: Written, case_ids: Iterable[int], title: str) -> None:
    """Once a file is written: show the cases' new log rows, or say the log has none. A fault
    is an error to act on; a database that may only be read was chosen, so that is a note."""
    if written.logged:
        ctx.signals.emit_changes(ChangeSet(frozenset({ENTITY}), frozenset(case_ids)))
    elif written.fault:
        ctx.dialogs.error(written.unlogged, title)
    else:
        ctx.dialogs.info(written.unlogged, title)


def pdf_saved(ctx: AppContext, written: Written, case_id: int, message: str, title: str) -> None:
    """A case's PDF is written: say so in the status bar, show its row in the log (or say why
    not) and offer to open it with `message`."""
    ctx.signals.status_message.emit(_("PDF saved as {path}").format(path=written.path))
    after_export(ctx, written, [case_id], _("PDF saved, not in the disclosure log"))
    ctx.dialogs.written(written.path, message, title)


class DisclosuresPage(CaseWatcher, QWidget):
    """Reloads when a disclosure of its case is recorded, but only while shown."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.watch_case(ctx, case_id)
        self.stale = True  # loads when first shown
        self.model = RowsModel(COLUMNS, self)
        self.table = make_table(
            self.model, _("Disclosures"), self, sort=(0, Qt.SortOrder.DescendingOrder)
        )
        # Every part readable without hovering: the rows grow to their wrapped text.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(_("Nothing about this case has been given to others yet."), self)
        style_text(self.empty, Role.MUTED)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        intro = QLabel(
            _(
                "Every PDF and case file made of this case: for whom, which parts, when and by "
                "whom. The family sees this list when they ask to see their file. The place "
                "where a file was saved is not kept."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addWidget(heading(_("Disclosures"), self))
        layout.addWidget(intro)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        try:
            rows: list[DisclosureDTO] = list_disclosures(self.ctx.uow, self.case_id)
        except JeugdtoolError as exc:
            self.load_failed(self.error, exc)
            return
        self.error.hide()
        self.model.set_rows(rows)
        fit_columns(self.table, widest=320)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
