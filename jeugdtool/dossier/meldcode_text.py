"""The meldcode's wording: the five steps' titles and explanations and the afwegingskader's five
questions with a short help text each, in Dutch and English.

The words live in `resources/meldcode/meldcode.json` (checked against
`resources/schemas/meldcode.schema.json` when first used and at start-up), so an organisation
can follow its own meldcode's wording without touching code; the question keys are fixed,
because `meldcode_rules.afweging_outcome` decides by them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jeugdtool import resources
from jeugdtool.dossier.meldcode_rules import QUESTION_KEYS
from jeugdtool.dossier.meldcode_rules import STEPS
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import LANGUAGES
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language

RESOURCE = ("meldcode", "meldcode.json")
SCHEMA = ("schemas", "meldcode.schema.json")


class MeldcodeTextError(JeugdtoolError):
    """The meldcode's wording is missing or damaged (a packaging or editing error)."""


@dataclass(frozen=True)
class StepText:
    step: int
    title: str
    explanation: str


@dataclass(frozen=True)
class QuestionText:
    #: The question's key (meldcode_rules.QUESTION_KEYS).
    key: str
    text: str
    #: What the answers lead to, and what the words mean, in a few sentences.
    help: str


def check_document(document: Any, source: str = "/".join(RESOURCE)) -> None:
    """Raise MeldcodeTextError naming every place where `document` breaks the rules: the
    schema, then the five steps 1–5 and the five questions in their fixed order."""
    problems = resources.schema_problems(document, *SCHEMA)
    if not problems:
        problems = _order_problems(document)
    if problems:
        message = _("The meldcode file {path} is damaged; reinstall jeugdtool or undo the edit.")
        raise MeldcodeTextError(message.format(path=source) + "\n" + "\n".join(problems))


def _order_problems(document: Mapping[str, Any]) -> list[str]:
    """What the schema cannot say: each step and question once, in order."""
    problems = []
    steps = tuple(step["step"] for step in document["steps"])
    if steps != STEPS:
        problems.append(f"steps: expected steps {list(STEPS)} in order, found {list(steps)}")
    keys = tuple(question["key"] for question in document["questions"])
    if keys != QUESTION_KEYS:
        problems.append(
            f"questions: expected keys {list(QUESTION_KEYS)} in order, found {list(keys)}"
        )
    return problems


@cache
def _document() -> Mapping[str, Any]:
    document = resources.load_shipped_json(
        RESOURCE, MeldcodeTextError, _("The meldcode file {path} cannot be read: {reason}")
    )
    check_document(document, str(resources.path(*RESOURCE)))
    return document


def reload() -> None:
    """Forget the loaded file (after editing it, and in tests)."""
    _document.cache_clear()


def check_meldcode_text() -> None:
    """The start-up check (app.content_problem): MeldcodeTextError when the file is damaged."""
    _document()


def _language(language: str | None) -> str:
    language = language or current_language()
    return language if language in LANGUAGES else "nl"


def steps(language: str | None = None) -> tuple[StepText, ...]:
    """The five steps in order, in `language` (default: the program's)."""
    lang = _language(language)
    return tuple(
        StepText(item["step"], item["title"][lang], item["explanation"][lang])
        for item in _document()["steps"]
    )


def step(number: int, language: str | None = None) -> StepText:
    """One step (1–5)."""
    return steps(language)[number - 1]


def questions(language: str | None = None) -> tuple[QuestionText, ...]:
    """The afwegingskader's five questions in order, in `language` (default: the program's)."""
    lang = _language(language)
    return tuple(
        QuestionText(item["key"], item["text"][lang], item["help"][lang])
        for item in _document()["questions"]
    )


def question(key: str, language: str | None = None) -> QuestionText:
    """One question by its key."""
    return next(q for q in questions(language) if q.key == key)


def source(language: str | None = None) -> str:
    """The law and framework the wording follows, for a page's or a PDF's heading."""
    return str(_document()["source"][_language(language)])
