"""The content of guided mode: per way of working and cell, the title, questions and examples.

The words live in `resources/framework/prompts.json` (Dutch and English, checked against
`resources/schemas/prompts.schema.json` when first used), so they can be edited without
touching code. A broken file raises `PromptsError` naming the file and the JSON path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jeugdtool import resources
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Column
from jeugdtool.i18n import N_
from jeugdtool.i18n import known_language
from jeugdtool.jsonfile import json_path

PROMPTS = ("framework", "prompts.json")
SCHEMA = ("schemas", "prompts.schema.json")


class PromptsError(JeugdtoolError):
    """The prompts file is missing or does not match its schema (a packaging or editing error)."""


@dataclass(frozen=True)
class CellGuide:
    """What guided mode shows for one cell, in one language."""

    cell: Cell
    title: str
    explanation: str
    #: Solution-focused questions the consultant asks the family.
    questions: tuple[str, ...]
    #: Items as they should be written: concrete, behaviour described, who/what/when.
    good_examples: tuple[str, ...]
    #: An item as it should not be written (a label, a judgement) ...
    weak_example: str
    #: ... and why, with what to write instead.
    weak_why: str


@dataclass(frozen=True)
class ScaleGuide:
    """The last step of guided mode: the scale question of the way of working."""

    title: str
    explanation: str
    questions: tuple[str, ...]


# ---- loading and checking ------------------------------------------------------------------


def check_prompts(document: Any, source: str = "/".join(PROMPTS)) -> None:
    """Raise `PromptsError` listing every place where `document` breaks the rules."""
    _FILE.check(document, source)


def _translation_mismatches(document: Mapping[str, Any]) -> list[str]:
    """Lists whose Dutch and English versions differ in length cannot be each other's
    translation (the schema cannot say that)."""
    problems = []
    for mode, content in document["modes"].items():
        places: list[tuple[list[str | int], Mapping[str, Any]]] = [
            (["modes", mode, "scale", "questions"], content["scale"]["questions"])
        ]
        for cell, guide in content["cells"].items():
            for key in ("questions", "good_examples"):
                places.append((["modes", mode, "cells", cell, key], guide[key]))
        for path, lines in places:
            if len(lines["nl"]) != len(lines["en"]):
                problems.append(
                    f"{json_path(path)}: nl has {len(lines['nl'])} lines, en {len(lines['en'])}"
                )
    return problems


_FILE = resources.ShippedDocument(
    PROMPTS,
    SCHEMA,
    PromptsError,
    cannot_read=N_("The prompts file {path} cannot be read: {reason}"),
    damaged=N_("The prompts file {path} is damaged; reinstall jeugdtool or undo the edit."),
    more_problems=_translation_mismatches,
)
#: Forget the loaded file (after editing it, and in tests).
reload = _FILE.reload


# ---- reading -------------------------------------------------------------------------------


def _mode(mode: CaseMode | str) -> Mapping[str, Any]:
    return _FILE.document()["modes"][CaseMode(mode).value]


def guided_order() -> tuple[Cell, ...]:
    """The cells in the order the method works through them (the scale follows)."""
    return tuple(Cell(code) for code in _FILE.document()["guided_order"])


def cell_title(cell: Cell | str, mode: CaseMode | str, language: str | None = None) -> str:
    return _mode(mode)["cells"][Cell(cell).value]["title"][known_language(language)]


def column_title(column: Column | str, mode: CaseMode | str, language: str | None = None) -> str:
    return _mode(mode)["columns"][Column(column).value][known_language(language)]


def cell_guide(cell: Cell | str, mode: CaseMode | str, language: str | None = None) -> CellGuide:
    cell = Cell(cell)
    lang = known_language(language)
    content = _mode(mode)["cells"][cell.value]
    return CellGuide(
        cell=cell,
        title=content["title"][lang],
        explanation=content["explanation"][lang],
        questions=tuple(content["questions"][lang]),
        good_examples=tuple(content["good_examples"][lang]),
        weak_example=content["weak_example"]["text"][lang],
        weak_why=content["weak_example"]["why"][lang],
    )


def scale_guide(mode: CaseMode | str, language: str | None = None) -> ScaleGuide:
    lang = known_language(language)
    content = _mode(mode)["scale"]
    return ScaleGuide(
        title=content["title"][lang],
        explanation=content["explanation"][lang],
        questions=tuple(content["questions"][lang]),
    )
