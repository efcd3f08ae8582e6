"""The history page of a demo case names ZRM domains as the matrix does ("Werk & opleiding"),
never by their stored codes ("werk_opleiding")."""

from __future__ import annotations

from jeugdtool.export.demo import load_demo
from jeugdtool.zrm import assessments
from jeugdtool.zrm.definitions import builtin_matrices
from jeugdtool.zrm.definitions import domain_name

from jeugdtool.ui.workspace.history import HistoryPage


def test_zrm_domains_read_by_name_on_the_history_page(ctx, qtbot) -> None:
    case = load_demo(ctx.uow).value[0]
    newest = assessments.list_assessments(ctx.uow, case.id)[-1]
    assessments.set_domain(ctx.uow, newest.id, "werk_opleiding", {"note": "Stage gevonden"})
    page = HistoryPage(ctx, case.id)
    qtbot.addWidget(page)
    page.show()
    model = page.model
    cells = [
        str(model.index(row, column).data() or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    # Codes of two words are what a user would see as raw keys (one-word codes are words).
    codes = {c for matrix in builtin_matrices() for c in matrix.codes if "_" in c}
    raw = sorted({cell for cell in cells for code in codes if code in cell})
    assert not raw, raw
    for code in ("werk_opleiding", "basale_adl"):
        name = domain_name(code, builtin_matrices())  # the core's wording, from resources/
        assert name != code and any(name in cell for cell in cells), name
