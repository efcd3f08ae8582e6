"""The overview page: the household's fields, its members and its network, and summaries of
the plan, the scale, the ZRM, meetings, the latest contacts and the meldcode.

Built when first shown (`CaseWorkspace.overview_page`); a change of the case while another page
is shown only marks it stale, and it shows the case again once, when it is shown
(`StaleWhileHidden`; its summaries each follow their own part of the case the same way)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.errors import ConflictError
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

from jeugdtool.ui import commands as c
from jeugdtool.ui.closing.new_start import add_person_command
from jeugdtool.ui.closing.new_start import edit_person_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.journal.summary import LatestContacts
from jeugdtool.ui.journal.summary import MeldcodeSummary
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.case_page import note_status
from jeugdtool.ui.workspace.closure_proposal import ClosureProposalPanel
from jeugdtool.ui.workspace.household_form import HouseholdForm
from jeugdtool.ui.workspace.meetings_summary import MeetingsSummary
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import NetworkDialog
from jeugdtool.ui.workspace.member_dialogs import PersonDialog
from jeugdtool.ui.workspace.member_dialogs import Submit
from jeugdtool.ui.workspace.member_models import NetworkTableModel
from jeugdtool.ui.workspace.member_models import PersonTableModel
from jeugdtool.ui.workspace.member_section import MemberSection
from jeugdtool.ui.workspace.plan_alerts import PlanAlertsPanel
from jeugdtool.ui.workspace.plan_status import PlanStatusLine
from jeugdtool.ui.workspace.scale_summary import ScaleSummary
from jeugdtool.ui.workspace.zrm_summary import ZrmSummary


class OverviewPage(StaleWhileHidden, QScrollArea):
    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.detail: CaseDetail | None = None
        self.form = HouseholdForm(ctx, case_id)
        self.persons = MemberSection(
            _("Household members"),
            PersonTableModel(self),
            _("No household members yet. Press Ins or choose Add to add the first one."),
        )
        self.network = MemberSection(
            _("Network"),
            NetworkTableModel(self),
            _("No network yet. Who is around this family? Press Ins or choose Add."),
        )
        self.plan_status = PlanStatusLine(ctx, case_id, self)
        self.closure = ClosureProposalPanel(ctx, case_id, self)
        self.alerts = PlanAlertsPanel(ctx, case_id, self, alerts=self.plan_status.alerts)
        self.scale = ScaleSummary(ctx, case_id, self)
        self.zrm = ZrmSummary(ctx, case_id, self)
        self.meetings = MeetingsSummary(ctx, case_id, self)
        self.contacts = LatestContacts(ctx, case_id, self)
        self.meldcode = MeldcodeSummary(ctx, case_id, self)
        self._build()
        # They hide themselves when there is nothing to say: seen while the overview is.
        self.closure.seen_with(self)
        self.alerts.seen_with(self)
        self.persons.add_requested.connect(self._add_person)
        self.persons.edit_requested.connect(self._edit_person)
        self.persons.remove_requested.connect(self._remove_person)
        self.network.add_requested.connect(self._add_network)
        self.network.edit_requested.connect(self._edit_network)
        self.network.remove_requested.connect(self._remove_network)

    def _build(self) -> None:
        body = QWidget(self)
        parts = (self.form, self.closure, self.plan_status, self.alerts, self.contacts)
        parts += (self.meldcode,)
        parts += (self.scale, self.zrm, self.meetings, self.persons, self.network)
        vbox(body, *parts, margins=(16, 12, 16, 16), spacing=18).addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    def set_detail(self, detail: CaseDetail) -> None:
        """The case as read now: shown at once while seen, else once when shown next."""
        self.detail = detail
        # Read because of the change being told (if any): its parts need not read the status.
        note_status(self.ctx, self.case_id, detail.household.status)
        self.reload_when_seen()

    def show_detail(self, detail: CaseDetail) -> None:
        """The case shown at once, seen or not (the page was just built)."""
        self.detail = detail
        self.reload_now()

    def reload(self) -> None:
        detail = self.detail
        if detail is None:
            return
        self.form.set_household(detail.household)
        self.persons.set_rows(detail.persons, today=dt.date.today(), network=detail.network)
        self.network.set_rows(detail.network)
        editable = self.ctx.can_edit(detail.household)
        self.persons.set_editable(editable)
        self.network.set_editable(editable)
        self.meldcode.set_editable(editable)

    # ---- household members -----------------------------------------------------------

    def _add_person(self) -> None:
        self._open(
            # A child who had help before in another case: asked about (a new start).
            PersonDialog(
                self,
                self.ctx.dialogs,
                self._adder(add_person_command, self.persons),
                network=self._network(),
            ),
            self.persons,
        )

    def _edit_person(self, person: PersonDTO) -> None:
        # A change that makes them match a child who had help before: asked (a new start).
        submit = self._editor(edit_person_command, lambda d: d.persons)
        dialog = PersonDialog(
            self, self.ctx.dialogs, submit, person=person, network=self._network()
        )
        self._open(dialog, self.persons)

    def _remove_person(self, person: PersonDTO) -> None:
        command = c.RemovePersonCommand(self.ctx, person)
        self._remove(command.question(), command)

    # ---- network -----------------------------------------------------------------------

    def _add_network(self) -> None:
        self._open(
            NetworkDialog(
                self,
                self.ctx.dialogs,
                self._adder(c.AddNetworkMemberCommand, self.network),
                network=self._network(),
            ),
            self.network,
        )

    def _edit_network(self, member: NetworkMemberDTO) -> None:
        submit = self._editor(c.EditNetworkMemberCommand, lambda d: d.network)
        dialog = NetworkDialog(
            self, self.ctx.dialogs, submit, member=member, network=self._network()
        )
        self._open(dialog, self.network)

    def _remove_network(self, member: NetworkMemberDTO) -> None:
        question = _(
            "Remove {name} from the network?\nYou can bring them back with Undo (Ctrl+Z)."
        ).format(name=member.name)
        self._remove(question, c.RemoveNetworkMemberCommand(self.ctx, member))

    # ---- shared flows ------------------------------------------------------------------

    def _network(self) -> tuple[NetworkMemberDTO, ...]:
        """The case's network as last shown (a child's trusted person is one of them; the
        services check again against what the database holds)."""
        return self.detail.network if self.detail is not None else ()

    def _open(self, dialog: QDialog, section: MemberSection) -> None:
        """Open without a nested event loop; focus goes back to the table afterwards."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: section.table.setFocus())
        dialog.open()

    def _adder(self, command_type: type, section: MemberSection) -> Submit:
        def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
            command = command_type(self.ctx, self.case_id, values)
            if c.execute(self.ctx, command):  # False: kept until a fault is gone (pending.py)
                section.select_row(section.model.row_of(command.dto.id))

        return submit

    def _editor(self, command_type: type, rows: Callable[[CaseDetail], tuple[Any, ...]]) -> Submit:
        def submit(dialog: MemberDialog, values: dict[str, Any]) -> None:
            command = command_type(self.ctx, dialog.baseline, values)
            if not command.new:
                return  # nothing changed: no empty step on the undo stack
            try:
                c.execute(self.ctx, command)
            except ConflictError:
                # Show the latest version; OK again then saves what is in the dialog.
                c.refresh_case(self.ctx, self.case_id)
                latest = {m.id: m for m in rows(self.detail)} if self.detail else {}
                dialog.baseline = latest.get(dialog.baseline.id, dialog.baseline)
                raise

        return submit

    def _remove(self, question: str, command: c.ServiceCommand) -> None:
        if not self.ctx.dialogs.confirm(question, _("Remove")):
            return
        try:
            c.execute(self.ctx, command)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            c.refresh_case(self.ctx, self.case_id)
