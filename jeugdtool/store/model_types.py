"""The column declarations the tables share: `Annotated` types for `Mapped[...]` and the
foreign-key columns, so a table says what a column is and not again how it is stored.

`Base.type_annotation_map` (store/base.py) turns the annotations into column types: `str` is
Text, `tuple[str, ...]` is Lines, `dt.datetime` is UTCDateTime and `str10` … `str200` are
VARCHARs of that length. As everywhere in SQLAlchemy's annotated declarative, `X | None` makes
a column nullable and a plain `X` makes it NOT NULL.
"""

from __future__ import annotations

from typing import Annotated
from typing import Any

from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy.orm import MappedColumn
from sqlalchemy.orm import declared_attr
from sqlalchemy.orm import mapped_column

#: Short codes: a vocabulary value, a status, a kind.
str10 = Annotated[str, 10]
str20 = Annotated[str, 20]
str30 = Annotated[str, 30]
#: A lineage (`uuid4().hex`: the same item across versions), a case number.
str32 = Annotated[str, 32]
str40 = Annotated[str, 40]
str100 = Annotated[str, 100]
#: A name as it was then: who did it, who said it, for whom.
str200 = Annotated[str, 200]

#: A row's place among its siblings (1-based once placed).
ordinal = Annotated[int, mapped_column(default=0)]


def parent_fk(table: str, **kwargs: Any) -> MappedColumn[Any]:
    """The row this one belongs to: NOT NULL, and removed with it (ON DELETE CASCADE)."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, **kwargs)


def optional_fk(table: str, **kwargs: Any) -> MappedColumn[Any]:
    """A row this one points to, if any: the pointer is cleared when that row goes
    (ON DELETE SET NULL)."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="SET NULL"), **kwargs)


def ordered_index(column: str, suffix: str) -> Any:
    """`__table_args__` for a mixin of rows listed in order under `column` (their `position`):
    the index `ix_<table>_<suffix>` on (column, position), named after each table that uses it."""

    @declared_attr.directive
    def table_args(cls: Any) -> tuple[Index, ...]:
        return (Index(f"ix_{cls.__tablename__}_{suffix}", column, "position"),)

    return table_args
