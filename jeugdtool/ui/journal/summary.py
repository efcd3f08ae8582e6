"""The dossier on the case overview: the latest contacts from the journal, and the meldcode at a
glance — an open record and its next step, Veilig Thuis consultations and reports (a report
without its reference marked), and the kindchecks still to answer, with a button.

Each loads just after the overview is painted and reloads only when what it shows changes (and
only when seen: `StaleWhileHidden`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import journal
from jeugdtool.dossier import kindcheck
from jeugdtool.dossier import meldcode
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import KindcheckTrigger
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import MeldcodeStep
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.journal import texts
from jeugdtool.ui.meldcode.steps import decision_text
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.inline import overview_section

#: What a change must touch for the sections to redraw.
JOURNAL_ENTITIES = ("journal_entry", "journal_link", "kindcheck")
MELDCODE_ENTITIES = (
    "meldcode_record",
    "meldcode_step",
    "meldcode_answer",
    "veilig_thuis_contact",
    "kindcheck",
    "zrm_assessment",
    "zrm_domain_score",
    "map_item",
    "person",
)
#: How many contacts the overview shows.
LATEST = 3


def _muted(text: str) -> str:
    return f'<span style="color:{colour(Role.MUTED)};">{html.escape(text)}</span>'


def _warning(text: str) -> str:
    return (
        f'<span style="color:{colour(Role.WARNING)}; font-weight:bold;">{html.escape(text)}</span>'
    )


def contact_line(entry: JournalEntryDTO) -> str:
    """'<b>06-12-2026 14:30</b> · Home visit · with Sanne, Mark · the note's start'."""
    parts = [f"<b>{html.escape(texts.when(entry))}</b>", html.escape(texts.kind_label(entry.kind))]
    if entry.participants:
        parts.append(html.escape(_("with {names}").format(names=texts.participants(entry))))
    parts.append(html.escape(texts.first_line(entry.note, 110)))
    return " · ".join(parts)


def record_line(record: MeldcodeRecordDTO, days_open: int | None = None) -> str:
    """'Meldcode 2 open since 01-12-2026 · next: step 3, Talk with …' (overdue in orange, with
    `days_open`: how long the step has been open, the team leader's question)."""
    head = _("Meldcode {number} open since {date}").format(
        number=record.number, date=format_date_nl(record.started_on)
    )
    parts = [f"<b>{html.escape(head)}</b>"]
    step = next((s for s in record.steps if s.done_on is None), None)
    if step is not None:
        label = MeldcodeStep(str(step.step)).label
        text = _("next: step {n}, {title}").format(n=step.step, title=label)
        if step.overdue and days_open is not None:
            text += " " + ngettext("(open for {n} day)", "(open for {n} days)", days_open).format(
                n=days_open
            )
        parts.append(_warning(text) if step.overdue else html.escape(text))
    else:
        parts.append(html.escape(_("every step done; close the record")))
    return " · ".join(parts)


def closed_line(closed: Sequence[MeldcodeRecordDTO]) -> str:
    """The newest closed record with what was decided ('Meldcode 1 closed on 16-02-2026.
    Decided: report to Veilig Thuis.'), and how many came before it."""
    newest = closed[0]
    head = _("Meldcode {number} closed on {date}.").format(
        number=newest.number, date=format_date_nl(newest.closed_on)
    )
    text = f"{head} {decision_text(newest)}"
    if len(closed) > 1:
        earlier = len(closed) - 1
        text += " " + ngettext("({n} earlier record)", "({n} earlier records)", earlier).format(
            n=earlier
        )
    return html.escape(text)


def _next_step(record: MeldcodeRecordDTO) -> int | None:
    return next((s.step for s in record.steps if s.done_on is None), None)


def veilig_thuis_lines(contacts: Sequence[VeiligThuisContactDTO]) -> list[str]:
    """How many consultations and reports, the latest, and each report without a reference."""
    if not contacts:
        return []
    consults = sum(c.kind == VeiligThuisKind.CONSULTATION for c in contacts)
    reports = [c for c in contacts if c.kind == VeiligThuisKind.REPORT]
    # Only what there is: "1 consultation", not "1 consultation, 0 reports".
    counts = []
    if consults:
        counts.append(
            ngettext("{n} consultation", "{n} consultations", consults).format(n=consults)
        )
    if reports:
        counts.append(ngettext("{n} report", "{n} reports", len(reports)).format(n=len(reports)))
    latest = max(c.contact_on for c in contacts)
    line = _("Veilig Thuis: {counts}, latest {date}").format(
        counts=", ".join(counts), date=format_date_nl(latest)
    )
    lines = [html.escape(line)]
    missing = _(
        "⚠ The report of {date} has no reference number yet: add it on the Veilig Thuis "
        "tab once Veilig Thuis sends it."
    )
    for report in filter(veilig_thuis.missing_reference, reports):
        lines.append(_warning(missing.format(date=format_date_nl(report.contact_on))))
    return lines


