"""Statements as sentences, and gentle writing checks. Pure functions: no database, no Qt.

The sentence templates and the word lists (labels that are not behaviour, negative wording,
duration words) are data in `resources/framework/statements.json`, in Dutch and English; the
sentence follows `jeugdtool.i18n.current_language()`. What the consultant typed is inserted as a
value, never used as a template, so any text is safe. In Dutch the behaviour of a danger
statement goes after "dat" with its verb last (`dutch_clause.subordinate`); when the typed text
cannot be reordered, the sentence quotes it after a colon instead, which is always grammatical.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from functools import cache
from typing import Any

from jeugdtool import resources
from jeugdtool.folding import fold
from jeugdtool.framework.dutch_clause import singular_verb
from jeugdtool.framework.dutch_clause import subordinate
from jeugdtool.framework.dutch_clause import with_subject
from jeugdtool.framework.statement_dto import StatementParts
from jeugdtool.framework.vocab import PeriodUnit
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language
from jeugdtool.i18n import ngettext

RESOURCE = ("framework", "statements.json")
_TEMPLATE_KEYS = {
    "danger": (
        "worried_one",
        "worried_many",
        "worried_none",
        "example",
        "no_behaviour_one",
        "no_behaviour_many",
        "no_behaviour_none",
        "impact",
        "fallback_one",
        "fallback_many",
        "fallback_none",
    ),
    "harm": ("full", "behaviour_only", "impact_only"),
    "safety_goal": (
        "carers_one",
        "carers_many",
        "child",
        "child_alone",
        "professionals",
        "duration_after",
        "duration_alone",
    ),
}
_SPACE = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s.;,:]+$")
_WORD = re.compile(r"\w+(?:[-'/]\w+)*")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Hint:
    """One gentle writing suggestion: `field` is the part it is about ("" for the whole)."""

    code: str
    field: str
    message: str


@dataclass(frozen=True)
class StatementContext:
    """What a sentence or a check needs beyond the statement itself.

    None means "not known" (a check that needs it is skipped), as for a draft in a form.
    """

    #: Person id -> the name a sentence uses (the first name).
    names: Mapping[int, str] = field(default_factory=dict)
    #: The household's children (ids), for "het kind" / "de kinderen" when none is chosen.
    children: tuple[int, ...] = ()
    #: The parents' and carers' names, subject of a safety goal.
    carers: tuple[str, ...] = ()
    #: The moment's danger statements in order: (lineage, their children's ids).
    dangers: tuple[tuple[str, tuple[int, ...]], ...] | None = None
    #: Lineages of danger statements some safety goal pairs with.
    paired: frozenset[str] | None = None
    #: Lineages of the moment's safety goals.
    goals: frozenset[str] | None = None


EMPTY_CONTEXT = StatementContext()


# ---- the rules from resources --------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    templates: Mapping[str, Mapping[str, Any]]
    labels: tuple[tuple[str, re.Pattern[str]], ...]
    filler: frozenset[str]
    min_content_words: int
    negative: tuple[re.Pattern[str], ...]
    duration_words: frozenset[str]
    max_dangers: int


def _word_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in fold(phrase).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


@cache
def load_rules() -> Rules:
    """Read and check `statements.json`; a broken file raises ValueError naming the problem."""
    data = resources.load_json(*RESOURCE)
    templates = data["templates"]
    for language in ("nl", "en"):
        lang = templates.get(language)
        if lang is None:
            raise ValueError(f"statements.json: no templates for {language!r}")
        for group, keys in _TEMPLATE_KEYS.items():
            missing = [k for k in keys if k not in lang.get(group, {})]
            if missing:
                raise ValueError(f"statements.json: {language}.{group} lacks {missing}")
    checks = data["checks"]
    return Rules(
        templates=templates,
        labels=tuple((label, _word_pattern(label)) for label in checks["labels"]),
        filler=frozenset(fold(w) for w in checks["filler_words"]),
        min_content_words=int(checks["label_min_content_words"]),
        negative=tuple(re.compile(p) for p in checks["negative_patterns"]),
        duration_words=frozenset(fold(w) for w in checks["duration_words"]),
        max_dangers=int(checks["max_danger_statements"]),
    )


def _templates(language: str | None) -> Mapping[str, Any]:
    templates = load_rules().templates
    return templates.get(language or current_language()) or templates["nl"]


# ---- sentences ------------------------------------------------------------------------------


def clean_part(text: str | None) -> str:
    """One line, no trailing full stop or comma (the template adds its own)."""
    return _TRAILING.sub("", _SPACE.sub(" ", text or "").strip())


def _mid(text: str | None, t: Mapping[str, Any]) -> str:
    """A part placed inside a sentence: "De moeder drinkt" -> "de moeder drinkt"."""
    text = clean_part(text)
    first, _sep, rest = text.partition(" ")
    capitalised = first[:1].isupper() and not first.isupper()
    if capitalised and first.lower() in t["lowercase_first_words"]:
        return first[0].lower() + first[1:] + _sep + rest
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _child(
    children: Sequence[int], ctx: StatementContext, t: Mapping[str, Any], *, each: bool = False
) -> str:
    """The children a statement is about by name ("Noa en Daan"); none chosen: the only child
    by name, or "het kind" / "de kinderen". `each`: as the subject of a verb the consultant
    typed for one child ("gewond raakt"): Dutch "zowel Noa als Daan", "ieder kind" agree
    with it."""
    named = [clean_part(ctx.names.get(c)) for c in children]
    named = [n for n in named if n]
    if each and len(named) > 1 and "each_many" in t:
        return t["each_many"].format(names=", ".join(named[:-1]), last=named[-1])
    if named:
        return _join_with(named, t)
    if len(ctx.children) == 1 and clean_part(ctx.names.get(ctx.children[0])):
        return clean_part(ctx.names[ctx.children[0]])
    if len(ctx.children) > 1:
        return t["each_child"] if each and "each_child" in t else t["default_child_many"]
    return t["default_child_one"]


def _goal_child(parts: StatementParts, ctx: StatementContext, t: Mapping[str, Any]) -> str:
    children = dict(ctx.dangers or ()).get(parts.pairs_with or "", ())
    return _child(children, ctx, t, each=_singular(parts.child_will_experience, t))


def _singular(text: str, t: Mapping[str, Any]) -> bool:
    """Whether the child's part was typed with a verb for one child (Dutch only)."""
    return bool(t.get("verb_last")) and singular_verb(clean_part(text))


