"""Numbers with a fraction in messages as the language writes them: "8,5 MB" in Dutch, "8.5 MB"
in English, a whole number without ",0"; the picture rule's size message uses it."""

from __future__ import annotations

import pytest

from jeugdtool import i18n
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import child_voice_rules as rules
from jeugdtool.i18n import format_megabytes
from jeugdtool.i18n import format_number


@pytest.mark.parametrize(
    ("value", "decimals", "language", "shown"),
    [
        (8.5, 1, "nl", "8,5"),
        (8.5, 1, "en", "8.5"),
        (8.0, 1, "nl", "8"),
        (8.04, 1, "nl", "8"),
        (8.96, 1, "nl", "9"),
        (0.25, 2, "nl", "0,25"),
        (1.50, 2, "nl", "1,5"),
        (40, 1, "nl", "40"),
        (1234.5, 1, "nl", "1234,5"),
    ],
)
def test_a_number_in_the_languages_own_way(value, decimals, language, shown) -> None:
    assert format_number(value, decimals, language) == shown


def test_megabytes_from_bytes() -> None:
    assert format_megabytes(int(8.5 * 1024 * 1024), "nl") == "8,5"
    assert format_megabytes(8 * 1024 * 1024, "nl") == "8"
    assert format_megabytes(int(8.5 * 1024 * 1024), "en") == "8.5"


def test_the_language_of_the_messages_is_the_default() -> None:
    before = i18n.current_language()
    try:
        i18n.set_language("nl")
        assert format_number(2.5) == "2,5"
        i18n.set_language("en")
        assert format_number(2.5) == "2.5"
    finally:
        i18n.set_language(before)


def test_the_picture_too_large_says_its_size_with_a_decimal_comma() -> None:
    before = i18n.current_language()
    too_large = b"\x89PNG\r\n\x1a\n" + bytes(int(8.5 * 1024 * 1024))
    try:
        i18n.set_language("nl")
        with pytest.raises(InvalidInput) as refused:
            rules.clean_image(too_large)
        message = refused.value.problems[0].message
        assert "8,5 MB" in message and "8.5" not in message, message
        i18n.set_language("en")
        with pytest.raises(InvalidInput) as refused:
            rules.clean_image(too_large)
        assert "8.5 MB" in refused.value.problems[0].message
    finally:
        i18n.set_language(before)
