"""The case-file JSON Schema and the demo case files shipped with it."""

from __future__ import annotations

import copy
import json
import re
import time
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema import FormatChecker

from tests.bounds import BACKTRACK_S
from tests.bounds import HANG_S

RESOURCES = Path(__file__).parents[2] / "resources"
SCHEMA_PATH = RESOURCES / "schemas" / "case.schema.json"
DEMO_FILES = sorted((RESOURCES / "demo").glob("*.json"))


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(_load(SCHEMA_PATH), format_checker=FormatChecker())


@pytest.fixture
def good_case() -> dict[str, Any]:
    """A valid case with at least one person and one network member, to break in tests."""
    return copy.deepcopy(_load(RESOURCES / "demo" / "01-jansen.json"))


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(_load(SCHEMA_PATH))


def test_there_are_six_demo_cases() -> None:
    assert len(DEMO_FILES) == 6


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_demo_case_is_valid(path: Path, validator: Draft202012Validator) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(_load(path))]
    assert errors == []


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_demo_case_ids_are_unique(path: Path) -> None:
    case = _load(path)
    for part in ("persons", "network"):
        ids = [item["id"] for item in case[part]]
        assert len(ids) == len(set(ids)), f"duplicate id in {part}"


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_demo_case_is_pretty_printed_with_readable_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_demo_case_keys_are_in_schema_order(path: Path) -> None:
    schema = _load(SCHEMA_PATH)
    defs = schema["$defs"]
    case = _load(path)
    assert list(case) == list(schema["properties"])
    assert list(case["household"]) == list(defs["household"]["properties"])
    for person in case["persons"]:
        assert list(person) == list(defs["person"]["properties"])
    for member in case["network"]:
        assert list(member) == list(defs["network_member"]["properties"])

    def in_schema_order(obj: dict[str, Any], definition: str) -> None:
        order = list(defs[definition]["properties"])
        assert list(obj) == sorted(obj, key=order.index), f"{definition}: {list(obj)}"

    for moment in case["mappings"]:
        assert list(moment) == list(defs["mapping_moment"]["properties"])
        assert list(moment["cells"]) == list(defs["cells"]["properties"])
        for item in (i for cell in moment["cells"].values() for i in cell):
            assert list(item) == list(defs["map_item"]["properties"])
            assert list(item["source"]) == list(defs["source"]["properties"])
    for statement in case["statements"]:
        in_schema_order(statement, "statement")
    assert list(case["scale"]) == list(defs["scale"]["properties"])
    for score in case["scale"]["scores"]:
        assert list(score) == list(defs["score"]["properties"])
    for plan in case["plans"]:
        assert list(plan) == list(defs["plan"]["properties"])
        for role in plan["network"]:
            assert list(role) == list(defs["plan_network_role"]["properties"])
            assert list(role["who"]) == list(defs["source"]["properties"])
        for flag in plan["red_flags"]:
            assert list(flag) == list(defs["red_flag"]["properties"])
        for agreement in plan["agreements"]:
            assert list(agreement) == list(defs["agreement"]["properties"])
            for party in agreement["parties"]:
                assert list(party) == list(defs["party"]["properties"])
        for review in plan["reviews"]:
            assert list(review) == list(defs["review"]["properties"])
            for result in review["results"]:
                assert list(result) == list(defs["review_result"]["properties"])
        for approval in plan["approvals"]:
            assert list(approval) == list(defs["approval"]["properties"])
            for comment in approval["comments"]:
                assert list(comment) == list(defs["approval_comment"]["properties"])
    for meeting in case["network_meetings"]:
        assert list(meeting) == list(defs["network_meeting"]["properties"])
        for attendee in meeting["attendees"]:
            assert list(attendee) == list(defs["network_meeting_attendee"]["properties"])
    for judgement in case["goal_judgements"]:
        assert list(judgement) == list(defs["goal_judgement"]["properties"])
    for closing in case["closings"]:
        assert list(closing) == list(defs["closing"]["properties"])
    for assessment in case["zrm_assessments"]:
        assert list(assessment) == list(defs["zrm_assessment"]["properties"])
        for domain in assessment["domains"].values():
            assert list(domain) == list(defs["zrm_domain"]["properties"])


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_demo_file_ids_of_the_framework_parts_are_unique(path: Path) -> None:
    case = _load(path)
    moments = [m["id"] for m in case["mappings"]]
    items = [i["id"] for m in case["mappings"] for c in m["cells"].values() for i in c]
    statements = [s["id"] for s in case["statements"]]
    agreements = [a["id"] for plan in case["plans"] for a in plan["agreements"]]
    assessments = [a["id"] for a in case["zrm_assessments"]]
    assert assessments == [f"z{n}" for n in range(1, len(assessments) + 1)]
    for ids in (moments, items, statements, agreements):
        assert len(ids) == len(set(ids))
    for plan in case["plans"]:
        lineages = [a["lineage"] for a in plan["agreements"]]
        assert len(lineages) == len(set(lineages))


