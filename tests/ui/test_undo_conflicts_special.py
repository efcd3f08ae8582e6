"""Undo and redo never overwrite a colleague's later change: the mark for special categories
of personal data on an agreement (also of a finalised plan version), on "how the children are
told", a review, a review result and ZRM notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.cases import members
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plans
from jeugdtool.framework import special
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.special import mark_agreement
from jeugdtool.framework.vocab import Kept
from jeugdtool.zrm import assessments as za
from jeugdtool.zrm import special as zs

from jeugdtool.ui.commands import execute
from jeugdtool.ui.special_mark import MarkAgreementCommand
from jeugdtool.ui.special_mark import MarkAssessmentNoteCommand
from jeugdtool.ui.special_mark import MarkChildrenToldCommand
from jeugdtool.ui.special_mark import MarkDomainNoteCommand
from jeugdtool.ui.special_mark import MarkResultCommand
from jeugdtool.ui.special_mark import MarkReviewCommand


@pytest.fixture
def agreement(ctx, case):
    draft = plans.start_draft(ctx.uow, case.id).value
    plans.add_agreement(ctx.uow, draft.id, {"what": "Naar de huisarts voor migraine"})
    plan_finalise.finalise(
        ctx.uow, draft.id, by="A. de Boer", override_reason="test", today=dt.date.today()
    )
    return plans.get_plan(ctx.uow, draft.id).agreements[0]  # of a finalised version


@covers(MarkAgreementCommand)
def test_undo_and_redo_of_a_mark_keep_a_colleagues_mark(ctx, case, agreement, db, fake_dialogs):
    colleague = colleague_of(db)
    command = MarkAgreementCommand(ctx, case.id, agreement, "health")
    execute(ctx, command)
    assert plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0].special_category == (
        "health"
    )
    ctx.undo_stack.undo()  # undo as nobody changed it: back to not marked
    assert plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0].special_category == ""
    mark_agreement(colleague, agreement.id, "addiction")
    refused(ctx, fake_dialogs, command, "redo")
    assert plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0].special_category == (
        "addiction"
    )
    again = MarkAgreementCommand(
        ctx, case.id, plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0], "justice"
    )
    execute(ctx, again)
    mark_agreement(colleague, agreement.id, "")
    refused(ctx, fake_dialogs, again)
    assert plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0].special_category == ""


# ---- "how the children are told", reviews, ZRM notes ----------------------------------------


@pytest.fixture
def final_version(ctx, case, agreement):
    """The finalised version of `agreement`, with a review of it holding one result."""
    version = next(v for v in plans.list_versions(ctx.uow, case.id) if v.is_final)
    review = plan_reviews.add_review(
        ctx.uow,
        version.id,
        dt.date.today(),
        "Sandra is bij de huisarts geweest.",
        [ResultInput(agreement.lineage, Kept.YES, "Ging goed", "oma Ria", "")],
    ).value
    return version, review


@covers(MarkChildrenToldCommand)
def test_undo_and_redo_of_the_children_told_mark_keep_a_colleagues_mark(
    ctx, case, final_version, db, fake_dialogs
):
    colleague = colleague_of(db)
    version, _review = final_version

    def mark_now() -> str:
        versions = plans.list_versions(ctx.uow, case.id)
        return next(v for v in versions if v.id == version.id).children_told_category

    command = MarkChildrenToldCommand(ctx, case.id, version, "health")
    execute(ctx, command)
    assert mark_now() == "health"
    ctx.undo_stack.undo()
    assert mark_now() == ""
    special.mark_children_told(colleague, version.id, "justice")
    refused(ctx, fake_dialogs, command, "redo")
    assert mark_now() == "justice"
    shown = replace(version, children_told_category="justice")
    again = MarkChildrenToldCommand(ctx, case.id, shown, "")
    execute(ctx, again)
    special.mark_children_told(colleague, version.id, "addiction")
    refused(ctx, fake_dialogs, again)
    assert mark_now() == "addiction"


@covers(MarkReviewCommand, MarkResultCommand)
def test_undo_and_redo_of_review_marks_keep_a_colleagues_mark(
    ctx, case, final_version, db, fake_dialogs
):
    colleague = colleague_of(db)
    _version, review = final_version
    result = review.results[0]

    def now():
        return plan_reviews.list_reviews(ctx.uow, case.id)[0]

    command = MarkReviewCommand(ctx, case.id, review, "health")
    execute(ctx, command)
    assert now().special_category == "health"
    special.mark_review(colleague, review.id, "justice")
    refused(ctx, fake_dialogs, command)
    assert now().special_category == "justice"

    marking = MarkResultCommand(ctx, case.id, result, "addiction", "het resultaat van afspraak 1")
    execute(ctx, marking)
    assert now().results[0].special_category == "addiction"
    ctx.undo_stack.undo()
    assert now().results[0].special_category == ""
    special.mark_review_result(colleague, result.id, "health")
    refused(ctx, fake_dialogs, marking, "redo")
    assert now().results[0].special_category == "health"


@pytest.fixture
def assessment(ctx, case):
    fields = {"first_name": "Sandra", "last_name": "Jansen", "role": "parent"}
    mother = members.add_person(ctx.uow, case.id, fields).value
    started = za.create_assessment(ctx.uow, mother.id, assessed_on=dt.date(2026, 1, 12)).value
    score = started.domains[0]
    return za.set_domain(ctx.uow, started.id, score.domain, {"note": "Drinkt elke avond"}).value


@covers(MarkDomainNoteCommand, MarkAssessmentNoteCommand)
def test_undo_and_redo_of_zrm_note_marks_keep_a_colleagues_mark(
    ctx, case, assessment, db, fake_dialogs
):
    colleague = colleague_of(db)
    score = assessment.domains[0]

    def now():
        return za.get_assessment(ctx.uow, assessment.id)

    command = MarkDomainNoteCommand(ctx, case.id, score, "addiction", "de notitie bij Financiën")
    execute(ctx, command)
    assert now().domains[0].special_category == "addiction"
    assert command.new == "addiction"  # the domain's mark, not the assessment's
    ctx.undo_stack.undo()
    assert now().domains[0].special_category == ""
    zs.mark_domain_note(colleague, score.id, "health")
    refused(ctx, fake_dialogs, command, "redo")
    assert now().domains[0].special_category == "health"

    noting = MarkAssessmentNoteCommand(ctx, case.id, assessment, "justice")
    execute(ctx, noting)
    assert now().special_category == "justice"
    zs.mark_assessment_note(colleague, assessment.id, "")
    refused(ctx, fake_dialogs, noting)
    assert now().special_category == ""
