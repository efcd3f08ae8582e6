"""Recording the statements that reach the driver, for tests that count what a read costs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event


@contextmanager
def statements_sent(source: Any, *kinds: str) -> Iterator[list[str]]:
    """Every statement that reaches the driver inside the block, its whitespace folded to
    single spaces; with `kinds` ("SELECT", …) only those. `source`: a `Database`, a unit of
    work or an engine. The list fills while the block runs (a test may clear it)."""
    engine = getattr(getattr(source, "database", source), "engine", source)
    wanted = tuple(kind.upper() for kind in kinds)
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        folded = " ".join(statement.split())
        if not wanted or folded.upper().startswith(wanted):
            seen.append(folded)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
