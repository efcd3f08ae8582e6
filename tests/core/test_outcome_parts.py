"""The outcomes in a case file (`help`, `closings`, `new_starts`): the same rows after export and
import, older files (a closed case gets its closing from the household), the checks at their
JSON paths in the user's language, and the demo's help, closings and new start."""

from __future__ import annotations

import copy
import datetime as dt
import gettext
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select

from jeugdtool import i18n
from jeugdtool import resources
from jeugdtool.cases import queries
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.demo import demo_files
from jeugdtool.export.demo import load_demo
from jeugdtool.export.dossier_parts import PARTS as DOSSIER_PARTS
from jeugdtool.framework.models import Statement
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.outcomes.models import ClosingGoalOutcome
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.models import NewStart
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork

OUTCOME_MODELS = (HelpItem, CaseClosing, ClosingGoalOutcome, ClientExperience, NewStart)


def _demo(name: str) -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", name)))


class _Marked(gettext.NullTranslations):
    """Every catalogue string wrapped in «…»: text not from the catalogue shows up at once."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translation", _Marked())


def _goal_words(uow: UnitOfWork, case_id: int) -> dict[str, str]:
    """Statement lineage -> its newest text: lineages differ per database, words do not."""
    with uow:
        rows = uow.session.scalars(
            select(Statement).where(Statement.household_id == case_id).order_by(Statement.id)
        )
        return {s.lineage: s.text for s in rows}


def _outcome_rows(uow: UnitOfWork, case_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """The case's outcome rows as a database holds them, with ids, persons and lineages turned
    into what they mean (a name, a goal's words), so two databases can be compared."""
    words = _goal_words(uow, case_id)
    with uow:
        session = uow.session
        persons = {
            p.id: f"{p.first_name} {p.last_name}" for p in queries.load_detail(uow, case_id).persons
        }

        def rows(model: Any) -> list[Any]:
            query = select(model).where(model.household_id == case_id).order_by(model.id)
            return list(session.scalars(query))

        closings = rows(CaseClosing)
        dates = {c.id: c.closed_on for c in closings}
        return {
            "help": [
                (
                    h.position,
                    persons.get(h.person_id),
                    h.for_label,
                    h.product_list,
                    h.category,
                    h.description,
                    h.provider,
                    h.starts_on,
                    h.planned_end,
                    h.ended_on,
                    h.intensity,
                    h.decided_by,
                    h.unit,
                    h.unit_cost_cents,
                    h.units,
                    tuple(words.get(key, key) for key in h.serves),
                )
                for h in rows(HelpItem)
            ],
            "closings": [
                (
                    c.closed_on,
                    c.reason,
                    c.goals_outcome,
                    c.further_help,
                    c.further_help_detail,
                    c.ended_as,
                    c.ended_early_by,
                    c.reopened_on,
                )
                for c in closings
            ],
            "goal_outcomes": [
                (dates[o.closing_id], o.position, o.goal_text, o.outcome)
                for o in rows(ClosingGoalOutcome)
            ],
            "experiences": [
                (
                    dates[e.closing_id],
                    persons.get(e.person_id),
                    e.respondent,
                    e.heard,
                    e.helped,
                    e.knows_what_to_do,
                    e.comment,
                )
                for e in rows(ClientExperience)
            ],
            "new_starts": [
                (
                    n.started_on,
                    n.kind,
                    persons.get(n.person_id),
                    dates.get(n.previous_closing_id),
                    n.confirmed_by,
                )
                for n in rows(NewStart)
            ],
        }


def _count(uow: UnitOfWork, model: Any) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(model)) or 0


# ---------------------------------------------------------------- round trip


@pytest.mark.both_backends
@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_export_and_import_give_the_same_rows(
    path: Path, backend: str, uow: UnitOfWork, tmp_path: Path
) -> None:
    """From the test's database (SQLite, or PostgreSQL) to a SQLite file and back."""
    original = read_case_file(path)
    case = import_case(uow, original).value
    first = export_case(uow, case.id)
    for part in ("help", "closings", "new_starts"):
        assert first[part] == original[part]
    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, "J. Visser")
        case2 = import_case(uow2, first).value
        assert _outcome_rows(uow2, case2.id) == _outcome_rows(uow, case.id)
        assert export_case(uow2, case2.id)["closings"] == first["closings"]
    finally:
        other.close()


