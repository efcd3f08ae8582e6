"""The safety plan's rules, pure (no session): what a network entry, a red flag and a review may
hold, who counts as the same person, and what the SMART check of an agreement reads.

The services call these inside their transaction and add their database checks (does the person
belong to the case, is the agreement part of the version); the dialogs call the same functions
for inline feedback while typing; the PDF and the version comparison ask `person_key` who is who.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.folding import fold_key
from jeugdtool.framework import smart
from jeugdtool.framework import special_rules
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

MAX_TEXT = 5000
MAX_NAME = 200

#: A field's rule: (field name as reported, value) -> the clean value, or InvalidInput.
Rule = Callable[[str, Any], Any]


def clean_fields(
    changes: Mapping[str, Any], rules: Mapping[str, Rule], prefix: str = ""
) -> dict[str, Any]:
    """Each field through its rule, every problem raised at once; a field without a rule is a
    problem too (it cannot be changed here). `prefix` goes before reported field names."""
    clean: dict[str, Any] = {}
    with collect() as problems:
        for field, value in changes.items():
            rule = rules.get(field)
            if rule is None:
                message = _("'{field}' cannot be changed here.").format(field=field)
                problems.add(Problem(prefix + field, message))
                continue
            with problems.catching():
                clean[field] = rule(prefix + field, value)
    return clean


# ---- who is who -------------------------------------------------------------------------------


def person_key(source: Source) -> tuple[str, int | str]:
    """The same person across rows and versions: a household or network member by id, anyone
    else by name (case, accents and spacing ignored)."""
    kind = SourceKind(source.kind)
    if kind is SourceKind.PERSON and source.person_id is not None:
        return (kind.value, source.person_id)
    if kind is SourceKind.NETWORK and source.network_id is not None:
        return (kind.value, source.network_id)
    return (kind.value, fold_key(source.label))


def same_person(a: Source, b: Source) -> bool:
    return person_key(a) == person_key(b)


def same_people(a: Sequence[Source], b: Sequence[Source]) -> bool:
    """The same people, in any order."""
    return sorted(map(person_key, a), key=repr) == sorted(map(person_key, b), key=repr)


# ---- the safety network -----------------------------------------------------------------------

#: Who can be in the safety network: not the consultant (a professional supports the network,
#: the network is the family's own people).
NETWORK_KINDS = frozenset({SourceKind.PERSON, SourceKind.NETWORK, SourceKind.OTHER})


def _who_is_it() -> str:
    return _(
        "Say who is in the safety network: a household member, someone of the case's network, "
        "or someone else by name."
    )


def _family_source(field: str, value: Any, who: Callable[[], str]) -> Source:
    """`value` if it names someone of the family or the network (not the consultant); else the
    problem `who()` says: the safety network and the family's goals ask it in their own words."""
    if not isinstance(value, Source) or value.kind not in NETWORK_KINDS:
        raise InvalidInput(Problem(field, who()))
    if value.kind == SourceKind.OTHER and not value.label.strip():  # the others go by id
        raise InvalidInput(Problem(field, who()))
    return value


def _network_source(field: str, value: Any) -> Source:
    return _family_source(field, value, _who_is_it)


