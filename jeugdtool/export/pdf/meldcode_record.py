"""One meldcode record as a PDF for the case file (not for network partners): the five steps,
each with when, by whom and its notes — step 1's signals and kindcheck, step 2's colleague and
Veilig Thuis consultation, step 3's conversation, step 4's afwegingskader answers with the scale
score, step 5's decision and report — and the journal entries linked to each step.

The steps' titles and explanations and the questions are the meldcode's own wording
(dossier/meldcode_text.py), the rest `resources/templates/meldcode_record.j2`. Working notes are
left out: they are their author's own, and this document is read by the whole file's team.
Making it is logged in the access log; it is kept with the file, so no disclosure is recorded.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Spacer

from jeugdtool.cases import access
from jeugdtool.cases.queries import get_case
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import format_time_nl
from jeugdtool.dossier import journal
from jeugdtool.dossier import meldcode
from jeugdtool.dossier import meldcode_text
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.dto import MeldcodeStepDTO
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import KindcheckAnswer
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import ReportChannel
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.export.disclose import Written
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import facts_table
from jeugdtool.export.pdf.documents import Rendered
from jeugdtool.export.pdf.dossier_parts import label_of
from jeugdtool.export.pdf.files import write_atomically
from jeugdtool.export.pdf.layout import Layout
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.pdf.texts import page_border
from jeugdtool.export.pdf.texts import visual
from jeugdtool.i18n import _
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.uow import UnitOfWork

__all__ = ["meldcode_file_name", "meldcode_pdf", "render_meldcode"]


@dataclass(frozen=True)
class RecordData:
    """Everything the PDF shows, read through the dossier's services."""

    case_number: str
    household: str
    record: MeldcodeRecordDTO
    #: The Veilig Thuis contacts made from this record, oldest first.
    contacts: tuple[VeiligThuisContactDTO, ...]
    #: Per step (1–5): the journal entries linked to it, oldest first, no working notes.
    entries: dict[int, tuple[JournalEntryDTO, ...]]
    #: Whether working notes about a step were left out.
    working_notes_left_out: bool


def meldcode_file_name(case_number: str, number: int) -> str:
    """`meldcode-2026-0012-1.pdf`: the case number and the record's number, no names."""
    safe = re.sub(r"[^0-9A-Za-z-]+", "-", case_number).strip("-") or "casus"
    return f"meldcode-{safe}-{number}.pdf"


def gather(uow: UnitOfWork, record_id: int) -> RecordData:
    """The record, its case, its Veilig Thuis contacts and the journal entries of its steps."""
    record = meldcode.get_record(uow, record_id)
    case = get_case(uow, record.household_id).household
    mine = [
        c
        for c in veilig_thuis.contacts(uow, record.household_id)
        if c.meldcode_record_id == record.id
    ]
    entries: dict[int, tuple[JournalEntryDTO, ...]] = {}
    left_out = False
    for step in record.steps:
        about = journal.entries_about(
            uow, record.household_id, LinkKind.MELDCODE_STEP.value, f"{record.id}:{step.step}"
        )
        left_out = left_out or any(e.working_note for e in about)
        shown = [e for e in about if not e.working_note]
        entries[step.step] = tuple(sorted(shown, key=lambda e: (e.occurred_on, e.id)))
    contacts = tuple(sorted(mine, key=lambda c: (c.contact_on, c.id)))
    return RecordData(case.case_number, case.name, record, contacts, entries, left_out)


