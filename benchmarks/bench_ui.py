"""Speed of the things a consultant feels, on the large database (see generate_large_db.py).

Measures (issue 20's table), each next to its floor measured in the same run:
  * cold start to a painted main window, and until the filled case list is painted, next to a
    bare PySide6 window (the floor), and the memory (RSS) once the list is painted, next to the
    bare window's;
  * filter-as-you-type latency per keystroke (model + repaint);
  * opening the largest case to its painted overview, map and ZRM page;
  * one autosaved edit (service alone, and as an undo command with the screens reacting).

On SQLite (benchmarks/out/large-N.sqlite, made when missing) as the single user, or with --url
on a PostgreSQL team database (made with generate_large_db.py --url when it is not there),
signed in as the consultant of the largest case, so the access policies apply.

    .venv/bin/python benchmarks/bench_ui.py [--households N] [--url URL] [--json] [--runs 7]
        [--no-write]

Each run keeps its results in benchmarks/out/bench_ui-<database>-<N>.json; unless --no-write,
docs/performance.md's issue-20 table is written from every such file there is (and, for SQLite
at 10,000 households, the detailed section as before)."""

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
OUT = HERE / "out"
REPORT = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- bench_ui:start -->", "<!-- bench_ui:end -->"
SCALE_START, SCALE_END = "<!-- bench_ui_scale:start -->", "<!-- bench_ui_scale:end -->"

sys.path.insert(0, str(HERE))
from generate_large_db import LARGEST_CASE_ID  # noqa: E402
from generate_large_db import consultant_url  # noqa: E402
from generate_large_db import generate  # noqa: E402