def period_text(amount: int | None, unit: str | None, language: str | None = None) -> str:
    """A safety goal's period in words ("3 maanden", "1 week"); "" when none is set."""
    if amount is None or unit is None:
        return ""
    try:
        code = PeriodUnit(unit).value
    except ValueError:
        return ""
    one, many = _templates(language)["periods"][code]
    return (one if amount == 1 else many).format(n=amount)


def _clause(subject: str, text: str, ctx: StatementContext, t: Mapping[str, Any]) -> str:
    """`subject` + `text` (typed without its subject) as a clause after "dat" / "zodat"."""
    if t.get("verb_last"):
        return with_subject(subject, text, _names_known(ctx))
    return f"{subject} {text}"


def _names_known(ctx: StatementContext) -> list[str]:
    return [n for n in (*ctx.names.values(), *ctx.carers) if n]


def sentence(
    parts: StatementParts, ctx: StatementContext = EMPTY_CONTEXT, language: str | None = None
) -> str:
    """The statement as the method phrases it; missing parts are left out, never invented."""
    t = _templates(language)
    kind = StatementType(parts.type)
    if kind is StatementType.DANGER:
        return _danger(parts, ctx, t)
    if kind is StatementType.HARM:
        return _harm(parts, ctx, t)
    if kind is StatementType.SAFETY_GOAL:
        return _safety_goal(parts, ctx, t, language)
    return clean_part(parts.text) + ("." if clean_part(parts.text) else "")


