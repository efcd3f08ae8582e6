"""JSON paths and values as problems in a case file show them (`persons[2].birth_date`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

PathPart = str | int


def json_path(parts: Iterable[PathPart]) -> str:
    """`["persons", 2, "birth_date"]` -> `persons[2].birth_date` (no `$.`, indices from 0)."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def shown(value: Any) -> str:
    """A value as the user typed it in the file: strings in quotes, others as JSON."""
    if isinstance(value, str):
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)
