"""Tables of the ZRM: assessments with a row per domain, and what an organisation imported.

An assessment is one person's matrix on one date, by an assessor, with the matrix (id and
version) it used. Only the newest assessment of a person with a matrix can change; earlier ones
are the record. Domain rows are kept for every domain of the matrix, so "not assessed" is a row
with no level, and copy-forward copies rows one to one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.framework.models import BelongsToCase
from jeugdtool.store.base import Base
from jeugdtool.store.base import Tracked


class ZrmAssessment(BelongsToCase, Tracked, Base):
    __tablename__ = "zrm_assessments"
    __audit_entity__ = "zrm_assessment"
    __table_args__ = (
        Index("ix_zrm_assessments_person", "person_id", "assessed_on"),
        Index("ix_zrm_assessments_household", "household_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), nullable=False
    )
    assessed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    #: Who assessed (the name as it was then).
    assessor: Mapped[str] = mapped_column(String(200), nullable=False)
    matrix_id: Mapped[str] = mapped_column(String(40), nullable=False)
    matrix_version: Mapped[str] = mapped_column(String(40), nullable=False)
    #: The assessment this one started from (None for the first).
    copied_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("zrm_assessments.id", ondelete="SET NULL")
    )
    #: Sources consulted, who was present: anything about the assessment as a whole.
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return f"ZRM {self.assessed_on.isoformat()}"


class ZrmDomainScore(BelongsToCase, Tracked, Base):
    """One domain of one assessment."""

    __tablename__ = "zrm_domain_scores"
    __audit_entity__ = "zrm_domain_score"
    __table_args__ = (
        UniqueConstraint("assessment_id", "domain", name="uq_zrm_domain_scores_domain"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("zrm_assessments.id", ondelete="CASCADE"), nullable=False
    )
    domain: Mapped[str] = mapped_column(String(40), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: 1–5; None: not assessed / not applicable.
    level: Mapped[int | None] = mapped_column(Integer)
    #: The current situation and the sources.
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: A limitation (beperking) has no solution and is not a target for change.
    limitation: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    #: Who carries the functioning: self / network / professional / shared (None: not said).
    carried_by: Mapped[str | None] = mapped_column(String(20))
    focus: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    target_level: Mapped[int | None] = mapped_column(Integer)
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    #: Safety goals and agreements of the plan (lineages, one per line) this focus serves.
    plan_links: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return self.domain


class ZrmImport(Tracked, Base):
    """A file an organisation imported: licensed descriptors for a matrix, or its own
    (supplement) matrix. Kept whole, as the checked JSON document."""

    __tablename__ = "zrm_imports"
    __audit_entity__ = "zrm_import"
    __table_args__ = (UniqueConstraint("kind", "matrix_id", name="uq_zrm_imports_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "matrix" or "descriptors".
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    matrix_id: Mapped[str] = mapped_column(String(40), nullable=False)
    matrix_version: Mapped[str] = mapped_column(String(40), nullable=False)
    #: Whose texts, under which licence (descriptors); the matrix's name (matrix).
    source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    document: Mapped[str] = mapped_column(Text, nullable=False)
    file_name: Mapped[str] = mapped_column(String(255), nullable=False, default="")

    def audit_label(self) -> str:
        return f"{self.kind} {self.matrix_id} {self.matrix_version}"
