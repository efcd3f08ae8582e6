"""The `jeugdtool` command: the GUI by default, headless sub-commands for scripting.

Headless commands never import Qt (the GUI module is imported only when it starts). Every failure
a user can cause ends in a translated message on stderr and a non-zero exit code, not a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from jeugdtool import i18n
from jeugdtool import logs
from jeugdtool import settings
from jeugdtool.cli_base import BAD_FILE
from jeugdtool.cli_base import Command
from jeugdtool.cli_base import add_case
from jeugdtool.cli_base import add_file
from jeugdtool.cli_base import add_out
from jeugdtool.cli_base import add_period
from jeugdtool.cli_base import add_repeated
from jeugdtool.cli_base import add_unset_flag
from jeugdtool.i18n import _
from jeugdtool.store.roles import StaffRole  # a plain enum: no data layer at start-up

#: Exit codes.
STATUSES = ("open", "closed", "archived", "all")
#: The kinds of access in the access log (store/access_log.AccessAction, which loads the data
#: layer; a test keeps the two equal).
ACCESS_ACTIONS = ("open", "export", "pdf", "present", "import", "break_glass", "handover")


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


class _Version(argparse.Action):
    """`jeugdtool --version`: the installed version, read only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from jeugdtool import licences

        print(f"jeugdtool {licences.version()}")
        parser.exit()


# ---------------------------------------------------------------- the parser


