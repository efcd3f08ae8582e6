"""The history page speaks of the safety plan and the ZRM in the user's words too."""

from __future__ import annotations

import datetime as dt

from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.i18n import _
from jeugdtool.zrm import assessments
from jeugdtool.zrm.vocab import CarriedBy

from jeugdtool.ui.workspace.labels import entity_label
from jeugdtool.ui.workspace.labels import field_label
from jeugdtool.ui.workspace.labels import history_rows
from jeugdtool.ui.workspace.labels import value_text


def test_plan_and_zrm_entities_and_values_have_labels() -> None:
    assert entity_label("agreement") == _("Agreement")
    assert entity_label("zrm_assessment") == _("ZRM assessment")
    assert field_label("zrm_domain_score", "target_level") == _("Target level")
    assert value_text("carried_by", "network", {}) == CarriedBy.NETWORK.label
    assert value_text("focus", "true", {}) == _("Yes")
    assert value_text("target_date", "2026-06-01", {}) == "01-06-2026"
    assert value_text("kept", "partly", {}) != "partly"


def test_a_level_change_reads_with_the_domain_name(uow, case) -> None:
    mother = members.add_person(uow, case.id, {"first_name": "Sandra", "role": "parent"}).value
    done = assessments.create_assessment(uow, mother.id, assessed_on=dt.date(2026, 2, 1)).value
    assessments.set_domain(uow, done.id, "financien", {"level": 2})
    assessments.set_domain(uow, done.id, "financien", {"level": 3})
    rows = history_rows(queries.case_history(uow, case.id), {})
    level_rows = [r for r in rows if r.field == _("Level")]
    assert level_rows and all(_("ZRM domain") in r.what for r in level_rows)
    assert any("Financiën" in r.what and r.change == "2 → 3" for r in level_rows)
