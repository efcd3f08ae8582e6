"""`store.columns.Lines`: a list in Python, the same newline-joined text in the file as before."""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy import create_engine
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import Session
from sqlalchemy.orm import mapped_column

from jeugdtool.store.columns import Lines


class _Base(DeclarativeBase):
    pass


class _Row(_Base):
    __tablename__ = "rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    names: Mapped[tuple[str, ...]] = mapped_column(Lines, nullable=False, default=())


def _session() -> Session:
    engine = create_engine("sqlite://")
    _Base.metadata.create_all(engine)
    return Session(engine)


def test_a_tuple_is_stored_as_lines_and_read_back_as_a_tuple() -> None:
    with _session() as session:
        session.add(_Row(id=1, names=("oma Ria", "", "Mark")))
        session.add(_Row(id=2))
        session.commit()
        stored = session.execute(text("SELECT names FROM rows ORDER BY id")).scalars().all()
        assert stored == ["oma Ria\nMark", ""]
        session.expire_all()
        assert session.scalars(select(_Row.names).order_by(_Row.id)).all() == [
            ("oma Ria", "Mark"),
            (),
        ]


def test_a_new_row_without_a_value_has_no_lines_before_and_after_reading() -> None:
    with _session() as session:
        row = _Row(id=1)
        session.add(row)
        session.flush()
        assert row.names == ()  # as the next read will say, so "as seen" checks agree
        session.expire_all()
        assert session.get(_Row, 1).names == ()


def test_text_written_before_reads_as_its_lines() -> None:
    with _session() as session:
        session.execute(text("INSERT INTO rows (id, names) VALUES (1, ' Ria \n\nMark\n')"))
        assert session.get(_Row, 1).names == ("Ria", "Mark")
