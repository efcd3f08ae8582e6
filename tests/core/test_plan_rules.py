"""The safety plan's pure rules: who is the same person, what a network entry, a red flag and
a review may hold, and what the SMART check reads (the same for a saved and a typed agreement)."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.errors import InvalidInput
from jeugdtool.framework import plan_rules as rules
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PartyDTO
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

TODAY = dt.date(2026, 3, 10)
RIA = Source(SourceKind.NETWORK, network_id=4, label="oma Ria")


# ---- who is who -------------------------------------------------------------------------------


def test_members_are_the_same_person_by_id_whatever_their_label() -> None:
    assert rules.same_person(RIA, Source(SourceKind.NETWORK, network_id=4, label="Ria (oma)"))
    assert not rules.same_person(RIA, Source(SourceKind.NETWORK, network_id=5, label="oma Ria"))
    assert not rules.same_person(RIA, Source(SourceKind.PERSON, person_id=4, label="oma Ria"))


def test_someone_by_name_is_the_same_person_whatever_case_accents_and_spaces() -> None:
    names = ["Aïcha de Vries", "AICHA  de vries", " aicha de Vries "]
    keys = {rules.person_key(Source(SourceKind.OTHER, label=n)) for n in names}
    assert len(keys) == 1
    assert not rules.same_person(
        Source(SourceKind.OTHER, label="Aïcha"), Source(SourceKind.OTHER, label="Aisha")
    )


def test_the_same_people_in_another_order() -> None:
    other = Source(SourceKind.OTHER, label="Buurvrouw Fatima")
    assert rules.same_people(
        [RIA, other], [Source(SourceKind.OTHER, label="buurvrouw fatima"), RIA]
    )
    assert not rules.same_people([RIA, other], [RIA])


# ---- the safety network and red flags ---------------------------------------------------------


def test_a_network_entry_needs_someone_of_the_family_side() -> None:
    consultant = Source(SourceKind.CONSULTANT, label="Anne")
    for who in (None, consultant, Source(SourceKind.OTHER, label="  ")):
        with pytest.raises(InvalidInput) as info:
            rules.network_role({"source": who}, TODAY)
        assert info.value.for_field("source")
    with pytest.raises(InvalidInput) as info:
        rules.new_network_role({"role": "chairs the network"}, TODAY)
    assert info.value.for_field("source")


def test_a_network_entry_reports_every_problem_at_once() -> None:
    with pytest.raises(InvalidInput) as info:
        rules.network_role(
            {"source": None, "told_on": TODAY + dt.timedelta(days=1), "colour": "red"}, TODAY
        )
    assert {p.field for p in info.value.problems} == {"source", "told_on", "colour"}
    assert info.value.for_field("colour") == [
        _("'{field}' cannot be changed here.").format(field="colour")
    ]
    clean = rules.network_role({"source": RIA, "role": "  keeps an eye  "}, TODAY)
    assert clean == {"source": RIA, "role": "keeps an eye"}


def test_someone_is_in_the_network_once() -> None:
    network = [(1, RIA), (2, Source(SourceKind.OTHER, label="Buurvrouw Fatima"))]
    fatima = Source(SourceKind.OTHER, label="buurvrouw FATIMA")
    problem = rules.duplicate_in_network(fatima, network)
    assert problem is not None and "Buurvrouw Fatima" in problem.message
    assert rules.duplicate_in_network(fatima, network, except_id=2) is None


def test_who_watches_is_each_name_once_as_typed_first() -> None:
    assert rules.red_flag({"watched_by": ["oma Ria", "Oma ria", "", "Mark\nKees "]}) == {
        "watched_by": ("oma Ria", "Mark", "Kees")
    }
    assert rules.red_flag({"watched_by": "Ria\n\nMark"}) == {"watched_by": ("Ria", "Mark")}
    with pytest.raises(InvalidInput) as info:
        rules.red_flag({"watched_by": ["x" * (rules.MAX_NAME + 1)], "sign": " "})
    assert {p.field for p in info.value.problems} == {"watched_by", "sign"}
    with pytest.raises(InvalidInput) as info:
        rules.new_red_flag({"action": "call Anne"})
    assert info.value.for_field("sign")


def test_a_red_flag_needs_what_then() -> None:
    with pytest.raises(InvalidInput) as info:
        rules.new_red_flag({"sign": "Mark drinkt weer"})
    assert {p.field for p in info.value.problems} == {"action"}
    with pytest.raises(InvalidInput) as info:
        rules.red_flag({"action": "  "})
    assert {p.field for p in info.value.problems} == {"action"}
    with pytest.raises(InvalidInput) as info:
        rules.new_red_flag({})
    assert {p.field for p in info.value.problems} == {"sign", "action"}
    clean = rules.new_red_flag({"sign": "Mark drinkt weer", "action": "Oma Ria belt Veilig Thuis"})
    assert clean["action"] == "Oma Ria belt Veilig Thuis"


@pytest.mark.parametrize(
    ("text", "limit", "short"),
    [
        ("Noa gaat elke dag naar school", 60, "Noa gaat elke dag naar school"),
        ("Noa gaat elke dag naar school", 14, "Noa gaat elke…"),
        ("Noa gaat elke dag naar school", 13, "Noa gaat…"),
        ("Sanne  brengt\nNoa", 60, "Sanne brengt Noa"),
        ("Onderwijsbegeleidingsdienst", 10, "Onderwijs…"),
        ("Mark belt, Sanne komt", 11, "Mark belt…"),
    ],
)
def test_shorten_cuts_after_a_whole_word(text: str, limit: int, short: str) -> None:
    assert rules.shorten(text.replace("\\n", "\n"), limit) == short


# ---- reviews ----------------------------------------------------------------------------------


def test_a_review_lies_between_finalising_and_today() -> None:
    finalised = TODAY - dt.timedelta(days=30)
    assert rules.review_held_on("01-03-2026", finalised, TODAY) == dt.date(2026, 3, 1)
    for typed in ("", "11-03-2026", "01-01-2026"):
        with pytest.raises(InvalidInput) as info:
            rules.review_held_on(typed, finalised, TODAY)
        assert info.value.for_field("held_on")
    with pytest.raises(InvalidInput) as info:
        rules.review_held_on("01-01-2026", finalised, TODAY)
    assert "08-02-2026" in info.value.problems[0].message


def test_a_review_result_names_its_fields_with_the_prefix() -> None:
    assert rules.review_result({"kept": Kept.PARTLY, "note": " ok "}) == {
        "kept": Kept.PARTLY.value,
        "note": "ok",
    }
    with pytest.raises(InvalidInput) as info:
        rules.review_result({"kept": "maybe", "reported_by": "x" * 300}, "results[1].")
    assert {p.field for p in info.value.problems} == {"results[1].kept", "results[1].reported_by"}


# ---- what the SMART check reads ---------------------------------------------------------------

PLAN = PlanVersionDTO(
    1, 1, 1, PlanStatus.DRAFT, None, None, None, None, None, "", "", TODAY + dt.timedelta(30), ""
)


def _agreement(
    id_: int, *who: str, status: AgreementStatus = AgreementStatus.AGREED
) -> AgreementDTO:
    parties = tuple(
        PartyDTO(10 * id_ + n, Source(SourceKind.OTHER, label=name), True, TODAY, None)
        for n, name in enumerate(who)
    )
    return AgreementDTO(
        id_,
        1,
        f"L{id_}",
        id_,
        "Ria haalt Sanne op",
        "elke dag",
        None,
        None,
        "school",
        "",
        "",
        (),
        status,
        False,
        None,
        parties,
    )


def test_the_load_counts_each_agreement_in_force_once_per_person() -> None:
    agreements = [
        _agreement(1, "oma Ria", "Mark"),
        _agreement(2, "oma Ria"),
        _agreement(3, "oma Ria", status=AgreementStatus.LAPSED),
    ]
    draft = rules.saved_smart_draft(agreements[0], PLAN, agreements)
    assert draft.load_per_person == {"oma Ria": 2, "Mark": 1}
    assert draft.review_date == PLAN.next_review_on  # the plan's, as the agreement has none
    lapsed = rules.saved_smart_draft(agreements[2], PLAN, agreements)
    assert lapsed.load_per_person == {"oma Ria": 2, "Mark": 1}  # a lapsed one adds nothing


def test_a_typed_agreement_reads_as_the_same_agreement_saved() -> None:
    agreements = [_agreement(1, "oma Ria", "Mark"), _agreement(2, "oma Ria")]
    saved = rules.saved_smart_draft(agreements[1], PLAN, agreements)
    typed = rules.smart_draft(
        what="Ria haalt Sanne op",
        who=["oma Ria"],
        when="elke dag",
        due_on=None,
        start_on=None,
        where="school",
        check="",
        checked_by="",
        status=AgreementStatus.AGREED,
        review_on=None,
        accepted_by_all=True,
        realistic_confirmed=False,
        plan=PLAN,
        others=agreements[:1],
    )
    assert typed == saved
    assert typed.load_per_person == saved.load_per_person == {"oma Ria": 2, "Mark": 1}


def test_watchers_typed_twice_in_other_spellings_are_one() -> None:
    from jeugdtool.framework.plan_rules import watchers

    assert watchers("watched_by", "Aïcha Benali\naicha  benali\nHenk") == ("Aïcha Benali", "Henk")
