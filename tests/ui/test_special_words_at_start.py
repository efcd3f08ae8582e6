"""Start-up's content check (app.content_problem) names a damaged file of words that suggest
special categories of personal data."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from jeugdtool import app as jeugdtool_app
from jeugdtool import resources
from jeugdtool.framework import special_rules


@pytest.fixture
def fresh_words() -> Iterator[None]:
    special_rules.reload()
    yield
    special_rules.reload()


def test_a_damaged_words_file_is_named_at_start_up(
    fresh_words: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert jeugdtool_app.content_problem() is None
    special_rules.reload()
    shipped = resources.load_json
    broken = copy.deepcopy(shipped(*special_rules.KEYWORDS))
    broken["categories"][1]["category"] = "religion"

    def load_json(*parts: str) -> Any:
        return broken if parts == special_rules.KEYWORDS else shipped(*parts)

    monkeypatch.setattr(resources, "load_json", load_json)
    problem = jeugdtool_app.content_problem()
    assert problem is not None and "categories[1].category" in problem
