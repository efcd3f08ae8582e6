"""Render resources/icons/jeugdtool.svg to the PNG sizes desktops want (run after changing it).

The PNGs are shipped (resources/icons/png/) so installing needs no Qt; this script makes them
reproducible: `.venv/bin/python scripts/render-icons.py`. tests/ui/test_desktop_icon.py fails
when a shipped PNG no longer matches the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QImage
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "jeugdtool.svg"
OUT = ROOT / "resources" / "icons" / "png"
#: The sizes of the freedesktop hicolor theme that desktops look up most.
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> QImage:
    """The icon as a size x size image with a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def png_name(size: int) -> str:
    return f"jeugdtool-{size}.png"


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        target = OUT / png_name(size)
        if not render(SVG, size).save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
