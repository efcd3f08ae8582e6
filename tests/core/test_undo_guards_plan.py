"""Undo's guards in the plan services: drafts, agreements and acceptance, the safety network,
red flags and reviews. A stale expectation is refused and changes nothing; a current one
works."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import PlanReview
from jeugdtool.framework.plan_models import RedFlag
from jeugdtool.framework.plan_models import ReviewResult
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.store.base import Base
from jeugdtool.store.uow import UnitOfWork

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()


@pytest.fixture
def colleague(db) -> UnitOfWork:
    return UnitOfWork(db, "M. Kaya")


@pytest.fixture
def draft(uow, case):
    return plans.start_draft(uow, case.id).value


@pytest.fixture
def ria(uow, case) -> Source:
    member = members.add_network_member(uow, case.id, {"name": "oma Ria", "kind": "family"})
    return Source(SourceKind.NETWORK, network_id=member.value.id)


def _agree(uow, version_id: int, what: str, parties=()):
    return plans.add_agreement(uow, version_id, {"what": what, "parties": parties}).value


def _whats(uow, version_id: int) -> list[str]:
    return [a.what for a in plans.get_plan(uow, version_id).agreements]


def _give_away(colleague: UnitOfWork, row: Base) -> None:
    """A colleague's row that gets the id of a removed one (SQLite hands freed ids out again)."""
    with colleague:
        colleague.session.add(row)
        colleague.commit()


def test_deleting_a_draft_expects_everything_in_it_as_left(uow, colleague, case, draft) -> None:
    seen = plans.draft_snapshot(uow, draft.id)
    _agree(colleague, draft.id, "Oma haalt Noa op")
    with pytest.raises(ConflictError):
        plans.delete_draft(uow, draft.id, expected=seen)
    assert _whats(uow, draft.id) == ["Oma haalt Noa op"]
    removed = plans.delete_draft(uow, draft.id, expected=plans.draft_snapshot(uow, draft.id))
    assert plans.list_versions(uow, case.id) == []
    plans.restore_draft(uow, removed.value)
    assert _whats(uow, draft.id) == ["Oma haalt Noa op"]


def test_a_draft_is_not_put_back_when_its_number_or_an_id_is_taken(
    uow, colleague, case, draft
) -> None:
    mine = _agree(uow, draft.id, "Oma haalt Noa op")
    removed = plans.delete_draft(uow, draft.id).value
    other = plans.start_draft(colleague, case.id).value  # number 1 again
    with pytest.raises(InvalidInput):
        plans.restore_draft(uow, removed)
    plans.delete_draft(colleague, other.id)
    elsewhere = households.create_case(colleague, name="Gezin Smit").value
    theirs = plans.start_draft(colleague, elsewhere.id).value
    _give_away(
        colleague,
        Agreement(
            id=mine.id,
            plan_version_id=theirs.id,
            household_id=elsewhere.id,
            position=1,
            what="Bellen",
        ),
    )
    with pytest.raises(ConflictError):
        plans.restore_draft(uow, removed)
    assert plans.list_versions(uow, case.id) == []
    assert _whats(uow, theirs.id) == ["Bellen"]


def test_removing_an_agreement_expects_it_with_its_acceptances(uow, colleague, draft, ria) -> None:
    agreement = _agree(uow, draft.id, "Oma haalt Noa op", [ria])
    changed = plans.record_acceptance(
        colleague, agreement.parties[0].id, True, on=TODAY, how="phone"
    ).value
    with pytest.raises(ConflictError):
        plans.remove_agreement(uow, agreement.id, expected=agreement)
    assert plans.get_plan(uow, draft.id).agreements[0].accepted_by_all
    removed = plans.remove_agreement(uow, agreement.id, expected=changed).value
    _give_away(
        colleague,
        Agreement(
            id=agreement.id,
            plan_version_id=draft.id,
            household_id=draft.household_id,
            position=1,
            what="Buurvrouw kijkt",
        ),
    )
    with pytest.raises(ConflictError):
        plans.restore_agreement(uow, removed)
    assert _whats(uow, draft.id) == ["Buurvrouw kijkt"]


def test_changing_an_agreement_can_expect_its_people_and_their_acceptance(
    uow, colleague, draft, ria
) -> None:
    agreement = _agree(uow, draft.id, "Oma haalt Noa op", [ria])
    plans.record_acceptance(colleague, agreement.parties[0].id, True, on=TODAY, how="phone")
    expected = {"what": "Oma haalt Noa op", "parties": agreement.parties}
    with pytest.raises(ConflictError):
        plans.update_agreement(uow, agreement.id, {"what": "Oma brengt Noa"}, expected=expected)
    now = plans.get_plan(uow, draft.id).agreements[0]
    assert (now.what, now.accepted_by_all) == ("Oma haalt Noa op", True)
    done = plans.update_agreement(
        uow, agreement.id, {"what": "Oma brengt Noa"}, expected={**expected, "parties": now.parties}
    ).value
    assert (done.what, done.accepted_by_all) == ("Oma brengt Noa", False)


