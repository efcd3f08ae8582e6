"""Screens of reflective-practice meetings: the list, the editor, recording and presentation.

`open_meetings(ctx, parent)` shows the meetings window (see `window.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from jeugdtool.ui.context import AppContext
    from jeugdtool.ui.meetings.window import MeetingsWindow


def open_meetings(ctx: AppContext, parent: QWidget | None = None) -> MeetingsWindow:
    """Show the meetings window beside the cases (raised again when already open)."""
    from jeugdtool.ui.meetings.window import MeetingsWindow

    return MeetingsWindow.show_one(ctx, parent)