def test_the_safety_goals_a_help_item_serves_stay_the_same_goals(uow: UnitOfWork) -> None:
    case = import_case(uow, _demo("05-ozturk.json")).value
    words = _goal_words(uow, case.id)
    rows = _outcome_rows(uow, case.id)["help"]
    course = rows[0]
    assert course[5].startswith("Opvoedcursus")
    served_goal, served_domain = course[-1]
    assert served_goal.startswith("Als Mehmet boos wordt") and served_goal in words.values()
    assert served_domain == "zrm:huiselijke_relaties"


def _edit(uow: UnitOfWork, case_id: int, change: Any) -> None:
    with uow:
        change(uow.session, case_id)
        uow.commit()


def test_what_is_no_longer_in_the_case_keeps_its_words(uow: UnitOfWork, tmp_path: Path) -> None:
    """A help item for the household, a goal outcome about a goal since removed from the map,
    and a new start after a closing of another case all survive a round trip."""
    earlier = import_case(uow, _demo("06-wisniewski.json")).value
    case = import_case(uow, _demo("03-meijer.json")).value

    def change(session: Any, case_id: int) -> None:
        closing = session.scalar(select(CaseClosing).where(CaseClosing.household_id == case_id))
        session.add(
            ClosingGoalOutcome(
                household_id=case_id,
                closing_id=closing.id,
                position=2,
                goal_lineage="f" * 32,  # no statement has it any more
                goal_text="Lars gaat elke dag naar school.",
                outcome="not",
            )
        )
        previous = session.scalar(select(CaseClosing).where(CaseClosing.household_id == earlier.id))
        session.add(
            NewStart(
                household_id=case_id,
                started_on=dt.date(2026, 6, 1),
                kind="new_case",
                previous_closing_id=previous.id,
                confirmed_by="J. Visser",
            )
        )

    _edit(uow, case.id, change)
    doc = export_case(uow, case.id)
    outcomes = doc["closings"][0]["goal_outcomes"]
    assert [o["outcome"] for o in outcomes] == ["mostly", "not"]
    lineages = {s["lineage"] for s in doc["statements"]}
    assert outcomes[0]["goal"] in lineages and outcomes[1]["goal"] not in lineages
    [start] = doc["new_starts"]
    assert start["previous_closing"] is None
    assert start["previous_case"] == {"case_number": "2026-0006", "closed_on": "2026-05-29"}
    assert validate_case_document(doc) == []

    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, "J. Visser")
        alone = import_case(uow2, copy.deepcopy(doc)).value  # the earlier case is not there
        assert _outcome_rows(uow2, alone.id)["new_starts"] == [
            (dt.date(2026, 6, 1), "new_case", None, None, "J. Visser")
        ]
        import_case(uow2, _demo("06-wisniewski.json"))
        linked = import_case(uow2, doc, as_new=True).value
        with uow2:
            row = uow2.session.scalar(select(NewStart).where(NewStart.household_id == linked.id))
            previous = uow2.session.get(CaseClosing, row.previous_closing_id)
            assert previous.closed_on == dt.date(2026, 5, 29)
        rows = _outcome_rows(uow2, linked.id)
        assert rows["goal_outcomes"] == _outcome_rows(uow, case.id)["goal_outcomes"]
    finally:
        other.close()


# ---------------------------------------------------------------- older files


@pytest.mark.parametrize("name", ["03-meijer.json", "06-wisniewski.json"])
def test_a_closed_case_from_an_older_file_gets_its_closing(name: str, uow: UnitOfWork) -> None:
    doc = _demo(name)
    for part in ("help", "closings", "new_starts", *DOSSIER_PARTS):
        del doc[part]
    assert validate_case_document(doc) == []
    case = import_case(uow, doc).value
    household = doc["household"]
    rows = _outcome_rows(uow, case.id)
    assert rows["closings"] == [
        (
            dt.date.fromisoformat(household["closed_on"]),
            household["close_reason"],
            None,
            None,
            "",
            None,
            None,
            None,
        )
    ]
    assert rows["help"] == rows["goal_outcomes"] == rows["experiences"] == rows["new_starts"] == []


def test_an_open_case_from_an_older_file_has_no_closing(uow: UnitOfWork) -> None:
    doc = _demo("01-jansen.json")
    for part in ("help", "closings", "new_starts", *DOSSIER_PARTS):
        del doc[part]
    import_case(uow, doc)
    assert _count(uow, CaseClosing) == 0


def test_a_closed_case_whose_closings_were_all_reopened_is_closed_again(uow: UnitOfWork) -> None:
    """The file's closings are kept; the household's own closing comes after them."""
    doc = _demo("03-meijer.json")
    doc["closings"][0].update(closed_on="2026-06-01", reopened_on="2026-06-20")
    case = import_case(uow, doc).value
    closings = _outcome_rows(uow, case.id)["closings"]
    assert [(c[0], c[7]) for c in closings] == [
        (dt.date(2026, 6, 1), dt.date(2026, 6, 20)),
        (dt.date(2026, 10, 15), None),
    ]


