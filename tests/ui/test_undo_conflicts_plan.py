"""Undo and redo never overwrite a colleague's later change: the safety plan (drafts, its own
sections, agreements and acceptance, the safety network, red flags, reviews)."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.cases import members
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import SourceKind

from jeugdtool.ui.commands import execute
from jeugdtool.ui.plan import plan_commands as pc
from jeugdtool.ui.plan.reviews import AddReviewCommand
from jeugdtool.ui.plan.reviews import RemoveReviewCommand

TODAY = dt.date.today()


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def draft(ctx, case):
    return plans.start_draft(ctx.uow, case.id).value


@pytest.fixture
def ria(ctx, case) -> Source:
    member = members.add_network_member(ctx.uow, case.id, {"name": "oma Ria", "kind": "family"})
    return Source(SourceKind.NETWORK, network_id=member.value.id, label="oma Ria")


@pytest.fixture
def agreement(ctx, draft, ria):
    fields = {"what": "Oma haalt Noa op", "parties": [ria]}
    return plans.add_agreement(ctx.uow, draft.id, fields).value


def _plan(ctx, draft):
    return plans.get_plan(ctx.uow, draft.id)


@covers(pc.StartDraftCommand)
def test_undo_of_a_new_draft_keeps_a_colleagues_agreement(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = pc.StartDraftCommand(ctx, case.id)
    execute(ctx, command)
    plans.add_agreement(colleague, command.dto.id, {"what": "Buurvrouw kijkt"})
    refused(ctx, fake_dialogs, command)
    assert [a.what for a in plans.get_plan(ctx.uow, command.dto.id).agreements] == [
        "Buurvrouw kijkt"
    ]


@covers(pc.EditPlanCommand)
def test_undo_of_a_plan_edit_keeps_a_colleagues_edit(ctx, draft, colleague, fake_dialogs) -> None:
    command = pc.EditPlanCommand(ctx, draft, "children_told", "Met de kinderen praten")
    execute(ctx, command)
    shown = _plan(ctx, draft).plan  # the page shows the saved text, then the next edit
    execute(ctx, pc.EditPlanCommand(ctx, shown, "children_told", "Met Noa praten"))
    assert (ctx.undo_stack.count(), command.old, command.new) == (1, "", "Met Noa praten")
    plans.update_plan(colleague, draft.id, {"children_told": "Oma vertelt het Noa"})
    refused(ctx, fake_dialogs, command)
    assert _plan(ctx, draft).plan.children_told == "Oma vertelt het Noa"


@covers(pc.AddAgreementCommand)
def test_undo_of_adding_an_agreement_keeps_a_colleagues_acceptance(
    ctx, case, draft, ria, colleague, fake_dialogs
) -> None:
    command = pc.AddAgreementCommand(ctx, case.id, draft.id, {"what": "Oma", "parties": [ria]})
    execute(ctx, command)
    party = command.dto.parties[0]
    plans.record_acceptance(colleague, party.id, True, on=TODAY, how=AcceptedHow.PHONE)
    refused(ctx, fake_dialogs, command)
    assert _plan(ctx, draft).agreements[0].accepted_by_all


@covers(pc.EditAgreementCommand)
def test_undo_of_an_agreement_edit_keeps_a_colleagues_acceptance(
    ctx, case, draft, agreement, colleague, fake_dialogs
) -> None:
    command = pc.EditAgreementCommand(ctx, case.id, agreement, {"what": "Oma brengt Noa"})
    execute(ctx, command)  # what is agreed changed: everyone accepts again
    party = _plan(ctx, draft).agreements[0].parties[0]
    plans.record_acceptance(colleague, party.id, True, on=TODAY, how=AcceptedHow.MEETING)
    refused(ctx, fake_dialogs, command)  # undo would reset that acceptance
    now = _plan(ctx, draft).agreements[0]
    assert (now.what, now.accepted_by_all) == ("Oma brengt Noa", True)


def test_undo_of_an_agreement_edit_keeps_a_colleagues_edit(
    ctx, case, draft, agreement, colleague, fake_dialogs
) -> None:
    command = pc.EditAgreementCommand(ctx, case.id, agreement, {"when": "Elke dinsdag"})
    execute(ctx, command)
    plans.update_agreement(colleague, agreement.id, {"when": "Elke woensdag"})
    refused(ctx, fake_dialogs, command)
    assert _plan(ctx, draft).agreements[0].when == "Elke woensdag"


@covers(pc.RemoveAgreementCommand)
def test_redo_of_removing_an_agreement_keeps_a_colleagues_edit(
    ctx, case, draft, agreement, colleague, fake_dialogs
) -> None:
    command = pc.RemoveAgreementCommand(ctx, case.id, agreement)
    execute(ctx, command)
    ctx.undo_stack.undo()
    plans.update_agreement(colleague, agreement.id, {"where": "Bij school"})
    refused(ctx, fake_dialogs, command, "redo")
    assert _plan(ctx, draft).agreements[0].where == "Bij school"


@covers(pc.RecordAcceptanceCommand)
def test_undo_of_an_acceptance_keeps_a_colleagues_later_record(
    ctx, case, draft, agreement, colleague, fake_dialogs
) -> None:
    party = agreement.parties[0]
    command = pc.RecordAcceptanceCommand(
        ctx, case.id, agreement, party, True, TODAY, AcceptedHow.PHONE
    )
    execute(ctx, command)
    plans.record_acceptance(colleague, party.id, False, on=TODAY, how=AcceptedHow.MEETING)
    refused(ctx, fake_dialogs, command)
    assert _plan(ctx, draft).agreements[0].parties[0].accepted is False


@covers(pc.AddSectionRowCommand)
def test_undo_of_adding_a_red_flag_keeps_a_colleagues_edit(
    ctx, case, draft, colleague, fake_dialogs
) -> None:
    command = pc.AddSectionRowCommand(
        ctx,
        case.id,
        draft.id,
        pc.RedFlags,
        {"sign": "Gordijnen dicht", "action": "Bellen"},
        "Add red flag",
    )
    execute(ctx, command)
    plan_sections.update_red_flag(colleague, command.dto.id, {"action": "Oma belt"})
    refused(ctx, fake_dialogs, command)
    assert [f.action for f in _plan(ctx, draft).red_flags] == ["Oma belt"]


def test_undo_of_adding_to_the_safety_network_keeps_a_colleagues_edit(
    ctx, case, draft, ria, colleague, fake_dialogs
) -> None:
    fields = {"source": ria, "role": "haalt Noa op"}
    command = pc.AddSectionRowCommand(ctx, case.id, draft.id, pc.NetworkRoles, fields, "Add")
    execute(ctx, command)
    plan_sections.update_network_role(colleague, command.dto.id, {"role": "belt elke avond"})
    refused(ctx, fake_dialogs, command)
    assert [r.role for r in _plan(ctx, draft).network] == ["belt elke avond"]


@covers(pc.EditSectionRowCommand)
def test_undo_of_a_red_flag_edit_keeps_a_colleagues_edit(
    ctx, case, draft, colleague, fake_dialogs
) -> None:
    flag = plan_sections.add_red_flag(
        ctx.uow, draft.id, {"sign": "Gordijnen dicht", "action": "Oma Ria bellen"}
    ).value
    command = pc.EditSectionRowCommand(
        ctx, case.id, pc.RedFlags, flag, {"action": "Oma belt"}, "Change red flag"
    )
    execute(ctx, command)
    plan_sections.update_red_flag(colleague, flag.id, {"action": "Oma belt de consulent"})
    refused(ctx, fake_dialogs, command)
    assert [f.action for f in _plan(ctx, draft).red_flags] == ["Oma belt de consulent"]


@covers(pc.RemoveRowCommand)
def test_redo_of_removing_a_red_flag_keeps_a_colleagues_edit(
    ctx, case, draft, colleague, fake_dialogs
) -> None:
    flag = plan_sections.add_red_flag(
        ctx.uow, draft.id, {"sign": "Gordijnen dicht", "action": "Oma Ria bellen"}
    ).value
    command = pc.RemoveRowCommand(ctx, case.id, pc.RedFlags, flag, "Remove red flag")
    execute(ctx, command)
    ctx.undo_stack.undo()
    plan_sections.update_red_flag(colleague, flag.id, {"watched_by": ["oma Ria"]})
    refused(ctx, fake_dialogs, command, "redo")
    assert [f.watched_by for f in _plan(ctx, draft).red_flags] == [("oma Ria",)]


@pytest.fixture
def final(ctx, draft, agreement):
    """The draft with its agreement, finalised a week ago (reviews are of final versions)."""
    plan_finalise.finalise(
        ctx.uow, draft.id, by="A. de Boer", override_reason="test", today=TODAY - dt.timedelta(7)
    )
    return agreement


@covers(AddReviewCommand)
def test_undo_of_a_review_keeps_a_colleagues_correction(
    ctx, case, draft, final, colleague, fake_dialogs
) -> None:
    result = ResultInput(final.lineage, Kept.YES, "", "", "")
    command = AddReviewCommand(ctx, case.id, draft.id, TODAY, "Goed gegaan", [result])
    execute(ctx, command)
    plan_reviews.update_review_result(colleague, command.dto.results[0].id, {"kept": "partly"})
    refused(ctx, fake_dialogs, command)
    assert plan_reviews.list_reviews(ctx.uow, case.id)[0].results[0].kept is Kept.PARTLY


@covers(RemoveReviewCommand)
def test_redo_of_removing_a_review_keeps_a_colleagues_correction(
    ctx, case, draft, final, colleague, fake_dialogs
) -> None:
    review = plan_reviews.add_review(ctx.uow, draft.id, TODAY, "Goed gegaan", []).value
    command = RemoveReviewCommand(ctx, case.id, review)
    execute(ctx, command)
    ctx.undo_stack.undo()
    plan_reviews.update_review(colleague, review.id, {"note": "Goed gegaan, oma helpt"})
    refused(ctx, fake_dialogs, command, "redo")
    assert plan_reviews.list_reviews(ctx.uow, case.id)[0].note == "Goed gegaan, oma helpt"
