"""`jeugdtool admin …` and signing in to a team database from the command line.

Most tests need the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL; `make test` starts one) and
skip without it; the access log of a database file is tested on SQLite. Every login a test makes
has a unique name and is a member of the test database's client role, so the team database's
teardown removes it with the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import types
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url

from jeugdtool import cli
from jeugdtool import resources
from jeugdtool.cli import main
from jeugdtool.store import schema
from jeugdtool.store.access_log import AccessAction

DEMO = resources.path("demo")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str = "", *, tty: bool = False) -> None:
    stream = io.StringIO(text)
    stream.isatty = lambda: tty  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", stream)


def _answers(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """getpass answers these in turn (a terminal is attached); returns the prompts shown."""
    prompts: list[str] = []
    queue = list(answers)

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return queue.pop(0)

    _stdin(monkeypatch, tty=True)
    monkeypatch.setattr("getpass.getpass", getpass)
    return prompts


# ---------------------------------------------------------------- a team database


@dataclass
class TeamDb:
    """A set-up team database: the owner's URL and a way to sign in as each user."""

    owner: str
    logins: dict[str, str]
    passwords: dict[str, str]

    def url(self, who: str, *, password: bool = True) -> str:
        url = make_url(self.owner).set(username=self.logins[who])
        # URL.set ignores None; the URL is a named tuple.
        url = url._replace(password=self.passwords[who] if password else None)
        return url.render_as_string(hide_password=False)


#: (key, full name, roles, teams) of the users every team test has.
USERS = (
    ("boer", "A. de Boer", ["consultant"], ["Noord"]),
    ("kaya", "M. Kaya", ["consultant"], ["Noord"]),
    ("visser", "J. Visser", ["consultant"], ["Zuid"]),
    ("leider", "T. Leider", ["team_leader"], ["Noord"]),
    ("privacy", "P. Rivacy", ["privacy_officer"], []),
    ("beheer", "B. Heer", ["administrator"], []),
)


@pytest.fixture
def team(pg_team_url: str, capsys: pytest.CaptureFixture[str], monkeypatch) -> TeamDb:
    """A team database as `admin init` sets one up (a copy of one set up once: init itself is
    `test_admin_init_sets_up_an_empty_database`), then with the command line two teams, the
    USERS, the demo cases (loaded by the owner, in team Noord or Zuid by their case manager)."""
    pg_url = pg_team_url
    for name in ("Noord", "Zuid"):
        assert _run(capsys, "--db", pg_url, "admin", "team", "add", name)[0] == 0
    tag = uuid.uuid4().hex[:6]
    logins = {key: f"{key}_{tag}" for key, *_rest in USERS}
    passwords = {key: f"wachtwoord-{key}" for key, *_rest in USERS}
    for key, name, roles, teams in USERS:
        _stdin(monkeypatch, passwords[key] + "\n")
        argv = ["--db", pg_url, "admin", "user", "add", logins[key], "--name", name]
        argv += [f"--role={r}" for r in roles] + [f"--team={t}" for t in teams]
        assert _run(capsys, *argv, "--password-stdin")[0] == 0
    _load_demo(pg_url)
    return TeamDb(pg_url, logins, passwords)


def _load_demo(owner: str) -> None:
    """The demo cases, each in the team of its case manager (as the owner: administration)."""
    from sqlalchemy import select

    from jeugdtool.cases.models import Consultant
    from jeugdtool.cases.models import Household
    from jeugdtool.cases.models import Team
    from jeugdtool.cases.models import TeamMember
    from jeugdtool.export.demo import load_demo
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    database = open_database(owner)
    try:
        uow = UnitOfWork(database, "setup")
        load_demo(uow)
        with uow:
            team_of = dict(
                uow.session.execute(
                    select(Consultant.id, Team.id)
                    .join(TeamMember, TeamMember.person_id == Consultant.id)
                    .join(Team, Team.id == TeamMember.team_id)
                ).all()
            )
            for case in uow.session.scalars(select(Household)):
                case.team_id = team_of.get(case.case_manager_id)
            uow.commit()
    finally:
        database.close()


