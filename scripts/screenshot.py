"""Render the README screenshot: the demo households, one case open, 1366 × 768, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot.py [docs/screenshot.png] [nl|en]

Runs in a throw-away JEUGDTOOL_HOME, so no real settings or data are touched. Run it again
after the translations change.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(target: str = "docs/screenshot.png", language: str = "nl") -> None:
    home = tempfile.mkdtemp(prefix="jeugdtool-shot-")
    os.environ["JEUGDTOOL_HOME"] = home
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A throw-away demo file: no first-start passphrase dialog (it would wait for an answer).
    os.environ["JEUGDTOOL_NO_ENCRYPTION"] = "1"
    from jeugdtool import app
    from jeugdtool.cases import queries
    from jeugdtool.cases.vocab import CaseStatus
    from jeugdtool.export.demo import load_demo

    from jeugdtool.ui.first_run import sign_in

    qapp = app.make_application()
    app.install_language(qapp, language)
    launcher = app.Launcher(choose=lambda db: sign_in(db, "A. de Boer"))
    window = launcher.start(str(Path(home) / "demo.sqlite"))
    assert window is not None
    window.resize(1366, 768)
    window.ctx.run(load_demo)
    open_cases = [
        queries.get_case(window.ctx.uow, c.id)
        for c in queries.list_case_summaries(window.ctx.uow)
        if c.status == CaseStatus.OPEN
    ]
    shown = max(open_cases, key=lambda d: len(d.persons) + len(d.network))
    window.open_case(shown.household.id)
    qapp.processEvents()
    window.grab().save(target)
    print(f"{target}: {window.windowTitle()}")
    window.ctx.database.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
