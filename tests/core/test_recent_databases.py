"""The recent databases in the settings: newest first, at most eight, files only."""

from __future__ import annotations

import json
from pathlib import Path

from jeugdtool import settings as settings_file
from jeugdtool.settings import MAX_RECENT
from jeugdtool.settings import Settings


def test_the_newest_comes_first_once_and_the_list_stays_short() -> None:
    stored = Settings()
    for n in range(MAX_RECENT + 3):
        stored = stored.with_recent_database(f"/data/{n}.sqlite")
    stored = stored.with_recent_database("/data/5.sqlite")  # opened again: back to the top
    assert stored.recent_databases[:3] == ("/data/5.sqlite", "/data/10.sqlite", "/data/9.sqlite")
    assert len(stored.recent_databases) == MAX_RECENT
    assert stored.recent_databases.count("/data/5.sqlite") == 1
    assert stored.without_recent_databases().recent_databases == ()


def test_only_files_that_are_still_there_are_offered(tmp_path: Path) -> None:
    there, gone = tmp_path / "there.sqlite", tmp_path / "gone.sqlite"
    there.write_bytes(b"")
    stored = Settings().with_recent_database(str(gone)).with_recent_database(str(there))
    assert stored.recent_files() == [str(there)]
    assert stored.recent_databases == (str(there), str(gone))  # kept: a USB stick comes back


def test_the_list_is_saved_and_an_older_file_without_it_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings_file.save(Settings().with_recent_database("/data/a.sqlite"), path)
    assert settings_file.load(path).recent_databases == ("/data/a.sqlite",)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["recent_databases"]
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = settings_file.load(path)
    assert loaded.recent_databases == () and loaded.last_database is None


def test_a_hand_edited_list_keeps_only_file_paths(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings_file.save(Settings(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["recent_databases"] = [
        "/data/a.sqlite",
        "postgresql://anna:secret@server/jeugdtool",  # never a URL: it may hold a password
        7,
        "",
        "/data/a.sqlite",
        *(f"/data/{n}.sqlite" for n in range(MAX_RECENT + 2)),
    ]
    path.write_text(json.dumps(data), encoding="utf-8")
    recent = settings_file.load(path).recent_databases
    assert recent[:2] == ("/data/a.sqlite", "/data/0.sqlite")
    assert len(recent) == MAX_RECENT and not any("://" in p for p in recent)
    data["recent_databases"] = "/data/a.sqlite"  # not a list at all
    path.write_text(json.dumps(data), encoding="utf-8")
    assert settings_file.load(path).recent_databases == ()
