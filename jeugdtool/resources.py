"""One way to reach the data files in `resources/`, from a checkout or from a wheel."""

from __future__ import annotations

import json
from collections.abc import Sequence
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


def load_shipped_json(parts: Sequence[str], error: type[Exception], cannot_read: str) -> Any:
    """A data file jeugdtool ships (prompts, rules); `error` with `cannot_read` (a translated
    message naming its `{path}` and `{reason}`) when it cannot be read or parsed."""
    try:
        return load_json(*parts)
    except (OSError, ValueError) as exc:
        raise error(cannot_read.format(path=path(*parts), reason=exc)) from exc


def schema_problems(document: Any, *schema: str) -> list[str]:
    """Every place where `document` breaks the JSON schema `schema` (a resource), as
    "json.path: what is wrong", in the document's order."""
    from jsonschema import Draft202012Validator  # imported when first needed, not at start-up

    from jeugdtool.jsonfile import json_path  # it imports i18n, which imports this module

    validator = Draft202012Validator(load_json(*schema))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{json_path(e.absolute_path, root='(root)')}: {e.message}" for e in errors]
