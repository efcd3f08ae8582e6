"""Safety plan services: drafts, agreements and acceptance, frozen versions, sections, reviews,
follow-ups and alerts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy import text

from jeugdtool import i18n
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases.queries import case_history
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import AgreementParty
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.plan_reviews import PlanNotFinalised
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.plans import PlanFinalised
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.store.audit import AuditEntry
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.snapshot import values_of
from jeugdtool.store.uow import UnitOfWork
from tests.statements import statements_sent

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()
FINALISED_ON = TODAY - dt.timedelta(days=60)
DAY = dt.timedelta(days=1)


# ---- helpers ----------------------------------------------------------------------------------


@pytest.fixture
def people(uow, case) -> dict[str, Source]:
    mum = members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"}).value
    ria = members.add_network_member(uow, case.id, {"name": "oma Ria", "kind": "family"}).value
    return {
        "mum": Source(SourceKind.PERSON, person_id=mum.id),
        "ria": Source(SourceKind.NETWORK, network_id=ria.id),
        "buurvrouw": Source(SourceKind.OTHER, label="buurvrouw Fatima"),
    }


@pytest.fixture
def draft(uow, case):
    return plans.start_draft(uow, case.id).value


def _agree(uow, version_id: int, what: str, parties=(), **fields: Any):
    return plans.add_agreement(uow, version_id, {"what": what, "parties": parties, **fields}).value


def _accept_all(uow, agreement) -> Any:
    for party in agreement.parties:
        agreement = plans.record_acceptance(
            uow, party.id, True, on=FINALISED_ON, how="meeting"
        ).value
    return agreement


def _finalise(uow, version_id: int, on: dt.date = FINALISED_ON) -> None:
    """Finalise through the finalise service (it checks readiness; 'test' overrides that)."""
    from jeugdtool.framework import plan_finalise

    plan_finalise.finalise(uow, version_id, by="A. de Boer", override_reason="test", today=on)


def _same(value: Any) -> Any:
    """`value` with every row version set to 0: a row put back (undo) starts counting again."""
    if isinstance(value, tuple):
        return tuple(_same(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _same(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if "version" in changes:
            changes["version"] = 0
        return dataclasses.replace(value, **changes)
    return value


def _history(uow, case_id: int) -> list:
    return case_history(uow, case_id)


def _raw(uow, version_id: int) -> list[dict[str, Any]]:
    """Every column of a version's agreements and their parties, as stored."""
    with uow:
        agreements = uow.session.scalars(
            select(Agreement).where(Agreement.plan_version_id == version_id).order_by(Agreement.id)
        ).all()
        parties = uow.session.scalars(
            select(AgreementParty)
            .where(AgreementParty.agreement_id.in_([a.id for a in agreements]))
            .order_by(AgreementParty.id)
        ).all()
        version = uow.session.get(PlanVersion, version_id)
        return [values_of(version)] + [values_of(r) for r in (*agreements, *parties)]


# ---- drafts, agreements, acceptance -----------------------------------------------------------


def test_draft_is_started_once_and_empty(uow, case, draft) -> None:
    assert (draft.number, draft.status, draft.based_on_id) == (1, PlanStatus.DRAFT, None)
    assert plans.start_draft(uow, case.id).value.id == draft.id  # one draft at a time
    detail = plans.current_plan(uow, case.id)
    assert detail is not None and detail.plan.id == draft.id and detail.agreements == ()


def test_accepted_by_all_is_computed_and_reset_by_a_content_change(
    uow, case, people, draft
) -> None:
    agreement = _agree(
        uow, draft.id, "Oma Ria haalt Noa elke woensdag uit school", [people["mum"], people["ria"]]
    )
    assert agreement.who == ("Sanne", "oma Ria") and not agreement.accepted_by_all
    mum, ria = agreement.parties
    agreement = plans.record_acceptance(uow, mum.id, True, on=TODAY, how="meeting").value
    assert not agreement.accepted_by_all  # oma Ria has not accepted yet
    agreement = plans.record_acceptance(uow, ria.id, False, on=TODAY, how="phone").value
    assert not agreement.accepted_by_all  # refusing is not accepting
    agreement = plans.record_acceptance(uow, ria.id, True, on=TODAY, how=AcceptedHow.PHONE).value
    assert agreement.accepted_by_all
    assert agreement.parties[1].accepted_how is AcceptedHow.PHONE
    with pytest.raises(InvalidInput):  # how it was accepted is required
        plans.record_acceptance(uow, mum.id, True)

    # Not a change of what was agreed: acceptance stays.
    agreement = plans.update_agreement(
        uow, agreement.id, {"status": "agreed", "realistic_confirmed": True}
    ).value
    assert agreement.accepted_by_all and agreement.status is AgreementStatus.AGREED
    # What was agreed changed: everyone must accept again.
    agreement = plans.update_agreement(uow, agreement.id, {"when": "elke dinsdag"}).value
    assert not agreement.accepted_by_all
    assert [p.accepted for p in agreement.parties] == [None, None]

    # Adding a person keeps the others' acceptance; the newcomer is not asked yet.
    agreement = _accept_all(uow, agreement)
    agreement = plans.update_agreement(
        uow, agreement.id, {"parties": [people["mum"], people["ria"], people["buurvrouw"]]}
    ).value
    assert [p.accepted for p in agreement.parties] == [True, True, None]
    assert not agreement.accepted_by_all
    # An agreement that names nobody is not "accepted by everyone".
    assert not _agree(uow, draft.id, "Niemand").accepted_by_all


