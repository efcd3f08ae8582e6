"""Start-up's content check (app.content_problem) refuses a case file schema whose patterns
name no message."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from jeugdtool import app as jeugdtool_app
from jeugdtool import resources
from jeugdtool.export import schema_messages


@pytest.fixture
def fresh_check() -> Iterator[None]:
    schema_messages.check_case_schema.cache_clear()
    yield
    schema_messages.check_case_schema.cache_clear()


def test_a_pattern_without_its_message_is_named_at_start_up(
    fresh_check: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = resources.load_json
    broken = copy.deepcopy(shipped(*schema_messages.SCHEMA_FILE))
    del broken["$defs"]["person"]["properties"]["id"]["x-message"]

    def load_json(*parts: str) -> Any:
        return broken if parts == schema_messages.SCHEMA_FILE else shipped(*parts)

    monkeypatch.setattr(schema_messages.resources, "load_json", load_json)
    problem = jeugdtool_app.content_problem()
    assert problem is not None and "/$defs/person/properties/id" in problem


def test_the_shipped_schema_passes_the_check(fresh_check: None) -> None:
    assert jeugdtool_app.content_problem() is None
