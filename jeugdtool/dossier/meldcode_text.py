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
from typing import Any

from jeugdtool import resources
from jeugdtool.dossier.meldcode_rules import QUESTION_KEYS
from jeugdtool.dossier.meldcode_rules import STEPS
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import N_
from jeugdtool.i18n import known_language

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
    _FILE.check(document, source)


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


_FILE = resources.ShippedDocument(
    RESOURCE,
    SCHEMA,
    MeldcodeTextError,
    cannot_read=N_("The meldcode file {path} cannot be read: {reason}"),
    damaged=N_("The meldcode file {path} is damaged; reinstall jeugdtool or undo the edit."),
    more_problems=_order_problems,
)
#: Forget the loaded file (after editing it, and in tests).
reload = _FILE.reload


def check_meldcode_text() -> None:
    """The start-up check (app.content_problem): MeldcodeTextError when the file is damaged."""
    _FILE.document()


def steps(language: str | None = None) -> tuple[StepText, ...]:
    """The five steps in order, in `language` (default: the program's)."""
    lang = known_language(language)
    return tuple(
        StepText(item["step"], item["title"][lang], item["explanation"][lang])
        for item in _FILE.document()["steps"]
    )


def step(number: int, language: str | None = None) -> StepText:
    """One step (1–5)."""
    return steps(language)[number - 1]


def questions(language: str | None = None) -> tuple[QuestionText, ...]:
    """The afwegingskader's five questions in order, in `language` (default: the program's)."""
    lang = known_language(language)
    return tuple(
        QuestionText(item["key"], item["text"][lang], item["help"][lang])
        for item in _FILE.document()["questions"]
    )


def question(key: str, language: str | None = None) -> QuestionText:
    """One question by its key."""
    return next(q for q in questions(language) if q.key == key)


def source(language: str | None = None) -> str:
    """The law and framework the wording follows, for a page's or a PDF's heading."""
    return str(_FILE.document()["source"][known_language(language)])
