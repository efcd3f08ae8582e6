"""Long work off the GUI thread: results on the GUI thread, errors as messages, one at a time."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.errors import DatabaseBusy
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui import ops


def test_op_runs_in_the_pool_and_reports_on_the_gui_thread(ctx, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    threads: dict[str, object] = {}
    changes: list[ChangeSet] = []
    ctx.signals.changed.connect(changes.append)

    def work(uow):
        threads["work"] = threading.get_ident()
        return households.create_case(uow, name="Gezin Smit")

    results = []
    task = ops.run_op(ctx, parent, work, label="…", on_success=results.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert results[0].name == "Gezin Smit"
    assert threads["work"] != threading.get_ident()
    assert changes and changes[0].touches("household")
    assert QThread.currentThread() is parent.thread()


def test_a_failing_op_shows_its_message_and_changes_nothing(ctx, qtbot, fake_dialogs):
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(uow):
        raise DatabaseBusy("De database is bezig.")

    called = []
    task = ops.run_op(ctx, parent, work, label="…", on_success=called.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert fake_dialogs.errors == ["De database is bezig."]
    assert called == []


def test_jobs_run_one_at_a_time(ctx, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    running, overlap = [0], []

    def work():
        running[0] += 1
        overlap.append(running[0])
        QThread.msleep(30)
        running[0] -= 1

    tasks = [ops.run_in_background(ctx, parent, work, label="…") for _ in range(3)]
    with qtbot.waitSignal(tasks[-1].finished, timeout=10_000):
        pass
    assert overlap == [1, 1, 1]