def _set_role_baby(case: dict[str, Any]) -> None:
    case["persons"][1]["role"] = "baby"


def _drop_safety_network(case: dict[str, Any]) -> None:
    del case["network"][0]["safety_network"]


def _add_top_level_key(case: dict[str, Any]) -> None:
    case["audit"] = []


def _dutch_birth_date(case: dict[str, Any]) -> None:
    case["persons"][2]["birth_date"] = "14-05-2016"


def _impossible_birth_date(case: dict[str, Any]) -> None:
    case["persons"][2]["birth_date"] = "2016-02-30"


def _exported_at_without_offset(case: dict[str, Any]) -> None:
    case["exported_at"] = "2026-11-20T09:00:00"


def _wrong_version(case: dict[str, Any]) -> None:
    case["version"] = 2


def _blank_household_name(case: dict[str, Any]) -> None:
    case["household"]["name"] = "   "


def _bad_case_number(case: dict[str, Any]) -> None:
    case["household"]["case_number"] = "-2026 0001"


def _database_id_as_person_id(case: dict[str, Any]) -> None:
    case["persons"][0]["id"] = "17"


def _unknown_network_kind(case: dict[str, Any]) -> None:
    case["network"][1]["kind"] = "buurman"


def _null_notes(case: dict[str, Any]) -> None:
    case["network"][0]["notes"] = None


def _unknown_cell(case: dict[str, Any]) -> None:
    case["mappings"][0]["cells"]["gevaar"] = []


def _score_eleven(case: dict[str, Any]) -> None:
    case["scale"]["scores"][0]["score"] = 11


def _item_id_as_lineage(case: dict[str, Any]) -> None:
    case["mappings"][0]["cells"]["harm"][0]["about"] = "S1"


def _about_an_item_lineage(case: dict[str, Any]) -> None:
    case["scale"]["scores"][0]["about"] = "L1"


def _statement_without_its_parts(case: dict[str, Any]) -> None:
    del case["statements"][1]["who_worried"]


def _unknown_statement_type(case: dict[str, Any]) -> None:
    case["statements"][1]["type"] = "gevaar"


def _plan_status_in_dutch(case: dict[str, Any]) -> None:
    case["plans"][0]["status"] = "vastgesteld"


def _agreement_with_who(case: dict[str, Any]) -> None:
    case["plans"][0]["agreements"][0]["who"] = ["n1"]


def _statement_id_as_served(case: dict[str, Any]) -> None:
    case["plans"][0]["agreements"][0]["serves"] = ["g1"]


def _accepted_by_mail(case: dict[str, Any]) -> None:
    case["plans"][0]["agreements"][0]["parties"][0]["how"] = "mail"


def _review_result_by_agreement_id(case: dict[str, Any]) -> None:
    case["plans"][0]["reviews"][0]["results"][0]["agreement"] = "a1"


def _plan_without_reviews(case: dict[str, Any]) -> None:
    del case["plans"][0]["reviews"]


def _zrm_level_seven(case: dict[str, Any]) -> None:
    case["zrm_assessments"][0]["domains"]["financien"]["level"] = 7


def _zrm_domain_without_plan_links(case: dict[str, Any]) -> None:
    del case["zrm_assessments"][0]["domains"]["financien"]["plan_links"]


def _zrm_carried_by_in_dutch(case: dict[str, Any]) -> None:
    case["zrm_assessments"][0]["domains"]["financien"]["carried_by"] = "netwerk"


def _zrm_link_by_statement_id(case: dict[str, Any]) -> None:
    case["zrm_assessments"][0]["domains"]["financien"]["plan_links"] = ["g5"]


