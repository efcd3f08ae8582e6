"""The rules of the child's voice, without a database: the child's words kept as said, and
which pictures are taken and how they are kept (no metadata, upright, not too large)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from PIL import PngImagePlugin

from jeugdtool.errors import InvalidInput
from jeugdtool.framework import child_voice_rules as rules
from jeugdtool.i18n import _


def _save(image: Image.Image, kind: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _field(exc: pytest.ExceptionInfo[InvalidInput]) -> str:
    return exc.value.problems[0].field


def test_the_childs_words_lose_only_the_space_around_them() -> None:
    said = "papa  schreeuwt\n\nen ik ben bang  "
    clean = rules.clean_three_houses({"worries": "\n " + said, "dreams": "", "good_things": " "})
    assert clean == {"worries": said.rstrip(), "dreams": "", "good_things": ""}
    with pytest.raises(InvalidInput) as refused:
        rules.clean_three_houses({"dreams": "x" * (rules.MAX_HOUSE_LENGTH + 1)})
    assert _field(refused) == "dreams"
    assert rules.clean_page({"text": " Er was ruzie.\n"}) == {"text": "Er was ruzie."}


def test_a_record_needs_a_day_not_ahead_and_who_talked_with_the_child() -> None:
    today = dt.date(2026, 3, 1)
    assert rules.clean_three_houses({"held_on": today}, today=today) == {"held_on": today}
    for changes, field in (
        ({"held_on": today + dt.timedelta(days=1)}, "held_on"),
        ({"held_on": None}, "held_on"),
        ({"talked_with": "  "}, "talked_with"),
    ):
        with pytest.raises(InvalidInput) as refused:
            rules.clean_three_houses(changes, today=today)
        assert _field(refused) == field
    with pytest.raises(InvalidInput):
        rules.clean_story({"title": ""})
    rules.check_page_count(rules.MAX_PAGES - 1)
    with pytest.raises(InvalidInput):
        rules.check_page_count(rules.MAX_PAGES)


def test_only_png_and_jpeg_that_open_are_taken() -> None:
    gif = _save(Image.new("RGB", (4, 4)), "GIF")
    png = _save(Image.new("RGB", (4, 4)), "PNG")
    for data in (b"", gif, b"%PDF-1.7", png[:40], b"\xff\xd8\xff\xe0 not really a jpeg"):
        with pytest.raises(InvalidInput) as refused:
            rules.clean_image(data, field="drawing")
        assert _field(refused) == "drawing"
    assert rules.media_type_of(png) == rules.PNG and rules.media_type_of(gif) is None


def test_too_large_a_file_or_too_many_pixels_is_refused_before_decoding() -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.clean_image(b"\x89PNG\r\n\x1a\n" + bytes(rules.MAX_BYTES))
    assert f"{rules.MAX_BYTES // (1024 * 1024)} MB" in refused.value.problems[0].message
    # 50 million pixels of one colour: a few kB on disk, 150 MB once decoded.
    bomb = _save(Image.new("1", (10_000, 5_000)), "PNG")
    assert len(bomb) < rules.MAX_BYTES
    with pytest.raises(InvalidInput) as refused:
        rules.clean_image(bomb)
    assert refused.value.problems[0].message == _(
        "The picture has too many pixels: at most {max} million, this one has {n} million."
    ).format(max=40, n=50)  # a whole number without ",0"


def test_the_copy_kept_has_no_metadata_and_stands_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; show it rotated by 90°
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 5.0)}  # GPS
    photo = _save(Image.new("RGB", (400, 100), "red"), "JPEG", exif=exif, comment=b"Parkstraat 12")
    kept = rules.clean_image(photo)
    assert (kept.media_type, kept.width, kept.height) == (rules.JPEG, 100, 400)
    assert b"PhoneMaker" not in kept.data and b"Parkstraat" not in kept.data
    reopened = Image.open(io.BytesIO(kept.data))
    assert not reopened.getexif() and "comment" not in reopened.info
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Sandra Jansen")
    scan = _save(Image.new("RGBA", (60, 40), (0, 0, 255, 128)), "PNG", pnginfo=text)
    kept = rules.clean_image(scan)
    assert kept.media_type == rules.PNG and b"Sandra" not in kept.data
    assert Image.open(io.BytesIO(kept.data)).mode == "RGBA"  # transparency stays


def test_a_large_picture_is_scaled_down_and_a_heavy_png_kept_as_jpeg() -> None:
    big = _save(Image.new("P", (5000, 2500)), "PNG")
    kept = rules.clean_image(big)
    assert (kept.media_type, kept.width, kept.height) == (rules.PNG, rules.MAX_SIDE, 1000)
    noise = _save(Image.effect_noise((1200, 1200), 120).convert("RGB"), "PNG")
    assert len(noise) > rules.MAX_PNG_BYTES
    kept = rules.clean_image(noise)
    assert kept.media_type == rules.JPEG and len(kept.data) < len(noise)
    # Cleaning what was kept changes nothing more: undo can give a picture back as it was.
    small = rules.clean_image(_save(Image.new("RGB", (30, 20), "green"), "PNG"))
    assert rules.clean_image(small.data) == small


def test_the_history_names_the_childs_voice_in_words() -> None:
    from jeugdtool.export import history_words as hw
    from jeugdtool.framework.child_voice_models import ChildStory
    from jeugdtool.framework.child_voice_models import ChildStoryPage
    from jeugdtool.framework.child_voice_models import ThreeHouses

    for model in (ThreeHouses, ChildStory, ChildStoryPage):
        assert hw.entity_label(model.__audit_entity__) != model.__audit_entity__
        for column in model.__table__.columns:
            if column.name in ("id", "household_id", "story_id", "version") or column.name.endswith(
                ("_at", "_by")
            ):
                continue
            label = hw.field_label(model.__audit_entity__, column.name)
            assert label != column.name, (model.__name__, column.name)
    assert hw.field_label("three_houses", "worries") == _("House of worries")