def network_role(changes: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """A safety network entry's `source` (a Source), `role` and `told_on` (not after today)."""
    return clean_fields(
        changes,
        {
            "source": _network_source,
            "role": lambda f, x: v.text(
                f, x, label=_("Role in the safety network"), max_len=MAX_TEXT
            ),
            "told_on": lambda f, x: v.date(
                f, x, label=_("Told the worries and goals on"), not_after=today
            ),
        },
    )


def new_network_role(fields: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """`network_role` for a new entry: saying who it is is required."""
    if "source" not in fields:
        raise InvalidInput(Problem("source", _who_is_it()))
    return network_role(fields, today)


def duplicate_in_network(
    source: Source, network: Iterable[tuple[int, Source]], except_id: int | None = None
) -> Problem | None:
    """A problem when `source` already has an entry (id, who) in the network (but `except_id`)."""
    for entry_id, known in network:
        if entry_id != except_id and same_person(known, source):
            return Problem(
                "source",
                _(
                    "{name} is already in the safety network of this plan. Describe all "
                    "of their roles in that one entry."
                ).format(name=known.label),
            )
    return None


# ---- the family's own goals ------------------------------------------------------------------


def _who_said_it() -> str:
    return _(
        "Say who in the family said this goal: a household member, someone of the case's "
        "network, or someone else by name."
    )


def _goal_source(field: str, value: Any) -> Source:
    """Who said the goal: as for the safety network, not the consultant (it is the family's)."""
    return _family_source(field, value, _who_said_it)


def _no_goal_text() -> Problem:
    return Problem("text", _("Write the goal as the family says it."))


def _goal_text(field: str, value: Any) -> str:
    text = v.text(field, value, label=_("The family's goal"), max_len=MAX_TEXT)
    if not text:
        raise InvalidInput(_no_goal_text())
    return text


def family_goal(changes: Mapping[str, Any]) -> dict[str, Any]:
    """A goal of the family's own: its `text` (required, in their words), `source` (a
    Source: who said it — a household member, a network member or someone else by name) and
    `special_category` (its mark, `special_rules.check_category`)."""
    return clean_fields(
        changes,
        {
            "source": _goal_source,
            "text": _goal_text,
            "special_category": special_rules.check_category,
        },
    )


def new_family_goal(fields: Mapping[str, Any]) -> dict[str, Any]:
    """`family_goal` for a new one: the text and who said it are both required."""
    clean: dict[str, Any] = {}
    with collect() as problems:
        with problems.catching():
            clean = family_goal(fields)
        if "text" not in fields:
            problems.add(_no_goal_text())
        if "source" not in fields:
            problems.add(Problem("source", _who_said_it()))
    return clean


def family_words(field: str, value: Any) -> str:
    """A statement or agreement as the family says it ("": its own words are used)."""
    return v.text(field, value, label=_("In the family's own words"), max_len=MAX_TEXT)


# ---- red flags --------------------------------------------------------------------------------


def watchers(field: str, value: Any) -> tuple[str, ...]:
    """Names of who watches, once each; a single text counts as one name per line."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.splitlines()
    names: dict[str, str] = {}
    for name in value:
        if not isinstance(name, str):
            raise InvalidInput(Problem(field, _("Give the names of who watches as text.")))
        for part in name.replace("\x00", "").splitlines():
            part = part.strip()
            if len(part) > MAX_NAME:
                raise InvalidInput(
                    Problem(
                        field,
                        _("The name '{name}…' is too long: at most {max} characters.").format(
                            name=part[:30], max=MAX_NAME
                        ),
                    )
                )
            if part:
                names.setdefault(fold_key(part), part)  # "Aicha" and "Aïcha": one watcher
    return tuple(names.values())


def _no_action() -> Problem:
    return Problem(
        "action",
        _(
            "Say what the network does when they see this sign (what then?): a red flag "
            "without it protects nobody."
        ),
    )


def red_flag_action(field: str, value: Any) -> str:
    """What the network does when they see the sign: required (a red flag is a plan for then)."""
    text = v.text(field, value, label=_("What they do when they see it"), max_len=MAX_TEXT)
    if not text.strip():
        raise InvalidInput(_no_action())
    return text


def red_flag(changes: Mapping[str, Any]) -> dict[str, Any]:
    """A red flag's `sign` (required), `watched_by` (names) and `action` (required)."""
    return clean_fields(
        changes,
        {
            "sign": lambda f, x: v.text(
                f, x, label=_("Sign to watch for"), max_len=MAX_TEXT, required=True
            ),
            "watched_by": watchers,
            "action": red_flag_action,
        },
    )


def new_red_flag(fields: Mapping[str, Any]) -> dict[str, Any]:
    """`red_flag` for a new one: the sign and what then are required."""
    clean: dict[str, Any] = {}
    with collect() as problems:
        with problems.catching():
            clean = red_flag(fields)
        if "sign" not in fields:
            problems.add(
                Problem(
                    "sign", _("Describe the sign the network watches for: what would they see?")
                )
            )
        if "action" not in fields:
            problems.add(_no_action())
    return clean


def shorten(text: str, limit: int = 60) -> str:
    """`text` on one line, at most `limit` characters with the "…", cut after a whole word; a
    first word longer than that is cut inside (nothing better is possible)."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    room = max(limit - 1, 1)
    cut = text[:room]
    if text[room] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return (cut.rstrip(" ,;:.-") or cut) + "…"


# ---- reviews ----------------------------------------------------------------------------------


def review_date_passed(due: dt.date | None, today: dt.date) -> bool:
    """The plan's next review date lies before `today` (False when the plan names none)."""
    return due is not None and due < today


def review_overdue(due: dt.date | None, last_review_on: dt.date | None, today: dt.date) -> bool:
    """The one rule for "the review is overdue" (the case list's alert, the plan PDF's
    warning): the plan's next review date (`due`) has passed and no review was held on or
    after it (`last_review_on`: the case's last review, None when it had none)."""
    return review_date_passed(due, today) and (last_review_on is None or last_review_on < due)


def review_held_on(value: Any, finalised_on: dt.date | None, today: dt.date) -> dt.date:
    """The date of a review: required, not in the future, not before the plan was finalised."""
    held_on = v.date(
        "held_on", value, label=_("Date of the review"), required=True, not_after=today
    )
    assert held_on is not None
    if finalised_on is not None and held_on < finalised_on:
        raise InvalidInput(
            Problem(
                "held_on",
                _(
                    "A review cannot lie before the plan was finalised ({date}). Check the date."
                ).format(date=v.format_date_nl(finalised_on)),
            )
        )
    return held_on


def review_note(field: str, value: Any) -> str:
    return v.text(field, value, label=_("Note"), max_len=MAX_TEXT)


def review_result(changes: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """How one agreement was kept (`kept`), a `note`, who reported it and a follow-up."""
    return clean_fields(
        changes,
        {
            "kept": lambda f, x: v.choice(f, x, Kept, _("How it was kept")).value,
            "note": review_note,
            "reported_by": lambda f, x: v.text(f, x, label=_("Reported by"), max_len=MAX_NAME),
            "follow_up": lambda f, x: v.text(f, x, label=_("Follow-up"), max_len=MAX_TEXT),
        },
        prefix,
    )


# ---- agreements -------------------------------------------------------------------------------


def _what(field: str, value: Any) -> str:
    what = v.text(field, value, label=_("What will be done"), max_len=MAX_TEXT)
    if not what:
        raise InvalidInput(Problem(field, _("Say what exactly will be done.")))
    return what


def _text(label: str, max_len: int = MAX_TEXT) -> Rule:
    return lambda f, x: v.text(f, x, label=label, max_len=max_len)


def _served(field: str, value: Any) -> tuple[str, ...]:
    """The lineages of the statements served (one text counts as one)."""
    return tuple(
        str(s).strip()
        for s in ([value] if isinstance(value, str) else value or ())
        if str(s).strip()
    )


def _status(field: str, value: Any) -> AgreementStatus:
    try:
        return AgreementStatus(value)
    except ValueError:
        message = _("'{value}' is not a valid choice.").format(value=value)
        raise InvalidInput(Problem(field, message)) from None


def agreement(changes: Mapping[str, Any]) -> dict[str, Any]:
    """An agreement's own fields (the people it names aside), as the DTO holds them: dates may
    be typed."""
    return clean_fields(
        changes,
        {
            "what": _what,
            "when": _text(_("When or how often")),
            "where": _text(_("Where or in which situation")),
            "check": _text(_("How we will know it happened")),
            "checked_by": _text(_("Who checks"), MAX_NAME),
            "start_on": lambda f, x: v.date(f, x, label=_("Start date")),
            "due_on": lambda f, x: v.date(f, x, label=_("Deadline")),
            "review_on": lambda f, x: v.date(f, x, label=_("Review date")),
            "serves": _served,
            "status": _status,
            "realistic_confirmed": lambda f, x: bool(x),
            "special_category": special_rules.check_category,
            "family_words": family_words,
        },
    )


def new_agreement(fields: Mapping[str, Any]) -> dict[str, Any]:
    """`agreement` for a new one: saying what will be done is required."""
    if "what" not in fields:
        raise InvalidInput(Problem("what", _("Say what exactly will be done.")))
    return agreement(fields)


# ---- what the SMART check reads ---------------------------------------------------------------


def in_force(status: AgreementStatus) -> bool:
    """Lapsed agreements are no longer part of what is agreed: they add to nobody's load."""
    return status is not AgreementStatus.LAPSED


def smart_draft(
    *,
    what: str,
    who: Sequence[str],
    when: str,
    due_on: dt.date | None,
    start_on: dt.date | None,
    where: str,
    check: str,
    checked_by: str,
    status: AgreementStatus,
    review_on: dt.date | None,
    accepted_by_all: bool,
    realistic_confirmed: bool,
    plan: PlanVersionDTO | None,
    others: Iterable[AgreementDTO],
) -> smart.AgreementDraft:
    """The SMART checker's view of one agreement, saved or being typed.

    `others`: the version's other agreements. The load per person counts the agreements in
    force that name them, this one included (each agreement once per person); the review date
    is the agreement's own, else the plan's next review.
    """
    load: dict[str, int] = {}
    named = [a.who for a in others if in_force(a.status)]
    if in_force(status):
        named.append(tuple(who))
    for names in named:
        for name in dict.fromkeys(n for n in names if n):
            load[name] = load.get(name, 0) + 1
    return smart.AgreementDraft(
        what=what,
        who=tuple(who),
        when=when,
        due=due_on,
        start=start_on,
        where=where,
        check=check,
        checked_by=checked_by,
        accepted_by_all=accepted_by_all,
        realistic_confirmed=realistic_confirmed,
        load_per_person=load,
        review_date=review_on or (plan.next_review_on if plan is not None else None),
    )


#: What `smart_draft` reads of a saved agreement: its AgreementDTO attributes of these names.
_DRAFT_FIELDS = (
    "what",
    "who",
    "when",
    "due_on",
    "start_on",
    "where",
    "check",
    "checked_by",
    "status",
    "review_on",
    "accepted_by_all",
    "realistic_confirmed",
)


def saved_smart_draft(
    agreement: AgreementDTO, plan: PlanVersionDTO, agreements: Iterable[AgreementDTO]
) -> smart.AgreementDraft:
    """`smart_draft` of a saved agreement among the version's `agreements`."""
    return smart_draft(
        **{name: getattr(agreement, name) for name in _DRAFT_FIELDS},
        plan=plan,
        others=(o for o in agreements if o.id != agreement.id),
    )
