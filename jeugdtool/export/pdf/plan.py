"""The safety plan as a PDF for network partners: read it, sign it, keep it.

Data comes from `plan_data` (services only), wording from `resources/templates/
safety_plan.j2`; this module lays them out. A draft prints with a CONCEPT watermark on every page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.export.glossary import glossary
from jeugdtool.export.helplines import EMERGENCY_PHONE
from jeugdtool.export.helplines import VEILIG_THUIS_PHONE
from jeugdtool.export.pdf.base import BOLD
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import FRAME_HEIGHT
from jeugdtool.export.pdf.base import FRAME_WIDTH
from jeugdtool.export.pdf.base import LINE
from jeugdtool.export.pdf.base import MUTED
from jeugdtool.export.pdf.base import WARNING
from jeugdtool.export.pdf.base import Built
from jeugdtool.export.pdf.base import Styles
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import facts_table
from jeugdtool.export.pdf.base import register_fonts
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.pdf.base import table_heading
from jeugdtool.export.pdf.documents import Order
from jeugdtool.export.pdf.documents import Rendered
from jeugdtool.export.pdf.layout import PartnerLayout
from jeugdtool.export.pdf.layout import partner_pdf
from jeugdtool.export.pdf.plan_data import FamilyText
from jeugdtool.export.pdf.plan_data import PlanExport
from jeugdtool.export.pdf.plan_data import PlanHelp
from jeugdtool.export.pdf.plan_data import family_first
from jeugdtool.export.pdf.plan_data import family_text
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import goal_speaker
from jeugdtool.export.pdf.plan_data import plan_file_name
from jeugdtool.export.pdf.plan_data import select_plan
from jeugdtool.export.pdf.plan_front import Asked
from jeugdtool.export.pdf.plan_front import Contact
from jeugdtool.export.pdf.plan_front import PlanChanges
from jeugdtool.export.pdf.plan_front import asked_of
from jeugdtool.export.pdf.plan_front import case_ended
from jeugdtool.export.pdf.plan_front import contacts
from jeugdtool.export.pdf.plan_front import network_chair
from jeugdtool.export.pdf.plan_front import past_review
from jeugdtool.export.pdf.plan_front import trusted_persons
from jeugdtool.export.pdf.statements import KINDS
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
from jeugdtool.framework.relations import member_and_organisation
from jeugdtool.framework.relations import source_and_organisation
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.store.uow import UnitOfWork

#: Column widths of the agreements table (what, who, when, how we know, status), in mm: "Who"
#: holds a name with its ✓ on one line, "Status" the word "Afgesproken" (10 pt).
_AGREEMENT_COLUMNS = (50, 32, 28, 35, 25)
#: The facts' labels ("Casusregisseur" at 10 pt on one line), in mm.
_FACT_LABEL = 38
#: The box "whom do you call" on page 1: who and what for, and the number, in mm.
_CALL_COLUMNS = (128, 42)
#: Column widths of the safety network table, with and without the contact column, in mm.
_NETWORK_COLUMNS = (45, 72, 53)
_NETWORK_COLUMNS_NO_CONTACT = (55, 115)
#: The light fill of the box on page 1, and the border of the warnings.
_BOX_FILL = colors.HexColor("#f3f6f9")
#: Where an e-mail address may break: after "@" and before a dot.
_EMAIL_BREAKS = re.compile(r"(?<=@)|(?=\.)")
#: Column widths of the help table (for whom, what help, who gives it, when, helps with), in mm;
#: without the goals column when the safety goals are left out of the document.
_HELP_COLUMNS = (20, 48, 35, 24, 43)
_HELP_COLUMNS_NO_GOALS = (24, 76, 40, 30)


@cache
def plan_styles() -> Styles:
    """The shared styles with table text at 10 pt (the plan is read by families and partners;
    8.5 pt was too small). The other documents keep their own sizes."""
    s = styles()
    return replace(
        s,
        cell=ParagraphStyle("plan_cell", s.cell, fontSize=10, leading=13),
        cell_head=ParagraphStyle("plan_cell_head", s.cell_head, fontSize=10, leading=13),
    )


@dataclass(frozen=True)
class _FamilyStyles:
    #: The other wording under a statement ("Zo staat het in het plan: …"): smaller than the
    #: text it belongs to, indented under it.
    under: ParagraphStyle
    #: A goal of the family, and who said it under it.
    goal: ParagraphStyle
    said_by: ParagraphStyle


@cache
def family_styles() -> _FamilyStyles:
    """The styles only the family's version uses."""
    s = styles()
    return _FamilyStyles(
        under=ParagraphStyle(
            "plan_under", s.small, fontSize=9, leading=12, leftIndent=12, spaceAfter=6
        ),
        goal=ParagraphStyle("plan_goal", s.body, leftIndent=12, spaceAfter=0),
        said_by=ParagraphStyle(
            "plan_said_by", s.small, fontSize=9, leading=12, leftIndent=24, spaceAfter=6
        ),
    )


