"""The headless sub-commands of `jeugdtool` (cases, check, export, import, demo, zrm, pdf; the
`admin` ones are in cli_admin.py). Who runs them, and how the database is opened for one:
cli_session.py.

Kept apart from `cli.py` so that starting the GUI through the `jeugdtool` command does not load
the data layer before the window is on screen; this module is imported only to run a command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from jeugdtool.cli_base import BAD_FILE
from jeugdtool.cli_base import FAILED
from jeugdtool.cli_base import OK
from jeugdtool.cli_session import WrongOption
from jeugdtool.cli_session import location_of
from jeugdtool.cli_session import open_for
from jeugdtool.cli_session import sign_in
from jeugdtool.cli_session import unit_of_work
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.uow import UnitOfWork

if TYPE_CHECKING:
    from jeugdtool.cases.staff import StaffMember
    from jeugdtool.export.disclose import Written
    from jeugdtool.store.changes import Outcome
    from jeugdtool.zrm.library import ImportDTO

#: Exit codes.


# ---------------------------------------------------------------- the commands


def _cell(value: str) -> str:
    """A value for one tab-separated column (no tabs or line breaks inside)."""
    return " ".join(value.split())


def cmd_cases(args: argparse.Namespace) -> int:
    from jeugdtool.cases.queries import list_case_summaries

    with unit_of_work(args) as uow:
        summaries = list_case_summaries(uow)
    for case in summaries:
        if args.status not in ("all", case.status.value):
            continue
        changed = case.last_change_at.astimezone().isoformat(timespec="seconds")
        row = (case.case_number, case.name, case.status.value, case.case_manager, changed)
        print("\t".join(_cell(v) for v in row))
    return OK


def cmd_check(args: argparse.Namespace) -> int:
    from jeugdtool.store.integrity import check

    with unit_of_work(args) as uow:
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


def case_id_of(uow: UnitOfWork, number: str) -> int:
    """The id of the case with this number; an error saying why there is none. On a team
    database a case outside one's access is not there at all, so the message says both."""
    from jeugdtool.cases.queries import find_case_id

    case_id = find_case_id(uow, number)
    if case_id is not None:
        return case_id
    if uow.database.location.is_sqlite:
        raise JeugdtoolError(
            _("There is no case with number {number} in this database.").format(
                number=number.strip()
            )
        )
    from jeugdtool.cases.access import no_access

    raise no_access(number)


def cmd_export(args: argparse.Namespace) -> int:
    from jeugdtool.export.casefile import save_case_file

    with unit_of_work(args) as uow:
        case_id = case_id_of(uow, args.case)
        written = save_case_file(uow, case_id, args.out, recipient=args.recipient or "")
    print(_("Case {number} written to {path}.").format(number=args.case.strip(), path=args.out))
    return _told_unlogged(written)


def _told_unlogged(written: Written) -> int:
    """After a file was written: say on stderr when the disclosure log has no row for it.
    A fault (full disk…) exits with FAILED, so a script notices; a read-only database is
    what the user chose, so the export stays a success."""
    if written.logged:
        return OK
    print(written.unlogged, file=sys.stderr)
    return FAILED if written.fault else OK


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(
            f"{problem.field}: {problem.message}" if problem.field else problem.message,
            file=sys.stderr,
        )


def _assignment(person: StaffMember) -> tuple[int | None, int | None]:
    """(team, case manager) of a case this person imports on a team database."""
    from jeugdtool.cases import staff

    if not person.teams:
        raise JeugdtoolError(
            _(
                "You are not in any team, and a case always belongs to a team. Ask your "
                "administrator to add you to your team. Nothing was imported."
            )
        )
    return staff.default_assignment(person)


