"""The status bar's "Last backup" time is written as every other date (format_datetime_nl)."""

from __future__ import annotations

from datetime import datetime

from jeugdtool.i18n import _

from jeugdtool.ui.auto_backup import when_text


def test_a_backup_of_an_earlier_day_shows_its_date_as_everywhere_else() -> None:
    made, now = datetime(2026, 12, 3, 17, 40), datetime(2026, 12, 6, 9, 0)
    assert when_text(made, now) == "03-12-2026 17:40"


def test_a_backup_of_today_shows_only_its_time() -> None:
    made, now = datetime(2026, 12, 6, 7, 5), datetime(2026, 12, 6, 9, 0)
    assert when_text(made, now) == _("today {time}").format(time="07:05")