def _owner_sql(owner: str, statement: str) -> None:
    engine = create_engine(owner, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def _log(team: TeamDb, capsys, *filters: str) -> list[dict[str, str]]:
    code, out, err = _run(
        capsys, "--db", team.url("privacy"), "admin", "access-log", "--format", "json", *filters
    )
    assert code == 0, err
    return json.loads(out)


# ---------------------------------------------------------------- set-up and identity


def test_a_consultant_sees_their_own_cases_and_every_access_bears_their_name(
    team: TeamDb, capsys, tmp_path: Path
) -> None:
    code, out, _err = _run(capsys, "--db", team.url("boer"), "cases")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == ["2026-0001", "2026-0004"]

    target = tmp_path / "jansen.json"
    assert (
        _run(capsys, "--db", team.url("boer"), "export", "2026-0001", "--out", str(target))[0] == 0
    )
    [row] = _log(team, capsys, "--action", "export")
    assert (row["who"], row["login"], row["case_number"]) == (
        "A. de Boer",
        team.logins["boer"],
        "2026-0001",
    )


def test_user_option_is_refused_on_a_team_database(team: TeamDb, capsys, tmp_path: Path) -> None:
    target = tmp_path / "ozturk.json"
    argv = ["--db", team.url("kaya"), "--user", "Burgemeester", "export", "2026-0005"]
    code, out, err = _run(capsys, *argv, "--out", str(target))
    assert code == 2 and out == ""
    assert "--user" in err and team.passwords["kaya"] not in err
    assert not target.exists()
    assert _log(team, capsys, "--action", "export") == []


def test_a_case_outside_ones_access_is_not_there(team: TeamDb, capsys, tmp_path: Path) -> None:
    target = tmp_path / "visser.pdf"
    argv = ["--db", team.url("boer"), "pdf", "2026-0003", "--plan", "--out", str(target)]
    code, _out, err = _run(capsys, *argv)
    assert code == 1 and "2026-0003" in err and not target.exists()
    assert _log(team, capsys, "--action", "pdf") == []


def test_the_owner_is_for_administration_only(team: TeamDb, capsys) -> None:
    code, out, err = _run(capsys, "--db", team.owner, "cases")
    assert code == 1 and out == ""
    assert "admin" in err


def test_a_login_that_is_no_user_is_told_to_ask_the_administrator(team: TeamDb, capsys) -> None:
    from jeugdtool.store.team_sql import client_role

    pg_url = team.owner

    stranger = f"stranger_{uuid.uuid4().hex[:6]}"
    client = client_role(make_url(pg_url).database)
    _owner_sql(pg_url, f"CREATE ROLE {stranger} LOGIN PASSWORD 'vreemd-wachtwoord'")
    _owner_sql(pg_url, f'GRANT "{client}" TO {stranger}')
    url = make_url(pg_url).set(username=stranger, password="vreemd-wachtwoord")
    code, out, err = _run(capsys, "--db", url.render_as_string(hide_password=False), "cases")
    assert code == 1 and out == ""
    assert stranger in err and "admin user add" in err


def test_admin_on_a_database_file_says_what_admin_is_for(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "eigen.sqlite")
    for argv in (
        ["admin", "init"],
        ["admin", "upgrade"],
        ["admin", "team", "add", "Noord"],
        ["admin", "user", "remove", "a.deboer"],
    ):
        code, _out, err = _run(capsys, "--db", db, *argv)
        assert code == 1 and "postgresql://" in err, argv
    assert not Path(db).exists()


def test_admin_init_sets_up_an_empty_database(pg_url: str, capsys) -> None:
    code, out, err = _run(capsys, "--db", pg_url, "admin", "init")
    assert code == 0, err
    code, out, _err = _run(capsys, "--db", pg_url, "admin", "upgrade")
    assert code == 0 and schema.HEAD in out
    assert _run(capsys, "--db", pg_url, "admin", "team", "add", "Noord")[0] == 0


def test_init_twice_and_upgrade_leave_a_current_database_as_it_is(team: TeamDb, capsys) -> None:
    assert _run(capsys, "--db", team.owner, "admin", "init")[0] == 0
    code, out, _err = _run(capsys, "--db", team.owner, "admin", "upgrade")
    assert code == 0 and schema.HEAD in out
    assert _run(capsys, "--db", team.url("boer"), "cases")[1].count("\n") == 2


# ---------------------------------------------------------------- passwords


def test_a_password_is_asked_when_the_server_wants_one(
    team: TeamDb, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    prompts = _answers(monkeypatch, team.passwords["kaya"])
    code, out, err = _run(capsys, "--db", team.url("kaya", password=False), "cases")
    assert code == 0 and "2026-0005" in out
    assert len(prompts) == 1 and team.logins["kaya"] in prompts[0]
    assert team.passwords["kaya"] not in out + err + prompts[0]


def test_a_wrong_password_is_asked_once_and_refused(
    team: TeamDb, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    prompts = _answers(monkeypatch, "verkeerd-wachtwoord")
    code, out, err = _run(capsys, "--db", team.url("kaya", password=False), "cases")
    assert code == 1 and out == "" and len(prompts) == 1
    assert "verkeerd-wachtwoord" not in err
    assert err.strip()


def test_without_a_terminal_the_password_must_come_from_pgpass(
    team: TeamDb, capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    _stdin(monkeypatch)
    code, _out, err = _run(capsys, "--db", team.url("kaya", password=False), "cases")
    assert code == 1 and ".pgpass" in err

    url = make_url(team.owner)
    pgpass = tmp_path / "pgpass"
    line = f"{url.host}:{url.port}:{url.database}:{team.logins['kaya']}:{team.passwords['kaya']}"
    pgpass.write_text(line + "\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    code, out, _err = _run(capsys, "--db", team.url("kaya", password=False), "cases")
    assert code == 0 and "2026-0005" in out


def test_the_password_may_come_from_the_keyring(
    team: TeamDb, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jeugdtool import team_admin
    from jeugdtool.store.location import resolve

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    _stdin(monkeypatch)  # no terminal: without the keyring this would fail
    url = team.url("kaya", password=False)
    stored = {
        (team_admin.KEYRING_SERVICE, team_admin.keyring_user(resolve(url))): team.passwords["kaya"]
    }
    fake = types.ModuleType("keyring")
    fake.get_password = lambda service, user: stored.get((service, user))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", fake)
    code, out, _err = _run(capsys, "--db", url, "cases")
    assert code == 0 and "2026-0005" in out


# ---------------------------------------------------------------- users and teams


def test_a_new_users_password_is_typed_twice(
    team: TeamDb, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    login = f"nieuw_{uuid.uuid4().hex[:6]}"
    argv = ["--db", team.owner, "admin", "user", "add", login, "--name", "N. Nieuw"]
    argv += ["--role", "consultant", "--team", "Zuid"]
    prompts = _answers(monkeypatch, "een-wachtwoord", "ander-wachtwoord")
    code, _out, err = _run(capsys, *argv)
    assert code == 1 and len(prompts) == 2 and "een-wachtwoord" not in err

    _answers(monkeypatch, "een-wachtwoord", "een-wachtwoord")
    assert _run(capsys, *argv)[0] == 0
    url = make_url(team.owner).set(username=login, password="een-wachtwoord")
    code, out, _err = _run(capsys, "--db", url.render_as_string(hide_password=False), "cases")
    # Signed in; a consultant of team Zuid who manages no case sees none (they are J. Visser's).
    assert (code, out) == (0, "")


def test_a_user_added_without_a_password_is_told_how_they_sign_in(
    team: TeamDb, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    login = f"kerberos_{uuid.uuid4().hex[:6]}"
    _stdin(monkeypatch)
    argv = ["--db", team.owner, "admin", "user", "add", login, "--name", "K. Erberos"]
    code, out, _err = _run(capsys, *argv, "--role", "reviewer", "--team", "Noord")
    assert code == 0 and "pg_hba.conf" in out and "--password-stdin" in out
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    url = make_url(team.owner).set(username=login)._replace(password=None)
    code, _out, err = _run(capsys, "--db", url.render_as_string(hide_password=False), "cases")
    assert code == 1 and err.strip()


def test_a_short_password_is_refused(team: TeamDb, capsys, monkeypatch) -> None:
    login = f"kort_{uuid.uuid4().hex[:6]}"
    _stdin(monkeypatch, "kort\n")
    argv = ["--db", team.owner, "admin", "user", "add", login, "--name", "K. Ort"]
    code, _out, err = _run(capsys, *argv, "--role", "consultant", "--password-stdin")
    assert code == 1 and "8" in err
    assert _run(capsys, "--db", team.url("beheer"), "admin", "user", "remove", login)[0] == 1


def test_an_administrator_adds_users_and_a_consultant_may_not(
    team: TeamDb, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    login = f"stagiair_{uuid.uuid4().hex[:6]}"
    argv = ["admin", "user", "add", login, "--name", "S. Tagiair", "--role", "consultant"]
    argv += ["--team", "Noord", "--password-stdin"]
    _stdin(monkeypatch, "stagiair-wachtwoord\n")
    code, out, err = _run(capsys, "--db", team.url("kaya"), *argv)
    assert code == 1 and out == "" and err.strip()
    _stdin(monkeypatch, "stagiair-wachtwoord\n")
    code, out, _err = _run(capsys, "--db", team.url("beheer"), *argv)
    assert code == 0 and login in out and "S. Tagiair" in out
    code, _out, err = _run(capsys, "--db", team.url("kaya"), "admin", "team", "add", "West")
    assert code == 1 and err.strip()
    assert _run(capsys, "--db", team.url("beheer"), "admin", "team", "add", "West")[0] == 0


def test_a_removed_user_can_no_longer_sign_in(team: TeamDb, capsys) -> None:
    code, out, _err = _run(
        capsys, "--db", team.url("beheer"), "admin", "user", "remove", team.logins["kaya"]
    )
    assert code == 0 and "M. Kaya" in out
    code, out, err = _run(capsys, "--db", team.url("kaya"), "cases")
    assert code == 1 and out == "" and err.strip()
    # The team leader still sees her cases, with her name as case manager.
    listed = _run(capsys, "--db", team.url("leider"), "cases")[1]
    assert "2026-0005\tGezin Öztürk\topen\tM. Kaya" in listed


# ---------------------------------------------------------------- the access log


def test_the_privacy_officer_exports_the_access_log_with_filters(
    team: TeamDb, capsys, tmp_path: Path
) -> None:
    for who, number in (("boer", "2026-0001"), ("kaya", "2026-0005"), ("kaya", "2026-0002")):
        out_file = tmp_path / f"{number}.json"
        assert _run(capsys, "--db", team.url(who), "export", number, "--out", str(out_file))[0] == 0
    pdf = str(tmp_path / "plan.pdf")
    assert (
        _run(
            capsys,
            "--db",
            team.url("kaya"),
            "pdf",
            "2026-0005",
            "--zrm",
            "--for",
            "school",
            "--out",
            pdf,
        )[0]
        == 0
    )

    assert len(_log(team, capsys, "--action", "export")) == 3
    assert {r["case_number"] for r in _log(team, capsys, "--user", team.logins["kaya"])} == {
        "2026-0005",
        "2026-0002",
    }
    [made] = _log(team, capsys, "--case", "2026-0005", "--action", "pdf")
    assert "school" in made["detail"] and made["who"] == "M. Kaya"
    today = dt.datetime.now(dt.UTC).date()
    kaya = ("--user", team.logins["kaya"])
    assert len(_log(team, capsys, *kaya, "--from", str(today), "--to", str(today))) == 3
    assert _log(team, capsys, "--from", str(today + dt.timedelta(days=1))) == []
    assert _log(team, capsys, "--to", str(today - dt.timedelta(days=1))) == []

    target = tmp_path / "log.csv"
    argv = ["--db", team.url("privacy"), "admin", "access-log", "--format", "csv"]
    code, out, _err = _run(capsys, *argv, "--action", "export", "--out", str(target))
    assert code == 0 and str(target) in out and "3" in out
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["case_number"] for r in rows] == ["2026-0002", "2026-0005", "2026-0001"]
    assert target.stat().st_mode & 0o777 == 0o600


def test_only_the_privacy_officer_and_the_owner_read_the_access_log(team: TeamDb, capsys) -> None:
    for who in ("boer", "leider", "beheer"):
        argv = ["--db", team.url(who), "admin", "access-log", "--format", "csv"]
        code, out, err = _run(capsys, *argv)
        assert code == 1 and out == "" and err.strip(), who
    code, out, _err = _run(capsys, "--db", team.owner, "admin", "access-log", "--format", "csv")
    assert code == 0 and out.startswith("at,who,login")


# ---------------------------------------------------------------- a database file


@pytest.fixture
def demo_file(tmp_path: Path, capsys) -> Iterator[Path]:
    path = tmp_path / "demo.sqlite"
    assert _run(capsys, "--db", str(path), "demo")[0] == 0
    yield path


def test_the_access_log_of_a_database_file(demo_file: Path, capsys, tmp_path: Path) -> None:
    db = str(demo_file)
    out_file = str(tmp_path / "x.json")
    assert (
        _run(capsys, "--db", db, "--user", "A. de Boer", "export", "2026-0001", "--out", out_file)[
            0
        ]
        == 0
    )
    code, out, _err = _run(
        capsys, "--db", db, "admin", "access-log", "--format", "json", "--action", "export"
    )
    assert code == 0
    [row] = json.loads(out)
    assert (row["who"], row["case_number"], row["login"]) == ("A. de Boer", "2026-0001", None)
    imports = _run(
        capsys, "--db", db, "admin", "access-log", "--format", "csv", "--action", "import"
    )[1]
    assert len(imports.splitlines()) == 1 + 6  # the header and the six demo cases
    by_name = _run(
        capsys, "--db", db, "admin", "access-log", "--format", "json", "--user", "a. de boer"
    )[1]
    assert [r["action"] for r in json.loads(by_name)] == ["export"]


def test_access_log_dates_are_checked(demo_file: Path, capsys) -> None:
    argv = ["--db", str(demo_file), "admin", "access-log", "--format", "csv"]
    code, _out, err = _run(capsys, *argv, "--from", "1-3-2026")
    assert code == 2 and "'1-3-2026'" in err
    code, _out, err = _run(capsys, *argv, "--from", "2026-03-02", "--to", "2026-03-01")
    assert code == 1 and "2026-03-02" in err


def test_the_command_line_knows_every_kind_of_access() -> None:
    assert set(cli.ACCESS_ACTIONS) == {a.value for a in AccessAction}


@pytest.mark.parametrize(
    "argv",
    [
        ["admin"],
        ["admin", "init"],
        ["admin", "team", "add"],
        ["admin", "user", "add"],
        ["admin", "user", "remove"],
        ["admin", "access-log"],
    ],
)
def test_each_admin_command_has_help(argv: list[str], capsys) -> None:
    code, out, _err = _run(capsys, *argv, "--help")
    assert code == 0 and f"jeugdtool {' '.join(argv)}" in out


# ---------------------------------------------------------------- importing in team mode


def test_a_consultant_imports_a_case_into_their_own_team(team: TeamDb, capsys) -> None:
    case_file = str(DEMO / "03-meijer.json")  # J. Visser's case, of the other team
    code, out, err = _run(capsys, "--db", team.url("kaya"), "import", case_file, "--as-new")
    assert code == 0, err
    number = next(w for w in out.split() if w.startswith("2026-"))
    listed = _run(capsys, "--db", team.url("kaya"), "cases")[1]
    assert f"{number}\tGezin Meijer-Dijkstra\tclosed\tM. Kaya" in listed
    # In her team: the team leader of Noord sees it; Zuid's consultant does not.
    assert number in _run(capsys, "--db", team.url("leider"), "cases")[1]
    assert number not in _run(capsys, "--db", team.url("visser"), "cases")[1]
    [row] = _log(team, capsys, "--action", "import", "--user", team.logins["kaya"])
    assert (row["who"], row["case_number"]) == ("M. Kaya", number)


def test_a_person_in_no_team_cannot_import(team: TeamDb, capsys) -> None:
    case_file = str(DEMO / "03-meijer.json")
    code, out, err = _run(capsys, "--db", team.url("privacy"), "import", case_file, "--as-new")
    assert code == 1 and out == "" and "team" in err


# ---------------------------------------------------------------- emergency access's duration


def test_the_organisation_sets_how_long_emergency_access_lasts(team: TeamDb, capsys) -> None:
    """An administrator sets the hours; the database's break-the-glass grants exactly that."""
    from jeugdtool.cases import access
    from jeugdtool.cases.models import BreakGlass
    from jeugdtool.i18n import ngettext
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    code, out, _err = _run(capsys, "--db", team.url("boer"), "admin", "break-glass-hours")
    assert (code, out.strip()) == (
        0,
        ngettext(
            "Emergency access lasts {n} hour.", "Emergency access lasts {n} hours.", 24
        ).format(n=24),
    )
    code, out, _err = _run(capsys, "--db", team.url("beheer"), "admin", "break-glass-hours", "8")
    assert code == 0 and "8" in out
    # A consultant may not set it, and a week is the most.
    assert _run(capsys, "--db", team.url("boer"), "admin", "break-glass-hours", "48")[0] == 1
    assert _run(capsys, "--db", team.url("beheer"), "admin", "break-glass-hours", "500")[0] == 1
    database = open_database(team.url("visser"))  # of team Zuid: 2026-0001 is not hers
    try:
        uow = UnitOfWork(database, "J. Visser")
        case_id = access.break_glass(uow, "2026-0001", "Melding politie, casusregisseur afwezig")
        with uow:
            grant = uow.session.query(BreakGlass).filter_by(household_id=case_id).one()
            assert grant.expires_at - grant.granted_at == dt.timedelta(hours=8)
    finally:
        database.close()


def test_a_database_file_has_no_emergency_access_to_set(tmp_path: Path, capsys) -> None:
    code, _out, err = _run(
        capsys, "--db", str(tmp_path / "own.sqlite"), "admin", "break-glass-hours"
    )
    assert code == 1 and "PostgreSQL" in err


def test_one_password_rule_for_the_command_line_and_the_window() -> None:
    """team_admin.check_password: typed twice alike, at least 8 characters (both front ends
    and add_user itself call it)."""
    from jeugdtool import team_admin
    from jeugdtool.errors import InvalidInput

    assert team_admin.check_password("lang-genoeg", "lang-genoeg") == "lang-genoeg"
    with pytest.raises(InvalidInput):
        team_admin.check_password("kort")
    with pytest.raises(InvalidInput):
        team_admin.check_password("lang-genoeg", "lang-genoeG")


def test_an_access_log_export_into_a_missing_folder_says_so(tmp_path: Path, capsys) -> None:
    """One file's own log (no server needed); the message is the core's, as in the window."""
    from jeugdtool.i18n import _

    db = str(tmp_path / "eigen.sqlite")
    assert _run(capsys, "--db", db, "demo")[0] == 0
    missing = tmp_path / "weg" / "log.csv"
    code, _out, err = _run(
        capsys, "--db", db, "admin", "access-log", "--format", "csv", "--out", str(missing)
    )
    assert code == 1
    assert (
        _("The folder {folder} does not exist. Choose an existing folder.").format(
            folder=missing.parent
        )
        in err
    )
    assert "Traceback" not in err and not missing.parent.exists()
