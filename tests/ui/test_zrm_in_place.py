"""A typed ZRM level updates the page in place (issue 20): only the assessments are read again,
the case, its plan's goals and agreements and the matrices stay; undo puts the old level back;
the progress view follows; a plan change still reloads everything; the workspace does not read
the case again for a ZRM change, but its history is marked to reload."""

from __future__ import annotations

import datetime as dt

import pytest
from plan_data import family
from plan_data import full_plan

from PySide6.QtWidgets import QApplication

from jeugdtool.cases import queries
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import StatementType
from jeugdtool.zrm import assessments
from jeugdtool.zrm import reading

from jeugdtool.ui.workspace.workspace import HISTORY
from jeugdtool.ui.workspace.workspace import ZRM
from jeugdtool.ui.workspace.workspace import CaseWorkspace
from jeugdtool.ui.zrm import data as zrm_data
from jeugdtool.ui.zrm.grid_model import NAME
from jeugdtool.ui.zrm.page import PROGRESS
from jeugdtool.ui.zrm.page import ZrmPage

TODAY = dt.date.today()


@pytest.fixture
def fam(uow, case):
    return family(uow, case.id)


@pytest.fixture
def scored(ctx, fam):
    """Sanne: an earlier assessment (finances 2) and the newest (finances 3)."""
    first = assessments.create_assessment(
        ctx.uow, fam.sanne.id, assessed_on=TODAY - dt.timedelta(days=60)
    ).value
    assessments.set_domain(ctx.uow, first.id, "financien", {"level": 2})
    newest = assessments.create_assessment(ctx.uow, fam.sanne.id, assessed_on=TODAY).value
    return assessments.set_domain(ctx.uow, newest.id, "financien", {"level": 3}).value


@pytest.fixture
def page(ctx, case, qtbot, scored):
    page = ZrmPage(ctx, case.id)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.editor.choose_person(scored.person_id)
    return page


def _type(qtbot, page: ZrmPage, level: int) -> None:
    grid = page.editor.grid
    grid.setFocus()
    grid.go_to(page.editor.model.row_of("financien"), NAME)
    qtbot.keyClick(grid, str(level))


def _chosen(page: ZrmPage) -> str:
    model = page.editor.model
    row = model.row_of("financien")
    return next(str(c) for c in range(1, 6) if (model.index(row, c).data() or "").startswith("●"))


def test_a_typed_level_updates_the_cell_in_place_and_undo_puts_it_back(
    ctx, page, scored, qtbot, monkeypatch
):
    before = page.data
    assert before is not None
    read_again = []
    monkeypatch.setattr(zrm_data, "load", lambda *a, **k: read_again.append(a))
    _type(qtbot, page, 4)
    assert _chosen(page) == "4"
    assert read_again == []  # neither the case nor the plan was read again
    after = page.data
    assert after is not None and after is not before
    assert after.case is before.case and after.plan_items is before.plan_items
    # The domains that did not change are the very objects read before.
    unchanged = {d.id: d for a in before.assessments for d in a.domains if d.domain != "financien"}
    kept = [d for a in after.assessments for d in a.domains if d.id in unchanged]
    assert kept and all(d is unchanged[d.id] for d in kept)
    assert after.assessment(scored.id).level("financien") == 4
    ctx.undo_stack.undo()
    assert _chosen(page) == "3"
    assert page.data.assessment(scored.id).level("financien") == 3
    ctx.undo_stack.redo()
    assert _chosen(page) == "4"
    assert read_again == []


def test_the_progress_view_follows_a_typed_level(ctx, page, scored, qtbot):
    page.tabs.setCurrentIndex(PROGRESS)
    progress = page.progress_page.ensure_built()
    seen = []
    original = progress.show_person
    progress.show_person = lambda *a: (seen.append(a), original(*a))
    page.tabs.setCurrentIndex(0)
    _type(qtbot, page, 5)
    assert seen, "the progress view was not given the new assessments"
    person_id, shown, _matrices = seen[-1]
    assert person_id == scored.person_id
    newest = next(a for a in shown if a.id == scored.id)
    assert newest.level("financien") == 5