def test_removed_agreement_comes_back_with_its_id_and_acceptance(uow, case, people, draft) -> None:
    a = _agree(uow, draft.id, "A", [people["mum"]])
    b = _accept_all(uow, _agree(uow, draft.id, "B", [people["mum"], people["ria"]]))
    _agree(uow, draft.id, "C")
    removed = plans.remove_agreement(uow, b.id).value
    detail = plans.get_plan(uow, draft.id)
    assert [(x.what, x.position) for x in detail.agreements] == [("A", 1), ("C", 2)]
    back = plans.restore_agreement(uow, removed).value
    assert (back.id, back.lineage) == (b.id, b.lineage)
    assert [p.id for p in back.parties] == [p.id for p in b.parties]
    assert back.accepted_by_all and _same(back.parties) == _same(b.parties)
    assert [x.what for x in plans.get_plan(uow, draft.id).agreements] == ["A", "B", "C"]
    assert a.id != back.id


def test_restored_agreement_positions_stay_tidy(uow, case, draft) -> None:
    _agree(uow, draft.id, "A")
    b = _agree(uow, draft.id, "B")
    _agree(uow, draft.id, "C")
    plans.restore_agreement(uow, plans.remove_agreement(uow, b.id).value)
    assert [x.position for x in plans.get_plan(uow, draft.id).agreements] == [1, 2, 3]


def test_deleted_draft_comes_back_whole(uow, case, people, draft) -> None:
    _accept_all(uow, _agree(uow, draft.id, "A", [people["mum"]]))
    plan_sections.add_network_role(uow, draft.id, {"source": people["ria"], "role": "bel-oma"})
    plan_sections.add_red_flag(
        uow,
        draft.id,
        {"sign": "Gordijnen dicht", "watched_by": ["Ria"], "action": "Oma Ria bellen"},
    )
    before = plans.get_plan(uow, draft.id)
    snapshot = plans.delete_draft(uow, draft.id).value
    assert plans.current_plan(uow, case.id) is None
    assert plans.restore_draft(uow, snapshot).value.id == draft.id
    assert _same(plans.get_plan(uow, draft.id)) == _same(before)


def _removed(uow, draft, people) -> dict[str, Snapshot]:
    """An agreement, a safety-network entry and a red flag removed from the draft (for undo)."""
    role = plan_sections.add_network_role(uow, draft.id, {"source": people["buurvrouw"]}).value
    flag = plan_sections.add_red_flag(
        uow, draft.id, {"sign": "weg", "action": "Oma Ria bellen"}
    ).value
    return {
        "agreement": plans.remove_agreement(uow, _agree(uow, draft.id, "weg").id).value,
        "role": plan_sections.remove_network_role(uow, role.id).value,
        "flag": plan_sections.remove_red_flag(uow, flag.id).value,
    }


def test_undo_of_a_removal_keeps_who_wrote_the_agreement_and_when(
    uow, db, case, people, draft
) -> None:
    colleague = UnitOfWork(db, "M. Kaya")
    agreement = _agree(colleague, draft.id, "Oma haalt Noa op", [people["ria"]])
    (written,) = [r for r in _raw(uow, draft.id) if r.get("id") == agreement.id and "what" in r]
    plans.restore_agreement(uow, plans.remove_agreement(uow, agreement.id).value)
    (back,) = [r for r in _raw(uow, draft.id) if r.get("id") == agreement.id and "what" in r]
    assert (back["created_by"], back["created_at"]) == ("M. Kaya", written["created_at"])


def test_an_agreement_naming_someone_who_left_the_case_comes_back(uow, case, people, draft) -> None:
    agreement = _accept_all(uow, _agree(uow, draft.id, "Sanne belt oma", [people["mum"]]))
    members.remove_person(uow, people["mum"].person_id)
    (named,) = plans.get_plan(uow, draft.id).agreements[0].parties
    assert (named.source.person_id, named.source.label) == (None, "Sanne")
    back = plans.restore_agreement(uow, plans.remove_agreement(uow, agreement.id).value).value
    assert _same(back.parties) == _same((named,)) and back.accepted_by_all