# Child programs print the seconds from just before the interpreter started to the first paint
# (and, last, the CPU seconds of the process until then: bench_floor.py's A/B under load).
_RSS = """
def rss_mb():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
"""
_PAINT_HOOK = """
from PySide6.QtCore import QEvent, QObject
class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.time() - T0, rss_mb(), time.process_time(), flush=True)
            os._exit(0)
        return False
_hook = _FirstPaint()
"""
BARE = (
    "import os, sys, time\nT0 = float(os.environ['BENCH_T0'])\n"
    + _RSS
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
# two times: the window's first paint, and the first paint of the filled case list; and the
# memory then.
JEUGDTOOL = (
    """import os, sys, time
T0 = float(os.environ['BENCH_T0'])
"""
    + _RSS
    + """
from PySide6.QtCore import QEvent, QObject
from jeugdtool import app as japp
marks = []
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if not marks:
                marks.append(time.time() - T0)
            elif obj is not window and window.attached and window.list_page.model.rowCount():
                print(marks[0], time.time() - T0, rss_mb(), time.process_time(), flush=True)
                os._exit(0)
        return False
watch = Watch()
from jeugdtool.ui.main_window import MainWindow
attach = MainWindow.attach
def watched_attach(self, ctx):  # the list watched before anything can paint it
    attach(self, ctx)
    self.list_page.view.viewport().installEventFilter(watch)
MainWindow.attach = watched_attach
qapp = japp.make_application()
japp.install_language(qapp, "nl")
launcher = japp.Launcher(choose=lambda db: None)
window = launcher.start_shown(sys.argv[1])
window.installEventFilter(watch)
qapp.exec()
"""
)


def _child(code: str, *args: str, env: dict[str, str]) -> list[float]:
    env = {**env, "BENCH_T0": repr(time.time())}
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(out.stderr[-2000:])
    return [float(x) for x in out.stdout.strip().splitlines()[-1].split()]


def _remember_user(home: Path, target: str) -> None:
    """Start as a returning user (no first-run dialog): on SQLite the consultant with id 1 (a
    team database knows its user from the login)."""
    from jeugdtool import settings
    from jeugdtool.store.location import resolve

    if "://" in target:
        return
    settings.save(
        settings.Settings().with_user(resolve(target).key, 1), home / "config" / "settings.json"
    )


def child_environment(home: Path) -> dict[str, str]:
    """The children's environment: like an installed program's, with a bytecode cache.

    A real installation has its modules compiled (.pyc); a sandbox or CI may set
    PYTHONDONTWRITEBYTECODE, and then every start would compile every module from source. So
    the children write and read their bytecode in a cache of their own (PYTHONPYCACHEPREFIX,
    for the bare window's modules too), filled by one warm-up start that is not counted."""
    env = {
        **os.environ,
        "JEUGDTOOL_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPYCACHEPREFIX": str(home / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cold_start(runs: int, home: Path, target: str) -> dict[str, float]:
    env = child_environment(home)
    _child(BARE, env=env)  # warm-up: fills the bytecode cache, not counted
    _child(JEUGDTOOL, target, env=env)
    bare, window, filled, bare_rss, rss = [], [], [], [], []
    bare_cpu, list_cpu = [], []
    for _ in range(runs):  # interleaved, so both see the same machine state
        painted, memory, cpu = _child(BARE, env=env)
        bare.append(painted)
        bare_rss.append(memory)
        bare_cpu.append(cpu)
        first, listed, memory, cpu = _child(JEUGDTOOL, target, env=env)
        window.append(first)
        filled.append(listed)
        rss.append(memory)
        list_cpu.append(cpu)
    ms = 1000
    return {
        "bare_ms": statistics.median(bare) * ms,
        "jeugdtool_ms": statistics.median(window) * ms,
        "list_ms": statistics.median(filled) * ms,
        "bare_rss_mb": statistics.median(bare_rss),
        "rss_mb": statistics.median(rss),
        # The CPU time of each child until its paint: under load it says more than the clock.
        "bare_cpu_ms": statistics.median(bare_cpu) * ms,
        "list_cpu_ms": statistics.median(list_cpu) * ms,
    }


def drop_closed(qapp) -> None:
    """Delete closed tabs now: the real event loop does that at once, but processEvents()
    from the top level leaves them, still listening to every change, skewing later numbers."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtCore import QEvent

    qapp.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def in_process(home: Path, target: str) -> dict[str, float]:
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
    window = japp.Launcher(choose=lambda db: None).start(target)
    window.resize(1366, 768)
    qapp.processEvents()
    page = window.list_page
    page.filter_edit.setFocus()

    from PySide6.QtCore import QEvent
    from PySide6.QtCore import QObject

    class _Synced(QObject):
        """Notes whether the window painted its dirty parts (its UpdateRequest: one sync)."""

        seen = False

        def eventFilter(self, obj, event):
            if event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Paint):
                self.seen = True
            return False

    def settle(widget) -> None:
        """Until the result is on screen, painted once: the queued events, whose paint of the
        window's dirty parts is what the user sees, and a synchronous paint only when they
        painted nothing. (Until session 36 it always painted `widget` again after them: a
        second paint of the whole window no user sees, 7-12 ms of each keystroke and about
        half an open's paint.) Watched on the window alone: an application-wide filter would
        put each of the thousands of events of a page's build through Python."""
        window_of = widget.window()
        synced = _Synced()
        window_of.installEventFilter(synced)
        try:
            qapp.processEvents()
        finally:
            window_of.removeEventFilter(synced)
        if not synced.seen:
            widget.repaint()  # nothing was queued to paint: paint it now

    from PySide6.QtCore import Qt

    def as_a_user() -> None:
        """One key press on the case list, as comes before every real open (a double-click or
        Enter on the list). The auto-lock's application-wide event filter rests for a few
        seconds after any input (ui/lock.py), so without it the timed opens, made here in
        code, would pay for a filter no user's open has. Called outside the timed span; a
        Shift press does nothing else. Input while the filter rests is not seen (nor does it
        lengthen the rest), so the rest begun by the previous open's key would end, and the
        filter come back, within the next timed opens: as after a user's pause on the list,
        the rest is over first (`wake`), and this key begins a whole one."""
        window.auto_lock.wake()
        QTest.keyClick(page.view, Qt.Key.Key_Shift)
        assert window.auto_lock.resting  # the filter is off for the coming open

    # The list asks the database once typing pauses (case_list.FILTER_DELAY_MS): a keystroke
    # is timed as if a pause followed it, without the pause — the key, the database's count
    # and first page (PagedCaseListModel), the repaint.
    ask_now = getattr(page, "apply_filter_now", lambda: None)
    per_key = []
    for word in ("ozturk ay", "jansen noa", "2026-0", "wisniewski"):
        page.filter_edit.clear()
        ask_now()
        settle(page.view.viewport())
        for ch in word:
            start = time.perf_counter()
            QTest.keyClick(page.filter_edit, ch)
            ask_now()
            settle(page.view.viewport())
            per_key.append(time.perf_counter() - start)
    page.filter_edit.clear()
    ask_now()

    opens = []
    for _ in range(5):
        as_a_user()  # not timed: the double-click or Enter before the open
        start = time.perf_counter()
        window.open_case(LARGEST_CASE_ID)
        settle(window)
        opens.append(time.perf_counter() - start)
        window.close_current_tab()
        drop_closed(qapp)

    from sqlalchemy import event

    from jeugdtool.ui.workspace.workspace import FRAMEWORK

    # The statements each open sends (on PostgreSQL each a round trip, under the policies).
    sent: list[str] = []

    def count_statement(conn, cursor, statement, *_args) -> None:
        sent.append(statement)

    engine = window.ctx.uow.database.engine
    to_map, map_statements = [], []
    for _ in range(5):
        as_a_user()  # not timed: the double-click or Enter before the open
        sent.clear()
        event.listen(engine, "before_cursor_execute", count_statement)
        start = time.perf_counter()
        window.open_case(LARGEST_CASE_ID)
        workspace = window.workspaces[LARGEST_CASE_ID]
        workspace.show_page(FRAMEWORK)
        settle(window)
        to_map.append(time.perf_counter() - start)
        event.remove(engine, "before_cursor_execute", count_statement)
        map_statements.append(len(sent))
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
    edit_statements = []
    for i in range(20):
        new = f"{case.name} [{i}]"
        as_a_user()  # not timed: the keys that made the edit
        sent.clear()
        event.listen(engine, "before_cursor_execute", count_statement)
        start = time.perf_counter()
        execute(ctx, EditHouseholdCommand(ctx, LARGEST_CASE_ID, "name", name, new))
        settle(window)
        command.append(time.perf_counter() - start)
        event.remove(engine, "before_cursor_execute", count_statement)
        edit_statements.append(len(sent))  # besides BEGIN and COMMIT or ROLLBACK per unit
        name = new
        time.sleep(0.01)
    households.update_case(ctx.uow, LARGEST_CASE_ID, {"name": case.name})
    zrm = _zrm(qapp, window, settle, before_open=as_a_user)
    window.close()
    ms = 1000
    return {
        "filter_median_ms": statistics.median(per_key) * ms,
        "filter_max_ms": max(per_key) * ms,
        "open_largest_ms": statistics.median(opens) * ms,
        "open_largest_map_ms": statistics.median(to_map) * ms,
        "open_largest_map_statements": statistics.median(map_statements),
        "edit_service_ms": statistics.median(service) * ms,
        "edit_command_ms": statistics.median(command) * ms,
        "edit_statements": statistics.median(edit_statements),
        **zrm,
    }


def _zrm(qapp, window, settle, before_open=lambda: None) -> dict[str, float]:
    """The ZRM page of the largest case (4 parents with 8 assessments each): opening it, and
    one level typed in the matrix (undo command, service, page reload, repaint).
    `before_open`: the user's input before each open (not timed)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from jeugdtool.ui.workspace.workspace import ZRM

    opens = []
    for _ in range(5):
        window.close_current_tab()
        drop_closed(qapp)
        before_open()
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

    import PySide6

    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PySide6 {PySide6.__version__}, SQLAlchemy {version('SQLAlchemy')}, "
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


#: (key, what, goal as text, whether a result meets it): issue 20's table.
SCALE_ROWS = (
    ("jeugdtool_ms", "Start to the painted window", "≤ 3× bare",
     lambda r: r["jeugdtool_ms"] <= 3 * r["bare_ms"]),
    ("list_ms", "Case list painted", "≤ 3× bare", lambda r: r["list_ms"] <= 3 * r["bare_ms"]),
    ("filter_median_ms", "Filter per keystroke, median (worst)",
     "≤ 30 ms at 10k, ≤ 50 ms at 100k",
     lambda r: r["filter_median_ms"] <= (30 if r["households"] <= 10_000 else 50)),
    ("open_largest_map_ms", "Open the largest case to its map", "≤ 100 ms",
     lambda r: r["open_largest_map_ms"] <= 100),
    ("zrm_open_ms", "Open the largest case to its ZRM page", "≤ 100 ms",
     lambda r: r["zrm_open_ms"] <= 100),
    ("edit_command_ms", "One edit as felt (undo command, reload, paint)", "≤ 30 ms",
     lambda r: r["edit_command_ms"] <= 30),
    ("rss_mb", "Memory once the list is painted (RSS)", "≤ bare + 100 MB",
     lambda r: r["rss_mb"] <= r["bare_rss_mb"] + 100),
)  # fmt: skip


def _cell(key: str, r: dict) -> str:
    bare, value = r["bare_ms"], r[key]
    if key in ("jeugdtool_ms", "list_ms"):
        return f"{value:.0f} ms = {value / bare:.1f}× bare ({bare:.0f} ms)"
    if key == "filter_median_ms":
        return f"{value:.1f} ms ({r['filter_max_ms']:.1f})"
    if key == "rss_mb":
        return f"{value:.0f} MB = bare {r['bare_rss_mb']:.0f} + {value - r['bare_rss_mb']:.0f} MB"
    return f"{value:.1f} ms"


def scale_report(results: list[dict]) -> str:
    """Issue 20's table from the runs kept in benchmarks/out (SQLite, then PostgreSQL; by size)."""
    order = {"sqlite": 0, "postgresql": 1}
    results = sorted(results, key=lambda r: (order.get(r["database"], 2), r["households"]))
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL, a consultant (policies on)"}
    head = [f"{names.get(r['database'], r['database'])}, {r['households']:,} households"
            for r in results]  # fmt: skip
    lines = [
        SCALE_START,
        "",
        "| measure | " + " | ".join(head) + " | goal |",
        "|---|" + "---|" * len(results) + "---|",
    ]
    for key, what, goal, met in SCALE_ROWS:
        cells = [f"{_cell(key, r)} {'✅' if met(r) else '❌'}" for r in results]
        lines.append(f"| {what} | " + " | ".join(cells) + f" | {goal} |")
    lines += ["", "Each column is one run of `benchmarks/bench_ui.py` (medians of its cold "
              "starts, 38 keystrokes, 5 opens, 20 edits):", ""]  # fmt: skip
    lines += [
        f"- {h}: measured {r['measured']}, medians of {r['runs']} cold starts, load average "
        f"{r['load_before']:.1f} before and {r['load_after']:.1f} after; {r['cases_listed']:,} "
        f"cases the user may see (the list asks the database a page at a time)."
        for h, r in zip(head, results, strict=True)
    ]
    if results:
        lines += ["", f"On: {results[-1]['machine']}."]
    return "\n".join([*lines, "", SCALE_END])


def _team_database_ready(url: str, households: int) -> bool:
    """Whether the team database at `url` is there with `households` cases, as the owner sees."""
    from sqlalchemy import create_engine
    from sqlalchemy import exc

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM households").scalar() == households
    except exc.DBAPIError:
        return False
    finally:
        engine.dispose()


def _listed(target: str) -> int:
    """How many cases the case list's user may see (all on SQLite; theirs under the policies)."""
    from sqlalchemy import create_engine

    if "://" not in target:
        target = f"sqlite:///{target}"
    engine = create_engine(target)
    with engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM households").scalar()
    engine.dispose()
    return int(count or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument(
        "--url", help="a PostgreSQL team database (made by generate_large_db.py --url if missing)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    database = "postgresql" if args.url else "sqlite"
    if args.url:
        if not _team_database_ready(args.url, args.households):
            generate(args.url, args.households)
        target = consultant_url(args.url)
    else:
        large = OUT / f"large-{args.households}.sqlite"
        if not large.exists():
            generate(large, args.households)
        target = str(large)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        _remember_user(home, target)
        results: dict = cold_start(args.runs, home, target)
        results |= in_process(home, target)
    results |= {
        "households": args.households,
        "database": database,
        "cases_listed": _listed(target),
        "runs": args.runs,
        "measured": time.strftime("%Y-%m-%d"),
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "machine": machine(),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / f"bench_ui-{database}-{args.households}.json").write_text(
        json.dumps(results, indent=2), encoding="utf-8"
    )
    if args.json:
        print(json.dumps(results))
    else:
        print(json.dumps(results, indent=2))
    if args.no_write:
        return
    if database == "sqlite" and args.households == 10_000:
        write_report(report(results, args.runs))
    kept = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(OUT.glob("bench_ui-*.json"))]
    write_section(scale_report(kept), SCALE_START, SCALE_END, REPORT)


if __name__ == "__main__":
    main()
