"""The access log (NEN 7513): who opened, exported, printed or presented which case, when, why.

The audit trail (store/audit.py) records changes; this log records access. Both deployments
write it: the SQLite file for one consultant (it belongs in a family's access request) and the
team database, where PostgreSQL itself fills in who and when (a trigger: a client cannot write a
row in someone else's name) and lets clients only add rows, never change or remove them
(store/team_sql.py).

Recording comes *before* the access it logs: when the row cannot be written, the export or
presentation does not happen. Only a database that may only be read (a file opened read-only on
purpose) is read without a row, because nothing can be written to it at all; that is logged.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import insert
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.i18n import N_
from jeugdtool.i18n import LabelledEnum
from jeugdtool.store.base import Base
from jeugdtool.store.base import UTCDateTime
from jeugdtool.store.base import utcnow

if TYPE_CHECKING:
    from jeugdtool.store.uow import UnitOfWork


class AccessAction(LabelledEnum):
    """The kinds of access that are logged; the label is what the privacy officer reads."""

    OPEN = "open", N_("opened the case")
    EXPORT = "export", N_("exported the case file")
    PDF = "pdf", N_("made a PDF")
    PRESENT = "present", N_("presented in a meeting")
    IMPORT = "import", N_("imported the case")
    BREAK_GLASS = "break_glass", N_("emergency access")
    HANDOVER = "handover", N_("handed the case over")


class AccessLogEntry(Base):
    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_case_at", "case_id", "at"),
        Index("ix_access_log_person_at", "person_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    #: The person (consultants.id); no foreign key: the log outlives a removed person.
    person_id: Mapped[int | None] = mapped_column(Integer)
    who: Mapped[str] = mapped_column(String(200), nullable=False)
    #: The database login in team mode (None in single-user mode).
    login: Mapped[str | None] = mapped_column(String(63))
    #: No foreign key: the log outlives a removed case.
    case_id: Mapped[int | None] = mapped_column(Integer)
    case_number: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    #: What exactly, e.g. which document for whom ("safety plan, for: school").
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Why, where a reason was asked (break-the-glass).
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")


def add_row(
    session: object,
    *,
    who: str,
    person_id: int | None,
    action: AccessAction,
    case_id: int | None,
    case_number: str | ColumnElement[str] | None = None,
    detail: str = "",
    reason: str = "",
) -> None:
    """Add one row in the session's transaction (the caller commits). `case_number` may be a
    scalar subquery, read by the INSERT itself."""
    session.execute(  # type: ignore[attr-defined]
        insert(AccessLogEntry.__table__).values(
            at=utcnow(),
            who=who,
            person_id=person_id,
            action=action.value,
            case_id=case_id,
            case_number=case_number,
            detail=detail,
            reason=reason,
        )
    )


def log(uow: UnitOfWork, action: AccessAction, **fields: Any) -> None:
    """Add one row in `uow`'s open transaction, in the name of its user (the caller commits);
    `fields` as for `add_row`: `case_id`, perhaps `case_number`, `detail`, `reason`."""
    add_row(uow.session, who=uow.author, person_id=uow.person_id, action=action, **fields)