def test_a_removal_is_not_put_back_naming_someone_removed_meanwhile(
    uow, case, people, draft
) -> None:
    agreement = _agree(uow, draft.id, "Sanne belt oma", [people["mum"]])
    role = plan_sections.add_network_role(uow, draft.id, {"source": people["mum"]}).value
    gone_agreement = plans.remove_agreement(uow, agreement.id).value
    gone_role = plan_sections.remove_network_role(uow, role.id).value
    members.remove_person(uow, people["mum"].person_id)
    with pytest.raises(InvalidInput, match=i18n._("Choose a member of this household.")):
        plans.restore_agreement(uow, gone_agreement)
    with pytest.raises(InvalidInput):
        plan_sections.restore_network_role(uow, gone_role)
    detail = plans.get_plan(uow, draft.id)
    assert (detail.agreements, detail.network) == ((), ())


def test_someone_in_the_safety_network_again_is_not_put_back_twice(
    uow, case, people, draft
) -> None:
    role = plan_sections.add_network_role(uow, draft.id, {"source": people["ria"], "role": "A"})
    removed = plan_sections.remove_network_role(uow, role.value.id).value
    plan_sections.add_network_role(uow, draft.id, {"source": people["ria"], "role": "B"})
    with pytest.raises(InvalidInput, match="oma Ria"):
        plan_sections.restore_network_role(uow, removed)
    assert [r.role for r in plans.get_plan(uow, draft.id).network] == ["B"]


# ---- frozen versions ------------------------------------------------------------------------


def _full_draft(uow, draft, people):
    agreement = _accept_all(uow, _agree(uow, draft.id, "A", [people["mum"], people["ria"]]))
    role = plan_sections.add_network_role(
        uow, draft.id, {"source": people["ria"], "role": "checkt contact", "told_on": TODAY}
    ).value
    flag = plan_sections.add_red_flag(
        uow, draft.id, {"sign": "Noa niet op school", "watched_by": ["juf Anke"], "action": "bel"}
    ).value
    plans.update_plan(uow, draft.id, {"review_schedule": "elke 6 weken"})
    return agreement, role, flag


def test_a_finalised_version_refuses_every_change_and_writes_nothing(
    uow, case, people, draft
) -> None:
    agreement, role, flag = _full_draft(uow, draft, people)
    gone = _removed(uow, draft, people)
    _finalise(uow, draft.id)
    before_plan, before_rows = plans.get_plan(uow, draft.id), _raw(uow, draft.id)
    before_history = _history(uow, case.id)
    party = agreement.parties[0]
    attempts = {
        "update_plan": lambda: plans.update_plan(uow, draft.id, {"children_told": "x"}),
        "add_agreement": lambda: _agree(uow, draft.id, "nieuw"),
        "restore_agreement": lambda: plans.restore_agreement(uow, gone["agreement"]),
        "update_agreement": lambda: plans.update_agreement(uow, agreement.id, {"what": "x"}),
        "update_status": lambda: plans.update_agreement(uow, agreement.id, {"status": "kept"}),
        "update_parties": lambda: plans.update_agreement(uow, agreement.id, {"parties": []}),
        "remove_agreement": lambda: plans.remove_agreement(uow, agreement.id),
        "record_acceptance": lambda: plans.record_acceptance(uow, party.id, None),
        "delete_draft": lambda: plans.delete_draft(uow, draft.id),
        "add_role": lambda: plan_sections.add_network_role(
            uow, draft.id, {"source": people["mum"]}
        ),
        "update_role": lambda: plan_sections.update_network_role(uow, role.id, {"role": "x"}),
        "move_role": lambda: plan_sections.move_network_role(uow, role.id, 1),
        "remove_role": lambda: plan_sections.remove_network_role(uow, role.id),
        "restore_role": lambda: plan_sections.restore_network_role(uow, gone["role"]),
        "add_flag": lambda: plan_sections.add_red_flag(
            uow, draft.id, {"sign": "x", "action": "Oma Ria bellen"}
        ),
        "update_flag": lambda: plan_sections.update_red_flag(uow, flag.id, {"action": "x"}),
        "move_flag": lambda: plan_sections.move_red_flag(uow, flag.id, 1),
        "remove_flag": lambda: plan_sections.remove_red_flag(uow, flag.id),
        "restore_flag": lambda: plan_sections.restore_red_flag(uow, gone["flag"]),
    }
    for name, attempt in attempts.items():
        with pytest.raises(PlanFinalised):
            attempt()
        assert _history(uow, case.id) == before_history, name
    assert plans.get_plan(uow, draft.id) == before_plan
    assert _raw(uow, draft.id) == before_rows


def test_a_closed_case_refuses_plan_changes(uow, case, people, draft) -> None:
    _agreement, role, flag = _full_draft(uow, draft, people)
    households.close_case(uow, case.id, "Hulp afgerond")
    before = _history(uow, case.id)
    for attempt in (
        lambda: _agree(uow, draft.id, "nieuw"),
        lambda: plan_sections.update_network_role(uow, role.id, {"role": "x"}),
        lambda: plan_sections.remove_red_flag(uow, flag.id),
        lambda: plans.start_draft(uow, case.id),
    ):
        with pytest.raises(CaseClosed):
            attempt()
    assert _history(uow, case.id) == before