def _danger(parts: StatementParts, ctx: StatementContext, t: Mapping[str, Any]) -> str:
    d = t["danger"]
    who_list = [w for w in (clean_part(w) for w in parts.who_worried) if w]
    who = _join_with(who_list, t)
    behaviour, example, impact = _mid(parts.behaviour, t), _mid(parts.example, t), parts.impact
    many = "many" if len(who_list) > 1 else "one"
    if behaviour:
        reordered = subordinate(behaviour, _names_known(ctx)) if t.get("verb_last") else behaviour
        kind = "worried" if reordered is not None else "fallback"
        key = f"{kind}_{many}" if who else f"{kind}_none"
        first = d[key].format(who=who, behaviour=reordered or behaviour)
    elif who or example:
        first = d[f"no_behaviour_{many}" if who else "no_behaviour_none"].format(who=who)
    else:
        first = ""
    if first and example:
        first += d["example"].format(example=example)
    sentences = [_capital(first) + "."] if first else []
    if clean_part(impact):
        child = _child(parts.children, ctx, t, each=_singular(impact, t))
        sentences.append(d["impact"].format(clause=_clause(child, _mid(impact, t), ctx, t)))
    return " ".join(sentences)


def _join_with(names: Sequence[str], t: Mapping[str, Any]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t['and']} {names[-1]}"


def _harm(parts: StatementParts, ctx: StatementContext, t: Mapping[str, Any]) -> str:
    h = t["harm"]
    behaviour, impact = clean_part(parts.behaviour), _mid(parts.impact, t)
    child = _child(parts.children, ctx, t)
    if behaviour and impact:
        text = h["full"].format(behaviour=behaviour, child=child, impact=impact)
    elif behaviour:
        text = h["behaviour_only"].format(behaviour=behaviour)
    elif impact:
        text = h["impact_only"].format(child=child, impact=impact)
    else:
        return ""
    return _capital(text)


def _safety_goal(
    parts: StatementParts, ctx: StatementContext, t: Mapping[str, Any], language: str | None
) -> str:
    g = t["safety_goal"]
    carers_will = _mid(parts.carers_will, t)
    experience = _mid(parts.child_will_experience, t)
    seen = _mid(parts.professionals_will_see, t)
    duration = period_text(parts.sustained_amount, parts.sustained_unit, language) or _mid(
        parts.sustained_for, t
    )
    child = _goal_child(parts, ctx, t)
    sentences = []
    if carers_will:
        who_will = [w for w in (clean_part(w) for w in parts.who_will) if w]
        carers = who_will or [c for c in (clean_part(c) for c in ctx.carers) if c]
        many = "many" if len(carers) != 1 else "one"
        subject = _join_with(carers, t) if carers else t["default_carers"]
        first = g[f"carers_{many}"].format(carers=subject, carers_will=carers_will)
        if experience:
            first += g["child"].format(clause=_clause(child, experience, ctx, t))
        sentences.append(_capital(first) + ".")
    elif experience:
        first = g["child_alone"].format(child=child, child_will_experience=experience)
        sentences.append(_capital(first) + ".")
    if seen:
        second = g["professionals"].format(professionals_will_see=seen)
        if duration:
            second += g["duration_after"].format(sustained_for=duration)
        else:
            second += "."
        sentences.append(second)
    elif duration:
        sentences.append(g["duration_alone"].format(sustained_for=duration))
    return " ".join(sentences)


# ---- writing checks -------------------------------------------------------------------------


def find_label(text: str) -> str | None:
    """The first label ("huiselijk geweld") standing in for behaviour in `text`, if any.

    A label inside a concrete description ("vader slaat moeder; dat is huiselijk geweld") is
    fine: only a text with fewer than a few other meaningful words is flagged.
    """
    rules = load_rules()
    folded = fold(text or "")
    for label, pattern in rules.labels:
        if pattern.search(folded):
            rest = pattern.sub(" ", folded)
            for _other, other_pattern in rules.labels:
                rest = other_pattern.sub(" ", rest)
            content = [w for w in _WORD.findall(rest) if w not in rules.filler]
            if len(content) < rules.min_content_words:
                return label
    return None


