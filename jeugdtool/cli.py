"""The `jeugdtool` command: the GUI by default, headless sub-commands for scripting.

Headless commands never import Qt (the GUI module is imported only when it starts). Every failure
a user can cause ends in a translated message on stderr and a non-zero exit code, not a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from jeugdtool import i18n, settings
from jeugdtool.errors import InvalidInput, JeugdtoolError, Problem
from jeugdtool.i18n import _, ngettext
from jeugdtool.store.engine import Database, open_database
from jeugdtool.store.location import Location, resolve
from jeugdtool.store.uow import UnitOfWork

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
    cases.set_defaults(handler=_cmd_cases)

    check = command(
        "check",
        _("check the database"),
        _(
            "Check the database: schema version, SQLite's integrity and foreign-key checks, "
            "and the number of rows per table. Exits with 1 when something is wrong."
        ),
    )
    check.set_defaults(handler=_cmd_check)

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
    export.set_defaults(handler=_cmd_export)

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
    imp.set_defaults(handler=_cmd_import)

    demo = command(
        "demo",
        _("add the demo households"),
        _(
            "Add a few fictional households to the database, to try jeugdtool out. "
            "Demo cases whose number is already in use are skipped."
        ),
    )
    demo.set_defaults(handler=_cmd_demo)
    return parser


def _language_from(argv: Sequence[str], default: str) -> str:
    """--lang, read before the parser is built, so that its help texts are translated too."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    return known.lang if known.lang in i18n.LANGUAGES else default


# ---------------------------------------------------------------- opening the database


def _location(args: argparse.Namespace) -> Location:
    try:
        return resolve(args.db)
    except (ValueError, ArgumentError) as exc:
        raise JeugdtoolError(
            _("'{db}' is not a database file or database address.").format(db=args.db)
        ) from exc


def _author(args: argparse.Namespace, database: Database) -> str:
    if args.user and args.user.strip():
        return str(args.user.strip())
    consultant_id = settings.load().user_for(database.location.key)
    if consultant_id is not None:
        from jeugdtool.cases.consultants import get_consultant

        chosen = get_consultant(UnitOfWork(database, ""), consultant_id)
        if chosen is not None:
            return chosen.name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "jeugdtool"


@contextmanager
def _unit_of_work(args: argparse.Namespace, *, create: bool = False) -> Iterator[UnitOfWork]:
    location = _location(args)
    if not create and location.path is not None and not location.path.exists():
        raise JeugdtoolError(
            _(
                "The database {path} does not exist. Give an existing database with --db, "
                "or create one by starting jeugdtool or with `jeugdtool --db FILE demo`."
            ).format(path=location.display)
        )
    try:
        database = open_database(location)
    except (ImportError, NoSuchModuleError) as exc:
        raise JeugdtoolError(
            _("The program needed for the database {db} is not installed ({reason}).").format(
                db=location.display, reason=exc
            )
        ) from exc
    try:
        yield UnitOfWork(database, _author(args, database))
    finally:
        database.close()


# ---------------------------------------------------------------- the commands


def _cell(value: str) -> str:
    """A value for one tab-separated column (no tabs or line breaks inside)."""
    return " ".join(value.split())


def _cmd_cases(args: argparse.Namespace) -> int:
    from jeugdtool.cases.queries import list_case_summaries

    with _unit_of_work(args) as uow:
        summaries = list_case_summaries(uow)
    for case in summaries:
        if args.status not in ("all", case.status.value):
            continue
        changed = case.last_change_at.astimezone().isoformat(timespec="seconds")
        row = (case.case_number, case.name, case.status.value, case.case_manager, changed)
        print("\t".join(_cell(v) for v in row))
    return OK


