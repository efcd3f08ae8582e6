"""Team mode: PostgreSQL itself lets each person see and change exactly the cases they work on.

The world of every test: two teams, A and B; consultants Anna and Bert in team A and Carla in
team B, a reviewer (Rita) and a team leader (Teun) in team A, a privacy officer (Pim) and an
administrator (Ada) in no team, and a login that is no person at all. The six demo cases, with
content in every case table, are shared out: 2026-0001/0002 Anna's, 0003/0004 Bert's, 0005/0006
Carla's (team B); Bert works on 0005 as co-worker and Carla on 0003 (across the teams).

Each person is checked twice: through jeugdtool with their own login, and with raw psycopg as
that login, the way a consultant with `psql` would try (store/team_sql.py has the rules).
Needs the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL); skipped without it.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import psycopg
import pytest
from PIL import Image
from psycopg import sql
from psycopg.rows import dict_row
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.engine import make_url

import jeugdtool.models
from jeugdtool import team_admin
from jeugdtool.cases import access
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.cases.models import BreakGlass
from jeugdtool.cases.models import CaseHandover
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.cases.privacy_models import Disclosure
from jeugdtool.cases.privacy_models import PrivacyRequest
from jeugdtool.dossier.meldcode_rules import QUESTION_KEYS
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.dossier.models import Kindcheck
from jeugdtool.dossier.models import MeldcodeAnswer
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import MeldcodeSignal
from jeugdtool.dossier.models import MeldcodeStepRow
from jeugdtool.dossier.models import VeiligThuisContact
from jeugdtool.dossier.models import VerwijsindexMatch
from jeugdtool.dossier.models import VerwijsindexSignal
from jeugdtool.dossier.network_models import NetworkMeeting
from jeugdtool.dossier.network_models import NetworkMeetingAttendee
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NoPermission
from jeugdtool.errors import NotFound
from jeugdtool.export import casefile
from jeugdtool.export import demo
from jeugdtool.export.selection import ExportSelection
from jeugdtool.framework.child_voice_models import ChildStory
from jeugdtool.framework.child_voice_models import ChildStoryPage
from jeugdtool.framework.child_voice_models import ChildVoicePicture
from jeugdtool.framework.child_voice_models import ThreeHouses
from jeugdtool.framework.models import CaseScale
from jeugdtool.framework.models import StatementChild
from jeugdtool.framework.plan_models import GoalJudgement
from jeugdtool.framework.plan_models import PlanApproval
from jeugdtool.framework.plan_models import PlanApprovalComment
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.outcomes.models import ClosingGoalOutcome
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.models import NewStart
from jeugdtool.store import team_sql
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork
from tests import pg_databases

METADATA = jeugdtool.models.Base.metadata
#: Case tables every client reads and writes within their cases (break_glass: its own rules).
CASE_TABLES = [t for t in team_sql.case_tables(METADATA) if t != team_sql.BREAK_GLASS]
A, B = "Team Noord", "Team Zuid"

#: name: (roles, teams)
PEOPLE: dict[str, tuple[list[str], list[str]]] = {
    "anna": (["consultant"], [A]),
    "bert": (["consultant"], [A]),
    "carla": (["consultant"], [B]),
    "rita": (["reviewer"], [A]),
    "teun": (["team_leader"], [A]),
    "pim": (["privacy_officer"], []),
    "ada": (["administrator"], []),
}
#: case number: (team, case manager)
CASES = {
    "2026-0001": (A, "anna"),
    "2026-0002": (A, "anna"),
    "2026-0003": (A, "bert"),
    "2026-0004": (A, "bert"),
    "2026-0005": (B, "carla"),
    "2026-0006": (B, "carla"),
}
COWORKERS = {"2026-0005": "bert", "2026-0003": "carla"}
#: A colleague without a login (a demo consultant) works on these too: rows that nobody's
#: access includes.
OUTSIDER, OUTSIDER_CASES = "J. Visser", ("2026-0001", "2026-0006")
#: What each login may see; "nobody" is a login of the database without a person.
ACCESS = {
    "anna": {"2026-0001", "2026-0002"},
    "bert": {"2026-0003", "2026-0004", "2026-0005"},
    "carla": {"2026-0003", "2026-0005", "2026-0006"},
    "rita": {"2026-0001", "2026-0002", "2026-0003", "2026-0004"},
    "teun": {"2026-0001", "2026-0002", "2026-0003", "2026-0004"},
    "pim": set(),
    "ada": set(),
    "nobody": set(),
}
REASON = "Melding politie, casemanager is afwezig"


@dataclass
class World:
    owner_url: str
    owner: Database
    logins: dict[str, str] = field(default_factory=dict)
    person_ids: dict[str, int] = field(default_factory=dict)
    case_ids: dict[str, int] = field(default_factory=dict)
    team_ids: dict[str, int] = field(default_factory=dict)
    opened: list[Database] = field(default_factory=list)

    def url(self, who: str) -> str:
        login = self.logins[who]
        return (
            make_url(self.owner_url)
            .set(username=login, password=f"pw-{login}")
            .render_as_string(hide_password=False)
        )

    def database(self, who: str) -> Database:
        db = open_database(self.url(who))
        self.opened.append(db)
        return db

    def uow(self, who: str) -> UnitOfWork:
        return UnitOfWork(self.database(who), who, self.person_ids.get(who))

    def psql(self, who: str, *, autocommit: bool = True) -> psycopg.Connection:
        """A raw connection as `who`'s login, the way `psql` would connect."""
        u = make_url(self.url(who))
        return psycopg.connect(
            host=u.host,
            port=u.port,
            dbname=u.database,
            user=u.username,
            password=u.password,
            autocommit=autocommit,
        )

    def owner_psql(self) -> psycopg.Connection:
        u = make_url(self.owner_url)
        return psycopg.connect(
            host=u.host,
            port=u.port,
            dbname=u.database,
            user=u.username,
            password=u.password,
            autocommit=True,
        )

    def ids(self, numbers: set[str]) -> set[int]:
        return {self.case_ids[n] for n in numbers}

    def forbidden(self, who: str) -> set[int]:
        return set(self.case_ids.values()) - self.ids(ACCESS[who])


