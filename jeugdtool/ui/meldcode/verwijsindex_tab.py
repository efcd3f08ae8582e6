"""The meldcode page's "Verwijsindex" tab: the case's signals in the verwijsindex
risicojongeren, one child each, with who coordinates, when each expires (and whether it expires
soon), and the matches other organisations made; below, the matches of the selected signal.

A signal is extended or withdrawn with a button (Alt+letter); add / change / remove of signals
and matches by button or key (Ins, Enter, Del) through a dialog with inline checks from the core
rules; every change is an undoable command. A closed case shows the same, read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import validation as v
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.dossier import policy
from jeugdtool.dossier import verwijsindex
from jeugdtool.dossier import verwijsindex_rules as rules
from jeugdtool.dossier.dto import VerwijsindexMatchDTO
from jeugdtool.dossier.dto import VerwijsindexSignalDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.commands import AddRowCommand
from jeugdtool.ui.commands import EditRowCommand
from jeugdtool.ui.commands import RemoveRowCommand
from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import row_commands
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meldcode.tab_base import SignalsTab
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import add_all
from jeugdtool.ui.widgets import connect_rows
from jeugdtool.ui.widgets import date_edit
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.workspace.case_page import adding
from jeugdtool.ui.workspace.case_page import changing
from jeugdtool.ui.workspace.case_page import list_section
from jeugdtool.ui.workspace.case_page import name_buttons
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import Submit
from jeugdtool.ui.workspace.member_models import DtoTableModel
from jeugdtool.ui.workspace.member_section import MemberSection

#: add_signal, update_signal, remove_signal, restore_signal; the same for matches.
SIGNALS = RowServices.named(verwijsindex, "signal")
MATCHES = RowServices.named(verwijsindex, "match")

#: A signal's state (verwijsindex_rules) as the table says it, and its colour.
STATES: dict[str, tuple[str, Role | None]] = {
    rules.ACTIVE: (N_("Active"), None),
    rules.EXPIRING: (N_("Expires soon"), Role.WARNING),
    rules.EXPIRED: (N_("Expired"), Role.ERROR),
    rules.WITHDRAWN: (N_("Withdrawn"), Role.MUTED),
}
#: The date fields of each dialog.
SIGNAL_DATES = ("signalled_on", "coordination_on", "expires_on")
MATCH_DATES = ("matched_on",)


# ---- undo commands ---------------------------------------------------------------------------

#: Removing a signal removes its matches; undo puts them all back.
AddSignalCommand, EditSignalCommand, RemoveSignalCommand = row_commands(
    SIGNALS,
    "Signal",
    add=N_("Add verwijsindex signal"),
    change=N_("Change verwijsindex signal"),
    remove=N_("Remove verwijsindex signal"),
)


class SignalDateCommand(ServiceCommand):
    """Extend or withdraw a signal through its service; redo and undo set the one date it
    changed (`field`) through `update_signal`, each expecting what the other left. Redo also
    expects the signal not withdrawn, as the service did: a signal a colleague withdrew since
    is not extended again."""

    def __init__(
        self,
        ctx: AppContext,
        signal: VerwijsindexSignalDTO,
        service: Callable[..., Any],
        field: str,
        text: str,
    ):
        super().__init__(ctx, signal.household_id, text)
        self.signal, self.service, self.field = signal, service, field
        self.old: Any = getattr(signal, field)
        self.new: Any = None

    def first(self) -> None:
        done = self.ctx.run(self.service, self.signal.id, expected=self.signal)
        self.new = getattr(done, self.field)

    def replay(self) -> None:
        self._set(self.new, {"withdrawn_on": None, self.field: self.old})

    def revert(self) -> None:
        self._set(self.old, {self.field: self.new})

    def _set(self, value: Any, seen: dict[str, Any]) -> None:
        changes = {self.field: value}
        self.ctx.run(verwijsindex.update_signal, self.signal.id, changes, expected=seen)


def extend_command(ctx: AppContext, signal: VerwijsindexSignalDTO) -> SignalDateCommand:
    text = _("Extend verwijsindex signal")
    return SignalDateCommand(ctx, signal, verwijsindex.extend_signal, "expires_on", text)


def withdraw_command(ctx: AppContext, signal: VerwijsindexSignalDTO) -> SignalDateCommand:
    text = _("Withdraw verwijsindex signal")
    return SignalDateCommand(ctx, signal, verwijsindex.withdraw_signal, "withdrawn_on", text)


class AddMatchCommand(AddRowCommand):
    def __init__(self, ctx: AppContext, signal: VerwijsindexSignalDTO, fields: Mapping[str, Any]):
        case_id = signal.household_id
        super().__init__(ctx, case_id, signal.id, MATCHES, fields, _("Add match"))


class EditMatchCommand(EditRowCommand):
    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        before: VerwijsindexMatchDTO,
        changes: Mapping[str, Any],
    ):
        super().__init__(ctx, case_id, MATCHES, before, changes, _("Change match"))


class RemoveMatchCommand(RemoveRowCommand):
    def __init__(self, ctx: AppContext, case_id: int, match: VerwijsindexMatchDTO):
        super().__init__(ctx, case_id, MATCHES, match, _("Remove match"))


# ---- texts -----------------------------------------------------------------------------------


def state_label(signal: VerwijsindexSignalDTO) -> str:
    label, _role = STATES.get(signal.state, (signal.state, None))
    return _(label)


def expiry_text(signal: VerwijsindexSignalDTO, today: dt.date) -> str:
    """What the state means for this signal, in one sentence."""
    date = v.format_date_nl(signal.expires_on)
    if signal.state == rules.WITHDRAWN:
        return _("Withdrawn on {date}.").format(date=v.format_date_nl(signal.withdrawn_on))
    if signal.state == rules.EXPIRED:
        return _(
            "Expired on {date}: it is no longer in the verwijsindex. Record a new signal if the "
            "worries remain."
        ).format(date=date)
    days = (signal.expires_on - today).days
    if signal.state == rules.EXPIRING:
        return ngettext(
            "Expires on {date}, in {n} day: extend it if the worries remain, or withdraw it.",
            "Expires on {date}, in {n} days: extend it if the worries remain, or withdraw it.",
            days,
        ).format(date=date, n=days)
    return _("Runs until {date}.").format(date=date)


def details_text(signal: VerwijsindexSignalDTO, today: dt.date) -> str:
    """The selected signal in full, plain text."""
    lines = [
        _("{child}: signalled on {date} by {name}.").format(
            child=signal.child_label,
            date=v.format_date_nl(signal.signalled_on),
            name=signal.signalled_by,
        ),
        expiry_text(signal, today),
    ]
    if signal.coordinator:
        since = v.format_date_nl(signal.coordination_on)
        lines.append(
            _("Coordinated by {name} since {date}.").format(name=signal.coordinator, date=since)
            if since
            else _("Coordinated by {name}.").format(name=signal.coordinator)
        )
    elif signal.matches:
        lines.append(
            _(
                "There is a match but no coordinator yet: agree with the other organisation "
                "who coordinates."
            )
        )
    if signal.notes:
        lines += ["", signal.notes]
    return "\n".join(lines)


def reminder_note(signals: Sequence[VerwijsindexSignalDTO]) -> str:
    """What the tab says above the table while signals expire soon or have expired."""
    expiring = sum(1 for s in signals if s.state == rules.EXPIRING)
    expired = sum(1 for s in signals if s.state == rules.EXPIRED)
    parts = []
    if expiring:
        parts.append(
            ngettext(
                "A signal expires soon: extend it if the worries remain, or withdraw it.",
                "{n} signals expire soon: extend each if the worries remain, or withdraw it.",
                expiring,
            ).format(n=expiring)
        )
    if expired:
        parts.append(
            ngettext(
                "A signal has expired: mark it withdrawn, or record a new one if the worries "
                "remain.",
                "{n} signals have expired: mark each withdrawn, or record a new one if the "
                "worries remain.",
                expired,
            ).format(n=expired)
        )
    return " ".join(parts)


# ---- the tables ------------------------------------------------------------------------------


def state_text(signal: VerwijsindexSignalDTO) -> str:
    """The signal's state as its table cell says it (marked when it needs attention)."""
    mark = "⚠ " if signal.state in (rules.EXPIRING, rules.EXPIRED) else ""
    return mark + state_label(signal)