class _RecordLayout(Layout):
    """Builds the story of one record."""

    def __init__(self, data: RecordData, texts: Texts):
        super().__init__(texts)
        self.d, self.r = data, data.record
        self.steps = {s.step: s for s in meldcode_text.steps(texts.language)}
        self.questions = meldcode_text.questions(texts.language)

    # ---- small helpers

    def facts(self, rows: Sequence[tuple[str, str]]) -> Flowable:
        shown = [(self.t.text(k), v) for k, v in rows if v]
        if not shown:  # a table needs a row
            return Spacer(1, 0)
        return facts_table(shown, self.s, label_width=48 * mm, bottom_padding=2)

    def table(self, heads: Sequence[str], rows: list[list[str]], widths: Sequence[int]) -> Flowable:
        body = [[self.cell(v) for v in row] for row in rows]
        return data_table([self.head_row(*heads), *body], [w * mm for w in widths], header=True)

    def sub(self, name: str) -> list[Flowable]:
        return [CondPageBreak(25 * mm), Spacer(1, 1.5 * mm), self.p(f"<b>{self.t.text(name)}</b>")]

    def on_by(self, day: dt.date | None, who: str | None) -> str:
        if day is None:
            return ""
        return self.t.text("on_by", day=day, who=who or "") if who else format_date_nl(day)

    def yes_no(self, value: bool | None) -> str:
        return self.t.text({True: "answer_yes", False: "answer_no", None: "answer_none"}[value])

    # ---- the story

    def story(self) -> list[Flowable]:
        out: list[Flowable] = [
            self.p(self.t.text("title", number=self.r.number), "title"),
            self.p(markup(meldcode_text.source(self.t.language)), "small"),
            Spacer(1, 2 * mm),
            self.front(),
            Spacer(1, 2 * mm),
            self.p(f"<i>{self.t.text('for_file')}</i>", "small"),
        ]
        for step in self.r.steps:
            out += self.step(step)
        return out

    def front(self) -> Flowable:
        r = self.r
        status = (
            self.t.text("status_closed", day=r.closed_on, who=r.closed_by or "")
            if r.status == MeldcodeStatus.CLOSED.value and r.closed_on
            else self.t.text("status_open")
        )
        return self.facts(
            [
                ("label_household", markup(self.d.household)),
                ("label_case_number", markup(self.d.case_number)),
                ("label_started", self.on_by(r.started_on, r.started_by)),
                ("label_status", status),
                ("label_outcome", markup(r.outcome.summary)),
                ("label_decision", self.decision()),
            ]
        )

    def decision(self) -> str:
        r = self.r
        if r.decided_report is None and r.decided_help is None:
            return self.t.text("not_decided")
        report = self.t.text("decided_report" if r.decided_report else "decided_no_report")
        help_ = self.t.text("decided_help" if r.decided_help else "decided_no_help")
        text = f"{report}; {help_}"
        if r.decision_reason:
            text += f"<br/>{self.t.text('label_reason')}: {markup(r.decision_reason)}"
        return text

    def step(self, step: MeldcodeStepDTO) -> list[Flowable]:
        wording = self.steps[step.step]
        done = self.on_by(step.done_on, step.done_by)
        if not done:
            done = self.t.text("step_overdue" if step.overdue else "step_open")
        opening: list[Flowable] = [
            self.p(self.t.text("heading_step", step=step.step, title=wording.title), "heading"),
            self.p(f"<i>{markup(wording.explanation)}</i>", "small"),
            self.facts([("label_done", done), ("label_notes", markup(step.notes))]),
        ]
        out: list[Flowable] = [CondPageBreak(50 * mm), KeepTogether(opening)]
        out += getattr(self, f"step_{step.step}")(step)
        return out + self.journal(step.step)

    def step_1(self, step: MeldcodeStepDTO) -> list[Flowable]:
        out = self.sub("label_signals")
        signals = [
            f"•&nbsp;{markup(s.text)} <i>({label_of(SignalSource, s.source)})</i>"
            for s in self.r.signals
        ]
        out += [self.p(line) for line in signals] or [self.p(self.t.text("no_signals"))]
        r = self.r
        out += self.sub("label_kindcheck")
        out.append(
            self.facts(
                [
                    ("label_adults", markup(", ".join(r.kindcheck_adults))),
                    ("label_children_depend", self.kindcheck(r.kindcheck_children_depend)),
                    ("label_safety_assessed", self.kindcheck(r.kindcheck_safety_assessed)),
                    ("label_notes", markup(r.kindcheck_note)),
                ]
            )
        )
        return out

    def kindcheck(self, answer: str | None) -> str:
        return label_of(KindcheckAnswer, answer) if answer else self.t.text("not_asked")

    def step_2(self, step: MeldcodeStepDTO) -> list[Flowable]:
        out: list[Flowable] = [
            self.facts(
                [
                    ("label_colleague", markup(step.with_whom)),
                    ("label_advice", markup(step.advice)),
                ]
            )
        ]
        return out + self.contacts(VeiligThuisKind.CONSULTATION)

    def step_3(self, step: MeldcodeStepDTO) -> list[Flowable]:
        held = (
            ""
            if step.talk_held is None
            else self.t.text("talk_held" if step.talk_held else "talk_not_held")
        )
        return [
            self.facts(
                [
                    ("label_talk", held),
                    ("label_talk_with", markup(step.with_whom)),
                    ("label_not_held_reason", markup(step.not_held_reason)),
                ]
            )
        ]

    def step_4(self, step: MeldcodeStepDTO) -> list[Flowable]:
        answers = {a.question: a for a in self.r.answers}
        rows = []
        for number, q in enumerate(self.questions, start=1):
            found = answers.get(q.key)
            rows.append(
                [
                    f"{number}. {markup(q.text)}",
                    self.yes_no(found.answer if found else None),
                    markup(found.reason if found else ""),
                ]
            )
        score = "" if step.scale_score is None else str(step.scale_score)
        return [
            self.facts([("label_scale_score", score)]),
            Spacer(1, 1 * mm),
            self.table(("col_question", "col_answer", "col_reason"), rows, (78, 22, 70)),
        ]

    def step_5(self, step: MeldcodeStepDTO) -> list[Flowable]:
        return self.contacts(VeiligThuisKind.REPORT)

    def contacts(self, kind: VeiligThuisKind) -> list[Flowable]:
        rows = []
        for c in self.d.contacts:
            if c.kind != kind.value:
                continue
            how = [markup(c.with_whom), f"<i>{label_of(ReportChannel, c.channel)}</i>"]
            reference = markup(c.reference)
            if veilig_thuis.missing_reference(c):
                reference = f"<i>{self.t.text('reference_missing')}</i>"
            rows.append(
                [
                    f"{format_date_nl(c.contact_on)}<br/>{label_of(VeiligThuisKind, c.kind)}",
                    "<br/>".join(x for x in how if x),
                    markup(c.advice),
                    reference,
                ]
            )
        if not rows:
            return []
        heads = ("col_date", "col_with", "col_advice", "col_reference")
        return [*self.sub("label_veilig_thuis"), self.table(heads, rows, (26, 40, 74, 30))]

    def journal(self, step: int) -> list[Flowable]:
        entries = self.d.entries.get(step) or ()
        if not entries:
            return []
        rows = []
        for e in entries:
            when = format_date_nl(e.occurred_on)
            if e.occurred_at is not None:
                when += f" {format_time_nl(e.occurred_at)}"
            who = [label_of(JournalKind, e.kind), *e.participants]
            rows.append(
                [
                    f"{when}<br/><i>{markup(e.author)}</i>",
                    markup(", ".join(w for w in who if w)),
                    markup(e.note),
                ]
            )
        heads = ("col_date", "col_kind", "col_note")
        return [*self.sub("label_journal"), self.table(heads, rows, (28, 42, 100))]

    def closing(self) -> list[Flowable]:
        if not self.d.working_notes_left_out:
            return []
        return [
            Spacer(1, 3 * mm),
            self.p(f"<i>{self.t.text('working_notes_left_out')}</i>", "small"),
        ]