def _build(pg_url: str) -> World:
    team_admin.init(pg_url)
    owner = open_database(pg_url)
    world = World(pg_url, owner)
    boss = UnitOfWork(owner, "beheer")
    for team in (A, B):
        world.team_ids[team] = staff.add_team(boss, team).value.id
    suffix = uuid.uuid4().hex[:6]
    for name, (roles, teams) in PEOPLE.items():
        login = f"{name}_{suffix}"
        member = team_admin.add_user(
            owner, login, name.capitalize(), roles, teams, password=f"pw-{login}"
        )
        world.logins[name] = login
        world.person_ids[name] = member.id
    nobody = f"nobody_{suffix}"
    world.logins["nobody"] = nobody
    with owner.engine.begin() as conn:  # a login of this database without a person
        client = team_sql.client_role(conn.execute(text("SELECT current_database()")).scalar())
        conn.exec_driver_sql(f"CREATE ROLE \"{nobody}\" LOGIN PASSWORD 'pw-{nobody}'")
        conn.exec_driver_sql(f'GRANT "{client}" TO "{nobody}"')

    loaded = demo.load_demo(boss).value
    world.case_ids = {h.case_number: h.id for h in loaded}
    assert set(world.case_ids) == set(CASES)
    with owner.engine.begin() as conn:
        for number, (team, manager) in CASES.items():
            conn.execute(
                text("UPDATE households SET team_id = :t, case_manager_id = :m WHERE id = :h"),
                {
                    "t": world.team_ids[team],
                    "m": world.person_ids[manager],
                    "h": world.case_ids[number],
                },
            )
    for number, who in COWORKERS.items():
        staff.add_coworker(boss, world.case_ids[number], world.person_ids[who])
    (outsider,) = [c.id for c in staff.list_staff(boss) if c.name == OUTSIDER]
    for number in OUTSIDER_CASES:
        staff.add_coworker(boss, world.case_ids[number], outsider)
    _fill_every_case_table(world, boss)
    return world


def _fill_every_case_table(world: World, boss: UnitOfWork) -> None:
    """Rows in the case tables the demo leaves empty (or nearly), in every case."""
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    with boss:
        scaled = set(boss.session.scalars(text("SELECT household_id FROM case_scales")))
        for number, case_id in world.case_ids.items():
            boss.session.add(
                CaseHandover(household_id=case_id, from_name="Vorige", to_name="Nieuwe", note="")
            )
            boss.session.add(ExportSelection(household_id=case_id, document="plan", settings="{}"))
            boss.session.add(  # a PDF that went to the school
                Disclosure(
                    household_id=case_id,
                    kind="pdf",
                    document=f"Veiligheidsplan {number}",
                    recipient="school",
                    parts="Afspraken",
                    made_by="Vorige",
                )
            )
            boss.session.add(  # a request of the family, still open
                PrivacyRequest(
                    household_id=case_id,
                    kind="correction",
                    received_on=long_ago.date(),
                    requested_by=f"Moeder {number}",
                    subject="",
                    status="open",
                    outcome="",
                    refusal_grounds="",
                )
            )
            if case_id not in scaled:
                boss.session.add(CaseScale(household_id=case_id, zero="nul", ten="tien"))
            _add_outcomes(boss, case_id, long_ago.date())
            _add_dossier(boss, case_id, long_ago.date())
            _add_plan_to_closure(boss, case_id, long_ago.date())
            _add_child_voice(boss, case_id, long_ago.date())
            boss.session.add(  # an emergency access of long ago, expired
                BreakGlass(
                    household_id=case_id,
                    person_id=world.person_ids["ada"],
                    granted_at=long_ago,
                    expires_at=long_ago + dt.timedelta(hours=24),
                    reason=f"Oude noodtoegang {number}",
                )
            )
        boss.commit()


def _add_outcomes(boss: UnitOfWork, case_id: int, day: dt.date) -> None:
    """A help item, an (earlier) closing with a goal outcome and an experience, a new start."""
    boss.session.add(
        HelpItem(
            household_id=case_id,
            product_list="test",
            category="40",
            starts_on=day,
            decided_by="municipality",
        )
    )
    closing = CaseClosing(household_id=case_id, closed_on=day, reason="Eerder afgesloten")
    boss.session.add(closing)
    boss.session.flush()
    boss.session.add_all(
        [
            ClosingGoalOutcome(
                household_id=case_id, closing_id=closing.id, goal_lineage="g1", outcome="mostly"
            ),
            ClientExperience(
                household_id=case_id, closing_id=closing.id, respondent="Moeder", heard=4
            ),
            NewStart(
                household_id=case_id,
                started_on=day + dt.timedelta(days=10),
                kind="reopened",
                previous_closing_id=closing.id,
            ),
        ]
    )


def _add_dossier(boss: UnitOfWork, case_id: int, day: dt.date) -> None:
    """A journal entry with a link, a meldcode record with its steps, a signal and its answers, a
    kindcheck, a Veilig Thuis contact and a verwijsindex signal with a match (numbered after
    the demo's own records, and with a trigger of their own)."""
    entry = JournalEntry(
        household_id=case_id, occurred_on=day, kind="home_visit", author="Vorige", note="Bezoek"
    )
    number = boss.session.scalar(
        select(func.coalesce(func.max(MeldcodeRecord.number), 0)).where(
            MeldcodeRecord.household_id == case_id
        )
    )
    record = MeldcodeRecord(
        household_id=case_id, number=number + 1, started_on=day, started_by="Vorige"
    )
    signal = VerwijsindexSignal(
        household_id=case_id,
        child_label="Kind",
        signalled_on=day,
        signalled_by="Vorige",
        expires_on=day + dt.timedelta(days=730),
    )
    boss.session.add_all([entry, record, signal])
    boss.session.flush()
    owned = {"household_id": case_id}
    boss.session.add_all(
        [
            JournalLink(**owned, entry_id=entry.id, target_kind="help_item", target_key="1"),
            *(MeldcodeStepRow(**owned, record_id=record.id, step=n) for n in range(1, 6)),
            MeldcodeSignal(**owned, record_id=record.id, source="own", text="Blauwe plekken"),
            *(MeldcodeAnswer(**owned, record_id=record.id, question=q) for q in QUESTION_KEYS),
            Kindcheck(
                **owned,
                adult_label="Vader",
                trigger=f"worry:rls-{case_id}",
                asked_on=day,
                asked_by="Vorige",
                children_depend="yes",
                safety_assessed="no",
                journal_entry_id=entry.id,
            ),
            VeiligThuisContact(
                **owned, kind="consultation", contact_on=day, meldcode_record_id=record.id
            ),
            VerwijsindexMatch(**owned, signal_id=signal.id, organisation="GGZ", matched_on=day),
        ]
    )


