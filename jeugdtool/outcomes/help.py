"""Services for help deployed: the help per case (for whom, what kind, by whom, from when to
when, at what cost, serving which goals), part of the one plan, and its warnings.

Only an open case changes (`ensure_open`). Items keep their order with positions 1, 2, 3 …;
removing one closes the gap and returns a snapshot that `restore_help` (undo) puts back where it
was, with its own id. The audit trail records every change (HelpItem is Tracked).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import collect
from jeugdtool.framework import plan_approval
from jeugdtool.framework import plan_approval_rules
from jeugdtool.framework import plan_policy
from jeugdtool.framework._common import move_to
from jeugdtool.framework._common import open_row
from jeugdtool.i18n import _
from jeugdtool.outcomes import help_rules as rules
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.dto import HelpOverview
from jeugdtool.outcomes.dto import HelpWarning
from jeugdtool.outcomes.dto import ServeChoice
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.products import ProductList
from jeugdtool.outcomes.products import category_label
from jeugdtool.outcomes.products import lists_in
from jeugdtool.outcomes.reading import current_goals
from jeugdtool.outcomes.reading import person_label
from jeugdtool.outcomes.vocab import DecidedBy
from jeugdtool.store import org_settings
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.library import matrices_in
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore

#: The prefix of a ZRM focus domain among what help serves ("zrm:finances").
ZRM_PREFIX = "zrm:"


# ---- reading --------------------------------------------------------------------------------


def _dto(row: HelpItem, lists: Mapping[str, ProductList]) -> HelpItemDTO:
    label = category_label(lists, row.product_list, row.category)
    return as_dto(HelpItemDTO, row, category_label=label, serves=tuple(row.serves))


def _items(uow: UnitOfWork, case_id: int) -> list[HelpItem]:
    return in_order(uow, HelpItem, HelpItem.household_id == case_id)


def list_help(uow: UnitOfWork, case_id: int) -> list[HelpItemDTO]:
    """The help of a case, in its order."""
    with uow:
        get(uow, Household, case_id)
        lists = lists_in(uow)
        return [_dto(row, lists) for row in _items(uow, case_id)]


# ---- checking -------------------------------------------------------------------------------


def _for_label(uow: UnitOfWork, case_id: int, person_id: int | None) -> str:
    """Who the help is for as named now: the member's name, or the household."""
    if person_id is None:
        return _("Household")
    person = uow.session.get(Person, person_id)
    if person is None or person.household_id != case_id:
        raise InvalidInput.at(
            "person_id", _("Choose a member of this household, or the household.")
        )
    return person_label(person)[: rules.MAX_NAME]


def _with_default_decision(
    fields: Mapping[str, Any], lists: Mapping[str, ProductList]
) -> dict[str, Any]:
    """Freely accessible help needs no decision: its kind says so when nobody did."""
    out = dict(fields)
    found = lists.get(str(out.get("product_list", "")))
    product = found.product(str(out.get("category", ""))) if found else None
    if not out.get("decided_by") and product is not None and product.free_access:
        out["decided_by"] = DecidedBy.FREE_ACCESS.value
    return out


#: The columns `check_item` reads beside the required ones.
_CROSS = ("planned_end", "ended_on", "unit", "unit_cost_cents")


def _columns(row: HelpItem | None) -> dict[str, Any]:
    if row is None:
        return {}
    return {name: getattr(row, name) for name in rules.REQUIRED + _CROSS}


def _clean(
    uow: UnitOfWork, case_id: int, fields: Mapping[str, Any], row: HelpItem | None
) -> dict[str, Any]:
    """The fields as columns, checked alone, then (when each is fine) the person and the item
    they make as a whole; the problems of each round at once."""
    lists = lists_in(uow)
    given = _with_default_decision(fields, lists) if row is None else dict(fields)
    clean = rules.clean_help(given, new=row is None)
    # An old item's kind is not checked again: a newer shipped list may have dropped it.
    kind = row is None or "product_list" in clean or "category" in clean
    with collect() as problems:
        problems.check(rules.check_item, {**_columns(row), **clean}, lists, kind=kind)
        if "person_id" in clean:
            with problems.catching():
                clean["for_label"] = _for_label(uow, case_id, clean["person_id"])
    return clean


# ---- changing -------------------------------------------------------------------------------


