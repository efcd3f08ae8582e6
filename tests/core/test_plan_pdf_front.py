"""The plan PDF's first page: whom to call, what is asked of the recipient, warnings, what
changed; and the plan's layout (legend, ✓, watchers, e-mail, 10 pt tables), read from the PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from jeugdtool.cases import queries
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.export.helplines import EMERGENCY_PHONE
from jeugdtool.export.helplines import VEILIG_THUIS_PHONE
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.plan import email_lines
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_front import past_review
from jeugdtool.export.recipient import recipient_members
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.framework import plans
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import PlanStatus
from tests import pdf_layout

#: After every review date of the demo plans: each has passed.
LATE = dt.date(2026, 12, 7)
EARLY = dt.date(2026, 3, 10)


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def demo(uow, demo_households) -> None:
    """The demo households in the test's database."""


def _id(uow, number: str) -> int:
    found = queries.find_case_id(uow, number)
    assert found is not None
    return found


def _pdf(uow, number: str, today: dt.date = EARLY, **changes) -> bytes:
    selection = replace(default_selection(Document.PLAN), **changes)
    return documents.render(uow, _id(uow, number), selection, today=today).data


# ---------------------------------------------------------------- recipients (pure)


def _member(id_: int, name: str, relation: str, kind: NetworkKind, org: str | None = None):
    return NetworkMemberDTO(
        id=id_, household_id=1, position=id_, name=name, relation=relation, kind=kind,
        organisation=org, phone=None, email=None, safety_network=True, notes="", version=1,
    )  # fmt: skip


NETWORK = (
    _member(1, "Ria Jansen", "grootmoeder", NetworkKind.FAMILY),
    _member(2, "M. Jonker", "mentor van Gülşen", NetworkKind.SCHOOL, "Stadslyceum Zuid"),
    _member(3, "E. Vos", "leerkracht van Emre", NetworkKind.SCHOOL, "OBS De Vlinder"),
    _member(
        4,
        "N. Akkerman",
        "schoolmaatschappelijk werker",
        NetworkKind.SOCIAL_WORK,
        "Stadslyceum Zuid",
    ),
    _member(5, "L. Mulder", "huisarts", NetworkKind.GP, "Huisartsenpraktijk Stadspark"),
)


@pytest.mark.parametrize(
    ("audience", "ids"),
    [
        ("school", {2, 3}),  # every school's staff, by kind
        ("school (OBS De Vlinder)", {3}),  # the organisation names one school
        ("STADSLYCEUM zuid", {2, 4}),  # folded: its social worker too
        ("huisarts", {5}),
        ("social work", {4}),  # the kind's label in another language
        ("oma Ria", set()),  # "Ria" alone is no whole name
        ("Ria Jansen en huisarts", {1, 5}),
        ("", set()),
        ("de", set()),
    ],
)
def test_the_audience_names_network_members(audience, ids) -> None:
    assert {n.id for n in recipient_members(audience, NETWORK)} == ids


def test_a_school_word_inside_another_word_is_no_match() -> None:
    """ "school" is not "schoolmaatschappelijk werker" (whole words only)."""
    found = recipient_members("school", NETWORK)
    assert 4 not in {n.id for n in found}


# ---------------------------------------------------------------- the review date (pure)


def _plan(next_review: dt.date | None) -> PlanVersionDTO:
    return PlanVersionDTO(
        id=1, household_id=1, number=1, status=PlanStatus.FINAL, based_on_id=None,
        moment_id=None, finalised_on=None, finalised_by=None, override_reason=None,
        children_told="", review_schedule="", next_review_on=next_review, when_not_kept="",
    )  # fmt: skip


def test_a_review_date_to_come_or_absent_is_no_warning() -> None:
    day = dt.date(2026, 5, 1)
    assert past_review(_plan(None), None, day) is None
    assert past_review(_plan(day), None, day) is None
    assert past_review(_plan(day + dt.timedelta(days=1)), None, day) is None


def test_a_passed_review_date_is_overdue_unless_a_review_was_held_since() -> None:
    due, today = dt.date(2026, 5, 1), dt.date(2026, 6, 1)
    assert past_review(_plan(due), None, today).held_on is None
    assert past_review(_plan(due), due - dt.timedelta(days=1), today).held_on is None
    assert past_review(_plan(due), due, today).held_on == due


def test_an_e_mail_address_breaks_only_after_the_at_sign_or_before_a_dot() -> None:
    email = "assistente@hap-stadspark.example"
    assert email_lines(email, 500) == [email]
    lines = email_lines(email, 60)
    assert len(lines) > 1 and "".join(lines) == email
    assert lines[0].endswith("@") and all(line.startswith(".") for line in lines[2:])


# ---------------------------------------------------------------- page 1