BROKEN: list[tuple[Callable[[dict[str, Any]], None], str, str]] = [
    # (how to break the case, json_path of the error, text expected in the message)
    (_set_role_baby, "$.persons[1].role", "baby"),
    (_drop_safety_network, "$.network[0]", "safety_network"),
    (_add_top_level_key, "$", "audit"),
    (_dutch_birth_date, "$.persons[2].birth_date", "14-05-2016"),
    (_impossible_birth_date, "$.persons[2].birth_date", "2016-02-30"),
    (_exported_at_without_offset, "$.exported_at", "2026-11-20T09:00:00"),
    (_wrong_version, "$.version", "1"),
    (_blank_household_name, "$.household.name", "'   '"),
    (_bad_case_number, "$.household.case_number", "-2026 0001"),
    (_database_id_as_person_id, "$.persons[0].id", "17"),
    (_unknown_network_kind, "$.network[1].kind", "buurman"),
    (_null_notes, "$.network[0].notes", "None"),
    (_unknown_cell, "$.mappings[0].cells", "gevaar"),
    (_score_eleven, "$.scale.scores[0].score", "11"),
    (_item_id_as_lineage, "$.mappings[0].cells.harm[0]", "about"),
    (_about_an_item_lineage, "$.scale.scores[0].about", "L1"),
    (_statement_without_its_parts, "$.statements[1]", "who_worried"),
    (_unknown_statement_type, "$.statements[1].type", "gevaar"),
    (_plan_status_in_dutch, "$.plans[0].status", "vastgesteld"),
    (_agreement_with_who, "$.plans[0].agreements[0]", "who"),
    (_statement_id_as_served, "$.plans[0].agreements[0].serves[0]", "g1"),
    (_accepted_by_mail, "$.plans[0].agreements[0].parties[0].how", "mail"),
    (_review_result_by_agreement_id, "$.plans[0].reviews[0].results[0].agreement", "a1"),
    (_plan_without_reviews, "$.plans[0]", "reviews"),
    (_zrm_level_seven, "$.zrm_assessments[0].domains.financien.level", "7"),
    (_zrm_domain_without_plan_links, "$.zrm_assessments[0].domains.financien", "plan_links"),
    (_zrm_carried_by_in_dutch, "$.zrm_assessments[0].domains.financien.carried_by", "netwerk"),
    (_zrm_link_by_statement_id, "$.zrm_assessments[0].domains.financien.plan_links[0]", "g5"),
]


@pytest.mark.parametrize(
    ("breakage", "json_path", "in_message"), BROKEN, ids=[b[0].__name__ for b in BROKEN]
)
def test_broken_case_is_rejected_at_the_right_place(
    breakage: Callable[[dict[str, Any]], None],
    json_path: str,
    in_message: str,
    good_case: dict[str, Any],
    validator: Draft202012Validator,
) -> None:
    breakage(good_case)
    errors = list(validator.iter_errors(good_case))
    assert errors, "broken case was accepted"
    assert {e.json_path for e in errors} == {json_path}
    assert any(in_message in e.message for e in errors)


def test_every_problem_is_reported(
    good_case: dict[str, Any], validator: Draft202012Validator
) -> None:
    _set_role_baby(good_case)
    _dutch_birth_date(good_case)
    _drop_safety_network(good_case)
    paths = {e.json_path for e in validator.iter_errors(good_case)}
    assert paths == {"$.persons[1].role", "$.persons[2].birth_date", "$.network[0]"}


def test_nulls_are_accepted_where_the_format_allows_them(
    good_case: dict[str, Any], validator: Draft202012Validator
) -> None:
    good_case["household"]["case_manager"] = None
    good_case["persons"][0]["birth_date"] = None
    good_case["persons"][0]["last_name"] = ""
    member = good_case["network"][0]
    member.update(organisation=None, phone=None, email=None, relation="", notes="")
    assert list(validator.iter_errors(good_case)) == []


def test_a_file_without_the_framework_parts_is_valid(
    good_case: dict[str, Any], validator: Draft202012Validator
) -> None:
    """Older files (before mappings, statements, scale, plans and the ZRM existed) keep
    importing."""
    for part in ("mappings", "statements", "scale", "plans", "zrm_assessments"):
        del good_case[part]
    assert list(validator.iter_errors(good_case)) == []


