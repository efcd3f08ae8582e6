"""Install jeugdtool's desktop entry, icons and AppStream metainfo for the user (freedesktop.org).

`jeugdtool install-desktop` copies the files shipped in `resources/desktop` and
`resources/icons` under $XDG_DATA_HOME (or `--prefix DIR` + /share) and records each one with
its checksum in `jeugdtool/desktop-files.json` there. Reinstalling updates only files it
recorded and nobody changed since; uninstalling removes only those, plus the folders it made,
if they are empty. A file someone else put there, or changed, is left alone and named.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from jeugdtool import resources
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store.access import os_reason

#: The reverse-DNS id: the desktop file's name, the icon's name, AppStream's id, and what
#: app.py gives Qt (QGuiApplication.setDesktopFileName), so a window finds its entry.
APP_ID = "io.github.jeugdtool.Jeugdtool"
#: The PNG sizes shipped beside the SVG (scripts/render-icons.py renders them).
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: The record of what was installed, relative to the data folder.
MANIFEST = Path("jeugdtool", "desktop-files.json")
_FORMAT = "jeugdtool-desktop-files"
#: Characters that make the desktop entry spec quote an Exec argument.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass
class Report:
    """What one install or uninstall did, file by file."""

    #: Written now (new, or an older version of ours replaced).
    written: list[Path] = field(default_factory=list)
    #: Already there with the right content.
    unchanged: list[Path] = field(default_factory=list)
    #: Removed (uninstall, or a file of ours a newer jeugdtool no longer ships).
    removed: list[Path] = field(default_factory=list)
    #: Not ours, or changed since we installed it: left as it is.
    left_alone: list[Path] = field(default_factory=list)


def data_home(prefix: Path | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """Where the files go: PREFIX/share, else $XDG_DATA_HOME, else ~/.local/share."""
    if prefix is not None:
        return prefix.expanduser().absolute() / "share"
    xdg = environ.get("XDG_DATA_HOME", "")
    # The spec says a relative value is invalid and must be ignored.
    if xdg and Path(xdg).is_absolute():
        return Path(xdg)
    return Path.home() / ".local" / "share"


def find_program() -> Path:
    """The installed `jeugdtool` window program: beside this Python (a venv), else on PATH."""
    beside = Path(sys.executable).parent / "jeugdtool"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside.absolute()
    found = shutil.which("jeugdtool")
    if found:
        return Path(found).absolute()
    raise JeugdtoolError(
        _(
            "The jeugdtool program was not found next to this Python ({folder}) nor on the "
            "PATH. Install jeugdtool first (e.g. with pip or make run), then run this command "
            "again."
        ).format(folder=Path(sys.executable).parent)
    )


def exec_value(program: Path) -> str:
    """`program` as the value of an Exec key: quoted when needed, then string-escaped."""
    text = str(program).replace("%", "%%")
    if any(c in _RESERVED for c in text):
        for c in '\\"`$':
            text = text.replace(c, "\\" + c)
        text = f'"{text}"'
    return text.replace("\\", "\\\\")


def desktop_entry(program: Path) -> str:
    """The shipped desktop entry with Exec and TryExec pointing at `program`."""
    lines = []
    for line in resources.read_text("desktop", f"{APP_ID}.desktop").splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_value(program)
        elif line.startswith("TryExec="):
            line = "TryExec=" + str(program).replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def planned(program: Path) -> dict[Path, bytes]:
    """Each file to install (relative to the data folder) with its content."""
    files = {
        Path("applications", f"{APP_ID}.desktop"): desktop_entry(program).encode("utf-8"),
        Path("metainfo", f"{APP_ID}.metainfo.xml"): _shipped("desktop", f"{APP_ID}.metainfo.xml"),
        Path("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg"): _shipped(
            "icons", "jeugdtool.svg"
        ),
    }
    for size in PNG_SIZES:
        png = _shipped("icons", "png", f"jeugdtool-{size}.png")
        files[Path("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")] = png
    return files


def _shipped(*parts: str) -> bytes:
    return resources.path(*parts).read_bytes()


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _current_digest(path: Path) -> str | None:
    """The checksum of the regular file at `path`; None: nothing is there; "": something
    else (a link, a folder), which is never ours."""
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file():
        return ""
    return _digest(path.read_bytes())


# ---------------------------------------------------------------- the record


@dataclass
class _Manifest:
    """What we installed: file -> checksum, and the folders we made (relative paths)."""

    files: dict[str, str] = field(default_factory=dict)
    folders: list[str] = field(default_factory=list)


def _load(data: Path) -> _Manifest:
    path = data / MANIFEST
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):  # nothing installed there yet
        return _Manifest()
    except (OSError, ValueError) as exc:
        raise _unreadable(path) from exc
    if not isinstance(doc, dict) or doc.get("format") != _FORMAT:
        raise _unreadable(path)
    return _Manifest(dict(doc.get("files", {})), list(doc.get("folders", [])))


def _unreadable(path: Path) -> JeugdtoolError:
    return JeugdtoolError(
        _(
            "The list of installed desktop files {path} cannot be read, so nothing was "
            "changed. Remove the files by hand (see docs/packaging.md), then that list."
        ).format(path=path)
    )


def _save(data: Path, manifest: _Manifest) -> None:
    doc = {"format": _FORMAT, "files": manifest.files, "folders": manifest.folders}
    _write(data / MANIFEST, json.dumps(doc, indent=2, sort_keys=True).encode("utf-8"))


def _write(path: Path, content: bytes) -> None:
    """Write complete or not at all: a temporary name beside it, then a rename."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    temporary.chmod(0o644)
    os.replace(temporary, path)