def negative_words(text: str) -> str | None:
    """The negative wording ("niet meer", "stoppen met") in `text`, if any."""
    folded = fold(text or "")
    for pattern in load_rules().negative:
        match = pattern.search(folded)
        if match:
            return match.group(0)
    return None


def _is_vague_duration(text: str) -> bool:
    folded = fold(text)
    if _DIGIT.search(folded):
        return False
    return not any(w in load_rules().duration_words for w in _WORD.findall(folded))


def _blank(value: Any) -> bool:
    if isinstance(value, tuple):
        return not any(clean_part(v) if isinstance(v, str) else v is not None for v in value)
    return value is None or (isinstance(value, str) and not clean_part(value))


def check_statement(parts: StatementParts, ctx: StatementContext = EMPTY_CONTEXT) -> list[Hint]:
    """Gentle hints about one statement (saved or a draft); never blocks anything."""
    kind = StatementType(parts.type)
    if kind is StatementType.DANGER:
        return _check_danger(parts, ctx)
    if kind is StatementType.HARM:
        return _check_harm(parts)
    if kind is StatementType.SAFETY_GOAL:
        return _check_goal(parts, ctx)
    return _check_bottom_line(parts, ctx)


def _label_hints(parts: StatementParts, fields: Iterable[str]) -> list[Hint]:
    hints = []
    for name in fields:
        label = find_label(getattr(parts, name))
        if label is not None:
            message = _("Describe what happens instead of '{label}': who does what, when?")
            hints.append(Hint("label", name, message.format(label=label)))
    return hints


#: The parts each kind of statement asks for: (hint code, field, what the hint asks; marked
#: with `N_()`, translated when shown), in the order the hints are given.
_WANTED: Mapping[StatementType, tuple[tuple[str, str, str], ...]] = {
    StatementType.DANGER: (
        ("missing_who", "who_worried", N_("Who is worried? Name the people or organisations.")),
        (
            "missing_behaviour",
            "behaviour",
            N_("What do the carers do, or fail to do, that worries them? Describe it."),
        ),
        ("missing_child", "children", N_("Which child is this about?")),
        ("missing_impact", "impact", N_("What could happen to the child if nothing changes?")),
    ),
    StatementType.HARM: (
        ("missing_behaviour", "behaviour", N_("What happened? Who did what, and when?")),
        ("missing_child", "children", N_("Which child is this about?")),
        ("missing_impact", "impact", N_("What did it mean for the child?")),
    ),
    StatementType.SAFETY_GOAL: (
        ("missing_carers_will", "carers_will", N_("What will the parents or carers do?")),
        (
            "missing_child_will_experience",
            "child_will_experience",
            N_("What will the child experience?"),
        ),
        (
            "missing_professionals_will_see",
            "professionals_will_see",
            N_("What will professionals see?"),
        ),
    ),
    StatementType.BOTTOM_LINE: (
        ("missing_text", "text", N_("What is the minimum that must be in place?")),
        (
            "missing_set_by",
            "set_by",
            N_("Who set this bottom line? For example Veilig Thuis or the team."),
        ),
    ),
}


def _missing(parts: StatementParts) -> list[Hint]:
    """A hint for every part its kind of statement asks for that `parts` leaves blank."""
    return [
        Hint(code, name, _(message))
        for code, name, message in _WANTED[StatementType(parts.type)]
        if _blank(getattr(parts, name))
    ]