class SignalTableModel(DtoTableModel[Any]):
    CHILD, SIGNALLED, BY, COORDINATOR, EXPIRES, STATE, MATCHES = range(7)
    COLUMNS = (
        Column(N_("Child"), lambda signal: signal.child_label),
        Column(N_("Signalled on"), lambda signal: v.format_date_nl(signal.signalled_on)),
        Column(N_("Signalled by"), lambda signal: signal.signalled_by),
        Column(N_("Coordinator"), lambda signal: signal.coordinator),
        Column(N_("Expires on"), lambda signal: v.format_date_nl(signal.expires_on)),
        Column(N_("State"), state_text),
        Column(N_("Matches"), lambda signal: str(len(signal.matches)) if signal.matches else ""),
    )
    STRETCH = COORDINATOR

    def tooltip(self, dto: VerwijsindexSignalDTO, column: int) -> str | None:
        if column == self.MATCHES and dto.matches:
            return "\n".join(m.organisation for m in dto.matches)
        return super().tooltip(dto, column)

    def accessible(self, dto: VerwijsindexSignalDTO, column: int) -> str:
        return self.display(dto, column).removeprefix("⚠ ")

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        dto = self.row_at(index.row()) if index.isValid() else None
        if role == Qt.ItemDataRole.ForegroundRole and dto is not None:
            _label, colour = STATES.get(dto.state, ("", None))
            if colour is Role.MUTED or (index.column() == self.STATE and colour is not None):
                return qcolor(colour)  # a withdrawn signal is of the past: all of it muted
            return None
        return super().data(index, role)


