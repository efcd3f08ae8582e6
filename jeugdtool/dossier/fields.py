"""Cleaning a dossier row's fields: each through its rule, and for a new row the fields it needs
asked for even when the caller left them out, every problem at once."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from jeugdtool.errors import clean_fields
from jeugdtool.errors import collect

Rules = Mapping[str, Callable[[str, Any], Any]]


def clean_row(
    fields: Mapping[str, Any], rules: Rules, required: Iterable[str], *, new: bool
) -> dict[str, Any]:
    """`fields` through `rules` (errors.clean_fields). `new`: each field of `required` that is
    missing goes through its rule as None, so its own "required" problem is named with the
    others (InvalidInput once)."""
    with collect() as problems:
        if new:
            for field in required:
                if field not in fields:
                    with problems.catching():
                        rules[field](field, None)
        clean = problems.check(clean_fields, fields, rules) or {}
    return clean
