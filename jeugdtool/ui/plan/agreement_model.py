"""The agreements table (thin: rows are DTOs, SMART results computed before, never in `data()`;
what the SMART check reads is built by `framework.plan_rules.smart_draft`)."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.smart import SmartResult
from jeugdtool.framework.smart import letter_name
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.framework.statement_cards import family_line
from jeugdtool.ui.framework.statement_cards import mark_line
from jeugdtool.ui.plan.smart_panel import BADGE_FILL
from jeugdtool.ui.plan.zrm_links import ZrmLink
from jeugdtool.ui.plan.zrm_links import zrm_line
from jeugdtool.ui.workspace.member_models import DtoTableModel


def letter_tooltip(result: SmartResult, letter: str) -> str:
    check = result[letter]
    title = f"{letter} — {letter_name(letter)}"
    if check.ok:
        return _("{title}: in order").format(title=title)
    return "\n".join([title, *(f"• {h.message}" for h in check.hints)])


def acceptance_text(agreement: AgreementDTO) -> str:
    if agreement.accepted_by_all:
        return "✓"
    if not agreement.parties:
        return "—"
    done = sum(1 for p in agreement.parties if p.accepted is True)
    return _("{done} of {total}").format(done=done, total=len(agreement.parties))


def when_text(agreement: AgreementDTO) -> str:
    bits = [agreement.when.strip()] if agreement.when.strip() else []
    if agreement.start_on:
        bits.append(_("from {date}").format(date=format_date_nl(agreement.start_on)))
    if agreement.due_on:
        bits.append(_("by {date}").format(date=format_date_nl(agreement.due_on)))
    return " · ".join(bits)


def special_line(agreement: AgreementDTO) -> str:
    """ "Special category of personal data: Health" for a marked agreement; "" otherwise."""
    return mark_line(agreement.special_category)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class AgreementTableModel(DtoTableModel[Any]):
    """One row per agreement: what, who, when, the check, status, S M A R T, accepted."""

    WHAT, WHO, WHEN, CHECK, STATUS, S, M, A, R, T, ACCEPTED = range(11)
    HEADERS = (
        N_("What"),
        N_("Who"),
        N_("When"),
        N_("How we know"),
        N_("Status"),
        "S",
        "M",
        "A",
        "R",
        "T",
        N_("Accepted"),
    )
    STRETCH = WHAT
    LETTER_COLUMNS: Mapping[int, str] = {S: "S", M: "M", A: "A", R: "R", T: "T"}

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.results: Mapping[int, SmartResult] = {}
        #: Lineage -> the ZRM focus domains linked to it (shown in the tooltip of "what").
        self.zrm: Mapping[str, Sequence[ZrmLink]] = {}

    def set_rows(
        self,
        rows: Sequence[AgreementDTO],
        results: Mapping[int, SmartResult] | None = None,
        zrm: Mapping[str, Sequence[ZrmLink]] | None = None,
    ) -> None:
        self.results = dict(results or {})
        self.zrm = dict(zrm or {})
        super().set_rows(tuple(rows))

    def display(self, dto: AgreementDTO, column: int) -> str:
        if column in self.LETTER_COLUMNS:
            return self.LETTER_COLUMNS[column]
        if column == self.WHAT:
            return f"{dto.position}. {_one_line(dto.what)}"
        if column == self.WHO:
            return ", ".join(dto.who)
        if column == self.WHEN:
            return when_text(dto)
        if column == self.CHECK:
            check = _one_line(dto.check)
            return f"{check} ({dto.checked_by})" if check and dto.checked_by else check
        if column == self.STATUS:
            return dto.status.label
        if column == self.ACCEPTED:
            return acceptance_text(dto)
        return ""

    def tooltip(self, dto: AgreementDTO, column: int) -> str | None:
        result = self.results.get(dto.id)
        if column in self.LETTER_COLUMNS and result is not None:
            return letter_tooltip(result, self.LETTER_COLUMNS[column])
        if column == self.WHAT:
            lines = [
                dto.what,
                family_line(dto.family_words),
                zrm_line(self.zrm, dto.lineage),
                special_line(dto),
            ]
            return "\n".join(filter(None, lines)) or None
        if column == self.CHECK:
            return dto.check or None
        if column in (self.WHO, self.WHEN):  # elided in a narrow column: the whole text
            return self.display(dto, column) or None
        if column == self.ACCEPTED:
            lines = [f"{p.source.label}: {_party_state(p.accepted)}" for p in dto.parties]
            return "\n".join(lines) or _("Nobody is named yet.")
        return None

    def accessible(self, dto: AgreementDTO, column: int) -> str:
        result = self.results.get(dto.id)
        if column in self.LETTER_COLUMNS and result is not None:
            letter = self.LETTER_COLUMNS[column]
            state = _("in order") if result[letter].ok else _("not in order")
            return f"{letter_name(letter)}: {state}"
        if column == self.ACCEPTED and dto.accepted_by_all:
            return _("Accepted by everyone")
        return self.display(dto, column)

    def alignment(self, column: int) -> Any:
        if column in self.LETTER_COLUMNS or column == self.ACCEPTED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() in self.LETTER_COLUMNS:
            dto = self.row_at(index.row())
            result = self.results.get(dto.id) if dto is not None else None
            if result is not None:
                ok = result[self.LETTER_COLUMNS[index.column()]].ok
                # The smart panel's badge colours (white on a fixed fill, whatever the palette):
                # a role colour is made for text on the palette, and turns pale in a dark one.
                if role == Qt.ItemDataRole.BackgroundRole:
                    return QBrush(QColor(BADGE_FILL[ok]))
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(QColor("white"))
        return super().data(index, role)


def _party_state(accepted: bool | None) -> str:
    if accepted is None:
        return _("not asked yet")
    return _("accepted") if accepted else _("does not accept")
