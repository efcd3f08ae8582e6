"""One edit reloads only what it touched, and only what is seen (issue 20): the plan's parts
follow their changes while seen, else once when shown; renaming the family does not read the
plan status, the closure proposal, the case team or the privacy requests again."""

from __future__ import annotations

import datetime as dt

import pytest
from plan_data import family
from plan_data import shown_sections

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import privacy
from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans

from jeugdtool.ui.plan.reviews import PlanReviews
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.workspace import HISTORY
from jeugdtool.ui.workspace.workspace import OVERVIEW
from jeugdtool.ui.workspace.workspace import SAFETY_PLAN

TODAY = dt.date.today()


def _count(monkeypatch, widget) -> list[None]:
    """The reloads of `widget` from now on (it still reloads)."""
    reloads: list[None] = []
    original = widget.reload
    monkeypatch.setattr(widget, "reload", lambda: (reloads.append(None), original()))
    return reloads


# ---- the plan's parts ------------------------------------------------------------------------


@pytest.fixture
def final_id(uow, case) -> int:
    family(uow, case.id)
    version = plans.start_draft(uow, case.id).value
    plans.add_agreement(uow, version.id, {"what": "Oma Ria belt elke avond."})
    plan_finalise.finalise(uow, version.id, by="x", override_reason="test")
    return version.id


def test_the_reviews_are_stale_while_hidden_and_reload_once_when_shown(
    ctx, case, final_id, qtbot, monkeypatch
) -> None:
    reviews = PlanReviews(ctx, case.id)
    qtbot.addWidget(reviews)
    reviews.set_plan(plans.get_plan(ctx.uow, final_id))
    reviews.show()
    assert isinstance(reviews, StaleWhileHidden) and reviews.cards == {}
    reloads = _count(monkeypatch, reviews)
    reviews.hide()  # the consultant is on another page
    for note in ("Evaluatie", "Tweede evaluatie"):
        ctx.run(plan_reviews.add_review, final_id, TODAY, note, [])
    assert reloads == [] and reviews.stale and reviews.cards == {}
    reviews.show()
    assert len(reloads) == 1 and not reviews.stale
    assert len(reviews.cards) == 2


def test_the_red_flags_are_stale_while_hidden_and_reload_once_when_shown(
    ctx, uow, case, qtbot, monkeypatch
) -> None:
    family(uow, case.id)
    draft = plans.start_draft(uow, case.id).value.id
    widget = shown_sections(ctx, uow, case.id, draft, qtbot)
    reloads = _count(monkeypatch, widget)
    widget.hide()
    for sign in ("Mark drinkt", "Noa slaapt slecht"):
        ctx.run(plan_sections.add_red_flag, draft, {"sign": sign, "action": "Oma Ria bellen"})
    assert reloads == [] and widget.stale and widget.flags_model.rowCount() == 0
    widget.show()
    assert len(reloads) == 1 and not widget.stale
    assert widget.flags_model.rowCount() == 2
    ctx.run(plan_sections.add_red_flag, draft, {"sign": "Ruzie", "action": "Bellen"})
    assert len(reloads) == 2 and widget.flags_model.rowCount() == 3  # seen: at once


def test_the_plan_page_passes_its_parts_the_change_they_missed_once(
    final_id, workspace, ctx, case, qtbot, monkeypatch
) -> None:
    workspace.show_page(SAFETY_PLAN)
    page = workspace.plan.ensure_built()
    qtbot.waitUntil(page.isVisible)
    parts = {"page": page, "flags": page.network_flags, "reviews": page.reviews}
    counted = {name: _count(monkeypatch, part) for name, part in parts.items()}
    workspace.show_page(HISTORY)
    ria = next(n for n in queries.get_case(ctx.uow, case.id).network if n.name.startswith("Ria"))
    ctx.run(plan_reviews.add_review, final_id, TODAY, "Evaluatie", [])
    ctx.run(members.update_network_member, ria.id, {"name": "Ria de Boer"})
    assert all(reloads == [] for reloads in counted.values())
    assert page.stale and not page.network_flags.stale  # the page passes it on
    workspace.show_page(SAFETY_PLAN)
    assert [len(counted[name]) for name in ("page", "flags", "reviews")] == [1, 0, 1]
    assert len(page.reviews.cards) == 1  # its own change, missed while hidden, is shown


# ---- the overview ----------------------------------------------------------------------------


def test_renaming_the_family_reloads_only_what_shows_the_name(
    workspace, ctx, case, qtbot, monkeypatch
) -> None:
    overview = workspace.overview
    households_read = ("plan_status", "closure", "form", "team", "requests")
    parts = {
        "plan_status": overview.plan_status,
        "closure": overview.closure,
        "form": overview.form,
        "team": overview.form.team,
        "requests": overview.form.requests,
    }
    ctx.run(households.update_case, case.id, {"name": "Gezin de Vries"})
    counted = {name: _count(monkeypatch, parts[name]) for name in households_read}
    for n in range(3):
        ctx.run(households.update_case, case.id, {"name": f"Gezin Bakker {n}"})
    assert all(reloads == [] for reloads in counted.values())
    assert overview.form.edits["name"].text() == "Gezin Bakker 2"
    assert workspace.title.text().endswith("Gezin Bakker 2")

    ctx.run(households.close_case, case.id, "Hulp afgerond")  # closing does concern them
    assert len(counted["plan_status"]) == 1 and len(counted["closure"]) == 1
    assert overview.form.edits["name"].isReadOnly()  # closed: read-only
    ctx.run(households.reopen_case, case.id)
    assert len(counted["plan_status"]) == 2 and len(counted["closure"]) == 2


def test_the_case_team_and_the_colleagues_follow_their_own_changes(
    workspace, ctx, case, qtbot
) -> None:
    form = workspace.overview.form
    colleague = ctx.run(consultants.add_consultant, "J. Smit")
    assert form.combos["case_manager_id"].findData(colleague.id) >= 0  # a colleague: chosen
    ctx.run(staff.add_coworker, case.id, colleague.id)
    assert form.team.names.text() == "J. Smit"
    ctx.run(consultants.update_consultant, colleague.id, {"name": "J. Smit-de Wit"})
    assert form.team.names.text() == "J. Smit-de Wit"
    index = form.combos["case_manager_id"].findData(colleague.id)
    assert form.combos["case_manager_id"].itemText(index) == "J. Smit-de Wit"


def test_a_request_registered_while_the_overview_is_hidden_shows_once_it_is_seen(
    workspace, ctx, uow, case, qtbot, monkeypatch
) -> None:
    label = workspace.overview.form.requests
    assert label.isHidden()  # no request: hidden, with its caption
    reloads = _count(monkeypatch, label)
    workspace.show_page(HISTORY)
    privacy.register_request(uow, case.id, "access", TODAY, "moeder")
    ctx.signals.emit_changes(uow.changes)  # as the command does
    assert reloads == [] and label.stale
    workspace.show_page(OVERVIEW)
    assert len(reloads) == 1 and label.isVisible()
    assert workspace.overview.form._info_labels[label].isVisible()
