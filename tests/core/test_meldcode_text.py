"""The meldcode's wording: the shipped file is complete in both languages and follows the law's
five steps and the afwegingskader's five questions; a damaged file is named with its place."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from jeugdtool import resources
from jeugdtool.dossier import meldcode_rules as rules
from jeugdtool.dossier import meldcode_text as text
from jeugdtool.dossier.meldcode_text import MeldcodeTextError


@pytest.fixture(autouse=True)
def _fresh_text():
    text.reload()
    yield
    text.reload()


def shipped() -> dict[str, Any]:
    return resources.load_json(*text.RESOURCE)


def test_the_shipped_file_passes_the_start_up_check() -> None:
    text.check_meldcode_text()  # raises on any problem


@pytest.mark.parametrize("language", ["nl", "en"])
def test_five_steps_and_five_questions_in_each_language(language: str) -> None:
    steps = text.steps(language)
    assert [s.step for s in steps] == [1, 2, 3, 4, 5]
    assert all(s.title.strip() and s.explanation.strip() for s in steps)
    questions = text.questions(language)
    assert tuple(q.key for q in questions) == rules.QUESTION_KEYS
    assert all(q.text.endswith("?") and q.help.strip() for q in questions)
    assert text.question("can_help", language) == questions[2]
    assert text.step(4, language) == steps[3]


def test_the_dutch_wording_follows_the_meldcode() -> None:
    titles = [s.title for s in text.steps("nl")]
    assert titles[0] == "Signalen in kaart brengen"
    assert "afwegingskader" in titles[3]
    assert "kindcheck" in text.step(1, "nl").explanation
    assert "Veilig Thuis" in text.step(2, "nl").explanation
    assert "acute onveiligheid" in text.question("unsafety", "nl").text
    assert "Wet verplichte meldcode" in text.source("nl") and "2019" in text.source("nl")
    # The program's language is the default (the tests run in Dutch).
    assert text.steps() == text.steps("nl") and text.steps("fr") == text.steps("nl")
    assert text.questions("en") != text.questions("nl")


def _damaged(change) -> str:
    document = copy.deepcopy(shipped())
    change(document)
    with pytest.raises(MeldcodeTextError) as exc:
        text.check_document(document)
    return str(exc.value)


def test_a_missing_translation_is_named_with_its_place() -> None:
    problem = _damaged(lambda d: d["questions"][1]["help"].pop("en"))
    assert "meldcode/meldcode.json" in problem and "questions[1].help" in problem


def test_questions_out_of_order_or_a_step_twice_are_refused() -> None:
    def swap(d):
        d["questions"][0], d["questions"][1] = d["questions"][1], d["questions"][0]

    assert "questions: expected keys" in _damaged(swap)
    assert "steps: expected steps" in _damaged(lambda d: d["steps"][4].update(step=4))
    assert "key" in _damaged(lambda d: d["questions"][4].update(key="gevaar"))


def test_an_unreadable_file_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*parts: str) -> Any:
        raise ValueError("Expecting value: line 1 column 1")

    monkeypatch.setattr(resources, "load_json", broken)
    with pytest.raises(MeldcodeTextError) as exc:
        text.check_meldcode_text()
    assert "meldcode.json" in str(exc.value)
