"""Special categories of personal data (AVG art. 9 and 10): health, addiction, justice.

The consultant marks an agreement, a help item, a family's own goal (or another text) with
the category its text is about; a marked item stays out of every export unless the selection
includes special categories (`export/pdf/plan_data.leave_out_special`). Which category, if
any, is the consultant's call; these rules only suggest: words per category
(`resources/privacy/special_categories.json`, checked against its schema when first used and
at start-up) pre-mark a new item and warn before an export when an unmarked item's text has
one of them.

A listed word matches a word of the text that starts with it ("migraine" matches
"migrainedagen"); a listed word of `INSIDE_FROM` letters or more also matches inside a word
("psychiater" in "kinderpsychiater"). Texts are folded first (`folding.fold`: no accents, no
capitals). A text with words of several categories gets the first category the file lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jeugdtool import resources
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.folding import fold
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

KEYWORDS = ("privacy", "special_categories.json")
SCHEMA = ("schemas", "special-categories.schema.json")
#: A listed word this long or longer also matches inside a word of the text.
INSIDE_FROM = 7

#: What an item of each category holds, as the warnings say it ("… seems to hold {data}").
DATA_WORDS: Mapping[SpecialCategory, str] = {
    SpecialCategory.HEALTH: N_("health data"),
    SpecialCategory.ADDICTION: N_("data about addiction"),
    SpecialCategory.JUSTICE: N_("data about police or justice"),
}

_WORD = re.compile(r"[^\W_]+")


class SpecialWordsError(JeugdtoolError):
    """The words file is missing or does not match its schema (a packaging or editing error)."""


# ---- the mark ------------------------------------------------------------------------------


def check_category(field: str, value: Any) -> str:
    """A mark as the column holds it: "" (not marked), "health", "addiction" or "justice"."""
    if value is None:
        return SpecialCategory.NONE.value
    try:
        return SpecialCategory(getattr(value, "value", value)).value
    except ValueError:
        raise InvalidInput(
            Problem(
                field,
                _(
                    "'{value}' is not a special category; choose health, addiction, justice "
                    "or not marked."
                ).format(value=value),
            )
        ) from None


def clean_category(value: Any) -> str:
    """The one validation of a mark's value (any kind of text that can be marked): the value as
    the column holds it ("" when not marked); InvalidInput on the field "special_category"
    otherwise."""
    return check_category("special_category", value)


def is_marked(category: str) -> bool:
    return bool(category)


def data_words(category: SpecialCategory | str) -> str:
    """ "health data", "data about addiction", … in the current language."""
    return _(DATA_WORDS[SpecialCategory(category)])


# ---- the words file ------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryWords:
    category: SpecialCategory
    #: Folded words (a word may hold a space or a hyphen: "officier van justitie").
    words: tuple[str, ...]
    #: Words of a text that start with a listed word but say something else ("rechterhand").
    exceptions: frozenset[str]


def _more_problems(document: Mapping[str, Any]) -> list[str]:
    """A category listed twice cannot say which entry wins (the schema cannot say that)."""
    seen: set[str] = set()
    problems = []
    for index, entry in enumerate(document["categories"]):
        if entry["category"] in seen:
            problems.append(f"categories[{index}]: {entry['category']!r} is listed twice")
        seen.add(entry["category"])
    return problems


_FILE = resources.ShippedDocument(
    KEYWORDS,
    SCHEMA,
    SpecialWordsError,
    cannot_read=N_("The file of words for special categories {path} cannot be read: {reason}"),
    damaged=N_(
        "The file of words for special categories {path} is damaged; reinstall jeugdtool or "
        "undo the edit."
    ),
    more_problems=_more_problems,
)


def check_words(document: Any, source: str = "/".join(KEYWORDS)) -> None:
    """Raise `SpecialWordsError` listing every place where `document` breaks the rules."""
    _FILE.check(document, source)


def load() -> None:
    """Read and check the file now (the start-up check): `SpecialWordsError` when damaged."""
    _FILE.document()


def reload() -> None:
    """Forget the loaded file (after editing it, and in tests)."""
    _FILE.reload()
    shipped_words.cache_clear()


def words_of(document: Mapping[str, Any]) -> tuple[CategoryWords, ...]:
    """The categories of a (checked) words document, in the order they win."""
    return tuple(
        CategoryWords(
            SpecialCategory(entry["category"]),
            tuple(fold(w) for w in entry["words"]),
            frozenset(fold(w) for w in entry.get("except", ())),
        )
        for entry in document["categories"]
    )


@cache
def shipped_words() -> tuple[CategoryWords, ...]:
    """The words jeugdtool ships."""
    return words_of(_FILE.document())


# ---- suggesting ----------------------------------------------------------------------------


def _matches(listed: str, word: str) -> bool:
    return word.startswith(listed) or (len(listed) >= INSIDE_FROM and listed in word)


def matched_word(text: str, category: CategoryWords) -> str | None:
    """The first listed word of `category` that `text` has, or None."""
    folded = fold(text)
    words = _WORD.findall(folded)
    for listed in category.words:
        if _WORD.fullmatch(listed) is None:  # several words: "officier van justitie"
            if re.search(rf"(?<![^\W_]){re.escape(listed)}", folded):
                return listed
        elif any(_matches(listed, w) and w not in category.exceptions for w in words):
            return listed
    return None


def suggest(texts: Iterable[str], words: Iterable[CategoryWords] | None = None) -> SpecialCategory:
    """The category the texts (an item's fields) seem to be about; NONE when no listed word is
    in them. `words`: the categories in the order they win (default: the shipped file)."""
    text = "\n".join(t for t in texts if t)
    if not text.strip():
        return SpecialCategory.NONE
    for category in shipped_words() if words is None else words:
        if matched_word(text, category) is not None:
            return category.category
    return SpecialCategory.NONE


# ---- the warning before an export ----------------------------------------------------------


@dataclass(frozen=True)
class Unmarked:
    """Something an export would show whose text has words of a special category."""

    #: What it is, as the warning names it ("Agreement 3", "Help 2", "Red flag 1", …).
    label: str
    category: SpecialCategory
    #: False: the kind cannot be marked (a red flag, a network role): its text must change.
    markable: bool = True


def warning(item: Unmarked) -> str:
    """The warning for one item, e.g. "Agreement 3 seems to hold health data; mark it, or
    include special categories in the selection."."""
    if item.markable:
        text = _(
            "{item} seems to hold {data}; mark it as a special category, or include special "
            "categories in the selection."
        )
    else:
        text = _(
            "{item} seems to hold {data}; change its text, or leave that part out of the selection."
        )
    return text.format(item=item.label, data=data_words(item.category))


# ---- which texts of an item are read --------------------------------------------------------

#: The fields of an agreement whose text is read for a suggestion (AgreementDTO's names): what
#: the plan prints, and the family's own words (the family's version prints them).
AGREEMENT_FIELDS = ("what", "when", "where", "check", "checked_by", "family_words")
#: The fields of a help item whose text is read, beside the label of its kind.
HELP_FIELDS = ("description", "provider", "intensity")


def field_texts(item: Mapping[str, Any] | object, fields: Iterable[str]) -> list[str]:
    """The texts of `fields` in an item: a mapping (a form's values) or an object (a DTO)."""
    if isinstance(item, Mapping):
        values = [item.get(f) for f in fields]
    else:
        values = [getattr(item, f, None) for f in fields]
    return [v for v in values if isinstance(v, str) and v]


def suggest_agreement(item: Mapping[str, Any] | object) -> SpecialCategory:
    """`suggest` for an agreement (its DTO, or a form's values by the DTO's field names)."""
    return suggest(field_texts(item, AGREEMENT_FIELDS))


def suggest_help(kind: str, item: Mapping[str, Any] | object) -> SpecialCategory:
    """`suggest` for a help item: the label of its kind and its own texts."""
    return suggest([kind, *field_texts(item, HELP_FIELDS)])


#: The fields of a statement whose text is read (StatementDTO's names): the sentence, its parts
#: and the family's own words.
STATEMENT_FIELDS = (
    "text",
    "behaviour",
    "example",
    "impact",
    "carers_will",
    "child_will_experience",
    "professionals_will_see",
    "family_words",
)
#: The fields of a review result whose text is read (ReviewResultDTO's names).
RESULT_FIELDS = ("note", "follow_up")


def suggest_statement(item: Mapping[str, Any] | object) -> SpecialCategory:
    """`suggest` for a statement (its DTO, or a form's values by the DTO's field names)."""
    return suggest(field_texts(item, STATEMENT_FIELDS))


def suggest_result(item: Mapping[str, Any] | object) -> SpecialCategory:
    """`suggest` for a review result: its note and its follow-up."""
    return suggest(field_texts(item, RESULT_FIELDS))


#: The fields of a family's own goal whose text is read (FamilyGoalDTO's names).
FAMILY_GOAL_FIELDS = ("text",)


def suggest_family_goal(item: Mapping[str, Any] | object) -> SpecialCategory:
    """`suggest` for a goal of the family's own (its DTO, or a form's values)."""
    return suggest(field_texts(item, FAMILY_GOAL_FIELDS))


# ---- what an export leaves out --------------------------------------------------------------

#: What a document prints in place of a marked text, or where it refers to a left-out item
#: (a help item's goal): it says something is there, never what.
LEFT_OUT = N_("(left out)")


def left_out_text() -> str:
    """ "(weggelaten)" in the current language."""
    return _(LEFT_OUT)


def left_out(item: str) -> str:
    """The notice before an export for a marked item it leaves out, naming the item and never
    its data: "Danger statement 2 is left out: special category of personal data."."""
    return _("{item} is left out: special category of personal data.").format(item=item)
