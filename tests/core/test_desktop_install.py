"""`jeugdtool install-desktop`: the desktop entry, icons and metainfo under a temporary
$XDG_DATA_HOME, installed, updated, uninstalled, and other people's files left alone."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from jeugdtool import desktop_install
from jeugdtool import resources
from jeugdtool.cli import main
from jeugdtool.desktop_install import APP_ID
from jeugdtool.desktop_install import MANIFEST
from jeugdtool.desktop_install import PNG_SIZES
from jeugdtool.i18n import _

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = Path("applications", f"{APP_ID}.desktop")
METAINFO = Path("metainfo", f"{APP_ID}.metainfo.xml")
SVG = Path("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["install-desktop", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (with its content) and folder under `folder`."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def _entry(path: Path) -> dict[str, str]:
    parser = ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


# ---------------------------------------------------------------- installing


def test_install_puts_entry_icons_and_metainfo_under_xdg_data_home(data, capsys) -> None:
    code, out, _err = _run(capsys)
    assert code == 0
    program = desktop_install.find_program()
    entry = _entry(data / DESKTOP)
    # The venv's own program, not whatever is on PATH.
    assert entry["Exec"] == desktop_install.exec_value(program)
    assert entry["TryExec"] == str(program).replace("\\", "\\\\")
    assert entry["Icon"] == APP_ID
    assert (data / SVG).read_bytes() == resources.path("icons", "jeugdtool.svg").read_bytes()
    for size in PNG_SIZES:
        png = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(png) == (size, size)
    assert (data / METAINFO).is_file()
    assert _("Installed: {path}").format(path=data / DESKTOP) in out
    assert str(program) in out.splitlines()[-1]  # the last line says what it starts


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_installing_twice_changes_nothing(data, capsys) -> None:
    assert _run(capsys)[0] == 0
    before = _tree(data)
    code, out, _err = _run(capsys)
    assert code == 0
    assert _tree(data) == before
    assert _("Installed: {path}").format(path=data / DESKTOP) not in out
    assert _("Already up to date: {path}").format(path=data / DESKTOP) in out


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_the_installed_entry_passes_desktop_file_validate(data, capsys) -> None:
    assert _run(capsys)[0] == 0
    result = subprocess.run(
        ["desktop-file-validate", str(data / DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_a_program_path_with_spaces_is_quoted_for_exec(tmp_path: Path) -> None:
    program = tmp_path / "Mijn programma's" / "bin" / "jeugdtool"
    value = desktop_install.exec_value(program)
    # Quoted as one argument (spec: reserved characters), backslashes string-escaped.
    assert value == f'"{program}"'
    assert desktop_install.exec_value(Path("/opt/100%/jeugdtool")) == "/opt/100%%/jeugdtool"
    assert desktop_install.exec_value(Path('/opt/a"b/jeugdtool')) == '"/opt/a\\\\"b/jeugdtool"'


def test_prefix_installs_under_its_share_folder(tmp_path: Path, data, capsys) -> None:
    code, _out, _err = _run(capsys, "--prefix", str(tmp_path / "usr-local"))
    assert code == 0
    assert (tmp_path / "usr-local" / "share" / DESKTOP).is_file()
    assert not data.exists()  # $XDG_DATA_HOME untouched


def test_without_the_program_it_says_what_to_do(data, capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "elsewhere" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, out, err = _run(capsys)
    assert code == 1
    assert "jeugdtool" in err and str(tmp_path / "elsewhere") in err
    assert out == "" and not data.exists()


def test_a_relative_xdg_data_home_is_ignored_as_the_spec_says() -> None:
    home = desktop_install.data_home(environ={"XDG_DATA_HOME": "relative/share"})
    assert home == Path.home() / ".local" / "share"


# ---------------------------------------------------------------- other people's files


def test_a_file_that_is_not_ours_is_never_replaced_nor_removed(data, capsys) -> None:
    theirs = data / DESKTOP
    theirs.parent.mkdir(parents=True)
    theirs.write_text("[Desktop Entry]\nName=mine\n", encoding="utf-8")
    neighbour = data / "applications" / "other.desktop"
    neighbour.write_text("[Desktop Entry]\nName=other\n", encoding="utf-8")
    code, _out, err = _run(capsys)
    assert code == 0
    assert str(theirs) in err
    assert _run(capsys, "--uninstall")[0] == 0
    assert theirs.read_text(encoding="utf-8") == "[Desktop Entry]\nName=mine\n"
    assert neighbour.is_file()
    assert not (data / METAINFO).exists() and not (data / SVG).exists()


def test_uninstall_removes_exactly_what_install_added(data, capsys) -> None:
    (data / "icons").mkdir(parents=True)  # a folder that was there before stays
    before = _tree(data)
    assert _run(capsys)[0] == 0
    code, out, _err = _run(capsys, "--uninstall")
    assert code == 0
    assert _tree(data) == before
    assert _("Removed: {path}").format(path=data / DESKTOP) in out
    code, out, _err = _run(capsys, "--uninstall")  # again: nothing left to do
    assert code == 0
    assert out.strip() == _(
        "Nothing to remove: jeugdtool's desktop files are not installed in {folder}."
    ).format(folder=data)


def test_a_file_changed_after_installing_is_kept_on_uninstall(data, capsys) -> None:
    assert _run(capsys)[0] == 0
    (data / DESKTOP).write_text("[Desktop Entry]\nName=aangepast\n", encoding="utf-8")
    code, _out, err = _run(capsys, "--uninstall")
    assert code == 0
    assert (data / DESKTOP).read_text(encoding="utf-8").endswith("aangepast\n")
    assert str(data / DESKTOP) in err
    assert not (data / SVG).exists()


def test_an_older_installed_version_is_updated(data, capsys) -> None:
    assert _run(capsys)[0] == 0
    old = b"<svg/>"  # what an earlier jeugdtool installed (recorded with its checksum)
    (data / SVG).write_bytes(old)
    manifest = data / MANIFEST
    recorded = manifest.read_text(encoding="utf-8")
    new_digest = desktop_install._digest(resources.path("icons", "jeugdtool.svg").read_bytes())
    manifest.write_text(
        recorded.replace(new_digest, desktop_install._digest(old)), encoding="utf-8"
    )
    code, out, _err = _run(capsys)
    assert code == 0
    assert _("Installed: {path}").format(path=data / SVG) in out
    assert (data / SVG).read_bytes() == resources.path("icons", "jeugdtool.svg").read_bytes()


def test_a_file_no_longer_shipped_is_removed_on_update(data, capsys) -> None:
    assert _run(capsys)[0] == 0
    dropped = Path("icons", "hicolor", "22x22", "apps", f"{APP_ID}.png")  # an older size
    (data / dropped).parent.mkdir(parents=True)
    (data / dropped).write_bytes(b"old png")
    record = json.loads((data / MANIFEST).read_text(encoding="utf-8"))
    record["files"][str(dropped)] = desktop_install._digest(b"old png")
    (data / MANIFEST).write_text(json.dumps(record), encoding="utf-8")
    code, out, _err = _run(capsys)
    assert code == 0
    assert not (data / dropped).exists()
    assert _("Removed (no longer shipped): {path}").format(path=data / dropped) in out


def test_on_windows_it_points_to_the_bundle(data, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    code, out, err = _run(capsys)
    assert code == 1 and out == "" and "docs/packaging.md" in err
    assert not data.exists()


def test_an_unreadable_record_changes_nothing(data, capsys) -> None:
    assert _run(capsys)[0] == 0
    (data / MANIFEST).write_text("{not json", encoding="utf-8")
    before = _tree(data)
    code, _out, err = _run(capsys, "--uninstall")
    assert code == 1 and str(data / MANIFEST) in err
    assert _tree(data) == before


def test_a_place_it_cannot_write_is_named(data, capsys) -> None:
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("a file where the folder should be", encoding="utf-8")
    code, out, err = _run(capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"{data} ")  # "… could not be written or removed: <why>"
    assert data.read_text(encoding="utf-8") == "a file where the folder should be"


# ---------------------------------------------------------------- the shipped files


def test_the_metainfo_has_what_appstream_requires() -> None:
    root = ET.parse(resources.path("desktop", f"{APP_ID}.metainfo.xml")).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "EUPL-1.2"
    assert root.findtext("name") == "jeugdtool"
    assert root.findtext("summary")
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == f"{APP_ID}.desktop"
    assert resources.path("desktop", launchable.text).is_file()
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    releases = root.findall("releases/release")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert releases and releases[0].get("version") == pyproject["project"]["version"]
    assert all(r.get("date") for r in releases)


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream not installed")
def test_the_metainfo_passes_appstreamcli_validate() -> None:
    path = resources.path("desktop", f"{APP_ID}.metainfo.xml")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_shipped_entry_names_the_icon_and_program() -> None:
    entry = _entry(resources.path("desktop", f"{APP_ID}.desktop"))
    assert entry["Type"] == "Application"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == entry["TryExec"] == "jeugdtool"  # install-desktop makes it absolute
    assert entry["Name"] == "jeugdtool"
    assert entry["Comment[nl]"]
