"""Special categories of personal data on statements, "how the children are told" and ZRM
notes: a marked one stays out of the plan, the map and the ZRM summary (text and metadata)
unless the selection includes special categories; the export notices name what is left out,
never the data; an unmarked text that looks special is warned about."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pypdf
import pytest

from jeugdtool.cases import queries
from jeugdtool.export.demo import load_demo
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.before_export import export_notices
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import leave_out_special
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.framework import moments
from jeugdtool.framework import plans
from jeugdtool.framework import special_rules
from jeugdtool.framework import statements
from jeugdtool.framework.special import mark_children_told
from jeugdtool.framework.special import mark_statement
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.zrm.reading import list_assessments
from jeugdtool.zrm.special import mark_assessment_note
from jeugdtool.zrm.special import mark_domain_note

TODAY = dt.date(2026, 12, 1)
#: The police's selections, with the parts that print the marked texts.
POLICE_PLAN = Selection(
    document=Document.PLAN,
    audience="politie",
    sections=frozenset({"agreements", "network", "statements", "children"}),
)
POLICE_MAP = Selection(
    document=Document.MAP, audience="politie", sections=frozenset({"statements"})
)
POLICE_ZRM = Selection(document=Document.ZRM, audience="politie", sections=frozenset({"notes"}))


def _pdf_text(data: bytes) -> str:
    """A PDF's text and metadata (Info and XMP), white space made single, in lower case."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    xmp = reader.xmp_metadata
    raw = xmp.stream.get_data().decode("utf-8", "replace") if xmp is not None else ""
    return " ".join(f"{text} {meta} {raw}".split()).lower()


def _text(uow, case_id: int, selection: Selection) -> str:
    return _pdf_text(documents.render(uow, case_id, selection, today=TODAY).data)


def _words(text: str) -> str:
    """A phrase of a text as the PDF text has it: its first words, lower case."""
    return " ".join(text.lower().split()[:5])


@pytest.fixture
def jansen(uow) -> int:
    load_demo(uow)
    found = queries.find_case_id(uow, "2026-0001")
    assert found is not None
    return found


def _dangers(uow, case_id: int, selection: Selection):
    """The danger statements the document of `selection` prints from (the plan's moment, or
    the newest moment for the map): the first marked, the others not."""
    if selection.document is Document.PLAN:
        said = gather_plan(uow, case_id, today=TODAY).plan.statements
    else:
        moment = moments.latest_moment(uow, case_id)
        assert moment is not None
        said = statements.list_statements(uow, moment.moment.id)
    dangers = [s for s in said if s.type is StatementType.DANGER]
    assert len(dangers) >= 2
    for n, s in enumerate(dangers):
        mark_statement(uow, s.id, "addiction" if n == 0 else "")
    return dangers


@pytest.mark.parametrize("selection", [POLICE_PLAN, POLICE_MAP], ids=["plan", "map"])
def test_a_marked_danger_statement_is_left_out(uow, jansen, selection) -> None:
    first, second = _dangers(uow, jansen, selection)[:2]
    phrase = _words(first.text)
    police = _text(uow, jansen, selection)
    assert "politie" in police  # the selection is the police's
    assert phrase not in police
    # The other statement stays, with its own number.
    assert f"{second.position}: {_words(second.text)}" in police
    everything = _text(uow, jansen, dataclasses.replace(selection, special_categories=True))
    assert phrase in everything  # the test can fail


def test_the_demos_marked_statements_stay_out_of_the_police_plan_and_map(uow, jansen) -> None:
    said = gather_plan(uow, jansen, today=TODAY).plan.statements
    marked = [s for s in said if s.special_category and s.type is not StatementType.HARM]
    assert marked  # the demo marks the statements about Sandra's drinking
    plan = _text(uow, jansen, POLICE_PLAN)
    map_ = _text(uow, jansen, POLICE_MAP)
    ticked = _text(uow, jansen, dataclasses.replace(POLICE_PLAN, special_categories=True))
    for s in marked:
        assert _words(s.text) not in plan
        assert _words(s.text) not in map_
        assert _words(s.text) in ticked


