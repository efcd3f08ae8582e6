"""One way to reach the data files in `resources/`, from a checkout or from a wheel."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@cache
def root() -> Path:
    """The folder holding prompts, schemas, demo data, templates and translations.

    A wheel carries it as `jeugdtool/_resources`; a checkout (editable install) keeps it
    beside the package, as DESIGN.md lays the tree out.
    """
    packaged = Path(str(resources.files("jeugdtool"))) / "_resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def path(*parts: str) -> Path:
    """The path of one resource, e.g. `path("schemas", "case.schema.json")`."""
    return root().joinpath(*parts)


def read_text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")


def load_json(*parts: str) -> Any:
    return json.loads(read_text(*parts))