def _render(data: RecordData, texts: Texts, *, author: str, today: dt.date) -> Rendered:
    values = {"case_number": data.case_number, "number": data.record.number}
    border = replace(
        page_border(texts, today=today, household=data.household, **values),
        footer_note=visual(texts.plain("footer_note")),
    )
    meta = Metadata(
        title=texts.plain("doc_title", **values),
        author=author,
        subject=texts.plain("subject"),
        language=texts.language,
    )
    layout = _RecordLayout(data, texts)
    built = build_document([*layout.story(), *layout.closing()], meta, border)
    name = meldcode_file_name(data.case_number, data.record.number)
    return Rendered(built.data, name, meta.title, built.pages)


def render_meldcode(
    uow: UnitOfWork,
    record_id: int,
    *,
    language: str | None = None,
    today: dt.date | None = None,
) -> Rendered:
    """The record as PDF bytes. Logged first (access log): when that fails, no PDF is made."""
    data = gather(uow, record_id)
    detail = _("meldcode record {number}, for the case file").format(number=data.record.number)
    access.record(uow, AccessAction.PDF, data.record.household_id, detail=detail)
    texts = Texts("meldcode_record", language)
    return _render(data, texts, author=uow.author, today=today or dt.date.today())


def meldcode_pdf(
    uow: UnitOfWork,
    record_id: int,
    path: str | os.PathLike[str],
    *,
    language: str | None = None,
    today: dt.date | None = None,
) -> Written:
    """Render the record and write it atomically to `path` (PdfWriteError: nothing was
    written). It stays with the file, so the disclosure log gets no row."""
    rendered = render_meldcode(uow, record_id, language=language, today=today)
    return Written(write_atomically(rendered.data, path))
