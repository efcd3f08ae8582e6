"""The product lists a help item's kind comes from: the shipped ones plus a region's own imports.

jeugdtool ships a generic list (`resources/help/*.json`, schema
`resources/schemas/help-products.schema.json`) based on the national Jeugdwet product
categories; a region or organisation imports its own list (`jeugdtool help-products import`),
which is checked (every problem with its place in the file), stored whole in the database
(`help_product_lists`, a reference table in team mode) and audited. A list that help items use
stays; replacing it must keep the codes they use.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from functools import lru_cache
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool import resources
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.jsonfile import BrokenText
from jeugdtool.jsonfile import json_path
from jeugdtool.jsonfile import read_json
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.models import HelpProductList
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

SCHEMA = ("schemas", "help-products.schema.json")
FOLDER = "help"
#: A product list is some tens of kB (a regional list with every product code a few hundred).
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Serializes imports, so two colleagues cannot both add the same list.
IMPORT_LOCK = "help-products-import"

log = logging.getLogger(__name__)


class ProductListError(JeugdtoolError):
    """A shipped list is damaged, or a file cannot be read as JSON at all."""


class ProductListExists(InvalidInput):
    """The database already holds a list with this id; `replace` overwrites it."""


@dataclass(frozen=True)
class Product:
    """One kind of help in a list (a national category or a regional product)."""

    code: str
    label: str
    #: A heading to group by when choosing ("Jeugdhulp met verblijf"); may be empty.
    group: str = ""
    #: Freely accessible help without a decision (voorliggend veld).
    free_access: bool = False
    description: str = ""


@dataclass(frozen=True)
class ProductList:
    """A whole list: shipped (`builtin`) or imported (`import_id`, who and when)."""

    list_id: str
    name: str
    version: str
    source: str
    categories: tuple[Product, ...]
    builtin: bool
    import_id: int | None = None
    file_name: str = ""
    imported_by: str = ""

    def product(self, code: str) -> Product | None:
        return next((p for p in self.categories if p.code == code), None)


# ---- checking a document --------------------------------------------------------------------


def _schema_message(error: Any) -> list[Problem]:
    """One jsonschema error as problems in the user's language, at their places."""
    where = list(error.absolute_path)
    kind, value = error.validator, error.instance
    if kind == "required":
        missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
        return [Problem(json_path([*where, k]), _("required field is missing.")) for k in missing]
    if kind == "additionalProperties" and isinstance(value, dict):
        known = error.schema.get("properties", {})
        unknown = [k for k in value if k not in known]
        return [Problem(json_path([*where, k]), _("unknown field; remove it.")) for k in unknown]
    path = json_path(where, root="(root)")
    if kind == "type":
        return [Problem(path, _("has the wrong type."))]
    if kind in ("pattern", "minLength") and isinstance(value, str) and not value.strip():
        return [Problem(path, _("must not be empty or only spaces."))]
    if kind == "pattern" and where and where[-1] == "list_id":
        message = _("'{value}' is not a valid list id (lower-case letters, digits and -).")
        return [Problem(path, message.format(value=str(value)[:60]))]
    if kind == "pattern" and where and where[-1] == "code":
        message = _("'{value}' is not a valid code (letters, digits, '.', '_' and '-').")
        return [Problem(path, message.format(value=str(value)[:60]))]
    if kind == "minItems":
        return [Problem(path, _("must not be empty."))]
    if kind in ("maxItems", "maxLength"):
        return [Problem(path, _("is too long."))]
    return [Problem(path, _("is not valid here."))]


def check_document(doc: Any) -> list[Problem]:
    """Every problem of a product list document (its shape, then codes used twice)."""
    if not isinstance(doc, dict):
        return [Problem("(root)", _("This is not a product list: it must be a JSON object."))]
    from jsonschema import Draft202012Validator  # first use only: start-up stays light

    validator = Draft202012Validator(resources.load_json(*SCHEMA))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    # dict: jsonschema reports each missing field as its own error naming all of them.
    problems = list(dict.fromkeys(p for e in errors for p in _schema_message(e)))
    if problems:
        return problems
    seen: set[str] = set()
    for index, category in enumerate(doc["categories"]):
        if category["code"] in seen:
            message = _("the code '{code}' is in the list twice; each code once.")
            path = json_path(["categories", index, "code"])
            problems.append(Problem(path, message.format(code=category["code"])))
        seen.add(category["code"])
    return problems