def test_missing_cells_are_allowed(
    good_case: dict[str, Any], validator: Draft202012Validator
) -> None:
    good_case["mappings"][0]["cells"] = {"strengths": []}
    assert list(validator.iter_errors(good_case)) == []


def test_the_cells_are_the_eight_of_the_method() -> None:
    from jeugdtool.framework.vocab import Cell

    cells = _load(SCHEMA_PATH)["$defs"]["cells"]["properties"]
    assert list(cells) == [cell.value for cell in Cell]


def test_statement_fields_match_the_model() -> None:
    from jeugdtool.export.framework_check import STATEMENT_FIELDS
    from jeugdtool.framework.statement_dto import PARTS

    for kind, fields in STATEMENT_FIELDS.items():
        assert set(fields) == set(PARTS[kind])


def test_plan_vocabularies_match_the_model() -> None:
    from jeugdtool.framework.vocab import AcceptedHow
    from jeugdtool.framework.vocab import AgreementStatus
    from jeugdtool.framework.vocab import Kept
    from jeugdtool.framework.vocab import PlanStatus

    defs = _load(SCHEMA_PATH)["$defs"]
    assert defs["plan"]["properties"]["status"]["enum"] == [s.value for s in PlanStatus]
    assert defs["agreement"]["properties"]["status"]["enum"] == [s.value for s in AgreementStatus]
    assert defs["party"]["properties"]["how"]["enum"] == [h.value for h in AcceptedHow] + [None]
    assert defs["review_result"]["properties"]["kept"]["enum"] == [k.value for k in Kept]


def test_plan_review_vocabularies_match_the_model() -> None:
    from jeugdtool.framework.vocab import ApprovalState
    from jeugdtool.framework.vocab import CommentTarget
    from jeugdtool.framework.vocab import Judgement

    defs = _load(SCHEMA_PATH)["$defs"]
    assert defs["approval"]["properties"]["state"]["enum"] == [s.value for s in ApprovalState]
    targets = defs["approval_comment"]["properties"]["target"]["enum"]
    assert targets == [t.value for t in CommentTarget]
    judgements = defs["goal_judgement"]["properties"]["judgement"]["enum"]
    assert judgements == [j.value for j in Judgement]


def test_plan_fields_match_the_model() -> None:
    """Every column of the plan tables that holds case data has its field in the file."""
    from jeugdtool.framework.plan_models import Agreement
    from jeugdtool.framework.plan_models import AgreementParty
    from jeugdtool.framework.plan_models import FamilyGoal
    from jeugdtool.framework.plan_models import PlanApproval
    from jeugdtool.framework.plan_models import PlanApprovalComment
    from jeugdtool.framework.plan_models import PlanNetworkRole
    from jeugdtool.framework.plan_models import PlanReview
    from jeugdtool.framework.plan_models import PlanVersion
    from jeugdtool.framework.plan_models import RedFlag
    from jeugdtool.framework.plan_models import ReviewResult

    defs = _load(SCHEMA_PATH)["$defs"]
    bookkeeping = {
        "id",
        "household_id",
        "version",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "position",
        "plan_version_id",
        "agreement_id",
        "review_id",
        "approval_id",
        # The staff member's row: the file names them (submitted_by, reviewer, decided_by).
        "submitted_by_id",
        "reviewer_id",
        "decided_by_id",
    }
    source = {"source_kind", "source_person_id", "source_network_id", "source_label"}
    renamed = {
        "number": "version",
        "based_on_id": "based_on",
        "moment_id": "statements_from",
        "accepted_on": "on",
        "accepted_how": "how",
        "held_on": "date",
        "agreement_lineage": "agreement",
        "network_meeting_id": "network_meeting",
        "target_kind": "target",
        "target_key": "key",
        "target_label": "label",
    }
    for model, definition, extra in (
        (
            PlanVersion,
            "plan",
            {"family_goals", "network", "red_flags", "agreements", "reviews", "approvals"},
        ),
        (FamilyGoal, "family_goal", {"who"}),
        (PlanNetworkRole, "plan_network_role", {"who"}),
        (RedFlag, "red_flag", set()),
        (Agreement, "agreement", {"id", "parties"}),
        (AgreementParty, "party", {"who"}),
        (PlanReview, "review", {"id", "results"}),
        (ReviewResult, "review_result", set()),
        (PlanApproval, "approval", {"comments"}),
        (PlanApprovalComment, "approval_comment", set()),
    ):
        columns = {c.name for c in model.__table__.columns} - bookkeeping - source
        if definition == "agreement":
            columns.add("id")
        fields = {renamed.get(c, c) for c in columns} | extra
        assert fields == set(defs[definition]["properties"]), definition


