"""The history page's words: every audited kind of row and its fields read as words."""

from __future__ import annotations

import jeugdtool.models
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import KindcheckAnswer
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.dossier.vocab import ReportChannel
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.export import history_words as hw
from jeugdtool.i18n import _
from jeugdtool.store.base import Tracked

#: The columns every audited row has (stamped by the audit, not shown as a change).
_TRACKED = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by"})


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


def test_the_dossier_reads_as_words() -> None:
    assert hw.entity_label("meldcode_record") != "meldcode_record"
    assert hw.field_label("journal_entry", "author") == _("Written by")
    assert hw.field_label("mapping_moment", "author") == _("Mapped by")  # unchanged
    assert hw.field_label("meldcode_signal", "source") == _("Where the signal came from")
    assert hw.field_label("zrm_import", "source") == "source"  # not a signal's source
    assert hw.value_text("occurred_on", "2026-02-10", {}) == "10-02-2026"
    assert hw.value_text("occurred_at", "09:30:00", {}) == "09:30"
    assert hw.value_text("working_note", "true", {}) == _("Yes")
    assert hw.value_text("kind", "home_visit", {}) == JournalKind.HOME_VISIT.label
    assert hw.value_text("kind", "report", {}) == VeiligThuisKind.REPORT.label
    assert hw.value_text("channel", "secure_mail", {}) == ReportChannel.SECURE_MAIL.label
    assert hw.value_text("children_depend", "unknown", {}) == KindcheckAnswer.UNKNOWN.label
    assert hw.value_text("target_kind", "meldcode_step", {}) == LinkKind.MELDCODE_STEP.label
    assert hw.value_text("recorded_at", "2026-02-10T12:30:00+00:00", {}).startswith("10-02-2026")
    # Every field of the dossier's rows has a label of its own.
    for model in _audited():
        if model.__module__ == "jeugdtool.dossier.models":
            for column in model.__table__.columns:
                if column.name in ("id", "household_id") or column.name in _TRACKED:
                    continue
                label = hw.field_label(model.__audit_entity__, column.name)
                assert label != column.name, (model.__name__, column.name)


def test_plan_review_network_meetings_and_goals_read_as_words() -> None:
    from jeugdtool.dossier.network_models import NetworkMeeting
    from jeugdtool.dossier.network_models import NetworkMeetingAttendee
    from jeugdtool.framework.plan_models import GoalJudgement
    from jeugdtool.framework.plan_models import PlanApproval
    from jeugdtool.framework.plan_models import PlanApprovalComment
    from jeugdtool.framework.vocab import ApprovalState
    from jeugdtool.framework.vocab import CommentTarget
    from jeugdtool.framework.vocab import Judgement

    assert hw.value_text("state", "returned", {}) == ApprovalState.RETURNED.label
    assert hw.value_text("judgement", "not_met", {}) == Judgement.NOT_MET.label
    assert hw.value_text("target_kind", "section", {}) == CommentTarget.SECTION.label
    assert hw.value_text("target_kind", "agreement", {}) == LinkKind.AGREEMENT.label
    assert hw.value_text("seen_since", "2026-09-08", {}) == "08-09-2026"
    assert hw.value_text("reviewer_id", "7", {7: "E. Dekker"}) == "E. Dekker"
    assert hw.value_text("chaired", "true", {}) == _("Yes")
    assert hw.value_text("decided_by", "E. Dekker", {}) == "E. Dekker"  # a name, not a code
    assert hw.field_label("plan_approval", "note") == _("Submitter's note")
    models = (PlanApproval, PlanApprovalComment, GoalJudgement, NetworkMeeting)
    for model in (*models, NetworkMeetingAttendee):
        for column in model.__table__.columns:
            if column.name in ("id", "household_id") or column.name in _TRACKED:
                continue
            if column.name.startswith("source_"):  # who: shown as the row's own name
                continue
            label = hw.field_label(model.__audit_entity__, column.name)
            assert label != column.name, (model.__name__, column.name)
    assert hw.field_label("case_closing", "whom_to_call") != "whom_to_call"
