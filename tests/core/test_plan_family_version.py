"""The family's version of the plan (issue 19: "a family version of the plan that uses the
family's own words and goals"), read from the PDF of every demo household: the family's own
goals with who said them, the family's words as the main text of safety goals and agreements
with the plan's wording under it, the bottom lines' official text first, no professional-only
part, the title and file name, the word list, minimisation, and the layout.

The demo has no family words or goals yet in every household, so each plan as gathered gets
them here (`_worded`) before it is laid out: the PDF is what is tested, not the services.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from dataclasses import replace

import pytest
from pypdf import PdfReader

from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.export.glossary import glossary
from jeugdtool.export.pdf.base import MARGIN
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.pdf.plan import render_plan
from jeugdtool.export.pdf.plan_data import NoPlan
from jeugdtool.export.pdf.plan_data import PlanExport
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import hidden_persons
from jeugdtool.export.pdf.plan_data import minimisation_findings
from jeugdtool.export.pdf.plan_data import select_plan
from jeugdtool.export.pdf.statements import KINDS
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import default_selection
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from tests import pdf_layout

TODAY = dt.date(2026, 12, 7)
HEADINGS = {styles().heading.fontSize}
#: The demo's wellbeing case (its plan is a "welzijnsplan").
WELLBEING_CASE = "2026-0002"

GOAL_WORDS = "Papa en mama maken geen ruzie waar de kinderen bij zijn."
BOTTOM_WORDS = "Sem en Noa zijn nooit alleen met iemand die gedronken heeft."
AGREEMENT_WORDS = "Wij bellen oma als het thuis niet goed gaat."
OWN_GOAL = "We willen samen rustig eten."
OTHER_GOAL = "Dat we weer samen op vakantie gaan."


def _squash(text: str) -> str:
    return "".join(text.split())


def _text(pdf: bytes) -> str:
    """The PDF's text without white space, in drawing order (a table cell by cell)."""
    return _squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _family(selection: Selection | None = None, **changes) -> Selection:
    base = selection or default_selection(Document.PLAN)
    return replace(base, family_version=True, **changes)


@dataclass(frozen=True)
class Made:
    """One demo household's plan with the family's words added, and its PDFs."""

    data: PlanExport
    #: `data` as the family's version's selection leaves it (`select_plan`).
    shown: PlanExport
    family: bytes
    normal: bytes
    file_name: str
    title: str
    #: A network member the default selection leaves out (None: everyone is kept).
    hidden: str | None


def _worded(data: PlanExport) -> tuple[PlanExport, str | None]:
    """`data` with family words on the first safety goal, bottom line and agreement, and the
    family's own goals: one said by a parent, one by a network member the selection leaves
    out (whose name is also in the goal's text), one by someone else by name."""
    statements = []
    seen: set[StatementType] = set()
    for s in data.plan.statements:
        words = {StatementType.SAFETY_GOAL: GOAL_WORDS, StatementType.BOTTOM_LINE: BOTTOM_WORDS}
        if s.type in words and s.type not in seen:
            seen.add(s.type)
            s = replace(s, family_words=words[s.type])
        statements.append(s)
    agreements = list(data.plan.agreements)
    if agreements:
        agreements[0] = replace(agreements[0], family_words=AGREEMENT_WORDS)
    parent = next(p for p in data.case.persons if p.role is not PersonRole.CHILD)
    goals = [
        FamilyGoalDTO(1, 1, Source(SourceKind.PERSON, person_id=parent.id), OWN_GOAL),
        FamilyGoalDTO(2, 2, Source(SourceKind.OTHER, label="Buurman Kees"), OTHER_GOAL),
    ]
    hidden_names = {p.name for p in hidden_persons(data, default_selection(Document.PLAN))}
    member = next((n for n in data.case.network if n.name in hidden_names), None)
    if member is not None:
        text = f"Dat {member.name} vaker langskomt."
        goals.append(FamilyGoalDTO(3, 3, Source(SourceKind.NETWORK, network_id=member.id), text))
    plan = replace(
        data.plan,
        statements=tuple(statements),
        agreements=tuple(agreements),
        family_goals=tuple(goals),
    )
    return replace(data, plan=plan), member.name if member is not None else None


