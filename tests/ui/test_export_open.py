"""After the minutes of a meeting are saved: "Open file" and "Open folder", from the PDF folder."""

from __future__ import annotations

import datetime as dt

from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

from jeugdtool.ui.dialogs import PDF_FILES
from jeugdtool.ui.meetings.window import MeetingsWindow


def test_the_minutes_offer_to_open_the_pdf(ctx, case, qtbot, tmp_path, monkeypatch) -> None:
    detail = meetings.create_meeting(
        ctx.uow, {"held_on": dt.date(2026, 10, 15), "title": "Wijkteam Noord"}
    ).value
    agenda.add_case(ctx.uow, detail.meeting.id, case.id, "Wat is de volgende stap?")
    window = MeetingsWindow(ctx)
    qtbot.addWidget(window)
    window.choose(detail.meeting.id)
    asked: list[tuple[str, str]] = []
    ask = ctx.dialogs.save_file
    monkeypatch.setattr(
        ctx.dialogs,
        "save_file",
        lambda title, suggested, filters, kind="file": (
            asked.append((suggested, kind)) or ask(title, suggested, filters, kind)
        ),
    )
    ctx.dialogs.answers.append(str(tmp_path / "verslag.pdf"))
    written = window.export_minutes()
    assert written == tmp_path / "verslag.pdf" and written.is_file()
    ((suggested, kind),) = asked
    assert kind == PDF_FILES and "/" not in suggested  # a name; the folder is the PDFs' own
    assert ctx.dialogs.offers == [(written, False)]
    (message,) = ctx.dialogs.exported
    assert str(written) in message


def test_minutes_not_written_offer_nothing(ctx, case, qtbot, tmp_path) -> None:
    detail = meetings.create_meeting(ctx.uow, {"title": "Wijkteam Zuid"}).value
    window = MeetingsWindow(ctx)
    qtbot.addWidget(window)
    window.choose(detail.meeting.id)
    ctx.dialogs.answers.append(str(tmp_path / "missing" / "verslag.pdf"))
    assert window.export_minutes() is None
    assert ctx.dialogs.errors and not ctx.dialogs.offers
