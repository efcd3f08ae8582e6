"""The standalone bundle (`make bundle`, packaging/jeugdtool.spec) works on its own.

Builds it (Make rebuilds only when a source changed), copies it elsewhere and runs both of its
programs with an empty environment: no Python, no venv and no program on PATH. Linux only; the
Windows build is described in docs/packaging.md and not tested here.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from jeugdtool import settings
from jeugdtool.store.location import resolve
from jeugdtool.store.schema import HEAD

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the bundle is built and tested on Linux"),
]

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "dist" / "jeugdtool"
#: Building takes about a minute on two cores (and the first time the venv: one more).
BUILD_TIMEOUT_S = 900
PASSPHRASE = "lang genoeg en geheim 42"
#: A bundle that grows past this has taken in something it should not (it is 188 MB).
MAX_SIZE_MB = 230
#: Where the operating system's own libraries are (libc, libGL, fontconfig, …).
_SYSTEM = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle, built by `make bundle` and copied away from the checkout and its venvs."""
    result = subprocess.run(
        ["make", "--no-print-directory", "bundle"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    assert result.returncode == 0, f"make bundle failed:\n{result.stdout[-3000:]}{result.stderr}"
    copy = tmp_path_factory.mktemp("elsewhere") / "jeugdtool"
    shutil.copytree(BUILT, copy, symlinks=True)
    return copy


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the bundle's home, databases and PDFs."""
    return tmp_path_factory.mktemp("bundle-run")


def run(
    bundle: Path, place: Path, program: str, *args: str, **extra: str
) -> subprocess.CompletedProcess[str]:
    """One of the bundle's programs, with an environment that has nothing but the bare needs."""
    empty = place / "empty-path"
    empty.mkdir(exist_ok=True)
    env = {
        "HOME": str(place),
        "JEUGDTOOL_HOME": str(place / "home"),
        "PATH": str(empty),  # no python, no venv, no tools
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }
    return subprocess.run(
        [str(bundle / program), *args],
        env=env,
        cwd=place,
        capture_output=True,
        text=True,
        timeout=120,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def demo(bundle: Path, place: Path) -> Path:
    """A plain database with the demo cases, made by the bundled command line."""
    path = place / "demo.sqlite"
    out = ok(run(bundle, place, "jeugdtool-cli", "--no-encryption", "--db", str(path), "demo"))
    assert "Gezin Jansen" in out
    return path


def test_the_version_is_the_projects(bundle: Path, place: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert ok(run(bundle, place, "jeugdtool-cli", "--version")).strip() == (
        f"jeugdtool {project['version']}"
    )


def test_the_cli_writes_a_plan_pdf_of_a_demo_case(bundle: Path, place: Path, demo: Path) -> None:
    listed = ok(run(bundle, place, "jeugdtool-cli", "--db", str(demo), "cases"))
    assert "2026-0001\tGezin Jansen" in listed
    pdf = place / "plan.pdf"
    args = ("--db", str(demo), "pdf", "2026-0001", "--plan", "--out", str(pdf))
    ok(run(bundle, place, "jeugdtool-cli", *args))
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = _tool("pdftotext", "-layout", str(pdf), "-")
    assert "Veiligheidsplan" in text  # the template, in Dutch: the catalogue came along
    assert "Gezin Jansen" in text
    fonts = _tool("pdffonts", str(pdf))
    assert "DejaVuSans" in fonts and "DejaVuSans-Bold" in fonts  # the shipped fonts, embedded


def test_an_encrypted_database_works(bundle: Path, place: Path) -> None:
    """SQLCipher and its library are in the bundle: a new database is encrypted, and opens
    with its passphrase only."""
    db = ("--db", str(place / "encrypted.sqlite"))
    ok(run(bundle, place, "jeugdtool-cli", *db, "demo", JEUGDTOOL_PASSPHRASE=PASSPHRASE))
    header = (place / "encrypted.sqlite").read_bytes()[:16]
    assert header != b"SQLite format 3\0"  # unreadable without the key
    listed = run(bundle, place, "jeugdtool-cli", *db, "cases", JEUGDTOOL_PASSPHRASE=PASSPHRASE)
    assert "Gezin Jansen" in ok(listed)
    wrong = run(bundle, place, "jeugdtool-cli", *db, "cases", JEUGDTOOL_PASSPHRASE="fout")
    assert wrong.returncode == 1
    assert "JEUGDTOOL_PASSPHRASE" in wrong.stderr  # the message says where the wrong one came from


def test_a_team_database_is_set_up_with_the_bundled_driver(
    bundle: Path, place: Path, pg_url: str
) -> None:
    """psycopg with its libpq, and the Alembic migrations (read as files), are in the bundle:
    `admin init` makes a team database on PostgreSQL (skipped without a test server)."""
    said = ok(run(bundle, place, "jeugdtool-cli", "--db", pg_url, "admin", "init"))
    assert f"(schema {HEAD})" in said  # every migration ran
    # A second time: the bundle reads the schema back from the server and leaves it as it is.
    assert ok(run(bundle, place, "jeugdtool-cli", "--db", pg_url, "admin", "init")) == said


def test_the_window_opens_the_demo_database(bundle: Path, place: Path, demo: Path) -> None:
    """The bundled program window starts offscreen, shows the demo cases and finds all of its
    shipped content (app.smoke_test)."""
    home_settings = place / "home" / "config" / "settings.json"
    with sqlite3.connect(demo) as connection:
        (consultant,) = connection.execute(
            "SELECT id FROM consultants WHERE name = 'A. de Boer'"
        ).fetchone()
    key = resolve(str(demo)).key  # who works on this database, so no one needs to be asked
    settings.save(settings.load(home_settings).with_user(key, consultant), home_settings)
    result = run(bundle, place, "jeugdtool", "--db", str(demo), "--smoke-test")
    assert f"smoke test: jeugdtool — {demo}: 6 cases" in ok(result)


def test_install_desktop_puts_the_bundle_in_the_menu(bundle: Path, place: Path) -> None:
    """On Linux the bundle's own `install-desktop` makes a menu item that starts this bundle."""
    data = place / "xdg-data"
    ok(run(bundle, place, "jeugdtool-cli", "install-desktop", XDG_DATA_HOME=str(data)))
    entry = (data / "applications" / "io.github.jeugdtool.Jeugdtool.desktop").read_text()
    assert f"\nExec={bundle / 'jeugdtool'}" in entry
    assert (data / "icons" / "hicolor" / "scalable" / "apps").is_dir()


def test_nothing_is_loaded_from_outside_the_bundle_but_the_system(
    bundle: Path, place: Path, demo: Path
) -> None:
    """Every native library the window loads is the bundle's own or the operating system's
    (no Python installation, no venv): what the dynamic loader reports it initialising."""
    result = run(bundle, place, "jeugdtool", "--db", str(demo), "--smoke-test", LD_DEBUG="libs")
    ok(result)
    loaded = {
        line.split("calling init: ", 1)[1].strip()
        for line in result.stderr.splitlines()
        if "calling init: " in line
    }
    assert any(path.endswith("libQt6Widgets.so.6") for path in loaded)
    outside = sorted(p for p in loaded if not p.startswith((f"{bundle}/", *_SYSTEM)))
    assert outside == []


def test_the_about_dialog_lists_every_package(bundle: Path) -> None:
    """licences.python_packages reads the metadata of jeugdtool's requirements, followed down:
    the bundle carries all of it (and jeugdtool's licence text), so About names every one."""
    found = metadata.distributions(path=[str(bundle / "_internal")])
    carried = {_key(d.metadata["Name"]): d for d in found}
    todo, missing = ["jeugdtool"], set()
    seen: set[str] = set()
    while todo:
        name = _key(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        if name not in carried:
            missing.add(name)
            continue
        for line in carried[name].requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    assert missing == set()
    assert len(seen) > 20  # Qt, SQLAlchemy, reportlab, keyring, … and theirs
    licence = carried["jeugdtool"].read_text("licenses/LICENSE") or ""
    assert "European Union Public Licence" in licence


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _tool(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is missing: `make deps` installs poppler-utils")
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_the_bundle_carries_only_the_qt_it_uses(bundle: Path) -> None:
    """No PySide6-Addons module, nothing that only unused plugins need (QML, Quick, the
    virtual keyboard, QtPdf, GTK), and no debugging symbols: the size stays what
    docs/packaging.md says (188 MB when written)."""
    qt = {p.name for p in (bundle / "_internal" / "PySide6" / "Qt" / "lib").iterdir()}
    assert {"libQt6Core.so.6", "libQt6Gui.so.6", "libQt6Widgets.so.6", "libQt6Svg.so.6"} <= qt
    unused = ("Charts", "WebEngine", "Qml", "Quick", "VirtualKeyboard", "Pdf", "3D", "Multimedia")
    assert [n for n in qt if any(f"libQt6{u}" in n for u in unused)] == []
    assert not list((bundle / "_internal").glob("libgtk-3*"))
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    assert size < MAX_SIZE_MB * 1024 * 1024


def test_the_programs_are_the_bundle_s_own(bundle: Path) -> None:
    """Both programs are native executables, not scripts that need an interpreter."""
    for program in ("jeugdtool", "jeugdtool-cli"):
        head = (bundle / program).read_bytes()[:4]
        assert head == b"\x7fELF"
        assert os.access(bundle / program, os.X_OK)
