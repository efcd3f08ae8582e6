"""Danger statements, safety goals and bottom lines as the plan and the map print them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Paragraph

from jeugdtool.export.pdf.base import Styles
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.framework.vocab import StatementType

#: Each kind with its template heading and numbered label ("Gevaarsomschrijving 1").
KINDS = (
    (StatementType.DANGER, "heading_danger", "label_danger"),
    (StatementType.SAFETY_GOAL, "heading_goals", "label_goal"),
    (StatementType.BOTTOM_LINE, "heading_bottom_lines", "label_bottom_line"),
)


def statement_sections(
    statements: Sequence[Any], t: Texts, s: Styles, *, none_yet: bool = True
) -> list[Flowable]:
    """A heading per kind with its statements numbered by their place in their moment (the
    screen's number: one left out as a special category leaves a gap, and the others keep
    their numbers); "none yet" when a kind has none — or, with `none_yet` False (a document
    for the family or a partner, who cannot act on "not described yet"), no heading for that
    kind at all. The heading stays with its first statement (never alone at the foot of a
    page)."""
    out: list[Flowable] = []
    for kind, heading, label in KINDS:
        found = [x for x in statements if x.type is kind]
        if not found and not none_yet:
            continue
        items: list[Flowable] = [
            Paragraph(f"<b>{t.text(label, n=x.position)}</b>: {markup(x.text)}", s.body)
            for x in found
        ] or [Paragraph(t.text("none_yet"), s.small)]
        out += [KeepTogether([Paragraph(t.text(heading), s.heading), items[0]]), *items[1:]]
    return out
