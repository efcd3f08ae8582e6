"""The kindcheck's pure rules: who is an adult, which ZRM levels and worries raise the question,
when a trigger counts as answered, the answer's checks and its wording in the journal."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.dossier import kindcheck_rules as rules
from jeugdtool.dossier.dto import KindcheckTrigger
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _

TODAY = dt.date(2026, 4, 1)
MOTHER = rules.Member(1, "Sanne Jansen", "parent", dt.date(1990, 5, 1))
FATHER = rules.Member(2, "Mark Jansen", "parent", None)
NOA = rules.Member(3, "Noa Jansen", "child", dt.date(2015, 2, 3))
#: A child of the household who turned 18 today.
LISA = rules.Member(4, "Lisa Jansen", "child", dt.date(2008, 4, 1))
NAMES = {
    "geestelijke_gezondheid": "Geestelijke gezondheid",
    "middelengebruik": "Middelengebruik",
    "huiselijke_relaties": "Huiselijke relaties",
    "financien": "Financiën",
}


def _zrm(assessment_id: int, person_id: int, day: dt.date, **levels: int | None):
    return rules.AssessedLevels(assessment_id, person_id, day, levels, NAMES)


def _worry(lineage: str, person_id: int | None, cell: str = "danger", text: str = "Zorg"):
    return rules.Worry(lineage, person_id, cell, text)


# ---- adults -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "born", "adult"),
    [
        ("parent", None, True),
        ("carer", dt.date(2010, 1, 1), True),  # a carer is an adult whatever the date says
        ("other", None, True),
        ("child", None, False),
        ("child", dt.date(2008, 4, 2), False),  # 18 tomorrow
        ("child", dt.date(2008, 4, 1), True),  # 18 today
    ],
)
def test_parents_carers_and_children_from_their_18th_birthday_are_adults(role, born, adult):
    assert rules.is_adult(role, born, TODAY) is adult


# ---- triggers from the ZRM ----------------------------------------------------------------------


@pytest.mark.parametrize("domain", rules.TRIGGER_DOMAINS)
@pytest.mark.parametrize("level", [1, 2])
def test_each_sensitive_domain_at_1_or_2_asks_the_kindcheck(domain: str, level: int) -> None:
    found = rules.triggers([MOTHER], [_zrm(7, MOTHER.id, TODAY, **{domain: level})], [], TODAY)
    assert found == [
        KindcheckTrigger(
            person_id=MOTHER.id,
            adult_label="Sanne Jansen",
            trigger=f"zrm:2026-04-01:{domain}",
            reason=_("ZRM {levels}").format(levels=f"{NAMES[domain]}: {level}"),
        )
    ]


@pytest.mark.parametrize("level", [3, 4, 5, None])
def test_a_level_of_3_or_more_or_not_assessed_asks_nothing(level: int | None) -> None:
    assessed = _zrm(7, MOTHER.id, TODAY, geestelijke_gezondheid=level, middelengebruik=level)
    assert rules.triggers([MOTHER], [assessed], [], TODAY) == []


def test_another_domain_at_1_asks_nothing() -> None:
    assert rules.triggers([MOTHER], [_zrm(7, MOTHER.id, TODAY, financien=1)], [], TODAY) == []


def test_one_assessment_with_several_low_domains_asks_once_naming_each() -> None:
    assessed = _zrm(
        7, MOTHER.id, TODAY, huiselijke_relaties=1, financien=1, geestelijke_gezondheid=2
    )
    (found,) = rules.triggers([MOTHER], [assessed], [], TODAY)
    # The key names the first in TRIGGER_DOMAINS' order; the reason names each low domain.
    assert found.trigger == "zrm:2026-04-01:geestelijke_gezondheid"
    assert "Geestelijke gezondheid: 2" in found.reason
    assert "Huiselijke relaties: 1" in found.reason
    assert "Financiën" not in found.reason


def test_only_the_newest_assessment_of_an_adult_counts() -> None:
    older = _zrm(3, MOTHER.id, dt.date(2025, 6, 1), middelengebruik=1)
    newer = _zrm(9, MOTHER.id, dt.date(2026, 3, 1), middelengebruik=4)
    assert rules.triggers([MOTHER], [newer, older], [], TODAY) == []
    # On one day, the later recorded one (higher id) is the newest (the key is the day).
    same_day = _zrm(10, MOTHER.id, dt.date(2026, 3, 1), middelengebruik=2)
    (found,) = rules.triggers([MOTHER], [same_day, newer], [], TODAY)
    assert found.trigger == "zrm:2026-03-01:middelengebruik"


def test_the_older_zrm_calls_substance_use_verslaving_and_asks_too() -> None:
    (found,) = rules.triggers([MOTHER], [_zrm(4, MOTHER.id, TODAY, verslaving=2)], [], TODAY)
    assert found.trigger == "zrm:2026-04-01:verslaving"
    assert rules.trigger_domain("verslaving") == "middelengebruik"


def test_a_young_persons_zrm_asks_nothing_until_they_are_18() -> None:
    noa = _zrm(5, NOA.id, TODAY, geestelijke_gezondheid=1)
    lisa = _zrm(6, LISA.id, TODAY, geestelijke_gezondheid=1)
    found = rules.triggers([NOA, LISA], [noa, lisa], [], TODAY)
    assert [t.person_id for t in found] == [LISA.id]
    assert rules.triggers([LISA], [lisa], [], TODAY - dt.timedelta(days=1)) == []


def test_an_assessment_of_someone_not_listed_asks_nothing() -> None:
    assert rules.triggers([MOTHER], [_zrm(5, 99, TODAY, middelengebruik=1)], [], TODAY) == []


# ---- triggers from worries ----------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["harm", "danger", "complicating_factors"])
def test_a_worry_about_an_adult_asks_the_kindcheck(cell: str) -> None:
    worry = _worry("a" * 32, FATHER.id, cell, "Vader drinkt veel als hij alleen is met de kinderen")
    (found,) = rules.triggers([MOTHER, FATHER], [], [worry], TODAY)
    assert found.person_id == FATHER.id
    assert found.adult_label == "Mark Jansen"
    assert found.trigger == "worry:" + "a" * 32
    assert found.reason == _("Worry: {text}").format(text=worry.text)


@pytest.mark.parametrize("cell", ["strengths", "existing_safety", "family_goals", "unknown"])
def test_items_outside_the_worries_column_ask_nothing(cell: str) -> None:
    assert rules.triggers([MOTHER], [], [_worry("b" * 32, MOTHER.id, cell)], TODAY) == []


def test_a_worry_about_a_child_or_about_nobody_asks_nothing() -> None:
    worries = [_worry("c" * 32, NOA.id), _worry("d" * 32, None)]
    assert rules.triggers([MOTHER, NOA], [], worries, TODAY) == []


def test_a_long_worry_is_quoted_short_in_the_reason() -> None:
    text = "Moeder " + "zegt dat ze het niet meer aankan en " * 10
    (found,) = rules.triggers([MOTHER], [], [_worry("e" * 32, MOTHER.id, text=text)], TODAY)
    assert len(found.reason) < 120
    assert found.reason.endswith("…")


def test_triggers_come_per_adult_zrm_first_then_each_worry() -> None:
    zrm = [_zrm(8, FATHER.id, TODAY, huiselijke_relaties=2)]
    worries = [
        _worry("f" * 32, FATHER.id),
        _worry("g" * 32, MOTHER.id),
        _worry("h" * 32, FATHER.id),
    ]
    found = rules.triggers([MOTHER, FATHER], zrm, worries, TODAY)
    assert [t.trigger for t in found] == [
        "worry:" + "g" * 32,
        "zrm:2026-04-01:huiselijke_relaties",
        "worry:" + "f" * 32,
        "worry:" + "h" * 32,
    ]


# ---- answered or pending ------------------------------------------------------------------------


def _trigger(key: str) -> KindcheckTrigger:
    return KindcheckTrigger(1, "Sanne Jansen", key, "")


def test_an_answered_trigger_is_no_longer_pending() -> None:
    found = [_trigger("zrm:2026-01-07:middelengebruik"), _trigger("worry:" + "a" * 32)]
    assert rules.pending(found, []) == found
    assert rules.pending(found, [(1, "worry:" + "a" * 32)]) == found[:1]
    # Answered about another adult (a worry item moved to them): asked again about this one.
    assert rules.pending(found, [(2, "worry:" + "a" * 32)]) == found


def test_an_assessment_answered_stays_answered_when_its_low_domains_change() -> None:
    # Answered while Geestelijke gezondheid was 2; now only Middelengebruik is low.
    answered = [(1, "zrm:2026-01-07:geestelijke_gezondheid")]
    assert rules.pending([_trigger("zrm:2026-01-07:middelengebruik")], answered) == []
    # A newer assessment asks again; so does the same domain of another assessment.
    assert rules.pending(
        [_trigger("zrm:2026-01-17:middelengebruik")], [(1, "zrm:2026-01-07:middelengebruik")]
    ) == [_trigger("zrm:2026-01-17:middelengebruik")]


@pytest.mark.parametrize(
    "key",
    [
        "zrm:2026-01-07:middelengebruik",
        "zrm:2026-01-12:verslaving",
        "worry:" + "0" * 32,
        "worry:abc",
    ],
)
def test_well_formed_triggers_pass(key: str) -> None:
    assert rules.check_trigger(key) == key


@pytest.mark.parametrize(
    "key",
    [
        "",
        "zrm:7",
        "zrm:x:middelengebruik",
        "zrm:7:middelengebruik",
        "zrm:2026-01-07:financien",
        "worry:",
        "worry:" + "0" * 33,
        "x:1",
    ],
)
def test_other_triggers_are_refused_with_a_remedy(key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.check_trigger(key)
    assert caught.value.for_field("trigger") == [
        _("This kindcheck has no known reason; open it again from the overview.")
    ]


# ---- the answer ---------------------------------------------------------------------------------


def test_the_answer_takes_the_three_answers_and_a_tidy_note() -> None:
    assert rules.clean_answer("yes", "unknown", "  Kinderen wonen bij oma.  ") == {
        "children_depend": "yes",
        "safety_assessed": "unknown",
        "note": "Kinderen wonen bij oma.",
    }


def test_a_missing_or_unknown_answer_names_the_question() -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.clean_answer(None, "maybe", "x" * (rules.MAX_NOTE + 1))
    fields = {p.field for p in caught.value.problems}
    assert fields == {"children_depend", "safety_assessed", "note"}
    assert caught.value.for_field("children_depend") == [
        _("Answer the question '{label}'.").format(label=rules.depend_question())
    ]


def test_the_journal_reads_whom_why_both_answers_and_the_note() -> None:
    text = rules.kindcheck_note(
        "yes", "no", "Gesprek met school gepland.", adult="Sanne Jansen", reason="ZRM x: 2"
    )
    lines = text.splitlines()
    assert lines[0] == _("Kindcheck about {adult} ({reason}).").format(
        adult="Sanne Jansen", reason="ZRM x: 2"
    )
    assert lines[1] == _("{question} {answer}").format(
        question=rules.depend_question(), answer=_("Yes")
    )
    assert lines[2] == _("{question} {answer}").format(
        question=rules.safety_question(), answer=_("No")
    )
    assert lines[3] == "Gesprek met school gepland."


def test_the_journal_wording_without_note_or_adult_is_just_the_answers() -> None:
    lines = rules.kindcheck_note("no", "unknown", "  ").splitlines()
    assert len(lines) == 2
    assert lines[1].endswith(_("Not known yet"))
