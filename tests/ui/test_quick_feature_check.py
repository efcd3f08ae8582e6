"""PySide6's import hook asks of every module imported after PySide6 whether it uses PySide6;
ui/application.py answers that by reading the file's bytes (quick), as the hook's own
`inspect.getsource` answered it (slow): the same answer for every module."""

from __future__ import annotations

import sys

import pytest


def _feature():
    import jeugdtool.app  # noqa: F401  (installs the quick check before its other imports)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide6 has no import hook to make quick")
    return feature


def test_the_program_installs_the_quick_check():
    from jeugdtool.ui.application import quick_feature_check

    feature = _feature()
    assert getattr(feature._mod_uses_pyside, "quick", False)
    assert quick_feature_check() is False  # once is enough: not wrapped again


def test_the_quick_check_answers_as_the_slow_one_for_every_module_loaded():
    import jeugdtool.cases.case_search

    import jeugdtool.ui.case_list  # noqa: F401  (a screen: Qt)

    feature = _feature()
    quick = feature._mod_uses_pyside
    slow = quick.slow  # the hook's own check, kept as the fallback
    assert not getattr(slow, "quick", False)
    modules = [m for m in list(sys.modules.values()) if getattr(m, "__name__", None)]
    answers = {m.__name__: quick(m) for m in modules}
    assert answers == {m.__name__: bool(slow(m)) for m in modules}
    assert answers["jeugdtool.ui.case_list"] is True
    assert answers["jeugdtool.cases.case_search"] is False
    assert answers["sys"] is False  # built in: no file at all