def test_page_one_says_whom_to_call(uow, demo) -> None:
    pdf = _pdf(uow, "2026-0001")
    first = _squash(pdf_layout.page_texts(pdf)[0])
    for expected in (EMERGENCY_PHONE, VEILIG_THUIS_PHONE, "A. de Boer", "06-12345678"):
        assert _squash(expected) in first
    assert _squash("Ria Jansen") in first


def test_the_box_names_the_people_of_the_plan_and_the_recipient_only(uow, demo) -> None:
    """The GP (in the network, with no part in the plan) is not whom a reader calls, unless
    the document is for the GP."""
    everyone = _squash(pdf_layout.page_texts(_pdf(uow, "2026-0001", uninvolved_persons=True))[0])
    assert "L.Mulder" not in everyone and "HenkBos" in everyone
    for_gp = _pdf(uow, "2026-0001", uninvolved_persons=True, audience="huisarts")
    assert "L.Mulder" in _squash(pdf_layout.page_texts(for_gp)[0])


def test_without_contact_details_page_one_has_no_network_phone(uow, demo) -> None:
    pdf = _pdf(uow, "2026-0001", contact_details=False)
    text = _squash(" ".join(pdf_layout.page_texts(pdf)))
    assert "06-12345678" not in text
    assert VEILIG_THUIS_PHONE in text  # the fixed numbers stay


def test_for_a_recipient_page_one_lists_their_agreements_and_signs(uow, demo) -> None:
    case_id = _id(uow, "2026-0005")
    plan = gather_plan(uow, case_id, today=EARLY).plan
    vos = [
        a for a in plan.agreements if any(p.source.label.startswith("E. Vos") for p in a.parties)
    ]
    flags = [f for f in plan.red_flags if "E. Vos" in f.watched_by]
    pdf = _pdf(uow, "2026-0005", audience="school (OBS De Vlinder)", uninvolved_persons=True)
    first = _squash(pdf_layout.page_texts(pdf)[0] + pdf_layout.page_texts(pdf)[1])
    assert _squash("What we ask of you") in first or _squash("Wat vragen we van u") in first
    for a in vos:
        assert _squash(a.what)[:40] in first
    for f in flags:
        assert _squash(f.sign)[:40] in first
    assert vos or flags  # the demo gives the school something to do


def test_without_an_audience_nothing_is_asked(uow, demo) -> None:
    text = _squash(" ".join(pdf_layout.page_texts(_pdf(uow, "2026-0005"))))
    assert _squash("What we ask of you") not in text
    assert _squash("Wat vragen we van u") not in text


def test_a_review_date_gone_by_is_said_on_page_one(uow, demo) -> None:
    case_id = _id(uow, "2026-0001")
    data = gather_plan(uow, case_id, today=LATE)
    due = data.plan.plan.next_review_on
    assert due is not None and due < LATE
    before = _squash(pdf_layout.page_texts(_pdf(uow, "2026-0001", today=EARLY))[0])
    after = _squash(pdf_layout.page_texts(_pdf(uow, "2026-0001", today=LATE))[0])
    held = data.last_review_on.strftime("%d-%m-%Y")
    assert held in after and held not in before


def test_a_closed_and_an_archived_case_say_so_on_page_one(uow, demo) -> None:
    closed = _squash(pdf_layout.page_texts(_pdf(uow, "2026-0003"))[0]).lower()
    archived = _squash(pdf_layout.page_texts(_pdf(uow, "2026-0006"))[0]).lower()
    assert "closed" in closed or "gesloten" in closed
    assert "archived" in archived or "gearchiveerd" in archived
    open_case = _squash(pdf_layout.page_texts(_pdf(uow, "2026-0001"))[0]).lower()
    assert "gearchiveerd" not in open_case and "archived" not in open_case


def test_what_changed_since_the_previous_version(uow, demo) -> None:
    case_id = _id(uow, "2026-0001")
    data = gather_plan(uow, case_id, today=EARLY)
    assert data.changes is not None and data.changes.previous == data.plan.plan.number - 1
    assert data.changes.any
    text = _squash(" ".join(pdf_layout.page_texts(_pdf(uow, "2026-0001"))))
    for a in data.changes.added:
        assert _squash(a.what)[:40] in text
    cut = _squash(
        " ".join(pdf_layout.page_texts(_pdf(uow, "2026-0001", sections=frozenset({"review"}))))
    )
    for a in data.changes.added:
        assert _squash(a.what)[:40] not in cut  # the agreements were left out


def test_a_first_version_has_no_changes(uow, demo) -> None:
    data = gather_plan(uow, _id(uow, "2026-0002"), today=EARLY)
    assert data.plan.plan.number == 1 and data.changes is None


# ---------------------------------------------------------------- layout, read from the PDF

