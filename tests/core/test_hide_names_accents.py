"""'Hide names' in the printed minutes: a name typed without its accents, in capitals or with a
combining diaeresis is still hidden (the minutes go to partners; a leaked name is a breach)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from jeugdtool.cases import members
from jeugdtool.export.pdf.minutes import render_minutes
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.store.uow import UnitOfWork


def _pdftotext(data: bytes) -> str:
    """The text as a reader's PDF tool extracts it (poppler), white space made single."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode("utf-8").split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_minutes_hide_aicha_and_huseyin_however_they_are_written(uow: UnitOfWork, case) -> None:
    members.add_person(
        uow, case.id, {"first_name": "Aïcha", "last_name": "Benali", "role": "parent"}
    )
    members.add_person(
        uow, case.id, {"first_name": "Hüseyin", "last_name": "Yılmaz", "role": "parent"}
    )
    detail = meetings.create_meeting(
        uow, {"held_on": dt.date(2026, 11, 2), "chair": "J. Visser", "hide_names": True}
    ).value
    mid = detail.meeting.id
    question = "Aicha belt Huseyin; AÏCHA en HUSEYIN YILMAZ spreken af. Aïcha?"
    item = agenda.add_case(uow, mid, case.id, question).value.items[0]
    agenda.update_item(uow, item.id, {"notes": "Gesprek met Ai\u0308cha Benali en Hu\u0308seyin."})
    agenda.add_follow_up(uow, item.id, {"what": "aicha bellen.", "owner": "J. Visser"})

    text = _pdftotext(render_minutes(uow, mid))

    plain = " ".join(text.casefold().replace("\u0308", "").split())
    for name in ("aicha", "aïcha", "huseyin", "hüseyin", "benali", "yilmaz", "yılmaz"):
        assert name not in plain, name
    assert "A. belt H.; A. en H.Y. spreken af. A.?" in text
    assert "Gesprek met A.B. en H." in text
    shown = _pdftotext(render_minutes(uow, mid, hide_names=False))
    assert "Aicha belt Huseyin" in shown  # the same minutes with names: the text is there
