"""How the audit trail reads for people: moved to `jeugdtool.export.history_words`, which the
access-request dossier shares; the history page and its tests keep importing from here."""

from __future__ import annotations

from jeugdtool.export.history_words import EMPTY
from jeugdtool.export.history_words import ENTITY_LABELS
from jeugdtool.export.history_words import FIELD_LABELS
from jeugdtool.export.history_words import HistoryRow
from jeugdtool.export.history_words import entity_label
from jeugdtool.export.history_words import field_label
from jeugdtool.export.history_words import history_rows
from jeugdtool.export.history_words import member_names
from jeugdtool.export.history_words import value_text

__all__ = [
    "EMPTY",
    "ENTITY_LABELS",
    "FIELD_LABELS",
    "HistoryRow",
    "entity_label",
    "field_label",
    "history_rows",
    "member_names",
    "value_text",
]
