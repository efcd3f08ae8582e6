"""The safety plan as a PDF for network partners: read it, sign it, keep it.

Data comes from `plan_data` (services only), wording from `resources/templates/
safety_plan.j2`; this module lays them out. A draft prints with a CONCEPT watermark on every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import FRAME_WIDTH
from jeugdtool.export.pdf.base import LINE
from jeugdtool.export.pdf.base import Built
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import facts_table
from jeugdtool.export.pdf.base import table_heading
from jeugdtool.export.pdf.documents import Order
from jeugdtool.export.pdf.documents import Rendered
from jeugdtool.export.pdf.layout import PartnerLayout
from jeugdtool.export.pdf.layout import partner_pdf
from jeugdtool.export.pdf.plan_data import PlanExport
from jeugdtool.export.pdf.plan_data import PlanHelp
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import plan_file_name
from jeugdtool.export.pdf.plan_data import select_plan
from jeugdtool.export.pdf.statements import statement_sections
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import section_codes
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_approval_rules import current_approval
from jeugdtool.framework.plan_approval_rules import standing_approval
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_rules import person_key
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.store.uow import UnitOfWork

#: Column widths of the agreements table (what, who, when, how we know, status), in mm.
_AGREEMENT_COLUMNS = (50, 28, 26, 40, 26)
#: Column widths of the help table (for whom, what help, who gives it, when, helps with), in mm;
#: without the goals column when the safety goals are left out of the document.
_HELP_COLUMNS = (20, 46, 33, 25, 46)
_HELP_COLUMNS_NO_GOALS = (24, 76, 40, 30)


class _PlanLayout(PartnerLayout):
    """Builds the story of one plan export."""

    def __init__(self, data: PlanExport, texts: Texts, today: dt.date, selection: Selection):
        super().__init__(texts, today, selection)
        self.data = data
        self.persons = {p.id: p for p in data.case.persons}
        self.network = {n.id: n for n in data.case.network}

    # ---- small helpers

    def titled(
        self, heading: str, rows: list[list[Flowable]], widths: Sequence[float]
    ) -> list[Flowable]:
        table = data_table(rows, [w * mm for w in widths], header=True)
        return [*table_heading(self.t.text(heading)), table]

    def block(self, heading: str, text: str) -> list[Flowable]:
        """A heading with user text; kept with its first lines so it never ends a page."""
        body = self.p(markup(text)) if text.strip() else self.p(self.t.text("none_yet"), "small")
        return [KeepTogether([self.heading(heading), body])]

    # ---- the sections

    def story(self) -> list[Flowable]:
        """The front page, then each selected section in document order."""
        sections = {
            "statements": self.statements,
            "agreements": self.agreements,
            "help": self.help_given,
            "network": lambda: self.signals() + self.safety_network(),
            "children": lambda: self.block("heading_children", self.data.plan.plan.children_told),
            "review": self.review,
            "signatures": self.signatures,
        }
        return self.front() + self.selected(sections)

    def front(self) -> list[Flowable]:
        h, plan = self.data.case.household, self.data.plan.plan
        version = (
            self.t.text(
                "version_final",
                number=plan.number,
                finalised_on=plan.finalised_on,
                finalised_by=plan.finalised_by,
            )
            if plan.is_final
            else self.t.text("version_draft", number=plan.number)
        )
        manager = markup(h.case_manager_name or "") or self.t.text("no_case_manager")
        facts = [
            ("label_household", markup(h.name)),
            ("label_case_number", markup(h.case_number)),
            ("label_version", version),
            ("label_approval", self.approval()),
            ("label_date", format_date_nl(self.today)),
            ("label_case_manager", manager),
        ]
        table = facts_table([(self.t.text(k), v) for k, v in facts], self.s)
        out = [*self.opening(markup(h.name)), table, Spacer(1, 4 * mm)]
        agreements = self.selection.includes("agreements")
        out += [self.p(text) for text in self.t.paragraphs("intro", agreements=agreements)]
        out += self.partial()
        if not plan.is_final:
            out += [self.p(text) for text in self.t.paragraphs("draft_notice")]
        return out

    def approval(self) -> str:
        """Whether a colleague (werkbegeleider, gedragsdeskundige) approved this version: by
        whom and when; or that it waits for review since a day; or not approved yet. Which
        submission counts is the review's own rule (framework/plan_approval_rules.py)."""
        approvals = self.data.approvals
        standing = standing_approval(approvals)
        if standing is not None and standing.decided_on is not None:
            return self.t.text("approved", by=standing.decided_by.strip(), day=standing.decided_on)
        current = current_approval(approvals)
        if current is not None and current.state is ApprovalState.SUBMITTED:
            return self.t.text("approval_pending", day=current.submitted_on)
        return self.t.text("not_approved")

    def statements(self) -> list[Flowable]:
        return statement_sections(self.data.plan.statements, self.t, self.s)

    def agreements(self) -> list[Flowable]:
        agreements = self.data.plan.agreements
        if not agreements:
            return [
                KeepTogether(
                    [self.heading("heading_agreements"), self.p(self.t.text("no_agreements"))]
                )
            ]
        rows = [self.head_row("col_what", "col_who", "col_when", "col_check", "col_status")]
        rows += [self.agreement_row(a) for a in agreements]
        return [
            *self.titled("heading_agreements", rows, _AGREEMENT_COLUMNS),
            Spacer(1, 2 * mm),
            self.p(self.t.text("legend"), "small"),
        ]

    def agreement_row(self, a: AgreementDTO) -> list[Flowable]:
        what = f"<b>{a.position}.</b> {markup(a.what)}"
        if a.where.strip():
            what += "<br/>" + self.t.text("where", where=a.where)
        who = "<br/>".join(
            markup(p.source.label) + (" ✓" if p.accepted is True else "") for p in a.parties
        )
        when = [markup(a.when)] if a.when.strip() else []
        when += [self.t.text("from_on", day=a.start_on)] if a.start_on else []
        when += [self.t.text("until", day=a.due_on)] if a.due_on else []
        when += [self.t.text("review_on", day=a.review_on)] if a.review_on else []
        check = markup(a.check)
        if a.checked_by.strip():
            check += ("<br/>" if check else "") + self.t.text("checked_by", who=a.checked_by)
        status = self.t.text(f"status_{a.status.value}")
        return [self.cell(what), self.cell(who), self.cell("<br/>".join(when)), self.cell(check),
                self.cell(status)]  # fmt: skip

    def help_given(self) -> list[Flowable]:
        """The help running or planned, and the goal each serves; never its cost."""
        if not self.data.help:
            return [KeepTogether([self.heading("heading_help"), self.p(self.t.text("no_help"))])]
        # The goals' words belong to the statements: a document without them does not quote
        # them here either (the ZRM domains then go with the help itself).
        goals = self.selection.includes("statements")
        names = ["col_for_whom", "col_help", "col_provider", "col_help_when"]
        rows = [self.head_row(*names, *(["col_serves"] if goals else []))]
        rows += [self.help_row(h, goals=goals) for h in self.data.help]
        widths = _HELP_COLUMNS if goals else _HELP_COLUMNS_NO_GOALS
        table = data_table(rows, [w * mm for w in widths], header=True)
        explain = self.p(self.t.text("help_intro", goals=goals))
        return [*table_heading(self.t.text("heading_help")), explain, Spacer(1, 2 * mm), table]

    def help_row(self, h: PlanHelp, *, goals: bool) -> list[Flowable]:
        """One item; `goals`: with the goals column (else the ZRM domains go under the help)."""
        who = f"<b>{markup(h.for_whom)}</b>" if h.for_whom else self.t.text("whole_family")
        what = [f"<b>{markup(h.kind)}</b>"]
        what += [markup(text) for text in (h.description, h.intensity) if text.strip()]
        when = [self.t.text("from_on", day=h.starts_on)]
        when.append(self.t.text("until", day=h.until) if h.until else self.t.text("no_end"))
        when += [self.t.text("not_started")] if h.planned else []
        serves = [f"• {markup(goal)}" for goal in h.goals] if goals else []
        if h.domains:
            domains = ", ".join(h.domains)  # the template escapes it
            serves.append(self.t.text("works_on", domains=domains, also=bool(serves)))
        if not goals:
            what += [f"<i>{line}</i>" for line in serves]
        row = [self.cell(who), self.cell("<br/>".join(what)), self.cell(markup(h.provider)),
               self.cell("<br/>".join(when))]  # fmt: skip
        if goals:
            row.append(self.cell("<br/>".join(serves) or self.t.text("no_goal")))
        return row

    def signals(self) -> list[Flowable]:
        flags = self.data.plan.red_flags
        if not flags:
            return []
        rows = [self.head_row("col_sign", "col_watched_by", "col_action")]
        rows += [
            [
                self.cell(markup(f.sign)),
                self.cell("<br/>".join(markup(w) for w in f.watched_by)),
                self.cell(markup(f.action)),
            ]
            for f in flags
        ]
        return self.titled("heading_signals", rows, (62, 38, 70))

    def safety_network(self) -> list[Flowable]:
        roles = self.data.plan.network
        if not roles:
            return [
                KeepTogether([self.heading("heading_network"), self.p(self.t.text("no_network"))])
            ]
        contact = self.selection.contact_details  # else no column for it
        rows = [self.head_row("col_name", "col_role", *(["col_contact"] if contact else []))]
        for r in roles:
            name = f"<b>{markup(r.source.label)}</b>"
            relation = self.relation(r.source)
            if relation:
                name += f"<br/>{markup(relation)}"
            role = markup(r.role)
            if r.told_on:
                role += ("<br/>" if role else "") + self.t.text("told_on", day=r.told_on)
            row = [self.cell(name), self.cell(role)]
            rows.append([*row, self.cell(self.contact(r.source))] if contact else row)
        return self.titled("heading_network", rows, (45, 80, 45) if contact else (55, 115))

    def review(self) -> list[Flowable]:
        plan = self.data.plan.plan
        review = self.block("heading_review", plan.review_schedule)
        review.append(
            self.p(self.t.text("next_review", day=plan.next_review_on))
            if plan.next_review_on
            else self.p(self.t.text("no_next_review"))
        )
        return review + self.block("heading_not_kept", plan.when_not_kept)

    def signatures(self) -> list[Flowable]:
        people = self.signers()
        intro = [self.heading("heading_signatures")]
        intro += [self.p(text) for text in self.t.paragraphs("signatures_intro")]
        if not people:
            return [KeepTogether([*intro, self.p(self.t.text("no_signatures"))])]
        boxes = [self.signature(source) for source in people]
        return [KeepTogether([*intro, boxes[0]]), *boxes[1:]]

    def signature(self, source: Source) -> Flowable:
        who = f"<b>{markup(source.label)}</b>"
        relation = self.relation(source)
        if relation:
            who += f"<br/>{markup(relation)}"
        lines = f"{self.t.text('sign_date')}<br/><br/><br/>{self.t.text('sign_here')}"
        table = Table(
            [[self.cell(who), self.cell(lines)]],
            colWidths=[60 * mm, FRAME_WIDTH - 60 * mm],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return KeepTogether([table])

    # ---- who is who

    def signers(self) -> list[Source]:
        """Everyone who accepted at least one agreement, once, in the order they first appear."""
        seen: dict[tuple[object, ...], Source] = {}
        for agreement in self.data.plan.agreements:
            for party in agreement.parties:
                if party.accepted is True:
                    seen.setdefault(person_key(party.source), party.source)
        return list(seen.values())

    def relation(self, source: Source) -> str:
        """How someone relates to the household: "Ouder", "grootmoeder", "school (De Esch)"."""
        if source.kind is SourceKind.PERSON and source.person_id in self.persons:
            return self.persons[source.person_id].role.label.lower()
        if source.kind is SourceKind.NETWORK and source.network_id in self.network:
            n = self.network[source.network_id]
            parts = [n.relation or n.kind.label, n.organisation or ""]
            return ", ".join(part for part in parts if part.strip())
        return ""

    def contact(self, source: Source) -> str:
        if source.kind is not SourceKind.NETWORK or source.network_id not in self.network:
            return ""
        n = self.network[source.network_id]
        return "<br/>".join(markup(v) for v in (n.phone, n.email) if v and v.strip())


def _build(
    data: PlanExport, texts: Texts, author: str, today: dt.date, selection: Selection
) -> tuple[Built, str]:
    """The PDF and its title."""
    h, plan = data.case.household, data.plan.plan
    values = {
        "household": h.name,
        "case_number": h.case_number,
        "number": plan.number,
        "final": plan.is_final,
        "finalised_on": plan.finalised_on,
        "today": today,
    }
    watermark = None if plan.is_final else texts.plain("watermark")
    sections = [c for c in section_codes(Document.PLAN) if selection.includes(c)]
    layout = _PlanLayout(select_plan(data, selection), texts, today, selection)
    return partner_pdf(
        layout.story(),
        texts,
        values,
        author=author,
        subject=texts.plain("subject", sections=sections),
        audience=selection.audience,
        watermark=watermark,
    )


def render_plan_document(uow: UnitOfWork, order: Order) -> Rendered:
    """The plan version `order.version` (default: see `plan_data.choose_version`) as the
    selection has it; the author in the metadata is the consultant of `uow`."""
    data = gather_plan(
        uow, order.case_id, order.version, today=order.today, language=order.language
    )
    texts = Texts("safety_plan", order.language, mode=data.case.household.mode)
    built, title = _build(data, texts, uow.author, order.today, order.selection)
    name = plan_file_name(data.case.household.case_number, data.plan.plan, data.case.household.mode)
    return Rendered(built.data, name, title, built.pages)
