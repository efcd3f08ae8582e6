"""`jeugdtool help-products import FILE | list | remove LIST_ID`: the product lists the kinds of
help come from (the shipped ones and a region's own).

cli.py builds the parser with `add_command` when the program starts, so this module imports no
data layer at the top: the services (outcomes/products.py) load only when a command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from jeugdtool.cli_base import OK
from jeugdtool.cli_base import Command
from jeugdtool.cli_base import add_file
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

if TYPE_CHECKING:
    from jeugdtool.outcomes.products import ProductList


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
    add_file(
        imp,
        _("FILE.json"),
        _("the file to read"),
        "--replace",
        _("replace the list with the same list_id the database already has"),
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
    from jeugdtool.cli_commands import run_import
    from jeugdtool.outcomes.products import ProductListError
    from jeugdtool.outcomes.products import ProductListExists
    from jeugdtool.outcomes.products import import_document
    from jeugdtool.outcomes.products import read_file

    def report(done: ProductList) -> None:
        n = len(done.categories)
        message = ngettext(
            "The product list {id} (version {version}, {n} kind of help) imported from {path}.",
            "The product list {id} (version {version}, {n} kinds of help) imported from {path}.",
            n,
        )
        print(message.format(id=done.list_id, version=done.version, n=n, path=args.file))

    return run_import(
        args,
        read_file,
        import_document,
        report,
        unreadable=ProductListError,
        exists=ProductListExists,
    )


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
