"""The demo households in `resources/demo/`: a newcomer starts with a working, realistic tool."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jeugdtool import resources
from jeugdtool.cases import consultants, queries
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.export.casefile import CaseExists, import_case, read_case_file
from jeugdtool.store.changes import ChangeSet, Outcome
from jeugdtool.store.uow import UnitOfWork


@dataclass(frozen=True)
class DemoReport:
    #: The demo cases added now, in file order.
    loaded: tuple[HouseholdDTO, ...]
    #: Case numbers of demo cases left alone because the database already has that number.
    skipped: tuple[str, ...]


def demo_files() -> list[Path]:
    return sorted(resources.path("demo").glob("*.json"))


def _documents() -> list[dict[str, Any]]:
    return [read_case_file(path) for path in demo_files()]


def load_demo_report(uow: UnitOfWork) -> Outcome[DemoReport]:
    """Add every demo case whose number is still free, and the consultants who manage them."""
    docs = _documents()
    changes = ChangeSet()
    managers = {d["household"]["case_manager"] for d in docs} - {None}
    for name in sorted(managers):
        changes |= consultants.ensure_consultant(uow, name).changes
    loaded: list[HouseholdDTO] = []
    skipped: list[str] = []
    for doc in docs:
        number = doc["household"]["case_number"]
        if queries.find_case_id(uow, number) is not None:
            skipped.append(number)
            continue
        try:
            outcome = import_case(uow, doc)
        except CaseExists:  # added by another program in the meantime
            skipped.append(number)
            continue
        loaded.append(outcome.value)
        changes |= outcome.changes
    return Outcome(DemoReport(tuple(loaded), tuple(skipped)), changes)


def load_demo(uow: UnitOfWork) -> Outcome[list[HouseholdDTO]]:
    """Add the demo households (see `load_demo_report` for which ones were skipped)."""
    outcome = load_demo_report(uow)
    return Outcome(list(outcome.value.loaded), outcome.changes)
