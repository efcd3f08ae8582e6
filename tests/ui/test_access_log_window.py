"""The access log window as the privacy officer uses it: filter, read, export; and the emergency
access in force."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from jeugdtool.cases import access
from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases.models import BreakGlass
from jeugdtool.cases.staff import StaffMember
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store import access_log
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.access_log import AccessLogEntry
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.access_log_window import AccessLogWindow


@pytest.fixture
def logged(ctx):
    """Two cases opened by A. de Boer, one exported as PDF for the school; one opened by a
    colleague."""
    jansen = ctx.run(households.create_case, name="Gezin Jansen", case_number="2026-0001")
    smit = ctx.run(households.create_case, name="Gezin Smit", case_number="2026-0002")
    access.record(ctx.uow, AccessAction.OPEN, jansen.id)
    access.record(ctx.uow, AccessAction.OPEN, smit.id)
    access.record(ctx.uow, AccessAction.PDF, jansen.id, detail="Veiligheidsplan, voor: school")
    kaya = ctx.run(consultants.add_consultant, "M. Kaya")
    access.record(UnitOfWork(ctx.database, kaya.name, kaya.id), AccessAction.OPEN, smit.id)
    return jansen, smit, kaya


@pytest.fixture
def window(ctx, logged, qtbot):
    widget = AccessLogWindow(ctx)
    qtbot.addWidget(widget)
    return widget


def _shown(window: AccessLogWindow) -> list[tuple[str, str]]:
    return [(r.case_number or "", r.action.value) for r in window.log.rows]


def test_the_log_lists_every_access_newest_first(window) -> None:
    assert _shown(window) == [
        ("2026-0002", "open"),
        ("2026-0001", "pdf"),
        ("2026-0002", "open"),
        ("2026-0001", "open"),
    ]
    assert window.log.index(0, 1).data() == "M. Kaya"
    assert window.log.index(1, 4).data() == AccessAction.PDF.label
    assert window.log.index(1, 5).data() == "Veiligheidsplan, voor: school"
    assert window.count_label.text() == ngettext("{n} entry", "{n} entries", 4).format(n=4)
    assert window.log_view.isColumnHidden(2)  # no logins in single-user mode
    assert not window.grants_panel.isVisibleTo(window)  # no emergency access on a file


def test_filter_by_case_action_person_and_period(window, ctx, logged, qtbot) -> None:
    qtbot.keyClicks(window.case_edit, "2026-0001")
    qtbot.waitUntil(lambda: len(window.log.rows) == 2)
    window.action_combo.setCurrentIndex(window.action_combo.findData(AccessAction.PDF))
    assert _shown(window) == [("2026-0001", "pdf")]
    window.case_edit.clear()
    window.action_combo.setCurrentIndex(0)
    window.reload()
    assert len(window.log.rows) == 4
    kaya = logged[2]
    window.person_combo.setCurrentIndex(window.person_combo.findData(kaya.id))
    assert [(r.who, r.case_number) for r in window.log.rows] == [("M. Kaya", "2026-0002")]
    window.person_combo.setCurrentIndex(0)
    assert len(window.log.rows) == 4
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    window.since_edit.setDate(window.since_edit.date().addDays(31))  # from tomorrow on
    window.reload()
    assert window.current_filter().since == tomorrow
    assert window.log.rows == ()
    window.since_box.setChecked(False)
    assert len(window.log.rows) == 4


def test_export_as_csv_and_json(window, fake_dialogs, tmp_path) -> None:
    window.action_combo.setCurrentIndex(window.action_combo.findData(AccessAction.OPEN))
    fake_dialogs.answers.append(str(tmp_path / "log"))
    written = window.export("csv")
    assert written == tmp_path / "log.csv"
    rows = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8"))))
    assert [(r["who"], r["case_number"], r["action"]) for r in rows] == [
        ("M. Kaya", "2026-0002", "open"),
        ("A. de Boer", "2026-0002", "open"),
        ("A. de Boer", "2026-0001", "open"),
    ]
    assert oct(written.stat().st_mode & 0o777) == "0o600"  # it names families: owner only
    fake_dialogs.answers.append(str(tmp_path / "log.json"))
    data = json.loads(window.export("json").read_text(encoding="utf-8"))
    assert [d["case_number"] for d in data] == ["2026-0002", "2026-0002", "2026-0001"]


def test_an_export_that_cannot_be_written_says_why(window, fake_dialogs, tmp_path) -> None:
    fake_dialogs.answers.append(str(tmp_path / "missing" / "log.csv"))
    assert window.export("csv") is None
    (message,) = fake_dialogs.errors
    assert str(tmp_path / "missing") in message
    assert not (tmp_path / "missing").exists()


def test_the_privacy_officer_sees_the_emergency_access_in_force(ctx, logged, qtbot) -> None:
    jansen, smit, _kaya = logged
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with ctx.uow as uow:  # as jt_break_glass writes them on the server: a grant and its row
        for case, hours in ((jansen, 24), (smit, -1)):
            reason = f"Melding politie over {case.name}"
            uow.session.add(
                BreakGlass(
                    household_id=case.id,
                    person_id=ctx.user.id,
                    granted_at=now,
                    expires_at=now + dt.timedelta(hours=hours),
                    reason=reason,
                )
            )
            access_log.add_row(
                uow.session,
                who=ctx.user.name,
                person_id=ctx.user.id,
                action=AccessAction.BREAK_GLASS,
                case_id=case.id,
                case_number=case.case_number,
                reason=reason,
            )
        uow.session.flush()
        uow.session.execute(
            AccessLogEntry.__table__.update()
            .where(AccessLogEntry.action == "break_glass")
            .values(at=now)
        )
        uow.session.commit()
    ctx.staff = StaffMember(
        ctx.user.id,
        ctx.user.name,
        "p.officer",
        None,
        True,
        frozenset({StaffRole.PRIVACY_OFFICER}),
        (),
    )
    window = AccessLogWindow(ctx)
    qtbot.addWidget(window)
    assert window.grants_panel.isVisibleTo(window)
    (grant,) = window.grants.rows  # the expired one is no longer in force
    assert grant.case_number == "2026-0001"
    assert grant.person == ctx.user.name
    assert window.grants.index(0, 4).data() == "Melding politie over Gezin Jansen"
    assert not window.log_view.isColumnHidden(2)
    title = ngettext(
        "Emergency access in force (break-the-glass): {n} grant",
        "Emergency access in force (break-the-glass): {n} grants",
        1,
    )
    assert window.grants_title.text() == title.format(n=1)
    assert _("Access log") == window.windowTitle()


def test_an_export_offers_to_open_the_file_in_its_own_folder(
    window, fake_dialogs, tmp_path, monkeypatch
) -> None:
    """After the export: the message with "Open file" / "Open folder", and the file dialog
    remembers the folder of access-log exports on its own."""
    from jeugdtool.ui.access_log_window import ACCESS_LOG_FILES

    kinds: list[str] = []
    ask = fake_dialogs.save_file
    monkeypatch.setattr(
        fake_dialogs, "save_file", lambda *a, kind="file": kinds.append(kind) or ask(*a)
    )
    fake_dialogs.answers.append(str(tmp_path / "log.csv"))
    written = window.export("csv")
    assert kinds == [ACCESS_LOG_FILES]
    assert fake_dialogs.offers == [(written, False)]  # the file, and its folder
    (message,) = fake_dialogs.exported
    assert str(written) in message
    fake_dialogs.answers.append(str(tmp_path / "missing" / "log.csv"))
    assert window.export("csv") is None
    assert len(fake_dialogs.offers) == 1  # nothing written, nothing offered