def test_a_new_draft_copies_the_final_version(uow, case, people, draft) -> None:
    agreement, role, flag = _full_draft(uow, draft, people)
    _finalise(uow, draft.id)
    second = plans.start_draft(uow, case.id).value
    assert (second.number, second.based_on_id, second.status) == (2, draft.id, PlanStatus.DRAFT)
    old, new = plans.get_plan(uow, draft.id), plans.get_plan(uow, second.id)
    (copy,) = new.agreements
    assert copy.id != agreement.id and copy.lineage == agreement.lineage
    assert copy.accepted_by_all  # acceptance is kept
    assert [p.source for p in copy.parties] == [p.source for p in agreement.parties]
    assert [(r.source, r.role) for r in new.network] == [(role.source, role.role)]
    assert [(f.sign, f.watched_by) for f in new.red_flags] == [(flag.sign, flag.watched_by)]
    assert new.plan.review_schedule == "elke 6 weken"
    # Changing the new draft leaves the finalised version as it was.
    plans.update_agreement(uow, copy.id, {"what": "B"})
    plan_sections.update_network_role(uow, new.network[0].id, {"role": "voorzitter"})
    assert plans.get_plan(uow, draft.id) == old
    assert [v.status for v in plans.list_versions(uow, case.id)] == [
        PlanStatus.FINAL,
        PlanStatus.DRAFT,
    ]


# ---- sections: safety network ---------------------------------------------------------------


def test_network_roles_who_role_and_when_told(uow, case, people, draft) -> None:
    ria = plan_sections.add_network_role(
        uow, draft.id, {"source": people["ria"], "role": "checkt contact", "told_on": "01-02-2026"}
    ).value
    assert (ria.source.label, ria.role, ria.told_on, ria.position) == (
        "oma Ria",
        "checkt contact",
        dt.date(2026, 2, 1),
        1,
    )
    fatima = plan_sections.add_network_role(
        uow, draft.id, {"source": people["buurvrouw"], "role": "vertrouwenspersoon van Noa"}
    ).value
    assert fatima.position == 2 and fatima.told_on is None

    with pytest.raises(InvalidInput) as info:  # who is required
        plan_sections.add_network_role(uow, draft.id, {"role": "x"})
    assert info.value.for_field("source")
    with pytest.raises(InvalidInput):  # the consultant is not part of the family's network
        plan_sections.add_network_role(uow, draft.id, {"source": Source(), "role": "x"})
    with pytest.raises(InvalidInput, match="oma Ria"):  # once per person, all roles in one
        plan_sections.add_network_role(uow, draft.id, {"source": people["ria"], "role": "x"})
    with pytest.raises(InvalidInput, match="Fatima"):  # someone by name: names compared
        plan_sections.add_network_role(
            uow, draft.id, {"source": Source(SourceKind.OTHER, label="Buurvrouw FATIMA")}
        )
    with pytest.raises(InvalidInput) as info:  # told in the future, and an unknown person
        plan_sections.add_network_role(
            uow,
            draft.id,
            {"source": Source(SourceKind.PERSON, person_id=9999), "told_on": TODAY + DAY},
        )
    assert {p.field for p in info.value.problems} == {"source", "told_on"}
    with pytest.raises(InvalidInput):
        plan_sections.update_network_role(uow, fatima.id, {"source": people["ria"]})
    assert len(plans.get_plan(uow, draft.id).network) == 2


def test_network_role_update_expected_move_remove_restore(uow, case, people, draft) -> None:
    roles = [
        plan_sections.add_network_role(uow, draft.id, {"source": s, "role": r}).value
        for s, r in zip(people.values(), ("A", "B", "C"), strict=True)
    ]
    changed = plan_sections.update_network_role(
        uow, roles[1].id, {"role": "B2"}, expected={"role": "B", "source": roles[1].source}
    ).value
    assert changed.role == "B2" and changed.version == roles[1].version + 1
    with pytest.raises(ConflictError):  # undo expects "B" but a colleague wrote "B2"
        plan_sections.update_network_role(uow, roles[1].id, {"role": "B"}, expected={"role": "B"})
    plan_sections.move_network_role(uow, roles[2].id, 1)
    assert [r.role for r in plans.get_plan(uow, draft.id).network] == ["C", "A", "B2"]
    removed = plan_sections.remove_network_role(uow, roles[0].id).value
    network = plans.get_plan(uow, draft.id).network
    assert [(r.role, r.position) for r in network] == [("C", 1), ("B2", 2)]
    back = plan_sections.restore_network_role(uow, removed).value
    assert (back.id, back.position, back.source) == (roles[0].id, 2, roles[0].source)
    network = plans.get_plan(uow, draft.id).network
    assert [(r.role, r.position) for r in network] == [("C", 1), ("A", 2), ("B2", 3)]


