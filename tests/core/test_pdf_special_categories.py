"""Special categories of personal data in the plan PDF: health, addiction and justice data
marked on agreements and help stay out of an export unless the selection includes them."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pypdf
import pytest

from jeugdtool.cases import queries
from jeugdtool.export.pdf import documents
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import default_selection

TODAY = dt.date(2026, 12, 1)
#: What the police receive: the agreements and the safety network, for "politie".
POLICE = Selection(
    document=Document.PLAN, audience="politie", sections=frozenset({"agreements", "network"})
)


def _pdf_text(data: bytes) -> str:
    """A PDF's text and metadata, white space made single, in lower case."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return " ".join(f"{text} {meta}".split()).lower()


def _text(uow, case_id: int, selection: Selection) -> str:
    return _pdf_text(documents.render(uow, case_id, selection, today=TODAY).data)


@pytest.fixture
def demo(uow, demo_households) -> dict[str, int]:
    ids = {}
    for name, number in (("jansen", "2026-0001"), ("ozturk", "2026-0005")):
        found = queries.find_case_id(uow, number)
        assert found is not None
        ids[name] = found
    return ids


@pytest.mark.parametrize(
    ("household", "words"),
    [("jansen", ("verslavingszorg", "alcohol", "poh-ggz")), ("ozturk", ("migraine",))],
)
def test_the_police_selection_leaves_the_marked_health_data_out(uow, demo, household, words):
    police = _text(uow, demo[household], POLICE)
    assert "politie" in police  # the selection is the police's
    for word in words:
        assert word not in police
    # The same plan with special categories included does hold them: the test can fail.
    everything = _text(uow, demo[household], replace(POLICE, special_categories=True))
    assert words[0] in everything


def test_the_whole_plan_without_special_categories_keeps_the_unmarked_agreements(uow, demo):
    whole = default_selection(Document.PLAN)
    text = _text(uow, demo["jansen"], whole)
    assert "verslavingszorg noord" not in text
    assert "oma ria belt sandra elke avond" in text


def test_the_zrm_summary_leaves_the_marked_help_out_too(uow, demo):
    zrm = default_selection(Document.ZRM)
    # Sandra's help at the POH-GGZ serves her focus domain "middelengebruik"; it is marked.
    assert "poh-ggz" not in _text(uow, demo["jansen"], zrm)
    assert "poh-ggz" in _text(uow, demo["jansen"], replace(zrm, special_categories=True))


def test_the_command_line_and_the_disclosure_log_know_the_choice(tmp_path) -> None:
    from jeugdtool.cli import main
    from jeugdtool.export import disclose
    from jeugdtool.i18n import _

    db, out = tmp_path / "demo.sqlite", tmp_path / "plan.pdf"
    assert main(["--db", str(db), "demo"]) == 0
    args = ["--db", str(db), "pdf", "2026-0001", "--plan", "--out", str(out), "--for", "politie"]
    args += ["--sections", "agreements,network"]
    assert main(args) == 0
    assert "verslavingszorg" not in _pdf_text(out.read_bytes())
    assert main([*args, "--special-categories"]) == 0
    assert "verslavingszorg" in _pdf_text(out.read_bytes())
    told = disclose.pdf_disclosure(POLICE, "Veiligheidsplan").parts
    assert _("without health, addiction and justice data") in told
    told = disclose.pdf_disclosure(replace(POLICE, special_categories=True), "x").parts
    assert _("with health, addiction and justice data") in told
