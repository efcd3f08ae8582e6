"""The dashboard of results (View > Results): outcome indicators per quarter, production figures
and the family's experience, each number opening the cases behind it.

`open_dashboard(ctx, parent, open_case=…, team_id=…)` shows the window (see `window.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from jeugdtool.ui.context import AppContext
    from jeugdtool.ui.dashboard.window import DashboardWindow


def open_dashboard(
    ctx: AppContext,
    parent: QWidget | None = None,
    *,
    open_case: Callable[[int], None] | None = None,
    team_id: int | None = None,
) -> DashboardWindow:
    """Show the dashboard (the open one raised, set to `team_id` when one is given)."""
    from jeugdtool.ui.dashboard.window import DashboardWindow

    window = DashboardWindow.show_one(ctx, parent, open_case=open_case, team_id=team_id)
    if team_id is not None:
        window.filters.set_team(team_id)
    return window