def list_from(doc: Mapping[str, Any], *, builtin: bool, **given: Any) -> ProductList:
    """A checked document as a ProductList."""
    categories = tuple(
        Product(
            code=c["code"],
            label=c["label"].strip(),
            group=c.get("group", "").strip(),
            free_access=bool(c.get("free_access", False)),
            description=c.get("description", "").strip(),
        )
        for c in doc["categories"]
    )
    return ProductList(
        list_id=doc["list_id"],
        name=doc["name"].strip(),
        version=doc["version"].strip(),
        source=doc["source"].strip(),
        categories=categories,
        builtin=builtin,
        **given,
    )


# ---- the shipped lists ----------------------------------------------------------------------


@cache
def shipped_lists() -> tuple[ProductList, ...]:
    """The lists in `resources/help/`, checked (ProductListError names a damaged file)."""
    found: list[ProductList] = []
    for where in sorted(resources.path(FOLDER).glob("*.json")):
        try:
            doc = resources.load_json(FOLDER, where.name)
        except (OSError, ValueError) as exc:
            message = _("The product list {path} cannot be read: {reason}")
            raise ProductListError(message.format(path=where, reason=exc)) from exc
        problems = check_document(doc)
        if not problems and any(p.list_id == doc["list_id"] for p in found):
            problems = [Problem("list_id", _("another shipped list has this id."))]
        if problems:
            message = _("The product list {path} is damaged; reinstall jeugdtool or undo the edit.")
            lines = "\n".join(str(p) for p in problems)
            raise ProductListError(message.format(path=where) + "\n" + lines)
        found.append(list_from(doc, builtin=True))
    return tuple(found)


# ---- what is in use -------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _imported(key: tuple[int, int], document: str, file_name: str, by: str) -> ProductList:
    """An imported list, parsed once per row version (every help page asks)."""
    return list_from(
        json.loads(document), builtin=False, import_id=key[0], file_name=file_name, imported_by=by
    )


@lru_cache(maxsize=8)
def _damaged(document: str) -> bool:
    """A stored list that is no longer a valid list (checked at import; changed since by hand)."""
    try:
        return bool(check_document(json.loads(document)))
    except ValueError:
        return True


def lists_in(uow: UnitOfWork) -> dict[str, ProductList]:
    """Inside an open unit of work: every list by id, the shipped ones first. A damaged stored
    list is left out (its help items show their codes) rather than stop every help page."""
    found = {p.list_id: p for p in shipped_lists()}
    rows = uow.session.scalars(select(HelpProductList).order_by(HelpProductList.id))
    for row in rows:
        if _damaged(row.document):
            log.warning("Imported product list %s is damaged; import it again", row.id)
            continue
        found[row.list_id] = _imported(
            (row.id, row.version), row.document, row.file_name, row.created_by
        )
    return found


def product_lists(uow: UnitOfWork) -> tuple[ProductList, ...]:
    """Every list in use: the shipped ones, then the imported ones."""
    with uow:
        return tuple(lists_in(uow).values())


def category_label(
    lists: Mapping[str, ProductList] | Iterable[ProductList], list_id: str, code: str
) -> str:
    """The label of `code` in the list `list_id`; the code itself when the list (or the code
    in it) is gone, so old help items still say what they were."""
    by_id = lists if isinstance(lists, Mapping) else {p.list_id: p for p in lists}
    found = by_id.get(list_id)
    product = found.product(code) if found is not None else None
    return product.label if product is not None else code


# ---- importing and removing -----------------------------------------------------------------


def read_file(path: str | os.PathLike[str]) -> Any:
    """The JSON in `path`, read safely (jsonfile.py); ProductListError with a Dutch message
    when it is not that."""
    try:
        return read_json(
            path, kind=_("product list"), max_bytes=MAX_FILE_BYTES, error=ProductListError
        )
    except BrokenText as exc:
        message = _("{path} cannot be imported:\n{problems}")
        raise ProductListError(message.format(path=path, problems=str(exc))) from exc


def import_product_list(
    uow: UnitOfWork, path: str | os.PathLike[str], *, replace: bool = False
) -> Outcome[ProductList]:
    """Read, check and store the list in the file `path` (see `import_document`)."""
    return import_document(uow, read_file(path), file_name=os.path.basename(path), replace=replace)


