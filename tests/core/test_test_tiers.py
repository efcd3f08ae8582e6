"""The slow-test lists of tests/conftest.py name modules and tests that exist: a renamed test
would otherwise drop into `make test-fast` unnoticed, or a stale entry hide nothing."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import DEMO_FIXTURES
from tests.conftest import SLOW_MODULES
from tests.conftest import SLOW_TESTS
from tests.conftest import _slow

TESTS = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("module", sorted(SLOW_MODULES))
def test_every_slow_module_exists(module: str) -> None:
    assert (TESTS / module).is_file(), module


@pytest.mark.parametrize("entry", sorted(SLOW_TESTS))
def test_every_slow_test_exists_in_a_module_not_listed_whole(entry: str) -> None:
    module, *names = entry.split("::")
    assert module not in SLOW_MODULES, entry
    source = (TESTS / module).read_text(encoding="utf-8")
    assert re.search(rf"^\s*def {re.escape(names[-1])}\(", source, re.MULTILINE), entry


def _item(nodeid: str, *fixtures: str) -> SimpleNamespace:
    return SimpleNamespace(nodeid=nodeid, fixturenames=["jeugdtool_home", *fixtures])


@pytest.mark.parametrize("fixture", sorted(DEMO_FIXTURES))
def test_a_test_on_the_demo_households_is_slow_wherever_it_lives(fixture: str) -> None:
    assert _slow(_item("tests/core/test_x.py::test_y", "db", fixture))


def test_a_test_on_its_own_database_is_fast_unless_listed() -> None:
    assert not _slow(_item("tests/core/test_x.py::test_y", "db", "uow"))
    assert _slow(_item(f"tests/{sorted(SLOW_MODULES)[0]}::test_y", "db", "uow"))
