"""The minutes from the meetings window, and the meetings window from the main menu."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from jeugdtool.cases import members
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

from jeugdtool.ui.meetings.window import MeetingsWindow


def test_minutes_as_pdf_hide_names_when_the_meeting_does(ctx, case, qtbot, tmp_path) -> None:
    members.add_person(
        ctx.uow, case.id, {"first_name": "Sandra", "last_name": "Jansen", "role": "parent"}
    )
    detail = meetings.create_meeting(
        ctx.uow, {"held_on": dt.date(2026, 10, 15), "title": "Wijkteam Noord", "hide_names": True}
    ).value
    meetings.add_participant(ctx.uow, detail.meeting.id, {"name": "B. Visser"})
    agenda.add_case(ctx.uow, detail.meeting.id, case.id, "Kan Sandra Jansen het alleen?")
    window = MeetingsWindow(ctx)
    qtbot.addWidget(window)
    window.choose(detail.meeting.id)
    assert window.minutes_action.isEnabled()

    target = tmp_path / "verslag.pdf"
    ctx.dialogs.answers.append(str(tmp_path / "verslag"))  # ".pdf" is added
    assert window.export_minutes() == target
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Wijkteam Noord" in text and "S.J." in text
    assert "Sandra" not in text and "Jansen" not in text

    ctx.dialogs.answers.append(str(tmp_path / "missing" / "verslag.pdf"))
    assert window.export_minutes() is None
    assert ctx.dialogs.errors and "missing" in ctx.dialogs.errors[-1]
    ctx.dialogs.answers.append(None)  # cancelled: nothing written, no message
    assert window.export_minutes() is None
