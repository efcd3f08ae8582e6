"""The case file schema's errors in the user's language, chosen by the schema's own `x-message`.

Each `pattern` or `format` in `case.schema.json` has an `"x-message"` key beside it naming one
of the messages below (an id also lists its `"x-id-prefixes"`); inside a `not`, the key names
the message for a value that matches. The message is never guessed from the regex, so editing
a pattern cannot silently change what the user reads. `check_case_schema` refuses a schema with
a pattern or format that names no message (at start-up and when the validator is built).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING
from typing import Any

from jeugdtool import resources
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.export.paths import clipped
from jeugdtool.export.paths import json_path
from jeugdtool.export.paths import shown as _shown
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

if TYPE_CHECKING:  # the check at start-up needs no jsonschema
    from jsonschema import ValidationError

SCHEMA_FILE = ("schemas", "case.schema.json")
#: A date's shape in a case file; such a text that is still no date does not exist.
DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CaseSchemaError(JeugdtoolError):
    """The shipped case file schema is broken (a packaging or editing error): names the places."""


# ---------------------------------------------------------------- messages named by x-message

Node = Mapping[str, Any]


def _date(value: Any, node: Node) -> str:
    if isinstance(value, str) and DATE_SHAPE.match(value):
        return _("'{text}' does not exist as a date. Check the day and month.").format(
            text=clipped(value)
        )
    return _("{value} is not a date (yyyy-mm-dd).").format(value=_shown(value))


def _id(value: Any, node: Node) -> str:
    prefixes = node["x-id-prefixes"]
    if len(prefixes) == 1:
        return _("{value} is not a valid id; use {prefix}1, {prefix}2, … in order.").format(
            value=_shown(value), prefix=prefixes[0]
        )
    examples = ", ".join(f"{prefix}1" for prefix in prefixes)
    return _("{value} is not a valid id; use an id such as {examples}.").format(
        value=_shown(value), examples=examples
    )


def _with_shown(message: str) -> Callable[[Any, Node], str]:
    """`message` (marked with `N_`) with the value as a schema error shows it as its {value}."""
    return lambda value, node: _(message).format(value=_shown(value))


def _with_text(message: str) -> Callable[[Any, Node], str]:
    """`message` (marked with `N_`) with the value's text, clipped, as its {value}."""
    return lambda value, node: _(message).format(value=clipped(str(value)))


def _as_is(message: str) -> Callable[[Any, Node], str]:
    """`message` (marked with `N_`), whatever the value."""
    return lambda value, node: _(message)


#: x-message -> the message for a value that breaks the pattern or format beside it.
SHAPE_MESSAGES: dict[str, Callable[[Any, Node], str]] = {
    "date": _date,
    "date-time": _with_shown(
        N_("{value} is not a date and time with offset (yyyy-mm-ddThh:mm:ss+01:00).")
    ),
    "email": _with_text(
        N_("E-mail address '{value}' is not valid. It looks like name@example.nl.")
    ),
    "not-blank": _as_is(N_("must not be empty or only spaces.")),
    "case-number": _with_text(
        N_(
            "Case number '{value}' may only contain letters, digits, '-', '/' and '.', "
            "for example 2026-0012."
        )
    ),
    "id": _id,
    "one-line": _as_is(N_("must be on one line, without line breaks or other control characters.")),
    "code": _with_text(
        N_(
            "'{value}' is not a code of a product list: use letters, digits, '.', '_' and '-', "
            "for example 45 or VV05."
        )
    ),
    "serves": _with_shown(
        N_(
            "{value} is neither a safety goal's lineage (S1, S2, …) nor a ZRM domain "
            "(zrm:financien)."
        )
    ),
    "time": _with_shown(N_("{value} is not a time of day (hh:mm, for example 09:30).")),
}


# ---------------------------------------------------------------- the schema names them all


def message_faults(schema: Any, where: str = "") -> Iterator[str]:
    """Each place in `schema` (a JSON pointer) whose pattern or format names no known message,
    or whose id message lists no prefixes."""
    if isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from message_faults(item, f"{where}/{index}")
        return
    if not isinstance(schema, dict):
        return
    name = schema.get("x-message")
    shaped = isinstance(schema.get("pattern"), str) or isinstance(schema.get("format"), str)
    if name is None and shaped:
        yield _("{place}: this pattern or format names no message (x-message).").format(
            place=where or "/"
        )
    elif name is not None and name not in SHAPE_MESSAGES:
        yield _("{place}: unknown message {name}; known are: {known}.").format(
            place=where or "/", name=_shown(name), known=", ".join(SHAPE_MESSAGES)
        )
    elif name == "id" and not _prefixes_ok(schema.get("x-id-prefixes")):
        yield _('{place}: an id message needs x-id-prefixes, a list such as ["p"].').format(
            place=where or "/"
        )
    for key, value in schema.items():
        yield from message_faults(value, f"{where}/{key}")