# ---- sections: red flags --------------------------------------------------------------------


def test_red_flags_rules_order_and_undo(uow, case, draft) -> None:
    first = plan_sections.add_red_flag(
        uow,
        draft.id,
        {
            "sign": " Gordijnen overdag dicht ",
            "watched_by": ["oma Ria", " ", "Buurvrouw Fatima\njuf Anke", "OMA RIA"],
            "action": "Oma belt Sanne; geen gehoor: oma belt de consulent",
        },
    ).value
    assert first.sign == "Gordijnen overdag dicht"
    assert first.watched_by == ("oma Ria", "Buurvrouw Fatima", "juf Anke")
    second = plan_sections.add_red_flag(
        uow, draft.id, {"sign": "Noa komt te laat", "action": "Oma Ria bellen"}
    ).value
    third = plan_sections.add_red_flag(
        uow, draft.id, {"sign": "Vader drinkt", "action": "Oma Ria bellen"}
    ).value
    assert [f.position for f in (first, second, third)] == [1, 2, 3]
    with pytest.raises(InvalidInput) as info:
        plan_sections.add_red_flag(
            uow, draft.id, {"sign": " ", "watched_by": [3], "action": "Oma Ria bellen"}
        )
    assert {p.field for p in info.value.problems} == {"sign", "watched_by"}
    with pytest.raises(InvalidInput):
        plan_sections.add_red_flag(uow, draft.id, {"action": "bel"})
    with pytest.raises(InvalidInput):
        plan_sections.update_red_flag(uow, first.id, {"colour": "rood"})

    changed = plan_sections.update_red_flag(
        uow, first.id, {"watched_by": ["oma Ria"]}, expected={"watched_by": first.watched_by}
    ).value
    assert changed.watched_by == ("oma Ria",)
    with pytest.raises(ConflictError):
        plan_sections.update_red_flag(
            uow, first.id, {"watched_by": []}, expected={"watched_by": first.watched_by}
        )
    removed = plan_sections.remove_red_flag(uow, second.id).value
    assert [f.position for f in plans.get_plan(uow, draft.id).red_flags] == [1, 2]
    back = plan_sections.restore_red_flag(uow, removed).value
    assert _same(back) == _same(second)
    flags = plans.get_plan(uow, draft.id).red_flags
    assert [(f.sign, f.position) for f in flags] == [
        ("Gordijnen overdag dicht", 1),
        ("Noa komt te laat", 2),
        ("Vader drinkt", 3),
    ]
    plan_sections.move_red_flag(uow, first.id, 99)
    assert [f.sign for f in plans.get_plan(uow, draft.id).red_flags][-1] == first.sign


def test_a_move_with_expected_refuses_when_a_colleague_reordered_since(
    uow, case, people, draft
) -> None:
    roles = [
        plan_sections.add_network_role(uow, draft.id, {"source": s, "role": r}).value
        for s, r in zip(people.values(), ("A", "B", "C"), strict=True)
    ]
    moved = plan_sections.move_network_role(uow, roles[2].id, 2, expected={"position": 3})
    assert moved.value.position == 2
    # A colleague moves "A" below "C": "C" is now first, not where this user left it.
    plan_sections.move_network_role(uow, roles[0].id, 3)
    with pytest.raises(ConflictError):  # undo of the first move expects "C" at 2
        plan_sections.move_network_role(uow, roles[2].id, 3, expected={"position": 2})
    assert [r.role for r in plans.get_plan(uow, draft.id).network] == ["C", "B", "A"]

    flags = [
        plan_sections.add_red_flag(uow, draft.id, {"sign": sign, "action": "Oma Ria bellen"}).value
        for sign in ("x", "y")
    ]
    plan_sections.move_red_flag(uow, flags[1].id, 1, expected={"position": 2})
    plan_sections.move_red_flag(uow, flags[0].id, 1)  # a colleague puts "x" first again
    with pytest.raises(ConflictError):
        plan_sections.move_red_flag(uow, flags[1].id, 2, expected={"position": 1})
    assert [f.sign for f in plans.get_plan(uow, draft.id).red_flags] == ["x", "y"]
    back = plan_sections.move_red_flag(uow, flags[1].id, 1, expected={"position": 2}).value
    assert back.position == 1


# ---- reviews ----------------------------------------------------------------------------------


@pytest.fixture
def final(uow, case, people, draft):
    """Version 1, finalised 60 days ago, with three agreements."""
    a = _accept_all(uow, _agree(uow, draft.id, "Oma haalt Noa op", [people["ria"]]))
    b = _accept_all(
        uow, _agree(uow, draft.id, "Sanne belt oma", [people["mum"]], serves=["lijn-1"])
    )
    c = _agree(uow, draft.id, "Buurvrouw kijkt", [people["buurvrouw"]])
    _finalise(uow, draft.id)
    return plans.get_plan(uow, draft.id), (a, b, c)


