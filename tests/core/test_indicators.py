"""The indicators as pure functions (outcomes/indicators.py): each on small hand-made facts with
known answers, the edges docs/indicators.md names, the quarters, and the suppression rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jeugdtool.i18n import _
from jeugdtool.i18n import set_language
from jeugdtool.outcomes.indicator_facts import AssessmentFact
from jeugdtool.outcomes.indicator_facts import CaseFact
from jeugdtool.outcomes.indicator_facts import ClosingFact
from jeugdtool.outcomes.indicator_facts import ExperienceFact
from jeugdtool.outcomes.indicator_facts import Facts
from jeugdtool.outcomes.indicator_facts import HelpFact
from jeugdtool.outcomes.indicator_facts import NewStartFact
from jeugdtool.outcomes.indicator_facts import ScoreFact
from jeugdtool.outcomes.indicators import INDICATORS
from jeugdtool.outcomes.indicators import Period
from jeugdtool.outcomes.indicators import Ratio
from jeugdtool.outcomes.indicators import compute
from jeugdtool.outcomes.indicators import indicator_help
from jeugdtool.outcomes.indicators import indicator_label
from jeugdtool.outcomes.indicators import quarters
from jeugdtool.outcomes.indicators import shown_count
from jeugdtool.outcomes.indicators import shown_ratio
from jeugdtool.outcomes.indicators import shown_value

D = dt.date
Q1 = Period(D(2026, 1, 1), D(2026, 3, 31))
LATER = D(2028, 1, 1)  # every follow-up window of Q1 has passed


def _result(facts: Facts, period: Period = Q1, today: dt.date = LATER):
    return compute(facts, period, today=today)


def _closing(cid: int, hid: int, on: dt.date, **fields) -> ClosingFact:
    return ClosingFact(cid, hid, on, **fields)


def _cases(*closings: ClosingFact) -> tuple[CaseFact, ...]:
    return tuple(CaseFact(hid, D(2025, 1, 1)) for hid in sorted({c.household_id for c in closings}))


def _facts(*closings: ClosingFact, **more) -> Facts:
    return Facts(cases=_cases(*closings), closings=closings, **more)


def _ratio(facts: Facts, name: str, **kw) -> Ratio:
    return _result(facts, **kw).indicators[name]


# ---- the unit: closings in the period -----------------------------------------------------


def test_a_closing_on_the_last_day_of_the_period_counts_and_the_next_day_does_not():
    facts = _facts(
        _closing(1, 1, D(2026, 3, 31), further_help="none"),
        _closing(2, 2, D(2026, 4, 1), further_help="none"),
        _closing(3, 3, D(2026, 1, 1), further_help="other"),
        _closing(4, 4, D(2025, 12, 31), further_help="none"),
    )
    r = _ratio(facts, "without_further_help")
    assert (r.numerator, r.denominator) == (1, 2)
    assert r.numerator_cases == (1,) and r.denominator_cases == (1, 3)


def test_without_further_help_counts_none_and_the_voorliggend_veld_of_recorded_closings():
    facts = _facts(
        _closing(1, 1, D(2026, 2, 1), further_help="none"),
        _closing(2, 2, D(2026, 2, 1), further_help="community"),
        _closing(3, 3, D(2026, 2, 1), further_help="other"),
        _closing(4, 4, D(2026, 2, 1)),  # not recorded: not in the denominator
    )
    r = _ratio(facts, "without_further_help")
    assert (r.numerator, r.denominator, r.share) == (2, 3, pytest.approx(2 / 3))


# ---- new starts ---------------------------------------------------------------------------


def _restarted(days: int) -> Facts:
    closed = D(2026, 1, 10)
    return _facts(
        _closing(1, 1, closed),
        new_starts=(NewStartFact(1, closed + dt.timedelta(days=days)),),
    )


def test_a_new_start_on_day_183_is_within_six_months():
    r = _ratio(_restarted(183), "no_new_start_6m")
    assert (r.numerator, r.denominator) == (0, 1)


def test_a_new_start_on_day_184_is_after_six_months_but_within_twelve():
    six = _ratio(_restarted(184), "no_new_start_6m")
    twelve = _ratio(_restarted(184), "no_new_start_12m")
    assert (six.numerator, six.denominator) == (1, 1)
    assert (twelve.numerator, twelve.denominator) == (0, 1)


def test_a_new_start_on_day_366_is_after_twelve_months():
    r = _ratio(_restarted(366), "no_new_start_12m")
    assert (r.numerator, r.denominator) == (1, 1)


def test_a_closing_counts_only_once_its_whole_window_has_passed():
    closed = D(2026, 1, 10)
    facts = _facts(_closing(1, 1, closed))
    last_day = closed + dt.timedelta(days=183)
    assert _ratio(facts, "no_new_start_6m", today=last_day).denominator == 0
    after = _ratio(facts, "no_new_start_6m", today=last_day + dt.timedelta(days=1))
    assert (after.numerator, after.denominator) == (1, 1)
    assert _ratio(facts, "no_new_start_12m", today=last_day + dt.timedelta(days=1)).denominator == 0


def test_a_new_start_after_another_closing_does_not_count_against_this_one():
    facts = _facts(
        _closing(1, 1, D(2026, 1, 10)),
        _closing(2, 2, D(2026, 1, 10)),
        new_starts=(NewStartFact(2, D(2026, 2, 1)),),
    )
    r = _ratio(facts, "no_new_start_6m")
    assert (r.numerator, r.denominator, r.numerator_cases) == (1, 2, (1,))


# ---- goals --------------------------------------------------------------------------------


def test_goals_realised_needs_every_goal_fully_or_mostly_reached():
    facts = _facts(
        _closing(1, 1, D(2026, 2, 1), goal_outcomes=("fully", "mostly")),
        _closing(2, 2, D(2026, 2, 1), goal_outcomes=("fully", "partly")),
        _closing(3, 3, D(2026, 2, 1), goals_outcome="mostly"),
        _closing(4, 4, D(2026, 2, 1), goals_outcome="not"),
        _closing(5, 5, D(2026, 2, 1)),  # nothing recorded
    )
    r = _ratio(facts, "goals_realised")
    assert (r.numerator, r.denominator) == (2, 4)
    assert r.numerator_cases == (1, 3)


def test_per_goal_outcomes_win_over_the_outcome_as_a_whole():
    facts = _facts(_closing(1, 1, D(2026, 2, 1), goals_outcome="fully", goal_outcomes=("not",)))
    assert _ratio(facts, "goals_realised").numerator == 0


# ---- the safety scale ---------------------------------------------------------------------


def _score(hid: int, sid: int, on: dt.date, score: int, role="case_manager", about=None):
    return ScoreFact(hid, sid, on, role, about, score)


def test_safety_increased_compares_the_case_managers_first_and_last_whole_case_score():
    facts = _facts(
        _closing(1, 1, D(2026, 3, 1)),
        _closing(2, 2, D(2026, 3, 1)),
        _closing(3, 3, D(2026, 3, 1)),
        scores=(
            _score(1, 1, D(2025, 6, 1), 3),
            _score(1, 2, D(2025, 9, 1), 2),
            _score(1, 3, D(2026, 2, 1), 6),  # up: 3 -> 6
            _score(2, 4, D(2025, 6, 1), 5),
            _score(2, 5, D(2026, 2, 1), 5),  # the same: not increased
            _score(2, 6, D(2026, 2, 2), 9, role="parent"),  # another rater
            _score(2, 7, D(2026, 2, 3), 9, about="a" * 32),  # one danger, not the case
            _score(3, 8, D(2025, 6, 1), 4),  # only one score: not counted
        ),
    )
    r = _ratio(facts, "safety_increased")
    assert (r.numerator, r.denominator, r.numerator_cases) == (1, 2, (1,))


def test_scores_after_the_closing_do_not_count():
    facts = _facts(
        _closing(1, 1, D(2026, 3, 1)),
        scores=(_score(1, 1, D(2025, 6, 1), 3), _score(1, 2, D(2026, 3, 2), 8)),
    )
    assert _ratio(facts, "safety_increased").denominator == 0


def test_the_same_day_is_ordered_by_when_the_score_was_recorded():
    facts = _facts(
        _closing(1, 1, D(2026, 3, 1)),
        scores=(_score(1, 2, D(2026, 1, 1), 7), _score(1, 1, D(2026, 1, 1), 3)),
    )
    assert _ratio(facts, "safety_increased").numerator == 1


# ---- self-sufficiency ---------------------------------------------------------------------


def _zrm(hid: int, pid: int, aid: int, on: dt.date, **levels) -> AssessmentFact:
    return AssessmentFact(hid, pid, aid, on, levels)


def test_self_sufficiency_counts_persons_with_more_domains_up_than_down():
    facts = _facts(
        _closing(1, 1, D(2026, 3, 1)),
        _closing(2, 2, D(2026, 3, 1)),
        assessments=(
            # person 10: finances up, housing up, work down -> improved
            _zrm(1, 10, 1, D(2025, 5, 1), finances=2, housing=2, work=3),
            _zrm(1, 10, 2, D(2026, 2, 1), finances=4, housing=3, work=2),
            # person 11: one up, one down -> not improved
            _zrm(1, 11, 3, D(2025, 5, 1), finances=2, housing=3),
            _zrm(1, 11, 4, D(2026, 2, 1), finances=3, housing=2),
            # person 20: a level that was not scored counts neither way
            _zrm(2, 20, 5, D(2025, 5, 1), finances=None, housing=2),
            _zrm(2, 20, 6, D(2026, 2, 1), finances=5, housing=3),
        ),
    )
    r = _ratio(facts, "self_sufficiency_improved")
    assert (r.numerator, r.denominator) == (2, 3)
    assert r.numerator_cases == (1, 2) and r.denominator_cases == (1, 2)


def test_first_to_last_skips_the_assessments_between():
    facts = _facts(
        _closing(1, 1, D(2026, 3, 1)),
        assessments=(
            _zrm(1, 10, 1, D(2025, 1, 1), finances=2),
            _zrm(1, 10, 2, D(2025, 6, 1), finances=1),
            _zrm(1, 10, 3, D(2026, 1, 1), finances=3),
        ),
    )
    assert _ratio(facts, "self_sufficiency_improved").numerator == 1


def test_no_zrm_or_one_zrm_only_leaves_the_person_out():
    none = _facts(_closing(1, 1, D(2026, 3, 1)))
    one = _facts(
        _closing(1, 1, D(2026, 3, 1)), assessments=(_zrm(1, 10, 1, D(2025, 5, 1), finances=2),)
    )
    for facts in (none, one):
        r = _ratio(facts, "self_sufficiency_improved")
        assert (r.numerator, r.denominator, r.share) == (0, 0, None)


def test_an_assessment_after_the_closing_does_not_count():
    facts = _facts(
        _closing(1, 1, D(2026, 3, 1)),
        assessments=(
            _zrm(1, 10, 1, D(2025, 5, 1), finances=2),
            _zrm(1, 10, 2, D(2026, 3, 2), finances=4),
        ),
    )
    assert _ratio(facts, "self_sufficiency_improved").denominator == 0


# ---- dropout and experience ---------------------------------------------------------------


def test_dropout_counts_help_ended_early_of_closings_where_it_was_recorded():
    facts = _facts(
        _closing(1, 1, D(2026, 2, 1), ended_as="early"),
        _closing(2, 2, D(2026, 2, 1), ended_as="planned"),
        _closing(3, 3, D(2026, 2, 1), ended_as="planned"),
        _closing(4, 4, D(2026, 2, 1)),
    )
    r = _ratio(facts, "dropout")
    assert (r.numerator, r.denominator, r.numerator_cases) == (1, 3, (1,))


def test_client_experience_is_the_mean_per_question_of_the_answers_given():
    facts = _facts(
        _closing(1, 1, D(2026, 2, 1)),
        _closing(2, 2, D(2026, 2, 1)),
        _closing(3, 3, D(2025, 2, 1)),  # outside the period
        experiences=(
            ExperienceFact(1, {"heard": 4, "helped": 3, "knows_what_to_do": None}),
            ExperienceFact(1, {"heard": 5, "helped": None, "knows_what_to_do": None}),
            ExperienceFact(2, {"heard": 3, "helped": 5, "knows_what_to_do": None}),
            ExperienceFact(3, {"heard": 1, "helped": 1, "knows_what_to_do": 1}),
        ),
    )
    exp = _result(facts).client_experience
    assert list(exp) == ["heard", "helped", "knows_what_to_do"]
    assert (exp["heard"].n, exp["heard"].mean, exp["heard"].cases) == (3, 4.0, (1, 2))
    assert (exp["helped"].n, exp["helped"].mean) == (2, 4.0)
    assert (exp["knows_what_to_do"].n, exp["knows_what_to_do"].mean) == (0, None)


# ---- production ---------------------------------------------------------------------------


def test_production_counts_open_new_closed_and_the_mean_episode_length():
    facts = Facts(
        cases=(
            CaseFact(1, D(2025, 10, 1)),  # closed in Q1
            CaseFact(2, D(2026, 2, 1)),  # new, still open
            CaseFact(3, D(2025, 1, 1)),  # closed in 2025, reopened in Q1, closed again in Q1
            CaseFact(4, D(2026, 4, 1)),  # opened after the period
            CaseFact(5, D(2025, 1, 1)),  # closed before the period
        ),
        closings=(
            _closing(1, 1, D(2026, 1, 31)),
            _closing(2, 3, D(2025, 6, 1), reopened_on=D(2026, 1, 1)),
            _closing(3, 3, D(2026, 3, 1)),
            _closing(4, 5, D(2025, 12, 1)),
        ),
    )
    p = _result(facts).production
    assert (p.open, p.open_cases) == (1, (2,))
    assert (p.new, p.new_cases) == (1, (2,))
    assert (p.closed, p.closed_cases) == (2, (1, 3))
    # case 1: 1 Oct -> 31 Jan = 122 days; case 3's second episode: 1 Jan -> 1 Mar = 59 days
    assert p.mean_duration_days == pytest.approx((122 + 59) / 2)


def test_a_case_reopened_after_the_period_was_closed_at_its_end():
    facts = Facts(
        cases=(CaseFact(1, D(2025, 1, 1)),),
        closings=(_closing(1, 1, D(2026, 2, 1), reopened_on=D(2026, 5, 1)),),
    )
    assert _result(facts).production.open == 0
    q2 = Period(D(2026, 4, 1), D(2026, 6, 30))
    assert _result(facts, period=q2).production.open == 1


def test_a_case_closed_without_a_closing_row_is_closed_from_its_own_date():
    facts = Facts(cases=(CaseFact(1, D(2025, 1, 1), closed_on=D(2026, 2, 1)),))
    assert _result(facts).production.open == 0
    before = Period(D(2025, 10, 1), D(2025, 12, 31))
    assert _result(facts, period=before).production.open == 1
    assert _result(facts).production.closed == 0  # only closings count as closed


def test_help_by_kind_counts_items_running_in_the_period_with_their_known_cost():
    facts = Facts(
        cases=(CaseFact(1, D(2025, 1, 1)), CaseFact(2, D(2025, 1, 1))),
        help=(
            HelpFact(1, "generic", "ambulant", D(2025, 6, 1), None, 8500, 10),
            HelpFact(2, "generic", "ambulant", D(2026, 3, 31), D(2026, 6, 1), None, 4),
            HelpFact(2, "generic", "ambulant", D(2025, 1, 1), D(2025, 12, 31), 100, 1),  # ended
            HelpFact(1, "generic", "residential", D(2026, 4, 1), None, 100, 1),  # starts later
            HelpFact(2, "generic", "free", D(2026, 1, 1), D(2026, 1, 1), None, None),
        ),
    )
    kinds = compute(
        facts, Q1, today=LATER, category_label=lambda plist, code: f"{plist}/{code}"
    ).production.help_by_kind
    assert [(k.category, k.label, k.items, k.cost_cents, k.cases) for k in kinds] == [
        ("ambulant", "generic/ambulant", 2, 85000, (1, 2)),
        ("free", "generic/free", 1, None, (2,)),
    ]


def test_no_closings_give_empty_ratios_not_errors():
    result = _result(Facts())
    assert list(result.indicators) == list(INDICATORS)
    assert all(r == Ratio(0, 0, None) for r in result.indicators.values())
    assert result.production.mean_duration_days is None


# ---- quarters and labels ------------------------------------------------------------------


def test_quarters_cover_the_period_whole():
    assert quarters(D(2025, 11, 15), D(2026, 4, 1)) == [
        Period(D(2025, 10, 1), D(2025, 12, 31)),
        Period(D(2026, 1, 1), D(2026, 3, 31)),
        Period(D(2026, 4, 1), D(2026, 6, 30)),
    ]
    assert quarters(D(2026, 5, 1), D(2026, 4, 1)) == []


def test_a_quarter_is_labelled_k_in_dutch_and_q_in_english():
    set_language("en")
    try:
        assert Q1.label == "2026 Q1"
    finally:
        set_language("nl")
    assert Q1.label == _("{year} Q{quarter}").format(year=2026, quarter=1)
    assert Period(D(2026, 1, 1), D(2026, 2, 28)).label == "2026-01-01 – 2026-02-28"


def test_every_indicator_has_a_label_and_an_explanation():
    for name in INDICATORS:
        assert indicator_label(name) and indicator_help(name).endswith(".")
    assert len({indicator_label(n) for n in INDICATORS}) == len(INDICATORS)


# ---- suppression and properties -----------------------------------------------------------


def test_small_counts_are_shown_as_less_than_five_with_their_share_hidden():
    assert shown_ratio(Ratio(3, 12, 0.25)) == shown_ratio(Ratio(3, 12, 0.25), suppress=True)
    shown = shown_ratio(Ratio(3, 12, 0.25))
    assert (shown.numerator, shown.denominator, shown.share) == ("<5", 12, None)
    shown = shown_ratio(Ratio(5, 12, 5 / 12))
    assert (shown.numerator, shown.denominator, shown.share) == (5, 12, 5 / 12)
    assert shown_count(0) == "<5" and shown_count(4) == "<5" and shown_count(5) == 5
    assert shown_ratio(Ratio(3, 4, 0.75), suppress=False).numerator == 3
    assert shown_value(12.5, 7, 4) is None and shown_value(12.5, 7, 5) == 12.5


@st.composite
def _closings(draw) -> Facts:
    n = draw(st.integers(0, 30))
    closings = []
    scores = []
    for i in range(1, n + 1):
        closings.append(
            ClosingFact(
                i,
                i,
                D(2026, 1, 1) + dt.timedelta(days=draw(st.integers(-30, 120))),
                further_help=draw(st.sampled_from([None, "none", "community", "other"])),
                goal_outcomes=tuple(
                    draw(
                        st.lists(st.sampled_from(["fully", "mostly", "partly", "not"]), max_size=3)
                    )
                ),
                goals_outcome=draw(st.sampled_from([None, "fully", "not"])),
                ended_as=draw(st.sampled_from([None, "planned", "early"])),
            )
        )
        for j in range(draw(st.integers(0, 3))):
            day = D(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 500)))
            scores.append(
                ScoreFact(i, i * 10 + j, day, "case_manager", None, draw(st.integers(0, 10)))
            )
    starts = [
        NewStartFact(c.id, c.closed_on + dt.timedelta(days=draw(st.integers(0, 400))))
        for c in closings
        if draw(st.booleans())
    ]
    return _facts(*closings, scores=tuple(scores), new_starts=tuple(starts))


@given(_closings(), st.dates(D(2026, 1, 1), D(2028, 1, 1)))
def test_shares_are_between_zero_and_one_and_numerators_within_denominators(facts, today):
    for ratio in compute(facts, Q1, today=today).indicators.values():
        assert 0 <= ratio.numerator <= ratio.denominator
        assert ratio.share is None if ratio.denominator == 0 else 0 <= ratio.share <= 1
        assert set(ratio.numerator_cases) <= set(ratio.denominator_cases)


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_suppression_never_shows_a_count_below_five(a, b):
    numerator, denominator = min(a, b), max(a, b)
    share = numerator / denominator if denominator else None
    shown = shown_ratio(Ratio(numerator, denominator, share))
    for count in (shown.numerator, shown.denominator):
        assert count == "<5" or (isinstance(count, int) and count >= 5) or count[0] == ">"
    if isinstance(shown.numerator, int) and isinstance(shown.denominator, int):
        assert shown.denominator - shown.numerator >= 5  # nor one that two counts give away
    if shown.share is not None:  # a share is shown only with both of its counts
        assert isinstance(shown.numerator, int) and isinstance(shown.denominator, int)
