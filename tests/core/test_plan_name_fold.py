"""Plan exports compare typed names with the one fold (jeugdtool.folding): "Aicha" is "Aïcha"."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from jeugdtool.cases import queries
from jeugdtool.export.demo import load_demo
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import select_plan
from jeugdtool.export.plan_check import plan_rules
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

TODAY = dt.date(2026, 3, 10)


def _other(label: str) -> dict[str, Any]:
    return {"kind": "other", "ref": None, "label": label}


def test_a_case_file_naming_someone_twice_in_two_spellings_is_reported() -> None:
    plan = {
        "network": [{"who": _other("Buurvrouw Aïcha"), "told_on": None}],
        "agreements": [
            {"parties": [{"who": _other("Buurvrouw Aïcha")}, {"who": _other("BUURVROUW  AICHA")}]}
        ],
    }
    plan["network"].append({"who": _other("buurvrouw aicha"), "told_on": None})
    problems = {p.field: p.message for p in plan_rules({"plans": [plan]}, TODAY)}
    twice = _("{who} is named twice in this agreement (also at {other}).")
    assert problems["plans[0].agreements[0].parties[1].who"] == twice.format(
        who="BUURVROUW  AICHA", other="plans[0].agreements[0].parties[0].who"
    )
    assert "plans[0].network[1].who" in problems


def test_a_network_role_typed_without_accents_counts_as_a_party(uow) -> None:
    """The PDF leaves out who is party to no agreement; 'aicha' typed in the network is the
    party 'Aïcha', so her role stays in the plan a partner receives."""
    load_demo(uow)
    case_id = queries.find_case_id(uow, "2026-0001")
    assert case_id is not None
    data = gather_plan(uow, case_id)
    first, *rest = data.plan.agreements
    party = replace(first.parties[0], source=Source(SourceKind.OTHER, label="Buurvrouw Aïcha"))
    typed = replace(data.plan.network[0], source=Source(SourceKind.OTHER, label="buurvrouw aicha"))
    plan = replace(
        data.plan,
        agreements=(replace(first, parties=(*first.parties, party)), *rest),
        network=(*data.plan.network, replace(typed, id=-1, role="houdt een oogje in het zeil")),
    )
    # The first agreement is marked (addiction): include it, so Aïcha is a party.
    selection = replace(
        default_selection(Document.PLAN), uninvolved_persons=False, special_categories=True
    )
    chosen = select_plan(replace(data, plan=plan), selection)
    assert "houdt een oogje in het zeil" in [r.role for r in chosen.plan.network]
