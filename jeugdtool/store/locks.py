"""Named locks: make a check-then-write step atomic between the users of a server database.

SQLite needs none: jeugdtool starts every SQLite transaction with BEGIN IMMEDIATE, so one
transaction runs at a time and whatever it checked still holds when it writes. PostgreSQL runs
transactions side by side (READ COMMITTED): two users can both check "case number 2026-0013 is
free" and then both insert it. There a transaction-level advisory lock puts such steps in a row;
each statement after taking the lock sees everything the previous holder committed.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection
from sqlalchemy import func
from sqlalchemy import select


def lock_key(name: str) -> int:
    """A stable signed 64-bit number for `name` (PostgreSQL's advisory locks are numbered)."""
    digest = hashlib.blake2b(f"jeugdtool:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def hold_until_transaction_end(conn: Connection, name: str) -> None:
    """Wait until no other transaction holds the lock `name`, then hold it until this one ends."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(lock_key(name))))
