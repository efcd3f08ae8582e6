"""Probes on a database the tests share: which writes reach the driver."""

from __future__ import annotations

from sqlalchemy import event

from jeugdtool.store.engine import Database


def writes_reaching_the_driver(db: Database) -> list[str]:
    """Every statement that changes something and reaches the driver, from now on."""
    seen: list[str] = []

    def record(_conn, _cursor, statement: str, *_args) -> None:
        if statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    return seen
