"""Team mode: destroying a case removes every row of issue 18's tables (plan approvals and
their comments, network meetings with who attended, goal judgements, the children a statement
is about) — checked past every policy, as the owner. Needs the PostgreSQL test server
(JEUGDTOOL_TEST_PG_URL); skipped without it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import text

from jeugdtool.cases import destruction
from jeugdtool.cases.destruction import Ground
from tests.core.test_destruction import REASON
from tests.core.test_destruction import team  # noqa: F401  (the fixture)

NEW_TABLES = (
    "plan_approvals",
    "plan_approval_comments",
    "goal_judgements",
    "network_meetings",
    "network_meeting_attendees",
    "statement_children",
)


def _counts(owner: Any, case_id: int) -> dict[str, int]:
    with owner.engine.connect() as conn:
        return {
            table: conn.execute(
                text(f"SELECT count(*) FROM {table} WHERE household_id = :c"), {"c": case_id}
            ).scalar_one()
            for table in NEW_TABLES
        }


def test_team_destruction_removes_every_new_tables_rows(team: dict[str, Any]) -> None:  # noqa: F811
    meijer = team["cases"]["2026-0003"]  # closed; has statements about children
    day = dt.date(2026, 3, 2)
    with team["owner"].engine.begin() as conn:  # a network meeting with a judgement given in it
        meeting = conn.execute(
            text(
                "INSERT INTO network_meetings (household_id, held_on, place, shared, told, "
                "decisions, version, created_at, created_by, updated_at, updated_by) VALUES "
                "(:c, :d, 'Buurthuis', '', '', 'Oma past op', 1, now(), '', now(), '') "
                "RETURNING id"
            ),
            {"c": meijer, "d": day},
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO network_meeting_attendees (household_id, meeting_id, position, "
                "chaired, source_kind, source_label, version, created_at, created_by, "
                "updated_at, updated_by) VALUES (:c, :m, 1, true, 'other', 'Oma', 1, now(), '', "
                "now(), '')"
            ),
            {"c": meijer, "m": meeting},
        )
        conn.execute(
            text(
                "INSERT INTO goal_judgements (household_id, goal_lineage, judged_on, judgement, "
                "note, judged_by, network_meeting_id, version, created_at, created_by, "
                "updated_at, updated_by) VALUES (:c, 'S9', :d, 'met', 'Gaat goed', 'Anna', :m, "
                "1, now(), '', now(), '')"
            ),
            {"c": meijer, "d": day, "m": meeting},
        )
        # The demo's approvals stay out of a team database (nobody decides in another's
        # name): one decided by a colleague of old, with a comment, as the owner.
        version = conn.execute(
            text("SELECT min(id) FROM plan_versions WHERE household_id = :c"), {"c": meijer}
        ).scalar_one()
        approval = conn.execute(
            text(
                "INSERT INTO plan_approvals (household_id, plan_version_id, state, "
                "submitted_on, submitted_by, reviewer, due_on, note, decided_on, decided_by, "
                "decision_note, version, created_at, created_by, updated_at, updated_by) "
                "VALUES (:c, :v, 'returned', :d, 'Anna', '', :d, 'Graag toetsen', :d, "
                "'Toetser', 'Maak het concreter', 1, now(), '', now(), '') RETURNING id"
            ),
            {"c": meijer, "v": version, "d": day},
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO plan_approval_comments (household_id, approval_id, position, "
                "target_kind, target_key, target_label, text, version, created_at, "
                "created_by, updated_at, updated_by) VALUES (:c, :a, 1, 'plan', '', '', "
                "'Noem een naam', 1, now(), '', now(), '')"
            ),
            {"c": meijer, "a": approval},
        )
    before = _counts(team["owner"], meijer)
    assert all(before.values()), before  # every new table has rows of the case

    pim = team["uow"]("pim")
    done = destruction.destroy_case(pim, "2026-0003", REASON, Ground.RETENTION, by="Pim")

    assert _counts(team["owner"], meijer) == dict.fromkeys(NEW_TABLES, 0)
    for table in NEW_TABLES:
        assert done.removed.get(table) == before[table], table