def _add_plan_to_closure(boss: UnitOfWork, case_id: int, day: dt.date) -> None:
    """Issue 18's tables: a network meeting with an attendee, a goal judgement, a statement
    about one more child, and (in a case with a plan) an approval decided long ago by a
    colleague without a login, with a comment: no client may change that (test
    test_plan_approval_rls.py has the rules themselves)."""
    meeting = NetworkMeeting(household_id=case_id, held_on=day, place="Buurthuis")
    boss.session.add(meeting)
    boss.session.flush()
    owned = {"household_id": case_id}
    boss.session.add_all(
        [
            NetworkMeetingAttendee(
                **owned, meeting_id=meeting.id, source_kind="other", source_label="Oma"
            ),
            GoalJudgement(
                **owned,
                goal_lineage=f"rls-{case_id}",
                judged_on=day,
                judgement="partly",
                network_meeting_id=meeting.id,
            ),
        ]
    )
    pair = boss.session.execute(
        text(
            "SELECT s.id, p.id FROM statements s JOIN mapping_moments m ON m.id = s.moment_id "
            "JOIN persons p ON p.household_id = m.household_id WHERE m.household_id = :h "
            "AND NOT EXISTS (SELECT 1 FROM statement_children c WHERE c.statement_id = s.id "
            "AND c.person_id = p.id) ORDER BY s.id, p.id LIMIT 1"
        ),
        {"h": case_id},
    ).first()
    if pair is not None:
        boss.session.add(StatementChild(**owned, statement_id=pair[0], person_id=pair[1]))
    version = boss.session.scalar(
        select(func.min(PlanVersion.id)).where(PlanVersion.household_id == case_id)
    )
    if version is None:
        return
    approval = PlanApproval(
        **owned,
        plan_version_id=version,
        state="approved",
        submitted_on=day,
        submitted_by="Vorige",
        due_on=day + dt.timedelta(days=7),
        decided_on=day + dt.timedelta(days=3),
        decided_by="Werkbegeleider van toen",
    )
    boss.session.add(approval)
    boss.session.flush()
    boss.session.add(
        PlanApprovalComment(
            **owned, approval_id=approval.id, target_kind="plan", text="Helder plan"
        )
    )


def _add_child_voice(boss: UnitOfWork, case_id: int, day: dt.date) -> None:
    """Issue 19's tables: a Three Houses record with its drawing and a story page with its
    picture, for the case's first child (every demo case has one)."""
    child = boss.session.scalar(
        select(func.min(Person.id)).where(Person.household_id == case_id, Person.role == "child")
    )
    assert child is not None
    owned = {"household_id": case_id}
    record = ThreeHouses(**owned, child_id=child, held_on=day, talked_with="Vorige")
    story = ChildStory(**owned, child_id=child, title="Wat er gebeurde")
    boss.session.add_all([record, story])
    boss.session.flush()
    page = ChildStoryPage(**owned, story_id=story.id, position=1, text="Bladzijde een")
    boss.session.add(page)
    boss.session.flush()
    png = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(png, "PNG")
    for owner in ({"three_houses_id": record.id}, {"page_id": page.id}):
        boss.session.add(
            ChildVoicePicture(
                **owned, **owner, media_type="image/png", width=2, height=2, data=png.getvalue()
            )
        )


def world_template(pg_admin: Any) -> Iterator[World]:
    """The world built once per test process, kept as a template database: each test gets a
    copy (`copy_world`), which takes a fraction of a second where building takes seconds.

    The copy has the built database's own name (the template is renamed aside), so everything
    that names the database stays true in it: the client role the rules grant to, the logins
    in that role, the URLs. What a copy does not inherit from its template, the database's own
    settings and grants, `copy_world` sets again."""
    name = f"jeugdtool_world_{uuid.uuid4().hex[:12]}"
    pg_databases.create(pg_admin, name)
    url = pg_admin.url.set(database=name).render_as_string(hide_password=False)
    built = _build(url)
    for db in built.opened:
        db.close()
    built.owner.close()
    built.opened.clear()
    with pg_admin.connect() as conn:
        conn.exec_driver_sql(f'ALTER DATABASE "{name}" RENAME TO "{name}_tpl"')
    try:
        yield built
    finally:
        pg_databases.drop(pg_admin, name, f"{name}_tpl")


