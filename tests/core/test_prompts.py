"""The guided-mode content: the shipped file is complete and checked; a broken one says where."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from jeugdtool import i18n
from jeugdtool import resources
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.framework import prompts
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Column


@pytest.fixture(autouse=True)
def _fresh_prompts():
    prompts.reload()
    yield
    prompts.reload()


def shipped() -> dict:
    return resources.load_json(*prompts.PROMPTS)


def test_the_shipped_file_matches_its_schema():
    prompts.check_prompts(shipped())  # raises on any problem


@pytest.mark.parametrize("mode", list(CaseMode))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_cell_of_every_mode_is_complete_in_both_languages(mode, language):
    for cell in Cell:
        guide = prompts.cell_guide(cell, mode, language)
        assert guide.title.strip() and guide.explanation.strip()
        assert 3 <= len(guide.questions) <= 5
        assert 2 <= len(guide.good_examples) <= 3
        assert all(q.strip() for q in guide.questions + guide.good_examples)
        assert guide.weak_example.strip() and guide.weak_why.strip()
        assert prompts.cell_title(cell, mode, language) == guide.title
    for column in Column:
        assert prompts.column_title(column, mode, language).strip()
    scale = prompts.scale_guide(mode, language)
    assert "10" in scale.title and scale.questions


def test_the_order_is_the_methods():
    assert prompts.guided_order() == (
        Cell.HARM,
        Cell.DANGER,
        Cell.COMPLICATING_FACTORS,
        Cell.STRENGTHS,
        Cell.EXISTING_SAFETY,
        Cell.PROFESSIONAL_GOALS,
        Cell.FAMILY_GOALS,
        Cell.IMMEDIATE_NEEDS,
    )


def test_safety_and_wellbeing_use_their_own_words():
    assert prompts.cell_title("danger", "safety", "nl") == "Waar zijn we bang voor?"
    assert "ontwikkeling" in prompts.cell_title("danger", "wellbeing", "nl")
    assert prompts.cell_title("existing_safety", "safety", "nl") == "Wat is er al aan veiligheid?"
    assert prompts.cell_title("existing_safety", "wellbeing", "nl") == "Wat werkt er al?"
    assert "uitzondering" in prompts.cell_guide("existing_safety", "wellbeing", "nl").explanation
    assert prompts.cell_title("harm", "safety", "en") == "What happened?"


def test_the_language_follows_the_program():
    try:
        i18n.set_language("en")
        assert prompts.cell_title(Cell.STRENGTHS, CaseMode.SAFETY) == "Existing strengths"
        i18n.set_language("nl")
        assert prompts.cell_title(Cell.STRENGTHS, CaseMode.SAFETY) == "Bestaande krachten"
    finally:
        i18n.set_language("nl")


def test_questions_speak_to_the_family_not_about_it():
    """Plain Dutch to the family: 'je/jullie', not the formal 'u' or case-file words."""
    jargon = ("cliënt", "casus", "ouderschapscompetentie", "interventie", " u ")
    for mode in CaseMode:
        for cell in Cell:
            for question in prompts.cell_guide(cell, mode, "nl").questions:
                assert not any(word in f" {question.lower()} " for word in jargon), question


# ---- a broken file ---------------------------------------------------------------------


def problems_of(document) -> str:
    with pytest.raises(prompts.PromptsError) as raised:
        prompts.check_prompts(document, "prompts.json")
    return str(raised.value)


def test_a_missing_cell_is_named_with_its_path():
    document = shipped()
    del document["modes"]["wellbeing"]["cells"]["family_goals"]
    message = problems_of(document)
    assert "prompts.json" in message
    assert "modes.wellbeing.cells" in message and "family_goals" in message


def test_a_wrong_type_is_named_with_its_path():
    document = shipped()
    document["modes"]["safety"]["cells"]["harm"]["questions"]["nl"] = "Wat is er gebeurd?"
    assert "modes.safety.cells.harm.questions.nl" in problems_of(document)


def test_an_empty_text_and_a_missing_translation_are_refused():
    document = shipped()
    document["modes"]["safety"]["cells"]["danger"]["title"]["nl"] = "   "
    del document["modes"]["safety"]["columns"]["needs"]["en"]
    message = problems_of(document)
    assert "modes.safety.cells.danger.title.nl" in message
    assert "modes.safety.columns.needs" in message


def test_lists_that_are_not_each_others_translation_are_refused():
    document = shipped()
    document["modes"]["safety"]["cells"]["harm"]["good_examples"]["en"].pop()
    assert "modes.safety.cells.harm.good_examples" in problems_of(document)


def test_an_order_that_is_not_the_eight_cells_is_refused():
    document = shipped()
    document["guided_order"][1] = "harm"
    assert "guided_order" in problems_of(document)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_removed_required_key_is_reported_where_it_was(data):
    document = shipped()
    mode = data.draw(st.sampled_from(["safety", "wellbeing"]))
    cell = data.draw(st.sampled_from([c.value for c in Cell]))
    key = data.draw(
        st.sampled_from(["title", "explanation", "questions", "good_examples", "weak_example"])
    )
    broken = copy.deepcopy(document)
    del broken["modes"][mode]["cells"][cell][key]
    message = problems_of(broken)
    assert f"modes.{mode}.cells.{cell}" in message and key in message


def test_a_broken_file_is_reported_at_first_use(tmp_path: Path, monkeypatch):
    root = tmp_path / "resources"
    (root / "framework").mkdir(parents=True)
    shutil.copytree(resources.path("schemas"), root / "schemas")
    document = shipped()
    document["modes"]["safety"]["scale"]["title"] = 10
    (root / "framework" / "prompts.json").write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(resources, "root", lambda: root)
    with pytest.raises(prompts.PromptsError) as raised:
        prompts.cell_title(Cell.HARM, CaseMode.SAFETY)
    assert str(root / "framework" / "prompts.json") in str(raised.value)
    assert "modes.safety.scale.title" in str(raised.value)


def test_an_unreadable_file_is_reported(tmp_path: Path, monkeypatch):
    root = tmp_path / "resources"
    (root / "framework").mkdir(parents=True)
    (root / "framework" / "prompts.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(resources, "root", lambda: root)
    with pytest.raises(prompts.PromptsError, match=r"prompts\.json"):
        prompts.guided_order()
