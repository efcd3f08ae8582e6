"""The network's own plan for after closure ("Plan van het netwerk na afsluiting"), a PDF for
the family and its network: what the network keeps doing and whom to call (the latest
closing's `network_keeps` and `whom_to_call`), who does what (the safety network's roles of the
last plan) and the signs to watch with what to do then (its red flags), and where to go in an
emergency (Veilig Thuis, 112).

Plain Dutch (B1), worded for a safety and a wellbeing case alike; the words are
`resources/templates/network_plan.j2`. Read through the services only. Like every PDF it is
logged before it is made (access log) and recorded as handed to the family and the network
once written (disclosure log).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from jeugdtool.cases import access
from jeugdtool.cases.privacy_models import DisclosureKind
from jeugdtool.cases.queries import get_case
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.disclose import Disclosed
from jeugdtool.export.disclose import Written
from jeugdtool.export.disclose import log_written
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import FRAME_WIDTH
from jeugdtool.export.pdf.base import LINE
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import facts_table
from jeugdtool.export.pdf.base import table_heading
from jeugdtool.export.pdf.documents import Rendered
from jeugdtool.export.pdf.files import write_atomically
from jeugdtool.export.pdf.layout import KeepRows
from jeugdtool.export.pdf.layout import Layout
from jeugdtool.export.pdf.plan_data import choose_version
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.pdf.texts import page_border
from jeugdtool.framework.plan_dto import NetworkRoleDTO
from jeugdtool.framework.plan_dto import RedFlagDTO
from jeugdtool.framework.plans import get_plan
from jeugdtool.framework.plans import list_versions
from jeugdtool.framework.relations import named
from jeugdtool.framework.relations import source_relation
from jeugdtool.i18n import _
from jeugdtool.outcomes.closing import closings
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.uow import UnitOfWork

__all__ = [
    "NetworkPlanData",
    "NotClosed",
    "gather_network_plan",
    "network_plan_file_name",
    "render_network_plan",
    "write_network_plan",
]


class NotClosed(JeugdtoolError):
    """The case was never closed: there is no network plan for after closure yet."""


@dataclass(frozen=True)
class NetworkPlanData:
    """What the document shows, read through the services."""

    household: str
    case_number: str
    closed_on: dt.date
    #: What the network keeps doing (the closing's own words).
    keeps: str
    #: Whom to call, one line each (names, numbers, when).
    whom_to_call: tuple[str, ...]
    #: The last plan's safety network and red flags (empty: no finalised plan).
    roles: tuple[NetworkRoleDTO, ...]
    flags: tuple[RedFlagDTO, ...]
    #: Each role's person as every document names them: "Ria Jansen (oma)"
    #: (`relations.named`); empty: the names as the plan has them.
    who: tuple[str, ...] = ()

    def name_of(self, index: int) -> str:
        return self.who[index] if index < len(self.who) else self.roles[index].source.label


def gather_network_plan(uow: UnitOfWork, case_id: int) -> NetworkPlanData:
    """The case's latest closing with the last plan (the newest finalised version; a draft
    only when nothing was finalised). NotClosed when the case has no closing."""
    detail = get_case(uow, case_id)
    case = detail.household
    done = closings(uow, case_id)
    if not done:
        raise NotClosed(
            _(
                "Case {number} has not been closed, so there is no network plan for after "
                "closure yet. Close the case and fill in what the network keeps doing and "
                "whom to call."
            ).format(number=case.case_number)
        )
    latest = done[-1]
    chosen = choose_version(list_versions(uow, case_id))
    plan = get_plan(uow, chosen.id) if chosen is not None else None
    roles = plan.network if plan is not None else ()
    return NetworkPlanData(
        household=case.name,
        case_number=case.case_number,
        closed_on=latest.closed_on,
        keeps=latest.network_keeps,
        whom_to_call=tuple(line for line in latest.whom_to_call if line.strip()),
        roles=roles,
        flags=plan.red_flags if plan is not None else (),
        who=tuple(named(r.source.label, source_relation(r.source, detail)) for r in roles),
    )


def network_plan_file_name(case_number: str) -> str:
    """`plan-van-het-netwerk-2026-0012.pdf`: only characters safe on every system."""
    safe = re.sub(r"[^0-9A-Za-z-]+", "-", case_number).strip("-") or "casus"
    return f"plan-van-het-netwerk-{safe}.pdf"


#: The emergency lines, printed in bold: 112, and Veilig Thuis.
_EMERGENCY = ("emergency_danger", "emergency_worried")


class _NetworkPlanLayout(Layout):
    def __init__(self, data: NetworkPlanData, texts: Texts):
        super().__init__(texts)
        self.d = data

    def story(self) -> list[Flowable]:
        return [
            *self.front(),
            *self.keeps(),
            *self.who_does_what(),
            *self.signs(),
            *self.whom_to_call(),
            *self.emergency(),
        ]

    def front(self) -> list[Flowable]:
        facts = [
            (self.t.text("label_household"), markup(self.d.household)),
            (self.t.text("label_case_number"), markup(self.d.case_number)),
            (self.t.text("label_closed_on"), format_date_nl(self.d.closed_on)),
        ]
        out: list[Flowable] = [
            self.p(self.t.text("title"), "title"),
            self.p(markup(self.d.household), "subtitle"),
            facts_table(facts, self.s),
            Spacer(1, 4 * mm),
        ]
        return out + [self.p(text) for text in self.t.paragraphs("intro")]

    def keeps(self) -> list[Flowable]:
        text = self.d.keeps.strip()
        body = self.p(markup(text)) if text else self.p(self.t.text("keeps_empty"), "small")
        return [KeepTogether([self.heading("heading_keeps"), body])]

    def who_does_what(self) -> list[Flowable]:
        if not self.d.roles:
            return [KeepTogether([self.heading("heading_roles"), self.p(self.t.text("no_roles"))])]
        rows = [self.head_row("col_name", "col_role")]
        rows += [
            [self.cell(f"<b>{markup(self.d.name_of(i))}</b>"), self.cell(markup(r.role))]
            for i, r in enumerate(self.d.roles)
        ]
        table = data_table(rows, [55 * mm, 115 * mm], header=True)
        return [*table_heading(self.t.text("heading_roles")), KeepRows(table)]

    def signs(self) -> list[Flowable]:
        if not self.d.flags:
            return [KeepTogether([self.heading("heading_signs"), self.p(self.t.text("no_signs"))])]
        rows = [self.head_row("col_sign", "col_watched_by", "col_action")]
        rows += [
            [
                self.cell(markup(f.sign)),
                self.cell("<br/>".join(markup(w) for w in f.watched_by)),
                self.cell(markup(f.action)),
            ]
            for f in self.d.flags
        ]
        table = data_table(rows, [62 * mm, 38 * mm, 70 * mm], header=True)
        return [*table_heading(self.t.text("heading_signs")), KeepRows(table)]

    def whom_to_call(self) -> list[Flowable]:
        lines = self.d.whom_to_call
        if not lines:
            body = [self.p(self.t.text("no_calls"), "small")]
        else:
            body = [self.p(f"• {markup(line)}") for line in lines]
        return [KeepTogether([self.heading("heading_calls"), *body])]

    def emergency(self) -> list[Flowable]:
        """A framed box: Veilig Thuis and 112, always, whatever else the plan says."""
        inner = [self.p(f"<b>{self.t.text('heading_emergency')}</b>")]
        inner += [self.p(f"<b>{self.t.text(name)}</b>") for name in _EMERGENCY]
        inner.append(self.p(self.t.text("emergency_free")))
        box = Table([[inner]], colWidths=[FRAME_WIDTH], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.2, LINE),
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return [Spacer(1, 6 * mm), KeepTogether([box])]


def _render(data: NetworkPlanData, texts: Texts, *, author: str, today: dt.date) -> Rendered:
    values = {"household": data.household, "case_number": data.case_number, "today": today}
    border = page_border(texts, **values)
    meta = Metadata(
        title=texts.plain("doc_title", **values),
        author=author,
        subject=texts.plain("subject"),
        language=texts.language,
    )
    built = build_document(_NetworkPlanLayout(data, texts).story(), meta, border)
    return Rendered(built.data, network_plan_file_name(data.case_number), meta.title, built.pages)


def render_network_plan(
    uow: UnitOfWork,
    case_id: int,
    *,
    language: str | None = None,
    today: dt.date | None = None,
) -> Rendered:
    """The network's plan as PDF bytes (NotClosed: the case has no closing). Logged first
    (access log): when that fails, no PDF is made."""
    data = gather_network_plan(uow, case_id)
    access.record(
        uow, AccessAction.PDF, case_id, detail=_("network plan after closure, for: the network")
    )
    texts = Texts("network_plan", language, mode=get_case(uow, case_id).household.mode)
    return _render(data, texts, author=uow.author, today=today or dt.date.today())


def network_plan_disclosure(rendered: Rendered) -> Disclosed:
    """What the disclosure log says about the plan handed to the family and its network."""
    parts = (
        _("what the network keeps doing and whom to call"),
        _("the safety network's roles and the signs to watch, from the last plan"),
    )
    return Disclosed(DisclosureKind.PDF, rendered.title, _("the family and its network"), parts)


def write_network_plan(
    uow: UnitOfWork,
    case_id: int,
    path: str | os.PathLike[str],
    *,
    language: str | None = None,
    today: dt.date | None = None,
) -> Written:
    """Render the network's plan and write it atomically to `path` (PdfWriteError: nothing was
    written), then record it in the case's disclosure log as handed to the family and its
    network; `Written.unlogged` says when that record failed."""
    rendered = render_network_plan(uow, case_id, language=language, today=today)
    written = write_atomically(rendered.data, path)
    return log_written(uow, [case_id], network_plan_disclosure(rendered), written)