def cmd_import(args: argparse.Namespace) -> int:
    from jeugdtool.export.casefile import CaseExists
    from jeugdtool.export.casefile import CaseFileError
    from jeugdtool.export.casefile import add_checked_case
    from jeugdtool.export.casefile import check_case
    from jeugdtool.export.casefile import left_out_notes_message
    from jeugdtool.export.casefile import read_case_file
    from jeugdtool.export.casefile import validate_case_document

    try:
        doc = read_case_file(args.file)
        location = location_of(args)
        if location.path is not None and not location.path.exists():
            # A bad file must not even create a database. A new one knows only the shipped
            # ZRM matrices; an existing one is asked by the import (it may have its own).
            problems = validate_case_document(doc)
            if problems:
                raise InvalidInput(problems)
        with open_for(args, create=True, write=True) as database:
            who = sign_in(args, database)
            # Team mode: the importer's team, with them as case manager.
            assign_to = _assignment(who.person) if who.person else None
            checked = check_case(who.uow, doc)  # also: whose working notes stay out
            if checked.number_taken and not args.as_new:
                raise CaseExists(checked.case_number)
            outcome = add_checked_case(who.uow, checked, as_new=args.as_new, assign_to=assign_to)
    except CaseExists as exc:
        print(str(exc), file=sys.stderr)
        print(_("Use --as-new to import it under a new case number."), file=sys.stderr)
        return FAILED
    except CaseFileError as exc:
        print(str(exc), file=sys.stderr)
        return BAD_FILE
    except InvalidInput as exc:
        return _nothing_imported(exc.problems, args.file)
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
    left_out = left_out_notes_message(checked)
    if left_out:
        print(left_out)
    return OK


def cmd_demo(args: argparse.Namespace) -> int:
    from jeugdtool.export.demo import load_demo_report

    with unit_of_work(args, create=True, write=True) as uow:
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


# ---------------------------------------------------------------- zrm


def _nothing_imported(problems: Sequence[Problem], path: object) -> int:
    _print_problems(problems)
    n = len(problems)
    print(
        ngettext(
            "Nothing was imported: {n} problem in {path}.",
            "Nothing was imported: {n} problems in {path}.",
            n,
        ).format(n=n, path=path),
        file=sys.stderr,
    )
    return BAD_FILE


def run_import(
    args: argparse.Namespace,
    read_file: Callable[[Path], Any],
    import_document: Callable[..., Outcome[Any]],
    report: Callable[[Any], None],
    *,
    unreadable: type[Exception],
    exists: type[InvalidInput],
) -> int:
    """`… import FILE [--replace]`: read the file (`unreadable`: it is not JSON at all), check
    and import it (`exists`: the database has it already and --replace was not given), and
    `report` what was imported; every problem with its place in the file."""
    try:
        doc = read_file(args.file)
    except unreadable as exc:
        print(str(exc), file=sys.stderr)
        return BAD_FILE
    try:
        with unit_of_work(args, write=True) as uow:
            done = import_document(uow, doc, file_name=args.file.name, replace=args.replace).value
    except exists as exc:
        _print_problems(exc.problems)
        print(_("Use --replace to replace it with this file."), file=sys.stderr)
        return FAILED
    except InvalidInput as exc:
        return _nothing_imported(exc.problems, args.file)
    report(done)
    return OK


def cmd_zrm_import(args: argparse.Namespace) -> int:
    from jeugdtool.zrm.library import ImportExists
    from jeugdtool.zrm.library import ZrmFileError
    from jeugdtool.zrm.library import import_document
    from jeugdtool.zrm.library import read_file

    def report(done: ImportDTO) -> None:
        if done.kind == "descriptors":
            message = _(
                "Licensed descriptors for {matrix} (version {version}) imported from {path}, as "
                "import {id}."
            )
        else:
            message = _(
                "The matrix {matrix} (version {version}) imported from {path}, as import {id}."
            )
        print(
            message.format(matrix=done.matrix_id, version=done.version, path=args.file, id=done.id)
        )

    return run_import(
        args, read_file, import_document, report, unreadable=ZrmFileError, exists=ImportExists
    )


def cmd_zrm_list(args: argparse.Namespace) -> int:
    from jeugdtool.zrm.library import list_imports
    from jeugdtool.zrm.library import matrices

    with unit_of_work(args) as uow:
        in_use = matrices(uow)
        imports = list_imports(uow)
    print(_("Matrices:"))
    for m in in_use:
        origin = _("shipped") if m.builtin else _("imported")
        if m.licensed:
            texts = _("licensed descriptors: yes ({source})").format(
                source=m.descriptor_source or "-"
            )
        else:
            texts = _("licensed descriptors: no")
        row = (m.id, m.version, m.name.get(), origin, texts)
        print("\t".join(_cell(v) for v in row))
    print(_("Imported files:"))
    if not imports:
        print(_("(none)"))
    for i in imports:
        kind = _("descriptors") if i.kind == "descriptors" else _("matrix")
        at = i.imported_at.astimezone().isoformat(timespec="seconds")
        row = (str(i.id), kind, i.matrix_id, i.version, i.file_name, i.imported_by, at, i.source)
        print("\t".join(_cell(v) for v in row))
    return OK