PLANS = ("2026-0001", "2026-0002", "2026-0003", "2026-0005", "2026-0006")


@pytest.mark.parametrize("number", PLANS)
def test_the_legend_is_on_the_page_where_the_agreements_start(uow, demo, number) -> None:
    pdf = _pdf(uow, number, uninvolved_persons=True)
    lines = [line for page in pdf_layout.frame_lines(pdf) for line in page]
    legend = [
        ln.page for ln in lines if "✓" in ln.text and ("achter" in ln.text or "after" in ln.text)
    ]
    header = [
        ln.page
        for ln in lines
        if ln.words[0].text in ("Wat", "What") and ln.words[0].bold and ln.size < 11
    ]
    assert legend and header
    assert legend[0] == header[0]


@pytest.mark.parametrize("number", PLANS)
def test_a_table_heading_is_on_the_page_of_the_table_header_and_first_row(uow, demo, number):
    """Not the heading and its intro at a page's foot and the table on the next page."""
    pdf = _pdf(uow, number, uninvolved_persons=True)
    lines = [ln for page in pdf_layout.frame_lines(pdf) for ln in page]
    for heading, first_column in (
        (("Welke hulp krijgt het gezin?", "What help does the family get?"), ("Voor", "For")),
        (("Signalen en wat we doen", "Signs and what we do then"), ("Signaal", "Sign")),
        (("Het veiligheidsnetwerk", "The safety network"), ("Naam", "Name")),
    ):
        at = [i for i, ln in enumerate(lines) if ln.text in heading]
        if not at:
            continue
        header = next(
            i for i in range(at[0] + 1, len(lines)) if lines[i].words[0].text in first_column
        )
        assert lines[header].page == lines[at[0]].page, heading
        assert header + 1 < len(lines) and lines[header + 1].page == lines[at[0]].page, heading


@pytest.mark.parametrize("number", PLANS)
def test_every_check_mark_is_on_the_line_of_its_name(uow, demo, number) -> None:
    pdf = _pdf(uow, number, uninvolved_persons=True)
    for page in pdf_layout.frame_lines(pdf):
        for line in page:
            if line.words[0].text == "✓":
                pytest.fail(f"page {line.page}: ✓ alone at the start of a line: {line.text!r}")


@pytest.mark.parametrize("number", PLANS)
def test_table_text_is_at_least_ten_point(uow, demo, number) -> None:
    """The agreements table's header and its names with ✓ (8.5 pt before)."""
    pdf = _pdf(uow, number, uninvolved_persons=True)
    lines = [ln for page in pdf_layout.frame_lines(pdf) for ln in page]
    header = [ln for ln in lines if ln.words[0].text in ("Wat", "What") and ln.words[0].bold]
    marks = [w for ln in lines for w in ln.words if "✓" in w.text]
    assert header and marks
    assert min(w.size for ln in header for w in ln.words) >= 9.9
    assert min(w.size for w in marks) >= 9.9


def test_two_watchers_are_each_on_their_own_bullet(uow, demo) -> None:
    pdf = _pdf(uow, "2026-0005", uninvolved_persons=True)
    lines = [line.text for page in pdf_layout.frame_lines(pdf) for line in page]
    assert any("• E. Vos" in line for line in lines)
    assert any("• Fatma Çelik" in line for line in lines)


@pytest.mark.parametrize("number", PLANS)
def test_the_plan_stays_in_its_frame_and_ends_no_page_with_a_heading(uow, demo, number):
    pdf = _pdf(uow, number, uninvolved_persons=True)
    pdf_layout.assert_inside_frame(pdf, 20)
    pdf_layout.assert_no_heading_alone_at_bottom(pdf, (13,))


@pytest.mark.parametrize("number", PLANS)
def test_no_last_page_with_only_a_line_or_two(uow, demo, number) -> None:
    for changes in ({}, {"audience": "school"}, {"sections": frozenset({"agreements"})}):
        pdf = _pdf(uow, number, **changes)
        pages = pdf_layout.frame_lines(pdf)
        if len(pages) > 1:
            assert len(pages[-1]) > 2, (changes, [line.text for line in pages[-1]])


def test_a_draft_has_no_signature_lines(uow, demo) -> None:
    case_id = _id(uow, "2026-0001")
    draft = plans.start_draft(uow, case_id).value
    done = documents.render(
        uow, case_id, default_selection(Document.PLAN), version=draft.number, today=EARLY
    )
    text = _squash(" ".join(pdf_layout.page_texts(done.data)))
    assert "Handtekening:" not in text and "Signature:" not in text
    final = documents.render(uow, case_id, default_selection(Document.PLAN), today=EARLY)
    assert "Handtekening:" in _squash(" ".join(pdf_layout.page_texts(final.data)))
