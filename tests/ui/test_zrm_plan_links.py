"""The safety plan shows the ZRM focus domains linked to its agreements and safety goals."""

from __future__ import annotations

import datetime as dt

import pytest
from plan_data import Family
from plan_data import family
from plan_data import full_plan

from PySide6.QtCore import Qt

from jeugdtool.framework import plans
from jeugdtool.i18n import _
from jeugdtool.zrm import assessments as za

from jeugdtool.ui.plan.agreement_model import AgreementTableModel
from jeugdtool.ui.plan.plan_page import PlanPage

TODAY = dt.date.today()


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def linked(uow, case, fam) -> tuple[int, str]:
    """Sanne's finances (level 2, target 3) serve agreement 1 and the safety goal."""
    version_id = full_plan(uow, case.id, fam)
    first = plans.get_plan(uow, version_id).agreements[0]
    assessment = za.create_assessment(
        uow, fam.sanne.id, assessed_on=TODAY - dt.timedelta(days=30)
    ).value
    za.set_domain(
        uow,
        assessment.id,
        "financien",
        {
            "level": 2,
            "focus": True,
            "target_level": 3,
            "plan_links": [first.lineage, fam.goal.lineage],
        },
    )
    return assessment.id, first.lineage


@pytest.fixture
def page(ctx, case, linked, qtbot) -> PlanPage:
    widget = PlanPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1180, 700)
    widget.show()
    return widget


def test_the_agreement_and_the_goal_show_the_linked_focus_domain(page, fam):
    assert page.form.agreement is not None and page.form.agreement.position == 1
    line = page.form.zrm.text()
    assert line.startswith(_("ZRM: {domains}").split("{")[0])
    assert "Financiën" in line and "Sanne Jansen" in line
    assert "2 → " in line and "3" in line.split("→")[1]
    assert page.form.zrm.isVisibleTo(page)
    tooltip = page.model.index(0, AgreementTableModel.WHAT).data(Qt.ItemDataRole.ToolTipRole)
    assert "Financiën" in tooltip
    assert "Financiën" in page.statements.zrm[fam.goal.lineage].text()

    page.table.select_row(1)  # agreement 2 has no link
    assert not page.form.zrm.isVisibleTo(page)


def test_the_plan_follows_the_newest_assessment(page, ctx, fam, linked):
    assessment_id, _lineage = linked
    ctx.run(za.set_domain, assessment_id, "financien", {"level": 3})
    reached = _("{domain} ({person}, {level}: target {target} reached)").format(
        domain="Financiën", person="Sanne Jansen", level=3, target=3
    )
    assert reached in page.form.zrm.text()

    newer = ctx.run(za.create_assessment, fam.sanne.id, assessed_on=TODAY)
    ctx.run(za.set_domain, newer.id, "financien", {"focus": False})
    assert not page.form.zrm.isVisibleTo(page)
    assert fam.goal.lineage not in page.statements.zrm