# ---------------------------------------------------------------- checks


def _problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in validate_case_document(doc)]


def test_a_bad_shape_is_named_in_the_users_words(marked: None) -> None:
    doc = _demo("03-meijer.json")
    help_item = doc["help"][0]
    help_item.update(category="45 ambulant", decided_by="gemeente", unit_cost_cents=-5)
    help_item["serves"] = ["S3", "doel 2"]
    closing = doc["closings"][0]
    closing["id"] = "c1"
    closing["experiences"][0]["heard"] = 7
    del closing["ended_as"]
    problems = dict(_problems(doc))
    assert set(problems) == {
        "help[0].category",
        "help[0].decided_by",
        "help[0].unit_cost_cents",
        "help[0].serves[1]",
        "closings[0].id",
        "closings[0].ended_as",
        "closings[0].experiences[0].heard",
    }
    assert all(m.startswith("«") and m.endswith("»") for m in problems.values())
    assert "VV05" in problems["help[0].category"]
    assert "zrm:financien" in problems["help[0].serves[1]"]
    assert "k1" in problems["closings[0].id"]
    for english in ("does not match", "is not one of", "is a required property", "less than"):
        assert not any(english in m for m in problems.values())


def test_references_and_dates_are_checked(marked: None) -> None:
    doc = _demo("04-smit.json")
    doc["help"][0]["person"] = "p9"
    doc["help"][0]["serves"] = ["S1"]  # a danger statement, not a goal
    doc["help"][1]["ended_on"] = "2026-09-01"  # before it started
    closing = doc["closings"][0]
    closing["ended_as"] = "planned"  # but "ended early by the family" stays
    closing["reopened_on"] = "2026-07-01"
    closing["goal_outcomes"].append(dict(closing["goal_outcomes"][0]))
    closing["experiences"].append(dict(closing["experiences"][0]))
    doc["new_starts"][0].update(previous_closing="k2", date="2026-06-01")
    doc["help"][2].update(unit=None, unit_cost_cents=4500, units=3)  # a cost of what?
    fields = [f for f, _m in _problems(doc)]
    assert fields == [
        "help[0].person",
        "help[0].serves[0]",
        "help[1].ended_on",
        "help[2].unit",
        "closings[0].goal_outcomes[1].goal",
        "closings[0].ended_early_by",
        "closings[0].reopened_on",
        "closings[0].experiences[1].person",
        "new_starts[0].previous_closing",
    ]


def test_the_closings_follow_each_other(marked: None) -> None:
    doc = _demo("04-smit.json")
    second = copy.deepcopy(doc["closings"][0])
    second.update(id="k2", closed_on="2026-08-15", reopened_on="2026-08-20")
    doc["closings"].append(second)  # closed before the first closing was reopened
    problems = dict(_problems(doc))
    assert list(problems) == ["closings[1].closed_on"]
    assert format_date_nl(dt.date(2026, 8, 31)) in problems["closings[1].closed_on"]


def test_a_closing_an_older_jeugdtool_reopened_without_a_date_imports_as_it_is(
    uow: UnitOfWork,
) -> None:
    """Export writes what the program holds, so import takes it: an open case whose closing
    lacks its reopening date (reopened by an older program) gets no closing more, nor less."""
    doc = _demo("04-smit.json")
    doc["closings"][0]["reopened_on"] = None
    assert validate_case_document(doc) == []
    case = import_case(uow, doc).value
    assert export_case(uow, case.id)["closings"] == doc["closings"]


def test_a_new_start_does_not_come_before_its_closing(marked: None) -> None:
    doc = _demo("04-smit.json")
    doc["new_starts"][0]["date"] = "2026-07-01"
    doc["new_starts"].append(
        {
            "date": "2026-05-01",
            "kind": "new_case",
            "person": "p2",
            "previous_closing": None,
            "previous_case": {"case_number": "2025-0042", "closed_on": "2026-05-02"},
            "confirmed_by": "A. de Boer",
        }
    )
    assert [f for f, _m in _problems(doc)] == ["new_starts[0].date", "new_starts[1].date"]
    doc["new_starts"][1]["previous_closing"] = "k1"
    assert "new_starts[1].previous_case" in dict(_problems(doc))


