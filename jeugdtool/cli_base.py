"""What every command-line module shares: the exit codes and the shape of `command(...)`, the
sub-command factory cli.py hands to each module's `add_command`. Light: imported at start-up."""

from __future__ import annotations

import argparse
from collections.abc import Callable

#: Exit codes: done; failed (a clear message said why); a bad file or command line.
OK, FAILED, BAD_FILE = 0, 1, 2

#: `command(name, summary, description)` adds a sub-command and returns its parser.
Command = Callable[[str, str, str], argparse.ArgumentParser]
