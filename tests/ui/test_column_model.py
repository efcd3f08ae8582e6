"""A `DtoTableModel` declared as `row_table.Column`s takes text, tooltip and colour from each
column (the plan's safety network as the example)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import NetworkRoleDTO
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.plan.network_flags import NetworkRoleModel
from jeugdtool.ui.workspace.member_models import PersonTableModel

TOLD = dt.date(2026, 3, 2)
ROLES = (
    NetworkRoleDTO(1, 1, Source(label="Oma Els"), "Haalt de kinderen op", TOLD),
    NetworkRoleDTO(2, 2, Source(label="Buurman Kees"), "Belt als het mis gaat", None),
)


def _cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.index(row, column).data(role)


def test_text_tooltip_and_colour_come_from_the_columns(qtmodeltester):
    model = NetworkRoleModel()
    model.set_rows(ROLES)
    qtmodeltester.check(model)
    m = NetworkRoleModel
    assert model.headerData(m.WHO, Qt.Orientation.Horizontal) == _("Who")
    assert _cell(model, 0, m.WHO) == "Oma Els"
    assert _cell(model, 0, m.TOLD_ON) == format_date_nl(TOLD)
    assert _cell(model, 1, m.TOLD_ON) == _("not yet")
    # A column's own tip; else the text in full.
    tip = Qt.ItemDataRole.ToolTipRole
    assert _cell(model, 1, m.TOLD_ON, tip) == _("The date they were told the worries and goals")
    assert _cell(model, 1, m.ROLE, tip) == "Belt als het mis gaat"
    # Grey only where no one was told yet.
    fore = Qt.ItemDataRole.ForegroundRole
    assert _cell(model, 1, m.TOLD_ON, fore) == qcolor(Role.MUTED)
    assert _cell(model, 0, m.TOLD_ON, fore) is None
    assert _cell(model, 1, m.WHO, fore) is None


def test_the_household_table_reads_its_columns_with_the_day_it_was_given(qtmodeltester):
    noa = PersonDTO(1, 1, 0, "Noa", "Jansen", PersonRole.CHILD, dt.date(2026, 1, 2), "", 1)
    mother = PersonDTO(
        2, 1, 1, "Sanne", "Jansen", PersonRole.PARENT, None, "Werkt 's nachts\nBel na 10 uur", 1
    )
    model = PersonTableModel()
    model.set_rows((noa, mother), today=TOLD)
    qtmodeltester.check(model)
    m = PersonTableModel
    assert model.headerData(m.AGE, Qt.Orientation.Horizontal) == _("Age")
    assert _cell(model, 0, m.AGE) == noa.age_text_on(TOLD)  # the day given, not today
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert _cell(model, 0, m.AGE, Qt.ItemDataRole.TextAlignmentRole) == right
    assert _cell(model, 0, m.NAME, Qt.ItemDataRole.TextAlignmentRole) is None
    # The notes' first line in the cell, all of them in the tooltip.
    tip = Qt.ItemDataRole.ToolTipRole
    assert _cell(model, 1, m.NOTES) == "Werkt 's nachts"
    assert _cell(model, 1, m.NOTES, tip) == mother.notes
    assert _cell(model, 0, m.NOTES, tip) is None
    assert _cell(model, 0, m.TRUSTED) == ""
