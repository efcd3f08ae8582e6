"""Marking statements, "how the children are told", reviews, review results and ZRM notes as
special categories of personal data: the services, undo's guard, a closed case, what a new
draft or a new assessment keeps, and the suggestion over their texts."""

from __future__ import annotations

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.export.demo import load_demo
from jeugdtool.framework import moments
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plans
from jeugdtool.framework import special_rules
from jeugdtool.framework import statements
from jeugdtool.framework.special import mark_children_told
from jeugdtool.framework.special import mark_review
from jeugdtool.framework.special import mark_review_result
from jeugdtool.framework.special import mark_statement
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.framework.vocab import StatementType
from jeugdtool.zrm import assessments
from jeugdtool.zrm.reading import list_assessments
from jeugdtool.zrm.special import mark_assessment_note
from jeugdtool.zrm.special import mark_domain_note

pytestmark = pytest.mark.both_backends

ADDICTION = SpecialCategory.ADDICTION


@pytest.fixture
def jansen(uow) -> int:
    load_demo(uow)
    found = queries.find_case_id(uow, "2026-0001")
    assert found is not None
    return found


def _statements(uow, case_id: int):
    moment = moments.latest_moment(uow, case_id)
    assert moment is not None
    return statements.list_statements(uow, moment.moment.id)


def test_clean_category_is_the_one_check_of_a_value() -> None:
    assert special_rules.clean_category("health") == "health"
    assert special_rules.clean_category(SpecialCategory.JUSTICE) == "justice"
    assert special_rules.clean_category(None) == ""
    with pytest.raises(InvalidInput) as raised:
        special_rules.clean_category("religion")
    assert raised.value.problems[0].field == "special_category"


def test_a_statement_is_marked_and_undo_refuses_after_a_colleague(uow, jansen) -> None:
    danger = next(s for s in _statements(uow, jansen) if s.type is StatementType.DANGER)
    marked = mark_statement(uow, danger.id, ADDICTION).value
    assert marked.special_category == "addiction"
    assert marked.text == danger.text  # what was said stays
    assert _statements(uow, jansen)[1].special_category == "addiction"
    with pytest.raises(ConflictError):
        mark_statement(uow, danger.id, "", expected={"special_category": "health"})
    undone = mark_statement(uow, danger.id, "", expected={"special_category": ADDICTION})
    assert undone.value.special_category == ""
    with pytest.raises(InvalidInput):
        mark_statement(uow, danger.id, "religion")


def test_how_the_children_are_told_is_marked_and_a_new_draft_keeps_it(uow, jansen) -> None:
    ozturk = queries.find_case_id(uow, "2026-0005")  # two finalised versions, no draft
    final = max(plans.list_versions(uow, ozturk), key=lambda v: v.number)
    assert final.is_final
    marked = mark_children_told(uow, final.id, "health").value
    assert marked.children_told_category == "health"
    assert marked.children_told == final.children_told
    with pytest.raises(ConflictError):
        mark_children_told(uow, final.id, "", expected={"children_told_category": ""})
    copied = plans.start_draft(uow, ozturk).value
    assert (copied.number, copied.children_told_category) == (final.number + 1, "health")


def test_a_review_and_a_result_are_marked(uow, jansen) -> None:
    review = plan_reviews.list_reviews(uow, jansen)[0]
    marked = mark_review(uow, review.id, "justice").value
    assert marked.special_category == "justice"
    assert marked.results == review.results
    result = review.results[0]
    done = mark_review_result(uow, result.id, "addiction").value
    assert (done.id, done.special_category, done.note) == (result.id, "addiction", result.note)
    with pytest.raises(ConflictError):
        mark_review_result(uow, result.id, "", expected={"special_category": "health"})
    again = plan_reviews.list_reviews(uow, jansen)[0]
    assert again.special_category == "justice"
    assert again.results[0].special_category == "addiction"


def test_a_marked_follow_up_carried_into_the_draft_stays_marked(uow, jansen) -> None:
    review, result = next(
        (r, x) for r in plan_reviews.list_reviews(uow, jansen) for x in r.results if x.follow_up
    )
    for other in review.results:
        mark_review_result(uow, other.id, "addiction" if other.id == result.id else "")
    carried = plan_reviews.carry_follow_ups(uow, review.id).value
    marks = {a.what: a.special_category for a in carried}
    assert marks[result.follow_up.strip()] == "addiction"
    assert set(marks.values()) <= {"addiction", ""}


def test_zrm_notes_are_marked_and_a_new_assessment_keeps_the_domains_marks(uow, jansen) -> None:
    newest = list_assessments(uow, jansen)[-1]
    score = next(d for d in newest.domains if d.note)
    after = mark_domain_note(uow, score.id, ADDICTION).value
    assert after.score(score.domain).special_category == "addiction"
    assert after.special_category == ""
    with pytest.raises(ConflictError):
        mark_domain_note(uow, score.id, "", expected={"special_category": ""})
    noted = mark_assessment_note(uow, newest.id, "health").value
    assert noted.special_category == "health"
    # An earlier assessment may be marked too: the mark changes what an export shows only.
    earliest = list_assessments(uow, jansen)[0]
    assert mark_assessment_note(uow, earliest.id, "health").value.special_category == "health"
    later = assessments.create_assessment(uow, newest.person_id, assessor="A. de Boer").value
    assert later.score(score.domain).special_category == "addiction"
    assert later.special_category == ""  # its own note starts empty


def test_a_closed_case_is_not_marked(uow, jansen) -> None:
    danger = _statements(uow, jansen)[1]
    households.close_case(uow, jansen, "Doelen bereikt")
    with pytest.raises(CaseClosed):
        mark_statement(uow, danger.id, ADDICTION)
    with pytest.raises(CaseClosed):
        mark_assessment_note(uow, list_assessments(uow, jansen)[-1].id, ADDICTION)


def test_the_suggestion_reads_a_statement_and_a_result() -> None:
    said = {"behaviour": "Sandra drinkt alcohol", "text": ""}
    assert special_rules.suggest_statement(said) is ADDICTION
    assert special_rules.suggest_statement({"text": "Sem speelt buiten"}) is SpecialCategory.NONE
    result = {"note": "Afspraak nagekomen", "follow_up": "Verwijzing naar de verslavingszorg"}
    assert special_rules.suggest_result(result) is ADDICTION
