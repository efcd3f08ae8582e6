"""The case list is painted before the models it does not need are imported (app.py,
MainWindow.attach), and on a file before SQLAlchemy's PostgreSQL dialect; they follow right
after, with their mappers configured. The manual's window (F1) and the services that write
are not imported before the list either."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from jeugdtool.cases import households
from jeugdtool.store.uow import UnitOfWork


def test_the_list_is_painted_before_the_other_models_load(db_path, db):
    households.create_case(UnitOfWork(db, "A. de Boer"), name="Gezin Smit")
    db.close()
    script = textwrap.dedent(f"""
        import json, os, sys
        from PySide6.QtCore import QEvent, QObject, QTimer
        from jeugdtool import app
        from jeugdtool.ui.main_window import MainWindow
        app.CONTENT_CHECK_DELAY_MS = 600_000  # not part of this test
        later = ("jeugdtool.models", "jeugdtool.zrm.models", "jeugdtool.framework.models",
                 "jeugdtool.framework.plan_models", "jeugdtool.dossier.models",
                 # the households' trigram index loads it (cases/search_index.py)
                 "sqlalchemy.dialects.postgresql")
        #: Not before the list: the manual's window loads at the first F1; the services that
        #: write (a case's checks, the undo snapshot) when something is written.
        unneeded = ("jeugdtool.ui.help_window", "jeugdtool.licences", "jeugdtool.manual",
                    "jeugdtool.cases.households", "jeugdtool.store.snapshot")
        seen = {{}}

        def choose(db):
            from jeugdtool.ui.first_run import sign_in

            return sign_in(db, "A. de Boer")

        class Watch(QObject):  # the list's first paint (it shows its rows from the start)
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint and "list" not in seen:
                    seen["rows"] = window.list_page.model.rowCount()
                    seen["list"] = sorted(m for m in later if m in sys.modules)
                    seen["unneeded"] = sorted(m for m in unneeded if m in sys.modules)
                    QTimer.singleShot(0, wait)
                return False

        def wait():  # until the window has loaded the rest (the test's timeout bounds it)
            if "jeugdtool.models" not in sys.modules:
                QTimer.singleShot(10, wait)
                return
            from sqlalchemy.orm import Mapper
            from jeugdtool.store.base import Base
            seen["after"] = sorted(m for m in later if m in sys.modules)
            seen["configured"] = not any(m._configure_failed or not m.configured
                                         for m in Base.registry.mappers)
            print(json.dumps(seen), flush=True)
            qapp.quit()

        attach = MainWindow.attach

        def watched_attach(self, ctx):  # watch the list before anything can paint it
            attach(self, ctx)
            self.list_page.view.viewport().installEventFilter(watch)

        MainWindow.attach = watched_attach
        qapp = app.make_application()
        app.install_language(qapp, "nl")
        f1 = app.install_f1(qapp)  # as run_gui does
        watch = Watch()
        window = app.Launcher(choose=choose).start_shown({str(db_path)!r})
        qapp.exec()
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["rows"] == 1
    assert seen["list"] == []
    assert seen["unneeded"] == []
    assert seen["after"] == [
        "jeugdtool.dossier.models",
        "jeugdtool.framework.models",
        "jeugdtool.framework.plan_models",
        "jeugdtool.models",
        "jeugdtool.zrm.models",
        "sqlalchemy.dialects.postgresql",
    ]
    assert seen["configured"] is True


# The manual window is raised over the window F1 was pressed in; offscreen Qt cannot.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_f1_opens_the_manual_through_the_filter_run_gui_installs(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from PySide6.QtWidgets import QLineEdit

    from jeugdtool import app as japp

    qapp = QApplication.instance()
    installed = japp.install_f1(qapp)
    try:
        field = QLineEdit()  # a window without an F1 action of its own
        qtbot.addWidget(field)
        field.show()
        field.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is field)
        qtbot.keyClick(field, Qt.Key.Key_A)
        from jeugdtool.ui.help_window import HelpWindow

        assert field.findChild(HelpWindow, "helpWindow") is None
        qtbot.keyClick(field, Qt.Key.Key_F1)
        manual = field.findChild(HelpWindow, "helpWindow")
        assert manual is not None and manual.isVisible()
        assert field.text() == "a"  # F1 went to the manual, not into the field
        manual.close()
    finally:
        qapp.removeEventFilter(installed)