def test_a_draft_is_not_reviewed(uow, case, draft) -> None:
    with pytest.raises(PlanNotFinalised, match=r"concept|draft"):
        plan_reviews.add_review(uow, draft.id, TODAY, "", [])
    assert plan_reviews.list_reviews(uow, case.id) == ()


def test_review_results_are_stored_and_never_change_the_version(uow, case, final) -> None:
    detail, (a, b, _c) = final
    before = _raw(uow, detail.plan.id)
    review = plan_reviews.add_review(
        uow,
        detail.plan.id,
        TODAY - 10 * DAY,
        "Goed gesprek",
        [
            ResultInput(a.lineage, Kept.YES, "Elke woensdag", "oma Ria"),
            ResultInput(b.lineage, "partly", "Twee keer vergeten", "Sanne", "Wekker zetten"),
        ],
    ).value
    assert (review.held_on, review.note, review.plan_version_id) == (
        TODAY - 10 * DAY,
        "Goed gesprek",
        detail.plan.id,
    )
    assert [(r.agreement_lineage, r.kept, r.reported_by) for r in review.results] == [
        (a.lineage, Kept.YES, "oma Ria"),
        (b.lineage, Kept.PARTLY, "Sanne"),
    ]
    result = plan_reviews.update_review_result(
        uow, review.results[1].id, {"kept": "no"}, expected={"kept": Kept.PARTLY}
    ).value
    assert result.kept is Kept.NO
    with pytest.raises(ConflictError):
        plan_reviews.update_review_result(
            uow, result.id, {"kept": "yes"}, expected={"kept": Kept.PARTLY}
        )
    plan_reviews.update_review(uow, review.id, {"note": "Goed gesprek met oma"})
    (seen,) = plan_reviews.list_reviews(uow, case.id)
    removed = plan_reviews.remove_review(uow, review.id).value
    assert plan_reviews.list_reviews(uow, case.id) == ()
    back = plan_reviews.restore_review(uow, removed).value
    assert back == seen and back.results[1].kept is Kept.NO
    # The finalised version is byte for byte what it was.
    assert _raw(uow, detail.plan.id) == before
    assert plans.get_plan(uow, detail.plan.id) == detail


def test_removing_a_review_names_each_result_in_the_history(uow, case, final) -> None:
    detail, (a, b, _c) = final
    results = [ResultInput(a.lineage, Kept.YES), ResultInput(b.lineage, Kept.NO)]
    review = plan_reviews.add_review(uow, detail.plan.id, TODAY, "", results).value
    plan_reviews.restore_review(uow, plan_reviews.remove_review(uow, review.id).value)
    with uow:
        trail = uow.session.execute(
            select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.action)
            .where(AuditEntry.entity == "review_result")
            .order_by(AuditEntry.id)
        ).all()
    removed = sorted(entity_id for _e, entity_id, action in trail if action == "delete")
    assert removed == sorted(r.id for r in review.results)
    assert plan_reviews.list_reviews(uow, case.id) == (review,)


def test_review_rules(uow, case, final) -> None:
    detail, (a, b, _c) = final
    version_id = detail.plan.id
    with pytest.raises(InvalidInput) as info:
        plan_reviews.add_review(
            uow,
            version_id,
            TODAY + DAY,  # in the future
            "",
            [
                ResultInput("no-such-lineage", Kept.YES),
                ResultInput(a.lineage, "maybe"),
                ResultInput(b.lineage, Kept.NO),
                ResultInput(b.lineage, Kept.YES),  # twice
            ],
        )
    assert [p.field for p in info.value.problems] == [
        "held_on",
        "results[0].agreement_lineage",
        "results[1].kept",
        "results[3].agreement_lineage",
    ]
    with pytest.raises(InvalidInput) as info:  # before the version was finalised
        plan_reviews.add_review(uow, version_id, FINALISED_ON - DAY, "", [])
    assert FINALISED_ON.strftime("%d-%m-%Y") in info.value.for_field("held_on")[0]
    # An agreement of the next version (same lineage) is reviewed on its own version.
    second = plans.start_draft(uow, case.id).value
    new = _agree(uow, second.id, "Alleen in versie 2")
    _finalise(uow, second.id, TODAY)
    with pytest.raises(InvalidInput, match=r"versie 1|version 1"):
        plan_reviews.add_review(uow, version_id, TODAY, "", [ResultInput(new.lineage, "yes")])
    assert plan_reviews.list_reviews(uow, case.id) == ()


def test_list_reviews_and_last_results(uow, case, final) -> None:
    detail, (a, b, _c) = final
    v = detail.plan.id
    first = plan_reviews.add_review(
        uow, v, TODAY - 30 * DAY, "", [ResultInput(a.lineage, "no"), ResultInput(b.lineage, "no")]
    ).value
    second = plan_reviews.add_review(
        uow, v, TODAY - 5 * DAY, "", [ResultInput(a.lineage, "yes", reported_by="school")]
    ).value
    assert [r.id for r in plan_reviews.list_reviews(uow, case.id)] == [second.id, first.id]
    last = plan_reviews.last_results(uow, case.id)
    assert set(last) == {a.lineage, b.lineage}
    assert (last[a.lineage].kept, last[a.lineage].reported_by) == (Kept.YES, "school")
    assert last[b.lineage].kept is Kept.NO  # not looked at since the first review


