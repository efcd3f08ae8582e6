"""The access-request dossier as a PDF: everything stored about a household, for the family.

The content is an `access_request.Dossier` (its case file, history, access log and registers),
already with the accepted redactions applied; the wording is `resources/templates/
access_request.j2`, in plain Dutch (B1): short sentences, and each word of the method explained
once in "Moeilijke woorden". This module lays out the front and the parts about the household,
the framework, the history and the registers; dossier_parts.py has the shared pieces and the
plan, ZRM and meeting parts, dossier_outcomes.py the help, the closing and new starts,
dossier_journal.py the journal, the meldcode, kindchecks, Veilig Thuis and the verwijsindex.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import Spacer

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import table_heading
from jeugdtool.export.pdf.dossier_child_voice import ChildVoiceParts
from jeugdtool.export.pdf.dossier_journal import JournalParts
from jeugdtool.export.pdf.dossier_outcomes import OutcomeParts
from jeugdtool.export.pdf.dossier_parts import day_of
from jeugdtool.export.pdf.dossier_parts import label_of
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.pdf.texts import page_border
from jeugdtool.framework import prompts
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import StatementType

if TYPE_CHECKING:  # the dossier's module imports this one lazily
    from jeugdtool.export.access_request import Dossier

#: The method's words explained in "Moeilijke woorden", in this order (template blocks
#: word_<key> and explain_<key>).
WORDS = (
    "mapping",
    "harm",
    "danger",
    "safety_goal",
    "bottom_line",
    "scale",
    "network",
    "safety_network",
    "plan",
    "review",
    "zrm",
    "help",
    "provider",
    "community",
    "closing",
    "ended_early",
    "new_start",
    "meeting",
    "journal",
    "working_note",
    "meldcode",
    "afwegingskader",
    "kindcheck",
    "veilig_thuis",
    "verwijsindex",
)


@dataclass(frozen=True)
class RenderedDossier:
    data: bytes
    title: str
    pages: int


class _Layout(OutcomeParts, JournalParts, ChildVoiceParts):
    """Builds the story of one dossier."""

    # ---- the front

    def story(self) -> list[Flowable]:
        out = self.front()
        for part in (
            self.persons_part,
            self.network_part,
            self.mappings_part,
            self.statements_part,
            self.scale_part,
            self.plans_part,
            self.zrm_part,
            self.help_part,
            self.closing_part,
            self.new_starts_part,
            self.journal_part,
            self.meldcode_part,
            self.kindchecks_part,
            self.veilig_thuis_part,
            self.signals_part,
            self.meetings_part,
            self.child_voice_part,
            self.history_part,
            self.access_part,
            self.requests_part,
            self.disclosures_part,
        ):
            out += part()
        return out

    def front(self) -> list[Flowable]:
        h = self.doc["household"]
        facts = [
            ("label_household", markup(h["name"])),
            ("label_case_number", markup(h["case_number"])),
            ("label_for", markup(self.request_for)),
            ("label_made_on", format_date_nl(self.d.made_on)),
            ("label_manager", markup(h.get("case_manager") or "")),
        ]
        out: list[Flowable] = [self.p(self.t.text("title"), "title"), self.facts(facts)]
        out.append(Spacer(1, 4 * mm))
        out += [self.p(text) for text in self.t.paragraphs("intro")]
        out.append(self.p(self.t.text("redacted_intro" if self.hidden else "nothing_redacted")))
        out += [self.p(f"•&nbsp;{markup(line)}") for line in self.hidden]
        return out + self.words()

    def words(self) -> list[Flowable]:
        rows = [
            [
                self.cell(f"<b>{self.t.text('word_' + w)}</b>"),
                self.cell(self.t.text("explain_" + w)),
            ]
            for w in WORDS
        ]
        return [
            *table_heading(self.t.text("words_heading"), room=60 * mm),
            self.p(self.t.text("words_intro"), "small"),
            data_table(rows, [45 * mm, 125 * mm], header=False, grid=False),
        ]

    # ---- the household

    def persons_part(self) -> list[Flowable]:
        rows = [
            [
                self._person_name(p),
                label_of(PersonRole, p["role"]),
                format_date_nl(day_of(p["birth_date"])),
                markup(p.get("notes") or ""),
            ]
            for p in self.doc["persons"]
        ]
        table = (
            [self.table(("col_name", "col_role", "col_birth", "col_notes"), rows, (42, 30, 22, 76))]
            if rows
            else []
        )
        return self.section("persons", table, "none")

    def _person_name(self, person: Mapping[str, Any]) -> str:
        """The person's name, and a child's trusted person under it (optional in the file)."""
        name = markup(self.persons[person["id"]])
        trusted = next(
            (n for n in self.doc["network"] if n["id"] == person.get("trusted_person")), None
        )
        if trusted is None:
            return name
        return f"{name}<br/>{self.t.text('trusted_person', who=trusted['name'])}"

    def network_part(self) -> list[Flowable]:
        rows = []
        for n in self.doc["network"]:
            relation = [
                n.get("relation") or "",
                label_of(NetworkKind, n.get("kind")),
                n.get("organisation") or "",
            ]
            chair = [self.t.text("chairs_network")] if n.get("chairs_network") else []
            contact = [n.get("phone") or "", n.get("email") or ""]
            rows.append(
                [
                    markup(n["name"]),
                    "<br/>".join([*(markup(x) for x in relation if x), *chair]),
                    "<br/>".join(markup(x) for x in contact if x),
                    self.t.text("yes" if n.get("safety_network") else "no"),
                    markup(n.get("notes") or ""),
                ]
            )
        heads = ("col_name", "col_relation", "col_contact", "col_safety_network", "col_notes")
        table = [self.table(heads, rows, (30, 38, 38, 18, 46))] if rows else []
        return self.section("network", table, "none")

    # ---- the framework

    def mappings_part(self) -> list[Flowable]:
        return self.section("mappings", self.each("mappings", self.moment), "none_mappings")

    def moment(self, moment: Mapping[str, Any]) -> list[Flowable]:
        out: list[Flowable] = [
            *table_heading(self.t.text("heading_moment", day=day_of(moment["date"])), room=40 * mm),
            self.facts(
                [
                    ("label_by", markup(moment.get("author") or "")),
                    ("label_present", markup(", ".join(moment.get("present") or []))),
                ]
            ),
        ]
        cells = moment.get("cells") or {}
        for cell in Cell:
            items = cells.get(cell.value) or []
            if items:
                rows = [[self.item_text(i), self.who(i.get("source"))] for i in items]
                out.append(Spacer(1, 2 * mm))
                # The map's own title for the cell in the case's way of working.
                out += self.sub(markup(prompts.cell_title(cell, self.t.mode, self.t.language)))
                out.append(self.table(("col_text", "col_said_by"), rows, (120, 50)))
        return out

    def item_text(self, item: Mapping[str, Any]) -> str:
        text = markup(item.get("text") or "")
        for stance in item.get("stances") or []:
            block = "agrees" if stance.get("stance") == "agrees" else "disputes"
            text += f"<br/><i>{self.t.text(block, who=stance.get('who') or '')}</i>"
        return text

    def statements_part(self) -> list[Flowable]:
        moments = {m["id"]: m["date"] for m in self.doc.get("mappings") or []}
        rows = [
            [
                self.t.word(label_of(StatementType, s["type"])),
                format_date_nl(day_of(moments.get(s.get("moment")))),
                markup(s.get("text") or "") + self.own_words(s),
            ]
            for s in self.doc.get("statements") or []
        ]
        heads = ("col_kind", "col_date", "col_text")
        table = [self.table(heads, rows, (38, 22, 110))] if rows else []
        return self.section("statements", table, "none_statements")

    def scale_part(self) -> list[Flowable]:
        scale = self.doc.get("scale") or {}
        scores = scale.get("scores") or []
        if not scores:
            return self.section("scale", [], "none_scale")
        rows = [
            [
                format_date_nl(day_of(s["date"])),
                f"{self.who(s.get('rater'))}<br/><i>{label_of(RaterRole, s.get('role'))}</i>",
                f"<b>{s['score']}</b>",
                markup(s.get("reason") or ""),
                markup(s.get("one_higher") or ""),
            ]
            for s in scores
        ]
        heads = ("col_date", "col_who", "col_score", "col_reason", "col_higher")
        meaning = self.facts(
            [
                ("scale_zero", markup(scale.get("zero") or "")),
                ("scale_ten", markup(scale.get("ten") or "")),
            ]
        )
        return self.section(
            "scale",
            [meaning, Spacer(1, 2 * mm), self.table(heads, rows, (20, 34, 14, 60, 42))],
            "none_scale",
        )

    # ---- history, access and registers

    def history_part(self) -> list[Flowable]:
        rows = []
        for r in self.d.history:
            change = (
                f"<b>{markup(r.field)}</b>: {markup(r.change)}" if r.field else markup(r.change)
            )
            rows.append([r.when, markup(r.who), markup(r.what), change])
        heads = ("col_when", "col_who", "col_what", "col_change")
        return self.section(
            "history", [self.table(heads, rows, (24, 26, 70, 50))] if rows else [], "none_history"
        )

    def access_part(self) -> list[Flowable]:
        rows = [[r.when, markup(r.who), markup(r.what), markup(r.why)] for r in self.d.access_log]
        heads = ("col_when", "col_who", "col_what", "col_why")
        return self.section(
            "access", [self.table(heads, rows, (26, 34, 70, 40))] if rows else [], "none_access"
        )

    def requests_part(self) -> list[Flowable]:
        rows = []
        for r in self.d.requests:
            when = [r.kind, r.received_on, self.t.text("label_deadline", day=r.deadline)]
            status = [r.status]
            if r.decided_on:
                status.append(self.t.text("label_decided", day=r.decided_on))
            if r.delivered_on:
                status.append(self.t.text("label_delivered", day=r.delivered_on))
            rows.append(
                [
                    "<br/>".join(when),
                    markup(r.requested_by),
                    markup(r.subject),
                    "<br/>".join(status),
                    markup(r.outcome),
                ]
            )
        heads = ("col_kind", "col_who", "col_asked", "col_status", "col_answer")
        return self.section(
            "requests",
            [self.table(heads, rows, (34, 28, 40, 28, 40))] if rows else [],
            "none_requests",
        )

    def disclosures_part(self) -> list[Flowable]:
        rows = [
            [
                r.when,
                markup(r.document),
                markup(r.recipient),
                markup(r.parts) + f"<br/><i>{self.t.text('label_made_by', who=r.made_by)}</i>",
            ]
            for r in self.d.disclosures
        ]
        heads = ("col_when", "col_document", "col_for", "col_parts")
        return self.section(
            "disclosures",
            [self.table(heads, rows, (24, 64, 28, 54))] if rows else [],
            "none_disclosures",
        )


def render(
    dossier: Dossier,
    *,
    request_for: str,
    hidden: Sequence[str] = (),
    author: str = "",
    language: str | None = None,
) -> RenderedDossier:
    """The dossier as PDF bytes. `hidden`: what was left out, in words for the family."""
    # The framework parts in the words of the case's way of working ("welzijnsplan").
    texts = Texts("access_request", language, mode=dossier.case_file["household"]["mode"])
    names: dict[str, Any] = {
        "household": dossier.household_name,
        "case_number": dossier.case_number,
    }
    border = page_border(texts, today=dossier.made_on, **names)
    meta = Metadata(
        title=texts.plain("doc_title", **names),
        author=author,
        subject=texts.plain("subject", case_number=dossier.case_number, today=dossier.made_on),
        language=texts.language,
    )
    story = _Layout(dossier, texts, request_for, hidden).story()
    built = build_document(story, meta, border)
    return RenderedDossier(built.data, meta.title, built.pages)
