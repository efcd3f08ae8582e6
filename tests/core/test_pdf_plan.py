"""The safety plan PDF: content, page border, metadata, names, long plans, writing, the CLI."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from jeugdtool import i18n
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cli import main
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf import files
from jeugdtool.export.pdf.files import PdfWriteError
from jeugdtool.export.pdf.plan_data import NoPlan
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import plan_file_name
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.framework import moments
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.framework.wording import for_mode
from jeugdtool.framework.wording import safety_only_words
from jeugdtool.i18n import _

TODAY = dt.date(2026, 3, 10)
PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898
MM = 72 / 25.4
#: Arabic letters, as typed or in their joined presentation forms.
ARABIC = "[\u0600-\u06ff\ufe70-\ufeff]"

NO_PLAN = "This case has no safety plan yet, so there is nothing to print."


def _squash(text: str) -> str:
    """Text without white space: line breaks fall wherever the layout puts them."""
    return "".join(text.split())


@dataclass
class Fragment:
    page: int
    x: float
    y: float
    text: str
    font: str
    size: float


def _fragments(reader: pypdf.PdfReader) -> list[Fragment]:
    """Every piece of text with its position on the page, in drawing order."""
    found: list[Fragment] = []
    for number, page in enumerate(reader.pages, start=1):

        def visit(text, cm, tm, font, size, number=number) -> None:
            if not text.strip():
                return
            # Position of the text origin: the text matrix applied through the CTM.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (tm[0] * cm[0] + tm[1] * cm[2]) or 1
            name = str(font.get("/BaseFont", "")) if font else ""
            found.append(Fragment(number, x, y, text, name, size * scale))

        page.extract_text(visitor_text=visit)
    return found


@dataclass
class Line:
    page: int
    x: float
    y: float
    text: str
    size: float
    width: float


def _lines(fragments: list[Fragment]) -> list[Line]:
    """Fragments drawn from one starting point (a line with a bold start) joined into one line:
    pypdf reports the line's start for each of them."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from jeugdtool.export.pdf.base import BOLD
    from jeugdtool.export.pdf.base import FONT

    lines: list[Line] = []
    for f in fragments:
        text = f.text.rstrip("\n")
        width = stringWidth(text, BOLD if f.font.endswith("-Bold") else FONT, f.size)
        last = lines[-1] if lines else None
        if last and (last.page, last.x, last.y) == (f.page, f.x, f.y):
            last.text += text
            last.width += width
        else:
            lines.append(Line(f.page, f.x, f.y, text, f.size, width))
    return lines


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _border(page: int, pages: int, household: str, number: str, bottom_left: str) -> str:
    return _squash(f"Vertrouwelijk {household} · {number} {bottom_left} pagina {page} van {pages}")


# ---------------------------------------------------------------- the demo plan


@pytest.fixture
def demo(uow, demo_households) -> None:
    """The demo households in the test's database."""


def _case_id(uow, number: str) -> int:
    found = queries.find_case_id(uow, number)
    assert found is not None
    return found


def export_plan(uow, number: str, path: Path, *, version: int | None = None, today=None) -> Path:
    """The plan of case `number` written to `path` as the window and the command line write it
    (`documents.export`), with every part and every person."""
    everything = replace(
        default_selection(Document.PLAN), uninvolved_persons=True, special_categories=True
    )
    case_id = _case_id(uow, number)
    return documents.export(uow, case_id, everything, path, version=version, today=today).path


