"""Tables of the ZRM: assessments with a row per domain, and what an organisation imported.

An assessment is one person's matrix on one date, by an assessor, with the matrix (id and
version) it used. Only the newest assessment of a person with a matrix can change; earlier ones
are the record. Domain rows are kept for every domain of the matrix, so "not assessed" is a row
with no level, and copy-forward copies rows one to one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import ImportedDocument
from jeugdtool.store.base import Tracked
from jeugdtool.store.model_types import optional_fk
from jeugdtool.store.model_types import ordinal
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str40
from jeugdtool.store.model_types import str200


class ZrmAssessment(BelongsToCase, Tracked, Entity):
    __tablename__ = "zrm_assessments"
    __audit_entity__ = "zrm_assessment"
    __table_args__ = (
        Index("ix_zrm_assessments_person", "person_id", "assessed_on"),
        Index("ix_zrm_assessments_household", "household_id"),
    )

    person_id: Mapped[int] = parent_fk("persons")
    assessed_on: Mapped[dt.date]
    #: Who assessed (the name as it was then).
    assessor: Mapped[str200]
    matrix_id: Mapped[str40]
    matrix_version: Mapped[str40]
    #: The assessment this one started from (None for the first).
    copied_from_id: Mapped[int | None] = optional_fk("zrm_assessments")
    #: Sources consulted, who was present: anything about the assessment as a whole.
    note: Mapped[str] = mapped_column(default="")
    #: The special category of personal data (framework/special.py) the note holds ("": none).
    special_category: Mapped[str20] = mapped_column(default="")

    def audit_label(self) -> str:
        return f"ZRM {self.assessed_on.isoformat()}"


class ZrmDomainScore(BelongsToCase, Tracked, Entity):
    """One domain of one assessment."""

    __tablename__ = "zrm_domain_scores"
    __audit_entity__ = "zrm_domain_score"
    __table_args__ = (
        UniqueConstraint("assessment_id", "domain", name="uq_zrm_domain_scores_domain"),
    )

    assessment_id: Mapped[int] = parent_fk("zrm_assessments")
    domain: Mapped[str40]
    position: Mapped[ordinal]
    #: 1–5; None: not assessed / not applicable.
    level: Mapped[int | None]
    #: The current situation and the sources.
    note: Mapped[str] = mapped_column(default="")
    #: A limitation (beperking) has no solution and is not a target for change.
    limitation: Mapped[bool] = mapped_column(default=False)
    #: Who carries the functioning: self / network / professional / shared (None: not said).
    carried_by: Mapped[str20 | None]
    focus: Mapped[bool] = mapped_column(default=False)
    target_level: Mapped[int | None]
    target_date: Mapped[dt.date | None]
    #: Safety goals and agreements of the plan (lineages, one per line) this focus serves.
    plan_links: Mapped[tuple[str, ...]] = mapped_column(default=())
    #: The special category of personal data the note holds ("": none).
    special_category: Mapped[str20] = mapped_column(default="")

    def audit_label(self) -> str:
        return self.domain


class ZrmImport(ImportedDocument, Tracked, Entity):
    """A file an organisation imported: licensed descriptors for a matrix, or its own
    (supplement) matrix. Kept whole, as the checked JSON document."""

    __tablename__ = "zrm_imports"
    __audit_entity__ = "zrm_import"
    __table_args__ = (UniqueConstraint("kind", "matrix_id", name="uq_zrm_imports_kind"),)

    #: "matrix" or "descriptors".
    kind: Mapped[str20]
    matrix_id: Mapped[str40]
    matrix_version: Mapped[str40]
    #: Whose texts, under which licence (descriptors); the matrix's name (matrix).
    source: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return f"{self.kind} {self.matrix_id} {self.matrix_version}"
