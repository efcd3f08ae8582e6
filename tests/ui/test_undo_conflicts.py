"""Every undo command of the UI has a test proving that its undo and redo never overwrite a
colleague's later change (docs/architecture.md, "The UI reacts to change sets").

The tests themselves are in the test_undo_conflicts_*.py modules of CONFLICT_TESTS, each marked with
`@covers(CommandClass)`. A new command without such a test fails here.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

from conflict_kit import COVERED

from PySide6.QtGui import QUndoCommand

import jeugdtool.ui
from jeugdtool.ui import commands as c
from jeugdtool.ui.meetings import commands as mc
from jeugdtool.ui.new_case import CreateCaseCommand

#: The modules whose tests fill COVERED (imported here too, so this test can run alone).
CONFLICT_TESTS = (
    "test_undo_conflicts_case",
    "test_undo_conflicts_plan",
    "test_undo_conflicts_more",
    "test_plan_reorder",
    "test_moment_correct",
    "test_undo_conflicts_closing",
    "test_undo_conflicts_help",
    "test_undo_conflicts_signals",
    "test_undo_conflicts_dossier",
    "test_undo_conflicts_network",
    "test_undo_conflicts_approval",
    "test_undo_conflicts_goals",
    "test_undo_conflicts_child",
    "test_undo_conflicts_special",
    "test_undo_conflicts_contacts",
    "test_undo_conflicts_family",
)


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _is_base(cls: type) -> bool:
    """An abstract base: private (`_AddRow`) or there only to be derived from
    (`ServiceCommand`, `MapCommand`, `MeetingCommand`)."""
    return cls.__name__.startswith("_") or bool(cls.__subclasses__())


def undo_commands() -> set[type]:
    """Every concrete QUndoCommand subclass in jeugdtool.ui (all its modules imported)."""
    for info in pkgutil.walk_packages(jeugdtool.ui.__path__, "jeugdtool.ui."):
        importlib.import_module(info.name)
    found = {cls for cls in _subclasses(QUndoCommand) if cls.__module__.startswith("jeugdtool.ui.")}
    return {cls for cls in found if not _is_base(cls)}


def test_every_undo_command_has_a_conflict_test() -> None:
    for name in CONFLICT_TESTS:
        importlib.import_module(name)
    missing = sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in undo_commands() - COVERED)
    assert not missing, (
        "These undo commands have no test that a colleague's later change survives their "
        "undo/redo (add one with @covers in tests/ui/test_undo_conflicts_*.py): "
        + ", ".join(missing)
    )


def test_the_search_finds_commands_of_every_kind_and_skips_the_bases() -> None:
    commands = undo_commands()
    assert {c.EditHouseholdCommand, c.RemovePersonCommand, CreateCaseCommand} <= commands
    assert {mc.EditFieldCommand, mc.RemoveScoreCommand} <= commands
    assert not {c.ServiceCommand, mc.MeetingCommand, c._AddRow} & commands
    assert len(commands) >= 50
