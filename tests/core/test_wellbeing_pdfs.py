"""A wellbeing case's PDFs use the Signs of Wellbeing words: the plan ("Welzijnsplan"), the map
with its statements, and the access request's framework parts show no safety-only word, while a
safety case's documents still say "Veiligheidsplan" (framework/wording.py applied by
export/pdf/texts.py)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from jeugdtool.cases import queries
from jeugdtool.export.pdf import documents
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.framework.wording import safety_only_words

TODAY = dt.date(2026, 11, 20)
#: Demo household 02 (Bakker) works with Signs of Wellbeing and has a plan; 01 (Jansen) safety.
WELLBEING_CASE, SAFETY_CASE = "2026-0002", "2026-0001"


@pytest.fixture
def demo(uow, demo_households) -> None:
    """The demo households in the test's database."""


def _case(uow, number: str) -> int:
    found = queries.find_case_id(uow, number)
    assert found is not None
    return found


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    title = reader.metadata.title if reader.metadata else ""
    # A word broken over two lines comes back with a hyphen or a line break in it.
    return " ".join((title or "", text)).replace("-\n", "")


def _safety_words(text: str) -> list[str]:
    words = "|".join(re.escape(w) for w in safety_only_words("nl"))
    return sorted({m.lower() for m in re.findall(rf"(?<!\w)(?:{words})(?!\w)", text, re.I)})


def _render(uow, number: str, document: Document) -> documents.Rendered:
    return documents.render(
        uow, _case(uow, number), default_selection(document), language="nl", today=TODAY
    )


def test_the_wellbeing_plan_is_a_welzijnsplan_without_safety_words(uow, demo) -> None:
    done = _render(uow, WELLBEING_CASE, Document.PLAN)
    text = _text(done.data)
    assert _safety_words(text) == []
    assert "Welzijnsplan" in text
    assert re.search(r"Zorg(en)? ?1?", text)  # the family's word for a concern (B1, issue 19)
    assert re.search(r"Welzijnsdoel(en)?", text)
    assert done.title.startswith("Welzijnsplan")
    assert done.file_name.startswith("welzijnsplan-2026-0002")


def test_the_wellbeing_map_and_its_statements_have_no_safety_words(uow, demo) -> None:
    text = _text(_render(uow, WELLBEING_CASE, Document.MAP).data)
    assert _safety_words(text) == []
    assert re.search(r"Welzijnsdoel(en)?", text)


def test_a_safety_case_still_says_veiligheidsplan(uow, demo) -> None:
    done = _render(uow, SAFETY_CASE, Document.PLAN)
    text = _text(done.data)
    assert "Veiligheidsplan" in text
    assert "Veiligheidsdoel" in text
    assert "Welzijnsplan" not in text and "Welzijnsdoel" not in text
    assert done.file_name.startswith("veiligheidsplan-2026-0001")
    assert "Veiligheidsdoel" in _text(_render(uow, SAFETY_CASE, Document.MAP).data)


def test_the_wellbeing_access_request_speaks_of_the_wellbeing_plan(uow, demo) -> None:
    from jeugdtool.export.access_request import collect
    from jeugdtool.export.pdf import dossier as dossier_pdf

    dossier = collect(uow, _case(uow, WELLBEING_CASE), today=TODAY)
    rendered = dossier_pdf.render(dossier, request_for="de ouders", language="nl")
    assert _safety_words(_text(rendered.data)) == []
