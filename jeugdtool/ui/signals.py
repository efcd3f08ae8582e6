"""One object that tells every screen what changed (after Anki's operation_did_execute)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal

from jeugdtool.store.changes import ChangeSet


class AppSignals(QObject):
    #: Emitted after every successful service call that changed data; the payload is the
    #: ChangeSet. Views reload only when it concerns them.
    changed = Signal(object)
    #: The current user (consultant) changed; payload: ConsultantDTO.
    user_changed = Signal(object)
    #: Emitted with a translated message for the status bar.
    status_message = Signal(str)

    #: The change being told right now (None between changes), so what one screen reads
    #: because of it can spare the others the same read (`workspace.case_page.note_status`).
    current: ChangeSet | None = None
    #: What the service whose change is being told returned (its Outcome's value; None when
    #: not known, e.g. a colleague's change): a screen may show that row as saved instead of
    #: reading it again (`workspace.case_page.told_head`).
    current_value: object = None

    def emit_changes(self, changes: ChangeSet, value: object = None) -> None:
        if changes:
            outer = self.current, self.current_value
            self.current, self.current_value = changes, value
            try:
                self.changed.emit(changes)
            finally:
                self.current, self.current_value = outer
