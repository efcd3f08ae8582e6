"""`jeugdtool help-products import FILE | list | remove LIST_ID`: the product lists the kinds of
help come from (the shipped ones and a region's own).

cli.py builds the parser with `add_command` when the program starts, so this module imports no
data layer at the top: the services (outcomes/products.py) load only when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jeugdtool.cli_base import BAD_FILE
from jeugdtool.cli_base import FAILED
from jeugdtool.cli_base import OK
from jeugdtool.cli_base import Command
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

if TYPE_CHECKING:
    from jeugdtool.errors import Problem


def add_command(command: Command, subcommands: Callable[..., Command]) -> None:
    """Add `help-products import|list|remove` to the parser."""
    products = command(
        "help-products",
        _("the product lists the kinds of help come from"),
        _(
            "The product lists a help item's kind of help is chosen from: the generic list "
            "jeugdtool ships (the national Jeugdwet product categories and the voorliggend "
            "veld) and a region's or organisation's own list, imported into the database."
        ),
    )
    action = subcommands(products, "help_products_command")
    imp = action(
        "import",
        _("import a product list"),
        _(
            "Import a region's or organisation's own product list (a JSON file with list_id, "
            "name, version, source and categories; see docs/help-products.md). The file is "
            "checked first; each problem is shown with its place in the file and nothing is "
            "imported."
        ),
    )
    imp.add_argument("file", metavar=_("FILE.json"), type=Path, help=_("the file to read"))
    imp.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the list with the same list_id the database already has"),
    )
    imp.set_defaults(handler="help_products_import")
    listing = action(
        "list",
        _("list the product lists in use"),
        _(
            "List the product lists in use, tab-separated: list id, version, name, shipped or "
            "imported, number of kinds of help, the file and who imported it; then the source "
            "of each list."
        ),
    )
    listing.set_defaults(handler="help_products_list")
    remove = action(
        "remove",
        _("remove an imported product list"),
        _("Remove an imported product list by its list id. A list that help items use stays."),
    )
    remove.add_argument("list_id", metavar=_("LIST_ID"), help=_("the list id (see list)"))
    remove.set_defaults(handler="help_products_remove")


def cmd_help_products_import(args: argparse.Namespace) -> int:
    from jeugdtool.cli_session import unit_of_work
    from jeugdtool.errors import InvalidInput
    from jeugdtool.outcomes.products import ProductListError
    from jeugdtool.outcomes.products import ProductListExists
    from jeugdtool.outcomes.products import import_document
    from jeugdtool.outcomes.products import read_file

    try:
        doc = read_file(args.file)
    except ProductListError as exc:
        print(str(exc), file=sys.stderr)
        return BAD_FILE
    try:
        with unit_of_work(args, write=True) as uow:
            done = import_document(uow, doc, file_name=args.file.name, replace=args.replace).value
    except ProductListExists as exc:
        _print(exc.problems)
        print(_("Use --replace to replace it with this file."), file=sys.stderr)
        return FAILED
    except InvalidInput as exc:
        _print(exc.problems)
        n = len(exc.problems)
        message = ngettext(
            "Nothing was imported: {n} problem in {path}.",
            "Nothing was imported: {n} problems in {path}.",
            n,
        )
        print(message.format(n=n, path=args.file), file=sys.stderr)
        return BAD_FILE
    n = len(done.categories)
    message = ngettext(
        "The product list {id} (version {version}, {n} kind of help) imported from {path}.",
        "The product list {id} (version {version}, {n} kinds of help) imported from {path}.",
        n,
    )
    print(message.format(id=done.list_id, version=done.version, n=n, path=args.file))
    return OK


def cmd_help_products_list(args: argparse.Namespace) -> int:
    from jeugdtool.cli_session import unit_of_work
    from jeugdtool.outcomes.products import product_lists

    with unit_of_work(args) as uow:
        lists = product_lists(uow)
    for found in lists:
        origin = _("shipped") if found.builtin else _("imported")
        row = (
            found.list_id,
            found.version,
            found.name,
            origin,
            str(len(found.categories)),
            found.file_name,
            found.imported_by,
        )
        print("\t".join(" ".join(value.split()) for value in row))
    for found in lists:
        print(_("Source of {id}: {source}").format(id=found.list_id, source=found.source))
    return OK


def cmd_help_products_remove(args: argparse.Namespace) -> int:
    from jeugdtool.cli_session import unit_of_work
    from jeugdtool.outcomes.products import remove_product_list

    with unit_of_work(args, write=True) as uow:
        remove_product_list(uow, args.list_id)
    print(_("The product list {id} removed.").format(id=args.list_id))
    return OK


def _print(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(f"{problem.field}: {problem.message}", file=sys.stderr)
