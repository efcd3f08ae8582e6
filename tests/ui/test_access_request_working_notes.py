"""The access request window in team mode: when colleagues' working notes are not in the
dossier (only their authors and the privacy officer read them), the window says how many and
what to do before the documents are made; with none missing it says nothing."""

from __future__ import annotations

import dataclasses

from jeugdtool.cases import queries
from jeugdtool.export import access_request as ar
from jeugdtool.export import demo

from jeugdtool.ui.export.access_request_dialog import AccessRequestDialog
from jeugdtool.ui.export.access_request_dialog import prepare

BAKKER = "2026-0002"


def _prepared(uow, unread: int):
    demo.load_demo(uow)
    case_id = queries.find_case_id(uow, BAKKER)
    assert case_id is not None
    prepared = prepare(uow, case_id)
    assert prepared.dossier.unread_working_notes == 0  # a file: every note is the user's own
    dossier = dataclasses.replace(prepared.dossier, unread_working_notes=unread)
    return dataclasses.replace(prepared, dossier=dossier)


def test_missing_working_notes_are_named_with_the_remedy(ctx, qtbot) -> None:
    prepared = _prepared(ctx.uow, 2)
    dialog = AccessRequestDialog(ctx, prepared)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.missing_notes.isVisible()
    assert dialog.missing_notes.text() == ar.missing_working_notes(prepared.dossier)
    assert "2" in dialog.missing_notes.text()
    # The dossier would be incomplete: it is not made (access_request.deliver refuses it too).
    assert not dialog.make_button.isEnabled()


def test_nothing_is_said_when_no_note_is_missing(ctx, qtbot) -> None:
    dialog = AccessRequestDialog(ctx, _prepared(ctx.uow, 0))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.missing_notes.isVisible()
    assert dialog.make_button.isEnabled()
