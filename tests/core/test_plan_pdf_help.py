"""The help deployed in the safety plan PDF: part of the one plan, for the family and the
network, without costs; selectable like the other parts, old remembered selections included."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace

import pypdf
import pytest

from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import ExportSelection
from jeugdtool.export.selection import default_selection
from jeugdtool.export.selection import get_selection
from jeugdtool.export.selection import remember_selection
from jeugdtool.export.selection import section_codes
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.outcomes.help import add_help
from jeugdtool.outcomes.help import list_help
from jeugdtool.outcomes.help import update_help
from jeugdtool.outcomes.help_rules import format_cents
from jeugdtool.outcomes.vocab import DecidedBy

TODAY = dt.date(2026, 3, 10)
HEADING = "What help does the family get?"


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def jansen(uow, demo_households) -> int:
    found = queries.find_case_id(uow, "2026-0001")
    assert found is not None
    return found


def _render(uow, case_id: int, today: dt.date = TODAY, **changes) -> tuple[str, str]:
    """The PDF's text (white space removed) and its metadata subject. The demo's help for the
    addiction is marked as a special category: these tests include it unless told otherwise."""
    changes.setdefault("special_categories", True)
    selection = replace(default_selection(Document.PLAN), **changes)
    done = documents.render(uow, case_id, selection, today=today)
    reader = pypdf.PdfReader(io.BytesIO(done.data))
    text = _squash("".join(page.extract_text() for page in reader.pages))
    return text, str(reader.metadata.get("/Subject", ""))


def _goal_words(uow, case_id: int) -> dict[str, str]:
    plan = gather_plan(uow, case_id).plan
    return {s.lineage: s.text for s in plan.statements if s.type is StatementType.SAFETY_GOAL}


def test_the_plan_lists_the_help_with_whom_what_who_when_and_the_goal(uow, jansen) -> None:
    items = list_help(uow, jansen)
    assert len(items) == 3  # the demo's help: Sandra twice, Noa once
    goals = _goal_words(uow, jansen)
    text, subject = _render(uow, jansen)
    assert _squash(_(HEADING)) in text
    for item in items:
        for shown in (item.category_label, item.description, item.provider, item.intensity):
            assert _squash(shown) in text
    # From–until as dates; the goal by its words; for whom by first name only.
    for item in items:
        assert _squash(item.starts_on.strftime("%d-%m-%Y")) in text
        assert item.planned_end is not None
        assert _squash(item.planned_end.strftime("%d-%m-%Y")) in text
        for key in item.serves:
            if key in goals:
                assert _squash(goals[key]) in text
    # ZRM domains by their plain name for families, never the method's ("Middelengebruik").
    assert "drugsenmedicijnen" in text and "Geld" in text and "Middelengebruik" not in text
    table = text[
        text.index(_squash(_(HEADING))) : text.index(_squash(_("Signs and what we do then")))
    ]
    assert table.count("SandraJansen") == 0 < table.count("Sandra")
    assert _("help the family gets") in subject


def test_a_help_item_for_the_whole_household_and_without_goal(uow, jansen) -> None:
    fields = {
        "person_id": None,
        "product_list": "ijw-productcategorieen",
        "category": "VV05",
        "description": "Gezinscoach van het sociaal team (tien gesprekken).",
        "provider": "Sociaal team Noord",
        "starts_on": dt.date(2026, 4, 1),
        "decided_by": DecidedBy.MUNICIPALITY.value,
        "serves": [],
    }
    add_help(uow, jansen, fields)
    text, _subject = _render(uow, jansen)
    row = text[text.index(_squash(_("the whole family"))) :]
    assert row.index(_squash(fields["description"])) < row.index(_squash(_("No goal named yet.")))
    assert _squash(_("end not known yet")) in row
    assert _squash(_("(has not started yet)")) in row  # it starts after the day of printing


def test_help_of_a_member_who_left_keeps_the_name_it_was_given(uow, jansen) -> None:
    kees = members.add_person(uow, jansen, {"first_name": "Kees", "last_name": "Vermeer"}).value
    fields = {
        "person_id": kees.id,
        "product_list": "ijw-productcategorieen",
        "category": "VV05",
        "description": "Opvoedondersteuning voor Kees bij zijn nieuwe woning.",
        "provider": "Sociaal team Noord",
        "starts_on": dt.date(2026, 2, 1),
        "decided_by": DecidedBy.MUNICIPALITY.value,
        "serves": [],
    }
    add_help(uow, jansen, fields)
    text, _subject = _render(uow, jansen)
    row = text[text.index(_squash(fields["description"])) - 40 :]
    assert "Kees" in row and "KeesVermeer" not in row  # a member: by first name
    members.remove_person(uow, kees.id)
    text, _subject = _render(uow, jansen)
    row = text[: text.index(_squash(fields["description"]))]
    assert row.endswith("KeesVermeer" + _squash(list_help(uow, jansen)[-1].category_label))


def test_no_cost_and_no_decision_code_reaches_the_family(uow, jansen) -> None:
    items = list_help(uow, jansen)
    costly = [i for i in items if i.unit_cost_cents]
    assert costly  # the demo has a cost, so the test can fail
    text, subject = _render(uow, jansen, uninvolved_persons=True)
    assert "€" not in text + subject
    for item in costly:
        euros = format_cents(item.unit_cost_cents)  # "€ 1.450,00"
        assert _squash(euros.removeprefix("€")) not in text
        assert str(item.unit_cost_cents) not in text
    for item in items:
        assert item.decided_by not in text  # "municipality", "free_access"
        assert _squash(DecidedBy(item.decided_by).label) not in text


def test_ended_help_is_left_out(uow, jansen) -> None:
    first = list_help(uow, jansen)[0]
    update_help(uow, first.id, {"ended_on": dt.date(2026, 3, 1)}, expected=first)
    text, _subject = _render(uow, jansen)
    assert _squash(first.description) not in text
    assert _squash(list_help(uow, jansen)[1].description) in text


def test_the_part_left_out_is_absent(uow, jansen) -> None:
    items = list_help(uow, jansen)
    sections = frozenset(section_codes(Document.PLAN)) - {"help"}
    text, subject = _render(uow, jansen, sections=sections)
    assert _squash(_(HEADING)) not in text
    for item in items:
        assert _squash(item.description) not in text
        assert _squash(item.provider) not in text
    assert _("help the family gets") not in subject
    assert gather_plan(uow, jansen).help  # there was help to leave out


def test_without_the_statements_the_goals_are_not_quoted(uow, jansen) -> None:
    goals = _goal_words(uow, jansen)
    sections = frozenset(section_codes(Document.PLAN)) - {"statements"}
    text, _subject = _render(uow, jansen, sections=sections)
    assert _squash(_(HEADING)) in text
    assert _squash(list_help(uow, jansen)[1].description) in text
    assert [g for g in goals.values() if _squash(g) in text] == []
    assert _squash(_("Helps with this goal")) not in text
    assert "drugsenmedicijnen" in text  # the self-sufficiency domains stay with the help


def _store(uow, case_id: int, settings: dict) -> None:
    remember_selection(uow, case_id, default_selection(Document.PLAN))
    with uow:
        row = uow.session.query(ExportSelection).one()
        row.settings = json.dumps(settings)
        uow.commit()


OLD_PARTS = ["statements", "agreements", "network", "children", "review", "signatures"]


def test_an_old_selection_of_the_whole_plan_gets_the_help_too(uow, jansen) -> None:
    old = {"audience": "gezin", "sections": OLD_PARTS, "birth_dates": False}
    _store(uow, jansen, old)
    found = get_selection(uow, jansen, Document.PLAN)
    assert found.sections == frozenset(section_codes(Document.PLAN))
    assert found.audience == "gezin"
    assert not found.special_categories  # not in an old selection: the marked help stays out
    done = documents.render(uow, jansen, replace(found, special_categories=True), today=TODAY)
    text = _squash("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(done.data)).pages))
    assert _squash(list_help(uow, jansen)[0].description) in text


def test_an_old_cut_for_a_partner_is_not_widened(uow, jansen) -> None:
    _store(uow, jansen, {"audience": "school", "sections": ["agreements", "network"]})
    found = get_selection(uow, jansen, Document.PLAN)
    assert found.sections == {"agreements", "network"} and found.audience == "school"


def test_help_left_out_on_purpose_stays_out(uow, jansen) -> None:
    without = frozenset(section_codes(Document.PLAN)) - {"help"}
    choice = replace(default_selection(Document.PLAN), sections=without, audience="huisarts")
    remember_selection(uow, jansen, choice)
    assert get_selection(uow, jansen, Document.PLAN).sections == without
    with uow:
        stored = json.loads(uow.session.query(ExportSelection).one().settings)
    assert stored["offered"] == list(section_codes(Document.PLAN))


def test_a_damaged_offered_list_counts_as_an_old_selection(uow, jansen) -> None:
    _store(uow, jansen, {"sections": ["agreements"], "offered": [{"x": 1}, 3]})
    assert get_selection(uow, jansen, Document.PLAN).sections == {"agreements"}


def test_the_zrm_summary_names_the_help_per_focus_domain(uow, jansen) -> None:
    zrm = replace(default_selection(Document.ZRM), uninvolved_persons=True, special_categories=True)
    items = list_help(uow, jansen)
    kinds = {i.category_label for i in items if any(k.startswith("zrm:") for k in i.serves)}
    assert kinds  # the demo's help serves focus domains, so the test can fail
    words = Texts("zrm_summary")  # as the PDF words it, with or without the Dutch catalogue
    done = documents.render(uow, jansen, zrm, today=TODAY)
    text = _squash("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(done.data)).pages))
    for kind in kinds:
        assert _squash(words.text("item_help", kind=kind)) in text
    assert "€" not in text
    without_focus = replace(zrm, sections=frozenset({"table", "chart"}))
    done = documents.render(uow, jansen, without_focus, today=TODAY)
    text = _squash("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(done.data)).pages))
    assert not any(_squash(kind) in text for kind in kinds)
