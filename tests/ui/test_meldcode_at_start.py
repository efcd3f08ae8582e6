"""Start-up's content check (app.content_problem) names a damaged meldcode file."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from jeugdtool import app as jeugdtool_app
from jeugdtool import resources
from jeugdtool.dossier import meldcode_text


@pytest.fixture
def fresh_text() -> Iterator[None]:
    meldcode_text.reload()
    yield
    meldcode_text.reload()


def test_a_damaged_meldcode_file_is_named_at_start_up(
    fresh_text: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert jeugdtool_app.content_problem() is None
    meldcode_text.reload()
    shipped = resources.load_json
    broken = copy.deepcopy(shipped(*meldcode_text.RESOURCE))
    del broken["steps"][2]["title"]["nl"]

    def load_json(*parts: str) -> Any:
        return broken if parts == meldcode_text.RESOURCE else shipped(*parts)

    monkeypatch.setattr(resources, "load_json", load_json)
    problem = jeugdtool_app.content_problem()
    assert problem is not None and "steps[2].title" in problem
