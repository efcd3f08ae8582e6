"""Team mode and whom to call (issue 19): a child's trusted person and the network's chair are
case data — the case team reads and changes them, nobody else sees them — and a person's phone
number is reference data: everyone reads it, only an administrator changes it. Checked as each
login on the world of test_team_rls.py (the demo households, which have both).

Needs the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL); skipped without it.
"""

from __future__ import annotations

import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import contact_rules
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import JeugdtoolError
from tests.core.test_team_rls import ACCESS
from tests.core.test_team_rls import World

WORKERS = sorted(who for who, cases in ACCESS.items() if cases)


def _owner(world: World, sql: str) -> list[tuple]:
    with world.owner_psql() as conn:
        return [tuple(r) for r in conn.execute(sql).fetchall()]


def test_the_demo_world_has_chairs_and_trusted_persons(team_world: World) -> None:
    """Else "sees only their rows" would pass on empty columns."""
    chaired = _owner(
        team_world, "SELECT DISTINCT household_id FROM network_members WHERE chairs_network"
    )
    trusted = _owner(
        team_world, "SELECT DISTINCT household_id FROM persons WHERE trusted_person_id IS NOT NULL"
    )
    every = set(team_world.case_ids.values())
    assert {h for (h,) in chaired} == every
    assert {h for (h,) in trusted} == every


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_each_login_reads_chairs_and_trusted_persons_of_their_cases_only(
    team_world: World, who: str
) -> None:
    allowed = team_world.ids(ACCESS[who])
    with team_world.psql(who) as conn:
        chaired = conn.execute(
            "SELECT household_id, id FROM network_members WHERE chairs_network ORDER BY 1, 2"
        ).fetchall()
        trusted = conn.execute(
            "SELECT household_id, id, trusted_person_id FROM persons"
            " WHERE trusted_person_id IS NOT NULL ORDER BY 1, 2"
        ).fetchall()
    all_chaired = _owner(
        team_world,
        "SELECT household_id, id FROM network_members WHERE chairs_network ORDER BY 1, 2",
    )
    all_trusted = _owner(
        team_world,
        "SELECT household_id, id, trusted_person_id FROM persons"
        " WHERE trusted_person_id IS NOT NULL ORDER BY 1, 2",
    )
    assert [tuple(r) for r in chaired] == [r for r in all_chaired if r[0] in allowed]
    assert [tuple(r) for r in trusted] == [r for r in all_trusted if r[0] in allowed]


@pytest.mark.parametrize("who", WORKERS)
def test_the_case_team_moves_the_chair_and_the_trusted_person(team_world: World, who: str) -> None:
    uow = team_world.uow(who)
    cases = [queries.get_case(uow, i) for i in sorted(team_world.ids(ACCESS[who]))]
    detail = next(d for d in cases if d.household.status is CaseStatus.OPEN)
    case_id = detail.household.id
    chair = contact_rules.chair_of(detail.network)
    assert chair is not None
    other = next(m for m in detail.network if m.id != chair.id)
    members.update_network_member(
        uow, chair.id, {"chairs_network": False}, expected={"chairs_network": True}
    )
    members.update_network_member(uow, other.id, {"chairs_network": True})
    child = next(p for p in detail.persons if p.trusted_person_id is not None)
    members.update_person(
        uow,
        child.id,
        {"trusted_person_id": other.id},
        expected={"trusted_person_id": child.trusted_person_id},
    )
    after = queries.get_case(uow, case_id)
    new_chair = contact_rules.chair_of(after.network)
    assert new_chair is not None and new_chair.id == other.id
    assert next(p for p in after.persons if p.id == child.id).trusted_person_id == other.id


@pytest.mark.parametrize("who", ["anna", "carla"])
def test_outside_the_case_team_nothing_changes(team_world: World, who: str) -> None:
    before = _owner(team_world, "SELECT id, chairs_network FROM network_members ORDER BY id")
    forbidden = team_world.forbidden(who)
    with team_world.psql(who) as conn:
        changed = conn.execute(
            "UPDATE network_members SET chairs_network = NOT chairs_network"
            " WHERE household_id = ANY(%s)",
            (sorted(forbidden),),
        )
        assert changed.rowcount == 0
        changed = conn.execute(
            "UPDATE persons SET trusted_person_id = NULL WHERE household_id = ANY(%s)",
            (sorted(forbidden),),
        )
        assert changed.rowcount == 0
    assert _owner(team_world, "SELECT id, chairs_network FROM network_members ORDER BY id") == (
        before
    )


def test_everyone_reads_the_phone_and_only_the_administrator_changes_it(
    team_world: World,
) -> None:
    anna = team_world.person_ids["anna"]
    admin = team_world.uow("ada")
    consultants.update_consultant(admin, anna, {"phone": "06-11112222"}, expected={"phone": None})
    for who in ("anna", "carla", "pim"):
        seen = consultants.get_consultant(team_world.uow(who), anna)
        assert seen is not None and seen.phone == "06-11112222", who
    with pytest.raises(JeugdtoolError):  # her own row too: people are the administrator's
        consultants.update_consultant(team_world.uow("anna"), anna, {"phone": "06-99998888"})
    with team_world.psql("bert") as conn:
        changed = conn.execute("UPDATE consultants SET phone = '06-1' WHERE id = %s", (anna,))
        assert changed.rowcount == 0
    assert _owner(team_world, f"SELECT phone FROM consultants WHERE id = {anna}") == [
        ("06-11112222",)
    ]
    case_id = min(team_world.ids(ACCESS["anna"]))  # anna manages it: her number is on it
    household = queries.get_case(team_world.uow("anna"), case_id).household
    assert household.case_manager_phone == "06-11112222"