def cmd_zrm_remove(args: argparse.Namespace) -> int:
    from jeugdtool.zrm.library import list_imports
    from jeugdtool.zrm.library import remove_import

    with unit_of_work(args, write=True) as uow:
        found = next((i for i in list_imports(uow) if i.id == args.id), None)
        if found is None:
            raise JeugdtoolError(
                _(
                    "There is no imported file with id {id}; `jeugdtool zrm list` shows them."
                ).format(id=args.id)
            )
        remove_import(uow, found.id)
    if found.kind == "descriptors":
        message = _("Licensed descriptors for {matrix} (version {version}, import {id}) removed.")
    else:
        message = _("The matrix {matrix} (version {version}, import {id}) removed.")
    print(message.format(matrix=found.matrix_id, version=found.version, id=found.id))
    return OK


# ---------------------------------------------------------------- pdf


#: The options that choose what of a partner document goes in (not for the experience form).
_SELECTION_OPTIONS = (
    "audience",
    "sections",
    "birth_dates",
    "contact_details",
    "uninvolved_persons",
    "special_categories",
    "family_version",
)


def cmd_pdf(args: argparse.Namespace) -> int:
    if getattr(args, "side_by_side", False) and getattr(args, "child_voice", None) is None:
        raise WrongOption(_("--side-by-side is for the child's document (--child-voice) only."))
    if getattr(args, "family_version", None) and args.document != "plan":
        raise WrongOption(_("--family is for the safety plan (--plan) only."))
    if args.document == "experience":
        return _experience_pdf(args)
    if getattr(args, "meldcode", None) is not None:
        return _meldcode_pdf(args)
    if getattr(args, "child_voice", None) is not None:
        return _child_voice_pdf(args)
    if args.document == "network_plan":
        return _network_plan_pdf(args)
    from jeugdtool.export.pdf import documents  # reportlab only when a PDF is made
    from jeugdtool.export.selection import get_selection

    with unit_of_work(args) as uow:
        case_id = case_id_of(uow, args.case)
        remembered = get_selection(uow, case_id, args.document)
        options = _SELECTION_OPTIONS
        try:
            selection = documents.changed_selection(
                remembered, **{name: getattr(args, name) for name in options}
            )
        except documents.UnknownSections as exc:  # a mistake on the command line
            print(str(exc), file=sys.stderr)
            return BAD_FILE
        written = documents.export(uow, case_id, selection, args.out, version=args.version)
    print(
        _("PDF of case {number} written to {path}.").format(
            number=args.case.strip(), path=written.path
        )
    )
    return _told_unlogged(written)


def _case_document(
    args: argparse.Namespace,
    document: str,
    write: Callable[[UnitOfWork, int, Path], Written],
    done: str,
) -> int:
    """`jeugdtool pdf CASE --experience|--network-plan --out FILE`: a document without versions
    and without a selection (`document` names it when such an option is given); `done` names
    the case's `{number}` and the file's `{path}`."""
    if _refused_selection(args, document):
        return BAD_FILE
    with unit_of_work(args) as uow:
        written = write(uow, case_id_of(uow, args.case), args.out)
    print(done.format(number=args.case.strip(), path=written.path))
    return _told_unlogged(written)


def _refused_selection(args: argparse.Namespace, document: str) -> bool:
    """Whether a version or a part of a selection was given for `document` (its name, "The
    network plan"), which has neither; if so, stderr says which options to leave out."""
    given = [name for name in ("version", *_SELECTION_OPTIONS) if getattr(args, name) is not None]
    if given:
        refusal = _(
            "{document} has no versions and no parts to choose: leave out --version, --for, "
            "--sections, --birth-dates, --no-contact-details and --all-persons."
        )
        print(refusal.format(document=document), file=sys.stderr)
    return bool(given)


def _experience_pdf(args: argparse.Namespace) -> int:
    """`jeugdtool pdf CASE --experience --out FILE`: the family's experience form, a page for
    every household member."""
    from jeugdtool.export.pdf.experience_form import write_experience_form  # reportlab

    return _case_document(
        args,
        _("The experience form"),
        write_experience_form,
        _("Experience form of case {number} written to {path}."),
    )


