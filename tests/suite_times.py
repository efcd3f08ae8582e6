"""Where the suite's time goes: a pytest plugin that sums it by file and by fixture.

    pytest -p tests.suite_times [-n 2] tests/ui          # writes build/suite-times-<worker>.json
    python -m tests.suite_times build/suite-times-*.json  # the sums, longest first

Per test file: setup + call + teardown of its tests, and the time of its schema upgrades (a new
file that a test opens itself runs every migration; a copy of `sqlite_at_head` runs none). Per
fixture: the time of its own function up to its `yield` (pytest sets up the fixtures it depends
on before it, so they are not counted twice), and how often it ran. Not loaded unless asked for.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

_by_file: dict[str, float] = defaultdict(float)
_tests_by_file: dict[str, int] = defaultdict(int)
_by_fixture: dict[str, float] = defaultdict(float)
_runs_by_fixture: dict[str, int] = defaultdict(int)
#: Schema upgrades of SQLite files (`store.migrate.upgrade`), most from nothing: a new file
#: opened by a test itself rather than a copy of `sqlite_at_head`. By test file.
_upgrades_by_file: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
_current_file = [""]


def pytest_configure(config: pytest.Config) -> None:
    from jeugdtool.store import migrate

    upgrade = migrate.upgrade

    def timed(engine, location, current):
        started = time.perf_counter()
        try:
            return upgrade(engine, location, current)
        finally:
            spent = _upgrades_by_file[_current_file[0]]
            spent[0] += time.perf_counter() - started
            spent[1] += 1

    migrate.upgrade = timed


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    _current_file[0] = item.nodeid.partition("::")[0]
    yield
    _current_file[0] = ""


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef, request: pytest.FixtureRequest):
    started = time.perf_counter()
    yield
    name = f"{fixturedef.argname} ({fixturedef.scope})"
    _by_fixture[name] += time.perf_counter() - started
    _runs_by_fixture[name] += 1


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    module = report.nodeid.partition("::")[0]
    _by_file[module] += report.duration
    if report.when == "call":
        _tests_by_file[module] += 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if worker == "main" and session.config.pluginmanager.has_plugin("dsession"):
        return  # the xdist controller: its workers write their own
    out = Path(session.config.rootpath) / "build" / f"suite-times-{worker}.json"
    out.parent.mkdir(exist_ok=True)
    data = {
        "files": {f: [round(s, 3), _tests_by_file[f]] for f, s in _by_file.items()},
        "fixtures": {f: [round(s, 3), _runs_by_fixture[f]] for f, s in _by_fixture.items()},
        "upgrades": {f: [round(s, 3), n] for f, (s, n) in _upgrades_by_file.items()},
    }
    out.write_text(json.dumps(data, indent=1), encoding="utf-8")


def main(paths: list[str], top: int = 40) -> None:
    files: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    fixtures: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    upgrades: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for into, part in (
            (files, data["files"]),
            (fixtures, data["fixtures"]),
            (upgrades, data.get("upgrades", {})),
        ):
            for name, (seconds, count) in part.items():
                into[name][0] += seconds
                into[name][1] += count
    total = sum(s for s, _ in files.values())
    print(f"{total:9.1f} s in {sum(n for _, n in files.values())} tests, {len(files)} files")
    print(f"schema upgrades: {sum(s for s, _ in upgrades.values()):.1f} s,", end=" ")
    print(f"{sum(n for _, n in upgrades.values())} of them")
    for title, part, unit in (
        ("files", files, "tests"),
        ("fixtures", fixtures, "runs"),
        ("schema upgrades by file", upgrades, "upgrades"),
    ):
        print(f"\n-- {title}, longest first (seconds, {unit}, seconds each)")
        for name, (seconds, count) in sorted(part.items(), key=lambda kv: -kv[1][0])[:top]:
            print(f"{seconds:9.1f} {int(count):6d} {seconds / max(count, 1):7.3f}  {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
