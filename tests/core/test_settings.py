"""Settings: defaults, round trip, upgrades from every earlier file version, safe writing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jeugdtool import settings
from jeugdtool.settings import SCHEMA_VERSION
from jeugdtool.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "settings"


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert settings.load(tmp_path / "missing.json") == Settings()
    assert Settings().language == "nl"


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", '{"schema_version": "x"}'])
def test_unreadable_file_means_defaults(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    assert settings.load(path) == Settings()


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "settings.json"
    saved = (
        Settings(language="en").with_user("/data/a.sqlite", 7).with_last_database("/data/a.sqlite")
    )
    settings.save(saved, path)
    assert settings.load(path) == saved
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_every_earlier_version_upgrades(tmp_path: Path, version: int) -> None:
    """A fixture per released settings version; each must load with its values kept."""
    path = tmp_path / "settings.json"
    shutil.copy(FIXTURES / f"v{version}.json", path)
    loaded = settings.load(path)
    assert loaded.user_for("/home/anna/jeugdtool.sqlite") == 3
    assert loaded.last_database is None
    assert loaded.language == ("en" if version == 0 else "nl")


def test_unknown_language_falls_back_to_dutch(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema_version": 2, "language": "fr"}', encoding="utf-8")
    assert settings.load(path).language == "nl"
