"""The floor of "case list painted" on the mandated stack (issue 20), next to a bare window.

The smallest program on PySide6 + SQLAlchemy Core (no ORM, no jeugdtool) that does what the
case list's first paint needs: open the same benchmark database, run ONE paged SELECT of the
first 50 open households (case number, name, case manager, status) and paint them in a
QTableView. No program on this stack paints a database's list sooner, so its time as a multiple
of the bare PySide6 window says whether issue 20's goal (list painted <= 3x bare) is reachable
at all, and the gap between it and jeugdtool's list is what jeugdtool can cut.

Children are cold starts with a bytecode cache (as bench_ui.py's: `child_environment`),
interleaved so all see the same machine state: the bare window, the floor, and (unless
--no-jeugdtool) jeugdtool's start until its case list is painted.

    .venv/bin/python benchmarks/bench_floor.py [--households N] [--url URL] [--runs 7] [--json]
        [--no-jeugdtool]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_ui import BARE  # noqa: E402
from bench_ui import JEUGDTOOL  # noqa: E402
from bench_ui import OUT  # noqa: E402
from bench_ui import _child  # noqa: E402
from bench_ui import _remember_user  # noqa: E402
from bench_ui import child_environment  # noqa: E402
from bench_ui import machine  # noqa: E402
from generate_large_db import consultant_url  # noqa: E402

# The floor: Qt and SQLAlchemy Core imported, the database opened, one page read, painted.
# Prints the seconds from just before the interpreter started to the table's first paint with
# rows, and the memory then.
FLOOR = """import os, sys, time
T0 = float(os.environ['BENCH_T0'])
def rss_mb():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
import sqlalchemy as sa  # before PySide6: its import hook would look at every module after it
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

target = sys.argv[1]
url = target if "://" in target else "sqlite:///" + target
engine = sa.create_engine(url)
meta = sa.MetaData()
households = sa.Table(
    "households", meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_number", sa.String),
    sa.Column("name", sa.String),
    sa.Column("status", sa.String),
    sa.Column("case_manager_id", sa.Integer),
)
consultants = sa.Table(
    "consultants", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String)
)
number = households.c.case_number
if engine.dialect.name == "postgresql":
    number = number.collate("C")
query = (
    sa.select(households.c.case_number, households.c.name, consultants.c.name, households.c.status)
    .outerjoin(consultants, consultants.c.id == households.c.case_manager_id)
    .where(households.c.status == "open")
    .order_by(number)
    .limit(50)
)
if engine.dialect.name == "postgresql":  # as the list does: the policy's cases by index
    query = query.where(sa.text("households.id = ANY (ARRAY(SELECT jt_case_ids()))"))
with engine.connect() as conn:
    rows = [tuple(r) for r in conn.execute(query)]
HEADERS = ("Nummer", "Naam", "Casusregisseur", "Status")

class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(rows)
    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return rows[index.row()][index.column()] or ""
        return None
    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and rows:
            print(time.time() - T0, rss_mb(), time.process_time(), flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
view = QTableView()
model = Model()
view.setModel(model)
window.setCentralWidget(view)
hook = FirstPaint()
view.viewport().installEventFilter(hook)
window.show()
app.exec()
"""


def measure(runs: int, home: Path, target: str, with_jeugdtool: bool) -> dict:
    env = child_environment(home)
    _child(BARE, env=env)  # warm-ups: fill the bytecode cache, not counted
    _child(FLOOR, target, env=env)
    if with_jeugdtool:
        _child(JEUGDTOOL, target, env=env)
    wall: dict[str, list[float]] = {"bare": [], "floor": [], "list": []}
    cpu: dict[str, list[float]] = {"bare": [], "floor": [], "list": []}
    for _ in range(runs):
        painted, _memory, used = _child(BARE, env=env)
        wall["bare"].append(painted)
        cpu["bare"].append(used)
        painted, _memory, used = _child(FLOOR, target, env=env)
        wall["floor"].append(painted)
        cpu["floor"].append(used)
        if with_jeugdtool:
            _first, painted, _memory, used = _child(JEUGDTOOL, target, env=env)
            wall["list"].append(painted)
            cpu["list"].append(used)
    ms = 1000
    out: dict = {}
    for name in ("bare", "floor", "list"):
        if not wall[name]:
            continue
        out[f"{name}_ms"] = statistics.median(wall[name]) * ms
        out[f"{name}_cpu_ms"] = statistics.median(cpu[name]) * ms
        out[f"{name}_all_ms"] = [round(x * ms) for x in wall[name]]
        out[f"{name}_all_cpu_ms"] = [round(x * ms) for x in cpu[name]]
    for name in ("floor", "list"):
        if f"{name}_ms" in out:
            out[f"{name}_x_bare"] = out[f"{name}_ms"] / out["bare_ms"]
            out[f"{name}_cpu_x_bare"] = out[f"{name}_cpu_ms"] / out["bare_cpu_ms"]
    if "list_ms" in out:
        out["list_x_floor"] = out["list_ms"] / out["floor_ms"]
        out["list_cpu_x_floor"] = out["list_cpu_ms"] / out["floor_cpu_ms"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--url", help="a PostgreSQL team database (as made for bench_ui.py)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-jeugdtool", action="store_true")
    args = parser.parse_args()
    if args.url:
        target = consultant_url(args.url)
    else:
        target = str(OUT / f"large-{args.households}.sqlite")
        if not Path(target).exists():
            raise SystemExit(f"{target} is missing: run generate_large_db.py first")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        _remember_user(home, target)
        results = measure(args.runs, home, target, not args.no_jeugdtool)
    results |= {
        "households": args.households,
        "database": "postgresql" if args.url else "sqlite",
        "runs": args.runs,
        "measured": time.strftime("%Y-%m-%d %H:%M"),
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "machine": machine(),
    }
    if args.json:
        print(json.dumps(results))
    else:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
