"""The schema revisions this jeugdtool knows, without importing alembic (start-up stays light).

Every migration in `migrations/versions/` adds its revision id here, oldest first; a test
checks that this list and alembic's script directory agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
    "0016",
    "0017",
    "0018",
    "0019",
    "0020",
)
HEAD = REVISIONS[-1]

#: Steps that fill what the program itself computes (the folded search keys of the case list),
#: run by `migrate.upgrade` after every upgrade, in its transaction, as the schema's owner: a
#: migration does not import jeugdtool. Each takes the connection and is cheap when nothing is
#: missing. Registered at import by the package that owns the data (`cases.models`).
AFTER_UPGRADE: list[Callable[[Connection], None]] = []
