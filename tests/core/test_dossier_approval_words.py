"""The plan's check by a colleague in the access-request dossier: what the care worker asked and
the reviewer's comments print as typed — an apostrophe is an apostrophe, not "&#39;" (the
template escapes once; escaping before it did so twice)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from jeugdtool.export.pdf.dossier_parts import Pieces
from jeugdtool.export.pdf.texts import Texts

ASKED = "Klopt 't netwerk? Let op <oma> & opa's rol"
LABEL = "Afspraak 'twee'"
COMMENT = "Noem een naam & een dag."


def _approvals() -> str:
    dossier = SimpleNamespace(case_file={"persons": []}, made_on=dt.date(2026, 12, 7))
    pieces = Pieces(dossier, Texts("access_request", "nl"), "moeder", ())  # type: ignore[arg-type]
    plan = {
        "approvals": [
            {
                "state": "returned",
                "submitted_on": "2026-04-01",
                "submitted_by": "A. de Boer",
                "note": ASKED,
                "decided_on": "2026-04-07",
                "decided_by": "E. D'Ancona",
                "decision_note": "Graag 's avonds ook.",
                "comments": [{"label": LABEL, "text": COMMENT}],
            }
        ]
    }
    flowables = pieces.approvals(plan)
    return " ".join(f.getPlainText() for f in flowables if hasattr(f, "getPlainText"))


def test_what_was_asked_and_the_comments_are_escaped_once() -> None:
    text = _approvals()
    assert "&#39;" not in text and "&amp;" not in text and "&lt;" not in text
    assert ASKED in text
    assert "Afspraak 'twee'" in text and COMMENT in text
    assert "E. D'Ancona" in text and "Graag 's avonds ook." in text
