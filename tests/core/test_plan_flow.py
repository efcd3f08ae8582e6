"""The plan flow as a new user tries it: everyone accepts at once and the agreement is agreed by
itself, the safety network starts from the network members, readiness says what to open."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import members
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_finalise import ReadinessKind
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import SourceKind

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def family(uow, case):
    mum = members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"}).value
    ria = members.add_network_member(
        uow, case.id, {"name": "oma Ria", "kind": "family", "safety_network": True}
    ).value
    members.add_network_member(uow, case.id, {"name": "buurman Kees", "kind": "neighbour"})
    juf = members.add_network_member(
        uow, case.id, {"name": "juf Els", "kind": "school", "safety_network": True}
    ).value
    return mum, ria, juf


def _agreement(uow, version_id, family, what="Oma Ria haalt Noa elke woensdag op"):
    mum, ria, _juf = family
    parties = [
        Source(SourceKind.PERSON, person_id=mum.id),
        Source(SourceKind.NETWORK, network_id=ria.id),
    ]
    return plans.add_agreement(uow, version_id, {"what": what, "parties": parties}).value


def test_the_first_draft_starts_from_the_safety_network(uow, case, family) -> None:
    _mum, ria, juf = family
    draft = plans.start_draft(uow, case.id).value
    network = plans.get_plan(uow, draft.id).network
    assert [(r.source.network_id, r.source.label, r.position) for r in network] == [
        (ria.id, "oma Ria", 1),
        (juf.id, "juf Els", 2),
    ]
    assert all(r.told_on is None and r.role == "" for r in network)


def test_everyone_accepts_at_once_and_the_agreement_is_agreed(uow, case, family) -> None:
    draft = plans.start_draft(uow, case.id).value
    agreement = _agreement(uow, draft.id, family)
    assert agreement.status is AgreementStatus.PROPOSED
    seen = agreement.parties
    done = plans.accept_for_all(uow, agreement.id, on=DAY, how="meeting", expected=seen).value
    assert done.status is AgreementStatus.AGREED
    assert {(p.accepted, p.accepted_on, p.accepted_how.value) for p in done.parties} == {
        (True, DAY, "meeting")
    }
    # Undo: everyone back as they were, and proposed again.
    with pytest.raises(ConflictError):
        plans.set_acceptances(
            uow, agreement.id, {p.id: (None, None, None) for p in seen}, expected=seen
        )
    back = plans.set_acceptances(
        uow, agreement.id, {p.id: (None, None, None) for p in seen}, expected=done.parties
    ).value
    assert back.status is AgreementStatus.PROPOSED
    assert all(p.accepted is None for p in back.parties)
    with pytest.raises(InvalidInput):
        plans.accept_for_all(uow, agreement.id, on=DAY, how="pigeon")


def test_status_follows_each_acceptance_while_a_draft(uow, case, family) -> None:
    draft = plans.start_draft(uow, case.id).value
    agreement = _agreement(uow, draft.id, family)
    first, second = agreement.parties
    half = plans.record_acceptance(uow, first.id, True, on=DAY, how="phone").value
    assert half.status is AgreementStatus.PROPOSED
    whole = plans.record_acceptance(uow, second.id, True, on=DAY, how="signed").value
    assert whole.status is AgreementStatus.AGREED
    withdrawn = plans.record_acceptance(uow, second.id, False, on=DAY, how="phone").value
    assert withdrawn.status is AgreementStatus.PROPOSED
    plans.record_acceptance(uow, second.id, True, on=DAY, how="phone")
    # What is agreed changes: everyone is asked again, so it is proposed again.
    changed = plans.update_agreement(uow, agreement.id, {"what": "Oma Ria haalt Noa op"}).value
    assert changed.status is AgreementStatus.PROPOSED
    # A status set by hand is kept (e.g. lapsed).
    lapsed = plans.update_agreement(uow, agreement.id, {"status": "lapsed"}).value
    plans.accept_for_all(uow, agreement.id, on=DAY, how="meeting")
    assert plans.get_plan(uow, draft.id).agreements[0].status is AgreementStatus.LAPSED
    assert lapsed.status is AgreementStatus.LAPSED


def test_nobody_named_cannot_accept(uow, case, family) -> None:
    draft = plans.start_draft(uow, case.id).value
    agreement = plans.add_agreement(uow, draft.id, {"what": "Noa slaapt thuis"}).value
    with pytest.raises(InvalidInput) as caught:
        plans.accept_for_all(uow, agreement.id, on=DAY, how="meeting")
    assert caught.value.problems[0].field == "parties"


def test_readiness_problems_say_what_to_open(uow, case, family) -> None:
    draft = plans.start_draft(uow, case.id).value
    empty = plan_finalise.readiness(uow, draft.id)
    assert {(p.kind, p.target_kind, p.target_key) for p in empty.problems} == {
        (ReadinessKind.NO_AGREEMENTS, CommentTarget.SECTION, "agreements"),
        (ReadinessKind.NO_REVIEW, CommentTarget.SECTION, "review_schedule"),
    }
    long_what = "Oma Ria haalt Noa elke woensdag om drie uur van school en brengt haar naar huis"
    agreement = _agreement(uow, draft.id, family, what=long_what)
    ready = plan_finalise.readiness(uow, draft.id)
    not_accepted = ready.of_kind(ReadinessKind.NOT_ACCEPTED)[0]
    assert (not_accepted.target_kind, not_accepted.target_key) == (
        CommentTarget.AGREEMENT,
        agreement.lineage,
    )
    # The agreement is named shortened after a whole word, never cut inside one.
    assert "“Oma Ria haalt Noa elke woensdag om drie uur van school en…”" in not_accepted.message
