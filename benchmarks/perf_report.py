"""What every benchmark script shares: its section of docs/performance.md, and the machine."""

from __future__ import annotations

import os
import platform
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def write_section(section: str, start: str, end: str, report: Path = REPORT) -> None:
    """Put `section` (which begins with `start` and ends with `end`) in the report: in place of
    the earlier one between the same marks, else at the end."""
    text = report.read_text(encoding="utf-8") if report.exists() else "# Performance\n\n"
    if start in text:
        head, rest = text.split(start, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    report.write_text(text, encoding="utf-8")


def cpu() -> str:
    """The processor's name and how many cores it has."""
    name = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                name = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{name}, {os.cpu_count()} cores"