def test_a_bad_outcomes_part_imports_nothing(uow: UnitOfWork) -> None:
    doc = _demo("03-meijer.json")
    doc["new_starts"] = [
        {
            "date": "2026-10-20",
            "kind": "reopened",
            "person": None,
            "previous_closing": "k7",
            "previous_case": None,
            "confirmed_by": "",
        }
    ]
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, doc)
    assert [p.field for p in caught.value.problems] == ["new_starts[0].previous_closing"]
    assert _count(uow, CaseClosing) == _count(uow, HelpItem) == 0
    assert queries.find_case_id(uow, "2026-0003") is None


# ---------------------------------------------------------------- the demo


DEMO = {path.name: read_case_file(path) for path in demo_files()}


def _categories() -> set[tuple[str, str]]:
    shipped = resources.load_json("help", "ijw-productcategorieen.json")
    return {(shipped["list_id"], c["code"]) for c in shipped["categories"]}


def _current_goals(doc: dict[str, Any]) -> list[str]:
    newest = doc["mappings"][-1]["id"]
    return [
        s["lineage"]
        for s in doc["statements"]
        if s["moment"] == newest and s["type"] == "safety_goal"
    ]


def _focus(doc: dict[str, Any]) -> set[str]:
    return {
        f"zrm:{code}"
        for a in doc["zrm_assessments"]
        for code, domain in a["domains"].items()
        if domain["focus"]
    }


@pytest.mark.parametrize("name", sorted(DEMO))
def test_the_demo_help_uses_the_shipped_list_and_serves_the_case(name: str) -> None:
    doc = DEMO[name]
    if doc["household"]["status"] == "open":
        assert 2 <= len(doc["help"]) <= 4
    persons = {p["id"] for p in doc["persons"]}
    for item in doc["help"]:
        assert (item["product_list"], item["category"]) in _categories()
        assert item["person"] is None or item["person"] in persons
        assert item["serves"], "every demo item serves a goal or a focus domain"
        for key in item["serves"]:
            assert key in _current_goals(doc) or key in _focus(doc)
        assert item["starts_on"] >= doc["household"]["opened_on"]


def test_the_demo_shows_each_help_warning_and_some_cost() -> None:
    today = dt.date(2026, 11, 20)  # the day the demo files were made
    items = [(name, item) for name, doc in DEMO.items() for item in doc["help"]]
    running = [(name, item) for name, item in items if item["ended_on"] is None]
    past_end = [
        item
        for _name, item in running
        if item["planned_end"] is not None and dt.date.fromisoformat(item["planned_end"]) < today
    ]
    assert len(past_end) == 1
    kinds = [(name, item["person"], item["category"]) for name, item in running]
    assert len(kinds) - len(set(kinds)) == 1  # one "same kind twice"
    assert any(item["unit_cost_cents"] for _name, item in items)


def test_the_closed_demo_cases_have_a_structured_closing() -> None:
    for name in ("03-meijer.json", "06-wisniewski.json"):
        doc = DEMO[name]
        [closing] = doc["closings"]
        household = doc["household"]
        assert closing["closed_on"] == household["closed_on"]
        assert closing["reason"] == household["close_reason"]
        assert closing["reopened_on"] is None
        assert [o["goal"] for o in closing["goal_outcomes"]] == _current_goals(doc)
        assert None not in (closing["goals_outcome"], closing["further_help"], closing["ended_as"])
        assert 2 <= len(closing["experiences"]) <= 3
    assert DEMO["06-wisniewski.json"]["closings"][0]["ended_as"] == "early"


def test_the_demo_has_a_reopened_case_with_its_new_start(uow: UnitOfWork) -> None:
    load_demo(uow)
    starts = [(name, s) for name, doc in DEMO.items() for s in doc["new_starts"]]
    assert [(name, s["kind"]) for name, s in starts] == [("04-smit.json", "reopened")]
    case_id = queries.find_case_id(uow, "2026-0004")
    assert case_id is not None
    rows = _outcome_rows(uow, case_id)
    [(started, _kind, _person, after, _by)] = rows["new_starts"]
    assert (started - after).days <= 183  # within six months: counts against the indicator
    assert _count(uow, CaseClosing) == 3
    assert _count(uow, ClientExperience) == 6


