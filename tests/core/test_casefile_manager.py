"""Importing a case file finds its case manager by name as people write it (jeugdtool.folding)."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool import resources
from jeugdtool.cases import consultants
from jeugdtool.cases.models import Consultant
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.store.uow import UnitOfWork


def _demo() -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", "01-jansen.json")))


def _consultant_count(uow: UnitOfWork) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(Consultant)) or 0


def test_the_case_manager_is_found_without_accents_case_or_extra_spaces(uow: UnitOfWork) -> None:
    consultants.add_consultant(uow, "Ö. Yılmaz")
    before = _consultant_count(uow)
    doc = _demo()
    doc["household"]["case_manager"] = "  O.  YILMAZ "
    case = import_case(uow, doc).value
    assert case.case_manager_name == "Ö. Yılmaz"
    assert _consultant_count(uow) == before  # no second "Yilmaz" next to the first


def test_a_name_nobody_has_becomes_a_new_consultant_as_written(uow: UnitOfWork) -> None:
    consultants.add_consultant(uow, "Ö. Yılmaz")
    before = _consultant_count(uow)
    doc = _demo()
    doc["household"]["case_manager"] = " E. Yıldız "
    case = import_case(uow, doc).value
    assert case.case_manager_name == "E. Yıldız"
    assert _consultant_count(uow) == before + 1
