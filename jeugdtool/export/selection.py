"""What goes into a document for a partner: data minimisation, remembered per case.

Before exporting, the consultant picks the sections and whether birth dates, contact details
and persons not involved in the agreements are included, and for whom ("school"). The choice
is stored per case and document, so the next export for the same partner starts from it, and
the document says whose selection it is ("selectie voor: school").
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlalchemy import select
from sqlalchemy.orm import Mapped

from jeugdtool.cases.models import Household
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.changes import Outcome
from jeugdtool.store.model_types import str20
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork

MAX_AUDIENCE = 100


class Document(enum.StrEnum):
    PLAN = "plan"
    MAP = "map"
    ZRM = "zrm"


#: Per document, its sections in document order, with the label the export dialog shows.
SECTIONS: dict[Document, tuple[tuple[str, str], ...]] = {
    Document.PLAN: (
        ("statements", N_("Danger statements, safety goals and bottom lines")),
        ("agreements", N_("Agreements")),
        ("help", N_("Help the family gets")),
        ("network", N_("Safety network and red flags")),
        ("children", N_("How the children are told")),
        ("review", N_("Reviews and when an agreement is not kept")),
        ("signatures", N_("Signatures")),
    ),
    Document.MAP: (
        ("map", N_("The map (three columns)")),
        ("statements", N_("Danger statements, safety goals and bottom lines")),
        ("scale", N_("Scale scores and chart")),
    ),
    Document.ZRM: (
        ("table", N_("Latest against previous assessment, per person")),
        ("focus", N_("Focus domains and targets")),
        ("chart", N_("Chart")),
        ("notes", N_("Notes per domain")),
    ),
}


#: Per document, the sections it had before selections remembered which sections were offered
#: (the "offered" key): a selection stored then offered exactly these.
_FIRST_SECTIONS: dict[Document, frozenset[str]] = {
    Document.PLAN: frozenset(
        {"statements", "agreements", "network", "children", "review", "signatures"}
    ),
    Document.MAP: frozenset({"map", "statements", "scale"}),
    Document.ZRM: frozenset({"table", "focus", "chart", "notes"}),
}


def section_codes(document: Document | str) -> tuple[str, ...]:
    return tuple(code for code, _label in SECTIONS[Document(document)])


def section_label(document: Document | str, code: str) -> str:
    return _(dict(SECTIONS[Document(document)])[code])


@dataclass(frozen=True)
class Selection:
    """What one export includes. The defaults keep personal data out unless chosen: birth
    dates, uninvolved persons and the items marked as special categories of personal data
    (health, addiction, justice) are left out; contact details stay in (partners must be able
    to reach the safety network)."""

    document: Document
    #: For whom ("school", "huisarts"); shown on the document. Empty: not said.
    audience: str = ""
    sections: frozenset[str] = field(default_factory=frozenset)
    birth_dates: bool = False
    contact_details: bool = True
    uninvolved_persons: bool = False
    #: Include the agreements and help marked as health, addiction or justice data.
    special_categories: bool = False
    #: The family's version of the plan: their own goals and words first (the plan only).
    family_version: bool = False

    def includes(self, section: str) -> bool:
        return section in self.sections

    def as_json(self) -> dict[str, Any]:
        return {
            "audience": self.audience,
            "sections": [c for c in section_codes(self.document) if c in self.sections],
            # What the consultant could choose from, so a part added later is told apart
            # from one left out (see `_from_json`).
            "offered": list(section_codes(self.document)),
            "birth_dates": self.birth_dates,
            "contact_details": self.contact_details,
            "uninvolved_persons": self.uninvolved_persons,
            "special_categories": self.special_categories,
            "family_version": self.family_version,
        }


def default_selection(document: Document | str) -> Selection:
    document = Document(document)
    return Selection(document=document, sections=frozenset(section_codes(document)))


def check_selection(selection: Selection) -> Selection:
    """The selection, clean: the audience trimmed, unknown sections refused, at least one."""
    audience = " ".join(selection.audience.split())
    with collect() as problems:
        if len(audience) > MAX_AUDIENCE:
            problems.add(
                Problem(
                    "audience",
                    _("'For whom' is too long: at most {max} characters.").format(max=MAX_AUDIENCE),
                )
            )
        unknown = selection.sections - set(section_codes(selection.document))
        if unknown:
            raise ValueError(f"unknown sections {sorted(unknown)!r}")  # a programming error
        if not selection.sections:
            problems.add(Problem("sections", _("Choose at least one part to include.")))
        if selection.family_version and selection.document is not Document.PLAN:
            problems.add(
                Problem("family_version", _("Only the plan has a version for the family."))
            )
    return replace(selection, audience=audience)


class ExportSelection(BelongsToCase, Tracked, Entity):
    """The last selection made for a case's document (one row per case and document)."""

    __tablename__ = "export_selections"
    __audit_entity__ = "export_selection"
    __table_args__ = (
        UniqueConstraint("household_id", "document", name="uq_export_selections_document"),
    )

    document: Mapped[str20]
    #: The selection as JSON (audience, sections, the four choices).
    settings: Mapped[str]

    def audit_label(self) -> str:
        return self.document