# ---------------------------------------------------------------- install / uninstall


def install(data: Path, program: Path) -> Report:
    """Install (or update) every file under `data`; idempotent. Files that are not ours are
    left alone; the record is saved even when writing fails half-way, so --uninstall can
    remove what was written."""
    manifest = _load(data)
    report = Report()
    files = planned(program)
    try:
        data.mkdir(parents=True, exist_ok=True)
        _make_folder(data, MANIFEST.parent, manifest)
        for relative, content in files.items():
            _install_one(data, relative, content, manifest, report)
        for stale in sorted(set(manifest.files) - {str(r) for r in files}):
            _remove_one(data, Path(stale), manifest, report)
        _save(data, manifest)
    except OSError as exc:
        with contextlib.suppress(OSError):  # keep what was written removable, if we can
            _save(data, manifest)
        raise _failed(exc) from exc
    return report


def _install_one(
    data: Path, relative: Path, content: bytes, manifest: _Manifest, report: Report
) -> None:
    target = data / relative
    found = _current_digest(target)
    wanted = _digest(content)
    ours = manifest.files.get(str(relative))
    if found == wanted:
        manifest.files[str(relative)] = wanted  # identical, so ours to update and remove
        report.unchanged.append(target)
    elif found is None or (ours is not None and found == ours):
        _make_folder(data, relative.parent, manifest)
        _write(target, content)
        manifest.files[str(relative)] = wanted
        report.written.append(target)
    else:  # someone else's file, or ours changed by hand since
        manifest.files.pop(str(relative), None)
        report.left_alone.append(target)


def _make_folder(data: Path, relative: Path, manifest: _Manifest) -> None:
    """Make `relative` and its missing parents, remembering each one made."""
    missing = [
        p for p in (relative, *relative.parents) if p != Path(".") and not (data / p).exists()
    ]
    for folder in reversed(missing):
        (data / folder).mkdir()
        manifest.folders.append(str(folder))


def uninstall(data: Path) -> Report:
    """Remove what `install` recorded under `data` and nobody changed since, then the folders
    it made if they are empty, then the record."""
    manifest = _load(data)
    report = Report()
    try:
        for relative in sorted(manifest.files):
            _remove_one(data, Path(relative), manifest, report)
        (data / MANIFEST).unlink(missing_ok=True)
        # Deepest first, and only empty ones: a folder may hold files of other programs now.
        for folder in sorted(manifest.folders, key=lambda f: -len(Path(f).parts)):
            _remove_if_empty(data / folder)
    except OSError as exc:
        raise _failed(exc) from exc
    return report


def _remove_one(data: Path, relative: Path, manifest: _Manifest, report: Report) -> None:
    target = data / relative
    found = _current_digest(target)
    recorded = manifest.files.pop(str(relative))
    if found == recorded:
        target.unlink()
        report.removed.append(target)
    elif found is not None:
        report.left_alone.append(target)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty (or gone): leave it
        folder.rmdir()


def _failed(exc: OSError) -> JeugdtoolError:
    return JeugdtoolError(
        _(
            "{path} could not be written or removed: {reason}. Fix that and run the command again."
        ).format(path=exc.filename or "", reason=os_reason(exc))
    )
