"""Shared fixtures: a private jeugdtool home per test, an open database, a unit of work.

`db` is an SQLite file. Tests marked `both_backends` (e.g. `pytestmark` of a module) run twice,
`[sqlite]` and `[postgres]`: the second on a new team database of the PostgreSQL server that
JEUGDTOOL_TEST_PG_URL names (`make test` starts one: scripts/with-postgres.sh), a copy of one set
up once per test process; skipped with the reason when that variable is not set.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: A PostgreSQL server URL (postgresql+psycopg://user:password@host:port/db) whose user may
#: create databases; each PostgreSQL test gets a database of its own there.
PG_URL_ENV = "JEUGDTOOL_TEST_PG_URL"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"both_backends: run on SQLite, and on PostgreSQL when {PG_URL_ENV} is set",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_backends"
    ):
        metafunc.parametrize("backend", ["sqlite", "postgres"], indirect=True)


# ---- the fast tier: `make test-fast` runs every test not marked slow ---------------------------

#: Modules whose tests are slow as a whole (a database, a window or a PDF per test), relative to
#: tests/. Chosen from `pytest --durations=0` on 2 cores so that the rest runs in under a minute;
#: a new module is fast until it is listed here.
SLOW_MODULES = frozenset(
    [
        "bundle/test_bundle.py",
        "core/test_access_request.py",
        "core/test_backup_restore.py",
        "core/test_casefile.py",
        "core/test_caseload.py",
        "core/test_cases.py",
        "core/test_cli.py",
        "core/test_cli_admin.py",
        "core/test_demo.py",
        "core/test_destruction.py",
        "core/test_disclosures.py",
        "core/test_dossier_parts.py",
        "core/test_dossier_privacy_review.py",
        "core/test_encryption.py",
        "core/test_experience_form.py",
        "core/test_export_access_log.py",
        "core/test_meeting_casefile.py",
        "core/test_moments.py",
        "core/test_open_faults.py",
        "core/test_org_policy.py",
        "core/test_outcome_parts.py",
        "core/test_pdf_map.py",
        "core/test_pdf_minutes.py",
        "core/test_pdf_plan.py",
        "core/test_pdf_selection.py",
        "core/test_pdf_special_statements.py",
        "core/test_pdf_zrm.py",
        "core/test_plan_family_version.py",
        "core/test_plan_finalise.py",
        "core/test_plan_services.py",
        "core/test_special_marks_more.py",
        "core/test_team_admin.py",
        "core/test_zrm_cli.py",
        "ui/test_access_request_dialog.py",
        "ui/test_auto_lock.py",
        "ui/test_batch_export.py",
        "ui/test_break_glass.py",
        "ui/test_case_team.py",
        "ui/test_charts_screens.py",
        "ui/test_destroy_dialog.py",
        "ui/test_disclosures_ui.py",
        "ui/test_encryption_ui.py",
        "ui/test_export_warnings.py",
        "ui/test_framework_map.py",
        "ui/test_guided.py",
        "ui/test_help_window.py",
        "ui/test_main_window.py",
        "ui/test_main_window_wording.py",
        "ui/test_map_polish.py",
        "ui/test_meetings_minutes.py",
        "ui/test_meetings_ui.py",
        "ui/test_menus.py",
        "ui/test_mnemonics.py",
        "ui/test_new_case_team.py",
        "ui/test_ops.py",
        "ui/test_overview_plan_status.py",
        "ui/test_pdf_export_dialog.py",
        "ui/test_plan_network_flags.py",
        "ui/test_plan_page.py",
        "ui/test_plan_reviews.py",
        "ui/test_presentation.py",
        "ui/test_presentation_fit.py",
        "ui/test_presentation_keys.py",
        "ui/test_read_only_ui.py",
        "ui/test_recent_databases_menu.py",
        "ui/test_team_sign_in.py",
        "ui/test_wellbeing_screens.py",
        "ui/test_workspace.py",
        "ui/test_zrm_page.py",
        "ui/test_zrm_plan_links.py",
        "ui/test_zrm_progress.py",
    ]
)
#: Single slow tests in otherwise fast modules (every parameter of them): hypothesis searches,
#: full-disk and killed-process runs, the i18n extraction, demo-data windows.
SLOW_TESTS = frozenset(
    [
        "core/test_casefile_fuzz.py::test_a_broken_file_is_imported_whole_or_refused_whole_and_quickly",
        "core/test_contacts.py::test_the_access_request_shows_the_chair_and_the_trusted_person",
        "core/test_desktop_install.py::test_a_file_no_longer_shipped_is_removed_on_update",
        "core/test_handover.py::test_on_the_server_a_handover_moves_the_access_with_it",
        "core/test_i18n.py::test_every_source_string_has_a_dutch_translation",
        "core/test_i18n.py::test_po_header_declares_dutch_with_two_plural_forms",
        "core/test_integrity.py::test_a_broken_reference_is_found",
        "core/test_integrity.py::test_check_changes_nothing",
        "core/test_integrity.py::test_counts_every_table",
        "core/test_logs.py::test_a_command_writes_the_log_with_its_name_only",
        "core/test_meetings.py::test_a_mask_hides_full_first_and_last_names_in_free_text",
        "core/test_privacy_requests.py::test_a_demo_case_has_an_open_destruction_request_and_a_decided_correction",
        "core/test_prompts.py::test_any_removed_required_key_is_reported_where_it_was",
        "core/test_statements.py::test_generator_and_checks_never_crash",
        "core/test_storage_faults.py::test_a_server_that_goes_down_and_comes_back",
        "core/test_storage_faults.py::test_edits_on_a_full_disk_fail_cleanly_and_none_reported_saved_goes_missing",
        "core/test_storage_faults.py::test_killed_while_editing_loses_no_edit_reported_saved",
        "core/test_store.py::test_locked_database_gives_a_clear_message",
        "core/test_undo_guards.py::test_removing_a_network_member_expects_them_as_last_seen",
        "core/test_zrm_casefile.py::test_export_import_export_keeps_every_assessment",
        "core/test_zrm_casefile.py::test_random_changes_to_the_assessments_give_problems_never_a_traceback",
        "core/test_zrm_definitions.py::test_random_broken_files_give_problems_not_tracebacks",
        "ui/test_case_meetings.py::test_a_follow_up_added_in_the_meetings_window_shows_on_the_open_case",
        "ui/test_charts_essentials.py::test_jeugdtool_imports_only_pyside6_essentials",
        "ui/test_file_dialogs.py::test_a_case_file_export_offers_to_open_it",
        "ui/test_fit_1366.py::test_every_dialog_and_window_fits",
        "ui/test_fit_1366.py::test_the_main_window_and_every_page_of_a_case_fit",
        "ui/test_history_page.py::test_zrm_domains_read_by_name_on_the_history_page",
        "ui/test_logs_session.py::test_a_session_over_the_demo_data_logs_no_personal_data",
        "ui/test_privacy_requests_ui.py::test_the_case_menu_opens_the_requests_of_the_case_in_view",
        "ui/test_retention_ui.py::test_a_closed_case_shows_until_when_it_is_kept_and_why",
        "ui/test_undo_conflicts_more.py::test_undo_of_a_corrected_round_score_keeps_a_colleagues_correction",
        "ui/test_unsaved_edits.py::TestFullDisk::test_the_edit_stays_marked_and_is_saved_once_space_is_free",
        "ui/test_unsaved_edits.py::test_a_lost_connection_keeps_the_edit_until_it_is_back",
        "ui/test_unsaved_edits.py::test_a_plan_field_kept_by_a_fault_is_marked_where_it_was_typed",
        "ui/test_zrm_fit.py::test_a_long_name_wraps_and_has_a_tooltip",
        "ui/test_zrm_fit.py::test_the_matrix_persons_and_details_fit_side_by_side",
        "ui/test_zrm_fit.py::test_the_plan_links_scroll_with_the_side_panel",
    ]
)


#: The longest single tests (`--durations` of a whole run on two cores, 10 s and more), longest
#: first. They run first, so that no worker is left with one of them at the end while the other
#: has nothing more to do (`make test` spreads the tests with `--dist worksteal`: each worker
#: starts on its half of the list in this order, and takes work from the other's end).
LONG_FIRST = (
    "bundle/test_bundle.py::",  # builds the bundle first (136 s), then its tests
    "core/test_zrm_casefile.py::test_random_changes_to_the_assessments_give_problems_never_",
    "core/test_casefile_fuzz.py::test_a_broken_file_is_imported_whole_or_refused_whole_and_",
    "core/test_pdf_plan.py::test_a_long_plan_flows_over_pages_without_losing_or_clipping_text",
    "core/test_team_rls.py::test_a_thousand_conflicting_edits_by_two_logins_lose_nothing",
    "core/test_pdf_archive.py::test_every_document_of_the_demo_households_is_pdfa_2b_and_acc",
    "core/test_storage_faults.py::test_killed_while_editing_loses_no_edit_reported_saved",
    "ui/test_mnemonics.py::test_every_page_of_a_case_uses_each_letter_once",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _slow(item):
            item.add_marker(pytest.mark.slow)
    items.sort(key=_long_first)  # stable: the rest keeps its order


def _long_first(item: pytest.Item) -> int:
    """The place of the item's entry in LONG_FIRST; after all of them when it has none."""
    nodeid = item.nodeid.removeprefix("tests/")
    for place, start in enumerate(LONG_FIRST):
        if nodeid.startswith(start):
            return place
    return len(LONG_FIRST)