def check_plan_approved(uow: UnitOfWork, case_id: int, today: dt.date | None = None) -> None:
    """Inside an open unit of work: InvalidInput when the organisation adds help only to a case
    with an approved plan and this case's plan is not approved
    (`plan_approval_rules.help_gate_problem`)."""
    if not plan_policy.read_setting(uow, org_settings.HELP_NEEDS_APPROVED_PLAN):
        return
    status = plan_approval.status_in(uow, case_id, today)
    plan_approval_rules.check_help_allowed(status, required=True)


def help_gate(uow: UnitOfWork, case_id: int, today: dt.date | None = None) -> str:
    """Why help cannot be added to the case now ("" when it can): for the help page, before
    anyone types (the same rule `add_help` applies)."""
    with uow:
        required = bool(plan_policy.read_setting(uow, org_settings.HELP_NEEDS_APPROVED_PLAN))
        if not required:
            return ""
        status = plan_approval.status_in(uow, case_id, today)
    problem = plan_approval_rules.help_gate_problem(status, required)
    return problem.message if problem is not None else ""


def add_help(uow: UnitOfWork, case_id: int, fields: Mapping[str, Any]) -> Outcome[HelpItemDTO]:
    """Add help to an open case, at the end of its list.

    `fields`: `product_list` and `category` (the kind, from a product list), `starts_on` and
    `decided_by` (vocab.DecidedBy; for freely accessible help it may be left out) are needed;
    `person_id` (None: the household), `description`, `provider`, `planned_end`, `ended_on`,
    `intensity`, `unit` (vocab.HelpUnit), `unit_cost_cents`, `units`, `serves` (goal lineages
    and "zrm:<domain>") are optional.

    When the organisation asks for an approved plan first (plan_policy), help is refused
    (InvalidInput, field "plan", naming what to do) until the case's plan is approved.
    """
    with uow:
        ensure_open(uow, case_id)
        check_plan_approved(uow, case_id)
        clean = _clean(uow, case_id, {"person_id": None, **fields}, None)
        position = len(_items(uow, case_id)) + 1
        row = HelpItem(household_id=case_id, position=position, **clean)
        uow.session.add(row)
        return committed(uow, lambda: _dto(row, lists_in(uow)))


def update_help(
    uow: UnitOfWork,
    item_id: int,
    changes: Changes,
    *,
    expected: HelpItemDTO | Mapping[str, Any] | None = None,
) -> Outcome[HelpItemDTO]:
    """Change fields of a help item of an open case. `expected` (undo/redo): the item as the
    caller last saw it (a DTO), or the values of the fields it changes; when someone else
    changed it since, ConflictError and nothing changes."""
    with uow:
        row = open_row(uow, HelpItem, item_id)
        lists = lists_in(uow)
        if isinstance(expected, HelpItemDTO):
            ensure_as_seen(_dto(row, lists), expected, ignore=("category_label",))
        clean = _clean(uow, row.household_id, changes, row)
        field_values = None if isinstance(expected, HelpItemDTO) else _as_columns(expected)
        apply(row, clean, expected=field_values)
        return committed(uow, lambda: _dto(row, lists))


def _as_columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Undo's field values as the columns hold them (an enum's value, serves as a tuple)."""
    if expected is None:
        return None
    out = {}
    for key, value in expected.items():
        if key == "category_label":
            continue
        out[key] = tuple(value) if key == "serves" else getattr(value, "value", value)
    return out


def move_help(
    uow: UnitOfWork, item_id: int, position: int, *, expected: Mapping[str, Any] | None = None
) -> Outcome[HelpItemDTO]:
    """Put a help item at `position` (1 = first; clamped). `expected` (undo/redo):
    {"position": where the caller left it}; ConflictError when it moved since."""
    with uow:
        row = open_row(uow, HelpItem, item_id)
        apply(row, {}, expected=expected)
        move_to(_items(uow, row.household_id), row, position)
        return committed(uow, lambda: _dto(row, lists_in(uow)))


def remove_help(
    uow: UnitOfWork, item_id: int, *, expected: HelpItemDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a help item; `restore_help` puts it back. `expected`: the item as the caller
    last saw it (undo/redo; its place aside); when someone else changed it, ConflictError."""
    with uow:
        row = open_row(uow, HelpItem, item_id)
        ensure_as_seen(_dto(row, lists_in(uow)), expected, ignore=("position", "category_label"))
        case_id = row.household_id
        taken = snapshot.remove(uow, row)
        snapshot.close_gap(_items(uow, case_id))
        uow.flush()
        return Outcome(taken, uow.commit())