#: The colour of the professionals' wording in an agreement's cell (the small text's grey).
_MUTED_HEX = "#" + MUTED.hexval()[2:]
#: The glossary's term (export/glossary.py) for each kind of statement.
_KIND_TERMS = {
    StatementType.DANGER: "worry",
    StatementType.SAFETY_GOAL: "safety_goal",
    StatementType.BOTTOM_LINE: "bottom_line",
}


class _PlanLayout(PartnerLayout):
    """Builds the story of one plan export."""

    def __init__(self, data: PlanExport, texts: Texts, today: dt.date, selection: Selection):
        super().__init__(texts, today, selection)
        self.s = plan_styles()
        self.data = data
        self.network = {n.id: n for n in data.case.network}
        #: The family's version (`Selection.family_version`): their goals and words first.
        self.family = selection.family_version
        #: The family's version: the glossary terms the printed parts use, as they are laid
        #: out (only the terms printed are explained).
        self.terms: set[str] = {"safety_plan"}

    # ---- small helpers

    def titled(
        self, heading: str, rows: list[list[Flowable]], widths: Sequence[float]
    ) -> list[Flowable]:
        table = data_table(rows, [w * mm for w in widths], header=True)
        return [*table_heading(self.t.text(heading), _room(rows, widths)), table]

    def block(self, heading: str, text: str) -> list[Flowable]:
        """A heading with user text; kept with its first lines so it never ends a page."""
        body = self.p(markup(text)) if text.strip() else self.p(self.t.text("none_yet"), "small")
        return [KeepTogether([self.heading(heading), body])]

    # ---- the sections

    def story(self) -> list[Flowable]:
        """The front page, then each selected section in document order (the family's
        version: their own goals first, with the statements)."""
        sections = {
            "statements": self.family_part if self.family else self.statements,
            "agreements": self.agreements,
            "help": self.help_given,
            "network": lambda: self.signals() + self.safety_network(),
            "children": lambda: self.block("heading_children", self.data.plan.plan.children_told),
            "review": self.review,
            "signatures": self.signatures,
        }
        return self.front() + self.selected(sections) + self.words()

    def words(self) -> list[Flowable]:
        """ "Woorden in dit plan": the method terms the printed parts use, in plain words (the
        family's version: the terms its parts printed, `self.terms`)."""
        used = {"safety_plan"} | {
            term
            for code, terms in _TERMS_OF_SECTION.items()
            if self.selection.includes(code)
            for term in terms
        }
        # Only the kinds of statement printed (a kind without any has no heading either).
        used -= set(_KIND_TERMS.values()) - {
            _KIND_TERMS[x.type] for x in self.data.plan.statements if x.type in _KIND_TERMS
        }
        if self.family:
            used = self.terms
        entries = glossary(used, self.data.case.household.mode)
        rows = [[self.p(f"<b>{markup(e.term)}</b>"), self.p(markup(e.meaning))] for e in entries]
        table = data_table(rows, [45 * mm, FRAME_WIDTH - 45 * mm], header=False, grid=False)
        return [KeepTogether([self.heading("heading_words"), table])]

    def fact_label_width(self, rows: Sequence[tuple[str, str]]) -> float:
        """`_FACT_LABEL`, or wider when a label needs it to stay on one line (the family's
        version's "Vaste hulpverlener")."""
        size = self.s.cell.fontSize
        widest = max((stringWidth(label, BOLD, size) for label, _value in rows), default=0)
        return max(_FACT_LABEL * mm, widest + 3 * mm)

    def front(self) -> list[Flowable]:
        """Title, warnings, the facts, whom to call, what is asked of the recipient, the
        introduction and what changed since the previous version."""
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
        if self.family:  # the colleague's review of the plan is the professionals' own
            facts = [(k, v) for k, v in facts if k != "label_approval"]
        rows = [(self.t.text(k), v) for k, v in facts]
        table = facts_table(rows, self.s, label_width=self.fact_label_width(rows))
        out = [*self.opening(markup(h.name)), *self.warnings(), table, Spacer(1, 4 * mm)]
        out += [self.call_box(), Spacer(1, 3 * mm), *self.asked()]
        agreements = self.selection.includes("agreements")
        out += [self.p(text) for text in self.t.paragraphs("intro", agreements=agreements)]
        out += self.partial()
        if not plan.is_final:
            out += [self.p(text) for text in self.t.paragraphs("draft_notice")]
        return out + self.changes()

    def opening(self, subtitle: str) -> list[Flowable]:
        """The title ("Ons veiligheidsplan" in the family's version), then as every
        partner document."""
        out = super().opening(subtitle)
        if self.family:
            out[0] = self.p(self.t.text("title_family"), "title")
        return out

    def warnings(self) -> list[Flowable]:
        """A review date that passed without a review; a case no longer open."""
        lines: list[str] = []
        lines += self.past_review()
        h = self.data.case.household
        ended = case_ended(self.data)
        if ended is CaseStatus.CLOSED:
            lines.append(self.t.text("warn_closed", day=h.closed_on))
        elif ended is CaseStatus.ARCHIVED:
            lines.append(self.t.text("warn_archived"))
        if not lines:
            return []
        table = Table(
            [[self.p(f"<b>{line}</b>")] for line in lines],
            colWidths=[FRAME_WIDTH],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.2, WARNING),
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [table, Spacer(1, 3 * mm)]

    def past_review(self) -> list[str]:
        """A review date that has passed: not done yet, or done without a new date."""
        past = past_review(self.data.plan.plan, self.data.last_review_on, self.today)
        if past is None:
            return []
        if past.held_on is None:
            return [self.t.text("warn_review", day=past.due)]
        return [self.t.text("review_held", day=past.held_on)]

    def call_box(self) -> Flowable:
        """Whom to call: danger now, the case manager, the network people the selection
        keeps (with the chair and the children's trusted persons), Veilig Thuis."""
        h = self.data.case.household
        rows = [[self.p(f"<b>{self.t.text('heading_call')}</b>"), self.cell("")]]
        rows.append([self.cell(self.t.text("call_danger")), self.number(EMERGENCY_PHONE)])
        if h.case_manager_name:
            who = self.t.text("call_case_manager", manager=h.case_manager_name)
            email = self.data.case_manager_email if self.selection.contact_details else None
            if email:
                who += "<br/>" + self.t.text("email", email=email)
            phone = h.case_manager_phone or ""
            rows.append([self.cell(who), self.number(phone or self.t.text("no_phone"))])
        else:
            rows.append([self.cell(self.t.text("call_no_case_manager")), self.cell("")])
        for contact in contacts(self.data, self.selection):
            rows.append([self.cell(self.call_member(contact)), self.number(contact.member.phone)])
        rows.append([self.cell(self.t.text("call_veilig_thuis")), self.number(VEILIG_THUIS_PHONE)])
        table = Table(rows, colWidths=[w * mm for w in _CALL_COLUMNS], hAlign="LEFT", splitByRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("BACKGROUND", (0, 0), (-1, -1), _BOX_FILL),
                    ("BOX", (0, 0), (-1, -1), 0.8, LINE),
                    ("LINEBELOW", (0, 1), (-1, -2), 0.3, LINE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return KeepTogether([table])

    def number(self, phone: str | None) -> Flowable:
        return self.cell(f"<b>{markup(phone)}</b>" if phone and phone.strip() else "")

    def call_member(self, contact: Contact) -> str:
        n = contact.member
        text = f"<b>{markup(n.name)}</b>"
        relation = member_and_organisation(n)
        if relation:
            text += f" ({markup(relation)})"
        if contact.chair:
            text += "<br/>" + self.t.text("chair")
        if contact.trusted_by:
            text += "<br/>" + self.t.text("trusted_person", children=list(contact.trusted_by))
        return text

    def asked(self) -> list[Flowable]:
        """For a recipient the audience names: their agreements and the signs they watch."""
        asked: Asked | None = asked_of(self.data, self.selection)
        if asked is None:
            return []
        out: list[Flowable] = [self.heading("heading_asked")]
        if asked.agreements:
            out.append(self.p(self.t.text("asked_agreements")))
            out += [
                self.p(self.t.text("asked_agreement", number=a.position, what=a.what, when=a.when))
                for a in asked.agreements
            ]
        if asked.red_flags:
            out.append(self.p(self.t.text("asked_signs")))
            out += [
                self.p(self.t.text("asked_sign", sign=f.sign, action=f.action))
                for f in asked.red_flags
            ]
        if not asked.agreements and not asked.red_flags:
            out.append(self.p(self.t.text("asked_nothing")))
        return [KeepTogether(out[:3]), *out[3:]]

    def agreement_changes(self, changes: PlanChanges) -> list[str]:
        """Only agreements this document prints, as it prints them (the selection may have
        masked names or left an agreement out); an ended one by its number only."""
        printed = {a.lineage: a for a in self.data.plan.agreements}
        lines = [
            self.t.text("change_added", number=a.position, what=self.what(printed[a.lineage]))
            for a in changes.added
            if a.lineage in printed
        ]
        lines += [
            self.t.text(
                "change_changed",
                number=c.agreement.position,
                columns=[self.t.plain(f"col_{name}").lower() for name in c.columns],
            )
            for c in changes.changed
            if c.agreement.lineage in printed
        ]
        lines += [
            self.t.text("change_ended", number=a.position, previous=changes.previous)
            for a in changes.ended
        ]
        return lines

    def goal_changes(self, changes: PlanChanges) -> list[str]:
        """The family's own goals new or reworded, as this document prints them (minimised);
        one taken out by the fact alone — its old words are not in this version."""
        printed = {g.lineage: g for g in self.data.plan.family_goals}
        lines = [
            self.t.text(block, what=printed[g.lineage].text)
            for block, goals in (
                ("change_goal_added", changes.goals_added),
                ("change_goal_changed", changes.goals_changed),
            )
            for g in goals
            if g.lineage in printed
        ]
        lines += [
            self.t.text("change_goal_removed", previous=changes.previous)
            for _goal in changes.goals_removed
        ]
        return lines

    def changes(self) -> list[Flowable]:
        """The agreements added, changed and ended since the previous version."""
        changes = self.data.changes
        # The family's own goals are printed in the family's version only, with the statements.
        goals_shown = self.family and self.selection.includes("statements")
        agreements_shown = self.selection.includes("agreements")
        if changes is None or not (agreements_shown or goals_shown):
            return []
        out: list[Flowable] = [
            self.p(self.t.text("heading_changes", number=changes.previous), "heading")
        ]
        lines = self.goal_changes(changes) if goals_shown else []
        if agreements_shown:
            lines += self.agreement_changes(changes)
        if not lines:
            lines = [self.t.text("no_changes")]
        out += [self.p(line) for line in lines]
        if len(out) <= 12:  # a short list stays whole: no last line alone on the next page
            return [KeepTogether(out)]
        return [KeepTogether(out[:2]), *out[2:]]

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
        return statement_sections(self.data.plan.statements, self.t, self.s, none_yet=False)

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
        # The legend above the table: under its heading, so always on the table's first page.
        table = data_table(rows, [w * mm for w in _AGREEMENT_COLUMNS], header=True)
        legend = self.p(self.t.text("legend"))
        room = _room(rows, _AGREEMENT_COLUMNS, legend)
        return [*table_heading(self.t.text("heading_agreements"), room), legend, table]

    def what(self, a: AgreementDTO) -> str:
        """What an agreement says: the family's version takes the family's words."""
        return family_text(a.what, a.family_words, first=True).main if self.family else a.what

    def agreement_row(self, a: AgreementDTO) -> list[Flowable]:
        what = f"<b>{a.position}.</b> {markup(a.what)}"
        if self.family:
            worded = family_text(a.what, a.family_words, first=True)
            what = f"<b>{a.position}.</b> {markup(worded.main)}"
            if worded.under:  # in a table the cell's own size: 10 pt is the least
                under = self.t.text("as_the_plan_says", text=worded.under)
                what += f'<br/><font color="{_MUTED_HEX}"><i>{under}</i></font>'
        if a.where.strip():
            what += "<br/>" + self.t.text("where", where=a.where)
        who = "<br/>".join(
            markup(p.source.label) + ("\u00a0✓" if p.accepted is True else "") for p in a.parties
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

    # ---- the family's version

    def family_part(self) -> list[Flowable]:
        """The statements part of the family's version: their own goals, then the
        statements."""
        return self.family_goals() + self.family_statements()

    def family_goals(self) -> list[Flowable]:
        """ "Onze eigen doelen": the family's goals in their words, each with who said it
        (nobody is named whom the selection leaves out)."""
        goals = self.data.plan.family_goals
        if not goals:
            return []
        # Each goal's lines as a list: a KeepTogether inside another forces a page break.
        items: list[list[Flowable]] = []
        for n, goal in enumerate(goals, start=1):
            who = goal_speaker(goal.source, self.data.case)
            said = (
                self.t.text("said_by", who=who) if who.strip() else self.t.text("said_by_someone")
            )
            items.append(
                [
                    Paragraph(f"<b>{n}.</b> {markup(goal.text)}", family_styles().goal),
                    Paragraph(said, family_styles().said_by),
                ]
            )
        intro = self.p(self.t.text("family_goals_intro"))
        first = KeepTogether([self.heading("heading_family_goals"), intro, *items[0]])
        return [first, *(KeepTogether(item) for item in items[1:])]

    def family_statements(self) -> list[Flowable]:
        """The worries, safety goals and bottom lines in the family's version's wording
        (`plan_data.family_text`); a kind without any is left out, so its word is not
        explained either."""
        out: list[Flowable] = []
        for kind, heading, label in KINDS:
            found = [x for x in self.data.plan.statements if x.type is kind]
            if not found:
                continue
            self.terms.add(_KIND_TERMS[kind])
            items = [  # numbered as on the screen, as `statement_sections` does
                self.worded(
                    self.t.text(label, n=x.position),
                    family_text(x.text, x.family_words, first=family_first(kind)),
                )
                for x in found
            ]
            first = KeepTogether([self.heading(heading), *items[0]])
            out += [first, *(KeepTogether(item) for item in items[1:])]
        return out

    def worded(self, label: str, text: FamilyText) -> list[Flowable]:
        """One statement: its label and main text, the other wording smaller under it (a
        list, for the caller to keep together: a KeepTogether inside another breaks the
        page)."""
        main = self.p(f"<b>{label}</b>: {markup(text.main)}")
        if not text.under:
            return [main]
        block = "as_the_plan_says" if text.under_is_plan else "as_we_say_it"
        return [main, Paragraph(self.t.text(block, text=text.under), family_styles().under)]

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
        room = _room(rows, widths, explain) + 2 * mm
        return [
            *table_heading(self.t.text("heading_help"), room),
            explain,
            Spacer(1, 2 * mm),
            table,
        ]

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
        self.terms.add("signs")
        rows = [self.head_row("col_sign", "col_watched_by", "col_action")]
        rows += [
            [
                self.cell(markup(f.sign)),
                self.cell("<br/>".join(f"• {markup(w)}" for w in f.watched_by)),
                self.cell(markup(f.action)),
            ]
            for f in flags
        ]
        return self.titled("heading_signals", rows, (62, 38, 70))

    def safety_network(self) -> list[Flowable]:
        self.terms.add("safety_network")
        roles = self.data.plan.network
        if not roles:
            return [
                KeepTogether([self.heading("heading_network"), self.p(self.t.text("no_network"))])
            ]
        contact = self.selection.contact_details  # else no column for it
        rows = [self.head_row("col_name", "col_role", *(["col_contact"] if contact else []))]
        chair = network_chair(self.data)
        trusted = trusted_persons(self.data)
        for r in roles:
            name = f"<b>{markup(r.source.label)}</b>"
            relation = self.relation(r.source)
            if relation:
                name += f"<br/>{markup(relation)}"
            role = markup(r.role)
            if r.told_on:
                role += ("<br/>" if role else "") + self.t.text("told_on", day=r.told_on)
            member = r.source.network_id if r.source.kind is SourceKind.NETWORK else None
            if chair is not None and member == chair.id:
                role += ("<br/>" if role else "") + self.t.text("chair")
            if member in trusted:
                children = list(trusted[member])
                role += ("<br/>" if role else "") + self.t.text("trusted_person", children=children)
            row = [self.cell(name), self.cell(role)]
            rows.append([*row, self.cell(self.contact(r.source))] if contact else row)
        widths = _NETWORK_COLUMNS if contact else _NETWORK_COLUMNS_NO_CONTACT
        return self.titled("heading_network", rows, widths)

    def review(self) -> list[Flowable]:
        self.terms.add("review")
        plan = self.data.plan.plan
        review = self.block("heading_review", plan.review_schedule)
        past = self.past_review()
        if past:  # not "next review" with a date gone by
            review += [self.p(line) for line in past]
        elif plan.next_review_on:
            review.append(self.p(self.t.text("next_review", day=plan.next_review_on)))
        else:
            review.append(self.p(self.t.text("no_next_review")))
        return review + self.block("heading_not_kept", plan.when_not_kept)

    def signatures(self) -> list[Flowable]:
        if not self.data.plan.plan.is_final:  # a draft is not signed: no empty lines
            heading = self.heading("heading_signatures")
            return [KeepTogether([heading, self.p(self.t.text("signatures_draft"))])]
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
        """How someone relates to the household: "ouder", "oma", "school, De Esch"."""
        return source_and_organisation(source, self.data.case)

    def contact(self, source: Source) -> str:
        if source.kind is not SourceKind.NETWORK or source.network_id not in self.network:
            return ""
        n = self.network[source.network_id]
        room = _NETWORK_COLUMNS[2] * mm - 6  # the cell's padding
        lines = [markup(n.phone)] if n.phone and n.phone.strip() else []
        if n.email and n.email.strip():
            lines += [markup(line) for line in email_lines(n.email.strip(), room)]
        return "<br/>".join(lines)


def _room(
    rows: Sequence[Sequence[Flowable]], widths_mm: Sequence[float], *above: Flowable
) -> float:
    """The height a table's heading needs below it so that the text under the heading (`above`)
    and the table's header and first row land on the same page as the heading (at least 45 mm,
    `table_heading`'s own rule). A first row taller than half a page is not waited for."""
    widths = [w * mm for w in widths_mm]
    height = 36.0 + sum(f.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] + 4 for f in above)
    for row in rows[:2]:
        cells = [cell.wrap(w - 6, FRAME_HEIGHT)[1] for cell, w in zip(row, widths, strict=True)]
        height += max(cells) + 5.5
    return max(45 * mm, min(height, FRAME_HEIGHT / 2))


def email_lines(email: str, width: float, size: float = 10) -> list[str]:
    """An e-mail address cut into lines of at most `width` points (at `size` pt), broken only
    after the "@" and before a dot, so no part of a name is split; one line when it
    fits. A single piece wider than `width` stays whole (the table then wraps it)."""
    register_fonts()
    pieces = [piece for piece in _EMAIL_BREAKS.split(email) if piece]
    lines: list[str] = []
    for piece in pieces:
        if lines and stringWidth(lines[-1] + piece, FONT, size) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines


#: The glossary terms (jeugdtool/export/glossary.py) each part of the plan uses.
_TERMS_OF_SECTION = {
    "statements": ("worry", "safety_goal", "bottom_line"),
    "network": ("safety_network", "signs"),
    "review": ("review",),
}


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
        "family": selection.family_version,
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
    return render_plan(data, order.selection, uow.author, order.today, order.language)


def render_plan(
    data: PlanExport,
    selection: Selection,
    author: str,
    today: dt.date,
    language: str | None = None,
) -> Rendered:
    """The gathered plan `data` as `selection` has it (the family's version when it says
    so), with its proposed file name; `author` goes in the metadata."""
    h = data.case.household
    texts = Texts("safety_plan", language, mode=h.mode)
    built, title = _build(data, texts, author, today, selection)
    family = selection.family_version
    name = plan_file_name(h.case_number, data.plan.plan, h.mode, family=family)
    return Rendered(built.data, name, title, built.pages)