def test_network_fields_match_the_model() -> None:
    """Every column of the network meetings, goal judgements and the closing's network plan
    has its field in the file."""
    from jeugdtool.dossier.network_models import NetworkMeeting
    from jeugdtool.dossier.network_models import NetworkMeetingAttendee
    from jeugdtool.framework.models import ScaleScore
    from jeugdtool.framework.plan_models import GoalJudgement
    from jeugdtool.outcomes.models import CaseClosing

    defs = _load(SCHEMA_PATH)["$defs"]
    bookkeeping = {"id", "household_id", "version", "created_at", "created_by", "updated_at"}
    bookkeeping |= {"updated_by", "position", "meeting_id"}
    source = {"source_kind", "source_person_id", "source_network_id", "source_label"}
    renamed = {
        "held_on": "date",
        "judged_on": "date",
        "plan_version_id": "plan_version",
        "journal_entry_id": "journal_entry",
        "goal_lineage": "goal",
        "review_id": "review",
        "network_meeting_id": "network_meeting",
    }
    for model, definition, extra in (
        (NetworkMeeting, "network_meeting", {"id", "attendees"}),
        (NetworkMeetingAttendee, "network_meeting_attendee", {"who"}),
        (GoalJudgement, "goal_judgement", set()),
    ):
        columns = {c.name for c in model.__table__.columns} - bookkeeping - source
        fields = {renamed.get(c, c) for c in columns} | extra
        assert fields == set(defs[definition]["properties"]), definition
    assert "network_meeting" in defs["score"]["properties"]
    assert "network_meeting_id" in ScaleScore.__table__.columns
    closing = set(defs["closing"]["properties"])
    assert {"network_keeps", "whom_to_call"} <= closing
    assert {"network_keeps", "whom_to_call"} <= {c.name for c in CaseClosing.__table__.columns}


def test_zrm_fields_match_the_model() -> None:
    """Every column of the ZRM tables that holds case data has its field in the file."""
    from jeugdtool.zrm.assessments import DOMAIN_FIELDS
    from jeugdtool.zrm.models import ZrmAssessment
    from jeugdtool.zrm.models import ZrmDomainScore
    from jeugdtool.zrm.vocab import CarriedBy

    defs = _load(SCHEMA_PATH)["$defs"]
    bookkeeping = {"id", "household_id", "version", "created_at", "created_by", "updated_at"}
    bookkeeping |= {"updated_by", "position", "assessment_id", "domain"}
    renamed = {
        "person_id": "person",
        "assessed_on": "date",
        "matrix_id": "matrix",
        "copied_from_id": "copied_from",
    }
    columns = {c.name for c in ZrmAssessment.__table__.columns} - bookkeeping
    fields = {renamed.get(c, c) for c in columns} | {"id", "domains"}
    assert fields == set(defs["zrm_assessment"]["properties"])
    columns = {c.name for c in ZrmDomainScore.__table__.columns} - bookkeeping
    marks = {"special_category"}  # marked through zrm/special.py, not the domain's form
    assert columns == set(defs["zrm_domain"]["properties"]) == set(DOMAIN_FIELDS) | marks
    assert list(DOMAIN_FIELDS) == [f for f in defs["zrm_domain"]["properties"] if f not in marks]
    carried = defs["zrm_domain"]["properties"]["carried_by"]["enum"]
    assert carried == [c.value for c in CarriedBy] + [None]


# ---------------------------------------------------------------- limits and patterns


def _max_length(defs: dict[str, Any], definition: str, field: str) -> int:
    prop = defs[definition]["properties"][field]
    if "$ref" in prop:
        prop = defs[prop["$ref"].rsplit("/", 1)[-1]]
    return int(prop["maxLength"])


