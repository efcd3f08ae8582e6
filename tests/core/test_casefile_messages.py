"""Case file messages come from the schema's `x-message` keys, never from its regexes."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest

from jeugdtool import resources
from jeugdtool.export import casecheck
from jeugdtool.export.casecheck import build_validator
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.schema_messages import SCHEMA_FILE
from jeugdtool.export.schema_messages import SHAPE_MESSAGES
from jeugdtool.export.schema_messages import CaseSchemaError
from jeugdtool.export.schema_messages import check_case_schema
from jeugdtool.export.schema_messages import message_faults
from jeugdtool.i18n import _


def _schema() -> dict[str, Any]:
    return copy.deepcopy(resources.load_json(*SCHEMA_FILE))


def _demo() -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", "01-jansen.json")))


def _shaped(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object with a pattern or format, with its JSON pointer."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _shaped(item, f"{where}/{index}")
    elif isinstance(node, dict):
        if isinstance(node.get("pattern"), str) or isinstance(node.get("format"), str):
            yield where, node
        for key, value in node.items():
            yield from _shaped(value, f"{where}/{key}")


def _node(schema: dict[str, Any], pointer: str) -> dict[str, Any]:
    node: Any = schema
    for part in pointer.strip("/").split("/"):
        node = node[part]
    return node  # type: ignore[no-any-return]


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node: Any = doc
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value


def _messages(doc: dict[str, Any]) -> dict[str, str]:
    return {p.field: p.message for p in validate_case_document(doc)}


# ---------------------------------------------------------------- every pattern has a message


def test_every_pattern_and_format_of_the_shipped_schema_names_a_known_message() -> None:
    shaped = list(_shaped(_schema()))
    assert len(shaped) > 30  # the walk reaches every part of the schema
    assert [where for where, node in shaped if node.get("x-message") not in SHAPE_MESSAGES] == []
    assert list(message_faults(_schema())) == []
    check_case_schema()  # what start-up runs: no error


def test_every_id_message_suggests_ids_its_pattern_accepts() -> None:
    ids = [(where, node) for where, node in _shaped(_schema()) if node["x-message"] == "id"]
    assert len(ids) > 20
    for where, node in ids:
        for prefix in node["x-id-prefixes"]:
            assert re.search(node["pattern"], f"{prefix}1"), where
            assert re.search(node["pattern"], f"{prefix}12"), where


def test_a_pattern_without_its_message_is_refused() -> None:
    schema = _schema()
    del _node(schema, "/$defs/person/properties/id")["x-message"]
    with pytest.raises(CaseSchemaError) as caught:
        build_validator(schema)
    assert "/$defs/person/properties/id" in str(caught.value)
    assert "x-message" in str(caught.value)
    assert str(resources.path(*SCHEMA_FILE)) in str(caught.value)


def test_a_format_without_its_message_is_refused() -> None:
    schema = _schema()
    del _node(schema, "/$defs/network_member/properties/email")["x-message"]
    faults = list(message_faults(schema))
    assert len(faults) == 1 and "/$defs/network_member/properties/email" in faults[0]


@pytest.mark.parametrize(
    ("change", "place"),
    [
        ({"x-message": "case_number"}, "/$defs/household/properties/case_number"),
        ({"x-message": "id", "x-id-prefixes": []}, "/$defs/person/properties/id"),
        ({"x-message": "id", "x-id-prefixes": None}, "/$defs/person/properties/id"),
    ],
    ids=["unknown message", "no prefixes", "prefixes missing"],
)
def test_a_message_the_program_does_not_know_is_refused(change: dict[str, Any], place: str) -> None:
    schema = _schema()
    node = _node(schema, place)
    node.update(change)
    if change["x-message"] == "id" and change.get("x-id-prefixes") is None:
        del node["x-id-prefixes"]
    with pytest.raises(CaseSchemaError) as caught:
        build_validator(schema)
    assert place in str(caught.value)


# ---------------------------------------------------------------- the same Dutch messages


def _expected(name: str, value: str) -> str:
    """The message a user reads for `value`, spelt out from the source strings."""
    texts = {
        "not-a-date": _("{value} is not a date (yyyy-mm-dd).").format(value=f"'{value}'"),
        "no-such-date": _("'{text}' does not exist as a date. Check the day and month.").format(
            text=value
        ),
        "date-time": _(
            "{value} is not a date and time with offset (yyyy-mm-ddThh:mm:ss+01:00)."
        ).format(value=f"'{value}'"),
        "email": _("E-mail address '{value}' is not valid. It looks like name@example.nl.").format(
            value=value
        ),
        "not-blank": _("must not be empty or only spaces."),
        "case-number": _(
            "Case number '{value}' may only contain letters, digits, '-', '/' and '.', "
            "for example 2026-0012."
        ).format(value=value),
        "person-id": _("{value} is not a valid id; use {prefix}1, {prefix}2, … in order.").format(
            value=f"'{value}'", prefix="p"
        ),
        "statement-id": _("{value} is not a valid id; use an id such as {examples}.").format(
            value=f"'{value}'", examples="h1, d1, g1, b1"
        ),
        "one-line": _("must be on one line, without line breaks or other control characters."),
    }
    return texts[name]


SHAPES = [
    # (where in 01-jansen.json, the value, the path of the problem, which message)
    ("persons.2.birth_date", "14-05-2016", "persons[2].birth_date", "not-a-date"),
    ("persons.2.birth_date", "2016-02-30", "persons[2].birth_date", "no-such-date"),
    ("exported_at", "2026-11-20T09:00:00", "exported_at", "date-time"),
    ("network.2.email", "k@hoekstra", "network[2].email", "email"),
    ("household.name", "   ", "household.name", "not-blank"),
    ("household.case_number", "-2026 0001", "household.case_number", "case-number"),
    ("persons.0.id", "17", "persons[0].id", "person-id"),
    ("statements.0.id", "x1", "statements[0].id", "statement-id"),
    ("mappings.0.present.0", "Sandra\nJansen", "mappings[0].present[0]", "one-line"),
]


@pytest.mark.parametrize(("where", "value", "path", "message"), SHAPES, ids=[s[3] for s in SHAPES])
def test_each_kind_of_value_gets_its_message(where: str, value: str, path: str, message: str):
    doc = _demo()
    _set(doc, where, value)
    assert _messages(doc)[path] == _expected(message, value)


# ---------------------------------------------------------------- a pattern edit keeps its message


CHANGED_PATTERNS = [
    # (the schema object, its new pattern: one no regex reading would recognise)
    ("/$defs/household/properties/case_number", "^[0-9A-Za-z][-0-9A-Za-z./]{0,31}$"),
    ("/$defs/household/properties/name", "[^\\s]"),
    ("/$defs/person/properties/id", "^(p)[1-9]\\d*$"),
    ("/$defs/statement/properties/id", "^(?:h|d|g|b)[1-9]\\d*$"),
    ("/$defs/date", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    (
        "/properties/exported_at",
        "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$",
    ),
    ("/$defs/line/not", "[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f\\u2028\\u2029]"),
]


@pytest.mark.parametrize("where, value, path, message", SHAPES, ids=[s[3] for s in SHAPES])
def test_changing_the_patterns_does_not_change_the_messages(
    where: str, value: str, path: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = _schema()
    for place, pattern in CHANGED_PATTERNS:
        assert _node(schema, place)["pattern"] != pattern
        _node(schema, place)["pattern"] = pattern
    monkeypatch.setattr(casecheck, "validator", lambda: build_validator(schema))
    doc = _demo()
    assert validate_case_document(doc) == []  # the new patterns accept the same good file
    _set(doc, where, value)
    assert _messages(doc)[path] == _expected(message, value)
