"""The case number as part of a proposed PDF file name (no reportlab: a file dialog can propose
a name without loading the PDF machinery)."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[^0-9A-Za-z-]+")


def safe_case_number(case_number: str) -> str:
    """`2026/0012 a` -> `2026-0012-a`: only characters that are safe in a file name on every
    system; "casus" when nothing is left."""
    return _UNSAFE.sub("-", case_number).strip("-") or "casus"
