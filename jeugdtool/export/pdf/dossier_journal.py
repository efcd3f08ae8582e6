"""The dossier parts of the access-request dossier (export/pdf/dossier.py): the journal (working
notes included and marked as such: the courts ruled they are part of an access request), the
meldcode records with their steps and the afwegingskader's answers, the kindchecks, the contacts
with Veilig Thuis and the verwijsindex signals. Plain Dutch (B1); the method's words are
explained in "Moeilijke woorden", the meldcode's questions are its own wording
(dossier/meldcode_text.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import Spacer

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import meldcode_text
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import KindcheckAnswer
from jeugdtool.dossier.vocab import ReportChannel
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.export.pdf.base import table_heading
from jeugdtool.export.pdf.dossier_parts import Pieces
from jeugdtool.export.pdf.dossier_parts import day_of
from jeugdtool.export.pdf.dossier_parts import label_of
from jeugdtool.export.pdf.texts import markup


class JournalParts(Pieces):
    """The parts "journal", "meldcode", "kindchecks", "Veilig Thuis" and "verwijsindex"."""

    def on_by(self, day: str | None, who: str | None) -> str:
        """ "06-11-2026, A. de Boer" (the day alone when nobody is named)."""
        shown = format_date_nl(day_of(day))
        return f"{shown}<br/><i>{markup(who)}</i>" if who and shown else shown

    def yes_no(self, value: bool | None) -> str:
        return self.t.text({True: "yes", False: "no", None: "no_answer"}[value])

    # ---- the journal

    def journal_part(self) -> list[Flowable]:
        entries = self.doc.get("journal") or []
        days = {e["id"]: e["occurred_on"] for e in entries}
        rows = [self.entry_row(e, days) for e in entries]
        heads = ("col_when", "col_contact_kind", "col_journal_note", "col_written_by")
        table = [self.table(heads, rows, (22, 38, 84, 26))] if rows else []
        return self.section("journal", table + self.network_meetings(), "none_journal")

    # ---- the network meetings (netwerkberaad), with the journal: each has its entry there

    def network_meetings(self) -> list[Flowable]:
        meetings = self.doc.get("network_meetings") or []
        if not meetings:
            return []
        statements = {s["lineage"]: s.get("text") or "" for s in self.doc.get("statements") or []}
        rows = [self.meeting_row(m, statements) for m in meetings]
        heads = ("col_meeting_when", "col_meeting_who", "col_meeting_what")
        return [
            *self.sub(self.t.text("sub_network_meetings")),
            self.p(self.t.text("about_network_meetings"), "small"),
            self.table(heads, rows, (30, 50, 90)),
        ]

    def meeting_row(self, m: Mapping[str, Any], statements: Mapping[str, str]) -> list[str]:
        when = format_date_nl(day_of(m["date"]))
        if m.get("place"):
            when += f"<br/>{markup(m['place'])}"
        who = [
            self.t.text("chaired_by", who=self.who(a.get("who")))
            if a.get("chaired")
            else self.who(a.get("who"))
            for a in m.get("attendees") or []
        ]
        what: list[str] = []
        shared = [statements[ref] for ref in m.get("shared") or [] if statements.get(ref)]
        if shared or m.get("told"):
            told = [f"•&nbsp;{markup(text)}" for text in shared]
            if m.get("told"):
                told.append(markup(m["told"]))
            what.append(f"<b>{self.t.text('label_told')}</b><br/>" + "<br/>".join(told))
        if m.get("decisions"):
            what.append(
                f"<b>{self.t.text('label_meeting_decided')}</b><br/>{markup(m['decisions'])}"
            )
        return [when, "<br/>".join(who), "<br/>".join(what)]

    def entry_row(self, e: Mapping[str, Any], days: Mapping[str, str]) -> list[str]:
        when = format_date_nl(day_of(e["occurred_on"]))
        if e.get("occurred_at"):
            when += f"<br/>{markup(e['occurred_at'])}"
        contact = [f"<b>{label_of(JournalKind, e.get('kind'))}</b>"]
        if e.get("participants"):
            contact.append(self.t.text("with_whom", who=", ".join(e["participants"])))
        note: list[str] = []
        if e.get("working_note"):
            note.append(f"<b>{self.t.text('working_note_mark')}</b>")
        if e.get("corrects"):
            day = day_of(days.get(e["corrects"]))
            note.append(f"<i>{self.t.text('corrects', day=day)}</i>" if day else "")
        note.append(markup(e.get("note") or ""))
        about = [link.get("label") or "" for link in e.get("links") or []]
        if any(about):
            # "; " between them: a label quotes the map, commas and all.
            what = "; ".join(a for a in about if a)
            note.append(f"<i>{self.t.text('about', what=what)}</i>")
        return [
            when,
            "<br/>".join(contact),
            "<br/>".join(n for n in note if n),
            markup(e.get("author") or ""),
        ]

    # ---- the meldcode

    def meldcode_part(self) -> list[Flowable]:
        return self.section("meldcode", self.each("meldcode", self.record), "none_meldcode")

    def record(self, r: Mapping[str, Any]) -> list[Flowable]:
        title = self.t.text("heading_record", number=r["number"], day=day_of(r["started_on"]))
        closed = (
            self.t.text("record_closed", day=day_of(r["closed_on"]))
            if r.get("closed_on")
            else self.t.text("record_open")
        )
        out: list[Flowable] = [
            *table_heading(title, room=50 * mm),
            self.facts(
                [
                    ("label_started_by", markup(r.get("started_by") or "")),
                    ("label_record_state", closed),
                    ("label_signals", self.signals(r)),
                    ("label_kindcheck", self.record_kindcheck(r)),
                    ("label_decision", self.decision(r)),
                ]
            ),
        ]
        out += self.steps(r)
        return out + self.answers(r)

    def signals(self, r: Mapping[str, Any]) -> str:
        return "<br/>".join(f"•&nbsp;{markup(s.get('text') or '')}" for s in r.get("signals") or [])

    def record_kindcheck(self, r: Mapping[str, Any]) -> str:
        depend, assessed = r.get("kindcheck_children_depend"), r.get("kindcheck_safety_assessed")
        if not depend and not assessed:
            return ""
        lines = [
            self.t.text("kindcheck_depend", answer=label_of(KindcheckAnswer, depend)),
            self.t.text("kindcheck_assessed", answer=label_of(KindcheckAnswer, assessed)),
        ]
        if r.get("kindcheck_adults"):
            lines.insert(0, markup(", ".join(r["kindcheck_adults"])))
        if r.get("kindcheck_note"):
            lines.append(markup(r["kindcheck_note"]))
        return "<br/>".join(lines)

    def decision(self, r: Mapping[str, Any]) -> str:
        report, help_ = r.get("decided_report"), r.get("decided_help")
        if report is None and help_ is None:
            return ""
        lines = [
            self.t.text("decided_report" if report else "decided_no_report"),
            self.t.text("decided_help" if help_ else "decided_no_help"),
        ]
        if r.get("decision_reason"):
            lines.append(markup(r["decision_reason"]))
        return "<br/>".join(lines)

    def steps(self, r: Mapping[str, Any]) -> list[Flowable]:
        titles = {s.step: s.title for s in meldcode_text.steps(self.t.language)}
        rows = []
        for s in r.get("steps") or []:
            done = self.on_by(s.get("done_on"), s.get("done_by")) or self.t.text("open")
            rows.append(
                [f"{s['step']}. {markup(titles.get(s['step'], ''))}", done, self.step_text(s)]
            )
        if not rows:
            return []
        return [
            Spacer(1, 2 * mm),
            self.table(("col_step", "col_done", "col_written"), rows, (52, 26, 92)),
        ]

    def step_text(self, s: Mapping[str, Any]) -> str:
        lines = [markup(s.get("notes") or "")]
        if s.get("with_whom"):
            lines.append(self.t.text("with_whom", who=s["with_whom"]))
        if s.get("advice"):
            lines.append(self.t.text("step_advice", advice=s["advice"]))
        if s.get("talk_held") is False:
            lines.append(self.t.text("talk_not_held", why=s.get("not_held_reason") or ""))
        if s.get("scale_score") is not None:
            lines.append(self.t.text("step_score", score=s["scale_score"]))
        return "<br/>".join(line for line in lines if line)

    def answers(self, r: Mapping[str, Any]) -> list[Flowable]:
        given = {a["question"]: a for a in r.get("answers") or []}
        rows = []
        for q in meldcode_text.questions(self.t.language):
            a = given.get(q.key)
            if a is None or (a.get("answer") is None and not a.get("reason")):
                continue
            rows.append(
                [markup(q.text), self.yes_no(a.get("answer")), markup(a.get("reason") or "")]
            )
        if not rows:
            return []
        heads = ("col_question", "col_answer_yes_no", "col_reason")
        out = [
            Spacer(1, 2 * mm),
            *self.sub(self.t.text("label_weighing")),
            self.table(heads, rows, (76, 24, 70)),
        ]
        if len(rows) < len(meldcode_text.questions(self.t.language)):
            # A deciding answer ends the afwegingskader: say why questions are missing.
            decided = r.get("decided_report") is not None or r.get("decided_help") is not None
            rest = "weighing_rest_not_needed" if decided else "weighing_rest_open"
            out += [Spacer(1, 1 * mm), self.p(self.t.text(rest), "small")]
        return out

    # ---- kindchecks, Veilig Thuis, verwijsindex

    def kindchecks_part(self) -> list[Flowable]:
        rows = [
            [
                self.on_by(k.get("asked_on"), k.get("asked_by")),
                markup(k.get("adult_label") or ""),
                label_of(KindcheckAnswer, k.get("children_depend")),
                label_of(KindcheckAnswer, k.get("safety_assessed")),
                markup(k.get("note") or ""),
            ]
            for k in self.doc.get("kindchecks") or []
        ]
        heads = ("col_date", "col_adult", "col_children_depend", "col_safety_assessed", "col_notes")
        table = [self.table(heads, rows, (24, 30, 30, 30, 56))] if rows else []
        in_meldcode = any(
            r.get("kindcheck_children_depend") or r.get("kindcheck_safety_assessed")
            for r in self.doc.get("meldcode") or []
        )
        # "No kindcheck" would contradict the one shown with a meldcode record above.
        empty = "none_kindchecks_outside" if in_meldcode else "none_kindchecks"
        return self.section("kindchecks", table, empty)

    def veilig_thuis_part(self) -> list[Flowable]:
        rows = []
        for c in self.doc.get("veilig_thuis") or []:
            how = [markup(c.get("with_whom") or ""), label_of(ReportChannel, c.get("channel"))]
            rows.append(
                [
                    self.on_by(c.get("contact_on"), c.get("recorded_by")),
                    self.contact_kind(c.get("kind")),
                    "<br/>".join(x for x in how if x),
                    markup(c.get("advice") or ""),
                    markup(c.get("reference") or ""),
                ]
            )
        heads = ("col_date", "col_kind", "col_with", "col_said", "col_reference")
        table = [self.table(heads, rows, (24, 24, 34, 62, 26))] if rows else []
        return self.section("veilig_thuis", table, "none_veilig_thuis")

    def contact_kind(self, kind: str | None) -> str:
        """In the family's words: "we asked for advice" rather than "consultation"."""
        if kind == VeiligThuisKind.CONSULTATION.value:
            return self.t.text("vt_consultation")
        if kind == VeiligThuisKind.REPORT.value:
            return self.t.text("vt_report")
        return label_of(VeiligThuisKind, kind)

    def signals_part(self) -> list[Flowable]:
        rows = [self.signal_row(s) for s in self.doc.get("signals") or []]
        heads = (
            "col_signal_child",
            "col_signalled",
            "col_coordination",
            "col_until",
            "col_matches",
        )
        table = [self.table(heads, rows, (26, 26, 38, 28, 52))] if rows else []
        return self.section("signals", table, "none_signals")

    def signal_row(self, s: Mapping[str, Any]) -> list[str]:
        coordination = markup(s.get("coordinator") or "")
        if s.get("coordination_on"):
            coordination += f"<br/>{format_date_nl(day_of(s['coordination_on']))}"
        until = (
            self.t.text("signal_withdrawn", day=day_of(s["withdrawn_on"]))
            if s.get("withdrawn_on")
            else self.t.text("signal_until", day=day_of(s["expires_on"]))
        )
        matches = [
            f"{markup(m.get('organisation') or '')} ({format_date_nl(day_of(m.get('matched_on')))})"
            for m in s.get("matches") or []
        ]
        if s.get("notes"):
            matches.append(f"<i>{markup(s['notes'])}</i>")
        return [
            markup(s.get("child_label") or ""),
            self.on_by(s.get("signalled_on"), s.get("signalled_by")),
            coordination,
            until,
            "<br/>".join(matches) or self.t.text("no_matches"),
        ]
