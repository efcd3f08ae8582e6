"""Speed of the things a consultant feels, on the large database (see generate_large_db.py).

Measures, and writes to docs/performance.md:
  * cold start to a painted main window, next to a bare PySide6 window (the floor);
  * filter-as-you-type latency per keystroke at 10,000 households (model + repaint);
  * opening the largest case to a painted workspace;
  * one autosaved edit (service alone, and as an undo command with the screens reacting).

    .venv/bin/python benchmarks/bench_ui.py [--runs 7] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from perf_report import write_section

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LARGE = HERE / "out" / "large.sqlite"
REPORT = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- bench_ui:start -->", "<!-- bench_ui:end -->"

sys.path.insert(0, str(HERE))
from generate_large_db import LARGEST_CASE_ID  # noqa: E402
from generate_large_db import generate  # noqa: E402

# Child programs print the seconds from just before the interpreter started to the first paint.
_PAINT_HOOK = """
from PySide6.QtCore import QEvent, QObject
class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.time() - T0, flush=True)
            os._exit(0)
        return False
_hook = _FirstPaint()
"""
BARE = (
    "import os, sys, time\nT0 = float(os.environ['BENCH_T0'])\n"
    + _PAINT_HOOK
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.installEventFilter(_hook)
window.show()
app.exec()
"""
)
# The real start path (as run_gui): the window first, the data after its first paint. Prints
# two times: the window's first paint, and the first paint of the filled case list.
JEUGDTOOL = """import os, sys, time
T0 = float(os.environ['BENCH_T0'])
from PySide6.QtCore import QEvent, QObject
from jeugdtool import app as japp
marks = []
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if not marks:
                marks.append(time.time() - T0)
            elif obj is not window and window.attached and window.list_page.model.rowCount():
                print(marks[0], time.time() - T0, flush=True)
                os._exit(0)
        return False
watch = Watch()
qapp = japp.make_application()
japp.install_language(qapp, "nl")
launcher = japp.Launcher(choose=lambda db: None)
window = launcher.start_shown(sys.argv[1])
window.installEventFilter(watch)
def watch_list():
    if window.attached:
        window.list_page.view.viewport().installEventFilter(watch)
    else:
        QTimer.singleShot(1, watch_list)
from PySide6.QtCore import QTimer
QTimer.singleShot(0, watch_list)
qapp.exec()
"""


def _child(code: str, *args: str, env: dict[str, str]) -> list[float]:
    env = {**env, "BENCH_T0": repr(time.time())}
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(out.stderr[-2000:])
    return [float(x) for x in out.stdout.strip().splitlines()[-1].split()]


def _remember_user(home: Path, db: Path) -> None:
    """Start as a returning user (no first-run dialog): the consultant with id 1."""
    from jeugdtool import settings
    from jeugdtool.store.location import resolve

    settings.save(
        settings.Settings().with_user(resolve(db).key, 1), home / "config" / "settings.json"
    )