def test_follow_ups_become_agreements_in_the_draft(uow, case, people, final) -> None:
    detail, (a, b, c) = final
    review = plan_reviews.add_review(
        uow,
        detail.plan.id,
        TODAY,
        "",
        [
            ResultInput(a.lineage, "yes"),
            ResultInput(b.lineage, "partly", follow_up="Sanne zet een wekker om 15.00 uur"),
        ],
    ).value
    carried = plan_reviews.carry_follow_ups(uow, review.id)
    (new,) = carried.value
    assert carried.changes.touches("plan_version", "agreement")
    draft = plans.current_plan(uow, case.id)
    assert draft is not None and draft.plan.number == 2 and not draft.plan.is_final
    assert new.plan_version_id == draft.plan.id and new.status is AgreementStatus.PROPOSED
    assert new.what == "Sanne zet een wekker om 15.00 uur" and new.lineage != b.lineage
    assert [p.source for p in new.parties] == [p.source for p in b.parties]
    assert [p.accepted for p in new.parties] == [None]  # a new agreement: not asked yet
    assert new.serves == ("lijn-1",)
    assert [x.what for x in draft.agreements] == [a.what, b.what, c.what, new.what]
    assert [x.position for x in draft.agreements] == [1, 2, 3, 4]
    # Carrying again adds nothing twice.
    with pytest.raises(InvalidInput):
        plan_reviews.carry_follow_ups(uow, review.id)
    # A review without follow-ups has nothing to carry.
    plain = plan_reviews.add_review(uow, detail.plan.id, TODAY, "", [ResultInput(a.lineage, "yes")])
    with pytest.raises(InvalidInput):
        plan_reviews.carry_follow_ups(uow, plain.value.id)
    # An existing draft gets them; no third version is started.
    later = plan_reviews.add_review(
        uow, detail.plan.id, TODAY, "", [ResultInput(c.lineage, "no", follow_up="Bel de buurvrouw")]
    ).value
    (more,) = plan_reviews.carry_follow_ups(uow, later.id).value
    assert more.plan_version_id == draft.plan.id
    assert len(plans.list_versions(uow, case.id)) == 2
    assert plans.get_plan(uow, detail.plan.id) == detail


# ---- alerts -----------------------------------------------------------------------------------


def _plan_with_dates(uow, case_id: int, people, *, next_review: dt.date | None, agreements=()):
    draft = plans.start_draft(uow, case_id).value
    plans.update_plan(uow, draft.id, {"next_review_on": next_review})
    made = [
        _agree(uow, draft.id, what, [people["mum"]] if people else [], **fields)
        for what, fields in agreements
    ]
    _finalise(uow, draft.id)
    return draft, made


def test_case_alerts(uow, case, people) -> None:
    assert not plan_reviews.case_alerts(uow, case.id)  # no plan yet
    draft, (late, _kept, _lapsed, _future, reviewed) = _plan_with_dates(
        uow,
        case.id,
        people,
        next_review=TODAY - 10 * DAY,
        agreements=[
            ("Te laat", {"due_on": TODAY - 3 * DAY}),
            ("Nagekomen", {"due_on": TODAY - 3 * DAY, "status": "kept"}),
            ("Vervallen", {"review_on": TODAY - 3 * DAY, "status": "lapsed"}),
            ("Nog niet", {"due_on": TODAY, "review_on": TODAY + DAY}),
            ("Besproken", {"review_on": TODAY - 20 * DAY}),
        ],
    )
    plan_reviews.add_review(
        uow, draft.id, TODAY - 15 * DAY, "", [ResultInput(reviewed.lineage, "no")]
    )
    alerts = plan_reviews.case_alerts(uow, case.id, TODAY)
    assert alerts.review_overdue and alerts.review_due_on == TODAY - 10 * DAY
    assert alerts.plan_version_id == draft.id
    assert [a.what for a in alerts.agreements_past_date] == ["Te laat"]
    assert alerts.agreements_past_date[0].who == ("Sanne",)
    # A review held on or after the date: no longer overdue, the agreement it looked at neither.
    plan_reviews.add_review(uow, draft.id, TODAY, "", [ResultInput(late.lineage, "partly")])
    alerts = plan_reviews.case_alerts(uow, case.id, TODAY)
    assert not alerts and alerts.review_due_on == TODAY - 10 * DAY
    # A draft does not count: alerts are about the newest FINALISED version.
    second = plans.start_draft(uow, case.id).value
    plans.update_plan(uow, second.id, {"next_review_on": TODAY - 100 * DAY})
    assert not plan_reviews.case_alerts(uow, case.id, TODAY)
    # Later, the future dates pass too.
    later = plan_reviews.case_alerts(uow, case.id, TODAY + 5 * DAY)
    assert [a.what for a in later.agreements_past_date] == ["Nog niet"]


