"""Undo commands for the judgements of safety goals (met / partly / not met, seen since).

A judgement is added by `goals.judge_goal`; undo removes it only as it was added (a colleague's
later change makes the undo refuse), redo puts it back with its id. Removing a judgement keeps
the snapshot the service returned, so undo puts back exactly that row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jeugdtool.framework import goals
from jeugdtool.framework.goal_dto import JudgementDTO
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.context import AppContext

#: What a failed undo/redo asks the screens to show again.
GOAL_ENTITIES = frozenset({"goal_judgement", "statement", "plan_review"})


class _JudgementRefresh:
    ctx: AppContext
    case_id: int

    def refresh(self) -> None:
        self.ctx.signals.emit_changes(
            ChangeSet(entities=GOAL_ENTITIES, cases=frozenset({self.case_id}))
        )


class JudgeGoalCommand(_JudgementRefresh, AddCommand):
    """Judge a safety goal (`fields`: judgement, on, seen_since, note, by)."""

    remove = staticmethod(goals.remove_judgement)
    restore = staticmethod(goals.restore_judgement)

    def __init__(self, ctx: AppContext, case_id: int, goal_lineage: str, fields: Mapping[str, Any]):
        super().__init__(ctx, case_id, _("Judge safety goal"))
        self.goal_lineage, self.fields = goal_lineage, dict(fields)

    def first(self) -> None:
        fields = dict(self.fields)
        judgement = fields.pop("judgement")
        self.dto = self.ctx.run(
            goals.judge_goal, self.case_id, self.goal_lineage, judgement, **fields
        )


class RemoveJudgementCommand(_JudgementRefresh, RemoveCommand):
    """Remove a judgement; undo puts it back with its id."""

    remove = staticmethod(goals.remove_judgement)
    restore = staticmethod(goals.restore_judgement)

    def __init__(self, ctx: AppContext, case_id: int, dto: JudgementDTO):
        super().__init__(ctx, case_id, dto, _("Remove judgement of a safety goal"))