def test_the_example_in_the_format_description_is_a_valid_file() -> None:
    text = (Path(__file__).parents[2] / "docs" / "case-format.md").read_text(encoding="utf-8")
    example = text.split("## Example", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    doc = json.loads(example)
    assert {"help", "closings", "new_starts"} <= set(doc)
    assert validate_case_document(doc, today=dt.date(2026, 11, 23)) == []


def test_text_limits_are_the_services_limits() -> None:
    """A file holds no longer text than the program lets anyone type (tests/core/
    test_case_schema.py has the same rule for the other parts)."""
    from jeugdtool.framework import statements
    from jeugdtool.outcomes import closing_rules
    from jeugdtool.outcomes import help_rules

    schema = resources.load_json("schemas", "case.schema.json")
    defs = schema["$defs"]

    def limit(definition: str, field: str) -> int:
        prop = defs[definition]["properties"][field]
        if "$ref" in prop:
            prop = defs[prop["$ref"].rsplit("/", 1)[-1]]
        return int(prop["maxLength"])

    limits = {
        ("help_item", "description"): help_rules.MAX_TEXT,
        ("help_item", "provider"): help_rules.MAX_NAME,
        ("help_item", "intensity"): help_rules.MAX_NAME,
        ("help_item", "for_label"): help_rules.MAX_NAME,
        ("closing", "reason"): closing_rules.MAX_REASON,
        ("closing", "further_help_detail"): closing_rules.MAX_TEXT,
        ("goal_outcome", "text"): statements.MAX_PART_LENGTH,
        ("experience", "respondent"): closing_rules.MAX_NAME,
        ("experience", "comment"): closing_rules.MAX_TEXT,
        ("new_start", "confirmed_by"): closing_rules.MAX_NAME,
    }
    assert {key: limit(*key) for key in limits} == limits
    cost = defs["help_item"]["properties"]
    assert cost["unit_cost_cents"]["maximum"] == help_rules.MAX_CENTS
    assert cost["units"]["maximum"] == help_rules.MAX_UNITS


def test_what_the_services_record_round_trips(uow: UnitOfWork, tmp_path: Path) -> None:
    """Help added, a structured closing with an experience, a reopening — through the services
    the screens use — export to a file the check accepts and import as the same rows."""
    from jeugdtool.outcomes import closing
    from jeugdtool.outcomes import experiences
    from jeugdtool.outcomes import help as helps
    from jeugdtool.outcomes.closing_rules import ClosingInput

    case = import_case(uow, _demo("01-jansen.json")).value
    with uow:
        sandra = queries.load_detail(uow, case.id).persons[0]
    form = closing.closing_form(uow, case.id)
    goal = form.goals[0].lineage
    helps.add_help(
        uow,
        case.id,
        {
            "product_list": "ijw-productcategorieen",
            "category": "VV05",
            "starts_on": dt.date(2026, 10, 1),
            "decided_by": "free_access",
            "provider": "Vrijwilligerspunt Stadspark",
            "serves": [goal, "zrm:middelengebruik"],
        },
    )
    answers = tuple((g.lineage, g.text, "mostly") for g in form.goals)
    closed = closing.close_case(
        uow,
        case.id,
        ClosingInput(
            closed_on=dt.date(2026, 11, 2),
            reason="De afspraken lopen; oma Ria blijft elke avond bellen.",
            goal_outcomes=answers,
            further_help="community",
            further_help_detail="Budgetcoaching loopt door.",
            ended_as="early",
            ended_early_by="provider",
        ),
    ).value
    experiences.add_experience(
        uow, closed.id, {"person_id": sandra.id, "heard": 4, "helped": 3, "knows_what_to_do": 5}
    )
    closing.reopen_case(uow, case.id, on=dt.date(2026, 11, 16))

    doc = export_case(uow, case.id)
    assert validate_case_document(doc) == []
    assert len(doc["help"]) == 4 and doc["help"][-1]["serves"][1] == "zrm:middelengebruik"
    [written] = doc["closings"]
    assert [o["outcome"] for o in written["goal_outcomes"]] == ["mostly"] * len(form.goals)
    assert written["experiences"][0]["person"] == "p1"
    assert doc["new_starts"][0]["previous_closing"] == written["id"]
    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, "J. Visser")
        again = import_case(uow2, doc).value
        assert _outcome_rows(uow2, again.id) == _outcome_rows(uow, case.id)
    finally:
        other.close()


def test_a_file_follows_the_programs_rules_for_how_help_ended(marked: None) -> None:
    """Early without by whom, or other further help without which: refused in the file as in
    the closing dialog (one rule, outcomes/closing_rules)."""
    doc = _demo("06-wisniewski.json")
    closing = doc["closings"][0]
    closing.update(ended_as="early", ended_early_by=None)
    closing.update(further_help="other", further_help_detail="")
    assert [f for f, _m in _problems(doc)] == [  # in the file's order
        "closings[0].further_help_detail",
        "closings[0].ended_early_by",
    ]