def _check_danger(parts: StatementParts, ctx: StatementContext) -> list[Hint]:
    hints = _missing(parts)
    hints[1:1] = _label_hints(parts, ("behaviour", "example"))
    lineage = getattr(parts, "lineage", None)
    if ctx.paired is not None and lineage is not None and lineage not in ctx.paired:
        hints.append(
            Hint(
                "no_safety_goal",
                "",
                _("No safety goal answers this danger statement yet: what will safety look like?"),
            )
        )
    if ctx.dangers is not None and len(ctx.dangers) > load_rules().max_dangers:
        order = [lin for lin, _child in ctx.dangers]
        if lineage is None or order.index(lineage) >= load_rules().max_dangers:
            hints.append(_too_many_dangers())
    return hints


def _too_many_dangers() -> Hint:
    limit = load_rules().max_dangers
    message = ngettext(
        "More than {max} danger statement: choose the most important one; depth over breadth.",
        "More than {max} danger statements: choose the most important ones; depth over breadth.",
        limit,
    )
    return Hint("too_many_dangers", "", message.format(max=limit))


def _check_harm(parts: StatementParts) -> list[Hint]:
    hints = _missing(parts)
    return _label_hints(parts, ("behaviour",)) + hints


def _check_goal(parts: StatementParts, ctx: StatementContext) -> list[Hint]:
    hints: list[Hint] = []
    dangers = None if ctx.dangers is None else {lin for lin, _child in ctx.dangers}
    if not parts.pairs_with or (dangers is not None and parts.pairs_with not in dangers):
        hints.append(
            Hint("unpaired_goal", "pairs_with", _("Pair this safety goal with a danger statement."))
        )
    hints += _missing(parts)
    for name in ("carers_will", "child_will_experience", "professionals_will_see"):
        words = negative_words(getattr(parts, name))
        if words is not None:
            message = _("Describe what will happen instead of what stops ('{words}').")
            hints.append(Hint("negative_wording", name, message.format(words=words)))
    has_period = parts.sustained_amount is not None and parts.sustained_unit is not None
    if not has_period and _blank(parts.sustained_for):
        hints.append(
            Hint(
                "no_duration",
                "sustained_amount",
                _("For how long must this be seen working? For example: 3 months."),
            )
        )
    elif not has_period:
        code = "vague_duration" if _is_vague_duration(parts.sustained_for) else "period_as_text"
        message = _(
            "Choose the period as a number of weeks or months (it says '{text}'), so the goal "
            "can be followed to closure."
        )
        hints.append(
            Hint(code, "sustained_amount", message.format(text=clean_part(parts.sustained_for)))
        )
    return hints


def _check_bottom_line(parts: StatementParts, ctx: StatementContext) -> list[Hint]:
    hints = _missing(parts)
    guards = [g for g in parts.guards if g]
    if not guards:
        hints.append(
            Hint("guards_nothing", "guards", _("Which safety goal does this bottom line guard?"))
        )
    elif ctx.goals is not None and any(g not in ctx.goals for g in guards):
        hints.append(
            Hint(
                "guards_unknown",
                "guards",
                _("This bottom line guards a safety goal that is no longer there."),
            )
        )
    return hints


def check_moment(statements: Sequence[StatementParts]) -> list[Hint]:
    """Hints about the statements of one moment as a whole."""
    dangers = [s for s in statements if StatementType(s.type) is StatementType.DANGER]
    if len(dangers) > load_rules().max_dangers:
        return [_too_many_dangers()]
    return []


def build_context(
    statements: Sequence[StatementParts],
    *,
    names: Mapping[int, str] | None = None,
    children: Sequence[int] = (),
    carers: Sequence[str] = (),
) -> StatementContext:
    """The context of one moment's statements (saved ones carry their lineage)."""
    dangers = tuple(
        (getattr(s, "lineage", ""), tuple(s.children))
        for s in statements
        if StatementType(s.type) is StatementType.DANGER
    )
    goals = [s for s in statements if StatementType(s.type) is StatementType.SAFETY_GOAL]
    return StatementContext(
        names=dict(names or {}),
        children=tuple(children),
        carers=tuple(carers),
        dangers=dangers,
        paired=frozenset(g.pairs_with for g in goals if g.pairs_with),
        goals=frozenset(getattr(g, "lineage", "") for g in goals),
    )
