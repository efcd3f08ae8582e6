"""Column types that keep a plain storage and give Python a better shape."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Dialect
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator


def split_lines(text: str) -> tuple[str, ...]:
    """Newline-joined text as its lines, each stripped; blank lines left out."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class Lines(TypeDecorator[tuple[str, ...]]):
    """A short list of texts (names, lineages) stored as newline-joined text — the storage since
    the column was made, so no migration and old files read the same — and a tuple in Python.

    A text given is stored as it is (it is already newline-joined)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Iterable[str] | str | None, dialect: Dialect) -> Any:
        if value is None or isinstance(value, str):
            return value
        return "\n".join(line for line in value if line.strip())

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...]:
        return split_lines(value or "")

    def coerce_compared_value(self, op: Any, value: Any) -> Any:
        return self.impl_instance if isinstance(value, str) else self
