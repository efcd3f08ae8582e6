"""Pages the next versions fill: each says, in the method's words, what will live there."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from jeugdtool.i18n import N_, _

from jeugdtool.ui.workspace.inline import MUTED_COLOUR, heading


@dataclass(frozen=True)
class PlannedPage:
    title: str
    lead: str
    #: What the consultant will be able to do here.
    items: tuple[str, ...]


ZRM = PlannedPage(
    N_("Self-sufficiency matrix (ZRM)"),
    N_(
        "How self-sufficient is the family in each domain of life? Self-sufficient means "
        "functioning at an acceptable level, with informal or professional help where needed. "
        "Choose a few domains to work on in depth."
    ),
    (
        N_("Dated assessments per domain, each marked problem or limitation"),
        N_("The chosen domains to work on"),
        N_("A comparison of assessments over time"),
    ),
)


class PlaceholderPage(QWidget):
    """Looks deliberate: title, what the method says, what will come; no invented data."""

    def __init__(self, page: PlannedPage, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("placeholderPage")
        card = QFrame(self)
        card.setObjectName("placeholderCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(760)
        card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(heading(_(page.title), card, scale=1.5))
        lead = QLabel(_(page.lead), card)
        lead.setWordWrap(True)
        inner.addWidget(lead)
        inner.addWidget(heading(_("What you will find here"), card, scale=1.0))
        items = "".join(f"<li>{html.escape(_(item))}</li>" for item in page.items)
        bullets = QLabel(f"<ul style='margin-left: -20px'>{items}</ul>", card)
        bullets.setTextFormat(Qt.TextFormat.RichText)
        bullets.setWordWrap(True)
        inner.addWidget(bullets)
        soon = QLabel(_("This part comes in a next version of jeugdtool."), card)
        soon.setStyleSheet(f"color: {MUTED_COLOUR}; font-style: italic;")
        inner.addWidget(soon)
        # Stretches, not an alignment: an aligned box gets its size hint, which clips
        # word-wrapped text.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 20)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 24, 16, 16)
        layout.addLayout(row)
        layout.addStretch(1)
