"""jeugdtool's version, its licence text and the notices of the software it ships with.

Qt-free, for the About dialog and `jeugdtool --version`. The list of Python packages is read
from the installed metadata (jeugdtool's requirements, followed down), so it names exactly
what this installation runs on; the parts that are not Python packages are named by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from jeugdtool import resources
from jeugdtool.i18n import _

DISTRIBUTION = "jeugdtool"
LICENCE_ID = "EUPL-1.2"

#: Parts inside the wheels that their Python package's metadata does not name, with the licence
#: under which jeugdtool uses them.
BUNDLED = (
    (
        "Qt 6 (in PySide6)",
        "LGPL-3.0-only",
        "The Qt libraries are used unchanged under the GNU LGPL v3; you may replace them with "
        "your own build. Source: https://code.qt.io and https://download.qt.io",
    ),
    (
        "SQLCipher (in sqlcipher3)",
        "BSD-3-Clause",
        "BSD-style licence of Zetetic LLC: https://www.zetetic.net/sqlcipher/license/",
    ),
    ("SQLite (in SQLCipher)", "public domain", "https://sqlite.org/copyright.html"),
)


@dataclass(frozen=True)
class Notice:
    name: str
    version: str
    licence: str


def version() -> str:
    """The installed version (the package's own `__version__` when run from a bare checkout)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        from jeugdtool import __version__

        return __version__


def licence_text() -> str:
    """The full EUPL-1.2 text: from the installed metadata, or the checkout's LICENSE."""
    try:
        found = metadata.distribution(DISTRIBUTION).read_text("licenses/LICENSE")
    except metadata.PackageNotFoundError:
        found = None
    if found:
        return found
    checkout = Path(__file__).resolve().parent.parent / "LICENSE"
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8")
    return _(
        "The licence text is missing from this installation. jeugdtool is licensed under the "
        "EUPL-1.2: https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12"
    )


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licence_of(dist: metadata.Distribution) -> str:
    """SPDX expression if given (PEP 639), else the License field's first line, else the
    licence classifiers."""
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    field = (meta.get("License") or "").strip().splitlines()
    if field and len(field[0]) <= 80:
        return field[0]
    classifiers = [c.rsplit(" :: ", 1)[-1] for c in meta.get_all("Classifier") or []]
    licence = [c for c in classifiers if "License" in c or "licen" in c]
    return ", ".join(licence) or _("see the package")


def _requirements(dist: metadata.Distribution) -> list[str]:
    """Names of the run-time requirements (extras left out; absent ones are skipped later)."""
    names = []
    for line in dist.requires or []:
        requirement, _semi, marker = line.partition(";")
        if "extra" in marker:
            continue
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        if match:
            names.append(match.group(1))
    return names


def python_packages() -> list[Notice]:
    """Every installed package jeugdtool runs on, sorted by name."""
    seen: dict[str, Notice] = {}
    todo = [DISTRIBUTION]
    while todo:
        name = todo.pop()
        if _key(name) in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:  # for another platform, or optional
            continue
        seen[_key(name)] = Notice(dist.metadata["Name"], dist.version, _licence_of(dist))
        todo += _requirements(dist)
    seen.pop(_key(DISTRIBUTION), None)
    return sorted(seen.values(), key=lambda n: n.name.lower())


def notices_text() -> str:
    """The third-party notices as plain text: packages, bundled libraries, the fonts."""
    lines = [_("jeugdtool is built on the following software. Thank you to their makers."), ""]
    lines += [f"{n.name} {n.version} — {n.licence}" for n in python_packages()]
    lines.append("")
    for name, licence, note in BUNDLED:
        lines += [f"{name} — {licence}", f"    {note}"]
    lines += ["", _("Fonts embedded in PDFs:"), ""]
    lines.append(resources.read_text("fonts", "LICENSE").strip())
    lines += [
        "",
        _("Colour profile embedded in PDFs (sRGB, PDF/A output intent): no copyright, use freely."),
    ]
    return "\n".join(lines) + "\n"
