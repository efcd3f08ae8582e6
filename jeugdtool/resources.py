"""One way to reach the data files in `resources/`, from a checkout or from a wheel."""

from __future__ import annotations

import json
from collections.abc import Callable
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


def refuse_damaged(
    problems: Sequence[object], error: type[Exception], damaged: str, source: object
) -> None:
    """Raise `error` when there are `problems`: `damaged` (a translated message naming the
    file's `{path}`, which is `source`) and every problem on a line of its own."""
    if problems:
        raise error(damaged.format(path=source) + "\n" + "\n".join(str(p) for p in problems))


class ShippedDocument:
    """A JSON data file jeugdtool ships (guided mode's prompts, the wording, the meldcode's
    text), read and checked when first used and kept until `reload()`.

    `check` holds it against the JSON schema `schema` (a resource), then, when that passes,
    against `more_problems` (what a schema cannot say). `cannot_read` and `damaged` are
    English messages marked with `N_()`, translated when raised: `cannot_read` names the file's
    `{path}` and the `{reason}`, `damaged` its `{path}`; `error` carries them.
    """

    def __init__(
        self,
        parts: Sequence[str],
        schema: Sequence[str],
        error: type[Exception],
        *,
        cannot_read: str,
        damaged: str,
        more_problems: Callable[[Any], list[str]],
    ) -> None:
        self.parts = tuple(parts)
        self.schema = tuple(schema)
        self.error = error
        self.cannot_read = cannot_read
        self.damaged = damaged
        self.more_problems = more_problems
        self._document: Any = None

    def check(self, document: Any, source: str | None = None) -> None:
        """Raise `error` listing every place where `document` breaks the rules (`source`: the
        file named in the message; default its place among the resources)."""
        from jeugdtool.i18n import _  # it imports this module

        problems = schema_problems(document, *self.schema) or self.more_problems(document)
        where = "/".join(self.parts) if source is None else source
        refuse_damaged(problems, self.error, _(self.damaged), where)

    def document(self) -> Any:
        """The file's content, read and checked at the first call."""
        if self._document is None:
            from jeugdtool.i18n import _  # it imports this module

            document = load_shipped_json(self.parts, self.error, _(self.cannot_read))
            self.check(document, str(path(*self.parts)))
            self._document = document
        return self._document

    def reload(self) -> None:
        """Forget the read file (after editing it, and in tests)."""
        self._document = None


def schema_problems(document: Any, *schema: str) -> list[str]:
    """Every place where `document` breaks the JSON schema `schema` (a resource), as
    "json.path: what is wrong", in the document's order."""
    from jsonschema import Draft202012Validator  # imported when first needed, not at start-up

    from jeugdtool.jsonfile import json_path  # it imports i18n, which imports this module

    validator = Draft202012Validator(load_json(*schema))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{json_path(e.absolute_path, root='(root)')}: {e.message}" for e in errors]
