"""Shared fixtures: a private jeugdtool home per test, an open database, a unit of work."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def jeugdtool_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, data and backups of each test stay in its own temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("JEUGDTOOL_HOME", str(home))
    monkeypatch.delenv("JEUGDTOOL_DB", raising=False)
    from jeugdtool import i18n

    i18n.set_language("nl")
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator:
    from jeugdtool.store.engine import open_database

    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def uow(db):
    from jeugdtool.store.uow import UnitOfWork

    return UnitOfWork(db, "A. de Boer")


@pytest.fixture
def case(uow):
    """An open case with no members yet."""
    from jeugdtool.cases import households

    return households.create_case(uow, name="Gezin Jansen", case_number="2026-0012").value
