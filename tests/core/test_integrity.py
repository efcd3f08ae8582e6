"""The database health check behind `jeugdtool check`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from jeugdtool.export.demo import load_demo
from jeugdtool.store import schema
from jeugdtool.store.engine import Database
from jeugdtool.store.integrity import check
from jeugdtool.store.uow import UnitOfWork


def test_a_new_database_is_sound_and_empty(db: Database) -> None:
    report = check(db)
    assert report.ok
    assert report.schema_revision == report.program_revision == schema.HEAD
    assert report.integrity == ("ok",)
    assert report.foreign_key_problems == ()
    assert report.row_counts["households"] == 0
    assert "alembic_version" not in report.row_counts
    assert report.location == str(db.location.path)


def test_counts_every_table(uow: UnitOfWork) -> None:
    load_demo(uow)
    counts = check(uow.database).row_counts
    assert counts["households"] == 6
    assert counts["persons"] == 25
    assert counts["network_members"] == 30
    assert counts["consultants"] == 3
    framework = (
        "mapping_moments",
        "map_items",
        "item_stances",
        "statements",
        "case_scales",
        "scale_scores",
    )
    plan = (
        "plan_versions",
        "plan_network_roles",
        "red_flags",
        "agreements",
        "agreement_parties",
        "plan_reviews",
        "review_results",
        "family_goals",
    )
    zrm = ("zrm_assessments", "zrm_domain_scores")
    meetings = (
        "meetings",
        "meeting_participants",
        "meeting_items",
        "meeting_round_scores",
        "meeting_follow_ups",
    )
    outcomes = (
        "help_items",
        "case_closings",
        "closing_goal_outcomes",
        "client_experiences",
        "new_starts",
    )
    dossier = (
        "journal_entries",
        "journal_links",
        "meldcode_records",
        "meldcode_steps",
        "meldcode_signals",
        "meldcode_answers",
        "kindchecks",
        "veilig_thuis_contacts",
        "verwijsindex_signals",
        "verwijsindex_matches",
    )
    plan_to_closure = (
        "statement_children",
        "plan_approvals",
        "plan_approval_comments",
        "goal_judgements",
        "network_meetings",
        "network_meeting_attendees",
    )
    # The demo comes with maps, scores, plans, ZRM assessments, a meeting, help and closings,
    # and a dossier: journals, meldcode records, kindchecks, Veilig Thuis and the verwijsindex;
    # and plan approvals, a network meeting and goal judgements.
    # The child's voice: Three Houses records, a Words & Pictures story, and their pictures.
    child_voice = ("three_houses", "child_stories", "child_story_pages", "child_voice_pictures")
    parts = framework + plan + zrm + meetings + outcomes + dossier + plan_to_closure + child_voice
    assert all(counts[table] for table in parts)
    assert counts["meetings"] == 1
    # One "create" entry per row the demo added; its decided privacy request has one more per
    # field the decision changed (status, decided on, outcome).
    requests = ("privacy_requests",)
    added = sum(counts[t] for t in parts + requests)
    assert counts["privacy_requests"] == 2
    # The demo's three case managers get their (fictional) phone numbers: one "update" each.
    phones = 3
    assert counts["audit_entries"] == 6 + 25 + 30 + 3 + added + 3 + phones


def test_a_broken_reference_is_found(db: Database, db_path: Path, uow: UnitOfWork) -> None:
    load_demo(uow)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE network_members SET household_id = 404 WHERE id = 3")
    conn.commit()
    conn.close()
    report = check(db)
    assert not report.ok
    assert report.foreign_key_problems == ("network_members rowid 3 -> households",)
    assert report.integrity == ("ok",)


def test_a_schema_revision_this_program_does_not_know_is_not_ok(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    report = check(db)
    assert report.schema_revision == "0000"
    assert not report.schema_current
    assert not report.ok


def test_check_changes_nothing(db: Database, db_path: Path, uow: UnitOfWork) -> None:
    load_demo(uow)
    before = check(db)
    assert check(db) == before
    assert check(db).row_counts["audit_entries"] == before.row_counts["audit_entries"]