def test_an_acceptance_changes_only_from_what_was_expected(uow, colleague, draft, ria) -> None:
    party = _agree(uow, draft.id, "Oma haalt Noa op", [ria]).parties[0]
    plans.record_acceptance(colleague, party.id, False, on=TODAY, how="meeting")
    nothing = {"accepted": None, "accepted_on": None, "accepted_how": None}
    with pytest.raises(ConflictError):
        plans.record_acceptance(uow, party.id, True, on=TODAY, how="phone", expected=nothing)
    assert plans.get_plan(uow, draft.id).agreements[0].parties[0].accepted is False
    refused = {"accepted": False, "accepted_on": TODAY, "accepted_how": AcceptedHow.MEETING}
    done = plans.record_acceptance(uow, party.id, True, on=TODAY, how="phone", expected=refused)
    assert done.value.parties[0].accepted is True


def test_removing_a_network_role_or_flag_expects_it_as_last_seen(
    uow, colleague, draft, ria
) -> None:
    role = plan_sections.add_network_role(uow, draft.id, {"source": ria, "role": "haalt op"})
    changed = plan_sections.update_network_role(colleague, role.value.id, {"role": "belt"})
    with pytest.raises(ConflictError):
        plan_sections.remove_network_role(uow, role.value.id, expected=role.value)
    assert plans.get_plan(uow, draft.id).network[0].role == "belt"
    plan_sections.remove_network_role(uow, role.value.id, expected=changed.value)
    assert plans.get_plan(uow, draft.id).network == ()

    flag = plan_sections.add_red_flag(
        uow, draft.id, {"sign": "Gordijnen dicht", "action": "Oma Ria bellen"}
    ).value
    changed_flag = plan_sections.update_red_flag(colleague, flag.id, {"action": "Oma belt"})
    with pytest.raises(ConflictError):
        plan_sections.remove_red_flag(uow, flag.id, expected=flag)
    removed = plan_sections.remove_red_flag(uow, flag.id, expected=changed_flag.value).value
    _give_away(
        colleague,
        RedFlag(
            id=flag.id,
            plan_version_id=draft.id,
            household_id=draft.household_id,
            position=1,
            sign="Noa te laat",
        ),
    )
    with pytest.raises(ConflictError):
        plan_sections.restore_red_flag(uow, removed)
    assert [f.sign for f in plans.get_plan(uow, draft.id).red_flags] == ["Noa te laat"]


def test_removing_a_review_expects_it_with_its_results(uow, colleague, draft) -> None:
    agreement = _agree(uow, draft.id, "Oma haalt Noa op")
    plan_finalise.finalise(
        uow, draft.id, by="A. de Boer", override_reason="test", today=TODAY - dt.timedelta(7)
    )
    result = ResultInput(agreement.lineage, Kept.YES, "", "", "")
    review = plan_reviews.add_review(uow, draft.id, TODAY, "Goed gegaan", [result]).value
    changed = plan_reviews.update_review_result(colleague, review.results[0].id, {"kept": "no"})
    with pytest.raises(ConflictError):
        plan_reviews.remove_review(uow, review.id, expected=review)
    assert plan_reviews.list_reviews(uow, draft.household_id)[0].results[0].kept is Kept.NO
    now = dataclasses.replace(review, results=(changed.value,))
    removed = plan_reviews.remove_review(uow, review.id, expected=now).value
    _give_away(
        colleague,
        PlanReview(
            id=review.id, plan_version_id=draft.id, household_id=draft.household_id, held_on=TODAY
        ),
    )
    with pytest.raises(ConflictError):
        plan_reviews.restore_review(uow, removed)
    assert [r.results for r in plan_reviews.list_reviews(uow, draft.household_id)] == [()]


def test_a_review_is_not_put_back_when_a_results_id_is_taken(uow, colleague, draft) -> None:
    agreement = _agree(uow, draft.id, "Oma haalt Noa op")
    plan_finalise.finalise(
        uow, draft.id, by="A. de Boer", override_reason="test", today=TODAY - dt.timedelta(7)
    )
    result = ResultInput(agreement.lineage, Kept.YES, "", "", "")
    review = plan_reviews.add_review(uow, draft.id, TODAY, "Goed gegaan", [result]).value
    removed = plan_reviews.remove_review(uow, review.id).value
    other = plan_reviews.add_review(colleague, draft.id, TODAY, "Tweede", []).value
    _give_away(
        colleague,
        ReviewResult(
            id=review.results[0].id,
            review_id=other.id,
            household_id=draft.household_id,
            agreement_lineage=agreement.lineage,
            kept="no",
        ),
    )
    with pytest.raises(ConflictError):
        plan_reviews.restore_review(uow, removed)
    assert [r.note for r in plan_reviews.list_reviews(uow, draft.household_id)] == ["Tweede"]