def copy_world(pg_admin: Any, template: World) -> Iterator[World]:
    """A fresh copy of the template's database for one test, dropped after it."""
    name = make_url(template.owner_url).database
    client = team_sql.client_role(name)
    pg_databases.create(pg_admin, name, template=f"{name}_tpl")
    with pg_admin.connect() as conn:
        # As team_sql's grants do: a database's grants belong to the server's catalogue, not
        # to the copied files.
        conn.exec_driver_sql(f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC')
        conn.exec_driver_sql(f'GRANT CONNECT, TEMPORARY ON DATABASE "{name}" TO "{client}"')
    world = World(
        template.owner_url,
        open_database(template.owner_url),
        logins=dict(template.logins),
        person_ids=dict(template.person_ids),
        case_ids=dict(template.case_ids),
        team_ids=dict(template.team_ids),
    )
    try:
        yield world
    finally:
        for db in world.opened:
            db.close()
        world.owner.close()
        with pg_admin.connect() as conn:  # the roles are the template's: they stay
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def world(team_world: World) -> World:
    return team_world


def _in_order(rows: list[Any]) -> list[Any]:
    """One-column rows in order; a trail's rows of no case (None) last."""
    return sorted(rows, key=lambda r: (r[0] is None, r[0] or 0))


def _owner_rows(world: World, table: str, column: str = "household_id") -> list[Any]:
    with world.owner_psql() as conn:
        query = sql.SQL("SELECT {} FROM {}").format(sql.Identifier(column), sql.Identifier(table))
        return _in_order(conn.execute(query).fetchall())


# ---------------------------------------------------------------- the world is what it claims


def test_every_case_table_has_rows_in_several_cases(world: World) -> None:
    """Else "sees only their rows" would pass for a table that is simply empty."""
    for table in [*CASE_TABLES, team_sql.BREAK_GLASS]:
        cases = {row[0] for row in _owner_rows(world, table)}
        assert len(cases) >= 2, table
        for who in ACCESS:
            assert cases & world.forbidden(who), (table, who)


# ---------------------------------------------------------------- (a) through jeugdtool


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_each_login_sees_exactly_their_cases_in_jeugdtool(world: World, who: str) -> None:
    uow = world.uow(who)
    listed = {s.case_number for s in queries.list_case_summaries(uow)}
    assert listed == ACCESS[who]
    boss = UnitOfWork(world.owner, "beheer")
    for number in ACCESS[who]:
        case_id = world.case_ids[number]
        seen = queries.get_case(uow, case_id)
        full = queries.get_case(boss, case_id)
        assert seen == full
        # All of it but the trail of others' working notes (test_dossier_rls.py).
        readable = {r[0] for r in _readable_rows(world, who, "audit_entries", "id")}
        assert [e.id for e in queries.case_history(uow, case_id)] == [
            e.id for e in queries.case_history(boss, case_id) if e.id in readable
        ]
    for number in set(CASES) - ACCESS[who]:
        case_id = world.case_ids[number]
        with pytest.raises(NotFound):
            queries.get_case(uow, case_id)
        assert queries.find_case_id(uow, number) is None
        # The privacy officer reads the audit trail of every case, and nothing else of it.
        trail = [e.id for e in queries.case_history(boss, case_id)] if who == "pim" else []
        assert [e.id for e in queries.case_history(uow, case_id)] == trail


@pytest.mark.parametrize("who", ["anna", "bert", "carla", "pim"])
def test_each_login_sees_the_privacy_requests_of_their_cases_only(world: World, who: str) -> None:
    from jeugdtool.cases import privacy

    uow = world.uow(who)
    due = privacy.requests_due(uow, dt.date.today(), 3650)
    assert {r.case_number for r in due} == ACCESS[who]
    for number in set(CASES) - ACCESS[who]:
        assert privacy.get_request(uow, _first_request(world, number)) is None
    if ACCESS[who]:  # and may register one in a case of theirs
        number = sorted(ACCESS[who])[0]
        done = privacy.register_request(
            uow, world.case_ids[number], "access", dt.date.today(), "vader"
        )
        assert done.case_number == number


_DISCLOSURE_SQL = (
    "INSERT INTO disclosures (household_id, at, kind, document, recipient, parts, made_by) "
    "VALUES (%s, now(), 'pdf', 'Veiligheidsplan', 'school', 'Afspraken', %s)"
)


@pytest.mark.parametrize("who", ["anna", "carla"])
def test_a_disclosure_is_recorded_only_in_a_case_one_may_see(world: World, who: str) -> None:
    from jeugdtool.cases import disclosures
    from jeugdtool.cases.privacy_models import DisclosureKind

    mine = world.case_ids[sorted(ACCESS[who])[0]]
    other = sorted(world.forbidden(who))[0]
    name = who.capitalize()  # the person's name (the world's add_user)
    with world.psql(who) as conn:  # as the login itself, the way psql would
        # Signed in another name: the server writes the login's own person instead.
        conn.execute(_DISCLOSURE_SQL, (mine, "Burgemeester"))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(_DISCLOSURE_SQL, (other, who))
    with world.psql(who) as conn:  # a log: never changed or removed by a client
        for statement in ("UPDATE disclosures SET recipient = 'x'", "DELETE FROM disclosures"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    uow = world.uow(who)
    done = disclosures.record(uow, mine, DisclosureKind.PDF, "Plan", "huisarts", ["Afspraken"])
    assert done.made_by == name and done.recipient == "huisarts"
    assert done.id in [d.id for d in disclosures.list_disclosures(uow, mine)]
    with pytest.raises(NotFound):  # a case outside one's access is simply not there
        disclosures.record(uow, other, DisclosureKind.PDF, "Plan", "", [])
    assert disclosures.list_disclosures(uow, other) == []
    with world.owner_psql() as conn:
        rows = conn.execute(
            "SELECT household_id, made_by, person_id FROM disclosures WHERE made_by = %s",
            (name,),
        ).fetchall()
    me = world.person_ids[who]
    assert sorted(rows) == [(mine, name, me), (mine, name, me)]


def _first_request(world: World, number: str) -> int:
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT min(id) FROM privacy_requests WHERE household_id = %s",
            (world.case_ids[number],),
        ).fetchone()
    assert row is not None and row[0] is not None
    return int(row[0])


def test_the_person_is_the_login_not_a_typed_name(world: World) -> None:
    me = staff.current_person(UnitOfWork(world.database("anna"), "Burgemeester"))
    assert me is not None
    assert (me.id, me.login) == (world.person_ids["anna"], world.logins["anna"])
    assert staff.current_person(world.uow("nobody")) is None


# ---------------------------------------------------------------- (b) in SQL, as that login


def _visible_tables() -> list[tuple[str, str]]:
    """(table, the column naming its case) of every table whose rows belong to a case."""
    return [(t, "household_id") for t in CASE_TABLES] + [
        ("households", "id"),
        ("audit_entries", "case_id"),
    ]


#: The rows of other people's working notes (the demo's journals may hold some), which only
#: their author and the privacy officer read (test_dossier_rls.py tests that rule itself).
_NOT_MINE = {
    "journal_entries": "SELECT {column} FROM journal_entries "
    "WHERE NOT working_note OR author_id = %(me)s",
    "journal_links": "SELECT l.{column} FROM journal_links l JOIN journal_entries e "
    "ON e.id = l.entry_id WHERE NOT e.working_note OR e.author_id = %(me)s",
    "audit_entries": "SELECT a.{column} FROM audit_entries a WHERE a.entity NOT IN "
    "('journal_entry', 'journal_link') OR EXISTS (SELECT 1 FROM journal_entries e WHERE "
    "a.entity = 'journal_entry' AND e.id = a.entity_id AND (NOT e.working_note OR "
    "e.author_id = %(me)s)) OR EXISTS (SELECT 1 FROM journal_links l JOIN journal_entries e "
    "ON e.id = l.entry_id WHERE a.entity = 'journal_link' AND l.id = a.entity_id AND "
    "(NOT e.working_note OR e.author_id = %(me)s))",
}


def _readable_rows(world: World, who: str, table: str, column: str) -> list[Any]:
    if who == "pim" or table not in _NOT_MINE:
        return _owner_rows(world, table, column)
    with world.owner_psql() as conn:
        query = _NOT_MINE[table].format(column=column)
        rows = conn.execute(query, {"me": world.person_ids.get(who)}).fetchall()
    return _in_order(rows)


def _expected(world: World, who: str, table: str, column: str) -> list[Any]:
    allowed = world.ids(ACCESS[who])
    rows = _readable_rows(world, who, table, column)
    if table == "audit_entries":  # the privacy officer reads the whole trail
        return [r for r in rows if r[0] is None or r[0] in allowed or who == "pim"]
    return [r for r in rows if r[0] in allowed]


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_each_login_reads_only_their_cases_rows_in_sql(world: World, who: str) -> None:
    with world.psql(who) as conn:
        for table, column in _visible_tables():
            query = sql.SQL("SELECT {} FROM {}").format(
                sql.Identifier(column), sql.Identifier(table)
            )
            seen = _in_order(conn.execute(query).fetchall())
            assert seen == _expected(world, who, table, column), table


def _counts(world: World) -> dict[str, int]:
    with world.owner_psql() as conn:
        return {
            table: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table, _column in _visible_tables()
        }


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_update_and_delete_touch_nothing_outside_their_cases(world: World, who: str) -> None:
    before = _counts(world)
    forbidden = sorted(world.forbidden(who))
    with world.psql(who) as conn:
        for table, column in _visible_tables():
            if table in ("audit_entries", *team_sql.CASE_LOGS):
                continue  # no client changes a trail or a log at all: see their own tests
            col, tab = sql.Identifier(column), sql.Identifier(table)
            where = sql.SQL("WHERE {} = ANY(%s)").format(col)
            update = sql.SQL("UPDATE {} SET {} = {} ").format(tab, col, col) + where
            delete = sql.SQL("DELETE FROM {} ").format(tab) + where
            assert conn.execute(update, (forbidden,)).rowcount == 0, table
            assert conn.execute(delete, (forbidden,)).rowcount == 0, table
    assert _counts(world) == before
    # Without a WHERE, in a transaction that is rolled back: only their own rows are touched.
    mine = world.ids(ACCESS[who])
    with world.psql(who, autocommit=False) as conn:
        for table, column in _visible_tables():
            if table in ("audit_entries", team_sql.CASE_TEAM, *team_sql.CASE_LOGS):
                continue  # the case team is formed by the case manager and the team leader
            own = len([r for r in _readable_rows(world, who, table, column) if r[0] in mine])
            if table in (team_sql.JOURNAL, team_sql.JOURNAL_LINKS):
                own = _authored(world, who, table, mine)
            if table in (team_sql.APPROVALS, team_sql.APPROVAL_COMMENTS):
                own = 0  # decided by a colleague of old: theirs alone (test_plan_approval_rls)
            col, tab = sql.Identifier(column), sql.Identifier(table)
            update = sql.SQL("UPDATE {} SET {} = {}").format(tab, col, col)
            assert conn.execute(update).rowcount == own, table
        assert conn.execute("DELETE FROM households").rowcount == len(mine)
        conn.rollback()
    assert _counts(world) == before


def _authored(world: World, who: str, table: str, cases: set[int]) -> int:
    """Journal rows (entries, or the links of entries) of `cases` that `who` wrote: a journal
    entry and what it is about are changed by their author only (store/team_sql.py)."""
    query = (
        "SELECT count(*) FROM journal_entries e WHERE e.household_id = ANY(%s) AND e.author_id = %s"
        if table == team_sql.JOURNAL
        else "SELECT count(*) FROM journal_links l JOIN journal_entries e ON e.id = l.entry_id "
        "WHERE l.household_id = ANY(%s) AND e.author_id = %s"
    )
    with world.owner_psql() as conn:
        return int(conn.execute(query, (sorted(cases), world.person_ids.get(who))).fetchone()[0])


def _insert_copy(conn: psycopg.Connection, table: str, row: dict[str, Any]) -> None:
    values = {k: v for k, v in row.items() if k != "id"}
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, values)),
        sql.SQL(", ").join(sql.Placeholder() * len(values)),
    )
    conn.execute(query, list(values.values()))


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_insert_into_a_case_outside_their_access_is_refused(world: World, who: str) -> None:
    forbidden = sorted(world.forbidden(who))
    before = _counts(world)
    with world.owner_psql() as owner, world.psql(who) as conn:
        owner.row_factory = dict_row
        for table in [*CASE_TABLES, team_sql.BREAK_GLASS]:
            row = owner.execute(
                sql.SQL("SELECT * FROM {} WHERE household_id = ANY(%s) LIMIT 1").format(
                    sql.Identifier(table)
                ),
                (forbidden,),
            ).fetchone()
            assert row is not None, table
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                _insert_copy(conn, table, row)
        other_team = world.team_ids[B] if who != "carla" else world.team_ids[A]
        case = owner.execute("SELECT * FROM households LIMIT 1").fetchone()
        case = {**case, "case_number": "2026-0999", "team_id": other_team}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _insert_copy(conn, "households", case)
    assert _counts(world) == before