def test_text_limits_are_the_services_limits() -> None:
    """A file holds no longer text than the program lets anyone type, so an imported case can
    be edited like any other: the limit lives in the service, and the schema follows it."""
    from jeugdtool.framework import moments
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plan_reviews
    from jeugdtool.framework import plan_sections
    from jeugdtool.framework import plans
    from jeugdtool.framework import scale
    from jeugdtool.framework import statements
    from jeugdtool.meetings import meetings
    from jeugdtool.zrm import checks

    parts = ("behaviour", "example", "impact", "carers_will", "child_will_experience")
    parts += ("professionals_will_see", "text")
    limits = {
        ("map_item", "text"): moments.MAX_ITEM_LENGTH,
        **{("statement", part): statements.MAX_PART_LENGTH for part in parts},
        ("scale", "zero"): scale.MAX_WORDING,
        ("scale", "ten"): scale.MAX_WORDING,
        ("score", "reason"): scale.MAX_REASON,
        ("score", "one_higher"): scale.MAX_REASON,
        **{
            ("plan", f): plans.MAX_TEXT
            for f in ("override_reason", "children_told", "review_schedule", "when_not_kept")
        },
        ("plan", "finalised_by"): plan_finalise.MAX_BY,
        ("plan_network_role", "role"): plan_sections.MAX_TEXT,
        ("red_flag", "sign"): plan_sections.MAX_TEXT,
        ("red_flag", "action"): plan_sections.MAX_TEXT,
        **{("agreement", f): plans.MAX_TEXT for f in ("what", "when", "where", "check")},
        ("review", "note"): plan_reviews.MAX_TEXT,
        ("review_result", "note"): plan_reviews.MAX_TEXT,
        ("review_result", "follow_up"): plan_reviews.MAX_TEXT,
        ("review_result", "reported_by"): plan_reviews.MAX_NAME,
        ("zrm_assessment", "note"): checks.MAX_NOTE,
        ("zrm_domain", "note"): checks.MAX_NOTE,
        **{
            ("meeting", f): meetings.MAX_TEXT
            for f in ("question", "notes", "advice", "decisions", "cheapest_help")
        },
        ("follow_up", "what"): meetings.MAX_TEXT,
    }
    defs = _load(SCHEMA_PATH)["$defs"]
    found = {key: _max_length(defs, *key) for key in limits}
    assert found == limits
    assert defs["line"]["maxLength"] == plan_sections.MAX_NAME  # watched_by, who_worried, …


def _patterns(node: Any) -> Iterator[str]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("pattern"), str):
                yield item["pattern"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


#: Texts that make a backtracking pattern slow: long runs of what a pattern repeats, then
#: what makes it fail at the very end (a line break, a stray character).
_ADVERSARIAL = [
    ("woord " * 20_000 + "\n\n") * 1,
    " " * 100_000 + "\n",
    "1" * 100_000 + "x",
    "p" + "1" * 100_000 + "x",
    "a" * 100_000 + "!",
    "ab " * 30_000 + "!",
    "2026-01-01T" + "0" * 100_000,
]


@pytest.mark.parametrize("schema", sorted((RESOURCES / "schemas").glob("*.json")), ids=str)
def test_no_pattern_backtracks(schema: Path) -> None:
    """Every pattern takes linear time: 100,000 characters are matched in milliseconds (the
    old one-line pattern ^[^\\r\\n]*\\S[^\\r\\n]*$ took 10 s for 80,000)."""
    for pattern in set(_patterns(_load(schema))):
        for text in _ADVERSARIAL:
            started = time.perf_counter()
            re.search(pattern, text)
            assert time.perf_counter() - started < BACKTRACK_S, (pattern, text[:20])


@pytest.mark.parametrize("size", [80_000, 10_000_000])
def test_a_long_text_with_line_breaks_where_one_line_belongs_is_checked_at_once(
    size: int, good_case: dict[str, Any]
) -> None:
    from jeugdtool.export.casecheck import validate_case_document

    good_case["mappings"][0]["present"][0] = ("woord " * (size // 6) + "\n\n")[:size]
    started = time.perf_counter()
    problems = validate_case_document(good_case)
    assert time.perf_counter() - started < HANG_S
    assert {p.field for p in problems} == {"mappings[0].present[0]"}
    assert len(problems) == 2  # too long, and not on one line