def _network_plan_pdf(args: argparse.Namespace) -> int:
    """`jeugdtool pdf CASE --network-plan --out FILE`: the network's plan for after closure."""
    from jeugdtool.export.pdf.network_plan import write_network_plan  # reportlab

    return _case_document(
        args,
        _("The network plan"),
        write_network_plan,
        _("Network plan of case {number} written to {path}."),
    )


def _meldcode_pdf(args: argparse.Namespace) -> int:
    """`jeugdtool pdf CASE --meldcode N --out FILE`: meldcode record N of the case, for the
    case file; it has no versions and no selection."""
    if _refused_selection(args, _("A meldcode record")):
        return BAD_FILE
    from jeugdtool.dossier.meldcode import records
    from jeugdtool.export.pdf.meldcode_record import meldcode_pdf  # reportlab

    with unit_of_work(args) as uow:
        case_id = case_id_of(uow, args.case)
        found = [r for r in records(uow, case_id) if r.number == args.meldcode]
        if not found:
            raise WrongOption(
                _(
                    "Case {number} has no meldcode record {record}. The window's Meldcode "
                    "page lists the records with their numbers."
                ).format(number=args.case.strip(), record=args.meldcode)
            )
        written = meldcode_pdf(uow, found[0].id, args.out)
    print(
        _("Meldcode record {record} of case {number} written to {path}.").format(
            record=args.meldcode, number=args.case.strip(), path=written.path
        )
    )
    return _told_unlogged(written)


def _child_voice_pdf(args: argparse.Namespace) -> int:
    """`jeugdtool pdf CASE --child-voice FIRST_NAME [--side-by-side] --out FILE`: the child's
    own document (side by side: the three houses on one landscape page)."""
    if _refused_selection(args, _("The child's document")):
        return BAD_FILE
    from jeugdtool.cases.queries import get_case
    from jeugdtool.cases.vocab import PersonRole
    from jeugdtool.export.pdf.child_voice import write_child_voice  # reportlab
    from jeugdtool.folding import fold_key

    with unit_of_work(args) as uow:
        case_id = case_id_of(uow, args.case)
        children = [p for p in get_case(uow, case_id).persons if p.role is PersonRole.CHILD]
        wanted = fold_key(args.child_voice)
        found = [c for c in children if wanted in (fold_key(c.first_name), fold_key(c.full_name))]
        if len(found) != 1:
            names = ", ".join(c.first_name for c in children) or _("none")
            raise WrongOption(
                _(
                    "Case {number} has no one child called {name}. The children of the case: "
                    "{names}."
                ).format(number=args.case.strip(), name=args.child_voice.strip(), names=names)
            )
        written = write_child_voice(
            uow, case_id, found[0].id, args.out, side_by_side=args.side_by_side
        )
    print(
        _("The document for {name} (case {number}) written to {path}.").format(
            name=found[0].first_name, number=args.case.strip(), path=written.path
        )
    )
    return _told_unlogged(written)


# ---------------------------------------------------------------- running one


def run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except WrongOption as exc:
        print(str(exc), file=sys.stderr)
        return BAD_FILE
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


def run_command(name: str, args: argparse.Namespace) -> int:
    """Run the sub-command `name` with its parsed arguments; returns the exit code."""
    if name.startswith("admin_"):
        from jeugdtool import cli_admin

        handler: Callable[[argparse.Namespace], int] = getattr(cli_admin, f"cmd_{name}")
    elif name == "retention":
        from jeugdtool import cli_retention

        handler = cli_retention.cmd_retention
    elif name in ("destroy", "destroyed"):
        from jeugdtool import cli_destroy

        handler = getattr(cli_destroy, f"cmd_{name}")
    elif name.startswith("requests_"):
        from jeugdtool import cli_requests

        handler = getattr(cli_requests, f"cmd_{name}")
    elif name == "install_desktop":
        from jeugdtool import cli_desktop

        handler = cli_desktop.cmd_install_desktop
    elif name.startswith("help_products_"):
        from jeugdtool import cli_help

        handler = getattr(cli_help, f"cmd_{name}")
    elif name == "indicators":
        from jeugdtool import cli_indicators

        handler = cli_indicators.cmd_indicators
    elif name == "access_request":
        from jeugdtool import cli_access_request

        handler = cli_access_request.cmd_access_request
    elif name in ("backup", "restore"):
        from jeugdtool import cli_backup

        handler = getattr(cli_backup, f"cmd_{name}")
    else:
        handler = globals()[f"cmd_{name}"]
    return run(handler, args)
