"""Closed vocabularies of the dossier, with the labels the user sees."""

from __future__ import annotations

from jeugdtool.i18n import N_
from jeugdtool.i18n import LabelledEnum

__all__ = [
    "JournalKind",
    "KindcheckAnswer",
    "LinkKind",
    "MeldcodeStatus",
    "MeldcodeStep",
    "ReportChannel",
    "SignalSource",
    "VeiligThuisKind",
]


class JournalKind(LabelledEnum):
    """What kind of contact or event a journal entry records."""

    HOME_VISIT = "home_visit", N_("Home visit")
    PHONE_CALL = "phone_call", N_("Phone call")
    OFFICE_MEETING = "office_meeting", N_("Meeting at the office")
    CONSULTATION = "consultation", N_("Consultation with school, GP or another professional")
    NETWORK_MEETING = "network_meeting", N_("Network meeting")
    EMAIL = "email", N_("E-mail")
    KINDCHECK = "kindcheck", N_("Kindcheck")
    OTHER = "other", N_("Other")


class LinkKind(LabelledEnum):
    """What a journal entry can be about. The key names the target: a lineage for map items,
    statements and agreements (the same across versions), an id for the rest, and
    "<person id>:<domain>" for a ZRM domain."""

    MAP_ITEM = "map_item", N_("Map item")
    STATEMENT = "statement", N_("Statement")
    AGREEMENT = "agreement", N_("Agreement")
    SCALE_SCORE = "scale_score", N_("Scale score")
    ZRM_DOMAIN = "zrm_domain", N_("ZRM domain")
    MELDCODE_STEP = "meldcode_step", N_("Meldcode step")
    HELP_ITEM = "help_item", N_("Help")


class MeldcodeStatus(LabelledEnum):
    OPEN = "open", N_("Open")
    CLOSED = "closed", N_("Closed")


class MeldcodeStep(LabelledEnum):
    """The five steps of the meldcode (Wet verplichte meldcode, afwegingskader since 2019).
    The values are the step numbers as text; `number` is the int."""

    SIGNALS = "1", N_("Map the signals")
    CONSULT = "2", N_("Consult a colleague and Veilig Thuis")
    TALK = "3", N_("Talk with the person(s) involved")
    WEIGH = "4", N_("Weigh (afwegingskader)")
    DECIDE = "5", N_("Decide: report and/or offer help")

    @property
    def number(self) -> int:
        return int(self.value)


class SignalSource(LabelledEnum):
    """Where a signal of step 1 came from."""

    MAP_ITEM = "map_item", N_("From the map")
    STATEMENT = "statement", N_("From a harm or danger statement")
    OWN = "own", N_("Own observation")


class VeiligThuisKind(LabelledEnum):
    CONSULTATION = "consultation", N_("Consultation")
    REPORT = "report", N_("Report")


class ReportChannel(LabelledEnum):
    """How Veilig Thuis was contacted."""

    PHONE = "phone", N_("By phone")
    ONLINE = "online", N_("Online form")
    SECURE_MAIL = "secure_mail", N_("Secure e-mail")
    IN_PERSON = "in_person", N_("In person")
    OTHER = "other", N_("Other")


class KindcheckAnswer(LabelledEnum):
    YES = "yes", N_("Yes")
    NO = "no", N_("No")
    UNKNOWN = "unknown", N_("Not known yet")