def test_the_demo_plan_shows_every_agreement_person_and_statement(uow, demo, tmp_path) -> None:
    path = export_plan(uow, "2026-0001", tmp_path / "plan.pdf", today=TODAY)
    data = gather_plan(uow, _case_id(uow, "2026-0001"))
    plan = data.plan
    assert plan.plan.is_final and plan.plan.number == 2  # the newest finalised, not the draft
    pages = _pages(path)
    n = len(pages)
    assert n >= 2
    bottom = f"Veiligheidsplan versie 2 · vastgesteld {plan.plan.finalised_on:%d-%m-%Y}"
    body = ""
    for number, text in enumerate(pages, start=1):
        squashed = _squash(text)
        border = _border(number, n, "Gezin Jansen", "2026-0001", bottom)
        assert squashed.endswith(border), f"page {number}: {text[-200:]!r}"
        body += squashed[: -len(border)]
    assert body.count("Vertrouwelijk") == 0
    expected = [a.what for a in plan.agreements] + [a.check for a in plan.agreements]
    expected += [p.source.label for a in plan.agreements for p in a.parties]
    expected += [r.source.label for r in plan.network] + [r.role for r in plan.network]
    shown = [s for s in plan.statements if s.type is not StatementType.HARM]
    expected += [s.text for s in shown]
    expected += [f.sign for f in plan.red_flags] + [f.action for f in plan.red_flags]
    expected += [plan.plan.children_told, plan.plan.review_schedule, plan.plan.when_not_kept]
    expected += ["Gezin Jansen", "2026-0001", "A. de Boer", "10-03-2026"]
    missing = [text for text in expected if _squash(text) not in body]
    assert not missing
    kinds = {s.type for s in shown}
    assert kinds == {StatementType.DANGER, StatementType.SAFETY_GOAL, StatementType.BOTTOM_LINE}
    ria = next(n for n in data.case.network if n.name == "Ria Jansen")
    assert ria.phone and _squash(ria.phone) in body  # contact of the safety network
    assert "Handtekening:" in pages[-1] and "Datum:" in pages[-1]


