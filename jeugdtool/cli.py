"""The `jeugdtool` command: the GUI by default, headless sub-commands for scripting.

Headless commands never import Qt (the GUI module is imported only when it starts). Every failure
a user can cause ends in a translated message on stderr and a non-zero exit code, not a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jeugdtool import i18n, settings
from jeugdtool.i18n import _

#: Exit codes.
OK, FAILED, BAD_FILE = 0, 1, 2
STATUSES = ("open", "closed", "archived", "all")


class _Formatter(argparse.HelpFormatter):
    """argparse's layout with our translated "usage:" prefix."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs: Any):
        super().__init__(formatter_class=_Formatter, add_help=False, **kwargs)
        self._positionals.title = _("arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("show this help and exit"))


# ---------------------------------------------------------------- the parser


def _global_options(parser: argparse.ArgumentParser, default: Any) -> None:
    """--db, --lang, --user: before the command (`jeugdtool --db X cases`) or after it."""
    parser.add_argument(
        "--db",
        metavar=_("PATH_OR_URL"),
        default=default,
        help=_(
            "the database: a file, or an SQLAlchemy URL such as postgresql+psycopg://… "
            "(default: $JEUGDTOOL_DB, else the file in your user data folder)"
        ),
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=default,
        help=_("language of messages: nl (Dutch) or en (English); default from the settings"),
    )
    parser.add_argument(
        "--user",
        metavar=_("NAME"),
        default=default,
        help=_(
            "name stamped on changes made by this command (default: the consultant chosen "
            "for this database in jeugdtool, else your login name)"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="jeugdtool",
        description=_(
            "jeugdtool: Signs of Safety, safety plans and the self-sufficiency matrix. "
            "Without a command the program window opens."
        ),
        epilog=_("Exit codes: 0 done, 1 failed, 2 invalid file or invalid command line."),
    )
    _global_options(parser, None)
    commands = parser.add_subparsers(dest="command", title=_("commands"), metavar=_("COMMAND"))

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=description)
        _global_options(sub, argparse.SUPPRESS)
        return sub

    cases = command(
        "cases",
        _("list the cases"),
        _(
            "List the cases, one per line, with tab-separated columns: case number, name, "
            "status (open, closed, archived), case manager, last change."
        ),
    )
    cases.add_argument(
        "--status",
        choices=STATUSES,
        default="all",
        help=_("only cases with this status (default: all)"),
    )
    cases.set_defaults(handler="cases")

    check = command(
        "check",
        _("check the database"),
        _(
            "Check the database: schema version, SQLite's integrity and foreign-key checks, "
            "and the number of rows per table. Exits with 1 when something is wrong."
        ),
    )
    check.set_defaults(handler="check")

    export = command(
        "export",
        _("write one case to a case file"),
        _("Write one case, with its persons and network, to a JSON case file."),
    )
    export.add_argument("case", metavar=_("CASE"), help=_("the case number, e.g. 2026-0012"))
    export.add_argument(
        "--out",
        metavar=_("FILE.json"),
        required=True,
        type=Path,
        help=_("the file to write (replaced if it exists)"),
    )
    export.set_defaults(handler="export")

    imp = command(
        "import",
        _("add a case from a case file"),
        _(
            "Add the case in a JSON case file. The whole file is checked first; when anything "
            "is wrong, each problem is shown with its place in the file and nothing is imported."
        ),
    )
    imp.add_argument("file", metavar=_("FILE.json"), type=Path, help=_("the case file to read"))
    imp.add_argument(
        "--as-new",
        action="store_true",
        help=_("give the case a new case number (needed when its number is already in use)"),
    )
    imp.set_defaults(handler="import")

    demo = command(
        "demo",
        _("add the demo households"),
        _(
            "Add a few fictional households to the database, to try jeugdtool out. "
            "Demo cases whose number is already in use are skipped."
        ),
    )
    demo.set_defaults(handler="demo")
    _zrm_commands(command)
    _pdf_command(command)
    return parser


def _pdf_command(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    """`jeugdtool pdf CASE --plan|--map|--zrm --out FILE`: a document for network partners."""
    pdf = command(
        "pdf",
        _("write a case document as PDF"),
        _(
            "Write a document of one case as a PDF for network partners. --plan: the safety "
            "plan (without --version the newest finalised version; a plan that is not "
            "finalised yet is marked CONCEPT on every page). --map: the framework of one "
            "mapping moment (--version: its id; default the newest). --zrm: the ZRM summary. "
            "What goes in is the case's last selection for that document, unless changed "
            "with the options below (the command does not remember a new one)."
        ),
    )
    pdf.add_argument("case", metavar=_("CASE"), help=_("the case number, e.g. 2026-0012"))
    document = pdf.add_mutually_exclusive_group(required=True)
    for flag, help_text in (
        ("plan", _("the safety plan")),
        ("map", _("the framework map of one mapping moment")),
        ("zrm", _("the ZRM summary")),
    ):
        document.add_argument(
            f"--{flag}", dest="document", action="store_const", const=flag, help=help_text
        )
    pdf.add_argument(
        "--out",
        metavar=_("FILE.pdf"),
        required=True,
        type=Path,
        help=_("the file to write (replaced if it exists)"),
    )
    pdf.add_argument(
        "--version",
        metavar=_("N"),
        type=int,
        help=_(
            "the plan version, or the id of the mapping moment, to print "
            "(default: the newest finalised plan version, the newest moment)"
        ),
    )
    pdf.add_argument(
        "--for",
        dest="audience",
        metavar=_("AUDIENCE"),
        help=_('for whom the selection is, shown on the document ("school")'),
    )
    pdf.add_argument(
        "--sections",
        metavar=_("CODES"),
        help=_("the parts to include, comma-separated (e.g. agreements,network)"),
    )
    pdf.add_argument(
        "--birth-dates", action="store_true", default=None, help=_("include birth dates")
    )
    pdf.add_argument(
        "--no-contact-details",
        dest="contact_details",
        action="store_false",
        default=None,
        help=_("leave out phone numbers and e-mail addresses"),
    )
    pdf.add_argument(
        "--all-persons",
        dest="uninvolved_persons",
        action="store_true",
        default=None,
        help=_("include persons who are not involved in the agreements"),
    )
    pdf.set_defaults(handler="pdf")


def _zrm_commands(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    """`jeugdtool zrm import|list|remove`: the matrices and the licensed texts in use."""
    zrm = command(
        "zrm",
        _("the self-sufficiency matrices (ZRM) in use"),
        _(
            "The self-sufficiency matrices (ZRM) this database uses: the ones jeugdtool ships, "
            "an organisation's licensed descriptor texts and its own (supplement) matrices."
        ),
    )
    actions = zrm.add_subparsers(
        dest="zrm_command", title=_("commands"), metavar=_("COMMAND"), required=True
    )

    def action(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=summary, description=description)
        _global_options(sub, argparse.SUPPRESS)
        return sub

    imp = action(
        "import",
        _("import a descriptor file or a matrix"),
        _(
            "Import a licensed descriptor file (format jeugdtool-zrm-descriptors) or an "
            "organisation's own matrix (format jeugdtool-zrm-matrix) into the database. The "
            "file is checked first; each problem is shown with its place in the file and "
            "nothing is imported."
        ),
    )
    imp.add_argument("file", metavar=_("FILE.json"), type=Path, help=_("the file to read"))
    imp.add_argument(
        "--replace",
        action="store_true",
        help=_("replace what the database already has for that matrix"),
    )
    imp.set_defaults(handler="zrm_import")
    listing = action(
        "list",
        _("list the matrices and the imported files"),
        _(
            "List the matrices in use (id, version, name, shipped or imported, licensed "
            "descriptors and their source) and the imported files (id, kind, matrix, version, "
            "file, who imported it and when), tab-separated."
        ),
    )
    listing.set_defaults(handler="zrm_list")
    remove = action(
        "remove",
        _("remove an imported file"),
        _(
            "Remove an imported file by its id (see jeugdtool zrm list). An organisation's own "
            "matrix stays as long as assessments use it."
        ),
    )
    remove.add_argument("id", metavar=_("ID"), type=int, help=_("the id of the imported file"))
    remove.set_defaults(handler="zrm_remove")


def _language_from(argv: Sequence[str], default: str) -> str:
    """--lang, read before the parser is built, so that its help texts are translated too."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    return known.lang if known.lang in i18n.LANGUAGES else default


# ---------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    language = _language_from(argv, settings.load().language)
    i18n.set_language(language)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a mistake on the command line (already shown)
        return exc.code if isinstance(exc.code, int) else BAD_FILE
    if args.command is None:
        from jeugdtool.app import run_gui  # Qt only for the window, never for commands

        return int(run_gui(args.db, language))
    from jeugdtool.cli_commands import run_command  # the data layer, for commands only

    return run_command(args.handler, args)
