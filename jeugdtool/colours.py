"""Text colours by meaning, derived from the palette so each one passes WCAG AA (4.5:1)."""

from __future__ import annotations

import colorsys
import enum
from collections.abc import Sequence
from functools import lru_cache

#: WCAG 2.x AA for normal text.
MIN_CONTRAST = 4.5

Rgb = tuple[int, int, int]


class Role(enum.Enum):
    """What a coloured text means; each has one seed hue (the light palette's colour)."""

    #: Secondary text (hints, empty states, dates of the past): a quiet blue-grey.
    MUTED = "muted"
    #: Something is wrong or overdue (field errors, "not accepted", a worse ZRM level, acute).
    ERROR = "error"
    #: Needs a look but is not wrong (partly kept, a hint about wording, read-only marks).
    WARNING = "warning"
    #: Done or fine (accepted, kept, a better ZRM level, imported).
    OK = "ok"
    #: Information that stands out without judging (a selection line in a chart).
    ACCENT = "accent"


#: The colours the light palette has always used: kept as they are wherever they already pass.
SEEDS: dict[Role, str] = {
    Role.MUTED: "#5f6368",
    Role.ERROR: "#c62828",
    Role.WARNING: "#8a4b00",
    Role.OK: "#2e7d32",
    Role.ACCENT: "#1f4e79",
}
#: Distinct colours for the raters of a scale chart (the app's and the PDF's), readable on white
#: (3:1 at least, WCAG for graphics) and in grey print; the case manager's comes first, and no
#: other is a blue like it (the PDF gives the case manager the first alone, see
#: export/pdf/charts.py).
RATER_COLOURS = (
    "#1f4e9c",
    "#d9480f",
    "#2b8a3e",
    "#862e9c",
    "#c2255c",
    "#0b7285",
    "#9c7a00",
    "#5c940d",
    "#495057",
    "#8c5a2b",
)
#: The same hues, light enough for a dark background.
RATER_COLOURS_DARK = (
    "#8ab4f8",
    "#ff8a50",
    "#69db7c",
    "#da77f2",
    "#f783ac",
    "#3bc9db",
    "#ffd43b",
    "#a9e34b",
    "#ced4da",
    "#d9a877",
)
#: When the blue-grey would not be quieter than the palette's text (a low-contrast theme), muted
#: text is the text colour this far towards the background (then back until it passes).
MUTED_MIX = 0.45
#: The most of a tint's hue mixed into a dark view's ground (then less until the text passes).
TINT_MIX = 0.3


def parse_hex(colour: str) -> Rgb:
    """`#rrggbb` (or `rrggbb`, or `#rgb`) as three 0-255 channels."""
    text = colour.strip().removeprefix("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"not an #rrggbb colour: {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def to_hex(rgb: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str | Rgb) -> float:
    """WCAG 2.x relative luminance: 0 for black, 1 for white."""
    r, g, b = parse_hex(colour) if isinstance(colour, str) else colour
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(a: str | Rgb, b: str | Rgb) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def _min_contrast(colour: str, backgrounds: Sequence[str]) -> float:
    return min(contrast_ratio(colour, bg) for bg in backgrounds)


def _passes(colour: str, backgrounds: Sequence[str]) -> bool:
    return _min_contrast(colour, backgrounds) >= MIN_CONTRAST


def mix(start: str, end: str, weight: float) -> str:
    """`start` moved `weight` (0..1) of the way towards `end`, per sRGB channel."""
    pairs = zip(parse_hex(start), parse_hex(end), strict=True)
    r, g, b = (round(x + (y - x) * weight) for x, y in pairs)
    return to_hex((r, g, b))


def _with_lightness(hue: float, saturation: float, lightness: float) -> str:
    r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
    return to_hex((round(r * 255), round(g * 255), round(b * 255)))


def adjust_lightness(seed: str, backgrounds: Sequence[str]) -> str:
    """`seed` with its hue and saturation, made as little darker or lighter as it needs to pass.

    Darker on a light background, lighter on a dark one: black passes on every background whose
    luminance is at least 0.179 (where black and white contrast equally) and white on every other,
    so the search always ends with a passing colour when the backgrounds are on the same side.
    """
    if _passes(seed, backgrounds):
        return seed
    hue, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in parse_hex(seed)))
    dark_ground = _mean_luminance(backgrounds) < 0.179
    end = 1.0 if dark_ground else 0.0
    if not _passes(_with_lightness(hue, saturation, end), backgrounds):
        return _best_extreme(backgrounds)
    # Luminance grows with HLS lightness, so bisect between the failing seed and the passing end.
    fail, ok = lightness, end
    for _ in range(24):
        middle = (fail + ok) / 2
        if _passes(_with_lightness(hue, saturation, middle), backgrounds):
            ok = middle
        else:
            fail = middle
    return _with_lightness(hue, saturation, ok)


def _mean_luminance(backgrounds: Sequence[str]) -> float:
    return sum(relative_luminance(bg) for bg in backgrounds) / len(backgrounds)


def _best_extreme(backgrounds: Sequence[str]) -> str:
    """Black or white, whichever reads better on all backgrounds (for backgrounds far apart)."""
    return max(("#000000", "#ffffff"), key=lambda c: _min_contrast(c, backgrounds))


def muted(text: str, backgrounds: Sequence[str]) -> str:
    """Quieter than `text`: towards the first background, back towards `text` until it passes."""
    steps = 20
    for step in range(steps + 1):
        candidate = mix(text, backgrounds[0], MUTED_MIX * (1 - step / steps))
        if _passes(candidate, backgrounds):
            return candidate
    # Even the text colour itself fails here (an odd palette): fall back to a passing shade of it.
    return adjust_lightness(text, backgrounds)


@lru_cache(maxsize=256)
def _role_colour(role: Role, text: str, backgrounds: tuple[str, ...]) -> str:
    derived = adjust_lightness(SEEDS[role], backgrounds)
    louder = _min_contrast(derived, backgrounds) >= _min_contrast(text, backgrounds)
    return muted(text, backgrounds) if role is Role.MUTED and louder else derived


def tint(fill: str, inks: Sequence[str], ground: str) -> str:
    """A tinted background (`fill`, a light-palette tint) that every one of `inks` reads on.

    `fill` itself where the inks pass on it (the light palette); otherwise `ground` (the view's
    Base) moved towards `fill`'s hue only as far as the inks still pass, so a dark palette gets a
    dark shade of the same hue instead of a light patch under light text.
    """
    return _tint(fill, tuple(inks), ground)


@lru_cache(maxsize=256)  # a delegate asks for every item it paints
def _tint(fill: str, inks: tuple[str, ...], ground: str) -> str:

    def readable(candidate: str) -> bool:
        return all(contrast_ratio(ink, candidate) >= MIN_CONTRAST for ink in inks)

    if readable(fill):
        return fill
    # A pale tint mixed into a dark ground would only be grey: mix in its hue at full strength.
    hue, _lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in parse_hex(fill)))
    vivid = _with_lightness(hue, max(saturation, 0.6), 0.5)
    steps = 20
    for step in range(steps + 1):
        candidate = mix(ground, vivid, TINT_MIX * (1 - step / steps))
        if readable(candidate):
            return candidate
    return ground


def role_colour(role: Role, text: str, backgrounds: Sequence[str]) -> str:
    """The `#rrggbb` for `role` as text in colour `text`'s place on every one of `backgrounds`."""
    if not backgrounds:
        raise ValueError("role_colour needs at least one background")
    normal = tuple(to_hex(parse_hex(bg)) for bg in backgrounds)
    return _role_colour(role, to_hex(parse_hex(text)), normal)