def test_the_metadata_name_the_plan_the_author_and_the_language(uow, demo, tmp_path) -> None:
    path = export_plan(uow, "2026-0001", tmp_path / "plan.pdf", today=TODAY)
    reader = pypdf.PdfReader(path)
    meta = reader.metadata
    assert meta.title == "Veiligheidsplan 2026-0001, versie 2"  # no family name (issue 19)
    assert meta.author == "A. de Boer"
    assert "Veiligheidsplan" in meta.subject and "vertrouwelijk" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    fonts = [font for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    names = {str(font["/BaseFont"]) for font in fonts}
    assert names == {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"}
    assert all("/FontFile2" in font["/FontDescriptor"] for font in fonts)  # embedded


def test_a_draft_is_marked_concept_on_every_page(uow, demo, tmp_path) -> None:
    path = export_plan(uow, "2026-0001", tmp_path / "draft.pdf", version=3, today=TODAY)
    reader = pypdf.PdfReader(path)
    marks = {f.page for f in _fragments(reader) if f.text.strip() == "CONCEPT"}
    assert marks == set(range(1, len(reader.pages) + 1))
    assert "concept" in reader.metadata.title
    assert "concept van 10-03-2026" in reader.pages[0].extract_text()
    final = pypdf.PdfReader(export_plan(uow, "2026-0001", tmp_path / "final.pdf", today=TODAY))
    assert not [f for f in _fragments(final) if f.text.strip() == "CONCEPT"]


def test_an_english_user_gets_the_english_wording(uow, demo, tmp_path) -> None:
    i18n.set_language("en")
    path = export_plan(uow, "2026-0001", tmp_path / "plan.pdf", today=TODAY)
    reader = pypdf.PdfReader(path)
    first = reader.pages[0].extract_text()
    assert "Confidential" in first and f"page 1 of {len(reader.pages)}" in first
    assert "Agreements" in "".join(p.extract_text() for p in reader.pages)
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_a_case_without_plan_or_version_says_so(uow, demo, tmp_path) -> None:
    # 2026-0004 (Smit) is a wellbeing case: the message names its plan as such.
    with pytest.raises(NoPlan) as raised:
        export_plan(uow, "2026-0004", tmp_path / "x.pdf")
    assert str(raised.value) == for_mode(_(NO_PLAN), CaseMode.WELLBEING)
    assert not [w for w in safety_only_words() if w in str(raised.value).lower()]
    with pytest.raises(NoPlan, match="1, 2, 3"):
        export_plan(uow, "2026-0001", tmp_path / "x.pdf", version=9)
    assert not [p for p in tmp_path.iterdir() if "x.pdf" in p.name]


# ---------------------------------------------------------------- names and user text


@pytest.fixture
def named(uow):
    """A draft naming people with ë, ç, ğ, ł and Arabic script, with < > & in the texts."""
    case = households.create_case(uow, name="Gezin Doğan & <Çelik>", case_number="2026-0042")
    case = case.value

    def person(first: str, last: str) -> Source:
        fields = {"first_name": first, "last_name": last, "role": "parent"}
        p = members.add_person(uow, case.id, fields).value
        return Source(SourceKind.PERSON, person_id=p.id)

    def member(name: str, phone: str) -> Source:
        fields = {"name": name, "kind": "family", "phone": phone, "relation": "tante"}
        n = members.add_network_member(uow, case.id, fields).value
        return Source(SourceKind.NETWORK, network_id=n.id)

    people = [
        person("Zoë", "Çelik"),
        person("Ömer", "Doğan"),
        member("Łucja Wałęsa", "06-11112222"),
        member("مريم الحسن", "06-33334444"),
    ]
    draft = plans.start_draft(uow, case.id).value
    what = 'Als <b>iets</b> & "meer" > 3 uur duurt, belt Zoë de <school>.'
    agreement = plans.add_agreement(
        uow, draft.id, {"what": what, "check": "A < B & C", "parties": people}
    ).value
    for party in agreement.parties:
        plans.record_acceptance(uow, party.id, True, on=TODAY, how="meeting")
    for source in people[2:]:
        plan_sections.add_network_role(uow, draft.id, {"source": source, "role": "helpt <altijd>"})
    return case


def test_names_in_every_script_and_markup_characters_come_out_intact(uow, named, tmp_path):
    path = export_plan(uow, "2026-0042", tmp_path / "plan.pdf", today=TODAY)
    text = "\n".join(_pages(path))
    for name in ("Zoë Çelik", "Ömer Doğan", "Łucja Wałęsa"):
        assert name in text, name
    assert "مريم الحسن" in unicodedata.normalize("NFKC", text)  # joined forms, see below
    assert 'Als <b>iets</b> & "meer" > 3 uur duurt, belt Zoë de <school>.' in " ".join(text.split())
    assert "A < B & C" in text and "helpt <altijd>" in text
    assert "Gezin Doğan & <Çelik>" in text
    reader = pypdf.PdfReader(path)
    assert reader.metadata.title.startswith("Veiligheidsplan 2026-0042")
    assert "Doğan" not in reader.metadata.title  # the title names no family (issue 19)
    # The plan is a draft: no signature lines yet (issue 19), a sentence that says so.
    signatures = text[text.index("Handtekeningen") :]
    assert "Handtekening:" not in signatures
    assert "Niemand tekent het nu." in signatures


def test_an_arabic_name_prints_with_joined_letters_from_right_to_left(uow, named, tmp_path):
    path = export_plan(uow, "2026-0042", tmp_path / "plan.pdf", today=TODAY)
    reader = pypdf.PdfReader(path)
    name = "مريم الحسن"
    drawn = [f.text.strip() for f in _fragments(reader) if re.search(ARABIC, f.text)]
    assert drawn
    for run in drawn:
        # Each letter in its joined form (initial, medial, final), none left isolated as typed.
        assert all("\ufe70" <= c <= "\ufeff" or c == " " for c in run), run
        # pypdf reads a right-to-left run back to front, so this is the name only when the
        # PDF stores it in visual order (as it shows: from right to left).
        assert unicodedata.normalize("NFKC", run) == name
    extracted = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    assert extracted.count(name) == len(drawn)


# ---------------------------------------------------------------- a long plan


def _words(seed: int, length: int) -> str:
    """Distinct, readable text of exactly `length` characters."""
    vocabulary = ["oma", "belt", "elke", "avond", "om", "acht", "uur", "en", "vraagt"]
    vocabulary += ["hoe", "het", "met", "de", "kinderen", "gaat"]
    out, i = f"[{seed}]", 0
    while len(out) < length:
        out += f" {vocabulary[i % len(vocabulary)]}{seed if i % 9 == 0 else ''}"
        i += 1
    return out[: length - 1].rstrip() + "."


@pytest.fixture
def long_plan(uow) -> dict[str, list[str]]:
    """60 agreements whose what (and every fifth check) is 5,000 characters, 30 network members
    in the safety network, 5,000-character plan texts; finalised. Returns the texts by column."""
    case = households.create_case(uow, name="Gezin Lang", case_number="2026-0099").value
    child = members.add_person(
        uow, case.id, {"first_name": "Noa", "last_name": "Lang", "role": "child"}
    ).value
    network = [
        members.add_network_member(
            uow,
            case.id,
            {
                "name": f"Netwerklid{i:02d} Achternaam",
                "kind": "friend",
                "relation": "vriendin van de familie",
                "phone": f"06-{i:08d}",
                "email": f"netwerklid.nummer{i:02d}.met.een.lang.adres@voorbeeld-organisatie.nl",
            },
        ).value
        for i in range(30)
    ]
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=TODAY).value
    statements.add_statement(
        uow,
        moment.id,
        StatementType.BOTTOM_LINE,
        {"text": _words(900, 2000), "set_by": "Veilig Thuis", "set_on": TODAY},
    )
    draft = plans.start_draft(uow, case.id).value
    for i, n in enumerate(network):
        source = Source(SourceKind.NETWORK, network_id=n.id)
        plan_sections.add_network_role(
            uow, draft.id, {"source": source, "role": _words(700 + i, 300)}
        )
    columns: dict[str, list[str]] = {"what": [], "check": []}
    for i in range(60):
        fields = {
            "what": _words(i, 5000),
            "check": _words(100 + i, 5000 if i % 5 == 0 else 400),
            "when": "elke avond",
            "parties": [
                Source(SourceKind.NETWORK, network_id=network[i % 30].id),
                Source(SourceKind.PERSON, person_id=child.id),
            ],
        }
        agreement = plans.add_agreement(uow, draft.id, fields).value
        plans.record_acceptance(uow, agreement.parties[0].id, True, on=TODAY, how="meeting")
        columns["what"].append(fields["what"])
        columns["check"].append(fields["check"])
    texts = {k: _words(800 + j, 5000) for j, k in enumerate(("children_told", "review_schedule"))}
    texts["when_not_kept"] = _words(850, 5000)
    plans.update_plan(uow, draft.id, texts)
    plan_finalise.finalise(uow, draft.id, by="A. de Boer", override_reason="Test", today=TODAY)
    columns["plan"] = list(texts.values())
    columns["network"] = [n.name for n in network] + [n.email for n in network]
    return columns


def _column(fragments: list[Fragment], left_mm: float, right_mm: float) -> str:
    """The regular (not bold) text whose lines start inside one column of the table, or of the
    whole text area (not in the page border above and below it)."""
    left, right = 20 * MM + left_mm * MM, 20 * MM + right_mm * MM
    return _squash(
        "".join(
            f.text
            for f in fragments
            if left - 1 <= f.x < right - 1
            and 20 * MM < f.y < PAGE_HEIGHT - 20 * MM
            and not f.font.endswith("-Bold")
        )
    )


def test_a_long_plan_flows_over_pages_without_losing_or_clipping_text(uow, long_plan, tmp_path):
    path = export_plan(uow, "2026-0099", tmp_path / "long.pdf", today=TODAY)
    reader = pypdf.PdfReader(path)
    n = len(reader.pages)
    assert n > 60
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Vertrouwelijk" in text and f"pagina {number} van {n}" in text
    fragments = _fragments(reader)
    # The table's columns (see _AGREEMENT_COLUMNS), each cell's text 3 points in.
    from jeugdtool.export.pdf.plan import _AGREEMENT_COLUMNS as widths

    what = _column(fragments, 0, widths[0])
    check = _column(fragments, sum(widths[:3]), sum(widths[:4]))
    assert [i for i, t in enumerate(long_plan["what"]) if _squash(t) not in what] == []
    assert [i for i, t in enumerate(long_plan["check"]) if _squash(t) not in check] == []
    everything = _column(fragments, 0, 170)
    for text in long_plan["plan"] + long_plan["network"]:
        assert _squash(text) in everything
    # Every line lies inside the page's margins, and no two lines overlap (2 points of slack:
    # a line that mixes bold and regular measures a little wider here than reportlab lays it).
    lines = _lines(fragments)
    for line in lines:
        assert line.x >= 20 * MM - 0.5 and line.x + line.width <= PAGE_WIDTH - 20 * MM + 2, line
        assert 10 * MM <= line.y <= PAGE_HEIGHT - 10 * MM, line
    for page in range(1, n + 1):
        on_page = [f for f in lines if f.page == page]
        for a in on_page:
            for b in on_page:
                if a is not b and abs(a.y - b.y) < 0.7 * min(a.size, b.size) and a.x <= b.x:
                    assert a.x + a.width <= b.x + 2, (a, b)


# ---------------------------------------------------------------- writing the file


def test_a_missing_folder_gives_a_clear_error_and_no_file(uow, demo, tmp_path) -> None:
    target = tmp_path / "missing" / "plan.pdf"
    with pytest.raises(PdfWriteError, match=r"does not exist|bestaat niet") as caught:
        export_plan(uow, "2026-0001", target)
    assert str(tmp_path / "missing") in str(caught.value)
    assert not (tmp_path / "missing").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
def test_an_unwritable_folder_gives_a_clear_error(uow, demo, tmp_path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PdfWriteError, match=re.escape(str(folder))):
            export_plan(uow, "2026-0001", folder / "plan.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_full_disk_leaves_the_old_file_and_no_half_file(uow, demo, tmp_path, monkeypatch):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"the version a partner signed")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(PdfWriteError, match=r"disk is full|schijf is vol"):
        export_plan(uow, "2026-0001", target)
    assert target.read_bytes() == b"the version a partner signed"
    assert [p.name for p in tmp_path.iterdir() if "plan.pdf" in p.name] == ["plan.pdf"]


def test_a_written_pdf_replaces_the_old_one_readable_by_the_owner_only(uow, demo, tmp_path):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    export_plan(uow, "2026-0001", target)
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o077 == 0


# ---------------------------------------------------------------- file names


def _version(number: int, status: PlanStatus) -> PlanVersionDTO:
    return PlanVersionDTO(
        id=1,
        household_id=1,
        number=number,
        status=status,
        based_on_id=None,
        moment_id=None,
        finalised_on=None,
        finalised_by=None,
        override_reason=None,
        children_told="",
        review_schedule="",
        next_review_on=None,
        when_not_kept="",
    )


def test_the_proposed_file_name_is_safe_and_says_the_version() -> None:
    assert (
        plan_file_name("2026-0012", _version(3, PlanStatus.FINAL))
        == "veiligheidsplan-2026-0012-v3.pdf"
    )
    assert (
        plan_file_name("2026-0012", _version(4, PlanStatus.DRAFT))
        == "veiligheidsplan-2026-0012-concept.pdf"
    )
    assert (
        plan_file_name("../2026/12 ü:*", _version(1, PlanStatus.FINAL))
        == "veiligheidsplan-2026-12-v1.pdf"
    )


# ---------------------------------------------------------------- the command line


def test_the_pdf_command_writes_the_plan(tmp_path, capsys) -> None:
    db = tmp_path / "demo.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    out = tmp_path / "plan.pdf"
    code = main(["--db", str(db), "pdf", "2026-0005", "--plan", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert str(out) in captured.out
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "Gezin Öztürk" in text and "Ayşe Öztürk-Çelik" in text


def test_the_pdf_command_refuses_an_unknown_case_or_a_missing_document(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    capsys.readouterr()
    out = tmp_path / "plan.pdf"
    assert main(["--db", str(db), "pdf", "2099-0001", "--plan", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "2099-0001" in err and "Traceback" not in err
    assert main(["--db", str(db), "pdf", "2026-0001", "--out", str(out)]) == 2
    assert "--plan" in capsys.readouterr().err
    assert not out.exists()


def test_reportlab_and_jinja2_load_only_when_a_pdf_is_made() -> None:
    code = (
        "import sys, jeugdtool.cli, jeugdtool.cli_commands, jeugdtool.export.pdf.plan_data, "
        "jeugdtool.export.pdf.files; "
        "print(sorted(m for m in ('reportlab', 'jinja2') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
