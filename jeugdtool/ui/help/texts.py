"""How a help item reads on screen: for whom, its kind, its cost, what it serves, and which
item a warning is about. Plain functions over the DTOs (no Qt), shared by the page and the
meeting's summary."""

from __future__ import annotations

import html
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.dto import HelpWarning
from jeugdtool.outcomes.dto import ServeChoice
from jeugdtool.outcomes.help_rules import format_cents
from jeugdtool.outcomes.vocab import DecidedBy
from jeugdtool.outcomes.vocab import HelpUnit


def for_whom(item: HelpItemDTO) -> str:
    """The person as named when the help was recorded, or the household as a whole."""
    if item.for_label:
        return item.for_label
    return _("The whole household") if item.person_id is None else _("(someone removed)")


def kind(item: HelpItemDTO) -> str:
    """The category's label, with what exactly when given ("Jeugdhulp ambulant: Triple P")."""
    label = item.category_label or item.category
    return f"{label}: {item.description}" if item.description.strip() else label


def decided_by(item: HelpItemDTO) -> str:
    try:
        return DecidedBy(item.decided_by).label
    except ValueError:  # a value of a newer jeugdtool: show it as stored
        return item.decided_by


def unit_label(unit: str | None) -> str:
    try:
        return HelpUnit(unit).label if unit else ""
    except ValueError:
        return unit or ""


def cost(item: HelpItemDTO) -> str:
    """'€ 95,00 per hour × 20 = € 1.900,00', as far as it is known ('' when no cost)."""
    if item.unit_cost_cents is None:
        return ""
    per = format_cents(item.unit_cost_cents)
    if item.unit:
        per = _("{amount} per {unit}").format(amount=per, unit=unit_label(item.unit))
    if item.units is None:
        return per
    total = format_cents(item.unit_cost_cents * item.units)
    return _("{per} × {units} = {total}").format(per=per, units=item.units, total=total)


def planned_end(item: HelpItemDTO) -> str:
    """The planned end; an item that ended says when instead."""
    if item.ended_on is not None:
        return _("ended {date}").format(date=format_date_nl(item.ended_on))
    return format_date_nl(item.planned_end) if item.planned_end else _("not planned")


def serves(item: HelpItemDTO, choices: Mapping[str, str]) -> list[str]:
    """What the item serves, as the choices name it (a goal no longer on the map by its key's
    kind: it still counts as served)."""
    return [choices.get(key) or gone_label(key) for key in item.serves]


def gone_label(key: str) -> str:
    if key.startswith("zrm:"):
        return _("ZRM: {domain}").format(domain=key.removeprefix("zrm:"))
    return _("a goal no longer on the map")


def choice_labels(choices: Iterable[ServeChoice]) -> dict[str, str]:
    return {choice.key: choice.label for choice in choices}


def item_name(item: HelpItemDTO) -> str:
    """Which item, in a line of its own: 'Daan: Jeugdhulp ambulant'."""
    return _("{whom}: {kind}").format(
        whom=for_whom(item), kind=item.category_label or item.category
    )


def in_item_order(
    warnings: Sequence[HelpWarning], items: Sequence[HelpItemDTO]
) -> list[tuple[HelpWarning, HelpItemDTO | None]]:
    """The warnings in the order of the items they are about (by kind within one item), each
    with its item (None: not among `items`)."""
    by_id = {item.id: item for item in items}
    order = {item.id: n for n, item in enumerate(items)}
    ranked = sorted(warnings, key=lambda w: (order.get(w.item_id, len(order)), w.kind))
    return [(warning, by_id.get(warning.item_id)) for warning in ranked]


def warning_html(warnings: list[HelpWarning], items: list[HelpItemDTO]) -> list[str]:
    """One line per warning: who it is for (a link that selects the item) and what is wrong."""
    lines = []
    for warning, item in in_item_order(warnings, items):
        whom = html.escape(for_whom(item)) if item is not None else ""
        link = f'<a href="{warning.item_id}">{whom}</a>' if whom else ""
        lines.append(
            _("⚠ {whom}: {message}").format(whom=link, message=html.escape(warning.message))
        )
    return lines


def details_html(item: HelpItemDTO, choices: dict[str, str]) -> str:
    """The selected item in full, as the table cannot show it at every width."""
    e = html.escape
    parts = [f"<b>{e(kind(item))}</b> — {e(for_whom(item))}"]
    facts = [
        (_("Provider"), item.provider),
        (_("Period"), _period(item)),
        (_("Intensity"), item.intensity),
        (_("Decided by"), decided_by(item)),
        (_("Cost"), cost(item)),
    ]
    for label, value in facts:
        if value:
            parts.append(f"{e(label)}: {e(value)}")
    served = serves(item, choices)
    if served:  # each goal on a line of its own: they are sentences
        parts.append(e(_("Serves:")) + "".join(f"<br>• {e(goal)}" for goal in served))
    else:
        label, nothing = _("Serves"), _("nothing chosen")
        parts.append(f"{e(label)}: {e(nothing)}")
    return "<br>".join(parts)


def _period(item: HelpItemDTO) -> str:
    start = format_date_nl(item.starts_on)
    if item.ended_on is not None:
        return _("{start} to {end} (ended)").format(start=start, end=format_date_nl(item.ended_on))
    if item.planned_end is not None:
        end = format_date_nl(item.planned_end)
        return _("{start} to {end} (planned)").format(start=start, end=end)
    return _("from {start}, end not planned yet").format(start=start)


def brief(item: HelpItemDTO) -> tuple[str, str, str]:
    """An item in a few words: (for whom, its kind, "provider, until when, how much")."""
    facts = [item.provider, _until(item), item.intensity]
    kind = item.category_label or item.category  # what exactly: on the help page
    return for_whom(item), kind, ", ".join(fact for fact in facts if fact)


def _until(item: HelpItemDTO) -> str:
    if item.ended_on is not None:
        return _("ended {date}").format(date=format_date_nl(item.ended_on))
    if item.planned_end is not None:
        return _("until {date}").format(date=format_date_nl(item.planned_end))
    return _("since {date}").format(date=format_date_nl(item.starts_on))


def warning_texts(warnings: Sequence[HelpWarning], items: Sequence[HelpItemDTO]) -> list[str]:
    """Each warning as a line naming who the help is for, in the order of the items."""
    lines = []
    for warning, item in in_item_order(warnings, items):
        whom = for_whom(item) if item is not None else ""
        lines.append(_("⚠ {whom}: {message}").format(whom=whom, message=warning.message))
    return lines


def plain_lines(items: Sequence[HelpItemDTO], warnings: Sequence[HelpWarning]) -> list[str]:
    """The help in a few lines of plain text, then its warnings (the meeting's big screen)."""
    lines = []
    for item in items:
        whom, kind, rest = brief(item)
        lines.append(f"• {whom}: {kind}" + (f" — {rest}" if rest else ""))
    return lines + warning_texts(warnings, items)
