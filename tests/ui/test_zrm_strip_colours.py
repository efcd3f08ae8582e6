"""The ZRM page's advice and read-only strips read well in a light and in a dark palette: the
acute advice (in the error colour) and the other texts on the strip's own fill at 4.5:1 or more."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLabel

from jeugdtool.cases import members
from jeugdtool.colours import MIN_CONTRAST
from jeugdtool.colours import contrast_ratio
from jeugdtool.zrm import assessments
from tests.palettes import DARK
from tests.palettes import dark_palette
from tests.palettes import named_palette

from jeugdtool.ui.zrm.page import ZrmPage
from jeugdtool.ui.zrm.persons import AssessmentRole


@pytest.fixture(params=["light", *DARK])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = qapp.palette()
    qapp.setPalette(named_palette(request.param, qapp))
    yield request.param
    qapp.setPalette(before)


def _fill(frame: QFrame) -> str:
    """The strip's painted fill, read from a pixel inside its border."""
    image = frame.grab().toImage()
    return image.pixelColor(4, image.height() // 2).name()


def _ink(label: QLabel) -> str:
    label.ensurePolished()
    return label.palette().color(label.foregroundRole()).name()


def _page(ctx, case, qtbot, level: int, *, earlier: bool = False) -> ZrmPage:
    sandra = members.add_person(ctx.uow, case.id, {"first_name": "Sandra", "role": "parent"})
    a = assessments.create_assessment(ctx.uow, sandra.value.id, assessed_on=dt.date(2026, 2, 3))
    assessments.set_domain(ctx.uow, a.value.id, "middelengebruik", {"level": level})
    if earlier:  # a newer one makes the first read-only
        assessments.create_assessment(ctx.uow, sandra.value.id, assessed_on=dt.date(2026, 3, 3))
    page = ZrmPage(ctx, case.id)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_the_acute_advice_reads_well_on_its_strip(ctx, case, qtbot, palette) -> None:
    page = _page(ctx, case, qtbot, level=1)
    header = page.editor.header
    assert header.advice.isVisibleTo(page)
    fill = _fill(header.advice)
    acute = [label for label in header.advice_labels if "⚠" in label.text()]
    assert acute
    for label in acute:
        assert contrast_ratio(_ink(label), fill) >= MIN_CONTRAST, (palette, _ink(label), fill)
    if palette != "light":  # a dark palette gets a dark strip, not a light patch
        assert QColor(fill).lightness() < 128


def test_the_read_only_strip_reads_well(ctx, case, qtbot, palette) -> None:
    page = _page(ctx, case, qtbot, level=3, earlier=True)
    editor = page.editor
    (older,) = [a for a in editor.data.assessments if not a.editable]
    top = editor.tree.topLevelItem(0)
    (item,) = [
        top.child(i)
        for i in range(top.childCount())
        if top.child(i).data(0, AssessmentRole) == older.id
    ]
    editor.tree.setCurrentItem(item)  # as the user's click
    assert editor.assessment_id == older.id
    header = editor.header
    assert header.read_only.isVisibleTo(page)
    fill = _fill(header.read_only)
    ink = _ink(header.read_only_text)
    assert contrast_ratio(ink, fill) >= MIN_CONTRAST, (palette, ink, fill)


def test_the_strip_follows_a_palette_change_when_shown_again(ctx, case, qtbot, qapp) -> None:
    page = _page(ctx, case, qtbot, level=1)
    advice = page.editor.header.advice
    light = _fill(advice)
    before = qapp.palette()
    try:
        qapp.setPalette(dark_palette("fusion-dark"))
        page.reload()  # as after the next change, or the next assessment shown
        dark = _fill(advice)
    finally:
        qapp.setPalette(before)
    assert QColor(light).lightness() > 200 and QColor(dark).lightness() < 128
