"""Marking an agreement as holding special categories of personal data (health, addiction,
justice; `special_rules`). A help item is marked through `outcomes.help.update_help` with the
field "special_category".

The mark may change in a finalised plan version too: it does not change what was agreed, only
what an export shows — and a finalised version is what partners receive, so the consultant must
be able to mark it. Only an open case changes (`ensure_open`).
"""

from __future__ import annotations

from jeugdtool.cases.households import ensure_open
from jeugdtool.framework import special_rules
from jeugdtool.framework._common import expected_columns
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plans import loaded_agreement
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork


def mark_agreement(
    uow: UnitOfWork,
    agreement_id: int,
    category: SpecialCategory | str,
    *,
    expected: Expected = None,
) -> Outcome[AgreementDTO]:
    """Mark the agreement with `category` (SpecialCategory.NONE or "": clear the mark), in a
    draft or a finalised version of an open case.

    `expected` (undo/redo): {"special_category": the mark the caller believes is current};
    when someone else changed it since, ConflictError and nothing changes.
    """
    clean = special_rules.check_category("special_category", category)
    with uow:
        row = get(uow, Agreement, agreement_id)
        ensure_open(uow, row.household_id)
        apply(row, {"special_category": clean}, expected=expected_columns(expected))
        return committed(uow, lambda: loaded_agreement(uow, row))