def test_cases_with_alerts_over_many_cases_in_a_few_queries(uow, db, case, people) -> None:
    overdue = case  # review date passed
    _plan_with_dates(uow, overdue.id, people, next_review=TODAY - DAY)
    late = households.create_case(uow, name="Gezin Bakker").value
    _plan_with_dates(
        uow,
        late.id,
        None,
        next_review=TODAY + 10 * DAY,
        agreements=[("A", {"due_on": TODAY - DAY}), ("B", {"review_on": TODAY - 2 * DAY})],
    )
    fine = households.create_case(uow, name="Gezin de Vries").value
    _plan_with_dates(uow, fine.id, None, next_review=TODAY, agreements=[("C", {"due_on": TODAY})])
    closed = households.create_case(uow, name="Gezin Smit").value
    _plan_with_dates(uow, closed.id, None, next_review=TODAY - 5 * DAY)
    households.close_case(uow, closed.id, "Hulp afgerond")
    draft_only = households.create_case(uow, name="Gezin Yilmaz").value
    draft = plans.start_draft(uow, draft_only.id).value
    plans.update_plan(uow, draft.id, {"next_review_on": TODAY - 5 * DAY})
    households.create_case(uow, name="Gezin zonder plan")

    with statements_sent(db, "SELECT") as statements:
        found = plan_reviews.cases_with_alerts(uow, TODAY)
    assert set(found) == {overdue.id, late.id}
    assert "Evaluatie" in found[overdue.id] or "Review" in found[overdue.id]
    assert found[late.id].startswith("2 ")
    assert len(statements) <= 4
    # The same number of queries whatever the number of cases.
    for n in range(3):
        extra = households.create_case(uow, name=f"Gezin {n}").value
        _plan_with_dates(
            uow,
            extra.id,
            None,
            next_review=TODAY - DAY,
            agreements=[("D", {"due_on": TODAY - DAY})],
        )
    with statements_sent(db, "SELECT") as statements:
        assert len(plan_reviews.cases_with_alerts(uow, TODAY)) == 5
    assert len(statements) <= 4


def test_alert_reason_in_dutch() -> None:
    reason = plan_reviews.alert_reason(dt.date(2026, 12, 1), 2)
    assert "01-12-2026" in reason and "2" in reason
    assert plan_reviews.alert_reason(None, 1).startswith("1 ")


def test_a_string_serves_one_statement_not_its_letters(uow, case, draft) -> None:
    made = plans.add_agreement(uow, draft.id, {"what": "Oma haalt Noa op", "serves": "abc"}).value
    assert made.serves == ("abc",)


def test_an_unknown_way_of_accepting_is_a_clear_message(uow, case, draft) -> None:
    from jeugdtool.errors import InvalidInput
    from jeugdtool.framework.dto import Source
    from jeugdtool.framework.vocab import SourceKind

    made = _agree(uow, draft.id, "A", parties=[Source(SourceKind.OTHER, label="Buurvrouw Zoë")])
    with pytest.raises(InvalidInput) as info:
        plans.record_acceptance(uow, made.parties[0].id, True, how="per duif")
    assert info.value.problems[0].field == "accepted_how"


def test_a_person_named_twice_is_one_party(uow, case, draft) -> None:
    from jeugdtool.framework.dto import Source
    from jeugdtool.framework.vocab import SourceKind

    zoe = Source(SourceKind.OTHER, label="Buurvrouw Zoë")
    made = _agree(uow, draft.id, "Zoë belt elke avond", parties=[zoe, zoe])
    assert [p.source.label for p in made.parties] == ["Buurvrouw Zoë"]


def test_who_watches_is_audited_as_the_lines_it_is_stored_as(uow, case, draft) -> None:
    flag = plan_sections.add_red_flag(
        uow,
        draft.id,
        {"sign": "Mark drinkt", "watched_by": ["oma Ria", "Fatima"], "action": "Oma Ria bellen"},
    ).value
    assert flag.watched_by == ("oma Ria", "Fatima")
    plan_sections.update_red_flag(
        uow, flag.id, {"watched_by": ["oma Ria"]}, expected={"watched_by": flag.watched_by}
    )
    with uow:
        stored = uow.session.scalar(
            text("SELECT watched_by FROM red_flags WHERE id = :id"), {"id": flag.id}
        )
        change = uow.session.execute(
            select(AuditEntry.old, AuditEntry.new).where(
                AuditEntry.entity == "red_flag",
                AuditEntry.entity_id == flag.id,
                AuditEntry.field == "watched_by",
            )
        ).one()
    assert stored == "oma Ria"
    assert tuple(change) == ("oma Ria\nFatima", "oma Ria")
