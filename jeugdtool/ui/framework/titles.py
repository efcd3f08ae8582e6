"""Titles of the map's columns and cells for a case's way of working (safety or wellbeing)."""

from __future__ import annotations

from jeugdtool.cases.vocab import CaseMode
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Column
from jeugdtool.i18n import current_language


def cell_title(cell: Cell, mode: CaseMode) -> str:
    """The wording from the prompts in `resources/` (Signs of Wellbeing words some cells
    differently); the code's label when those are not available."""
    try:
        from jeugdtool.framework.prompts import cell_title as from_prompts
    except ImportError:
        return cell.label
    try:
        return from_prompts(cell, mode, current_language()) or cell.label
    except (KeyError, ValueError, TypeError):
        return cell.label


def cell_question(cell: Cell, mode: CaseMode) -> str:
    """The first question for the family of the cell, as guided mode asks it (the same data
    in `resources/`); empty when the prompts are not available."""
    try:
        from jeugdtool.framework.prompts import cell_guide
    except ImportError:
        return ""
    try:
        questions = cell_guide(cell, mode, current_language()).questions
    except (KeyError, ValueError, TypeError):
        return ""
    return questions[0] if questions else ""


def column_title(column: Column) -> str:
    return column.label