def _stored_sections(document: Document, data: Mapping[str, Any]) -> frozenset[str]:
    """The sections of a stored selection as this version knows them. A part the document
    gained after the choice was made is included only when everything offered then was
    chosen: the whole plan stays the whole plan, while a cut for a partner is not widened
    behind the consultant's back (the dialog shows the new part unticked)."""
    known = set(section_codes(document))
    chosen = frozenset(s for s in data.get("sections", ()) if s in known)
    stored = data.get("offered")
    if isinstance(stored, list) and all(isinstance(s, str) for s in stored):
        offered = set(stored)
    else:  # stored before parts were added (or damaged): what the document had at first
        offered = set(_FIRST_SECTIONS[document])
    if chosen and offered & known <= chosen:
        chosen |= known - offered
    return chosen or default_selection(document).sections


def _from_json(document: Document, data: Mapping[str, Any]) -> Selection:
    """A stored selection; anything odd (a section a later version dropped) falls back."""
    base = default_selection(document)
    sections = _stored_sections(document, data)
    return Selection(
        document=document,
        audience=str(data.get("audience", "")),
        sections=sections,
        birth_dates=bool(data.get("birth_dates", base.birth_dates)),
        contact_details=bool(data.get("contact_details", base.contact_details)),
        uninvolved_persons=bool(data.get("uninvolved_persons", base.uninvolved_persons)),
        special_categories=bool(data.get("special_categories", base.special_categories)),
        family_version=bool(data.get("family_version", base.family_version)),
    )


def get_selection(uow: UnitOfWork, case_id: int, document: Document | str) -> Selection:
    """The case's remembered selection for `document`, or the default."""
    document = Document(document)
    with uow:
        get(uow, Household, case_id)
        row = uow.session.scalar(
            select(ExportSelection).where(
                ExportSelection.household_id == case_id,
                ExportSelection.document == document.value,
            )
        )
        if row is None:
            return default_selection(document)
        try:
            return _from_json(document, json.loads(row.settings))
        except (ValueError, AttributeError, TypeError):
            return default_selection(document)


def remember_selection(uow: UnitOfWork, case_id: int, selection: Selection) -> Outcome[Selection]:
    """Store `selection` as the case's choice for its document (checked first). A closed case
    keeps its last choice: exporting from it is fine, remembering a new choice is not needed."""
    clean = check_selection(selection)
    with uow:
        household = get(uow, Household, case_id)
        if household.status != CaseStatus.OPEN.value:
            return Outcome(clean)
        row = uow.session.scalar(
            select(ExportSelection).where(
                ExportSelection.household_id == case_id,
                ExportSelection.document == clean.document.value,
            )
        )
        text = json.dumps(clean.as_json(), ensure_ascii=False, sort_keys=True)
        if row is None:
            uow.session.add(
                ExportSelection(household_id=case_id, document=clean.document.value, settings=text)
            )
        elif row.settings != text:
            row.settings = text
        else:
            return Outcome(clean)
        return Outcome(clean, uow.commit())