def import_document(
    uow: UnitOfWork,
    doc: Any,
    *,
    file_name: str = "",
    replace: bool = False,
    expected: ProductList | None = None,
) -> Outcome[ProductList]:
    """Check `doc` and store it. InvalidInput lists every problem; ProductListExists when the
    database already has a list with this id (unless `replace`). `expected` (undo/redo of a
    replacement): the list `doc` replaces as the caller left it; ConflictError otherwise."""
    with uow:
        uow.serialize(IMPORT_LOCK)
        _check_importable(doc)
        existing = _row(uow, doc["list_id"])
        if expected is not None:
            _ensure_as_seen(existing, expected)
        if existing is not None and not replace:
            raise _exists(existing)
        if existing is not None:
            _check_still_fits(uow, doc)
            uow.session.delete(existing)
            uow.flush()
        row = HelpProductList(
            list_id=doc["list_id"],
            name=doc["name"].strip()[:200],
            list_version=doc["version"].strip(),
            document=json.dumps(doc, ensure_ascii=False, sort_keys=True),
            file_name=file_name[:255],
        )
        uow.session.add(row)
        uow.flush()
        done = _imported((row.id, row.version), row.document, row.file_name, row.created_by)
        return Outcome(done, uow.commit())


def _check_importable(doc: Any) -> None:
    """The document is a valid list whose id is not one of the shipped lists' (InvalidInput)."""
    problems = check_document(doc)
    if not problems and doc["list_id"] in {p.list_id for p in shipped_lists()}:
        message = _("'{id}' is a list jeugdtool ships; give your own list another list_id.")
        problems = [Problem("list_id", message.format(id=doc["list_id"]))]
    if problems:
        raise InvalidInput(problems)


def _exists(existing: HelpProductList) -> ProductListExists:
    """The refusal to import a list over the one the database has, naming that one."""
    message = _(
        "This database already has the list '{id}' (version {version}, imported by "
        "{by}). Replace it to use the new file."
    )
    return ProductListExists(
        Problem(
            "list_id",
            message.format(
                id=existing.list_id, version=existing.list_version, by=existing.created_by
            ),
        )
    )


def remove_product_list(
    uow: UnitOfWork, list_id: str, *, expected: ProductList | None = None
) -> Outcome[dict[str, Any]]:
    """Remove an imported list; returns its document (import it again to undo). A list that
    help items use stays. `expected`: the list as the caller left it (undo/redo)."""
    with uow:
        row = _row(uow, list_id)
        if expected is not None:
            _ensure_as_seen(row, expected)
        if row is None:
            message = _(
                "There is no imported product list '{id}' (any more); it may have been removed "
                "in another window."
            )
            raise InvalidInput.at("list_id", message.format(id=list_id))
        used = _uses(uow, list_id)
        if used:
            message = ngettext(
                "The list '{id}' is used by {n} help item, so it stays.",
                "The list '{id}' is used by {n} help items, so it stays.",
                used,
            )
            raise InvalidInput.at("list_id", message.format(id=list_id, n=used))
        doc = json.loads(row.document)
        uow.session.delete(row)
        return Outcome(doc, uow.commit())


def _row(uow: UnitOfWork, list_id: str) -> HelpProductList | None:
    query = select(HelpProductList).where(HelpProductList.list_id == list_id)
    return uow.session.scalar(query)


def _uses(uow: UnitOfWork, list_id: str) -> int:
    query = select(func.count()).select_from(HelpItem).where(HelpItem.product_list == list_id)
    return int(uow.session.scalar(query) or 0)


def _check_still_fits(uow: UnitOfWork, doc: Mapping[str, Any]) -> None:
    """A replaced list keeps the codes help items use (their kind must keep its name)."""
    used = set(
        uow.session.scalars(
            select(HelpItem.category).where(HelpItem.product_list == doc["list_id"]).distinct()
        )
    )
    missing = sorted(used - {c["code"] for c in doc["categories"]})
    if missing:
        message = _(
            "The new file leaves out codes that help items already use: {codes}. Keep those "
            "codes in the list."
        )
        raise InvalidInput.at("categories", message.format(codes=", ".join(missing)))


def _ensure_as_seen(row: HelpProductList | None, expected: ProductList) -> None:
    if row is None:
        raise conflict_error()
    # Every field counts, the list's own `version` too (ensure_as_seen skips a row version).
    if _imported((row.id, row.version), row.document, row.file_name, row.created_by) != expected:
        raise conflict_error()
