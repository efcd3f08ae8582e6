"""Where a readiness problem is fixed: the plan page opens the place the core names
(`ReadinessProblem.target_kind` / `target_key`) — an agreement in the form, a bottom line in
the statements beside the agreements, a section of the plan — and gives it the keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from jeugdtool.framework.vocab import CommentTarget

if TYPE_CHECKING:
    from jeugdtool.ui.plan.plan_page import PlanPage

#: A section code -> the plan page's widget to open (attribute path from the page).
SECTION_WIDGETS = {
    "agreements": ("table", "add_button"),
    "children_told": ("sections", "children_told"),
    "review_schedule": ("sections", "review_schedule"),
    "next_review_on": ("sections", "next_review_on"),
    "when_not_kept": ("sections", "when_not_kept"),
    "network": ("network_flags",),
    "red_flags": ("network_flags",),
}


def _widget(page: PlanPage, path: tuple[str, ...]) -> QWidget | None:
    found: object = page
    for name in path:
        found = getattr(found, name, None)
        if found is None:
            return None
    return found if isinstance(found, QWidget) else None


def _show(page: PlanPage, widget: QWidget) -> None:
    page.scroll.ensureWidgetVisible(widget)
    widget.setFocus()


def open_target(page: PlanPage, kind: str, key: str) -> bool:
    """Open the place to fix a problem; False when it is not on the page (then nothing moves)."""
    if kind == CommentTarget.AGREEMENT:
        return _open_agreement(page, key)
    if kind == CommentTarget.STATEMENT:
        label = page.statements.coverage.get(key)
        if label is None:
            return False
        page.scroll.ensureWidgetVisible(label)
        # A bottom line no agreement serves: write one (or link one) to serve it.
        _show(page, page.table.add_button)
        return True
    if kind == CommentTarget.SECTION:
        path = SECTION_WIDGETS.get(key)
        widget = _widget(page, path) if path else None
        if widget is None:
            return False
        _show(page, widget)
        return True
    return False


def _open_agreement(page: PlanPage, lineage: str) -> bool:
    if page.person_filter.currentIndex() != 0 and not any(
        a.lineage == lineage for a in page.shown_agreements()
    ):
        page.person_filter.setCurrentIndex(0)  # show them all: the one asked for is hidden
    agreement = next((a for a in page.shown_agreements() if a.lineage == lineage), None)
    if agreement is None:
        return False
    page.table.select_row(page.model.row_of(agreement.id))
    _show(page, page.form.what)
    return True
