"""An edit that meets a storage fault is kept on screen, marked unsaved, and saved once it can be.

The first tests fill a real disk (a small tmpfs; root only, as CI runs); the last ones make the
service fail on purpose, so the retry rules are checked on every machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.errors import ConnectionLost
from jeugdtool.errors import DiskFull
from jeugdtool.i18n import _
from jeugdtool.store import faults

from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.pending import UNSAVED_PROPERTY
from jeugdtool.ui.pending import PendingNotice

Key = Qt.Key


def _commit(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Key.Key_Return)


def _saved_name(ctx, case_id: int) -> str:
    return queries.get_case(ctx.uow, case_id).household.name


# ---- on a disk that is really full -----------------------------------------------------------


class TestFullDisk:
    @pytest.fixture
    def db_path(self, small_disk: Path) -> Path:  # the database lives on the small disk
        return small_disk / "cases.sqlite"

    def test_the_edit_stays_marked_and_is_saved_once_space_is_free(
        self, workspace, ctx, case, qtbot, small_disk, fill_disk, fake_dialogs
    ) -> None:
        name = workspace.overview.form.edits["name"]
        notice = PendingNotice(ctx.pending)
        qtbot.addWidget(notice)
        filler = fill_disk(small_disk)

        _commit(qtbot, name, "Gezin Jansen-de Vries")

        assert name.text() == "Gezin Jansen-de Vries"  # the text stays
        assert name.property(UNSAVED_PROPERTY) is True  # visibly unsaved
        assert name.toolTip() == _(
            "Not saved yet: {reason}\nWhat you typed stays here and is saved as soon as possible."
        ).format(reason=faults.disk_full())
        assert _saved_name(ctx, case.id) == "Gezin Jansen"  # and truly not saved
        assert ctx.undo_stack.count() == 0  # undo never offers what did not happen
        assert len(ctx.pending) == 1
        assert not notice.isHidden()
        assert notice.label.toolTip() == str(faults.disk_full())
        assert _("the disk is full") in notice.label.full_text()
        assert fake_dialogs.errors == []  # no box at every keystroke: the bar says it

        filler.unlink()  # the cause is gone: the timer saves it without the user doing anything
        qtbot.waitUntil(lambda: len(ctx.pending) == 0, timeout=15000)

        assert _saved_name(ctx, case.id) == "Gezin Jansen-de Vries"
        assert name.property(UNSAVED_PROPERTY) is False
        assert notice.isHidden()
        assert ctx.undo_stack.undoText() == _("Change name")
        ctx.undo_stack.undo()  # and it is an ordinary undoable edit
        assert _saved_name(ctx, case.id) == "Gezin Jansen"

    def test_a_newer_edit_of_the_same_field_replaces_the_kept_one(
        self, workspace, ctx, case, qtbot, small_disk, fill_disk
    ) -> None:
        form = workspace.overview.form
        filler = fill_disk(small_disk)
        _commit(qtbot, form.edits["name"], "Gezin de Vries")
        _commit(qtbot, form.edits["name"], "Gezin de Vries-Jansen")
        _commit(qtbot, form.edits["case_number"], "2026-0099")
        assert ctx.pending.descriptions() == [_("Change name"), _("Change case number")]

        filler.unlink()
        assert ctx.pending.retry()  # what Ctrl+S does

        household = queries.get_case(ctx.uow, case.id).household
        assert (household.name, household.case_number) == ("Gezin de Vries-Jansen", "2026-0099")
        assert ctx.undo_stack.count() == 2

    def test_closing_the_window_with_unsaved_edits_asks(
        self, ctx, case, qtbot, small_disk, fill_disk, fake_dialogs
    ) -> None:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        window.open_case(case.id)
        filler = fill_disk(small_disk)
        _commit(qtbot, window.workspaces[case.id].overview.form.edits["name"], "Gezin Bakker")
        assert len(ctx.pending) == 1

        fake_dialogs.answers.append(False)  # "Close anyway?" No: the window stays
        window.close()
        assert window.isVisible()
        assert _("Gezin Bakker") not in fake_dialogs.questions[-1][1]  # names the edit, not data
        assert _("Change name") in fake_dialogs.questions[-1][1]

        filler.unlink()
        window.save_action.trigger()  # Ctrl+S
        assert len(ctx.pending) == 0
        assert _saved_name(ctx, case.id) == "Gezin Bakker"
        window.close()  # nothing left unsaved: no question
        assert not window.isVisible()


# ---- faults made on purpose (any machine) ----------------------------------------------------


class FailingService:
    """`households.update_case`, failing with `fault` the first `times` calls."""

    def __init__(self, fault: Exception, times: int):
        self.fault, self.times, self.calls = fault, times, 0
        self.real = households.update_case

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls <= self.times:
            raise self.fault
        return self.real(*args, **kwargs)


def test_a_lost_connection_keeps_the_edit_until_it_is_back(
    workspace, ctx, case, qtbot, monkeypatch
) -> None:
    lost = faults.connection_lost("postgresql+psycopg://team@server/jeugdtool")
    service = FailingService(lost, times=2)
    monkeypatch.setattr(households, "update_case", service)
    name = workspace.overview.form.edits["name"]

    _commit(qtbot, name, "Gezin Yilmaz")
    assert isinstance(ctx.pending.fault, ConnectionLost)
    assert name.property(UNSAVED_PROPERTY) is True

    qtbot.waitUntil(lambda: len(ctx.pending) == 0, timeout=15000)  # retried on a timer
    assert service.calls == 3
    assert _saved_name(ctx, case.id) == "Gezin Yilmaz"
    assert name.text() == "Gezin Yilmaz"


def test_editing_again_saves_the_kept_edits_first_in_order(
    workspace, ctx, case, qtbot, monkeypatch
) -> None:
    service = FailingService(DiskFull(str(faults.disk_full())), times=1)
    monkeypatch.setattr(households, "update_case", service)
    form = workspace.overview.form
    _commit(qtbot, form.edits["name"], "Gezin Ozturk")
    assert len(ctx.pending) == 1
    ctx.pending.timer.stop()  # the user is quicker than the timer

    _commit(qtbot, form.edits["case_number"], "2026-0100")

    assert len(ctx.pending) == 0
    household = queries.get_case(ctx.uow, case.id).household
    assert (household.name, household.case_number) == ("Gezin Ozturk", "2026-0100")
    assert ctx.undo_stack.undoText() == _("Change case number")
    ctx.undo_stack.undo()
    assert ctx.undo_stack.undoText() == _("Change name")


def test_a_kept_edit_that_no_longer_fits_is_reported_by_name(
    workspace, ctx, case, qtbot, monkeypatch, fake_dialogs
) -> None:
    service = FailingService(DiskFull(str(faults.disk_full())), times=1)
    monkeypatch.setattr(households, "update_case", service)
    _commit(qtbot, workspace.overview.form.edits["name"], "Gezin Peters")
    ctx.pending.timer.stop()
    # Meanwhile a colleague renamed the household: the kept edit was made against the old name.
    from jeugdtool.store.uow import UnitOfWork

    service.real(UnitOfWork(ctx.database, "B. Collega"), case.id, {"name": "Gezin Pieters"})

    assert ctx.pending.retry()
    assert _saved_name(ctx, case.id) == "Gezin Pieters"  # the colleague's change stands
    assert fake_dialogs.errors and _("Change name") in fake_dialogs.errors[-1]
    assert ctx.undo_stack.count() == 0


def test_the_error_handler_shows_and_logs_no_sql_or_data(qtbot, monkeypatch, caplog) -> None:
    """A bug in a slot: the box names the kind of error, the log its places; neither quotes."""
    import sys

    from PySide6.QtWidgets import QMessageBox

    from jeugdtool import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_excepthook()
    try:
        raise ValueError("UPDATE households SET name='Gezin Jansen' WHERE id=7")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    logged = caplog.text
    assert shown and "ValueError" in shown[0]
    for text in (shown[0], logged):
        assert "Jansen" not in text and "UPDATE" not in text
    assert "test_unsaved_edits.py" in logged


def test_a_plan_field_kept_by_a_fault_is_marked_where_it_was_typed(
    ctx, case, uow, qtbot, monkeypatch
) -> None:
    """The plan's own fields (here the next review date) are marked in place too."""
    import datetime as dt

    from jeugdtool.cases.validation import format_date_nl
    from jeugdtool.framework import plans

    from jeugdtool.ui.plan.plan_page import PlanPage

    plans.start_draft(uow, case.id)
    page = PlanPage(ctx, case.id)
    qtbot.addWidget(page)
    page.resize(1180, 600)
    page.show()
    qtbot.waitExposed(page)
    real = plans.update_plan
    calls: list[int] = []

    def full_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise faults.disk_full()
        return real(*args, **kwargs)

    monkeypatch.setattr(plans, "update_plan", full_once)
    field = page.sections.next_review_on
    review = dt.date.today() + dt.timedelta(days=28)
    _commit(qtbot, field, format_date_nl(review))

    assert field.property(UNSAVED_PROPERTY) is True
    assert field.text() == format_date_nl(review)
    qtbot.waitUntil(lambda: len(ctx.pending) == 0, timeout=15000)
    assert field.property(UNSAVED_PROPERTY) is False
    assert page.plan is not None and page.plan.next_review_on == review