def test_marked_children_told_reads_left_out(uow, jansen) -> None:
    data = gather_plan(uow, jansen, today=TODAY)
    told = data.plan.plan.children_told
    assert told.strip()
    mark_children_told(uow, data.plan.plan.id, "health")
    police = _text(uow, jansen, POLICE_PLAN)
    assert _words(told) not in police
    assert special_rules.left_out_text().lower() in police
    ticked = _text(uow, jansen, dataclasses.replace(POLICE_PLAN, special_categories=True))
    assert _words(told) in ticked


def test_a_help_goal_that_is_a_left_out_safety_goal_says_left_out(uow, jansen) -> None:
    data = gather_plan(uow, jansen, today=TODAY)
    goal = next(s for s in data.plan.statements if s.type is StatementType.SAFETY_GOAL)
    words = goal.text or goal.carers_will
    served = [h for h in data.help if words in h.goals and not h.special_category]
    marked = dataclasses.replace(
        data,
        plan=dataclasses.replace(
            data.plan,
            statements=tuple(
                dataclasses.replace(s, special_category="health") if s.id == goal.id else s
                for s in data.plan.statements
            ),
        ),
    )
    shown = leave_out_special(marked, POLICE_PLAN)
    assert goal.id not in {s.id for s in shown.plan.statements}
    assert all(words not in h.goals for h in shown.help)
    referring = [h for h in shown.help if special_rules.left_out_text() in h.goals]
    assert len(referring) == len(served)  # each reference says "(left out)"


def test_marked_zrm_notes_are_left_out_of_the_summary(uow, jansen) -> None:
    newest = list_assessments(uow, jansen)[-1]
    score = next(d for d in newest.domains if d.note.strip())
    mark_domain_note(uow, score.id, "addiction")
    mark_assessment_note(uow, newest.id, "health")
    police = _text(uow, jansen, POLICE_ZRM)
    for note in (score.note, newest.note):
        assert _words(note) not in police
    ticked = _text(uow, jansen, dataclasses.replace(POLICE_ZRM, special_categories=True))
    assert _words(score.note) in ticked
    assert _words(newest.note) in ticked


def test_the_notices_name_what_is_left_out_never_the_data(uow, jansen) -> None:
    first = _dangers(uow, jansen, POLICE_PLAN)[0]
    newest = list_assessments(uow, jansen)[-1]
    mark_statement(uow, first.id, "addiction")
    mark_assessment_note(uow, newest.id, "health")
    plan = export_notices(uow, jansen, POLICE_PLAN, today=TODAY)
    expected = special_rules.left_out(_("Danger statement {n}").format(n=1))
    assert expected in plan
    assert all(_words(first.text) not in line.lower() for line in plan)
    assert expected in export_notices(uow, jansen, POLICE_MAP)
    zrm = export_notices(uow, jansen, POLICE_ZRM, today=TODAY)
    assert any(line.endswith(special_rules.left_out("x")[1:]) for line in zrm)
    assert all(_words(newest.note) not in line.lower() for line in zrm)
    ticked = dataclasses.replace(POLICE_PLAN, special_categories=True)
    assert expected not in export_notices(uow, jansen, ticked, today=TODAY)


def test_an_unmarked_statement_that_looks_special_is_warned_about(uow, jansen) -> None:
    for s in gather_plan(uow, jansen, today=TODAY).plan.statements:
        mark_statement(uow, s.id, "")  # as before the demo marked them
    data = gather_plan(uow, jansen, today=TODAY)
    labels = {
        StatementType.DANGER: "Danger statement {n}",
        StatementType.SAFETY_GOAL: "Safety goal {n}",
        StatementType.BOTTOM_LINE: "Bottom line {n}",
    }
    found = {
        s.id: special_rules.warning(
            special_rules.Unmarked(
                _(labels[s.type]).format(n=s.position), special_rules.suggest_statement(s)
            )
        )
        for s in data.plan.statements
        if s.type in labels and special_rules.suggest_statement(s) and not s.special_category
    }
    assert found  # the demo's statements speak of drinking
    lines = export_notices(uow, jansen, POLICE_PLAN, today=TODAY)
    assert set(found.values()) <= set(lines)
    # Marked, a statement is no longer warned about but left out.
    for s in data.plan.statements:
        if s.id in found:
            mark_statement(uow, s.id, special_rules.suggest_statement(s))
    again = export_notices(uow, jansen, POLICE_PLAN, today=TODAY)
    assert not set(found.values()) & set(again)
    assert plans.get_plan(uow, data.plan.plan.id).statements  # nothing was removed
