"""The rules of help deployed, pure (no session): what a help item may hold, and the warnings
that serve the cheapest adequate help (seed §5.7).

The services call these inside their transaction and add what needs the database (the person
belongs to the case, the category is in its list); the dialog calls the same functions for
feedback while typing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from functools import partial
from typing import Any
from typing import Protocol

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import clean_row
from jeugdtool.errors import collect
from jeugdtool.framework import special_rules
from jeugdtool.i18n import _
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.dto import HelpWarning
from jeugdtool.outcomes.products import ProductList
from jeugdtool.outcomes.vocab import DecidedBy
from jeugdtool.outcomes.vocab import HelpUnit

MAX_TEXT = 5000
MAX_NAME = 200
#: A key of what help serves: a goal's lineage (32) or "zrm:" and a domain code (40).
MAX_KEY = 60
#: More than any real cost per unit (a week of secure residential care is some € 10,000).
MAX_CENTS = 100_000_000
MAX_UNITS = 100_000
#: What a help item must have when it is added.
REQUIRED = ("product_list", "category", "starts_on", "decided_by")

SAME_KIND_TWICE = "same_kind_twice"
SERVES_NOTHING = "serves_nothing"
PAST_PLANNED_END = "past_planned_end"

_EUROS = re.compile(r"^\s*(?:€\s*)?(\d{1,7})(?:[.,](\d{1,2}))?\s*$")


# ---- single fields ----------------------------------------------------------------------------


def _person(field: str, value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise InvalidInput.at(field, _("Choose a member of this household, or the household."))


def _code(field: str, value: Any, label: str) -> str:
    return v.text(field, value, label=label, max_len=40, required=True)


def _whole(field: str, value: Any, *, label: str, low: int, high: int) -> int | None:
    """A whole number from `low` to `high`, or None (not given)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        message = _("{label} must be a whole number from {low} to {high}.")
        raise InvalidInput.at(field, message.format(label=label, low=low, high=high))
    return value


def _cents(field: str, value: Any) -> int | None:
    """A cost per unit in cents (the screen turns "12,50" into 1250: `cents_from_text`)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_CENTS:
        message = _("The cost per unit must be an amount from € 0,00 to {max}.")
        raise InvalidInput.at(field, message.format(max=format_cents(MAX_CENTS)))
    return value


def _serves(field: str, value: Any) -> tuple[str, ...]:
    """The goal and domain keys, each once, in the order given."""
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInput.at(field, _("Choose the goals this help serves from the list."))
    keys: dict[str, None] = {}
    for key in value:
        if not isinstance(key, str) or not key.strip() or len(key.strip()) > MAX_KEY:
            raise InvalidInput.at(field, _("Choose the goals this help serves from the list."))
        keys[key.strip()] = None
    return tuple(keys)


def _unit(field: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(v.choice(field, value, HelpUnit, _("Unit")).value)


def _decided_by(field: str, value: Any) -> str:
    if value is None or value == "":
        raise InvalidInput.at(field, _("Say who decided on this help."))
    return str(v.choice(field, value, DecidedBy, _("Decided by")).value)


def _rules(today: dt.date) -> dict[str, Any]:
    return {
        "person_id": _person,
        "product_list": lambda f, x: _code(f, x, _("Product list")),
        "category": lambda f, x: _code(f, x, _("Kind of help")),
        "description": lambda f, x: v.text(f, x, label=_("Description"), max_len=MAX_TEXT),
        "provider": lambda f, x: v.text(f, x, label=_("Provider"), max_len=MAX_NAME),
        "starts_on": lambda f, x: v.date(f, x, label=_("Start date"), required=True),
        "planned_end": lambda f, x: v.date(f, x, label=_("Planned end")),
        "ended_on": lambda f, x: v.date(f, x, label=_("Ended on"), not_after=today),
        "intensity": lambda f, x: v.text(f, x, label=_("Intensity"), max_len=MAX_NAME),
        "decided_by": _decided_by,
        "unit": _unit,
        "unit_cost_cents": _cents,
        "units": lambda f, x: _whole(f, x, label=_("Number of units"), low=1, high=MAX_UNITS),
        "serves": _serves,
        "special_category": special_rules.check_category,
    }


def clean_help(
    fields: Mapping[str, Any], *, new: bool, today: dt.date | None = None
) -> dict[str, Any]:
    """Each field of a help item through its rule, every problem at once. `new`: the fields
    a new item needs (kind, start, who decided) must be there. What needs the whole item (the
    dates' order, the cost) is `check_item`."""
    return clean_row(fields, _rules(today or dt.date.today()), REQUIRED, new=new)


# ---- the whole item ---------------------------------------------------------------------------


def _before_start(label: str, end: str, start: str) -> str:
    message = _("{label} {end} lies before the start {start}; check both dates.")
    return message.format(label=label, end=end, start=start)


def check_item(
    values: Mapping[str, Any], lists: Mapping[str, ProductList], *, kind: bool = True
) -> None:
    """The rules across fields of an item as it will be saved (its columns): the kind is in
    its list (unless `kind` is False), the end dates are not before the start, a cost has
    its unit."""
    starts = values.get("starts_on")
    with collect() as problems:
        if kind:
            problems.check(check_kind, values.get("product_list"), values.get("category"), lists)
        for field, label in (("planned_end", _("The planned end")), ("ended_on", _("The end"))):
            end = values.get(field)
            if end is not None:
                problems.check(v.not_before, field, end, starts, partial(_before_start, label))
        if values.get("unit_cost_cents") is not None and values.get("unit") is None:
            problems.add(
                Problem("unit", _("Say what one unit is (hour, day part, …) for the cost."))
            )


def check_kind(product_list: Any, category: Any, lists: Mapping[str, ProductList]) -> None:
    """The kind of help is a code of a product list in use."""
    found = lists.get(str(product_list))
    if found is None:
        message = _("The product list '{id}' is not known here; choose a kind of help again.")
        raise InvalidInput.at("product_list", message.format(id=product_list))
    if found.product(str(category)) is None:
        message = _("'{code}' is not a kind of help in the list {name}; choose one from it.")
        raise InvalidInput.at("category", message.format(code=category, name=found.name))


# ---- money ----------------------------------------------------------------------------------


def cents_from_text(text: str, field: str = "unit_cost_cents") -> int | None:
    """An amount in euros as typed ("12,50", "€ 80", "7.5") in cents; None when empty."""
    if not text.strip():
        return None
    match = _EUROS.match(text)
    if match is None:
        message = _("'{text}' is not an amount in euros; write it as 12,50.")
        raise InvalidInput.at(field, message.format(text=text.strip()[:40]))
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))


