"""The building blocks of the access-request dossier (export/pdf/dossier.py): the helpers every
part uses, and the parts that walk the case file's plans, ZRM assessments and meetings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Spacer

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import LabelledEnum
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import facts_table
from jeugdtool.export.pdf.base import table_heading
from jeugdtool.export.pdf.layout import Layout
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import Kept
from jeugdtool.zrm.definitions import builtin_matrices
from jeugdtool.zrm.definitions import family_domain_name_of

if TYPE_CHECKING:  # the dossier's module imports this one lazily
    from jeugdtool.export.access_request import Dossier


def day_of(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def label_of(enum: type[LabelledEnum], value: str | None) -> str:
    """An enum value's label; an unknown value (a newer file) as it is."""
    if not value:
        return ""
    try:
        return enum(value).label
    except ValueError:
        return value


class Pieces(Layout):
    """What every part of the dossier is made of, and the plan, ZRM and meeting parts."""

    def __init__(self, dossier: Dossier, texts: Texts, request_for: str, hidden: Sequence[str]):
        super().__init__(texts)
        self.d = dossier
        self.doc: dict[str, Any] = dossier.case_file
        self.request_for, self.hidden = request_for, hidden
        self.persons = {
            p["id"]: f"{p['first_name']} {p['last_name']}".strip() for p in self.doc["persons"]
        }
        self.scores = {s["id"]: s for s in (self.doc.get("scale") or {}).get("scores") or []}

    # ---- small helpers

    def table(self, heads: Sequence[str], rows: list[list[str]], widths: Sequence[int]) -> Flowable:
        body = [[self.cell(v) for v in row] for row in rows]
        return data_table([self.head_row(*heads), *body], [w * mm for w in widths], header=True)

    def section(self, name: str, content: list[Flowable], empty: str) -> list[Flowable]:
        """A numbered part: its heading, one sentence on what it is, and its content. On a
        new page when less than a few lines are left, so a heading never ends a page."""
        opening = [self.heading(f"heading_{name}")]
        opening.append(self.p(self.t.text(f"about_{name}"), "small"))
        if not content:
            return [KeepTogether([*opening, self.p(self.t.text(empty))])]
        return [CondPageBreak(45 * mm), KeepTogether(opening), *content]

    def each(self, key: str, draw: Callable[[Mapping[str, Any]], list[Flowable]]) -> list[Flowable]:
        """Every entry of the case file's list `key`, drawn by `draw`, one after the other."""
        return [piece for entry in self.doc.get(key) or [] for piece in draw(entry)]

    def who(self, source: Mapping[str, Any] | None) -> str:
        return markup((source or {}).get("label") or "")

    def facts(self, rows: Sequence[tuple[str, str]]) -> Flowable:
        shown = [(self.t.text(k), v) for k, v in rows if v]
        if not shown:  # a table needs a row
            return Spacer(1, 0)
        return facts_table(shown, self.s, label_width=42 * mm, bottom_padding=3)

    def sub(self, text: str) -> list[Flowable]:
        """A small heading inside a part; never the last line of a page."""
        return [CondPageBreak(25 * mm), self.p(f"<b>{text}</b>")]

    # ---- the safety plan

    def plans_part(self) -> list[Flowable]:
        plans = self.each("plans", self.plan)
        return self.section("plans", plans + self.goal_judgements(), "none_plans")

    def goal_judgements(self) -> list[Flowable]:
        """Each time we judged whether a safety goal is reached (at a review or a network
        meeting): the goal, the judgement, since when it is seen, the note and who judged."""
        found = self.doc.get("goal_judgements") or []
        if not found:
            return []
        goals = {s["lineage"]: s.get("text") or "" for s in self.doc.get("statements") or []}
        rows = []
        for j in found:
            judged = [f"<b>{label_of(Judgement, j.get('judgement'))}</b>"]
            if j.get("seen_since"):
                judged.append(self.t.text("judgement_since", day=day_of(j["seen_since"])))
            if j.get("note"):
                judged.append(markup(j["note"]))
            rows.append(
                [
                    format_date_nl(day_of(j["date"])),
                    markup(goals.get(j.get("goal"), "")),
                    "<br/>".join(judged),
                    markup(j.get("judged_by") or ""),
                ]
            )
        heads = ("col_when", "col_safety_goal", "col_judgement", "col_judged_by")
        return [
            *self.sub(self.t.text("sub_goal_judgements")),
            self.p(self.t.text("about_goal_judgements"), "small"),
            self.table(heads, rows, (22, 66, 56, 26)),
        ]

    def plan(self, plan: Mapping[str, Any]) -> list[Flowable]:
        state = (
            self.t.text(
                "plan_final", day=day_of(plan["finalised_on"]), who=plan.get("finalised_by") or ""
            )
            if plan.get("finalised_on")
            else self.t.text("plan_draft")
        )
        out: list[Flowable] = [
            *table_heading(self.t.text("heading_plan", number=plan["version"]), room=40 * mm),
            self.facts(
                [
                    ("label_status_plan", state),
                    ("label_override", markup(plan.get("override_reason") or "")),
                    ("label_children_told", markup(plan.get("children_told") or "")),
                    ("label_review_schedule", markup(plan.get("review_schedule") or "")),
                    ("label_when_not_kept", markup(plan.get("when_not_kept") or "")),
                ]
            ),
        ]
        out += self.plan_lists(plan)
        out += self.agreements(plan)
        for review in plan.get("reviews") or []:
            out += self.review(plan, review)
        return out + self.approvals(plan)

    def approvals(self, plan: Mapping[str, Any]) -> list[Flowable]:
        """The plan's review by a colleague (toetsing): each submission and its decision, with
        the reviewer's comments."""
        lines = []
        for a in plan.get("approvals") or []:
            state = a.get("state")
            decided = {"day": day_of(a.get("decided_on")), "who": a.get("decided_by") or ""}
            line = self.t.text(
                "approval_submitted", day=day_of(a["submitted_on"]), who=a.get("submitted_by")
            )
            if a.get("note"):
                line += "<br/>" + self.t.text("approval_asked", what=a["note"])  # text() escapes
            if state == "submitted":
                line += " " + self.t.text("approval_waiting", day=day_of(a.get("due_on")))
            elif state in ("approved", "returned", "withdrawn") and decided["day"] is not None:
                line += " " + self.t.text(f"approval_{state}", **decided)
            notes = [markup(a.get("decision_note") or "")] if a.get("decision_note") else []
            notes += [
                self.t.text("approval_comment", what=c["label"].rstrip(". "))
                + f" {markup(c.get('text') or '')}"
                if c.get("label")
                else markup(c.get("text") or "")
                for c in a.get("comments") or []
            ]
            lines.append("<br/>".join([line, *(f"<i>{n}</i>" for n in notes)]))
        if not lines:
            return []
        return [
            *self.sub(self.t.text("label_approvals")),
            self.p(self.t.text("about_approvals"), "small"),
            *(self.p(line) for line in lines),
        ]

    def plan_lists(self, plan: Mapping[str, Any]) -> list[Flowable]:
        out: list[Flowable] = []
        goals = [
            f"<b>{self.who(g.get('who'))}</b>: {markup(g.get('text') or '')}"
            for g in plan.get("family_goals") or []
        ]
        roles = [
            f"<b>{self.who(r.get('who'))}</b>: {markup(r.get('role') or '')}"
            for r in plan.get("network") or []
        ]
        flags = [self.flag(f) for f in plan.get("red_flags") or []]
        for label, lines in (
            ("label_family_goals", goals),
            ("label_network_roles", roles),
            ("label_red_flags", flags),
        ):
            if lines:
                out += self.sub(self.t.text(label))
                out += [self.p(f"•&nbsp;{line}") for line in lines]
        return out

    def own_words(self, item: Mapping[str, Any]) -> str:
        """ "In your own words: …" under a statement or agreement the family put in their
        words ("" when they did not)."""
        words = item.get("family_words") or ""
        if not words:
            return ""
        return f"<br/><i>{self.t.text('in_own_words', what=words)}</i>"  # text() escapes

    def flag(self, flag: Mapping[str, Any]) -> str:
        sign = f"<b>{markup(flag.get('sign') or '')}</b>"
        watched = markup(", ".join(flag.get("watched_by") or []))
        return f"{sign} ({watched}) → {markup(flag.get('action') or '')}"

    def agreements(self, plan: Mapping[str, Any]) -> list[Flowable]:
        rows = []
        for a in plan.get("agreements") or []:
            where = ", ".join(x for x in (a.get("when") or "", a.get("where") or "") if x)
            what = markup(a.get("what") or "") + (f"<br/><i>{markup(where)}</i>" if where else "")
            what += self.own_words(a)
            parties = "<br/>".join(self.who(p.get("who")) for p in a.get("parties") or [])
            rows.append(
                [
                    what,
                    markup(a.get("check") or ""),
                    parties,
                    label_of(AgreementStatus, a.get("status")),
                ]
            )
        if not rows:
            return []
        heads = ("col_agreement", "col_check", "col_parties", "col_status")
        return [Spacer(1, 2 * mm), self.table(heads, rows, (68, 44, 32, 26))]

    def review(self, plan: Mapping[str, Any], review: Mapping[str, Any]) -> list[Flowable]:
        agreed = {a["lineage"]: a.get("what") or "" for a in plan.get("agreements") or []}
        rows = [
            [
                markup(agreed.get(r.get("agreement"), "")),
                label_of(Kept, r.get("kept")),
                markup(
                    "\n".join(
                        x
                        for x in (
                            r.get("note") or "",
                            r.get("reported_by") or "",
                            r.get("follow_up") or "",
                        )
                        if x
                    )
                ),
            ]
            for r in review.get("results") or []
        ]
        out: list[Flowable] = [
            Spacer(1, 2 * mm),
            *self.sub(self.t.text("label_review", day=day_of(review["date"]))),
            self.p(markup(review.get("note") or "")),
        ]
        if rows:
            out.append(self.table(("col_agreement", "col_result", "col_notes"), rows, (66, 22, 82)))
        return out

    # ---- the ZRM

    def zrm_part(self) -> list[Flowable]:
        return self.section("zrm", self.each("zrm_assessments", self.assessment), "none_zrm")

    def assessment(self, a: Mapping[str, Any]) -> list[Flowable]:
        person = self.persons.get(a.get("person"), "")
        heading = self.t.text("heading_assessment", person=person, day=day_of(a["date"]))
        rows = []
        for code, d in (a.get("domains") or {}).items():
            goal = (
                self.t.text("target", level=d["target_level"], day=day_of(d.get("target_date")))
                if d.get("target_level")
                else ""
            )
            name = markup(family_domain_name_of(code, builtin_matrices()))
            if d.get("focus"):
                name += f"<br/><i>{self.t.text('focus')}</i>"
            level = "" if d.get("level") is None else f"<b>{d['level']}</b>"
            rows.append([name, level, markup(d.get("note") or ""), goal])
        out: list[Flowable] = [
            *table_heading(heading, room=40 * mm),
            self.facts(
                [
                    ("label_assessor", markup(a.get("assessor") or "")),
                    ("label_matrix", markup(f"{a.get('matrix')} ({a.get('matrix_version')})")),
                    ("col_notes", markup(a.get("note") or "")),
                ]
            ),
        ]
        if rows:
            out.append(
                self.table(
                    ("col_domain", "col_level", "col_notes", "col_goal"), rows, (40, 14, 88, 28)
                )
            )
        return out

    # ---- meetings

    def meetings_part(self) -> list[Flowable]:
        return self.section("meetings", self.each("meetings", self.meeting), "none_meetings")

    def meeting(self, m: Mapping[str, Any]) -> list[Flowable]:
        title = f"{format_date_nl(day_of(m['date']))} — {markup(m.get('title') or '')}"
        people = ", ".join(
            p["name"] + (f" ({p['organisation']})" if p.get("organisation") else "")
            for p in m.get("participants") or []
        )
        follow = [self.follow_up(f) for f in m.get("follow_ups") or []]
        facts = [
            ("label_participants", markup(people)),
            ("label_question", markup(m.get("question") or "")),
            ("label_round", self.round(m)),
            ("col_notes", markup(m.get("notes") or "")),
            ("label_advice", markup(m.get("advice") or "")),
            ("label_decisions", markup(m.get("decisions") or "")),
            ("label_cheapest_help", markup(m.get("cheapest_help") or "")),
            ("label_follow_ups", "<br/>".join(follow)),
        ]
        return [*table_heading(title, room=40 * mm), self.facts(facts)]

    def follow_up(self, f: Mapping[str, Any]) -> str:
        about = [f.get("owner") or "", format_date_nl(day_of(f.get("due_on")))]
        state = self.t.text("done" if f.get("done") else "open")
        return (
            f"{markup(f.get('what') or '')} ({markup(', '.join(x for x in about if x))}; {state})"
        )

    def round(self, m: Mapping[str, Any]) -> str:
        lines = []
        for entry in m.get("round") or []:
            score = self.scores.get(entry.get("score"), {})
            who = markup(entry.get("participant") or "")
            reason = markup(score.get("reason") or "")
            lines.append(f"{who}: <b>{score.get('score', '')}</b> — {reason}")
        return "<br/>".join(lines)
