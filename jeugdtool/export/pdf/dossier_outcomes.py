"""The outcome parts of the access-request dossier (export/pdf/dossier.py): the help the family
received, how the help ended (the goals' outcome and each family member's own answers) and help
that started again. Plain Dutch (B1): the template's `outcome_*`, `further_*`, `ended_*` and
`start_*` blocks say in the family's words what the consultant's choices mean.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Spacer

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import LabelledEnum
from jeugdtool.export.pdf.base import table_heading
from jeugdtool.export.pdf.dossier_parts import Pieces
from jeugdtool.export.pdf.dossier_parts import day_of
from jeugdtool.export.pdf.dossier_parts import label_of
from jeugdtool.export.pdf.texts import markup
from jeugdtool.outcomes.help_rules import format_cents
from jeugdtool.outcomes.vocab import DecidedBy
from jeugdtool.outcomes.vocab import EndedAs
from jeugdtool.outcomes.vocab import EndedEarlyBy
from jeugdtool.outcomes.vocab import FurtherHelp
from jeugdtool.outcomes.vocab import GoalOutcome
from jeugdtool.outcomes.vocab import HelpUnit
from jeugdtool.outcomes.vocab import NewStartKind
from jeugdtool.zrm.definitions import builtin_matrices
from jeugdtool.zrm.definitions import family_domain_name_of

#: A goal's words in the help's "helps with" line are cut after this many characters.
GOAL_WORDS = 90
#: The experience's answers, in the form's order (case file keys).
QUESTIONS = ("heard", "helped", "knows_what_to_do")


class OutcomeParts(Pieces):
    """The parts "help", "closing" and "new start" of the dossier."""

    def family_word(self, prefix: str, enum: type[LabelledEnum], value: str | None) -> str:
        """The template's plain word for a choice (block `<prefix>_<value>`); a value a newer
        program wrote, which the template does not know, as its label."""
        if not value:
            return ""
        known = {member.value for member in enum}
        return self.t.text(f"{prefix}_{value}") if value in known else label_of(enum, value)

    # ---- the help

    def help_part(self) -> list[Flowable]:
        rows = [self.help_row(item) for item in self.doc.get("help") or []]
        heads = ("col_for_whom", "col_help", "col_provider", "col_period", "col_decided")
        table = [self.table(heads, rows, (28, 62, 30, 30, 20))] if rows else []
        return self.section("help", table, "none_help")

    def help_row(self, item: Mapping[str, Any]) -> list[str]:
        kind = self.d.help_kinds.get(f"{item['product_list']}:{item['category']}")
        what = [f"<b>{markup(kind or item['category'])}</b>"]
        what += [markup(x) for x in (item.get("description"), item.get("intensity")) if x]
        cost = self.cost(item)
        if cost:
            what.append(f"<i>{cost}</i>")
        serves = self.serves(item.get("serves") or [])
        if serves:
            what.append(f"<i>{self.t.text('label_serves', what=serves)}</i>")
        return [
            markup(self.for_whom(item)),
            "<br/>".join(what),
            markup(item.get("provider") or ""),
            self.period(item),
            label_of(DecidedBy, item.get("decided_by")),
        ]

    def for_whom(self, item: Mapping[str, Any]) -> str:
        named = item.get("for_label") or self.persons.get(item.get("person"), "")
        return named or self.t.plain("whole_family")

    def period(self, item: Mapping[str, Any]) -> str:
        lines = [self.t.text("help_from", day=day_of(item["starts_on"]))]
        if item.get("ended_on"):
            lines.append(self.t.text("help_ended", day=day_of(item["ended_on"])))
        elif item.get("planned_end"):
            lines.append(self.t.text("help_until", day=day_of(item["planned_end"])))
        return "<br/>".join(lines)

    def cost(self, item: Mapping[str, Any]) -> str:
        cents, unit = item.get("unit_cost_cents"), item.get("unit")
        if cents is None or not unit:
            return ""
        each = self.t.text("cost_each", amount=format_cents(cents), unit=label_of(HelpUnit, unit))
        units = item.get("units")
        return each if units is None else self.t.text("cost_units", each=each, units=units)

    def serves(self, keys: list[str]) -> str:
        """What the help is for: the safety goals' words (cut short) and the ZRM subjects."""
        # By lineage, the same goal in every mapping moment: the latest moment's words.
        goals = {s["lineage"]: s.get("text") or "" for s in self.doc.get("statements") or []}
        shown: list[str] = []
        for key in keys:
            if key.startswith("zrm:"):
                shown.append(family_domain_name_of(key.removeprefix("zrm:"), builtin_matrices()))
            elif goals.get(key):
                text = goals[key]
                cut = text if len(text) <= GOAL_WORDS else text[:GOAL_WORDS].rsplit(" ", 1)[0]
                shown.append(f"“{cut}{'' if cut == text else ' …'}”")
        return markup("; ".join(shown))

    # ---- the closing

    def closing_part(self) -> list[Flowable]:
        return self.section("closing", self.each("closings", self.closing), "none_closing")

    def closing(self, c: Mapping[str, Any]) -> list[Flowable]:
        title = self.t.text("heading_closed", day=day_of(c["closed_on"]))
        ended = self.family_word("ended", EndedAs, c.get("ended_as"))
        if c.get("ended_early_by"):
            early = self.family_word("early_by", EndedEarlyBy, c["ended_early_by"])
            ended = f"{ended} {early}"
        further = self.family_word("further", FurtherHelp, c.get("further_help"))
        detail = markup(c.get("further_help_detail") or "")
        out: list[Flowable] = [
            *table_heading(title, room=50 * mm),
            self.facts(
                [
                    ("label_closed_why", markup(c.get("reason") or "")),
                    ("label_goals_outcome", self.goal_word(c.get("goals_outcome"))),
                    ("label_further_help", "<br/>".join(x for x in (further, detail) if x)),
                    ("label_ended_as", ended),
                    ("label_reopened", format_date_nl(day_of(c.get("reopened_on")))),
                ]
            ),
        ]
        out += self.goal_outcomes(c.get("goal_outcomes") or [])
        out += self.experiences(c.get("experiences") or [])
        return out

    def goal_word(self, value: str | None) -> str:
        return self.family_word("outcome", GoalOutcome, value)

    def goal_outcomes(self, outcomes: list[Mapping[str, Any]]) -> list[Flowable]:
        if not outcomes:
            return []
        rows = [
            [markup(o.get("text") or ""), f"<b>{self.goal_word(o.get('outcome'))}</b>"]
            for o in outcomes
        ]
        return [
            Spacer(1, 2 * mm),
            *self.sub(self.t.text("label_per_goal")),
            self.table(("col_safety_goal", "col_reached"), rows, (130, 40)),
        ]

    def experiences(self, answers: list[Mapping[str, Any]]) -> list[Flowable]:
        if not answers:
            return []
        rows = [
            [
                f"<b>{markup(a.get('respondent') or '')}</b>",
                *(self.answer(a.get(q)) for q in QUESTIONS),
                markup(a.get("comment") or ""),
            ]
            for a in answers
        ]
        heads = ("col_respondent", "question_heard", "question_helped", "question_knows")
        # One family's answers on one page, where they fit (a few lines each).
        return [
            Spacer(1, 2 * mm),
            KeepTogether(
                [
                    self.p(f"<b>{self.t.text('label_experiences')}</b>"),
                    self.p(self.t.text("about_experiences"), "small"),
                    self.table((*heads, "col_comment"), rows, (32, 28, 28, 32, 50)),
                ]
            ),
        ]

    def answer(self, value: int | None) -> str:
        return self.t.text("answer", value=value) if value is not None else self.t.text("no_answer")

    # ---- new starts

    def new_starts_part(self) -> list[Flowable]:
        rows = [self.start_row(s) for s in self.doc.get("new_starts") or []]
        heads = ("col_date", "col_what_happened", "col_child", "col_confirmed_by")
        table = [self.table(heads, rows, (24, 86, 30, 30))] if rows else []
        return self.section("new_starts", table, "none_new_starts")

    def start_row(self, s: Mapping[str, Any]) -> list[str]:
        closings = {c["id"]: c["closed_on"] for c in self.doc.get("closings") or []}
        what = self.family_word("start", NewStartKind, s.get("kind"))
        after = closings.get(s.get("previous_closing"))
        # Another case's closing is never named (access_request.for_family): only "before".
        when = (
            self.t.text("start_after", day=day_of(after))
            if after
            else self.t.text("start_after_earlier")
        )
        child = self.persons.get(s.get("person"), "") or self.t.plain("whole_family")
        return [
            format_date_nl(day_of(s["date"])),
            f"{what}<br/><i>{when}</i>",
            markup(child),
            markup(s.get("confirmed_by") or ""),
        ]