@pytest.fixture(scope="module")
def made(sqlite_at_head, tmp_path_factory) -> dict[str, Made]:
    found: dict[str, Made] = {}

    def render(uow, case_id: int) -> bytes | None:
        try:
            data = gather_plan(uow, case_id, today=TODAY, language="nl")
        except NoPlan:
            return None
        data, hidden = _worded(data)
        family = render_plan(data, _family(), "A. de Boer", TODAY, "nl")
        normal = render_plan(data, default_selection(Document.PLAN), "A. de Boer", TODAY, "nl")
        number = data.case.household.case_number
        shown = select_plan(data, _family())
        found[number] = Made(
            data, shown, family.data, normal.data, family.file_name, family.title, hidden
        )
        return family.data

    pdf_layout.demo_pdfs(sqlite_at_head, tmp_path_factory.mktemp("family"), render)
    assert len(found) >= 3
    return found


def _nl(m: Made) -> Texts:
    """The plan's words in Dutch, in the words of the case's way of working."""
    return Texts("safety_plan", "nl", mode=m.data.case.household.mode)


def _said(texts: Texts, name: str, **values) -> str:
    return _squash(texts.plain(name, **values))


# ---------------------------------------------------------------- the family's words


def test_the_family_goals_come_first_with_who_said_them(made) -> None:
    for number, m in made.items():
        text = _text(m.family)
        heading = text.find(_said(_nl(m), "heading_family_goals"))
        assert heading >= 0, number
        parent = next(p for p in m.data.case.persons if p.role is not PersonRole.CHILD)
        assert _squash(f"1. {OWN_GOAL}") + _squash(f"— {parent.first_name}") in text, number
        assert _squash(f"2. {OTHER_GOAL}") + _squash("— Buurman Kees") in text, number
        # before the statements and the agreements
        kinds = {s.type for s in m.shown.plan.statements}
        later = ["heading_agreements"] + [h for k, h, _l in KINDS if k in kinds]
        for name in later:
            assert heading < text.find(_said(_nl(m), name)), (number, name)


def test_the_normal_plan_prints_neither_goals_nor_family_words(made) -> None:
    for number, m in made.items():
        text = _text(m.normal)
        assert _said(_nl(m), "heading_family_goals") not in text, number
        for words in (GOAL_WORDS, BOTTOM_WORDS, AGREEMENT_WORDS, OWN_GOAL):
            assert _squash(words) not in text, (number, words)


def _worded_statement(m: Made, words: str):
    """The statement the family's version prints with `words` (None: left out)."""
    return next((s for s in m.shown.plan.statements if s.family_words == words), None)


def test_a_safety_goal_reads_in_the_family_words_with_the_plan_wording_under_it(made) -> None:
    checked = 0
    for number, m in made.items():
        goal = _worded_statement(m, GOAL_WORDS)
        if goal is None:
            continue
        text = _text(m.family)
        label = _said(_nl(m), "label_goal", n=goal.position)
        main = text.find(f"{label}:{_squash(GOAL_WORDS)}")
        under = text.find(_said(_nl(m), "as_the_plan_says", text=goal.text[:40]))
        assert 0 <= main < under, number
        checked += 1
    assert checked


def test_a_bottom_line_keeps_its_official_text_first_with_the_family_words_under_it(
    made,
) -> None:
    checked = 0
    for number, m in made.items():
        bottom = _worded_statement(m, BOTTOM_WORDS)
        if bottom is None:
            continue
        text = _text(m.family)
        label = _said(_nl(m), "label_bottom_line", n=bottom.position)
        main = text.find(f"{label}:{_squash(bottom.text[:40])}")
        under = text.find(_said(_nl(m), "as_we_say_it", text=BOTTOM_WORDS))
        assert 0 <= main < under, number
        checked += 1
    assert checked


def test_an_agreement_reads_in_the_family_words_with_the_plan_wording_under_it(made) -> None:
    checked = 0
    for number, m in made.items():
        first = next((a for a in m.shown.plan.agreements if a.family_words), None)
        if first is None:
            continue  # no agreement with the family's words is printed
        text = _text(m.family)
        main = text.find(_squash(f"{first.position}. {first.family_words[:40]}"))
        prefix = _said(_nl(m), "as_the_plan_says", text="")
        assert 0 <= main < text.find(prefix + _squash(first.what[:20]), main), number
        checked += 1
    assert checked


# ---------------------------------------------------------------- what the family reads


