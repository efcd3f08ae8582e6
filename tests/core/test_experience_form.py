"""The family's experience form (issue 16): one printable page per household member with the
three questions on 1–5 and room for a comment — a child's page in a child's words — carrying the
case number and the member's first name only; logged and recorded as handed to the family."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from jeugdtool import i18n
from jeugdtool.cases import disclosures
from jeugdtool.cases import members
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cli import main
from jeugdtool.errors import NotFound
from jeugdtool.export.pdf.experience_form import ANSWERS
from jeugdtool.export.pdf.experience_form import render_experience_form
from jeugdtool.export.pdf.experience_form import write_experience_form
from jeugdtool.export.pdf.experience_form_data import NoMembers
from jeugdtool.export.pdf.experience_form_data import experience_form_file_name
from jeugdtool.i18n import _
from jeugdtool.outcomes.vocab import ExperienceQuestion
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.access_log import AccessLogEntry
from jeugdtool.store.uow import UnitOfWork

TODAY = dt.date(2026, 12, 6)
#: A first name of the longest kind the household allows, and one written right to left.
LONG_NAME = "Maximiliaan-Alexander " * 4 + "Jr."
ARABIC = "فاطمة"
#: The family-facing wording of the three questions (English), per page.
ADULT_QUESTIONS = (
    "People listened to me well.",
    "The help was useful to me.",
    "I know what I can do if things go wrong again.",
)
CHILD_QUESTIONS = (
    "People listened to me.",
    "The help helped me.",
    "I know what to do if things go wrong at home again.",
)


@pytest.fixture
def family(uow: UnitOfWork, case: HouseholdDTO) -> dict[str, int]:
    """Gezin Jansen: a mother and two children, with last names and birth dates on record."""
    people = (
        ("Sandra", "parent", dt.date(1985, 3, 14)),
        ("Daan", "child", dt.date(2015, 7, 1)),
        ("Noa", "child", dt.date(2017, 1, 20)),
    )
    ids = {}
    for first, role, born in people:
        added = members.add_person(
            uow,
            case.id,
            {"first_name": first, "last_name": "Verhoeven", "role": role, "birth_date": born},
        )
        ids[first] = added.value.id
    return ids


def _pages(data: bytes) -> list[str]:
    """Each page's text with white space made single (lines break where the layout wants)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _squash(text: str) -> str:
    return "".join(text.split())


def _render(uow: UnitOfWork, case_id: int, **kwargs: object) -> bytes:
    kwargs.setdefault("today", TODAY)
    return render_experience_form(uow, case_id, **kwargs).data  # type: ignore[arg-type]


def test_one_page_per_member_in_the_households_order(
    uow: UnitOfWork, case: HouseholdDTO, family: dict[str, int]
) -> None:
    done = render_experience_form(uow, case.id, language="en", today=TODAY)
    pages = _pages(done.data)
    assert done.pages == len(pages) == 3
    for number, (page, name) in enumerate(zip(pages, ("Sandra", "Daan", "Noa"), strict=True)):
        assert f"For {name}" in page
        assert "File number 2026-0012" in page
        assert f"page {number + 1} of 3" in page
    assert (
        done.file_name
        == experience_form_file_name("2026-0012")
        == ("ervaringsformulier-2026-0012.pdf")
    )
    assert done.title == "Experience form 2026-0012"


def test_a_child_reads_a_childs_words_an_adult_plain_ones(
    uow: UnitOfWork, case: HouseholdDTO, family: dict[str, int]
) -> None:
    mother, daan, _noa = _pages(_render(uow, case.id, language="en"))
    assert "What did you think of the help?" in mother
    assert "Dear Sandra," in mother and "Hi Daan!" in daan
    assert "The sad face means: not at all." in daan and "sad face" not in mother
    for question in ADULT_QUESTIONS:
        assert question in mother and question not in daan
    for question in CHILD_QUESTIONS:
        assert question in daan and question not in mother
    assert "write it or draw it here" in daan and "draw" not in mother
    for page, questions in ((mother, ADULT_QUESTIONS), (daan, CHILD_QUESTIONS)):
        assert len(questions) == len(ExperienceQuestion)
        # Under each question the five answers and the words at both ends.
        for question, scale in zip(questions, _scales(page, questions), strict=True):
            assert sorted(set(re.findall(r"\b[1-5]\b", scale))) == [str(a) for a in ANSWERS]
            assert "not at all" in scale and "completely" in scale, question
        assert "What happens with your answers?" in page
        assert "case manager" in page


def _scales(page: str, questions: tuple[str, ...]) -> list[str]:
    """The text under each question, up to the next one (or the comment's invitation)."""
    ends = [*questions[1:], "tell us"]
    return [
        page.split(question, 1)[1].split(end, 1)[0]
        for question, end in zip(questions, ends, strict=True)
    ]


