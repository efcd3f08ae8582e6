"""Undo commands of the meldcode tab: start a record, its signals, its steps' fields, the
afwegingskader's answers, the decision, and closing (a Veilig Thuis contact made from a step is
ui-signals' AddContactCommand).

Each calls the meldcode services (dossier/meldcode.py) and never a widget;
redo and undo pass the values they expect to find, so neither overwrites a colleague's change.
"""

from __future__ import annotations

from collections.abc import Hashable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from jeugdtool.dossier import meldcode
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.dto import MeldcodeStepDTO
from jeugdtool.dossier.dto import SignalChoice
from jeugdtool.i18n import _

from jeugdtool.ui.commands import MERGE_WINDOW_S
from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import AddRowCommand
from jeugdtool.ui.commands import RemoveRowCommand
from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import changed_fields
from jeugdtool.ui.context import AppContext


def signal_services() -> RowServices:
    """meldcode's add_signal, update_signal, remove_signal and restore_signal (under a record)."""
    return RowServices.named(meldcode, "signal")


#: Command ids for merging (`QUndoCommand.id()`).
STEP_FIELD_ID = 1701
RECORD_FIELD_ID = 1702


def step_of(record: MeldcodeRecordDTO, step: int) -> MeldcodeStepDTO:
    """The record's step `step` (1–5)."""
    return next(s for s in record.steps if s.step == step)


class StartRecordCommand(AddCommand):
    """Start a meldcode record with the signals picked; undo removes it only as started."""

    remove = staticmethod(meldcode.remove_record)
    restore = staticmethod(meldcode.restore_record)

    def __init__(self, ctx: AppContext, case_id: int, signals: Sequence[SignalChoice] = ()):
        super().__init__(ctx, case_id, _("Start meldcode"))
        self.signals = tuple(signals)

    def first(self) -> None:
        self.dto = self.ctx.run(meldcode.start_record, self.case_id, signals=self.signals)


class AddSignalCommand(AddRowCommand):
    """Add a signal to step 1 of a record (picked from the map, or one's own observation)."""

    def __init__(self, ctx: AppContext, case_id: int, record_id: int, fields: Mapping[str, Any]):
        super().__init__(ctx, case_id, record_id, signal_services(), fields, _("Add signal"))


class RemoveSignalCommand(RemoveRowCommand):
    def __init__(self, ctx: AppContext, case_id: int, signal: Any):
        super().__init__(ctx, case_id, signal_services(), signal, _("Remove signal"))


class _Edit(ServiceCommand):
    """Change the fields of one thing that differ from `before`; `apply(values, expected)`
    saves and returns what was stored. Quick successive edits of the same fields merge into
    one undo step."""

    merge_window = MERGE_WINDOW_S

    def __init__(
        self, ctx: AppContext, case_id: int, text: str, before: Any, changes: Mapping[str, Any]
    ):
        super().__init__(ctx, case_id, text)
        self.new = changed_fields(before, changes)
        self.old = {k: getattr(before, k) for k in self.new}

    def apply(self, values: dict, expected: dict) -> dict:
        raise NotImplementedError

    def replay(self) -> None:
        self.new = self.apply(self.new, self.old)  # as stored (trimmed), which undo expects

    def revert(self) -> None:
        self.apply(self.old, self.new)


class StepFieldsCommand(_Edit):
    """Change fields of one step of a record (done on, by whom, notes, with whom, …)."""

    def __init__(
        self, ctx: AppContext, record: MeldcodeRecordDTO, step: int, changes: Mapping[str, Any]
    ):
        text = _("Change meldcode step {step}").format(step=step)
        super().__init__(ctx, record.household_id, text, step_of(record, step), changes)
        self.record_id, self.step = record.id, step

    def apply(self, values: dict, expected: dict) -> dict:
        record = self.ctx.run(
            meldcode.update_step, self.record_id, self.step, values, expected=expected
        )
        stored = step_of(record, self.step)
        return {k: getattr(stored, k) for k in values}

    def id(self) -> int:
        return STEP_FIELD_ID

    def merge_key(self) -> Hashable:
        return (self.record_id, self.step, frozenset(self.new))

    def pending_key(self) -> Hashable:
        return ("meldcode_step", self.record_id, self.step, frozenset(self.new))