def cold_start(runs: int, home: Path) -> dict[str, float]:
    env = {**os.environ, "JEUGDTOOL_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    bare, window, filled = [], [], []
    for _ in range(runs):  # interleaved, so both see the same machine state
        bare.append(_child(BARE, env=env)[0])
        first, listed = _child(JEUGDTOOL, str(LARGE), env=env)
        window.append(first)
        filled.append(listed)
    ms = 1000
    return {
        "bare_ms": statistics.median(bare) * ms,
        "jeugdtool_ms": statistics.median(window) * ms,
        "list_ms": statistics.median(filled) * ms,
    }


def drop_closed(qapp) -> None:
    """Delete closed tabs now: the real event loop does that at once, but processEvents()
    from the top level leaves them, still listening to every change, skewing later numbers."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtCore import QEvent

    qapp.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def in_process(home: Path) -> dict[str, float]:
    os.environ["JEUGDTOOL_HOME"] = str(home)
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from jeugdtool import app as japp
    from jeugdtool.cases import households
    from jeugdtool.cases import queries

    from jeugdtool.ui.commands import EditHouseholdCommand
    from jeugdtool.ui.commands import execute

    qapp = QApplication.instance() or japp.make_application()
    japp.install_language(qapp, "nl")
    window = japp.Launcher(choose=lambda db: None).start(str(LARGE))
    window.resize(1366, 768)
    qapp.processEvents()
    page = window.list_page
    page.filter_edit.setFocus()

    def settle(widget) -> None:
        qapp.processEvents()
        widget.repaint()  # a synchronous paint: the user sees the result

    per_key = []
    for word in ("ozturk ay", "jansen noa", "2026-0", "wisniewski"):
        page.filter_edit.clear()
        settle(page.view.viewport())
        for ch in word:
            start = time.perf_counter()
            QTest.keyClick(page.filter_edit, ch)
            settle(page.view.viewport())
            per_key.append(time.perf_counter() - start)
    page.filter_edit.clear()

    opens = []
    for _ in range(5):
        start = time.perf_counter()
        window.open_case(LARGEST_CASE_ID)
        settle(window)
        opens.append(time.perf_counter() - start)
        window.close_current_tab()
        drop_closed(qapp)

    from jeugdtool.ui.workspace.workspace import FRAMEWORK

    to_map = []
    for _ in range(5):
        start = time.perf_counter()
        window.open_case(LARGEST_CASE_ID)
        workspace = window.workspaces[LARGEST_CASE_ID]
        workspace.show_page(FRAMEWORK)
        settle(window)
        to_map.append(time.perf_counter() - start)
        window.close_current_tab()
        drop_closed(qapp)

    ctx = window.ctx
    service, command = [], []
    case = queries.get_case(ctx.uow, LARGEST_CASE_ID).household
    name = case.name
    window.open_case(LARGEST_CASE_ID)
    settle(window)
    for i in range(20):
        new = f"{case.name} ({i})"
        start = time.perf_counter()
        households.update_case(ctx.uow, LARGEST_CASE_ID, {"name": new}, expected={"name": name})
        service.append(time.perf_counter() - start)
        name = new
    for i in range(20):
        new = f"{case.name} [{i}]"
        start = time.perf_counter()
        execute(ctx, EditHouseholdCommand(ctx, LARGEST_CASE_ID, "name", name, new))
        settle(window)
        command.append(time.perf_counter() - start)
        name = new
        time.sleep(0.01)
    households.update_case(ctx.uow, LARGEST_CASE_ID, {"name": case.name})
    zrm = _zrm(qapp, window, settle)
    window.close()
    ms = 1000
    return {
        "filter_median_ms": statistics.median(per_key) * ms,
        "filter_max_ms": max(per_key) * ms,
        "open_largest_ms": statistics.median(opens) * ms,
        "open_largest_map_ms": statistics.median(to_map) * ms,
        "edit_service_ms": statistics.median(service) * ms,
        "edit_command_ms": statistics.median(command) * ms,
        **zrm,
    }


def _zrm(qapp, window, settle) -> dict[str, float]:
    """The ZRM page of the largest case (4 parents with 8 assessments each): opening it, and
    one level typed in the matrix (undo command, service, page reload, repaint)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from jeugdtool.ui.workspace.workspace import ZRM

    opens = []
    for _ in range(5):
        window.close_current_tab()
        drop_closed(qapp)
        start = time.perf_counter()
        window.open_case(LARGEST_CASE_ID)
        workspace = window.workspaces[LARGEST_CASE_ID]
        workspace.show_page(ZRM)
        settle(window)
        opens.append(time.perf_counter() - start)
    page = workspace.zrm.ensure_built()
    grid = page.editor.grid
    keys = []
    for i in range(10):
        grid.go_to(2, 0)
        settle(grid.viewport())
        start = time.perf_counter()
        QTest.keyClick(grid, (Qt.Key.Key_2, Qt.Key.Key_4)[i % 2])
        settle(window)
        keys.append(time.perf_counter() - start)
    ms = 1000
    return {
        "zrm_open_ms": statistics.median(opens) * ms,
        "zrm_level_ms": statistics.median(keys) * ms,
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PySide6 {version('PySide6')}, SQLAlchemy {version('SQLAlchemy')}, "
        f"{platform.system()} {platform.release()}, QT_QPA_PLATFORM=offscreen"
    )


def report(r: dict[str, float], runs: int) -> str:
    ratio = r["jeugdtool_ms"] / r["bare_ms"]
    ok = lambda good: "✅" if good else "❌"  # noqa: E731
    rows = [
        (
            'Cold start to the painted main window (frame, menus, "Opening the database…")',
            f"{r['jeugdtool_ms']:.0f} ms = {ratio:.2f}× the bare window ({r['bare_ms']:.0f} ms)",
            "≤ 3× bare window",
            ok(ratio <= 3),
        ),
        (
            "Cold start until the list of 10,000 households is painted",
            f"{r['list_ms']:.0f} ms = {r['list_ms'] / r['bare_ms']:.2f}× the bare window",
            "—",
            "",
        ),
        (
            "Filter as you type, per keystroke (median / worst)",
            f"{r['filter_median_ms']:.1f} / {r['filter_max_ms']:.1f} ms",
            "< 30 ms",
            ok(r["filter_max_ms"] < 30),
        ),
        (
            "Open the largest case (14 members, 40 network) to its painted overview",
            f"{r['open_largest_ms']:.1f} ms",
            "—",
            "",
        ),
        (
            "Open the largest case (20 mapping moments, 300 scale scores) to its painted map",
            f"{r['open_largest_map_ms']:.1f} ms",
            "< 100 ms",
            ok(r["open_largest_map_ms"] < 100),
        ),
        (
            "One autosaved edit: the service (validate, write, audit, commit)",
            f"{r['edit_service_ms']:.1f} ms",
            "< 10 ms",
            ok(r["edit_service_ms"] < 10),
        ),
        (
            "One autosaved edit as the user does it (undo command, screens reload, repaint)",
            f"{r['edit_command_ms']:.1f} ms",
            "—",
            "",
        ),
        (
            "Open the largest case to its painted ZRM page (4 adults, 8 assessments each)",
            f"{r['zrm_open_ms']:.1f} ms",
            "< 100 ms",
            ok(r["zrm_open_ms"] < 100),
        ),
        (
            "Type a ZRM level in the matrix (undo command, service, page reload, repaint)",
            f"{r['zrm_level_ms']:.1f} ms",
            "< 100 ms",
            ok(r["zrm_level_ms"] < 100),
        ),
    ]
    lines = [
        MARK_START,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} by `benchmarks/bench_ui.py` "
        f"(medians of {runs} cold starts; 38 keystrokes; 5 opens; 20 edits each) on: "
        f"{machine()}.",
        "",
        "| what | result | target | |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join([*lines, "", MARK_END])


def write_report(section: str) -> None:
    write_section(section, MARK_START, MARK_END, REPORT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not LARGE.exists():
        generate(LARGE, 10_000)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        _remember_user(home, LARGE)
        results = cold_start(args.runs, home)
        results |= in_process(home)
    print(json.dumps(results, indent=2))
    section = report(results, args.runs)
    print(section)
    if not args.no_write:
        write_report(section)


if __name__ == "__main__":
    main()