def _cmd_check(args: argparse.Namespace) -> int:
    from jeugdtool.store.integrity import check

    with _unit_of_work(args) as uow:
        report = check(uow.database)
        upgraded_from = uow.database.opened_from
    ok, wrong = _("ok"), _("PROBLEM")
    print(_("Database: {db}").format(db=report.location))
    if upgraded_from is not None and upgraded_from != report.schema_revision:
        # Opening always brings an older database up to date (after taking a backup).
        print(
            _("Schema upgraded from {old} on opening; a backup was made first.").format(
                old=upgraded_from
            )
        )
    print(
        _("Schema: {found} (this jeugdtool: {known}) {verdict}").format(
            found=report.schema_revision or "-",
            known=report.program_revision,
            verdict=ok if report.schema_current else wrong,
        )
    )
    if report.integrity is not None:
        print(_("Integrity: {result}").format(result="; ".join(report.integrity)))
    if report.foreign_key_problems is not None:
        broken = report.foreign_key_problems
        print(_("Foreign keys: {result}").format(result="; ".join(broken) if broken else ok))
    for table, count in report.row_counts.items():
        print(f"  {table}\t{count}")
    print(_("Result: {verdict}").format(verdict=ok if report.ok else wrong))
    return OK if report.ok else FAILED


def _cmd_export(args: argparse.Namespace) -> int:
    from jeugdtool.cases.queries import find_case_id
    from jeugdtool.export.casefile import export_case, write_case_file

    with _unit_of_work(args) as uow:
        case_id = find_case_id(uow, args.case)
        if case_id is None:
            raise JeugdtoolError(
                _("There is no case with number {number} in this database.").format(
                    number=args.case.strip()
                )
            )
        doc = export_case(uow, case_id)
    write_case_file(doc, args.out)
    print(
        _("Case {number} written to {path}.").format(
            number=doc["household"]["case_number"], path=args.out
        )
    )
    return OK


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(
            f"{problem.field}: {problem.message}" if problem.field else problem.message,
            file=sys.stderr,
        )


def _cmd_import(args: argparse.Namespace) -> int:
    from jeugdtool.export.casefile import (
        CaseExists,
        CaseFileError,
        import_case,
        read_case_file,
        validate_case_document,
    )

    try:
        doc = read_case_file(args.file)
        problems = validate_case_document(doc)
        if problems:  # before opening: a bad file must not even create a database
            raise InvalidInput(problems)
        with _unit_of_work(args, create=True) as uow:
            outcome = import_case(uow, doc, as_new=args.as_new)
    except CaseExists as exc:
        print(str(exc), file=sys.stderr)
        print(_("Use --as-new to import it under a new case number."), file=sys.stderr)
        return FAILED
    except CaseFileError as exc:
        print(str(exc), file=sys.stderr)
        return BAD_FILE
    except InvalidInput as exc:
        _print_problems(exc.problems)
        n = len(exc.problems)
        print(
            ngettext(
                "Nothing was imported: {n} problem in {path}.",
                "Nothing was imported: {n} problems in {path}.",
                n,
            ).format(n=n, path=args.file),
            file=sys.stderr,
        )
        return BAD_FILE
    case = outcome.value
    persons, network = len(doc["persons"]), len(doc["network"])
    print(
        _("Case {number} ({name}) imported: {persons}, {network}.").format(
            number=case.case_number,
            name=case.name,
            persons=ngettext("{n} household member", "{n} household members", persons).format(
                n=persons
            ),
            network=ngettext("{n} network member", "{n} network members", network).format(
                n=network
            ),
        )
    )
    return OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from jeugdtool.export.demo import load_demo_report

    with _unit_of_work(args, create=True) as uow:
        report = load_demo_report(uow).value
    for case in report.loaded:
        print(
            _("Added demo case {number} ({name}).").format(number=case.case_number, name=case.name)
        )
    for number in report.skipped:
        print(
            _(
                "Skipped demo case {number}: the database already has a case with that number."
            ).format(number=number)
        )
    n = len(report.loaded)
    print(ngettext("{n} demo case added.", "{n} demo cases added.", n).format(n=n))
    return OK


# ---------------------------------------------------------------- main


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except InvalidInput as exc:
        _print_problems(exc.problems)
        return FAILED
    except JeugdtoolError as exc:  # includes DatabaseOpenError
        print(str(exc), file=sys.stderr)
        return FAILED
    except KeyboardInterrupt:
        print(_("Stopped."), file=sys.stderr)
        return 130
    except BrokenPipeError:  # `jeugdtool cases | head`: the reader has gone; that is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK


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
    return _run(args.handler, args)
