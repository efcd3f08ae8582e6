"""The one declarative `Base`, and the columns every user-edited row carries.

No `from __future__ import annotations` here, nor in cases/models.py (the case list's tables):
SQLAlchemy reads a `Mapped[...]` annotation given as text by evaluating it (a mixin's again for
every table that uses it: ~10 % of the Python calls of declaring the list's tables before its
first paint, and half the evaluations of loading every model after it); an annotation Python
has evaluated already is only looked up. A forward reference to a class declared further down
is written in quotes (`Mapped[list["Person"]]`).
"""

import importlib
from datetime import UTC
from datetime import datetime
from typing import Any
from typing import ClassVar

from sqlalchemy import DateTime
from sqlalchemy import Index
from sqlalchemy import MetaData
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import TypeDecorator
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import configure_mappers
from sqlalchemy.orm import declared_attr
from sqlalchemy.orm import mapped_column

from jeugdtool.store.columns import Lines
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str10
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str30
from jeugdtool.store.model_types import str32
from jeugdtool.store.model_types import str40
from jeugdtool.store.model_types import str100
from jeugdtool.store.model_types import str200

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite stores no zone; we put it back)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def utcnow() -> datetime:
    return datetime.now(UTC)


#: How long the history's name of a row (`audit_label`) may be.
LABEL_LENGTH = 80


def short_label(text: str, length: int = LABEL_LENGTH) -> str:
    """`text` as a row's name in the history: whole, or cut at a word with "…" (the history and
    the access-request dossier show it; a word cut in half reads as a fault)."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    word = cut.rsplit(" ", 1)[0]
    return (word if len(word) >= length // 2 else cut).rstrip(" ,.;:") + "…"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    #: How `Mapped[...]` annotations are stored (store/model_types.py).
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        str: Text,
        tuple[str, ...]: Lines,
        datetime: UTCDateTime(),
        str10: String(10),
        str20: String(20),
        str30: String(30),
        str32: String(32),
        str40: String(40),
        str100: String(100),
        str200: String(200),
    }


class Entity(Base):
    """The base of tables whose rows are known by an integer `id` (all but case_scales, whose
    row is known by its case)."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)


class Tracked:
    """Mixin for rows users edit: optimistic lock, timestamps, author, and an audit trail.

    Subclasses set `__audit_entity__` (a stable name used in the audit table) and may list
    `__audit_ignore__` columns; `audit_case_id()` tells which case a change belongs to.
    """

    __audit_entity__: ClassVar[str]
    __audit_ignore__: ClassVar[frozenset[str]] = frozenset()

    #: Incremented on every UPDATE; a stale write raises instead of overwriting (optimistic lock).
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str200] = mapped_column(default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str200] = mapped_column(default="")

    @declared_attr.directive
    @classmethod
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    def audit_case_id(self) -> int | None:
        return None

    def audit_label(self) -> str:
        """How the row is named in the history when it is created or removed."""
        return ""


class BelongsToCase:
    """Rows that belong to one case: removed with it, and filed under it in the audit trail."""

    household_id: Mapped[int] = parent_fk("households")

    def audit_case_id(self) -> int | None:
        return self.household_id


class ImportedDocument:
    """A file an organisation imported, kept whole as the checked JSON document, with the name
    of the file it came from."""

    document: Mapped[str]
    file_name: Mapped[str] = mapped_column(String(255), default="")


#: Bookkeeping columns that are never shown as "field changed" in the audit trail.
BOOKKEEPING = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by"})


#: The module that imports every package's tables (`jeugdtool/models.py`).
EVERY_MODEL = "jeugdtool.models"


def load_every_model() -> None:
    """Import every package's tables, unless that happened already.

    The program imports them only after the case list has been painted (app.py), so the start
    pays for the list's own tables only. What needs the whole schema calls this first: an
    undo's snapshot follows the cascades into every table (store/snapshot.py), an upgrade's
    after-steps fill every package's data (store/engine.py). Imported by name: the store lies
    below the packages whose tables complete it."""
    importlib.import_module(EVERY_MODEL)


def prepare_every_model() -> None:
    """Import every package's tables and configure their mappers now (what the first query
    of a case's screens would otherwise pay for): done once the case list has been painted."""
    load_every_model()
    configure_mappers()


def index_foreign_keys(metadata: MetaData) -> list[Index]:
    """Give every foreign-key column that leads no index, unique constraint or primary key an
    index of its own (`ix_<table>_<column>`), and return the indexes added.

    Without one, removing a parent row scans the whole child table for each row it removes
    (`ON DELETE CASCADE` / `SET NULL` — a large case took seconds to remove), and team mode's
    row-level security filters every case table on `household_id`. Called once, after every
    model is loaded (`jeugdtool/models.py`); the migrations create the same indexes.
    """
    added = []
    for table in metadata.tables.values():
        led = {next(iter(ix.columns)).name for ix in table.indexes if ix.columns}
        led |= {
            next(iter(c.columns)).name
            for c in table.constraints
            if getattr(c, "columns", None) and not c.__class__.__name__.startswith("ForeignKey")
        }
        for column in table.columns:
            if column.foreign_keys and column.name not in led and not column.index:
                added.append(Index(f"ix_{table.name}_{column.name}", column))
    return added