#: Fixtures that give a test the demo households (below): such a test renders or reads whole
#: households, up to seconds on two busy cores, so it is slow wherever it lives.
DEMO_FIXTURES = frozenset(["demo_households", "sqlite_demo"])


def _slow(item: pytest.Item) -> bool:
    """Listed above, on the demo households, or on PostgreSQL (a server per run, a database per
    test)."""
    module, _, name = item.nodeid.removeprefix("tests/").partition("::")
    if module in SLOW_MODULES or f"{module}::{name.partition('[')[0]}" in SLOW_TESTS:
        return True
    callspec = getattr(item, "callspec", None)
    on_postgres = callspec is not None and callspec.params.get("backend") == "postgres"
    fixtures = set(getattr(item, "fixturenames", ()))
    return on_postgres or "pg_admin" in fixtures or not DEMO_FIXTURES.isdisjoint(fixtures)


@pytest.fixture(autouse=True)
def jeugdtool_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings, data, backups and the log of each test stay in its own temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("JEUGDTOOL_HOME", str(home))
    monkeypatch.delenv("JEUGDTOOL_DB", raising=False)
    # New databases of tests are plain unless a test gives a passphrase (each encrypted
    # connection costs the key derivation); tests/core/test_encryption.py covers encryption.
    monkeypatch.setenv("JEUGDTOOL_NO_ENCRYPTION", "1")
    monkeypatch.delenv("JEUGDTOOL_PASSPHRASE", raising=False)
    from jeugdtool import i18n

    i18n.set_language("nl")
    yield home
    from jeugdtool import logs

    logs.shutdown()  # a log set up by the test (cli.main, run_gui) ends with its home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.sqlite"


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The kind of database `db` is: "sqlite", or "postgres" in `both_backends` tests."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_admin() -> Iterator:
    """An autocommit engine on the PostgreSQL test server; skips when there is none."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        why = os.environ.get("JEUGDTOOL_TEST_PG_UNAVAILABLE") or "not set"
        pytest.skip(f"PostgreSQL tests need {PG_URL_ENV} ({why}); `make test` sets it")
    from sqlalchemy import create_engine

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL (with its password) of a new, empty PostgreSQL database, dropped after the test.

    In a test whose `db` is on PostgreSQL it is that database instead: a team database, set
    up (`pg_team_template`), as `db` opens it.

    Its sessions run in an odd time zone (+12:45/+13:45), so a time that depends on the
    server's zone shows up as wrong.
    """
    from tests import pg_databases

    if "db" in request.fixturenames and request.getfixturevalue("backend") == "postgres":
        yield request.getfixturevalue("pg_team_url")
        return
    name = f"jeugdtool_test_{uuid.uuid4().hex[:16]}"
    pg_databases.create(pg_admin, name)
    yield pg_admin.url.set(database=name).render_as_string(hide_password=False)
    pg_databases.drop(pg_admin, name)


