"""The history page's words: every audited kind of row and its fields read as words."""

from __future__ import annotations

import jeugdtool.models
from jeugdtool.export import history_words as hw
from jeugdtool.store.base import Tracked


def _audited() -> list[type[Tracked]]:
    models = [m.class_ for m in jeugdtool.models.Base.registry.mappers]
    return [m for m in models if issubclass(m, Tracked)]


def test_every_audited_kind_of_row_has_a_name_in_the_history() -> None:
    unnamed = [m.__audit_entity__ for m in _audited() if m.__audit_entity__ not in hw.ENTITY_LABELS]
    assert unnamed == []


def test_the_outcome_fields_read_as_words() -> None:
    assert hw.value_text("unit_cost_cents", "1250", {}) == "€\u00a012,50"
    assert hw.value_text("planned_end", "2026-03-01", {}) == "01-03-2026"
    assert hw.value_text("goals_outcome", "mostly", {}) != "mostly"
    assert hw.value_text("kind", "reopened", {}) != "reopened"
    assert hw.value_text("outcome", "Verzoek toegewezen", {}) == "Verzoek toegewezen"
    for field in ("decided_by", "further_help", "ended_as", "ended_early_by", "serves"):
        assert hw.field_label("help_item", field) != field
