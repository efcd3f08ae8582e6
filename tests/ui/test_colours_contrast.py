"""Text colours from the palette: every role passes WCAG AA (4.5:1) in a light and a dark palette,
and real widgets that show muted, error and status text read well in the dark one."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.colours import MIN_CONTRAST
from jeugdtool.colours import contrast_ratio
from jeugdtool.framework.vocab import Kept
from tests.palettes import DARK
from tests.palettes import dark_palette
from tests.palettes import named_palette

from jeugdtool.ui import colours
from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.colours import tint
from jeugdtool.ui.plan.reviews import kept_label
from jeugdtool.ui.plan.smart_panel import BADGE_FILL
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.workspace.inline import ErrorLabel

R = QPalette.ColorRole


@pytest.fixture(params=["light", *DARK])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    """The application's palette set to light (the style's own) or a dark one; restored after."""
    before = qapp.palette()
    qapp.setPalette(named_palette(request.param, qapp))
    yield qapp.palette()
    qapp.setPalette(before)


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    qapp.setPalette(dark_palette("fusion-dark"))
    yield qapp.palette()
    qapp.setPalette(before)


def _style_colour(widget: QWidget) -> str:
    found = re.search(r"color:\s*(#[0-9a-fA-F]{6})", widget.styleSheet())
    assert found, f"no text colour in {widget.styleSheet()!r}"
    return found.group(1)


def _grounds(palette: QPalette) -> dict[str, str]:
    return {role.name: palette.color(role).name() for role in (R.Window, R.Base, R.AlternateBase)}


@pytest.mark.parametrize("role", list(Role))
def test_every_role_passes_on_window_and_base(palette: QPalette, role: Role) -> None:
    text = colour(role)
    for name, ground in _grounds(palette).items():
        ratio = contrast_ratio(text, ground)
        assert ratio >= MIN_CONTRAST, f"{role.name} {text} on {name} {ground}: {ratio:.2f}:1"


@pytest.mark.parametrize("fill", ["#e8f5e9", "#ffebee", "#fff8e1", "#e3f2fd", "#fde0dc", "#fff4cc"])
def test_text_of_every_role_reads_on_a_status_tint(palette: QPalette, fill: str) -> None:
    # The map's change marks, the ZRM's acute rows and the formal score sit on such tints.
    shade = tint(fill).name()
    for ink in (palette.color(R.Text).name(), *(colour(role) for role in Role)):
        assert contrast_ratio(ink, shade) >= MIN_CONTRAST, f"{ink} on {shade}"


def test_muted_stays_quieter_than_body_text(palette: QPalette) -> None:
    window = palette.color(R.Window).name()
    body = palette.color(R.WindowText).name()
    assert contrast_ratio(colour(Role.MUTED), window) < contrast_ratio(body, window)


def test_the_old_fixed_grey_failed_where_the_role_passes(dark: QPalette) -> None:
    window = dark.color(R.Window).name()
    assert contrast_ratio("#5f6368", window) < 2.5  # the fixed grey as it was
    assert contrast_ratio(colour(Role.MUTED), window) >= MIN_CONTRAST


def test_error_label_and_review_marks_read_well_in_adark_palette(dark: QPalette, qtbot) -> None:
    error = ErrorLabel()
    qtbot.addWidget(error)
    error.show_message("Vul een datum in.")
    marks = [kept_label(kept) for kept in Kept]
    for label in marks:
        qtbot.addWidget(label)
    window = dark.color(R.Window).name()
    for widget in (error, *marks):
        assert contrast_ratio(_style_colour(widget), window) >= MIN_CONTRAST
    # Rendered: the glyphs are drawn in that colour, not in the palette's white.
    error.resize(300, 40)
    image = error.grab().toImage()
    drawn = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert _style_colour(error) in drawn


def test_a_styled_label_follows_a_palette_change(qapp: QApplication, qtbot) -> None:
    label = QLabel("Nog geen afspraken.")
    qtbot.addWidget(label)
    style_text(label, Role.MUTED, "font-style: italic;")
    light = _style_colour(label)
    before = qapp.palette()
    try:
        qapp.setPalette(dark_palette("breeze-dark"))
        dark = _style_colour(label)
        window = qapp.palette().color(R.Window).name()
    finally:
        qapp.setPalette(before)
    assert dark != light
    assert contrast_ratio(dark, window) >= MIN_CONTRAST
    assert "font-style: italic;" in label.styleSheet()
    assert _style_colour(label) == light  # and back


def test_style_text_none_gives_the_palette_colour_back(qtbot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    style_text(label, Role.ERROR)
    style_text(label, None)
    assert label.styleSheet() == ""
    assert not label.property(colours.ROLE_PROPERTY)


def test_table_warnings_and_greyed_rows_pass_on_the_dark_base(dark: QPalette) -> None:
    model = RowsModel(
        [
            Column("Late", text=str, warn=lambda row: row == "late"),
            Column("Old", text=str, grey=lambda row: row == "old"),
        ]
    )
    model.set_rows(["late", "old"])
    base = dark.color(R.Base).name()
    for row, column in ((0, 0), (1, 1)):
        foreground = model.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
        assert contrast_ratio(foreground.name(), base) >= MIN_CONTRAST


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("jeugdtool.ui.plan.plan_page", "BANNER_STYLE"),
        ("jeugdtool.ui.framework.statements_page", "BANNER_STYLE"),
        ("jeugdtool.ui.framework.moment_bar", "BANNER_STYLE"),
    ],
)
def test_banners_with_their_own_fill_pass_on_any_palette(module: str, name: str) -> None:
    import importlib

    style = getattr(importlib.import_module(module), name)
    fill = re.search(r"background: (#[0-9a-f]{6})", style)
    ink = re.search(r"[^-]color: (#[0-9a-f]{6})", style)
    assert fill and ink
    assert contrast_ratio(ink.group(1), fill.group(1)) >= MIN_CONTRAST


def test_badges_with_their_own_fill_pass() -> None:
    from jeugdtool.ui.workspace.inline import _BADGE_COLOURS

    for ink, fill in _BADGE_COLOURS.values():
        assert contrast_ratio(ink, fill) >= MIN_CONTRAST
    for fill in BADGE_FILL.values():
        assert contrast_ratio("#ffffff", fill) >= MIN_CONTRAST


def test_smart_cells_of_the_agreements_table_read_well_in_adark_palette(dark: QPalette) -> None:
    """The S/M/A/R/T cells are badges with their own fill: white on it, in any palette (a role
    colour there turned pale in a dark palette, under white letters)."""
    from types import SimpleNamespace

    from jeugdtool.framework.smart import AgreementDraft
    from jeugdtool.framework.smart import check_smart

    from jeugdtool.ui.plan.agreement_model import AgreementTableModel

    model = AgreementTableModel()
    agreement = SimpleNamespace(id=7)
    import datetime as dt

    model.set_rows([agreement], {7: check_smart(AgreementDraft(what="iets"), dt.date(2026, 12, 1))})
    for column in AgreementTableModel.LETTER_COLUMNS:
        index = model.index(0, column)
        fill = index.data(Qt.ItemDataRole.BackgroundRole).color().name()
        ink = index.data(Qt.ItemDataRole.ForegroundRole).color().name()
        assert contrast_ratio(ink, fill) >= MIN_CONTRAST, (column, ink, fill)