def _prefixes_ok(prefixes: Any) -> bool:
    return (
        isinstance(prefixes, list)
        and bool(prefixes)
        and all(isinstance(p, str) and p for p in prefixes)
    )


def check_messages(schema: Any) -> None:
    """Raise `CaseSchemaError` naming every pattern or format of `schema` without a message."""
    faults = list(message_faults(schema))
    if faults:
        raise CaseSchemaError(
            _(
                "The case file schema {path} is damaged; reinstall jeugdtool or undo the edit."
            ).format(path=resources.path(*SCHEMA_FILE))
            + "\n"
            + "\n".join(faults)
        )


@cache
def check_case_schema() -> None:
    """The shipped schema, checked once (`check_messages`); start-up calls it."""
    check_messages(resources.load_json(*SCHEMA_FILE))


# ---------------------------------------------------------------- one schema error, in Dutch


def _type_name(name: str) -> str:
    names = {
        "string": _("text"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "boolean": _("true or false"),
        "null": "null",
        "object": _("an object {…}"),
        "array": _("a list […]"),
    }
    return names.get(name, name)


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _type_message(error: ValidationError) -> str:
    wanted = error.validator_value
    wanted = [wanted] if isinstance(wanted, str) else list(wanted)
    expected = _type_name(wanted[0])
    for other in wanted[1:]:
        expected = _("{first} or {second}").format(first=expected, second=_type_name(other))
    return _("must be {expected}, not {found}.").format(
        expected=expected, found=_type_name(_type_of(error.instance))
    )


def _shape_message(error: ValidationError, node: Node) -> str:
    """pattern, format, minLength and not: the message `node` (the schema object holding the
    failed keyword, or the `not`'s own schema) names."""
    if error.validator == "minLength" and not error.instance:
        return SHAPE_MESSAGES["not-blank"](error.instance, node)
    message = SHAPE_MESSAGES.get(node.get("x-message", ""))
    if message is None:  # a minLength above 1 without a message of its own
        return _("{value} does not have the expected form.").format(value=_shown(error.instance))
    return message(error.instance, node)


def _name_problems(error: ValidationError, where: list[Any]) -> list[Problem]:
    """required and additionalProperties: one problem per missing or unknown key."""
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return [Problem(json_path([*where, k]), _("required field is missing.")) for k in missing]
    known = error.schema.get("properties", {})
    if not where:
        message = _(
            "unknown part; if the file comes from a newer jeugdtool, update jeugdtool first."
        )
    elif where[-1] == "cells":
        message = _("unknown cell; the cells are: {cells}.").format(
            cells=", ".join(cell.value for cell in Cell)
        )
    else:
        message = _("unknown field; remove it.")
    return [Problem(json_path([*where, k]), message) for k in error.instance if k not in known]


def _value_message(error: ValidationError) -> str:
    """The message for a value that breaks one keyword of its schema."""
    kind = error.validator
    if kind == "type":
        return _type_message(error)
    if kind == "enum":
        allowed = ", ".join(a if isinstance(a, str) else _shown(a) for a in error.validator_value)
        return _("{value} is not allowed here; choose one of: {allowed}.").format(
            value=_shown(error.instance), allowed=allowed
        )
    if kind == "const":
        return _("must be {expected}.").format(expected=_shown(error.validator_value))
    if kind in ("pattern", "format", "minLength"):
        return _shape_message(error, error.schema)
    refused = error.validator_value
    if kind == "not" and isinstance(refused, dict) and "x-message" in refused:
        return _shape_message(error, refused)
    if kind == "maxLength":
        return _("is too long: at most {max} characters, now {n}.").format(
            max=error.validator_value, n=len(error.instance)
        )
    if kind in ("minimum", "maximum"):
        return _("must be a whole number from {low} to {high}, not {value}.").format(
            low=error.schema.get("minimum"), high=error.schema.get("maximum"), value=error.instance
        )
    if kind == "uniqueItems":
        return _("has the same entry twice; keep one.")
    return _("is not valid here.")


def schema_problems(error: ValidationError) -> list[Problem]:
    """One jsonschema error as problems at their JSON paths, in the user's language."""
    where = list(error.absolute_path)
    if error.validator in ("required", "additionalProperties"):
        return _name_problems(error, where)
    return [Problem(json_path(where), _value_message(error))]
