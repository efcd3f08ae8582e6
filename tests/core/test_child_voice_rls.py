"""Team mode and the child's voice (issue 19): a child's drawing and words are case data like
any other (test_team_rls.py checks every case table on its world), and PostgreSQL itself keeps
them from a colleague outside the case — through jeugdtool and in raw SQL as that login, the
way `psql` would try. The picture's bytes live in the database, so these rules cover them too.

The world is test_team_rls.py's: case 2026-0001 (Jansen, with Noa's Three Houses drawing and
Sem's story from the demo) is Anna's; Rita and Teun read it through team A; Bert (team A) and
Carla (team B) do not work on it. Needs the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL);
skipped without it.
"""

from __future__ import annotations

import pytest

from jeugdtool.errors import NotFound
from jeugdtool.framework import child_voice
from tests.core.test_team_rls import ACCESS
from tests.core.test_team_rls import World

CASE = "2026-0001"


@pytest.fixture
def world(team_world: World) -> World:
    return team_world


def _drawing_id(world: World) -> int:
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT p.id FROM child_voice_pictures p JOIN three_houses t"
            " ON t.id = p.three_houses_id WHERE t.household_id = %s ORDER BY p.id LIMIT 1",
            (world.case_ids[CASE],),
        ).fetchone()
    assert row is not None, "the demo gives Noa's Three Houses a drawing"
    return int(row[0])


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_only_the_case_team_reads_the_drawing_in_jeugdtool(world: World, who: str) -> None:
    drawing = _drawing_id(world)
    uow = world.uow(who)
    if CASE in ACCESS[who]:
        (record,) = [
            r
            for r in child_voice.list_three_houses(uow, world.case_ids[CASE])
            if r.drawing_id == drawing
        ]
        assert "niet wakker" in record.worries
        assert child_voice.picture(uow, drawing).data.startswith(b"\x89PNG")
        return
    with pytest.raises(NotFound):
        child_voice.picture(uow, drawing)
    with pytest.raises(NotFound):
        child_voice.list_three_houses(uow, world.case_ids[CASE])
    with pytest.raises(NotFound):
        child_voice.list_stories(uow, world.case_ids[CASE])


@pytest.mark.parametrize("who", ["bert", "carla", "pim", "nobody"])
def test_a_colleague_outside_the_case_cannot_read_or_change_it_in_sql(
    world: World, who: str
) -> None:
    drawing = _drawing_id(world)
    case_id = world.case_ids[CASE]
    with world.psql(who) as conn:
        assert (
            conn.execute(
                "SELECT data FROM child_voice_pictures WHERE id = %s", (drawing,)
            ).fetchall()
            == []
        )
        for table in ("three_houses", "child_stories", "child_story_pages", "child_voice_pictures"):
            count = conn.execute(
                f"SELECT count(*) FROM {table} WHERE household_id = %s", (case_id,)
            ).fetchone()
            assert count == (0,), table
        changed = conn.execute(
            "UPDATE child_voice_pictures SET data = %s WHERE id = %s", (b"\x00", drawing)
        )
        assert changed.rowcount == 0
        removed = conn.execute("DELETE FROM three_houses WHERE household_id = %s", (case_id,))
        assert removed.rowcount == 0
    with world.owner_psql() as owner:
        data = owner.execute(
            "SELECT data FROM child_voice_pictures WHERE id = %s", (drawing,)
        ).fetchone()[0]
    assert bytes(data).startswith(b"\x89PNG")
