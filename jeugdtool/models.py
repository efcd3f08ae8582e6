"""Imports every package's tables, so `Base.metadata` is complete (migrations, tests)."""

from jeugdtool.cases import models as cases_models
from jeugdtool.cases import search_index
from jeugdtool.cases.destruction import DestroyedCase
from jeugdtool.cases.privacy_models import Disclosure
from jeugdtool.cases.privacy_models import PrivacyRequest
from jeugdtool.dossier import models as dossier_models
from jeugdtool.dossier import network_models
from jeugdtool.export import selection as export_selection
from jeugdtool.framework import child_voice_models
from jeugdtool.framework import models as framework_models
from jeugdtool.framework import plan_models
from jeugdtool.meetings import models as meeting_models
from jeugdtool.outcomes import models as outcome_models
from jeugdtool.store.access_log import AccessLogEntry
from jeugdtool.store.audit import AuditEntry
from jeugdtool.store.base import Base
from jeugdtool.store.base import index_foreign_keys
from jeugdtool.store.org_settings import OrgSetting
from jeugdtool.zrm import models as zrm_models

__all__ = [
    "AccessLogEntry",
    "AuditEntry",
    "Base",
    "DestroyedCase",
    "Disclosure",
    "OrgSetting",
    "PrivacyRequest",
    "cases_models",
    "child_voice_models",
    "dossier_models",
    "export_selection",
    "framework_models",
    "meeting_models",
    "network_models",
    "outcome_models",
    "plan_models",
    "search_index",
    "zrm_models",
]

index_foreign_keys(Base.metadata)