class RecordFieldsCommand(_Edit):
    """Change fields of the record itself (step 1's kindcheck)."""

    def __init__(self, ctx: AppContext, record: MeldcodeRecordDTO, changes: Mapping[str, Any]):
        super().__init__(ctx, record.household_id, _("Change kindcheck"), record, changes)
        self.record_id = record.id

    def apply(self, values: dict, expected: dict) -> dict:
        record = self.ctx.run(meldcode.update_record, self.record_id, values, expected=expected)
        return {k: getattr(record, k) for k in values}

    def id(self) -> int:
        return RECORD_FIELD_ID

    def merge_key(self) -> Hashable:
        return (self.record_id, frozenset(self.new))

    def pending_key(self) -> Hashable:
        return ("meldcode_record", self.record_id, frozenset(self.new))


class AnswerCommand(ServiceCommand):
    """Answer one question of the afwegingskader (yes / no / not yet) with its reason."""

    def __init__(
        self,
        ctx: AppContext,
        record: MeldcodeRecordDTO,
        question: str,
        answer: bool | None,
        reason: str,
    ):
        super().__init__(ctx, record.household_id, _("Answer a question of the afwegingskader"))
        before = next(a for a in record.answers if a.question == question)
        self.record_id, self.question = record.id, question
        self.old = (before.answer, before.reason)
        self.new = (answer, reason)

    def _save(self, values: tuple, expected: tuple) -> tuple:
        record = self.ctx.run(
            meldcode.answer_question,
            self.record_id,
            self.question,
            values[0],
            values[1],
            expected={"answer": expected[0], "reason": expected[1]},
        )
        stored = next(a for a in record.answers if a.question == self.question)
        return (stored.answer, stored.reason)

    def replay(self) -> None:
        self.new = self._save(self.new, self.old)

    def revert(self) -> None:
        self._save(self.old, self.new)

    def pending_key(self) -> Hashable:
        return ("meldcode_answer", self.record_id, self.question)


class DecideCommand(ServiceCommand):
    """Step 5: the decision (report and/or help, with a reason); undo takes it back, redo
    decides again on the same day."""

    def __init__(
        self, ctx: AppContext, record: MeldcodeRecordDTO, report: bool, help: bool, reason: str
    ):
        super().__init__(ctx, record.household_id, _("Decide (meldcode step 5)"))
        self.record_id = record.id
        self.choice: dict[str, Any] = {"report": report, "help": help, "reason": reason}
        self.decided: MeldcodeRecordDTO | None = None

    def replay(self) -> None:
        self.decided = self.ctx.run(meldcode.decide, self.record_id, **self.choice)
        self.choice["on"] = step_of(self.decided, 5).done_on

    def revert(self) -> None:
        self.ctx.run(meldcode.undo_decide, self.record_id, expected=self.decided)


class CloseRecordCommand(ServiceCommand):
    """Close a record: from then on it is read-only. Undo opens it again (undo only)."""

    def __init__(self, ctx: AppContext, record: MeldcodeRecordDTO):
        super().__init__(ctx, record.household_id, _("Close meldcode record"))
        self.record_id = record.id
        self.open_dto = record
        self.closed_dto: MeldcodeRecordDTO | None = None

    def replay(self) -> None:
        self.closed_dto = self.ctx.run(
            meldcode.close_record, self.record_id, expected=self.open_dto
        )

    def revert(self) -> None:
        self.open_dto = self.ctx.run(
            meldcode.undo_close_record, self.record_id, expected=self.closed_dto
        )
