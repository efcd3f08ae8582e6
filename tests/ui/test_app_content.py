"""Start-up checks the shipped ZRM matrices, and says so when the installation is damaged."""

from __future__ import annotations

import pytest

from jeugdtool.app import check_content
from jeugdtool.zrm import definitions


def test_sound_matrices_start_quietly(fake_dialogs) -> None:
    check_content(fake_dialogs)
    assert fake_dialogs.errors == []


def test_a_damaged_matrix_file_is_reported_at_start_up(
    fake_dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> tuple:
        raise definitions.ZrmDefinitionError("zrm-2017.json: levels[2].meaning: missing")

    monkeypatch.setattr(definitions, "builtin_matrices", broken)
    check_content(fake_dialogs)
    assert fake_dialogs.errors == ["zrm-2017.json: levels[2].meaning: missing"]
