"""Entering one scale score with the keyboard alone: the 0–10 row, who, when, why.

Keys in the 0–10 row (one Tab stop): a digit chooses that score; "1" and then "0" within a
second chooses 10 (a "0" later than that chooses 0); Left/Down and Right/Up move one point;
Home is 0 and End is 10; Backspace clears. Enter anywhere in the widget saves (Shift+Enter starts
a new line in the reason), Tab walks through the fields.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.framework import scale
from jeugdtool.framework.dto import Source
from jeugdtool.framework.relations import member_relation
from jeugdtool.framework.relations import named
from jeugdtool.framework.relations import person_relation
from jeugdtool.framework.relations import rater_role_of_member
from jeugdtool.framework.relations import rater_role_of_person
from jeugdtool.framework.scale_dto import AboutChoice
from jeugdtool.framework.scale_dto import ScaleDefinition
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework.scale_commands import AddScoreCommand
from jeugdtool.ui.framework.scale_commands import EditScoreCommand
from jeugdtool.ui.framework.score_row import ENTER_KEYS
from jeugdtool.ui.framework.score_row import ScoreRow
from jeugdtool.ui.framework.score_row import ShortText
from jeugdtool.ui.widgets import add_form_row
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel


@dataclass(frozen=True)
class WhoOption:
    """One entry of the "who" list."""

    label: str
    kind: SourceKind
    role: RaterRole
    person_id: int | None = None
    network_id: int | None = None
    #: The name of the rater (fixed), or "" when it is typed (a colleague, someone else).
    name: str = ""
    needs_name: bool = False


def who_options(detail: CaseDetail, user_id: int, user_name: str) -> list[WhoOption]:
    """The user first, then the household, the network, a colleague, someone else."""
    manager = detail.household.case_manager_id == user_id
    me_role = RaterRole.CASE_MANAGER if manager else RaterRole.CONSULTANT
    me = _("Me ({name})").format(name=user_name)
    options = [WhoOption(me, SourceKind.CONSULTANT, me_role, name=user_name)]
    for p in detail.persons:
        label = named(p.full_name, person_relation(p))
        role = rater_role_of_person(p)
        options.append(WhoOption(label, SourceKind.PERSON, role, person_id=p.id, name=p.full_name))
    for n in detail.network:
        label = named(n.name, member_relation(n))
        role = rater_role_of_member(n)
        options.append(WhoOption(label, SourceKind.NETWORK, role, network_id=n.id, name=n.name))
    options.append(
        WhoOption(_("A colleague…"), SourceKind.CONSULTANT, RaterRole.COLLEAGUE, needs_name=True)
    )
    options.append(
        WhoOption(_("Someone else…"), SourceKind.OTHER, RaterRole.NETWORK, needs_name=True)
    )
    return options


def _combo(parent: QWidget, items: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox(parent)
    for label, data in items:
        combo.addItem(label, data)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    return combo


class ScoreInput(QWidget):
    """One score: the 0–10 row with the case's wording at its ends, and the fields around it.

    Without `score` it adds (and clears itself for the next rater); with `score` it changes
    that score. Saving goes through an undo command; `score_entered` tells what was saved.
    """

    score_entered = Signal(object)  # ScoreDTO

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        *,
        score: ScoreDTO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(parent)
        self.ctx, self.case_id, self.editing = ctx, case_id, score
        self._who: list[WhoOption] = []
        self.errors: dict[str, ErrorLabel] = {}
        self.row = ScoreRow(self, clock)
        self.zero_label = WrappingLabel("", self)
        self.ten_label = WrappingLabel("", self)
        self.ten_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for label in (self.zero_label, self.ten_label):
            style_text(label, Role.MUTED)
        self.who = _combo(self, [])
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("Name"))
        self.role = _combo(self, [(r.label, r) for r in RaterRole])
        self.date = QLineEdit(v.format_date_nl(dt.date.today()), self)
        self.date.setPlaceholderText(_("dd-mm-jjjj"))
        self.context = _combo(self, [(c.label, c) for c in ScoreContext])
        self.about = _combo(self, [(_("The case as a whole"), None)])
        self.reason = ShortText(self)
        self.reason.setPlaceholderText(_("What makes it this number and not lower?"))
        self.one_higher = ShortText(self)
        self.one_higher.setPlaceholderText(_("What would make it one point higher?"))
        self.save_button = QPushButton(_("Save score") if score is None else _("Save"), self)
        self.hint = QLabel(
            _("Type the digit (1 then 0 quickly: 10) · Tab: next field · Enter: save"), self
        )
        style_text(self.hint, Role.MUTED)
        self._layout()
        self.setFocusProxy(self.row)
        self.row.score_changed.connect(lambda *_a: self._recheck("score"))
        self.reason.textChanged.connect(lambda: self._recheck("reason"))
        self.date.textChanged.connect(lambda: self._recheck("scored_on"))
        self.name.textChanged.connect(lambda: self._recheck("source"))
        self.who.currentIndexChanged.connect(self._who_changed)
        for text in (self.reason, self.one_higher):
            text.submitted.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.reload()
        if score is not None:
            self._fill(score)

    # ---- building ------------------------------------------------------------------------

    def _error(self, field: str) -> ErrorLabel:
        self.errors[field] = ErrorLabel(self)
        return self.errors[field]

    def _field(self, form: QFormLayout, label: str, widget: QWidget, *fields: str) -> None:
        add_form_row(form, self, label, widget, *(self._error(field) for field in fields))

    def _layout(self) -> None:
        ends = QGridLayout()
        ends.setContentsMargins(4, 0, 4, 0)
        ends.setHorizontalSpacing(24)
        ends.addWidget(self.zero_label, 0, 0)
        ends.addWidget(self.ten_label, 0, 1)
        ends.setColumnStretch(0, 1)
        ends.setColumnStretch(1, 1)

        left = QFormLayout()
        left.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        add_form_row(left, self, _("&Who"), self.who, self.name, self._error("source"))
        self._field(left, _("&Role"), self.role, "role")
        self._field(left, _("&Date"), self.date, "scored_on")
        self._field(left, _("Conte&xt"), self.context, "context")
        self._field(left, _("&About"), self.about, "about")

        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._field(right, _("Rea&son (required)"), self.reason, "reason")
        self._field(
            right, _("What would make it one point hi&gher?"), self.one_higher, "one_higher"
        )

        fields = QHBoxLayout()
        fields.addLayout(left, 1)
        fields.addSpacing(12)
        fields.addLayout(right, 1)

        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.save_button)

        vbox(self, self.row, ends, self._error("score"), fields, bottom, spacing=6)

    # ---- data --------------------------------------------------------------------------

    def reload(self) -> None:
        """Take the case's wording, people and danger statements as they are now."""
        uow = self.ctx.uow
        self.set_data(
            scale.get_scale(uow, self.case_id),
            queries.get_case(uow, self.case_id),
            scale.about_choices(uow, self.case_id),
        )

    def set_data(
        self, definition: ScaleDefinition, detail: CaseDetail, choices: tuple[AboutChoice, ...]
    ) -> None:
        """Show what the caller already read (the page reads it once for all its parts)."""
        self.set_scale(definition)
        self._set_who(who_options(detail, self.ctx.user.id, self.ctx.user.name))
        self._set_about(choices)

    def set_scale(self, definition: ScaleDefinition) -> None:
        self.zero_label.setText(_("0 = {text}").format(text=definition.zero))
        self.ten_label.setText(_("10 = {text}").format(text=definition.ten))

    def _set_who(self, options: list[WhoOption]) -> None:
        keep = self._current_who()
        self._who = options
        self.who.blockSignals(True)
        self.who.clear()
        for option in options:
            self.who.addItem(option.label)
        index = next(
            (i for i, o in enumerate(options) if keep is not None and _same_who(o, keep)), 0
        )
        self.who.setCurrentIndex(index)
        self.who.blockSignals(False)
        if keep is None or not _same_who(options[index], keep):
            self._who_changed(index)
        else:
            self.name.setVisible(options[index].needs_name)

    def _set_about(self, choices: tuple[AboutChoice, ...]) -> None:
        keep = self.about.currentData()
        self.about.clear()
        self.about.addItem(_("The case as a whole"), None)
        for choice in choices:
            self.about.addItem(choice.label, choice.lineage)
            self.about.setItemData(self.about.count() - 1, choice.text, Qt.ItemDataRole.ToolTipRole)
        self.about.setCurrentIndex(max(0, self.about.findData(keep)))

    def _current_who(self) -> WhoOption | None:
        index = self.who.currentIndex()
        return self._who[index] if 0 <= index < len(self._who) else None

    def _who_changed(self, index: int) -> None:
        option = self._current_who()
        if option is None:
            return
        self.name.setVisible(option.needs_name)
        self.role.setCurrentIndex(max(0, self.role.findData(option.role)))
        self._recheck("source")

    def _fill(self, score: ScoreDTO) -> None:
        """Show an existing score to change it."""
        self.row.set_score(score.score)
        src = score.source
        index = next((i for i, o in enumerate(self._who) if _matches(o, src)), -1)
        if index < 0:  # a colleague or someone else, or a member since removed
            kind = SourceKind.OTHER if src.kind is SourceKind.OTHER else SourceKind.CONSULTANT
            index = next(i for i, o in enumerate(self._who) if o.needs_name and o.kind is kind)
            self.name.setText(src.label)
        self.who.setCurrentIndex(index)
        self._who_changed(index)
        self.role.setCurrentIndex(max(0, self.role.findData(score.role)))
        self.date.setText(v.format_date_nl(score.scored_on))
        self.context.setCurrentIndex(max(0, self.context.findData(score.context)))
        about = self.about.findData(score.about) if score.about else 0
        self.about.setCurrentIndex(max(0, about))
        self.reason.setPlainText(score.reason)
        self.one_higher.setPlainText(score.one_higher)

    # ---- values and checks ----------------------------------------------------------------

    def source(self) -> Source:
        option = self._current_who()
        if option is None:
            return Source()
        name = self.name.text().strip() if option.needs_name else option.name
        return Source(option.kind, option.person_id, option.network_id, name)

    def fields(self) -> dict[str, Any]:
        return {
            "score": self.row.score(),
            "scored_on": self.date.text(),
            "source": self.source(),
            "role": self.role.currentData(),
            "context": self.context.currentData(),
            "about": self.about.currentData(),
            "reason": self.reason.toPlainText(),
            "one_higher": self.one_higher.toPlainText(),
        }

    def problems(self, fields: dict[str, Any]) -> list[Problem]:
        """What is wrong before asking the database (which checks again)."""
        found: list[Problem] = []
        try:
            scale.check_fields(fields)
        except InvalidInput as exc:
            found += exc.problems
        option = self._current_who()
        if option is not None and option.needs_name and not self.name.text().strip():
            found.append(Problem("source", _("Say who gives this score.")))
        return found

    def _recheck(self, field: str) -> None:
        """A message under a field vanishes as soon as the field is fixed."""
        label = self.errors.get(field)
        if label is not None and label.isVisible():
            messages = [p.message for p in self.problems(self.fields()) if p.field == field]
            label.show_message("\n".join(messages) or None)

    def show_problems(self, problems: list[Problem]) -> None:
        for label in self.errors.values():
            label.show_message(None)
        unplaced = []
        for field in {p.field for p in problems}:
            message = "\n".join(p.message for p in problems if p.field == field)
            if field in self.errors:
                self.errors[field].show_message(message)
            else:
                unplaced.append(message)
        focus = {
            "score": self.row,
            "source": self.name if self.name.isVisible() else self.who,
            "scored_on": self.date,
            "about": self.about,
            "reason": self.reason,
            "one_higher": self.one_higher,
        }
        first = next((w for f, w in focus.items() if self.errors[f].isVisible()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        if unplaced:
            self.ctx.dialogs.error("\n".join(unplaced))

    # ---- saving --------------------------------------------------------------------------

    def save(self) -> ScoreDTO | None:
        """Save through an undo command; problems are shown under their fields."""
        fields = self.fields()
        problems = self.problems(fields)
        if problems:
            self.show_problems(problems)
            return None
        try:
            if self.editing is None:
                command: AddScoreCommand | EditScoreCommand = AddScoreCommand(
                    self.ctx, self.case_id, fields
                )
            else:
                clean = {**fields, "scored_on": v.parse_date_nl(fields["scored_on"])}
                command = EditScoreCommand(self.ctx, self.editing, clean)
                if not command.new:  # nothing changed: nothing to undo either
                    self.score_entered.emit(self.editing)
                    return self.editing
            execute(self.ctx, command)
        except InvalidInput as exc:
            self.show_problems(exc.problems)
            return None
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return None
        dto = command.dto or self.editing
        self.show_problems([])
        if self.editing is None:
            self.clear()
        if dto is not None:
            self.score_entered.emit(dto)
        return dto

    def clear(self) -> None:
        """Ready for the next rater: date, context and subject stay, the rest is emptied.

        "Who" goes back to its default, the user with the role the core gives them (case
        manager or consultant), as on a fresh page: everyone scores apart, so the next score
        is someone else's and must never go in under the last person's name unnoticed."""
        self.row.set_score(None)
        self.reason.clear()
        self.one_higher.clear()
        self.name.clear()
        if self._who:
            self.who.setCurrentIndex(0)
            self._who_changed(0)  # the role too, also when "who" was the user already
        self.row.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS:  # from the row, a line or a list: save
            self.save()
            event.accept()
            return
        super().keyPressEvent(event)


def _same_who(a: WhoOption, b: WhoOption) -> bool:
    return (a.kind, a.person_id, a.network_id, a.needs_name, a.name) == (
        b.kind,
        b.person_id,
        b.network_id,
        b.needs_name,
        b.name,
    )


def _matches(option: WhoOption, source: Source) -> bool:
    if option.needs_name:
        return False
    if source.kind is SourceKind.PERSON:
        return option.person_id is not None and option.person_id == source.person_id
    if source.kind is SourceKind.NETWORK:
        return option.network_id is not None and option.network_id == source.network_id
    return option.kind is source.kind and option.name == source.label


class ScoreDialog(QDialog):
    """Change one score: the same widget, in a dialog that closes when it is saved."""

    def __init__(self, ctx: AppContext, score: ScoreDTO, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Change scale score"))
        self.setMinimumWidth(760)
        self.input = ScoreInput(ctx, score.household_id, self, score=score)
        self.input.score_entered.connect(lambda *_a: self.accept())
        cancel = QPushButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        layout.addLayout(row)
