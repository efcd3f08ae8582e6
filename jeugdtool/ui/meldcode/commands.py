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
from jeugdtool.ui.commands import ChangeCommand
from jeugdtool.ui.commands import RemoveRowCommand
from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import SwapCommand
from jeugdtool.ui.commands import UpdateCommand
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


class StepFieldsCommand(ChangeCommand):
    """Change fields of one step of a record (done on, by whom, notes, with whom, …); quick
    successive edits of the same fields merge into one undo step."""

    merge_window = MERGE_WINDOW_S

    def __init__(
        self, ctx: AppContext, record: MeldcodeRecordDTO, step: int, changes: Mapping[str, Any]
    ):
        text = _("Change meldcode step {step}").format(step=step)
        super().__init__(ctx, record.household_id, text, step_of(record, step), changes)
        self.record_id, self.step = record.id, step

    def apply(self, values: dict[str, Any], expected: dict[str, Any]) -> Any:
        record = self.ctx.run(
            meldcode.update_step, self.record_id, self.step, values, expected=expected
        )
        return step_of(record, self.step)

    def id(self) -> int:
        return STEP_FIELD_ID

    def merge_key(self) -> Hashable:
        return (self.record_id, self.step, frozenset(self.new))

    def pending_key(self) -> Hashable:
        return ("meldcode_step", self.record_id, self.step, frozenset(self.new))


class RecordFieldsCommand(UpdateCommand):
    """Change fields of the record itself (step 1's kindcheck); quick successive edits of the
    same fields merge into one undo step."""

    merge_window = MERGE_WINDOW_S
    update = staticmethod(meldcode.update_record)

    def __init__(self, ctx: AppContext, record: MeldcodeRecordDTO, changes: Mapping[str, Any]):
        super().__init__(ctx, record.household_id, _("Change kindcheck"), record, changes)

    def id(self) -> int:
        return RECORD_FIELD_ID

    def merge_key(self) -> Hashable:
        return (self.row_id, frozenset(self.new))


class AnswerCommand(SwapCommand):
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

    def apply(self, values: tuple, expected: tuple) -> tuple:
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

    def stored(self, saved: tuple) -> tuple:
        return saved

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
