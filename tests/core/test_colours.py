"""WCAG contrast and the role colours derived from a palette: known values and random palettes."""

from __future__ import annotations

import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import strategies as st

from jeugdtool.colours import MIN_CONTRAST
from jeugdtool.colours import SEEDS
from jeugdtool.colours import Role
from jeugdtool.colours import contrast_ratio
from jeugdtool.colours import mix
from jeugdtool.colours import parse_hex
from jeugdtool.colours import relative_luminance
from jeugdtool.colours import role_colour
from jeugdtool.colours import tint
from jeugdtool.colours import to_hex


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("#ffffff", "#000000", 21.0),
        ("#000000", "#ffffff", 21.0),
        ("#777777", "#ffffff", 4.48),
        ("#767676", "#ffffff", 4.54),
        ("#5f6368", "#353535", 2.03),  # the old muted grey on a dark window: unreadable
        ("#c62828", "#ffffff", 5.62),
        ("#123456", "#123456", 1.0),
    ],
)
def test_contrast_ratio_matches_wcag(a: str, b: str, expected: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.01)


def test_relative_luminance_of_primaries() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    assert relative_luminance("#00ff00") == pytest.approx(0.7152)
    assert relative_luminance((0, 0, 255)) == pytest.approx(0.0722)


def test_hex_round_trip_and_short_form() -> None:
    assert parse_hex("#0a1B2c") == (10, 27, 44)
    assert parse_hex("fff") == (255, 255, 255)
    assert to_hex((10, 27, 44)) == "#0a1b2c"
    with pytest.raises(ValueError):
        parse_hex("#12345")


def test_mix_goes_part_of_the_way() -> None:
    assert mix("#000000", "#ffffff", 0.5) == "#808080"
    assert mix("#102030", "#102030", 0.7) == "#102030"


def test_light_palette_keeps_the_colours_it_always_had() -> None:
    # Where the seed already passes, nothing changes: light screens look as before.
    for role in Role:
        assert role_colour(role, "#000000", ["#ffffff"]) == SEEDS[role]


def test_dark_palette_lightens_and_keeps_the_hue() -> None:
    error = role_colour(Role.ERROR, "#ffffff", ["#353535", "#2a2a2a"])
    r, g, b = parse_hex(error)
    assert r > g and r > b  # still red
    assert relative_luminance(error) > relative_luminance(SEEDS[Role.ERROR])
    assert contrast_ratio(error, "#353535") >= MIN_CONTRAST


def test_muted_is_quieter_than_text_but_passes() -> None:
    for text, window in (("#000000", "#efefef"), ("#ffffff", "#353535")):
        grey = role_colour(Role.MUTED, text, [window])
        assert contrast_ratio(grey, window) >= MIN_CONTRAST
        assert contrast_ratio(grey, window) < contrast_ratio(text, window)


def test_muted_follows_a_low_contrast_text_colour() -> None:
    # The blue-grey would be louder than this theme's own text: a mix of text and ground instead.
    grey = role_colour(Role.MUTED, "#6a6a6a", ["#ffffff"])
    assert MIN_CONTRAST <= contrast_ratio(grey, "#ffffff") < contrast_ratio("#6a6a6a", "#ffffff")
    assert grey != SEEDS[Role.MUTED]


def test_muted_falls_back_when_the_text_itself_fails() -> None:
    grey = role_colour(Role.MUTED, "#808080", ["#777777"])
    assert contrast_ratio(grey, "#777777") >= MIN_CONTRAST


def test_a_light_tint_stays_where_its_text_reads() -> None:
    assert tint("#fff8e1", ["#000000", "#5f6368"], "#ffffff") == "#fff8e1"


def test_a_light_tint_on_a_dark_view_becomes_a_dark_shade_of_its_hue() -> None:
    shade = tint("#e8f5e9", ["#ffffff", "#aaaeb2"], "#2a2a2a")
    r, g, b = parse_hex(shade)
    assert g > r and g > b  # still green
    assert relative_luminance(shade) < 0.1
    assert min(contrast_ratio("#ffffff", shade), contrast_ratio("#aaaeb2", shade)) >= MIN_CONTRAST


def test_role_colour_needs_a_background() -> None:
    with pytest.raises(ValueError):
        role_colour(Role.MUTED, "#000000", [])


channel = st.integers(min_value=0, max_value=255)
colours = st.tuples(channel, channel, channel).map(to_hex)
BW = ("#000000", "#ffffff")


def _readable_text(background: str) -> str:
    return "#000000" if relative_luminance(background) >= 0.179 else "#ffffff"


def _near(colour: str, delta: tuple[int, int, int]) -> str:
    r, g, b = (max(0, min(255, c + d)) for c, d in zip(parse_hex(colour), delta, strict=True))
    return to_hex((r, g, b))


@given(background=colours, role=st.sampled_from(list(Role)))
def test_every_role_passes_on_any_single_background(background: str, role: Role) -> None:
    colour = role_colour(role, _readable_text(background), [background])
    assert contrast_ratio(colour, background) >= MIN_CONTRAST


@given(
    window=colours,
    delta=st.tuples(*[st.integers(min_value=-24, max_value=24)] * 3),
    text=colours,
    role=st.sampled_from(list(Role)),
)
def test_every_role_passes_on_window_and_base_together(
    window: str, delta: tuple[int, int, int], text: str, role: Role
) -> None:
    # A real palette's Base and Window are close to each other; its text may be anything. Two
    # backgrounds either side of mid-grey (luminance 0.179) admit no passing colour at all, so
    # only palettes where black or white passes on both are asked of.
    base = _near(window, delta)
    assume(any(contrast_ratio(c, window) >= MIN_CONTRAST <= contrast_ratio(c, base) for c in BW))
    colour = role_colour(role, text, [window, base])
    assert min(contrast_ratio(colour, window), contrast_ratio(colour, base)) >= MIN_CONTRAST


@given(fill=colours, ground=colours)
def test_every_role_reads_on_a_tint_of_any_ground(fill: str, ground: str) -> None:
    text = _readable_text(ground)
    inks = [text, *(role_colour(role, text, [ground]) for role in Role)]
    shade = tint(fill, inks, ground)
    assert all(contrast_ratio(ink, shade) >= MIN_CONTRAST for ink in inks)