def kindcheck_lines(pending: Sequence[KindcheckTrigger]) -> list[str]:
    return [
        _warning(
            _("Kindcheck to answer: {adult} ({reason})").format(
                adult=t.adult_label, reason=t.reason
            )
        )
        for t in pending
    ]


def _rich_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class _Section(CaseWatcher, QWidget):
    """Loads just after the overview is painted, then when what it shows changes."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.watch_case(ctx, case_id)
        self.load_after_paint()

    def reload(self) -> None:
        self.loaded = True
        try:
            self.fill()
        except NotFound:  # the case is gone; the workspace says so
            return
        except JeugdtoolError as exc:  # a lost connection: said here, tried again when shown
            self.stale = True
            self.text.setText(html.escape(str(exc)))

    text: QLabel

    def fill(self) -> None:
        raise NotImplementedError


class LatestContacts(_Section):
    """The newest journal entries, with a button to the journal."""

    ENTITIES = JOURNAL_ENTITIES
    open_requested = Signal()

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.text = _rich_label(self, _("Latest contacts"))
        title = _("Latest contacts")
        overview_section(self, title, _("To the journal…"), self.open_requested, self.text)

    def fill(self) -> None:
        entries = journal.latest_contacts(self.ctx.uow, self.case_id, LATEST)
        if not entries:
            self.text.setText(_muted(_("No journal entries yet.")))
            return
        self.text.setText("<br>".join(contact_line(e) for e in entries))


class MeldcodeSummary(_Section):
    """An open meldcode record, Veilig Thuis involvement and the kindchecks still to answer."""

    ENTITIES = MELDCODE_ENTITIES
    open_requested = Signal()

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.pending: list[KindcheckTrigger] = []
        self.editable = False
        self.text = _rich_label(self, _("Meldcode and Veilig Thuis"))
        self.kindcheck_button = QPushButton(_("Answer kindcheck…"), self)
        self.kindcheck_button.clicked.connect(self.answer_kindcheck)
        buttons = QHBoxLayout()
        buttons.addWidget(self.kindcheck_button)
        buttons.addStretch(1)
        title = _("Meldcode and Veilig Thuis")
        layout = overview_section(
            self, title, _("To the meldcode…"), self.open_requested, self.text
        )
        layout.addLayout(buttons)
        self.kindcheck_button.hide()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.kindcheck_button.setVisible(editable and bool(self.pending))

    def fill(self) -> None:
        records = meldcode.records(self.ctx.uow, self.case_id)
        contacts = veilig_thuis.contacts(self.ctx.uow, self.case_id)
        self.pending = kindcheck.pending_kindchecks(self.ctx.uow, self.case_id)
        reminders = meldcode.meldcode_reminders(self.ctx.uow, case_id=self.case_id)
        days = {(r.record_id, r.step): r.days_open for r in reminders}
        lines = [
            record_line(r, days.get((r.id, _next_step(r))))
            for r in records
            if r.status == MeldcodeStatus.OPEN
        ]
        closed = [r for r in records if r.status != MeldcodeStatus.OPEN]
        if closed and not lines:
            lines.append(closed_line(closed))
        lines += veilig_thuis_lines(contacts)
        lines += kindcheck_lines(self.pending)
        self.text.setText(
            "<br>".join(lines) or _muted(_("No meldcode record and no Veilig Thuis contacts."))
        )
        self.set_editable(self.editable)

    def answer_kindcheck(self) -> None:
        if self.pending and self.editable:
            # Here, not at the top: the dialog's module uses the workspace's widgets, and the
            # workspace builds this overview (a cycle at import time).
            from jeugdtool.ui.journal.kindcheck_dialog import ask_kindcheck

            ask_kindcheck(self.ctx, self.window(), self.case_id, self.pending[0])