def _global_options(
    parser: argparse.ArgumentParser, default: Any, *, user_option: bool = True
) -> None:
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
        "--no-encryption",
        action="store_true",
        default=default if default is argparse.SUPPRESS else False,
        help=_(
            "make a new database without encryption (only if your organisation allows it); "
            "without this option a new database is encrypted with the passphrase from "
            "$JEUGDTOOL_PASSPHRASE or one you type"
        ),
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=default,
        help=_("language of messages: nl (Dutch) or en (English); default from the settings"),
    )
    if not user_option:
        return
    parser.add_argument(
        "--user",
        metavar=_("NAME"),
        default=default,
        help=_(
            "name stamped on changes made by this command (default: the consultant chosen "
            "for this database in jeugdtool, else your login name); on a team database the "
            "name always comes from your login"
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
    parser.add_argument("--version", action=_Version, nargs=0, help=_("show the version and exit"))
    # Opens the window, and quits once it shows its database (app.smoke_test): for checking a
    # bundle or an installation without a person at the screen. Not for users, so not listed.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    command = _subcommands(parser, "command", required=False)  # none: the window
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
    add_case(export)
    add_out(export, _("FILE.json"), _("the file to write (replaced if it exists)"))
    export.add_argument(
        "--for",
        dest="recipient",
        metavar=_("WHO"),
        help=_("for whom the case file is, e.g. a new care provider (kept in the disclosure log)"),
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
    add_file(
        imp,
        _("FILE.json"),
        _("the case file to read"),
        "--as-new",
        _("give the case a new case number (needed when its number is already in use)"),
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
    from jeugdtool import cli_help  # help-products: its parser; the services load when it runs

    cli_help.add_command(command, _subcommands)
    _pdf_command(command)
    _backup_commands(command)
    _admin_commands(command)
    _retention_command(command)
    _destroy_commands(command)
    from jeugdtool import cli_requests  # its parser; the services load when it runs

    cli_requests.add_commands(command, _subcommands)
    from jeugdtool import cli_access_request  # likewise

    cli_access_request.add_command(command)
    from jeugdtool import cli_desktop  # install-desktop: no database at all

    cli_desktop.add_command(command)
    from jeugdtool import cli_indicators  # its parser; the queries load when it runs

    cli_indicators.add_command(command)
    return parser


def _destroy_commands(command: Command) -> None:
    """`jeugdtool destroy CASE --reason TEXT [--ground retention|request] [--yes]` and
    `jeugdtool destroyed` (handled by cli_destroy.py)."""
    destroy = command(
        "destroy",
        _("destroy a closed case for good"),
        _(
            "Destroy a closed or archived case: the household and everything in it, its "
            "history and the personal content of its access log are removed, and the freed "
            "space in the file is overwritten. A tombstone without personal data remains "
            "(case number, dates, legal ground, reason, who destroyed it). This cannot be "
            "undone. Asks for the case number as confirmation unless --yes is given. In team "
            "mode only the privacy officer may destroy a case."
        ),
    )
    add_case(destroy)
    destroy.add_argument(
        "--reason",
        metavar=_("TEXT"),
        required=True,
        help=_("why the case is destroyed (at least 10 characters, no names)"),
    )
    destroy.add_argument(
        "--ground",
        choices=("retention", "request"),
        default="retention",
        help=_(
            "the legal ground: retention (the retention period has passed, Jeugdwet art. "
            "7.3.8; the default) or request (at the client's request, art. 7.3.9)"
        ),
    )
    destroy.add_argument(
        "--yes", action="store_true", help=_("do not ask for the case number as confirmation")
    )
    destroy.set_defaults(handler="destroy")
    destroyed = command(
        "destroyed",
        _("list the destroyed cases"),
        _(
            "List the tombstones of the destroyed cases, the most recent first, with "
            "tab-separated columns: case number, opened on, closed on, destroyed at (UTC), "
            "legal ground, destroyed by, reason."
        ),
    )
    destroyed.set_defaults(handler="destroyed")


def _retention_command(command: Command) -> None:
    """`jeugdtool retention [--within DAYS] [--format text|csv]`: the cases due (handled by
    cli_retention.py)."""
    retention = command(
        "retention",
        _("list the cases whose retention date has passed or is near"),
        _(
            "List the closed cases whose retention date has passed or passes within the "
            "period, and every case with an open destruction request, the earliest first, "
            "with tab-separated columns: case number, name, closed on, retention date, days "
            "left (negative once it has passed), destruction request deadline (Jeugdwet art. "
            "7.3.9: three months), days left for the request. The retention date is the "
            "closing date plus the term of the rule in resources/retention/ (Jeugdwet art. "
            "7.3.8: 20 years; 15 years for help that ended before 2020)."
        ),
    )
    retention.add_argument(
        "--within",
        metavar=_("DAYS"),
        type=_days,
        default=90,
        help=_("also the cases whose retention date passes within this many days (default: 90)"),
    )
    retention.add_argument(
        "--format",
        choices=("text", "csv"),
        default="text",
        help=_("text (tab-separated, the default) or csv (with a header line)"),
    )
    retention.set_defaults(handler="retention")


def _days(value: str) -> int:
    """A number of days (0 or more) on the command line."""
    if value.strip().isdigit():
        return int(value)
    raise argparse.ArgumentTypeError(
        _("'{value}' is not a number of days; write a whole number, e.g. 90.").format(value=value)
    )


def _backup_commands(command: Command) -> None:
    """`jeugdtool backup --out FILE` and `jeugdtool restore FILE [--replace]` (cli_backup.py)."""
    backup = command(
        "backup",
        _("make a backup of the database file"),
        _(
            "Make a complete, consistent copy of the database file, also while jeugdtool is "
            "open on it. The copy is complete or not there at all, and only you may read it. "
            "A team database on a server is backed up with pg_dump (docs/team-mode.md)."
        ),
    )
    add_out(backup, _("FILE"), _("the file to write (an existing file is never overwritten)"))
    backup.set_defaults(handler="backup")
    restore = command(
        "restore",
        _("restore a backup as the database file"),
        _(
            "Check a backup (a jeugdtool database, undamaged, of this or an earlier version), "
            "show what it holds, and restore it as the database given with --db: a new file, "
            "an empty one, or with --replace one that has cases (a copy of that is kept in "
            "the backup folder first). Complete or not at all."
        ),
    )
    add_file(
        restore,
        _("FILE"),
        _("the backup to restore"),
        "--replace",
        _("replace a database that already has cases (a copy of it is kept first)"),
    )
    restore.set_defaults(handler="restore")


def _pdf_command(command: Command) -> None:
    """`jeugdtool pdf CASE --plan|--map|--zrm --out FILE`: a document for network partners;
    `--experience`: the family's experience form."""
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
    add_case(pdf)
    document = pdf.add_mutually_exclusive_group(required=True)
    for flag, help_text in (
        ("plan", _("the safety plan")),
        ("map", _("the framework map of one mapping moment")),
        ("zrm", _("the ZRM summary")),
        (
            "experience",
            _(
                "the family's experience form to fill in on paper: one page per household "
                "member (only the first name and the case number are printed)"
            ),
        ),
    ):
        document.add_argument(
            f"--{flag}", dest="document", action="store_const", const=flag, help=help_text
        )
    document.add_argument(
        "--network-plan",
        dest="document",
        action="store_const",
        const="network_plan",
        help=_(
            "the network's own plan for after closure, for the family and its network (from "
            "the latest closing and the last plan)"
        ),
    )
    document.add_argument(
        "--child-voice",
        metavar=_("FIRST_NAME"),
        help=_(
            "the child's own document: the child's newest three houses and drawing, and the "
            "stories made for the child, in large type with only the first name on the pages"
        ),
    )
    document.add_argument(
        "--meldcode",
        metavar=_("N"),
        type=int,
        help=_(
            "meldcode record N of the case (1 is the first), for the case file and not for "
            "network partners"
        ),
    )
    add_out(pdf, _("FILE.pdf"), _("the file to write (replaced if it exists)"))
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
    add_unset_flag(pdf, "--birth-dates", _("include birth dates"))
    add_unset_flag(
        pdf,
        "--no-contact-details",
        _("leave out phone numbers and e-mail addresses"),
        dest="contact_details",
        action="store_false",
    )
    add_unset_flag(
        pdf,
        "--all-persons",
        _("include persons who are not involved in the agreements"),
        dest="uninvolved_persons",
    )
    add_unset_flag(
        pdf,
        "--special-categories",
        _("include agreements and help marked as health, addiction or justice data"),
    )
    pdf.add_argument(
        "--side-by-side",
        action="store_true",
        help=_(
            "with --child-voice: the three houses next to each other on one landscape page "
            "(default: one house a page)"
        ),
    )
    add_unset_flag(
        pdf,
        "--family",
        _(
            "with --plan: the family's version, in the family's own words and with their own "
            "goals (the file name ends in -gezinsversie)"
        ),
        dest="family_version",
    )
    pdf.set_defaults(handler="pdf")


def _zrm_commands(command: Command) -> None:
    """`jeugdtool zrm import|list|remove`: the matrices and the licensed texts in use."""
    zrm = command(
        "zrm",
        _("the self-sufficiency matrices (ZRM) in use"),
        _(
            "The self-sufficiency matrices (ZRM) this database uses: the ones jeugdtool ships, "
            "an organisation's licensed descriptor texts and its own (supplement) matrices."
        ),
    )
    action = _subcommands(zrm, "zrm_command")
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
    add_file(
        imp,
        _("FILE.json"),
        _("the file to read"),
        "--replace",
        _("replace what the database already has for that matrix"),
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


def _subcommands(parser: argparse.ArgumentParser, dest: str, **options: Any) -> Callable[..., Any]:
    """A function adding sub-commands to `parser` (each with the global options); `options`
    for argparse's `add_subparsers` (by default the sub-command is required)."""
    options = {"metavar": _("COMMAND"), "required": True, **options}
    actions = parser.add_subparsers(dest=dest, title=_("commands"), **options)

    def action(
        name: str, summary: str, description: str, *, user_option: bool = True
    ) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=summary, description=description)
        _global_options(sub, argparse.SUPPRESS, user_option=user_option)
        return sub

    return action


def _admin_commands(command: Command) -> None:
    """`jeugdtool admin …`: setting up a team database, its teams and users, the access log."""
    admin = command(
        "admin",
        _("administer a team database"),
        _(
            "Administer a team database on a PostgreSQL server: set it up and upgrade it (as "
            "the login that owns it), add teams and users (as the owner or an administrator), "
            "and export the access log (as the privacy officer; on a database file too). See "
            "docs/team-mode.md."
        ),
    )
    action = _subcommands(admin, "admin_command")
    action(
        "init",
        _("set up an empty team database"),
        _(
            "Set up an empty team database: its tables, the client role and PostgreSQL's access "
            "rules. Run it as the login that owns the database (it may create roles)."
        ),
    ).set_defaults(handler="admin_init")
    action(
        "upgrade",
        _("bring the team database up to this version"),
        _(
            "Bring the team database to this version of jeugdtool: the schema and the access "
            "rules. Run it as the login that owns the database, after a backup (pg_dump). "
            "Clients never upgrade a team database themselves."
        ),
    ).set_defaults(handler="admin_upgrade")
    team = action("team", _("the teams"), _("The teams of the team database."))
    team_action = _subcommands(team, "team_command")
    team_add = team_action("add", _("add a team"), _("Add a team (e.g. 'CJG Stadskanaal')."))
    team_add.add_argument("name", metavar=_("NAME"), help=_("the team's name"))
    team_add.set_defaults(handler="admin_team_add")
    _user_commands(action)
    _access_log_command(action)
    hours = action(
        "break-glass-hours",
        _("show or set how long emergency access lasts"),
        _(
            "Show how many hours emergency access (break-the-glass) lasts in this "
            "organisation, or set it (1 to 168 hours; default 24). Setting it is for the owner "
            "or an administrator."
        ),
    )
    hours.add_argument(
        "hours", nargs="?", type=int, metavar=_("HOURS"), help=_("the new number of hours")
    )
    hours.set_defaults(handler="admin_break_glass_hours")


def _user_commands(action: Callable[..., argparse.ArgumentParser]) -> None:
    """`jeugdtool admin user add|remove`."""
    user = action(
        "user",
        _("the users"),
        _("The users of the team database: each has their own PostgreSQL login."),
    )
    user_action = _subcommands(user, "user_command")
    add = user_action(
        "add",
        _("add a user, or change their name, roles and teams"),
        _(
            "Add a person with their own PostgreSQL login, roles and teams; for an existing "
            "login, set their name, roles and teams to the ones given. Without "
            "--password-stdin the new password is asked twice when a terminal is attached; "
            "otherwise the login gets no password, and the server's pg_hba.conf decides how it "
            "signs in (e.g. Kerberos)."
        ),
    )
    add.add_argument("login", metavar=_("LOGIN"), help=_("the login name, e.g. a.deboer"))
    add.add_argument("--name", required=True, metavar=_("NAME"), help=_("the full name"))
    add.add_argument(
        "--role",
        dest="roles",
        action="append",
        required=True,
        choices=[r.value for r in StaffRole],
        metavar=_("ROLE"),
        help=_("a role: {roles} (repeat for several)").format(
            roles=", ".join(r.value for r in StaffRole)
        ),
    )
    add_repeated(
        add,
        "--team",
        _("TEAM"),
        _("a team the person belongs to (repeat for several; add it first)"),
        dest="teams",
    )
    add.add_argument("--email", metavar=_("EMAIL"), help=_("the e-mail address"))
    add.add_argument(
        "--phone",
        metavar=_("PHONE"),
        help=_("the phone number families and partners call (e.g. 06-12345678)"),
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the new password from the first line of standard input"),
    )
    add.set_defaults(handler="admin_user_add")
    remove = user_action(
        "remove",
        _("remove a user"),
        _(
            "Take a user's access away: their login can no longer sign in, and they are no "
            "longer a user. Their name stays in every history."
        ),
    )
    remove.add_argument("login", metavar=_("LOGIN"), help=_("the login name"))
    remove.set_defaults(handler="admin_user_remove")


def _access_log_command(action: Callable[..., argparse.ArgumentParser]) -> None:
    """`jeugdtool admin access-log`: the privacy officer's export."""
    log = action(
        "access-log",
        _("export the access log"),
        _(
            "Export the access log: who opened, exported, printed, presented or imported which "
            "case, when and why, newest first; times in UTC. On a team database for the privacy "
            "officer (or the owner); on a database file for an access request."
        ),
        user_option=False,  # --user filters here
    )
    log.add_argument("--case", metavar=_("CASE"), help=_("only this case number"))
    log.add_argument(
        "--user",
        dest="log_user",
        metavar=_("LOGIN"),
        help=_("only what this login did (on a database file: this consultant's name)"),
    )
    add_period(log, ("since", _("from this day on")), ("until", _("up to this day")))
    log.add_argument("--action", choices=ACCESS_ACTIONS, help=_("only this kind of access"))
    log.add_argument("--format", required=True, choices=("csv", "json"), help=_("csv or json"))
    add_out(
        log,
        _("FILE"),
        _("the file to write (replaced if it exists; default: standard output)"),
        required=False,
    )
    log.set_defaults(handler="admin_access_log")


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
    logs.setup(args.command)  # the window's and the commands' log, for the administrator
    if args.command is None:
        from jeugdtool.app import run_gui  # Qt only for the window, never for commands

        if args.no_encryption:  # the window reads the choice where the command line does
            os.environ["JEUGDTOOL_NO_ENCRYPTION"] = "1"
        return int(run_gui(args.db, language, smoke=args.smoke_test))
    from jeugdtool.cli_commands import run_command  # the data layer, for commands only

    return run_command(args.handler, args)
