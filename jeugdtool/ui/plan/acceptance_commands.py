"""Undo command for "Everyone has accepted": every person an agreement names accepted it, on
one day and in one way (`plans.accept_for_all`, which also makes the agreement "agreed").

Undo gives each person back their earlier answer in one step (`plans.set_acceptances`); both
steps expect the people's answers as the other step left them, so a colleague's answer
recorded meanwhile makes undo or redo refuse and nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt

from jeugdtool.framework import plans
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PartyDTO
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.i18n import _

from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.context import AppContext


class AcceptForAllCommand(ServiceCommand):
    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        agreement: AgreementDTO,
        on: dt.date,
        how: AcceptedHow,
    ):
        super().__init__(ctx, case_id, _("Everyone has accepted"))
        self.agreement_id = agreement.id
        self.on, self.how = on, how
        #: The people's answers before this step and as it left them (what the other expects).
        self.before: tuple[PartyDTO, ...] = agreement.parties
        self.after: tuple[PartyDTO, ...] = ()

    def replay(self) -> None:
        done = self.ctx.run(
            plans.accept_for_all,
            self.agreement_id,
            on=self.on,
            how=self.how,
            expected=self.before,
        )
        self.after = done.parties

    def revert(self) -> None:
        earlier = {p.id: (p.accepted, p.accepted_on, p.accepted_how) for p in self.before}
        back = self.ctx.run(plans.set_acceptances, self.agreement_id, earlier, expected=self.after)
        self.before = back.parties  # as stored again (their versions), which redo expects
