"""`errors.collect`: every problem of several checks, raised once."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect


def test_every_problem_is_raised_together_at_the_end() -> None:
    reached = []
    with pytest.raises(InvalidInput) as info, collect() as problems:
        assert problems.check(v.email, "email", "not an address") is None
        with problems.catching():
            v.phone("phone", "12")
        problems.add(Problem("name", "no name"))
        reached.append(True)  # a problem does not end the block
    assert reached == [True]
    assert [p.field for p in info.value.problems] == ["email", "phone", "name"]


def test_nothing_is_raised_when_all_is_well_and_values_come_through() -> None:
    with collect() as problems:
        email = problems.check(v.email, "email", "ria@example.nl")
        with problems.catching():
            phone = v.phone("phone", "06-12345678")
    assert (email, phone) == ("ria@example.nl", "06-12345678")
    assert problems.found == []


def test_a_problem_raised_straight_out_of_the_block_keeps_those_found_before() -> None:
    with pytest.raises(InvalidInput) as info, collect() as problems:
        problems.add(Problem("first", "one"))
        raise InvalidInput(Problem("second", "two"))
    assert [p.field for p in info.value.problems] == ["first", "second"]


def test_other_errors_pass_through_untouched() -> None:
    with pytest.raises(KeyError), collect() as problems:
        problems.add(Problem("first", "one"))
        raise KeyError("a programming error")


def test_a_rule_checked_inside_a_document_is_filed_under_the_documents_path() -> None:
    with pytest.raises(InvalidInput) as info, collect() as problems:
        with problems.catching(at="household.closed_on"):
            v.check_closing("closed", dt.date(2026, 2, 1), None)
        with problems.catching():
            v.check_closing("closed", dt.date(2026, 2, 1), None)
    moved, own = info.value.problems
    assert (moved.field, own.field) == ("household.closed_on", "closed_on")
    assert moved.message == own.message


def test_one_problem_at_a_field_is_the_same_as_a_list_of_one() -> None:
    """`InvalidInput.at(field, message)`: the short form every rule raises one problem with."""
    short = InvalidInput.at("email", "Check the address.")
    assert short.problems == [Problem("email", "Check the address.")]
    assert short.for_field("email") == ["Check the address."]
    assert str(short) == str(InvalidInput(Problem("email", "Check the address.")))