@pytest.fixture
def pg_team_url(pg_admin, pg_team_template: str) -> Iterator[str]:
    """The URL (with its password) of a new team database as `admin init` sets one up, empty
    but for what the migrations put in: a copy of `pg_team_template`, dropped after the test
    with the logins the test added. Every copy in a test process has the same name."""
    from tests import pg_databases

    pg_databases.copy_team(pg_admin, pg_team_template)
    yield pg_admin.url.set(database=pg_team_template).render_as_string(hide_password=False)
    pg_databases.drop_copy(pg_admin, pg_team_template)


@pytest.fixture(scope="session")
def pg_team_template(pg_admin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A team database set up once per test process, as `db` had each test set up its own:
    a new database, `team_admin.init` by its owner (the test server's superuser). It is then
    renamed aside to `<name>_tpl`; each PostgreSQL `db` is a copy of it under `<name>`
    (`pg_databases.copy_team`), a fraction of a second where `init` takes seconds. Yields
    `<name>`. `admin init` itself on new databases has tests of its own (test_team_admin.py,
    test_cli_admin.py, test_postgres.py)."""
    import jeugdtool.models  # noqa: F401
    from jeugdtool import team_admin
    from tests import pg_databases

    name = f"jeugdtool_test_{uuid.uuid4().hex[:16]}"
    pg_databases.create(pg_admin, name)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("JEUGDTOOL_HOME", str(tmp_path_factory.mktemp("team") / "home"))
            patch.setenv("JEUGDTOOL_NO_ENCRYPTION", "1")
            patch.delenv("JEUGDTOOL_PASSPHRASE", raising=False)
            team_admin.init(pg_admin.url.set(database=name).render_as_string(hide_password=False))
        with pg_admin.connect() as conn:
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" RENAME TO "{name}_tpl"')
        yield name
    finally:
        pg_databases.drop(pg_admin, name, f"{name}_tpl")


@pytest.fixture(scope="session")
def team_world_template(pg_admin) -> Iterator:
    """test_team_rls.py's world of teams, logins and cases, built once per test process."""
    from tests.core.test_team_rls import world_template

    yield from world_template(pg_admin)


@pytest.fixture
def team_world(pg_admin, team_world_template) -> Iterator:
    """A copy of that world for one test: change anything, the next test starts clean."""
    from tests.core.test_team_rls import copy_world

    yield from copy_world(pg_admin, team_world_template)


@pytest.fixture(scope="session")
def sqlite_at_head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new plain database file at the newest schema, made once per test process: `db` starts
    from a copy instead of running every migration again (the migrations have tests of their
    own, from the fixtures of each earlier schema)."""
    import jeugdtool.models  # noqa: F401
    from jeugdtool.store.engine import open_database

    folder = tmp_path_factory.mktemp("head")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JEUGDTOOL_HOME", str(folder / "home"))
        patch.setenv("JEUGDTOOL_NO_ENCRYPTION", "1")
        patch.delenv("JEUGDTOOL_PASSPHRASE", raising=False)
        path = folder / "head.sqlite"
        open_database(path).close()
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith("head.sqlite-")]
    assert not leftovers, f"the template database left {leftovers}: copy them too"
    return path


@dataclass(frozen=True)
class DemoTemplate:
    """A database file with the demo households (`load_demo` by "A. de Boer", in Dutch), and
    what `load_demo(uow).value` gave when they were loaded into it."""

    path: Path
    households: tuple  # of cases.dto.HouseholdDTO


@pytest.fixture(scope="session")
def sqlite_demo(sqlite_at_head: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoTemplate:
    """The demo loaded once per test process into a copy of sqlite_at_head. Never open it for
    writing: `demo_households` starts a test's `db` from a copy, and module fixtures that only
    read (the PDF layout tests) render from copies of it too."""
    import jeugdtool.models  # noqa: F401
    from jeugdtool import i18n
    from jeugdtool.export.demo import load_demo
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite"
    shutil.copyfile(sqlite_at_head, path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JEUGDTOOL_HOME", str(folder / "home"))
        patch.setenv("JEUGDTOOL_NO_ENCRYPTION", "1")
        patch.delenv("JEUGDTOOL_PASSPHRASE", raising=False)
        language = i18n.current_language()
        i18n.set_language("nl")
        database = open_database(path)
        try:
            households = tuple(load_demo(UnitOfWork(database, "A. de Boer")).value)
        finally:
            database.close()
            i18n.set_language(language)
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith("demo.sqlite-")]
    assert not leftovers, f"the demo database left {leftovers}: copy them too"
    assert households, "the demo loaded no household"
    return DemoTemplate(path, households)


#: Set on a test's node when its `db` started as a copy of `sqlite_demo`.
_STARTED_WITH_DEMO = pytest.StashKey[bool]()


@pytest.fixture
def db(db_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator:
    """The test's own database. On SQLite a copy of `sqlite_at_head`, or of `sqlite_demo` when
    the test asks for `demo_households` (directly or through one of its fixtures); on
    PostgreSQL a copy of `pg_team_template` (`pg_url`)."""
    # Every model loaded, as in the program: a removal's snapshot follows every table's cascade.
    import jeugdtool.models  # noqa: F401
    from jeugdtool.store.engine import open_database

    if backend == "sqlite":
        if not db_path.exists():
            with_demo = "demo_households" in request.fixturenames
            if with_demo:
                template = request.getfixturevalue("sqlite_demo").path
            else:
                template = request.getfixturevalue("sqlite_at_head")
            shutil.copyfile(template, db_path)
            shutil.copymode(template, db_path)
            request.node.stash[_STARTED_WITH_DEMO] = with_demo
        database = open_database(db_path)
    else:  # a team database, set up by its owner (a copy of `pg_team_template`), then opened
        database = open_database(request.getfixturevalue("pg_url"))
    yield database
    database.close()


@pytest.fixture
def demo_households(db, backend: str, request: pytest.FixtureRequest) -> tuple:
    """The demo households, in `db` from its start: what `load_demo(uow).value` gives on a new
    database, without loading the demo for every test (a copy of `sqlite_demo`; the test may
    change it). On PostgreSQL the demo is loaded into the test's database by `uow`'s author."""
    if backend == "sqlite":
        assert request.node.stash.get(_STARTED_WITH_DEMO, False), (
            "`db` was made before the test asked for demo_households: ask for it in the "
            "signature (or a fixture's), not with request.getfixturevalue"
        )
        return request.getfixturevalue("sqlite_demo").households
    from jeugdtool.export.demo import load_demo

    return tuple(load_demo(request.getfixturevalue("uow")).value)


@pytest.fixture
def uow(db):
    from jeugdtool.store.uow import UnitOfWork

    return UnitOfWork(db, "A. de Boer")


@pytest.fixture
def case(uow):
    """An open case with no members yet."""
    from jeugdtool.cases import households

    return households.create_case(uow, name="Gezin Jansen", case_number="2026-0012").value


# ---- a disk that can really fill up ----------------------------------------------------------

#: The size of the small disk: room for a database with a few cases, and little more.
SMALL_DISK = "8m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of SMALL_DISK of its own, mounted for this test (root only; CI runs as root).

    Faults are tested on the real thing: SQLite meets ENOSPC from the kernel, not a mock.
    """
    import subprocess

    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs the suite as root)")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK},mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.fixture
def fill_disk() -> Callable[[Path], Path]:
    """`fill_disk(folder)` writes a file there until the disk is full and returns it (remove it
    to free the space)."""
    return _fill_disk


def _fill_disk(folder: Path) -> Path:
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as fh:
        for size in (1 << 20, 1 << 16, 1 << 12, 1 << 9):
            while True:
                try:
                    fh.write(b"\0" * size)
                except OSError:
                    break
    return filler