class MatchTableModel(DtoTableModel[Any]):
    ORGANISATION, DATE, CONTACT = range(3)
    COLUMNS = (
        Column(N_("Organisation"), lambda match: match.organisation),
        Column(N_("Match date"), lambda match: v.format_date_nl(match.matched_on)),
        Column(N_("Contact person"), lambda match: match.contact),
    )
    STRETCH = CONTACT


# ---- the dialogs -----------------------------------------------------------------------------


def left_aligned(dialog: MemberDialog, widget: QWidget) -> None:
    """A narrow field at the left of its form row, so the message under it gets the row's width."""
    for row in range(dialog.form.rowCount()):
        entry = dialog.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        box = entry.layout() if entry is not None else None
        if box is not None and box.indexOf(widget) >= 0:
            box.setAlignment(widget, Qt.AlignmentFlag.AlignLeft)


class SignalDialog(MemberDialog):
    """The child, the day signalled, who coordinates and since when, the expiry and notes."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: Any,
        submit: Submit,
        *,
        children: Sequence[tuple[int, str]],
        months: int,
        signal: VerwijsindexSignalDTO | None = None,
        today: dt.date | None = None,
    ):
        self._new = signal is None
        self._today = today or dt.date.today()
        title = _("Change verwijsindex signal") if signal else _("Add verwijsindex signal")
        super().__init__(parent, title, dialogs, submit, self._check, baseline=signal)
        self.setObjectName("SignalDialog")
        self.setMinimumWidth(560)
        child = QComboBox(self)
        child.addItem(_("Choose the child…"), None)
        for person_id, name in children:
            child.addItem(name, person_id)
        if signal is not None and child.findData(signal.person_id) < 0:
            child.addItem(signal.child_label, signal.person_id)  # no longer a child here
        child.setCurrentIndex(max(0, child.findData(signal.person_id)) if signal else 0)
        if not signal and len(children) == 1:
            child.setCurrentIndex(1)
        child.setAccessibleName(_("Child"))
        self.add_field("person_id", _("&Child"), child)
        day = signal.signalled_on if signal else self._today
        self.add_field("signalled_on", _("&Signalled on"), date_edit(self, day, _("Signalled on")))
        hint = _("The organisation or person agreed on with the matches")
        coordinator = line_edit(self, signal.coordinator if signal else "", _("Coordinator"), hint)
        self.add_field("coordinator", _("C&oordinator"), coordinator)
        since = signal.coordination_on if signal else None
        self.add_field(
            "coordination_on",
            _("Coordinating s&ince"),
            date_edit(self, since, _("Coordinating since")),
        )
        expires = date_edit(self, signal.expires_on if signal else None, _("Expires on"))
        hint: WrappingLabel | None = None
        if signal is None:
            hint = muted(
                ngettext(
                    "Leave empty: the signal expires {n} month after the day it was made.",
                    "Leave empty: the signal expires {n} months after the day it was made.",
                    months,
                ).format(n=months),
                self,
            )
        #: Says what an empty expiry means (a new signal only).
        self.expiry_hint = hint
        self.add_field("expires_on", _("&Expires on"), expires, hint)
        # Aligned, the short date box no longer narrows the hint and message under it.
        for name in SIGNAL_DATES:
            left_aligned(self, self.fields[name])
        notes = GrowingTextEdit(self, min_lines=2, max_lines=6)
        notes.setText(signal.notes if signal else "")
        notes.setAccessibleName(_("Notes"))
        self.add_field("notes", _("&Notes"), notes)

    def _check(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        given = dict(fields)
        if self._new and "expires_on" in given and not str(given["expires_on"]).strip():
            del given["expires_on"]  # empty: the service counts the organisation's months
        new = self._new and len(fields) > 1
        return rules.clean_signal(given, new=new, today=self._today)

    def values(self) -> dict[str, Any]:
        clean = super().values()
        if self.baseline is None:
            rules.check_signal(clean)
        else:
            current = {name: getattr(self.baseline, name) for name in SIGNAL_DATES}
            rules.check_signal({**current, "withdrawn_on": self.baseline.withdrawn_on, **clean})
        return clean


class MatchDialog(MemberDialog):
    """The organisation that also signalled the child, the day of the match, its contact."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: Any,
        submit: Submit,
        *,
        signal: VerwijsindexSignalDTO,
        match: VerwijsindexMatchDTO | None = None,
        today: dt.date | None = None,
    ):
        self._new = match is None
        self._today = today or dt.date.today()
        self._signal = signal
        title = _("Change match") if match else _("Add match")
        super().__init__(parent, title, dialogs, submit, self._check, baseline=match)
        self.setObjectName("MatchDialog")
        hint = _("e.g. the school, the GP practice, youth probation")
        organisation = line_edit(self, match.organisation if match else "", _("Organisation"), hint)
        self.add_field("organisation", _("&Organisation"), organisation)
        day = match.matched_on if match else self._today
        self.add_field("matched_on", _("Match &date"), date_edit(self, day, _("Match date")))
        left_aligned(self, self.fields["matched_on"])
        contact = line_edit(self, match.contact if match else "", _("Contact person"))
        self.add_field("contact", _("&Contact person"), contact)

    def _check(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        new = self._new and len(fields) > 1
        return rules.clean_match(fields, new=new, today=self._today)

    def values(self) -> dict[str, Any]:
        clean = super().values()
        rules.check_match(clean["matched_on"], self._signal.signalled_on)
        return clean


# ---- the tab ---------------------------------------------------------------------------------


class VerwijsindexTab(SignalsTab):
    """`(ctx, case_id, parent)`: the case's verwijsindex signals and their matches."""

    INTRO = N_(
        "Signals in the verwijsindex risicojongeren, one child each. A signal says only that "
        "you are involved with the child; when another organisation signals the same child, "
        "the verwijsindex reports a match and you agree who coordinates. A signal expires "
        "unless you extend it; withdraw it when your involvement ends."
    )

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ):
        super().__init__(ctx, case_id, parent)
        self.setObjectName("VerwijsindexTab")
        self._today = today
        self.signals: list[VerwijsindexSignalDTO] = []
        self.model = SignalTableModel(self)
        title, empty = _("Signals"), _("No verwijsindex signals for this case.")
        self.section = list_section(title, self.model, empty, self.body)
        name_buttons(self.section, _("Add &signal…"), _("Chan&ge…"), _("Re&move"))
        self.extend_button = self.extra_button(self.section, _("E&xtend"))
        self.withdraw_button = self.extra_button(
            self.section, _("W&ithdraw"), after=self.extend_button
        )
        self.details = WrappingLabel("", self.body)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.match_model = MatchTableModel(self)
        self.matches = list_section(
            _("Matches"), self.match_model, _("No matches reported."), self.body
        )
        name_buttons(self.matches, _("Add m&atch…"), _("Cha&nge match…"), _("Rem&ove match"))
        add_all(self.rows, self.section, self.details, self.matches).addStretch(1)
        self._connect()
        self.setFocusProxy(self.section.table)

    def _connect(self) -> None:
        slots = (self.add_signal, self.edit_signal, self.remove_signal)
        connect_rows(self.section, *slots, selected=self._show_selected)
        self.extend_button.clicked.connect(self.extend_selected)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        connect_rows(self.matches, self.add_match, self.edit_match, self.remove_match)

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # ---- showing ---------------------------------------------------------------------------

    def load(self) -> None:
        self.signals = list(verwijsindex.signals(self.ctx.uow, self.case_id, today=self.today))

    def clear(self) -> None:
        self.signals = []

    def show_rows(self) -> None:
        empty = (
            _("No verwijsindex signals for this case. Add one with \u201cAdd signal\u201d (Ins)."),
            _("No verwijsindex signals for this case."),
        )
        self.show_list(self.signals, empty, reminder_note(self.signals))
        self._show_selected()

    def _show_selected(self) -> None:
        signal = self.section.selected()
        self.details.setVisible(signal is not None)
        self.matches.setVisible(signal is not None)
        live = signal is not None and signal.state != rules.WITHDRAWN
        self.extend_button.setEnabled(
            self.editable and live and signal is not None and signal.state != rules.EXPIRED
        )
        self.withdraw_button.setEnabled(self.editable and live)
        if signal is None:
            return
        self.details.setText(details_text(signal, self.today))
        heading = _("Matches for {child}").format(child=signal.child_label)
        self.matches.table.setAccessibleName(heading)
        self.matches.set_rows(signal.matches)
        self.matches.set_editable(self.editable)

    def select_signal(self, signal_id: int) -> None:
        self.section.select_row(self.model.row_of(signal_id))

    # ---- signals ---------------------------------------------------------------------------

    def _children(self) -> list[tuple[int, str]]:
        persons = self.case.persons if self.case is not None else ()
        return [(p.id, p.full_name) for p in persons if p.role == PersonRole.CHILD]

    def add_signal(self) -> SignalDialog | None:
        if not self.editable:
            return None
        children = self._children()
        if not children:
            self.ctx.dialogs.info(
                _(
                    "A verwijsindex signal is about a child of the household. Add the child "
                    "as a household member first (Overview)."
                ),
                _("Add verwijsindex signal"),
            )
            return None

        submit = adding(
            self.ctx,
            lambda values: AddSignalCommand(self.ctx, self.case_id, values),
            self.select_signal,
        )
        months = policy.verwijsindex_months(self.ctx.uow)
        dialog = SignalDialog(
            self, self.ctx.dialogs, submit, children=children, months=months, today=self.today
        )
        return self._open(dialog)

    def edit_signal(self, signal: VerwijsindexSignalDTO) -> SignalDialog | None:
        if not self.editable:
            return None

        submit = changing(self.ctx, lambda values: EditSignalCommand(self.ctx, signal, values))
        dialog = SignalDialog(
            self,
            self.ctx.dialogs,
            submit,
            children=self._children(),
            months=0,
            signal=signal,
            today=self.today,
        )
        return self._open(dialog)

    def remove_signal(self, signal: VerwijsindexSignalDTO) -> None:
        if not self.editable:
            return
        question = (
            _(
                "Remove the signal about {child}?\nIts matches go with it. You can bring "
                "both back with Undo (Ctrl+Z)."
            )
            if signal.matches
            else _("Remove the signal about {child}?\nYou can bring it back with Undo (Ctrl+Z).")
        ).format(child=signal.child_label)
        question += "\n" + _(
            "To end a signal that was in the verwijsindex, withdraw it instead: that is kept."
        )
        if self.ctx.dialogs.confirm(question, _("Remove verwijsindex signal")):
            run_command(self.ctx, self.case_id, RemoveSignalCommand(self.ctx, signal))

    def extend_selected(self) -> None:
        signal = self.section.selected()
        if self.editable and signal is not None:
            self._run(extend_command(self.ctx, signal), signal.id)

    def withdraw_selected(self) -> None:
        signal = self.section.selected()
        if not self.editable or signal is None:
            return
        question = _(
            "Withdraw the signal about {child} today?\nDo this in the verwijsindex too. You "
            "can undo it here with Undo (Ctrl+Z)."
        ).format(child=signal.child_label)
        if self.ctx.dialogs.confirm(question, _("Withdraw verwijsindex signal")):
            self._run(withdraw_command(self.ctx, signal), signal.id)

    def _run(self, command: ServiceCommand, signal_id: int) -> None:
        """A step on a signal: a refusal (expired, already withdrawn) is said, not raised."""
        if run_command(self.ctx, self.case_id, command):
            self.select_signal(signal_id)

    # ---- matches ---------------------------------------------------------------------------

    def add_match(self) -> MatchDialog | None:
        signal = self.section.selected()
        if not self.editable or signal is None:
            return None

        def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
            execute(self.ctx, AddMatchCommand(self.ctx, signal, values))

        dialog = MatchDialog(self, self.ctx.dialogs, submit, signal=signal, today=self.today)
        return self._open(dialog, self.matches)

    def edit_match(self, match: VerwijsindexMatchDTO) -> MatchDialog | None:
        signal = self.section.selected()
        if not self.editable or signal is None:
            return None

        submit = changing(
            self.ctx, lambda values: EditMatchCommand(self.ctx, self.case_id, match, values)
        )
        dialog = MatchDialog(
            self, self.ctx.dialogs, submit, signal=signal, match=match, today=self.today
        )
        return self._open(dialog, self.matches)

    def remove_match(self, match: VerwijsindexMatchDTO) -> None:
        if not self.editable:
            return
        question = _(
            "Remove the match with {organisation}?\nYou can bring it back with Undo (Ctrl+Z)."
        ).format(organisation=match.organisation)
        if self.ctx.dialogs.confirm(question, _("Remove match")):
            run_command(self.ctx, self.case_id, RemoveMatchCommand(self.ctx, self.case_id, match))

    def _open(self, dialog: MemberDialog, section: MemberSection | None = None) -> Any:
        return self.open_dialog(dialog, (section or self.section).table)