def test_a_plan_change_reloads_the_goals_and_agreements(ctx, case, fam, page):
    from jeugdtool.store.changes import ChangeSet

    assert page.data is not None
    goals = len(page.data.plan_items)  # the family's safety goal; no plan yet
    full_plan(ctx.uow, case.id, fam)
    ctx.signals.emit_changes(ChangeSet(frozenset({"agreement"}), frozenset({case.id})))
    plan = plans.current_plan(ctx.uow, case.id)
    assert plan is not None
    linked = [item.lineage for item in page.data.plan_items]
    assert [a.lineage for a in plan.agreements] == linked[goals:]


def test_a_stale_page_reloads_everything_after_any_other_change(ctx, case, page, monkeypatch):
    from jeugdtool.store.changes import ChangeSet

    page.hide()
    ctx.signals.emit_changes(ChangeSet(frozenset({"agreement"}), frozenset({case.id})))
    ctx.signals.emit_changes(ChangeSet(frozenset({"zrm_domain_score"}), frozenset({case.id})))
    loads = []
    real = zrm_data.load
    monkeypatch.setattr(zrm_data, "load", lambda *a, **k: loads.append(1) or real(*a, **k))
    page.show()
    assert loads == [1]  # the plan change was not forgotten by the ZRM change after it


def test_the_plan_labels_are_those_of_the_newest_moment_and_plan_version(ctx, case, fam):
    version_id = full_plan(ctx.uow, case.id, fam)
    goals, agreements = reading.plan_link_targets(ctx.uow, case.id)
    moment_id = plans.get_plan(ctx.uow, version_id).statements_moment_id
    expected_goals = [
        (s.lineage, s.text)
        for s in (statements.list_statements(ctx.uow, moment_id) if moment_id else ())
        if s.type is StatementType.SAFETY_GOAL
    ]
    plan = plans.current_plan(ctx.uow, case.id)
    assert plan is not None
    assert goals == expected_goals
    assert agreements == [(a.lineage, a.position, a.what) for a in plan.agreements]
    assert agreements


def test_an_earlier_assessment_read_alone_is_not_editable(ctx, scored):
    every = assessments.list_assessments(ctx.uow, scored.household_id)
    for listed in every:
        alone = assessments.get_assessment(ctx.uow, listed.id)
        assert alone == listed
    assert [a.editable for a in every] == [False, True]


def test_the_workspace_reads_the_case_again_only_when_the_case_changed(
    ctx, case, scored, qtbot, monkeypatch
):
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.resize(1366, 768)
    workspace.show()
    workspace.show_page(ZRM)
    QApplication.processEvents()
    reads = []
    real = queries.get_case
    monkeypatch.setattr(queries, "get_case", lambda *a: reads.append(a) or real(*a))
    zrm = workspace.zrm.ensure_built()
    _type(qtbot, zrm, 1)
    assert reads == []
    # The history lists every change: not built yet (the case opened to its ZRM), it reads
    # them when first shown.
    assert not workspace.history_page.built
    workspace.show_page(HISTORY)
    qtbot.waitUntil(lambda: workspace.history_page.built and not workspace.history.stale)
    from jeugdtool.ui.commands import EditHouseholdCommand
    from jeugdtool.ui.commands import execute

    heads = []
    real_head = queries.get_household
    monkeypatch.setattr(queries, "get_household", lambda *a: heads.append(a) or real_head(*a))
    members = workspace.detail.persons
    execute(ctx, EditHouseholdCommand(ctx, case.id, "name", case.name, "Gezin de Vries"))
    # The household's own row changed: its head is shown as the service returned it (not
    # read again, since session 36), and not its members and network either.
    assert heads == [] and reads == []
    assert "Gezin de Vries" in workspace.title.text()
    assert workspace.detail.household.name == "Gezin de Vries"
    assert workspace.detail.persons is members
    from jeugdtool.cases import members as member_services

    person = members[0]
    new_name = person.first_name + "je"
    ctx.run(member_services.update_person, person.id, {"first_name": new_name})
    assert reads, "a change of a member reads the whole case again"
    assert workspace.detail.persons[0].first_name == new_name


def test_the_method_s_warnings_are_not_repeated_by_reloads(ctx, page, qtbot):
    from jeugdtool.ui.workspace.inline import WrappingLabel

    for level in (1, 2, 1):  # each reload shows the acute warning anew, before any deleteLater
        _type(qtbot, page, level)
    header = page.editor.header
    shown = [
        label for label in header.advice.findChildren(WrappingLabel) if label.isVisibleTo(header)
    ]
    assert len(shown) == len(header.advice_labels) == 1