def format_cents(cents: int | None, *, whole: bool = False) -> str:
    """€ 1.234,50 as Dutch readers write amounts (like dates, in every language of the program),
    or € 1.235 in `whole` euros; empty for None. The sign and the amount never wrap apart."""
    if cents is None:
        return ""
    if whole:
        return "€\u00a0" + f"{(cents + 50) // 100:,}".replace(",", ".")  # half a euro up
    euros = f"{cents // 100:,}".replace(",", ".")
    return f"€\u00a0{euros},{cents % 100:02d}"


class Costed(Protocol):
    """Anything with a help item's cost: a DTO on a screen, a fact the indicators count."""

    @property
    def unit_cost_cents(self) -> int | None: ...
    @property
    def units(self) -> int | None: ...


def total_cents(item: Costed) -> int | None:
    """The planned cost of an item (per unit times units); None when either is not known."""
    if item.unit_cost_cents is None or item.units is None:
        return None
    return item.unit_cost_cents * item.units


# ---- warnings -------------------------------------------------------------------------------


def running(item: HelpItemDTO, today: dt.date) -> bool:
    """Started by `today` and not ended on or before it."""
    return item.starts_on <= today and (item.ended_on is None or item.ended_on > today)


def warnings(
    items: Sequence[HelpItemDTO], goal_keys: Collection[str], today: dt.date
) -> list[HelpWarning]:
    """What deserves a second look, in the items' order: the same kind of help running twice
    for one person (or the household), help that is not ended and serves none of the case's
    current goals (`goal_keys`), help past its planned end and not ended (the planned end
    itself is not past)."""
    twice = _running_twice(items, today)
    found: list[HelpWarning] = []
    for item in items:
        label = item.category_label
        if item.id in twice:
            message = _(
                "{kind} runs more than once at the same time for the same person: is one enough?"
            )
            found.append(HelpWarning(item.id, SAME_KIND_TWICE, message.format(kind=label)))
        ended = item.ended_on is not None and item.ended_on <= today
        if not ended and not set(item.serves) & set(goal_keys):
            message = _("{kind} serves none of the current goals: say which goal it serves.")
            found.append(HelpWarning(item.id, SERVES_NOTHING, message.format(kind=label)))
        if item.ended_on is None and item.planned_end is not None and item.planned_end < today:
            message = _("{kind} was planned to end on {date}: end it, or plan a new end.")
            date = v.format_date_nl(item.planned_end)
            found.append(
                HelpWarning(item.id, PAST_PLANNED_END, message.format(kind=label, date=date))
            )
    return found


def _running_twice(items: Iterable[HelpItemDTO], today: dt.date) -> set[int]:
    """The ids of running items that share their person and kind with another running one."""
    groups: defaultdict[tuple[Any, ...], list[int]] = defaultdict(list)
    for item in items:
        if running(item, today):
            groups[(item.person_id, item.product_list, item.category)].append(item.id)
    return {item_id for ids in groups.values() if len(ids) > 1 for item_id in ids}
