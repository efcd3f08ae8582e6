"""JSON paths and values as problems in a case file show them (`persons[2].birth_date`)."""

from __future__ import annotations

import json
from typing import Any

from jeugdtool.jsonfile import json_path

__all__ = ["MAX_SHOWN", "PathPart", "clipped", "json_path", "shown"]

PathPart = str | int


#: A value quoted in a message is cut to this many characters: a file may hold megabytes
#: where a name belongs, and a message must stay readable (and a dialog quick to draw).
MAX_SHOWN = 60


def clipped(text: str) -> str:
    """`text`, cut to MAX_SHOWN characters with "…" when it is longer."""
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def shown(value: Any) -> str:
    """A value as the user typed it in the file: strings in quotes, others as JSON (cut)."""
    if isinstance(value, str):
        return f"'{clipped(value)}'"
    return clipped(json.dumps(value, ensure_ascii=False))
