"""`jeugdtool install-desktop [--uninstall] [--prefix DIR]`: put jeugdtool in the desktop's
applications menu (the work is in desktop_install.py; no database is opened)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jeugdtool.cli_base import OK
from jeugdtool.cli_base import Command
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

if TYPE_CHECKING:
    from jeugdtool.desktop_install import Report


def add_command(command: Command) -> None:
    """The `install-desktop` sub-command on the parser cli.py builds."""
    sub = command(
        "install-desktop",
        _("add jeugdtool to the applications menu"),
        _(
            "Add jeugdtool to your desktop's applications menu (Linux): its desktop entry, "
            "icon and AppStream description go to $XDG_DATA_HOME (default ~/.local/share) and "
            "start the jeugdtool program this command belongs to. Running it again updates "
            "them; --uninstall removes them. Files jeugdtool did not install, or that were "
            "changed since, are never replaced or removed."
        ),
    )
    sub.add_argument(
        "--uninstall",
        action="store_true",
        help=_("remove what an earlier install-desktop installed"),
    )
    sub.add_argument(
        "--prefix",
        metavar=_("FOLDER"),
        type=Path,
        help=_("install under FOLDER/share instead (e.g. /usr/local for all users)"),
    )
    for action in sub._actions:  # the database options mean nothing here: keep --help short
        if action.dest in ("db", "no_encryption", "user"):
            action.help = argparse.SUPPRESS
    sub.set_defaults(handler="install_desktop")


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from jeugdtool import desktop_install  # only when the command runs

    if sys.platform in ("win32", "darwin"):
        raise JeugdtoolError(
            _(
                "install-desktop is for Linux desktops. On Windows and macOS, install "
                "jeugdtool from its bundle (see docs/packaging.md)."
            )
        )
    data = desktop_install.data_home(args.prefix)
    if args.uninstall:
        return _uninstalled(desktop_install.uninstall(data), data)
    program = desktop_install.find_program()
    return _installed(desktop_install.install(data, program), program)


def _installed(report: Report, program: Path) -> int:
    for path in report.written:
        print(_("Installed: {path}").format(path=path))
    for path in report.unchanged:
        print(_("Already up to date: {path}").format(path=path))
    for path in report.removed:
        print(_("Removed (no longer shipped): {path}").format(path=path))
    _left_alone(report)
    print(
        _(
            "jeugdtool is in your applications menu now (it may take a moment to appear); it "
            "starts {program}. Remove it with: jeugdtool install-desktop --uninstall"
        ).format(program=program)
    )
    return OK


def _uninstalled(report: Report, data: Path) -> int:
    for path in report.removed:
        print(_("Removed: {path}").format(path=path))
    _left_alone(report)
    if not report.removed and not report.left_alone:
        print(
            _("Nothing to remove: jeugdtool's desktop files are not installed in {folder}.").format(
                folder=data
            )
        )
    else:
        print(_("jeugdtool is no longer in your applications menu."))
    return OK


def _left_alone(report: Report) -> None:
    for path in report.left_alone:
        print(
            _(
                "Left alone: {path} (not installed by jeugdtool, or changed since; remove or "
                "move it yourself if it should go)"
            ).format(path=path),
            file=sys.stderr,
        )
