"""Importing a case file in the window: when a colleague's working notes (werkaantekeningen)
stay out, the user is told how many, whose, and what to do, once the case is in; an import
with none left out says nothing more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from jeugdtool import resources
from jeugdtool.dossier import journal
from jeugdtool.i18n import ngettext

from jeugdtool.ui import ops
from jeugdtool.ui.case_files import import_case_file

JANSEN = resources.path("demo", "01-jansen.json")  # A. de Boer's working note: the user's own
BAKKER = resources.path("demo", "02-bakker.json")  # one working note, by M. Kaya


def _import(ctx, qtbot, fake_dialogs, path: Path) -> list[Any]:
    parent = QWidget()
    qtbot.addWidget(parent)
    opened: list[Any] = []
    fake_dialogs.answers.append(str(path))
    task = import_case_file(ctx, parent, on_done=opened.append)
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert ops.writer_pool().waitForDone(10_000)
    qtbot.waitUntil(lambda: bool(opened), timeout=5_000)
    qtbot.wait(50)  # the adding job's own clean-up, while its parent still lives
    return opened


def test_a_colleagues_working_note_stays_out_and_the_user_is_told_why(
    ctx, qtbot, fake_dialogs
) -> None:
    (case,) = _import(ctx, qtbot, fake_dialogs, BAKKER)
    expected = ngettext(
        "{n} working note by {authors} was not imported: a working note is its author's own, "
        "and nobody else can read it in the journal. If you need it, ask {authors} to import "
        "the file themselves, or to write what you need to know in an ordinary journal entry "
        "and export the case again.",
        "{n} working notes by {authors} were not imported: a working note is its author's "
        "own, and nobody else can read it in the journal. If you need them, ask {authors} to "
        "import the file themselves, or to write what you need to know in an ordinary journal "
        "entry and export the case again.",
        1,
    ).format(n=1, authors="M. Kaya")
    assert fake_dialogs.infos == [expected]
    assert fake_dialogs.errors == []
    assert not [e for e in journal.journal(ctx.uow, case.id) if e.working_note]


def test_the_users_own_working_notes_come_in_without_a_word(ctx, qtbot, fake_dialogs) -> None:
    (case,) = _import(ctx, qtbot, fake_dialogs, JANSEN)
    assert fake_dialogs.infos == [] and fake_dialogs.errors == []
    (own,) = [e for e in journal.journal(ctx.uow, case.id) if e.working_note]
    assert own.author == "A. de Boer"