def restore_help(uow: UnitOfWork, taken: Snapshot) -> Outcome[HelpItemDTO]:
    """Put a removed help item back where it was, with its own id (undo of `remove_help`), if
    the case is still open (and the person it is for still in it: else ConflictError)."""
    with uow:
        case_id = taken.values["household_id"]
        ensure_open(uow, case_id)
        row = snapshot.put_back_at(uow, taken, lambda: _items(uow, case_id))
        return committed(uow, lambda: _dto(row, lists_in(uow)))  # type: ignore[arg-type]


# ---- what help can serve, and the warnings ---------------------------------------------------


def _goal_choices(uow: UnitOfWork, case_id: int) -> list[ServeChoice]:
    return [
        ServeChoice(lineage, text or _("(safety goal without text)"))
        for lineage, text in current_goals(uow, case_id)
    ]


def _newest_assessments(uow: UnitOfWork, case_id: int) -> list[ZrmAssessment]:
    """Each person's newest assessment (any matrix), in the household's order of persons."""
    newest: dict[int, ZrmAssessment] = {}
    query = (
        select(ZrmAssessment)
        .where(ZrmAssessment.household_id == case_id)
        .order_by(ZrmAssessment.assessed_on, ZrmAssessment.id)
    )
    for assessment in uow.session.scalars(query):
        newest[assessment.person_id] = assessment
    return list(newest.values())


def _zrm_choices(uow: UnitOfWork, case_id: int) -> list[ServeChoice]:
    """The focus domains of each person's newest assessment, one choice per domain naming the
    persons whose focus it is."""
    assessments = _newest_assessments(uow, case_id)
    if not assessments:
        return []
    names = {
        p.id: p.first_name
        for p in uow.session.scalars(select(Person).where(Person.household_id == case_id))
    }
    who: dict[str, list[str]] = {}
    query = (
        select(ZrmDomainScore)
        .where(
            ZrmDomainScore.assessment_id.in_([a.id for a in assessments]),
            ZrmDomainScore.focus.is_(True),
        )
        .order_by(ZrmDomainScore.position, ZrmDomainScore.id)
    )
    person_of = {a.id: a.person_id for a in assessments}
    for score in uow.session.scalars(query):
        name = names.get(person_of[score.assessment_id], "")
        who.setdefault(score.domain, []).append(name)
    matrices = tuple(matrices_in(uow).values())
    label = _("ZRM: {domain} ({persons})")
    return [
        ServeChoice(
            ZRM_PREFIX + domain,
            label.format(domain=domain_name(domain, matrices), persons=", ".join(persons)),
        )
        for domain, persons in who.items()
    ]


def _choices_in(uow: UnitOfWork, case_id: int) -> list[ServeChoice]:
    get(uow, Household, case_id)
    return _goal_choices(uow, case_id) + _zrm_choices(uow, case_id)


def serve_choices(uow: UnitOfWork, case_id: int) -> list[ServeChoice]:
    """What help can serve: the safety goals of the case's newest mapping moment (key: the
    goal's lineage), then the ZRM focus domains of each person's newest assessment
    ("zrm:<domain>")."""
    with uow:
        return _choices_in(uow, case_id)


def help_overview(uow: UnitOfWork, case_id: int, *, today: dt.date | None = None) -> HelpOverview:
    """The help of a case, its warnings on `today` (default: today; `help_rules.warnings`) and
    what help can serve, from one transaction: a page that shows all three never pairs a list
    with warnings about another moment's items."""
    with uow:
        choices = _choices_in(uow, case_id)
        lists = lists_in(uow)
        items = [_dto(row, lists) for row in _items(uow, case_id)]
    keys = {choice.key for choice in choices}
    warnings = rules.warnings(items, keys, today or dt.date.today())
    return HelpOverview(tuple(items), tuple(warnings), tuple(choices))


def help_warnings(
    uow: UnitOfWork, case_id: int, *, today: dt.date | None = None
) -> list[HelpWarning]:
    """The warnings about the help of a case on `today` (default: today); see
    `help_rules.warnings`."""
    return list(help_overview(uow, case_id, today=today).warnings)
