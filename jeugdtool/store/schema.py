"""The schema revisions this jeugdtool knows, without importing alembic (start-up stays light).

Every migration in `migrations/versions/` adds its revision id here, oldest first; a test
checks that this list and alembic's script directory agree.
"""

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
)
HEAD = REVISIONS[-1]
