"""The caseload window counts the dossier's reminders per consultant and per case, and the case
list's marker says them."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import Qt

from jeugdtool.cases import households
from jeugdtool.dossier import meldcode
from jeugdtool.i18n import _

from jeugdtool.ui.caseload import CASE_COLUMNS
from jeugdtool.ui.caseload import PEOPLE_COLUMNS
from jeugdtool.ui.caseload import CaseloadWindow


def _column(columns, header: str) -> int:
    return next(i for i, c in enumerate(columns) if c.header == header)


def test_a_meldcode_step_past_its_term_is_counted_in_the_caseload(ctx, qtbot) -> None:
    late = ctx.run(households.create_case, name="Gezin Laat", case_manager_id=ctx.user.id)
    ctx.run(households.create_case, name="Gezin Rustig", case_manager_id=ctx.user.id)
    ctx.run(meldcode.start_record, late.id, on=dt.date.today() - dt.timedelta(days=20))
    window = CaseloadWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 720)
    window.show()
    people = window.people
    column = _column(PEOPLE_COLUMNS, "Dossier reminders")
    assert people.index(0, column).data() == "1"
    assert people.index(0, column).data(Qt.ItemDataRole.ToolTipRole) == _(
        "Meldcode steps open longer than the organisation's term, and verwijsindex signals "
        "that expire soon or have expired"
    )
    column = _column(CASE_COLUMNS, "Dossier reminders")
    rows = enumerate(window.cases.rows)
    counts = {case.name: window.cases.index(r, column).data() for r, case in rows}
    assert counts == {"Gezin Laat": "1", "Gezin Rustig": ""}
    if os.environ.get("JEUGDTOOL_SHOTS"):  # to look at by hand
        window.grab().save(os.path.join(os.environ["JEUGDTOOL_SHOTS"], "caseload.png"))
