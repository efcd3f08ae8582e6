"""A small team database for the window's team-mode tests, and answering modal dialogs.

Two teams with a consultant each (their own PostgreSQL logins, with a password) and a case
each: Anna (Team Noord) manages 2026-0001, Bram (Team Zuid) 2026-0002. The owner's database
(the test server's superuser, not bound by the access rules) sets it up and reads the log.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

#: The password of every test user.
PASSWORD = "Zomer-2026-geheim"


@dataclass
class TeamDb:
    #: The owner's URL (the server's superuser), with its password.
    url: str
    owner: object  # Database
    anna: str
    bram: str
    anna_id: int
    bram_id: int
    anna_case: object  # HouseholdDTO
    bram_case: object

    def url_for(self, login: str | None, password: str | None = None) -> str:
        """This database for `login` (None: no login name in the URL)."""
        url = make_url(self.url)._replace(username=login, password=password)
        return url.render_as_string(hide_password=False)

    def open_as(self, login: str):
        from jeugdtool.store.engine import open_database

        return open_database(self.url_for(login, PASSWORD))

    def log(self, case_number: str | None = None, action=None) -> list:
        """The access log's rows (read by the owner), newest first."""
        from jeugdtool.cases import access
        from jeugdtool.store.uow import UnitOfWork

        where = access.AccessLogFilter(case_number=case_number, action=action)
        return access.entries(UnitOfWork(self.owner, "beheer"), where)  # type: ignore[arg-type]


@pytest.fixture(name="team")
def team_fixture(
    pg_team_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TeamDb]:
    """The team database, set up by its owner (`pg_team_url`: as `admin init` leaves it)."""
    from jeugdtool import team_admin
    from jeugdtool.cases import households
    from jeugdtool.cases import staff
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    # Only what a test gives counts: no password from the environment or a ~/.pgpass.
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    pg_url = pg_team_url
    owner = open_database(pg_url)
    uow = UnitOfWork(owner, "beheer")
    staff.add_team(uow, "Team Noord")
    staff.add_team(uow, "Team Zuid")
    suffix = uuid.uuid4().hex[:6]
    anna, bram = f"anna_{suffix}", f"bram_{suffix}"
    a = team_admin.add_user(
        owner, anna, "Anna de Vries", ["consultant"], ["Team Noord"], password=PASSWORD
    )
    b = team_admin.add_user(
        owner, bram, "Bram Smit", ["consultant"], ["Team Zuid"], password=PASSWORD
    )
    anna_case = households.create_case(
        uow, name="Gezin Jansen", case_number="2026-0001", case_manager_id=a.id
    ).value
    bram_case = households.create_case(
        uow, name="Gezin Bakker", case_number="2026-0002", case_manager_id=b.id
    ).value
    yield TeamDb(pg_url, owner, anna, bram, a.id, b.id, anna_case, bram_case)
    owner.close()


def answer_modals(*actions: Callable[[QWidget], None]) -> list[QWidget]:
    """Run each action on the next modal dialog that opens, in order: a dialog that opens again
    (a second login prompt) is a new one. Returns the dialogs answered, as they came."""
    seen: list[QWidget] = []
    queue = list(actions)

    def run() -> None:
        if not queue:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None or (seen and dialog is seen[-1]):
            QTimer.singleShot(10, run)
            return
        seen.append(dialog)
        try:
            queue.pop(0)(dialog)
        except BaseException:
            dialog.close()  # a failed check must not leave the test waiting on the dialog
            raise
        QTimer.singleShot(10, run)

    QTimer.singleShot(0, run)
    return seen
