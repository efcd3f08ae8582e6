"""The pictures of the demo cases, drawn when the demo is loaded (no photos are shipped): a
child's Three Houses drawing and simple pictures for a Words & Pictures story, in the style of
felt-tip drawings. Small PNGs made with Pillow; stored like any picture a consultant adds
(framework/child_voice.py), so the demo shows the whole road a picture takes.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image
from PIL import ImageDraw

WIDTH, HEIGHT = 480, 320
PAPER = (252, 250, 242)
INK = (60, 60, 70)
GRASS = (120, 190, 90)
SKY = (205, 230, 250)
RED, BLUE, YELLOW, ORANGE, PURPLE = (
    (220, 70, 60),
    (70, 110, 210),
    (245, 200, 50),
    (240, 150, 50),
    (150, 90, 190),
)

Draw = ImageDraw.ImageDraw


def _png(paint: Callable[[Draw], None], background: tuple[int, int, int] = PAPER) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    paint(ImageDraw.Draw(image))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _house(d: Draw, x: int, y: int, w: int, h: int, wall: tuple[int, int, int]) -> None:
    """A house with a roof, a door and a window, standing on (x, y) — its bottom left."""
    d.rectangle((x, y - h, x + w, y), fill=wall, outline=INK, width=3)
    d.polygon(
        ((x - 8, y - h), (x + w // 2, y - h - w // 2), (x + w + 8, y - h)), fill=RED, outline=INK
    )
    d.rectangle((x + w // 2 - 10, y - 34, x + w // 2 + 10, y), fill=ORANGE, outline=INK, width=2)
    d.rectangle((x + 10, y - h + 12, x + 30, y - h + 32), fill=SKY, outline=INK, width=2)


def _person(
    d: Draw,
    x: int,
    y: int,
    size: int,
    colour: tuple[int, int, int],
    ink: tuple[int, int, int] = INK,
) -> None:
    """A stick figure standing on (x, y); `ink`: its head and legs (light on a dark night)."""
    head = size // 4
    d.ellipse((x - head, y - size - head, x + head, y - size + head), outline=ink, width=3)
    d.line((x, y - size + head, x, y - size // 3), fill=colour, width=5)
    d.line(
        (x - size // 3, y - size * 2 // 3, x + size // 3, y - size * 2 // 3), fill=colour, width=4
    )
    d.line((x, y - size // 3, x - size // 5, y), fill=ink, width=3)
    d.line((x, y - size // 3, x + size // 5, y), fill=ink, width=3)


def _sun(d: Draw, x: int, y: int, r: int) -> None:
    d.ellipse((x - r, y - r, x + r, y + r), fill=YELLOW, outline=ORANGE, width=3)
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)):
        d.line(
            (x + dx * (r + 4), y + dy * (r + 4), x + dx * (r + 16), y + dy * (r + 16)),
            fill=ORANGE,
            width=3,
        )


def _moon(d: Draw, x: int, y: int, r: int, sky: tuple[int, int, int]) -> None:
    d.ellipse((x - r, y - r, x + r, y + r), fill=YELLOW)
    d.ellipse((x - r + 12, y - r - 4, x + r + 12, y + r - 4), fill=sky)


def _heart(d: Draw, x: int, y: int, r: int) -> None:
    d.ellipse((x - r, y - r, x, y), fill=RED)
    d.ellipse((x, y - r, x + r, y), fill=RED)
    d.polygon(((x - r, y - r // 2), (x + r, y - r // 2), (x, y + r)), fill=RED)


def three_houses_drawing() -> bytes:
    """A child's drawing of the three houses: a grey cloud over the first, a heart in the
    second, a star over the third."""

    def paint(d: Draw) -> None:
        d.rectangle((0, 260, WIDTH, HEIGHT), fill=GRASS)
        for x, wall in ((30, (200, 200, 210)), (180, (250, 215, 120)), (330, (190, 170, 240))):
            _house(d, x, 270, 120, 110, wall)
        d.ellipse((40, 40, 150, 90), fill=(150, 150, 160))  # a grey cloud: worries
        for x in (60, 90, 120):
            d.line((x, 95, x - 6, 115), fill=BLUE, width=3)
        _heart(d, 240, 60, 28)  # good things
        d.polygon(  # a star: dreams
            (
                (390, 30),
                (402, 60),
                (432, 62),
                (408, 80),
                (418, 110),
                (390, 92),
                (362, 110),
                (372, 80),
                (348, 62),
                (378, 60),
            ),
            fill=YELLOW,
            outline=ORANGE,
        )

    return _png(paint)


def _night_house(d: Draw) -> None:
    d.rectangle((0, 250, WIDTH, HEIGHT), fill=(60, 90, 60))
    _moon(d, 400, 60, 30, (40, 50, 90))
    _house(d, 60, 260, 160, 130, (200, 180, 150))


def _outside_at_night(d: Draw) -> None:
    _night_house(d)
    _person(d, 320, 270, 70, SKY, ink=PAPER)


def _neighbour(d: Draw) -> None:
    d.rectangle((0, 250, WIDTH, HEIGHT), fill=GRASS)
    _house(d, 40, 260, 150, 120, (230, 200, 160))
    _person(d, 290, 265, 100, PURPLE)
    _person(d, 350, 265, 60, BLUE)


def _grandmother(d: Draw) -> None:
    d.rectangle((0, 250, WIDTH, HEIGHT), fill=GRASS)
    _sun(d, 70, 60, 28)
    _house(d, 280, 260, 150, 130, (250, 215, 120))
    for x, size, colour in ((140, 100, PURPLE), (200, 70, RED), (240, 60, BLUE)):
        _person(d, x, 265, size, colour)
    _heart(d, 200, 110, 18)


def _doorbell(d: Draw) -> None:
    d.rectangle((0, 250, WIDTH, HEIGHT), fill=GRASS)
    _house(d, 60, 260, 150, 120, (230, 200, 160))
    d.ellipse((232, 170, 252, 190), fill=YELLOW, outline=INK, width=2)  # the doorbell
    _person(d, 300, 265, 60, BLUE)
    d.rounded_rectangle((360, 120, 420, 220), radius=10, fill=(80, 80, 90))  # a phone
    d.rectangle((368, 132, 412, 196), fill=SKY)


#: A story page's picture by its place in the demo story (no picture on the fourth page:
#: a picture is optional).
STORY_PICTURES: dict[int, Callable[[Draw], None]] = {
    1: _grandmother,
    2: _outside_at_night,
    3: _neighbour,
    5: _night_house,
    6: _doorbell,
}


def story_picture(position: int) -> bytes | None:
    """The demo picture of the story's page at `position`, or None (that page has none)."""
    paint = STORY_PICTURES.get(position)
    if paint is None:
        return None
    background = (40, 50, 90) if paint in (_night_house, _outside_at_night) else SKY
    return _png(paint, background)