def test_a_login_without_a_person_sees_no_case(world: World) -> None:
    with world.psql("nobody") as conn:
        for table, column in _visible_tables():
            query = sql.SQL("SELECT {} FROM {}").format(
                sql.Identifier(column), sql.Identifier(table)
            )
            rows = conn.execute(query).fetchall()
            assert all(r[0] is None for r in rows), table  # the audit rows of no case only
        # It may read who is who (to show names), not more.
        assert conn.execute("SELECT count(*) FROM consultants").fetchone()[0] >= len(PEOPLE)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT jt_break_glass('2026-0001', %s)", (REASON,))


# ---------------------------------------------------------------- break-the-glass


def _grants(world: World, who: str) -> list[access.Grant]:
    """The grants `who` may see, of the last hour (not the expired ones of the world)."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    return access.emergency_grants(world.uow(who), since=since)


def test_break_the_glass_gives_access_for_the_set_hours_and_logs_why(world: World) -> None:
    with world.owner.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO org_settings (key, value) VALUES ('break_glass_hours', '3')")
        )
    target = world.case_ids["2026-0001"]  # Anna's, team A; Carla is in team B
    carla = world.uow("carla")
    assert "2026-0001" not in {s.case_number for s in queries.list_case_summaries(carla)}

    assert access.break_glass(carla, "2026-0001", REASON) == target

    assert "2026-0001" in {s.case_number for s in queries.list_case_summaries(carla)}
    assert queries.get_case(carla, target).household.case_number == "2026-0001"
    with world.psql("carla") as conn:
        persons = conn.execute("SELECT count(*) FROM persons WHERE household_id = %s", (target,))
        assert persons.fetchone()[0] > 0
    (grant,) = _grants(world, "carla")
    assert (grant.case_id, grant.person_id) == (target, world.person_ids["carla"])
    assert grant.expires_at - grant.granted_at == dt.timedelta(hours=3)
    assert grant.reason == REASON
    (logged,) = [
        r
        for r in access.entries(world.uow("pim"))
        if r.action is AccessAction.BREAK_GLASS and r.case_number == "2026-0001"
    ]
    assert (logged.who, logged.login, logged.reason) == ("Carla", world.logins["carla"], REASON)
    assert logged.detail == "3 h"
    # Listed for the privacy officer and the case's team leader; not for colleagues.
    assert [g.case_id for g in _grants(world, "pim")] == [target]
    assert [g.case_id for g in _grants(world, "teun")] == [target]
    assert [r.reason for r in access.entries(world.uow("teun"))] == [REASON]
    assert _grants(world, "anna") == []


def test_break_the_glass_expires_and_cannot_be_extended(world: World) -> None:
    target = world.case_ids["2026-0001"]
    carla = world.uow("carla")
    access.break_glass(carla, "2026-0001", REASON)
    with world.psql("carla") as conn:
        # Neither longer, nor for good by joining the case team.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE break_glass SET expires_at = expires_at + interval '1 year'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO case_coworkers (household_id, person_id, version, created_at, "
                "created_by, updated_at, updated_by) VALUES (%s, %s, 1, now(), '', now(), '')",
                (target, world.person_ids["carla"]),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM break_glass")
    with pytest.raises(NoPermission):
        staff.add_coworker(carla, target, world.person_ids["carla"])

    with world.owner.engine.begin() as conn:  # the hours have passed
        conn.execute(
            text(
                "UPDATE break_glass SET expires_at = now() AT TIME ZONE 'UTC' - interval '1 minute'"
                " WHERE person_id = :p"
            ),
            {"p": world.person_ids["carla"]},
        )
    assert "2026-0001" not in {s.case_number for s in queries.list_case_summaries(carla)}
    with pytest.raises(NotFound):
        queries.get_case(carla, target)
    with world.psql("carla") as conn:
        persons = conn.execute("SELECT count(*) FROM persons WHERE household_id = %s", (target,))
        assert persons.fetchone()[0] == 0


def test_break_the_glass_without_a_reason_is_refused(world: World) -> None:
    with world.psql("carla") as conn:
        for blank in ("", "   ", None):
            with pytest.raises(psycopg.errors.CheckViolation):
                conn.execute("SELECT jt_break_glass('2026-0001', %s)", (blank,))
        assert conn.execute("SELECT jt_break_glass('2099-0001', %s)", (REASON,)).fetchone() == (
            None,
        )
    with pytest.raises(InvalidInput):
        access.break_glass(world.uow("carla"), "2026-0001", "  ")
    assert _grants(world, "pim") == []
    assert "2026-0001" not in {
        s.case_number for s in queries.list_case_summaries(world.uow("carla"))
    }


# ---------------------------------------------------------------- the access log


def _log_size(world: World) -> int:
    with world.owner_psql() as conn:
        return conn.execute("SELECT count(*) FROM access_log").fetchone()[0]


def test_clients_only_add_to_the_trails(world: World) -> None:
    before = _log_size(world)
    anna = world.uow("anna")
    access.record(anna, AccessAction.OPEN, world.case_ids["2026-0001"])
    access.record(world.uow("bert"), AccessAction.EXPORT, world.case_ids["2026-0003"])
    with world.psql("anna") as conn:
        for statement in (
            "UPDATE access_log SET reason = 'niets'",
            "DELETE FROM access_log",
            "TRUNCATE access_log",
            "UPDATE audit_entries SET who = 'niemand'",
            "DELETE FROM audit_entries",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    assert _log_size(world) == before + 2


def test_a_client_cannot_write_in_someone_elses_name(world: World) -> None:
    own, other = world.case_ids["2026-0001"], world.case_ids["2026-0005"]
    with world.psql("anna") as conn:
        conn.execute(
            "INSERT INTO access_log (at, who, person_id, login, case_id, action, detail, reason) "
            "VALUES ('2000-01-01', 'Bert', %s, %s, %s, 'open', '', '')",
            (world.person_ids["bert"], world.logins["bert"], own),
        )
        conn.execute(
            "INSERT INTO audit_entries (at, who, case_id, entity, entity_id, action) "
            "VALUES ('2000-01-01', 'Bert', %s, 'household', %s, 'update')",
            (own, own),
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not even about her cases
            conn.execute(
                "INSERT INTO access_log (at, who, case_id, action, detail, reason) "
                "VALUES (now(), '', %s, 'open', '', '')",
                (other,),
            )
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT who, person_id, login, at FROM access_log WHERE action = 'open'"
        ).fetchone()
        trail = conn.execute(
            "SELECT who, at FROM audit_entries "
            "WHERE entity = 'household' AND entity_id = %s AND action = 'update'",
            (own,),
        ).fetchone()
    assert row[:3] == ("Anna", world.person_ids["anna"], world.logins["anna"])
    assert trail[0] == "Anna"
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for at in (row[3], trail[1]):
        assert abs(at - now) < dt.timedelta(minutes=5)  # the server's time, not the one sent


def test_the_privacy_officer_reads_the_whole_log_a_consultant_their_own(world: World) -> None:
    access.record(world.uow("anna"), AccessAction.OPEN, world.case_ids["2026-0001"])
    access.record(world.uow("bert"), AccessAction.PDF, world.case_ids["2026-0003"], detail="x")
    access.record(world.uow("carla"), AccessAction.OPEN, world.case_ids["2026-0003"])
    every = [(r.login, r.case_number) for r in access.entries(world.uow("pim"))]
    with world.owner_psql() as conn:
        logged = conn.execute("SELECT login, case_number FROM access_log ORDER BY id DESC")
        assert every == logged.fetchall()
    assert every[:3] == [
        (world.logins["carla"], "2026-0003"),
        (world.logins["bert"], "2026-0003"),
        (world.logins["anna"], "2026-0001"),
    ]
    for who in ("anna", "bert", "carla"):
        assert {r.login for r in access.entries(world.uow(who))} == {world.logins[who]}
    assert access.entries(world.uow("rita")) == []  # a reviewer reads no log
    with world.psql("pim") as conn:  # and the whole audit trail, not the cases themselves
        assert conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 0


# ---------------------------------------------------------------- case manager, team, handover


def test_a_consultant_cannot_move_a_case_to_someone_else(world: World) -> None:
    case = world.case_ids["2026-0001"]
    with world.psql("anna") as conn:
        for column, value in (
            ("case_manager_id", world.person_ids["bert"]),
            ("team_id", world.team_ids[B]),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(
                    sql.SQL("UPDATE households SET {} = %s WHERE id = %s").format(
                        sql.Identifier(column)
                    ),
                    (value, case),
                )
        assert (
            conn.execute("UPDATE households SET name = name WHERE id = %s", (case,)).rowcount == 1
        )
    with pytest.raises(NoPermission):
        households.update_case(
            world.uow("anna"), case, {"case_manager_id": world.person_ids["bert"]}
        )
    with pytest.raises(NoPermission):  # a reviewer reads the team's cases, hands none over
        households.update_case(
            world.uow("rita"), case, {"case_manager_id": world.person_ids["bert"]}
        )


def test_the_team_leader_hands_a_case_over_within_the_team(world: World) -> None:
    case = world.case_ids["2026-0001"]
    teun = world.uow("teun")
    with pytest.raises(NoPermission):  # Carla is not in team A
        households.update_case(teun, case, {"case_manager_id": world.person_ids["carla"]})
    with world.psql("teun") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE households SET team_id = %s WHERE id = %s", (world.team_ids[B], case))

    handed = households.update_case(teun, case, {"case_manager_id": world.person_ids["bert"]})
    assert handed.value.case_manager_id == world.person_ids["bert"]
    # The old case manager keeps no access, the new one has it.
    assert "2026-0001" not in {
        s.case_number for s in queries.list_case_summaries(world.uow("anna"))
    }
    assert "2026-0001" in {s.case_number for s in queries.list_case_summaries(world.uow("bert"))}


def test_the_case_manager_forms_the_case_team(world: World) -> None:
    case = world.case_ids["2026-0002"]  # Anna's
    anna, bert = world.uow("anna"), world.uow("bert")
    staff.add_coworker(anna, case, world.person_ids["bert"])
    assert "2026-0002" in {s.case_number for s in queries.list_case_summaries(bert)}
    with pytest.raises(NoPermission):  # a co-worker does not widen the team himself
        staff.add_coworker(bert, case, world.person_ids["carla"])
    (own,) = staff.list_coworkers(bert, case)
    staff.remove_from_case_team(bert, own.id)  # but may leave it
    assert "2026-0002" not in {s.case_number for s in queries.list_case_summaries(bert)}
    staff.add_coworker(world.uow("teun"), case, world.person_ids["carla"])  # so may the leader
    assert "2026-0002" in {s.case_number for s in queries.list_case_summaries(world.uow("carla"))}


# ---------------------------------------------------------------- case numbers


def test_case_numbers_stay_unique_over_cases_one_cannot_see(world: World) -> None:
    anna = world.uow("anna")
    team = world.team_ids[A]
    assert households.next_case_number(anna, 2026) == "2026-0007"  # 0003-0006 are not hers
    assert households.next_case_number(anna, 2031) == "2031-0001"
    with pytest.raises(InvalidInput) as taken:
        households.create_case(anna, name="Gezin Dubbel", case_number="2026-0005", team_id=team)
    assert "2026-0005" in str(taken.value)
    made = households.create_case(
        anna,
        name="Gezin Nieuw",
        case_manager_id=world.person_ids["anna"],
        team_id=team,
        opened_on=dt.date(2026, 5, 1),
    ).value
    assert made.case_number == "2026-0007"
    with pytest.raises(InvalidInput):
        households.update_case(anna, made.id, {"case_number": "2026-0006"})
    kept = households.update_case(anna, made.id, {"case_number": "2026-0007", "name": "Gezin N"})
    assert kept.value.case_number == "2026-0007"
    with world.psql("anna") as conn:  # taken or free, and nothing else
        taken_free = conn.execute(
            "SELECT jt_case_number_taken('2026-0006'), jt_case_number_taken('2026-0099'), "
            "jt_case_number_taken('2026-0007', %s), jt_highest_case_number(2026)",
            (made.id,),
        ).fetchone()
        assert taken_free == (True, False, False, 7)


def test_importing_a_case_whose_number_another_team_has(world: World) -> None:
    """Anna cannot see 2026-0005 (team B), yet its number is taken: the import says so before
    writing, and imports it under a new number into her own team when she asks. The file is
    Carla's export (with no one's working notes but her own, of which she has none)."""
    boss = UnitOfWork(world.owner, "beheer")
    doc = casefile.export_case(world.uow("carla"), world.case_ids["2026-0005"])
    anna = world.uow("anna")
    assert casefile.check_case(anna, doc).number_taken
    with pytest.raises(casefile.CaseExists):
        casefile.import_case(anna, doc, assign_to=(world.team_ids[A], world.person_ids["anna"]))
    expected = households.next_case_number(boss)
    made = casefile.import_case(
        anna, doc, as_new=True, assign_to=(world.team_ids[A], world.person_ids["anna"])
    ).value
    assert made.case_number == expected
    assert made.case_number in {s.case_number for s in queries.list_case_summaries(anna)}


# ---------------------------------------------------------------- conflicting edits


def test_a_thousand_conflicting_edits_by_two_logins_lose_nothing(world: World) -> None:
    """Anna (case manager) and Teun (team leader) edit the name of one case at the same moment,
    500 times each, each from the version they read: in every round exactly one edit wins, the
    other is told it conflicts, and every edit reported saved is in the database and its trail."""
    case = world.case_ids["2026-0001"]
    rounds = 500
    start = threading.Barrier(2, timeout=30)
    saved: dict[str, list[tuple[int, str]]] = {"anna": [], "teun": []}
    conflicts = {"anna": 0, "teun": 0}
    failures: list[BaseException] = []
    units = {who: world.uow(who) for who in saved}
    first = queries.get_case(units["anna"], case).household.version

    def edit(who: str) -> None:
        uow = units[who]
        try:
            for i in range(rounds):
                version = queries.get_case(uow, case).household.version
                start.wait()
                name = f"Gezin {who} {i}"
                try:
                    households.update_case(uow, case, {"name": name}, expected_version=version)
                except ConflictError:
                    conflicts[who] += 1
                else:
                    saved[who].append((i, name))
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)
            start.abort()

    threads = [threading.Thread(target=edit, args=(who,)) for who in saved]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not failures, failures
    wins = sorted(saved["anna"] + saved["teun"])
    assert len(wins) + sum(conflicts.values()) == 2 * rounds
    assert [i for i, _name in wins] == list(range(rounds))  # one winner in every round

    final = queries.get_case(UnitOfWork(world.owner, "beheer"), case).household
    assert final.version == first + rounds
    assert final.name == wins[-1][1]
    trail = [
        (e.who, e.new)
        for e in reversed(queries.case_history(UnitOfWork(world.owner, "beheer"), case, 5000))
        if e.entity == "household" and e.field == "name"
    ]
    names = {"anna": "Anna", "teun": "Teun"}
    expected = sorted(
        ((i, names[who], n) for who, won in saved.items() for i, n in won), key=lambda w: w[0]
    )
    assert trail == [(who, n) for _i, who, n in expected]


def test_a_case_created_by_a_consultant_is_theirs_and_their_teams(world: World) -> None:
    made = households.create_case(
        world.uow("bert"),
        name="Gezin Vers",
        case_manager_id=world.person_ids["bert"],
        team_id=world.team_ids[A],
    ).value
    for who, sees in (("bert", True), ("teun", True), ("rita", True), ("anna", False)):
        listed = {s.id for s in queries.list_case_summaries(world.uow(who))}
        assert (made.id in listed) is sees, who
    with pytest.raises(NoPermission):  # not in a team of someone else
        households.create_case(world.uow("bert"), name="Gezin Fout", team_id=world.team_ids[B])
    # For a colleague of the team: the case is Anna's, not his.
    for_anna = households.create_case(
        world.uow("bert"),
        name="Gezin Voor Anna",
        case_manager_id=world.person_ids["anna"],
        team_id=world.team_ids[A],
    ).value
    assert for_anna.case_manager_name == "Anna"
    assert for_anna.id in {s.id for s in queries.list_case_summaries(world.uow("anna"))}
    assert for_anna.id not in {s.id for s in queries.list_case_summaries(world.uow("bert"))}
    with pytest.raises(NoPermission):  # nor for someone outside the team
        households.create_case(
            world.uow("bert"),
            name="Gezin Fout",
            case_manager_id=world.person_ids["carla"],
            team_id=world.team_ids[A],
        )
    # Undo of creating it removes it, though the trail of a removed case is no longer his.
    households.delete_case(world.uow("bert"), made.id)
    with world.owner.sessions() as session:
        assert session.get(Household, made.id) is None
    trail = queries.case_history(UnitOfWork(world.owner, "beheer"), made.id)
    assert [(e.who, e.action) for e in trail] == [("Bert", "delete"), ("Bert", "create")]
    assert queries.case_history(world.uow("bert"), made.id) == []
