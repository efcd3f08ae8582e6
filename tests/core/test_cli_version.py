"""`jeugdtool --version`: the installed version, exit 0, no database and no window."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

from jeugdtool.cli import main


def test_version_prints_the_installed_version_and_exits_0(capsys: pytest.CaptureFixture[str]):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"jeugdtool {metadata.version('jeugdtool')}\n"


def test_version_as_a_program_opens_no_database(tmp_path):
    missing = tmp_path / "nowhere" / "cases.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "jeugdtool", "--db", str(missing), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout.split()[0]) == (0, "jeugdtool")
    assert not missing.parent.exists()
