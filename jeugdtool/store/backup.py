"""Copies of the SQLite file, taken before anything risky (a schema upgrade, an import)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from jeugdtool import paths


def backup_sqlite(source: Path, reason: str, folder: Path | None = None) -> Path:
    """A consistent copy of `source` (SQLite's online backup, safe while it is open), mode 0600."""
    folder = folder or paths.backup_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{source.stem}-{stamp}-{reason}.sqlite"
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target
