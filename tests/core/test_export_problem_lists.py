"""The checks that list a file's problems keep their messages and their order: text no
database can store (every file jeugdtool reads) and the case file's own rules."""

from __future__ import annotations

from jeugdtool.errors import Problem
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.i18n import _
from jeugdtool.jsonfile import json_path
from jeugdtool.jsonfile import text_problems
from tests.core.test_casefile import _demo

NUL = "holds an invisible NUL character (\\u0000), which no database can store. Remove it."
SURROGATE = (
    "holds a broken character (a lone surrogate such as \\ud800), which no database "
    "can store. Remove it, or export the file again from the program that made it."
)


def test_text_no_database_can_store_is_listed_in_file_order_keys_too() -> None:
    # A path names a key as it can be shown: the NUL written as \x00.
    data = {"a": "ok", "b\x00": ["x", "y\ud800"], "c": {"d": "z\x00"}}
    assert text_problems(data) == [
        Problem("b\\x00", _("The name of this field {fault}").format(fault=_(NUL))),
        Problem("b\\x00[1]", _(SURROGATE)),
        Problem("c.d", _(NUL)),
    ]


def test_a_place_in_a_file_is_named_the_same_way_everywhere() -> None:
    assert json_path(["persons", 2, "birth_date"]) == "persons[2].birth_date"
    assert json_path([0, "notes"]) == "[0].notes"
    assert json_path([]) == "" and json_path([], root="$") == "$"
    assert text_problems({"x": [{"y": "\x00"}]})[0].field == "x[0].y"
    assert text_problems("\x00")[0].field == "$"  # the whole file is the text


def test_the_list_of_broken_texts_stops_at_the_limit() -> None:
    data = [f"{n}\x00" for n in range(10)]
    assert [p.field for p in text_problems(data, limit=3)] == ["[0]", "[1]", "[2]"]


def test_a_case_files_rule_problems_keep_their_messages_and_file_order() -> None:
    doc = _demo()
    doc["household"].update(status="closed", closed_on="2026-01-01")
    doc["persons"][2]["birth_date"] = "2099-05-14"
    doc["persons"][1]["id"] = doc["persons"][0]["id"]
    doc["network"][2]["email"] = "k@hoekstra"
    doc["mappings"][0]["date"] = "2099-01-02"
    future = _("{label} {date} lies in the future; choose today or an earlier date.")
    closing = _("The closing date {closed} lies before the opening date {opened}.")
    email = _("E-mail address '{value}' is not valid. It looks like name@example.nl.")
    twice = _("id '{id}' is used twice (also at {other}).")
    first_id = doc["persons"][0]["id"]
    assert [(p.field, p.message) for p in validate_case_document(doc)] == [
        ("household.closed_on", closing.format(closed="01-01-2026", opened="03-02-2026")),
        ("persons[1].id", twice.format(id=first_id, other="persons[0].id")),
        ("persons[2].birth_date", future.format(label=_("Birth date"), date="14-05-2099")),
        ("network[2].email", email.format(value="k@hoekstra")),
        ("mappings[0].date", future.format(label=_("Date"), date="02-01-2099")),
    ]