def test_the_form_speaks_dutch_from_the_catalogue(
    uow: UnitOfWork, case: HouseholdDTO, family: dict[str, int]
) -> None:
    nl = i18n.translations("nl")
    mother, daan, _noa = _pages(_render(uow, case.id, language="nl"))
    assert nl.gettext("What did you think of the help?") in mother
    assert nl.pgettext("child form", "What did you think of the help?") in daan
    assert _squash(nl.gettext("I know what I can do if things go wrong again.")) in _squash(mother)
    assert nl.gettext("not at all") in mother and nl.gettext("completely") in daan
    assert f"{nl.gettext('File number')} 2026-0012" in mother


def test_only_the_first_name_and_the_case_number_are_printed(
    uow: UnitOfWork, case: HouseholdDTO, family: dict[str, int]
) -> None:
    data = _render(uow, case.id, language="en")
    text = " ".join(_pages(data))
    meta = pypdf.PdfReader(io.BytesIO(data)).metadata
    printed = f"{text} {meta.title} {meta.subject}"
    for secret in ("Verhoeven", "Jansen", "1985", "2015", "2017", "14-03", "01-07"):
        assert secret not in printed
    assert "2026-0012" in str(meta.title)


def test_the_chosen_members_only_in_the_households_order(
    uow: UnitOfWork, case: HouseholdDTO, family: dict[str, int]
) -> None:
    chosen = [family["Noa"], family["Sandra"]]
    pages = _pages(_render(uow, case.id, language="en", person_ids=chosen))
    assert ["For Sandra" in pages[0], "For Noa" in pages[1], len(pages)] == [True, True, 2]
    assert not any("Daan" in page for page in pages)


def test_someone_who_is_no_member_or_nobody_at_all_gets_no_form(
    uow: UnitOfWork, case: HouseholdDTO, family: dict[str, int]
) -> None:
    with pytest.raises(NotFound) as outsider:
        _render(uow, case.id, person_ids=[family["Daan"], 99_999])
    assert str(outsider.value) == _(
        "Someone chosen for the experience form is not (or no longer) a member of this "
        "household. Choose again from the household's members."
    )
    with pytest.raises(NoMembers):
        _render(uow, case.id, person_ids=[])


def test_a_household_without_members_gets_no_form(uow: UnitOfWork, case: HouseholdDTO) -> None:
    with pytest.raises(NoMembers) as nobody:
        _render(uow, case.id)
    assert str(nobody.value) == _(
        "There is nobody to make an experience form for. Add the family members to the "
        "household first, or choose at least one of them."
    )


@pytest.mark.parametrize("first_name", [LONG_NAME, ARABIC, "Zoë <&> Anne"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_page_stays_one_page_whatever_the_name(
    uow: UnitOfWork, case: HouseholdDTO, first_name: str, language: str
) -> None:
    for role in ("parent", "child"):
        members.add_person(uow, case.id, {"first_name": first_name, "role": role})
    done = render_experience_form(uow, case.id, language=language, today=TODAY)
    assert done.pages == 2
    if first_name.startswith("Zoë"):  # shown as typed, not as mark-up
        assert all("Zoë <&> Anne" in page for page in _pages(done.data))


def test_writing_it_logs_the_access_and_records_it_as_given_to_the_family(
    uow: UnitOfWork, case: HouseholdDTO, family: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "formulier.pdf"
    written = write_experience_form(uow, case.id, target, person_ids=[family["Daan"]])
    assert written.logged and written.path == target
    assert len(_pages(target.read_bytes())) == 1
    assert target.stat().st_mode & 0o077 == 0  # readable by its owner only, like case files
    (recorded,) = disclosures.list_disclosures(uow, case.id)
    assert recorded.recipient == _("the family")
    assert "2026-0012" in recorded.document
    assert _("the family members' first names and the case number only") in recorded.parts
    with uow:
        logged = [
            (e.action, e.detail)
            for e in uow.session.scalars(select(AccessLogEntry).filter_by(case_id=case.id))
        ]
    assert logged == [(AccessAction.PDF.value, _("experience form, for: the family"))]


# ---------------------------------------------------------------- the command line


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_the_command_line_writes_the_form_of_a_demo_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = str(tmp_path / "demo.sqlite"), tmp_path / "form.pdf"
    assert _run(capsys, "--db", db, "demo")[0] == 0
    code, said, _err = _run(
        capsys, "--db", db, "pdf", "2026-0001", "--experience", "--out", str(out)
    )
    assert code == 0
    assert str(out) in said
    pages = _pages(out.read_bytes())
    assert len(pages) >= 2 and all("2026-0001" in page for page in pages)


def test_the_command_line_refuses_a_selection_for_the_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = str(tmp_path / "demo.sqlite"), tmp_path / "form.pdf"
    assert _run(capsys, "--db", db, "demo")[0] == 0
    for extra in (["--for", "school"], ["--version", "2"], ["--birth-dates"]):
        argv = ["--db", db, "pdf", "2026-0001", "--experience", "--out", str(out), *extra]
        code, _said, err = _run(capsys, *argv)
        assert code == 2 and "--for" in err
    assert not out.exists()