def test_no_professional_only_part_reaches_the_family(made) -> None:
    """The colleague's approval of the plan is the professionals' own business."""
    for number, m in made.items():
        label = _said(_nl(m), "label_approval")
        assert label in _text(m.normal), number
        assert label not in _text(m.family), number


def test_the_title_and_the_file_name_say_it_is_the_family_version(made) -> None:
    for number, m in made.items():
        mode = m.data.case.household.mode
        texts = Texts("safety_plan", "nl", mode=mode)
        first_page = _squash(pdf_layout.page_texts(m.family)[0])
        household = _squash(m.data.case.household.name)
        assert _said(texts, "title_family") + household in first_page, number
        assert m.file_name.endswith("-gezinsversie.pdf"), number
        assert m.title == _title(m.family), number
        assert m.title.startswith(texts.plain("title_family")), number
        if mode is CaseMode.WELLBEING:
            assert m.file_name.startswith("welzijnsplan-"), number
    assert made[WELLBEING_CASE].data.case.household.mode is CaseMode.WELLBEING


def _title(pdf: bytes) -> str:
    return str(PdfReader(io.BytesIO(pdf)).metadata.title)


def test_the_word_list_explains_only_the_terms_printed(made) -> None:
    """A plan without bottom lines does not explain the word; one with them does."""
    seen = set()
    for number, m in made.items():
        mode = m.data.case.household.mode
        text = _text(m.family)
        has_bottom = any(s.type is StatementType.BOTTOM_LINE for s in m.shown.plan.statements)
        (entry,) = glossary({"bottom_line"}, mode)
        explained = _squash(entry.meaning) in text
        assert explained is has_bottom, number
        seen.add(has_bottom)
    (signs,) = glossary({"signs"})
    for number, m in made.items():
        if not m.shown.plan.red_flags:
            assert _squash(signs.meaning) not in _text(m.family), number
    # Not vacuous: at least one demo household prints bottom lines (and so explains the word).
    assert True in seen, "no demo household has bottom lines: this test would prove nothing"


# ---------------------------------------------------------------- minimisation


def test_a_name_outside_the_selection_is_masked_in_a_goal_and_not_named_as_its_source(made) -> None:
    checked = 0
    for number, m in made.items():
        if m.hidden is None:
            continue
        text = _text(m.family)
        last_name = m.hidden.split()[-1]
        assert _squash(m.hidden) not in text, number
        assert last_name not in text or last_name in _text(m.normal), number
        assert _said(_nl(m), "said_by_someone") in text, number
        checked += 1
    assert checked, "no demo household has someone the selection leaves out"


def test_addresses_in_the_family_words_go_when_contact_details_are_off(made) -> None:
    m = next(iter(made.values()))
    address = "Wij spreken af bij oma op de Parkstraat 12."
    agreements = list(m.data.plan.agreements)
    first = agreements[0]
    agreements[0] = replace(first, family_words=address, special_category="")
    data = replace(m.data, plan=replace(m.data.plan, agreements=tuple(agreements)))
    selection = _family(contact_details=False)
    pdf = render_plan(data, selection, "A. de Boer", TODAY, "nl").data
    assert "Parkstraat12" not in _text(pdf)
    with_contacts = render_plan(data, _family(), "A. de Boer", TODAY, "nl").data
    assert "Parkstraat12" in _text(with_contacts)
    findings = minimisation_findings(data, selection)
    field = _("In the family's own words")
    assert any(f.field == field and f.item.endswith(str(first.position)) for f in findings)


# ---------------------------------------------------------------- layout


def _header_row(m: Made):
    """A table's header row in the plan (the "whom do you call" box's fill is no header)."""
    texts = _nl(m)
    pairs = (("col_what", "col_who"), ("col_for_whom", "col_help"), ("col_sign", "col_watched_by"))
    pairs += (("col_name", "col_role"),)
    starts = tuple(f"{texts.plain(a)} {texts.plain(b)}" for a, b in pairs)
    return lambda row: " ".join(row.split()).startswith(starts)


def test_every_family_version_keeps_its_layout(made) -> None:
    for number, m in made.items():
        try:
            pdf_layout.assert_no_heading_alone_at_bottom(m.family, HEADINGS)
            pdf_layout.assert_no_empty_table_piece(m.family, _header_row(m))
            pdf_layout.assert_inside_frame(m.family, MARGIN)
        except AssertionError as problem:
            raise AssertionError(f"{number}: {problem}") from None
