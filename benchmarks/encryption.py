"""What encryption at rest costs: the same work on the plain and on the encrypted file.

The 10,000 households of benchmarks/generate_large_db.py are copied twice: once kept plain (the
floor, measured in the same run), once encrypted with `store/encrypt.encrypt_database` (which is
timed too). Measured, with medians of --runs after a warm-up:

  * opening the database (the passphrase check, the engine, the first query);
  * the case list (`queries.list_case_summaries`);
  * one autosaved edit (`households.update_case`: validate, write, audit, commit);
  * a backup (`backup.backup_to`), and encrypting the plain file (once).

    .venv/bin/python benchmarks/encryption.py [--runs 5] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from perf_report import cpu
from perf_report import write_section

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LARGE = HERE / "out" / "large.sqlite"
REPORT = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- encryption:start -->", "<!-- encryption:end -->"
KEY = "een lange wachtwoordzin voor de meting"
CASE_ID = 1

sys.path.insert(0, str(ROOT))


def timed(fn: Callable[[], Any], runs: int) -> float:
    """The median milliseconds of `runs` calls after one warm-up."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def prepare(folder: Path) -> tuple[Path, Path, float]:
    """A plain copy of the large database (upgraded to the current schema) and an encrypted
    copy of it; the seconds encrypting took."""
    from jeugdtool.store import encrypt
    from jeugdtool.store.engine import open_database

    if not LARGE.exists():
        sys.exit(f"{LARGE} is missing: run benchmarks/generate_large_db.py first")
    plain = folder / "plain.sqlite"
    shutil.copyfile(LARGE, plain)
    open_database(plain).close()  # the current schema (an upgrade copy goes to the home)
    secret = folder / "secret.sqlite"
    shutil.copyfile(plain, secret)
    start = time.perf_counter()
    encrypt.encrypt_database(secret, KEY, backup_folder=folder / "backups")
    return plain, secret, time.perf_counter() - start


def measure(path: Path, passphrase: str | None, runs: int, folder: Path) -> dict[str, float]:
    from jeugdtool.cases import households
    from jeugdtool.cases import queries
    from jeugdtool.store import backup
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.location import resolve
    from jeugdtool.store.uow import UnitOfWork

    location = resolve(path).with_passphrase(passphrase)

    def open_and_read() -> None:
        database = open_database(location, create=False)
        with database.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM households").scalar()
        database.close()

    out = {"open": timed(open_and_read, runs)}
    database = open_database(location, create=False)
    uow = UnitOfWork(database, "Meting")
    out["list"] = timed(lambda: queries.list_case_summaries(uow), runs)
    names = iter(f"Gezin Meting {n}" for n in range(10_000))
    current = [queries.get_case(uow, CASE_ID).household.name]

    def edit() -> None:
        new = next(names)
        households.update_case(uow, CASE_ID, {"name": new}, expected={"name": current[0]})
        current[0] = new

    out["edit"] = timed(edit, runs * 4)
    database.close()
    copies = iter(range(1000))
    out["backup"] = timed(
        lambda: backup.backup_to(
            path, folder / f"{path.stem}-{next(copies)}.sqlite", passphrase=passphrase
        ),
        max(runs // 2, 1),
    )
    return out


def machine() -> str:
    from importlib.metadata import version

    from jeugdtool.store import cipher

    conn = cipher.driver().connect(":memory:")
    sqlcipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    conn.close()
    return (
        f"{cpu()}, Python {platform.python_version()}, "
        f"SQLAlchemy {version('SQLAlchemy')}, SQLCipher {sqlcipher}"
    )


ROWS = (
    ("open", "Open the database (passphrase check, engine, first query)"),
    ("list", "The case list (10,000 households)"),
    ("edit", "One autosaved edit (validate, write, audit, commit)"),
    ("backup", "A backup (`jeugdtool backup`) of the whole file"),
)


def section(plain: dict[str, float], secret: dict[str, float], encrypting: float, runs: int) -> str:
    size = LARGE.stat().st_size / 1e6
    lines = [
        MARK_START,
        "",
        "## Encryption at rest: what SQLCipher costs",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} by `benchmarks/encryption.py` (medians of "
        f"{runs} runs after a warm-up; the 10,000 households, a {size:.0f} MB file) on: "
        f"{machine()}. The plain file is the floor, measured in the same run.",
        "",
        "| what | plain (floor) | encrypted | cost |",
        "|---|---|---|---|",
    ]
    for key, label in ROWS:
        a, b = plain[key], secret[key]
        lines.append(f"| {label} | {a:.1f} ms | {b:.1f} ms | {b / a:.2f}× |")
    lines += [
        "",
        f'Encrypting the plain file ("Encrypt now": copy, check every table\'s rows, replace, '
        f"overwrite the plain bytes): {encrypting:.1f} s, once.",
        "",
        "Opening costs most: SQLCipher derives the key from the passphrase (PBKDF2-HMAC-SHA512, "
        "256,000 rounds) for the check and again for each new pooled connection; that is the "
        "point of it, against guessing. Pages are decrypted as they are read, so work on an "
        "open database costs little more.",
        "",
        MARK_END,
    ]
    return "\n".join(lines)


def write_report(text: str) -> None:
    write_section(text, MARK_START, MARK_END, REPORT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["JEUGDTOOL_HOME"] = str(folder / "home")
        plain, secret, encrypting = prepare(folder)
        print(f"encrypted the copy in {encrypting:.1f} s", flush=True)
        floor = measure(plain, None, args.runs, folder)
        cost = measure(secret, KEY, args.runs, folder)
    text = section(floor, cost, encrypting, args.runs)
    print(text)
    if not args.no_write:
        write_report(text)


if __name__ == "__main__":
    main()
