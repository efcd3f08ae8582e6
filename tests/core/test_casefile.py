"""Case files: export, write, read, validate and import (docs/case-format.md)."""

from __future__ import annotations

import copy
import datetime as dt
import errno
import gettext
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from jeugdtool import i18n
from jeugdtool import resources
from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.errors import InvalidInput
from jeugdtool.export import casefile
from jeugdtool.export import files
from jeugdtool.export.casefile import CaseExists
from jeugdtool.export.casefile import CaseFileError
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.casefile import validate_case_document
from jeugdtool.export.casefile import write_case_file
from jeugdtool.export.dossier_parts import PARTS as DOSSIER_PARTS
from jeugdtool.i18n import _
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork
from tests.bounds import HANG_S

DEMO_FILES = sorted(resources.path("demo").glob("*.json"))
TABLES = (
    "households",
    "persons",
    "network_members",
    "consultants",
    "audit_entries",
    "mapping_moments",
    "map_items",
    "item_stances",
    "statements",
    "case_scales",
    "scale_scores",
    "plan_versions",
    "plan_network_roles",
    "red_flags",
    "agreements",
    "agreement_parties",
    "plan_reviews",
    "review_results",
    "family_goals",
    "meetings",
    "meeting_participants",
    "meeting_items",
    "meeting_round_scores",
    "meeting_follow_ups",
    "help_items",
    "case_closings",
    "closing_goal_outcomes",
    "client_experiences",
    "new_starts",
    "journal_entries",
    "journal_links",
    "meldcode_records",
    "meldcode_steps",
    "meldcode_signals",
    "meldcode_answers",
    "kindchecks",
    "veilig_thuis_contacts",
    "verwijsindex_signals",
    "verwijsindex_matches",
)
#: Bits of jsonschema's English that must never reach the user.
JSONSCHEMA_ENGLISH = (
    "is a required property",
    "is not one of",
    "does not match",
    "is not of type",
    "Additional properties",
    "is not a 'date",
    "was expected",
    "should be non-empty",
)


def _demo(name: str = "01-jansen.json") -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", name)))


def _counts(uow: UnitOfWork) -> dict[str, int]:
    with uow.database.engine.connect() as conn:
        return {t: conn.scalar(text(f"SELECT count(*) FROM {t}")) for t in TABLES}


def _without(doc: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != key}


class _Marked(gettext.NullTranslations):
    """A pseudo-language that wraps every catalogue string in «…»: text that did not come
    from the catalogue (such as jsonschema's English) shows up at once."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translation", _Marked())


def _from_catalogue(message: str) -> bool:
    return message.startswith("«") and message.endswith("»")


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_round_trip_gives_the_same_document(path: Path, uow: UnitOfWork, tmp_path: Path) -> None:
    original = read_case_file(path)
    # Imported by the case manager, who wrote the demo's working notes (an import keeps only
    # the importer's own: test_import_working_notes.py).
    uow = UnitOfWork(uow.database, original["household"]["case_manager"])
    case = import_case(uow, original).value
    out = tmp_path / "out.json"
    write_case_file(export_case(uow, case.id), out)

    again = read_case_file(out)
    assert _without(again, "exported_at") == _without(original, "exported_at")
    # Byte for byte the same layout as the demo file (indent, key order, UTF-8, newline).
    stamp = json.dumps(again["exported_at"])
    written = out.read_text(encoding="utf-8").replace(stamp, json.dumps(original["exported_at"]))
    assert written == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_round_trip_through_a_second_database(path: Path, uow: UnitOfWork, tmp_path: Path) -> None:
    original = read_case_file(path)
    me = original["household"]["case_manager"]  # the author of the demo's working notes
    uow = UnitOfWork(uow.database, me)
    first = export_case(uow, import_case(uow, original).value.id)
    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, me)
        second = export_case(uow2, import_case(uow2, first).value.id)
    finally:
        other.close()
    assert _without(second, "exported_at") == _without(first, "exported_at")


def test_text_comes_back_unchanged(uow: UnitOfWork) -> None:
    doc = _demo("06-wisniewski.json")
    doc["persons"][0]["notes"] = "  Regel één\nregel twee: ł ş ö ı\r\n\ttab  "
    doc["network"][0]["relation"] = " zus "
    doc["household"]["close_reason"] = "Verhuisd.\n\nOverdracht geregeld."
    exported = export_case(uow, import_case(uow, doc).value.id)
    assert _without(exported, "exported_at") == _without(doc, "exported_at")


def test_export_follows_the_format(uow: UnitOfWork, case: Any) -> None:
    members.add_person(uow, case.id, {"first_name": "Noa", "birth_date": dt.date(2016, 5, 14)})
    members.add_person(uow, case.id, {"first_name": "Sandra", "role": "parent"})
    members.add_network_member(uow, case.id, {"name": "Ria", "phone": "06-12345678"})
    doc = export_case(uow, case.id)

    schema = resources.load_json("schemas", "case.schema.json")
    assert list(doc) == list(schema["properties"])
    assert list(doc["household"]) == list(schema["$defs"]["household"]["properties"])
    assert [p["id"] for p in doc["persons"]] == ["p1", "p2"]
    assert [p["first_name"] for p in doc["persons"]] == ["Noa", "Sandra"]
    assert doc["persons"][0]["birth_date"] == "2016-05-14"
    assert doc["network"][0]["id"] == "n1"
    exported_at = dt.datetime.fromisoformat(doc["exported_at"])
    assert exported_at.utcoffset() == dt.datetime.now().astimezone().utcoffset()
    assert abs(exported_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert validate_case_document(doc) == []


def test_export_names_the_case_manager(uow: UnitOfWork) -> None:
    boer = consultants.add_consultant(uow, "A. de Boer").value
    case = households.create_case(uow, name="Gezin Smit", case_manager_id=boer.id).value
    assert export_case(uow, case.id)["household"]["case_manager"] == "A. de Boer"


def test_ids_follow_the_display_order(uow: UnitOfWork, case: Any) -> None:
    a = members.add_person(uow, case.id, {"first_name": "A"}).value
    members.add_person(uow, case.id, {"first_name": "B"})
    with uow:  # A moved to the end of the list (as a later "move down" service would do)
        uow.session.execute(text("UPDATE persons SET position = 9 WHERE id = :i"), {"i": a.id})
        uow.commit()
    persons = export_case(uow, case.id)["persons"]
    assert [(p["id"], p["first_name"]) for p in persons] == [("p1", "B"), ("p2", "A")]


# ---------------------------------------------------------------- validation

Breakage = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Breakage:
    def breakage(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    breakage.__name__ = f"{path}={value!r}"[:60]
    return breakage


def _delete(path: str) -> Breakage:
    def breakage(doc: dict[str, Any]) -> None:
        part, index, key = path.split(".")
        del doc[part][int(index)][key]

    breakage.__name__ = f"del {path}"
    return breakage


def _add_key(doc: dict[str, Any]) -> None:
    doc["audit"] = []


def _add_nested_key(doc: dict[str, Any]) -> None:
    doc["persons"][0]["nickname"] = "San"


def _duplicate_person_id(doc: dict[str, Any]) -> None:
    doc["persons"][1]["id"] = "p1"


def _closed_without_date(doc: dict[str, Any]) -> None:
    doc["household"].update(status="closed", closed_on=None)


def _closed_before_opened(doc: dict[str, Any]) -> None:
    doc["household"].update(status="closed", closed_on="2026-01-01")


BROKEN: list[tuple[Breakage, str, str]] = [
    # (how to break 01-jansen.json, path of the one problem, text in its message)
    (_set("persons.1.role", "baby"), "persons[1].role", "child, parent, carer, other"),
    (_delete("network.0.safety_network"), "network[0].safety_network", ""),
    (_add_key, "audit", ""),
    (_add_nested_key, "persons[0].nickname", ""),
    (_set("persons.2.birth_date", "14-05-2016"), "persons[2].birth_date", "14-05-2016"),
    (_set("persons.2.birth_date", "2016-02-30"), "persons[2].birth_date", "2016-02-30"),
    (_set("persons.2.birth_date", "2099-05-14"), "persons[2].birth_date", "14-05-2099"),
    (_set("exported_at", "2026-11-20T09:00:00"), "exported_at", "2026-11-20T09:00:00"),
    (_set("exported_at", "2026-13-40T09:00:00+01:00"), "exported_at", "2026-13-40"),
    (_set("household.name", "   "), "household.name", ""),
    (_set("household.case_number", "-2026 0001"), "household.case_number", "-2026 0001"),
    (_set("household.mode", "SOS"), "household.mode", "safety, wellbeing"),
    (_set("household.close_reason", "x" * 2001), "household.close_reason", "2000"),
    (_set("persons.0.id", "17"), "persons[0].id", "17"),
    (_set("network.1.kind", "buurman"), "network[1].kind", "buurman"),
    (_set("network.0.notes", None), "network[0].notes", ""),
    (_set("network.0.safety_network", "ja"), "network[0].safety_network", ""),
    (_set("network.0.relation", "r" * 101), "network[0].relation", "100"),
    (_set("network.2.email", "k.hoekstra(at)school"), "network[2].email", "k.hoekstra(at)"),
    (_set("network.2.email", "k@hoekstra"), "network[2].email", "k@hoekstra"),
    (_set("network.0.phone", "12345"), "network[0].phone", "12345"),
    (_set("persons", {}), "persons", ""),
    (_set("version", "1"), "version", "1"),
    (_duplicate_person_id, "persons[1].id", "persons[0].id"),
    (_closed_without_date, "household.closed_on", ""),
    (_closed_before_opened, "household.closed_on", ""),
    # the framework parts (01-jansen.json: 3 mapping moments; statements h1 S1, d1 S2, d2 S3,
    # g1 S4 pairs with S2, g2 S5, b1 S6 guards S4 and S5, b2 S7 — then the copies in m2, m3)
    (_set("mappings.0.cells.gevaar", []), "mappings[0].cells.gevaar", "complicating_factors"),
    (_set("mappings.0.cells.harm.0.colour", "rood"), "mappings[0].cells.harm[0].colour", ""),
    (_set("mappings.0.cells.harm.0.lineage", "3"), "mappings[0].cells.harm[0].lineage", "L1"),
    (_set("mappings.0.cells.harm.1.id", "i1"), "mappings[0].cells.harm[1].id", "i1"),
    (_set("mappings.0.cells.harm.1.lineage", "L1"), "mappings[0].cells.harm[1].lineage", "L1"),
    (
        _set("mappings.0.cells.harm.0.source", {"kind": "person", "ref": "p9", "label": "X"}),
        "mappings[0].cells.harm[0].source.ref",
        "p9",
    ),
    (
        _set("mappings.0.cells.harm.0.source.kind", "person"),
        "mappings[0].cells.harm[0].source.ref",
        "n2",
    ),
    (
        _set("mappings.0.cells.harm.0.source.kind", "consultant"),
        "mappings[0].cells.harm[0].source.ref",
        "null",
    ),
    (
        _set("mappings.0.cells.harm.0.source.ref", "x1"),
        "mappings[0].cells.harm[0].source.ref",
        "p1, n1",
    ),
    (_set("mappings.0.cells.harm.0.concerns", "p9"), "mappings[0].cells.harm[0].concerns", "p9"),
    (
        _set("mappings.0.cells.strengths.0.kind", "problem"),
        "mappings[0].cells.strengths[0].kind",
        "null",
    ),
    (
        _set("mappings.0.cells.harm.0.kind", "beperking"),
        "mappings[0].cells.harm[0].kind",
        "limitation, null",
    ),
    (
        _set("mappings.0.cells.danger.0.stances.1.who", "Sandra Jansen"),
        "mappings[0].cells.danger[0].stances[1].who",
        "Sandra Jansen",
    ),
    (
        _set("mappings.0.cells.danger.0.stances.1.stance", "twijfelt"),
        "mappings[0].cells.danger[0].stances[1].stance",
        "agrees, disputes",
    ),
    (_set("mappings.0.present.0", "Sandra\nJansen"), "mappings[0].present[0]", ""),
    (_set("mappings.1.copied_from", "m9"), "mappings[1].copied_from", "m9"),
    (_set("mappings.1.copied_from", "m2"), "mappings[1].copied_from", ""),
    (_set("mappings.2.date", "2099-09-15"), "mappings[2].date", "15-09-2099"),
    (_set("mappings.2.id", "m1"), "mappings[2].id", "m1"),
    (_set("statements.0.moment", "m9"), "statements[0].moment", "m9"),
    (_set("statements.0.id", "d99"), "statements[0].id", "h1"),
    (_set("statements.0.carers_will", "x"), "statements[0].carers_will", "harm"),
    (_set("statements.1.type", "gevaar"), "statements[1].type", "danger"),
    (_set("statements.3.pairs_with", "S1"), "statements[3].pairs_with", "harm"),
    (_set("statements.3.pairs_with", "S99"), "statements[3].pairs_with", "S99"),
    (_set("statements.5.guards", ["S2"]), "statements[5].guards[0]", "danger"),
    (_set("statements.5.guards", ["S4", "S4"]), "statements[5].guards", ""),
    (_set("statements.5.set_on", "2099-01-01"), "statements[5].set_on", "01-01-2099"),
    (_set("statements.5.text_edited", "ja"), "statements[5].text_edited", ""),
    (_set("scale.scores.0.score", 11), "scale.scores[0].score", "11"),
    (_set("scale.scores.0.score", -1), "scale.scores[0].score", "-1"),
    (_set("scale.scores.0.score", 7.5), "scale.scores[0].score", ""),
    (_set("scale.scores.0.about", "S99"), "scale.scores[0].about", "S99"),
    (_set("scale.scores.0.about", "S4"), "scale.scores[0].about", "safety goal"),
    (_set("scale.scores.0.about", "L1"), "scale.scores[0].about", "L1"),
    (_set("scale.scores.2.rater.ref", "n9"), "scale.scores[2].rater.ref", "n9"),
    (_set("scale.scores.0.role", "oma"), "scale.scores[0].role", "case_manager"),
    (_set("scale.scores.0.context", "telefoon"), "scale.scores[0].context", "conversation"),
    (_set("scale.scores.0.date", "2099-01-01"), "scale.scores[0].date", "01-01-2099"),
    (_set("scale.zero", 0), "scale.zero", ""),
    (_set("scale", []), "scale", ""),
]


def _without_example(doc: dict[str, Any]) -> None:
    del doc["statements"][1]["example"]


def _without_ten(doc: dict[str, Any]) -> None:
    del doc["scale"]["ten"]


BROKEN += [
    (_without_example, "statements[1].example", ""),
    (_without_ten, "scale.ten", ""),
]


def _party_twice(doc: dict[str, Any]) -> None:
    parties = doc["plans"][0]["agreements"][0]["parties"]
    parties.append(copy.deepcopy(parties[0]))


def _network_role_twice(doc: dict[str, Any]) -> None:
    network = doc["plans"][0]["network"]
    network.append(copy.deepcopy(network[0]))


def _review_of_the_draft(doc: dict[str, Any]) -> None:
    doc["plans"][2]["reviews"] = [{"date": "2026-10-01", "note": "", "results": []}]


def _without_reviews(doc: dict[str, Any]) -> None:
    del doc["plans"][0]["reviews"]


BROKEN += [
    # the plan (01-jansen.json: v1 final of 24 February with agreements A1–A6, Henk (n2) not
    # asked yet for A6, a review of 14 April; v2 final with A1–A7; v3 the draft with A1–A8)
    (_set("plans.0.version", 2), "plans[0].version", "1"),
    (_set("plans.0.version", "1"), "plans[0].version", ""),
    (_set("plans.0.status", "vastgesteld"), "plans[0].status", "draft, final"),
    (_set("plans.1.based_on", 2), "plans[1].based_on", "2"),
    (_set("plans.0.based_on", 1), "plans[0].based_on", "1"),
    (_set("plans.0.finalised_on", None), "plans[0].finalised_on", ""),
    (_set("plans.0.finalised_by", None), "plans[0].finalised_by", ""),
    (_set("plans.1.finalised_on", "2026-02-20"), "plans[1].finalised_on", "24-02-2026"),
    (_set("plans.1.finalised_on", "2026-02-30"), "plans[1].finalised_on", "2026-02-30"),
    (_set("plans.2.finalised_by", "A. de Boer"), "plans[2].finalised_by", ""),
    (_set("plans.2.override_reason", "Haast."), "plans[2].override_reason", ""),
    (_set("plans.2.statements_from", "m3"), "plans[2].statements_from", ""),
    (_set("plans.0.statements_from", "m9"), "plans[0].statements_from", "m9"),
    (_set("plans.0.statements_from", "3"), "plans[0].statements_from", "m1"),
    (_set("plans.0.colour", "rood"), "plans[0].colour", ""),
    (_set("plans.0.network.0.who.ref", "n9"), "plans[0].network[0].who.ref", "n9"),
    (_network_role_twice, "plans[0].network[3].who", "plans[0].network[0].who"),
    (_set("plans.0.network.0.told_on", "2099-02-12"), "plans[0].network[0].told_on", "2099"),
    (
        _set("plans.0.red_flags.0.watched_by.0", "Ria\nJansen"),
        "plans[0].red_flags[0].watched_by[0]",
        "",
    ),
    (_set("plans.0.red_flags.0.sign", " "), "plans[0].red_flags[0].sign", ""),
    (_set("plans.0.agreements.1.id", "a1"), "plans[0].agreements[1].id", "a1"),
    (_set("plans.2.agreements.1.lineage", "A1"), "plans[2].agreements[1].lineage", "A1"),
    (_set("plans.0.agreements.0.what", "  "), "plans[0].agreements[0].what", ""),
    (_set("plans.0.agreements.0.status", "klaar"), "plans[0].agreements[0].status", "lapsed"),
    (_set("plans.0.agreements.0.serves.0", "S99"), "plans[0].agreements[0].serves[0]", "S99"),
    (_set("plans.0.agreements.0.serves.0", "S1"), "plans[0].agreements[0].serves[0]", "S1"),
    (_set("plans.0.agreements.0.serves.0", "g1"), "plans[0].agreements[0].serves[0]", "g1"),
    (_set("plans.0.agreements.0.serves.1", "S2"), "plans[0].agreements[0].serves", ""),
    (
        _set("plans.0.agreements.0.parties.0.who.ref", "p9"),
        "plans[0].agreements[0].parties[0].who.ref",
        "p9",
    ),
    (
        _set("plans.0.agreements.0.parties.0.who.ref", "n1"),
        "plans[0].agreements[0].parties[0].who.ref",
        "n1",
    ),
    (_party_twice, "plans[0].agreements[0].parties[2].who", "parties[0].who"),
    (
        _set("plans.0.agreements.0.parties.0.how", "mail"),
        "plans[0].agreements[0].parties[0].how",
        "meeting, phone, signed, other",
    ),
    (
        _set("plans.0.agreements.0.parties.0.on", "2099-02-20"),
        "plans[0].agreements[0].parties[0].on",
        "20-02-2099",
    ),
    (
        _set("plans.0.agreements.5.parties.0.on", "2026-02-20"),
        "plans[0].agreements[5].parties[0].on",
        "null",
    ),
    (
        _set("plans.0.agreements.0.parties.0.accepted", "ja"),
        "plans[0].agreements[0].parties[0].accepted",
        "",
    ),
    (_set("plans.0.reviews.0.date", "2026-02-01"), "plans[0].reviews[0].date", "24-02-2026"),
    (_set("plans.0.reviews.0.date", "2099-04-14"), "plans[0].reviews[0].date", "14-04-2099"),
    (
        _set("plans.0.reviews.0.results.0.agreement", "A7"),
        "plans[0].reviews[0].results[0].agreement",
        "A7",
    ),
    (
        _set("plans.0.reviews.0.results.1.agreement", "A1"),
        "plans[0].reviews[0].results[1].agreement",
        "plans[0].reviews[0].results[0].agreement",
    ),
    (
        _set("plans.0.reviews.0.results.0.kept", "ja"),
        "plans[0].reviews[0].results[0].kept",
        "yes, partly, no",
    ),
    (_review_of_the_draft, "plans[2].reviews", ""),
    (_without_reviews, "plans[0].reviews", ""),
    (_set("plans", {}), "plans", ""),
]


@pytest.mark.parametrize(
    ("breakage", "path", "in_message"), BROKEN, ids=[b[0].__name__ for b in BROKEN]
)
def test_each_problem_is_reported_at_its_path_in_the_users_language(
    breakage: Breakage, path: str, in_message: str, marked: None
) -> None:
    doc = _demo()
    breakage(doc)
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == [path]
    message = problems[0].message
    assert in_message in message
    assert _from_catalogue(message), f"not from the catalogue: {message!r}"
    assert not any(english in message for english in JSONSCHEMA_ENGLISH)


def test_messages_of_the_case_rules_are_dutch() -> None:
    doc = _demo()
    _closed_before_opened(doc)
    doc["persons"][2]["birth_date"] = "2099-05-14"
    doc["network"][2]["email"] = "k@hoekstra"
    messages = {p.field: p.message for p in validate_case_document(doc)}
    assert messages == {
        "household.closed_on": "De sluitingsdatum 01-01-2026 ligt voor de startdatum 03-02-2026.",
        "persons[2].birth_date": (
            "Geboortedatum 14-05-2099 ligt in de toekomst; kies vandaag of een eerdere datum."
        ),
        "network[2].email": (
            "E-mailadres 'k@hoekstra' klopt niet. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
        ),
    }


def test_every_problem_is_reported_in_file_order() -> None:
    doc = _demo()
    for breakage in (
        _set("persons.1.role", "baby"),
        _set("persons.2.birth_date", "x"),
        _delete("network.0.safety_network"),
        _set("household.status", "gesloten"),
    ):
        breakage(doc)
    assert [p.field for p in validate_case_document(doc)] == [
        "household.status",
        "persons[1].role",
        "persons[2].birth_date",
        "network[0].safety_network",
    ]


def test_a_missing_part_points_at_the_key(marked: None) -> None:
    doc = _demo()
    del doc["network"]
    del doc["household"]["case_manager"]
    assert [p.field for p in validate_case_document(doc)] == [
        "household.case_manager",
        "network",
    ]


@pytest.mark.parametrize(
    "doc",
    [[], "case", {"format": "other"}, {"persons": []}],
    ids=["list", "string", "wrong format", "no format"],
)
def test_something_else_is_refused_with_one_message(doc: Any, marked: None) -> None:
    problems = validate_case_document(doc)
    assert len(problems) == 1
    assert problems[0].field == "format"
    assert _from_catalogue(problems[0].message)


def test_a_newer_version_asks_to_update_jeugdtool(marked: None) -> None:
    doc = _demo()
    doc["version"] = 2
    doc["home_visits"] = []  # a part this jeugdtool does not know: not reported separately
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == ["version"]
    assert "Update jeugdtool" in problems[0].message


def test_nulls_and_empty_strings_where_allowed_are_fine() -> None:
    doc = _demo()
    doc["household"]["case_manager"] = None
    doc["persons"][0].update(birth_date=None, last_name="", notes="")
    doc["network"][0].update(organisation=None, phone=None, email=None, relation="")
    doc["exported_at"] = "2026-11-20T08:00:00Z"
    assert validate_case_document(doc) == []


# ---------------------------------------------------------------- import


def test_a_bad_file_imports_nothing(uow: UnitOfWork) -> None:
    doc = _demo()
    doc["household"]["case_manager"] = "Nieuwe Collega"
    doc["network"][-1]["kind"] = "buurman"  # only the very last row is wrong
    before = _counts(uow)
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, doc)
    assert [p.field for p in caught.value.problems] == ["network[4].kind"]
    assert _counts(uow) == before


def test_an_error_halfway_leaves_nothing(uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _demo()
    doc["household"]["case_manager"] = "Nieuwe Collega"
    before = _counts(uow)

    def broken_row(**fields: Any) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(casefile, "NetworkMember", broken_row)
    with pytest.raises(RuntimeError):
        import_case(uow, doc)
    assert _counts(uow) == before


def test_import_creates_the_rows_and_records_them(uow: UnitOfWork) -> None:
    outcome = import_case(uow, _demo())
    case = outcome.value
    assert (case.case_number, case.name, case.case_manager_name) == (
        "2026-0001",
        "Gezin Jansen",
        "A. de Boer",
    )
    detail = queries.get_case(uow, case.id)
    assert [p.first_name for p in detail.persons] == ["Sandra", "Daan", "Noa", "Sem"]
    assert [p.position for p in detail.persons] == [1, 2, 3, 4]
    assert len(detail.network) == 5
    assert outcome.changes.touches_case(case.id)
    assert outcome.changes.touches("household", "person", "network_member", "consultant")
    history = queries.case_history(uow, case.id)
    assert {e.action for e in history} == {"create"}
    assert {e.who for e in history} == {"A. de Boer"}
    doc = _demo()
    items = [i for m in doc["mappings"] for cell in m["cells"].values() for i in cell]
    framework_rows = (
        len(doc["mappings"])
        + len(items)
        + sum(len(i["stances"]) for i in items)
        + len(doc["statements"])
        + sum(len(s.get("children", ())) for s in doc["statements"])
        + 1  # the case's own wording of 0 and 10
        + len(doc["scale"]["scores"])
    )
    plans = doc["plans"]
    agreements = [a for plan in plans for a in plan["agreements"]]
    reviews = [r for plan in plans for r in plan["reviews"]]
    plan_rows = (
        len(plans)
        + sum(len(plan["network"]) + len(plan["red_flags"]) for plan in plans)
        + sum(len(plan["family_goals"]) for plan in plans)
        + len(agreements)
        + sum(len(a["parties"]) for a in agreements)
        + len(reviews)
        + sum(len(r["results"]) for r in reviews)
    )
    # An assessment and a row for each domain of its matrix (those the file leaves out too).
    zrm_rows = sum(1 + len(a["domains"]) for a in doc["zrm_assessments"])
    closings = doc["closings"]
    outcome_rows = (
        len(doc["help"])
        + sum(1 + len(c["goal_outcomes"]) + len(c["experiences"]) for c in closings)
        + len(doc["new_starts"])
    )
    assert outcome_rows  # the demo case has help
    records = doc["meldcode"]
    dossier_rows = (
        sum(1 + len(e["links"]) for e in doc["journal"])
        + sum(1 + len(r["steps"]) + len(r["signals"]) + len(r["answers"]) for r in records)
        + sum(1 + len(s["matches"]) for s in doc["signals"])
        + len(doc["veilig_thuis"])
        + len(doc["kindchecks"])
    )
    assert dossier_rows  # the demo case has a journal and a meldcode record
    approvals = [a for plan in plans for a in plan["approvals"]]
    plan_rows += len(approvals) + sum(len(a["comments"]) for a in approvals)
    meetings = doc["network_meetings"]
    network_rows = sum(1 + len(m["attendees"]) for m in meetings) + len(doc["goal_judgements"])
    assert network_rows  # the demo case has a network meeting
    voice_rows = len(doc["three_houses"]) + sum(1 + len(s["pages"]) for s in doc["child_stories"])
    assert voice_rows  # the demo case has a Three Houses record and a story
    rows = framework_rows + plan_rows + zrm_rows + outcome_rows + dossier_rows + network_rows
    rows += voice_rows
    assert len(history) == 1 + 4 + 5 + rows


def test_an_existing_case_number_is_refused(uow: UnitOfWork, marked: None) -> None:
    import_case(uow, _demo())
    before = _counts(uow)
    with pytest.raises(CaseExists) as caught:
        import_case(uow, _demo())
    assert caught.value.case_number == "2026-0001"
    assert "2026-0001" in str(caught.value)
    assert _from_catalogue(str(caught.value))
    assert _counts(uow) == before


def test_as_new_gives_a_new_number_and_keeps_the_rest(uow: UnitOfWork) -> None:
    first = import_case(uow, _demo()).value
    again = import_case(uow, _demo(), as_new=True).value
    assert again.case_number == f"{dt.date.today().year}-0002"
    one, two = export_case(uow, first.id), export_case(uow, again.id)
    for doc in (one, two):
        del doc["exported_at"], doc["household"]["case_number"]
    assert one == two


def test_the_case_manager_is_matched_by_name(uow: UnitOfWork) -> None:
    existing = consultants.add_consultant(uow, "Ö. Yılmaz").value
    doc = _demo()
    doc["household"]["case_manager"] = "ö. yılmaz"
    case = import_case(uow, doc).value
    assert case.case_manager_id == existing.id
    assert [c.name for c in consultants.list_consultants(uow)] == ["Ö. Yılmaz"]


def test_a_missing_case_manager_is_added(uow: UnitOfWork) -> None:
    case = import_case(uow, _demo("02-bakker.json")).value
    assert case.case_manager_name == "M. Kaya"
    assert [c.name for c in consultants.list_consultants(uow)] == ["M. Kaya"]


# ---------------------------------------------------------------- files


def test_write_is_private_and_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    doc = _demo("05-ozturk.json")
    write_case_file(doc, target)
    assert target.stat().st_mode & 0o777 == 0o600
    content = target.read_text(encoding="utf-8")
    assert "Öztürk" in content and content.endswith("}\n")
    assert json.loads(content) == doc
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json"]


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marked: None
) -> None:
    target = tmp_path / "case.json"
    target.write_text("old", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(CaseFileError) as caught:
        write_case_file(_demo(), target)
    assert "disk is full" in str(caught.value)
    assert _from_catalogue(str(caught.value))
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json"]


def test_an_unwritable_folder_gives_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marked: None
) -> None:
    def refused(**kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refused)  # where the writing happens
    with pytest.raises(CaseFileError) as caught:
        write_case_file(_demo(), tmp_path / "case.json")
    message = str(caught.value)
    assert "cannot write in the folder" in message and str(tmp_path) in message
    assert "Permission denied" not in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        with pytest.raises(CaseFileError):
            write_case_file(_demo(), folder / "case.json")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path: Path, marked: None) -> None:
    with pytest.raises(CaseFileError) as caught:
        write_case_file(_demo(), tmp_path / "nope" / "case.json")
    assert str(tmp_path / "nope") in str(caught.value)


def test_reading_a_missing_file(tmp_path: Path, marked: None) -> None:
    with pytest.raises(CaseFileError) as caught:
        read_case_file(tmp_path / "gone.json")
    assert "gone.json" in str(caught.value) and _from_catalogue(str(caught.value))


def test_reading_a_file_that_is_not_json_names_line_and_column(
    tmp_path: Path, marked: None
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "jeugdtool-case",\n  "version" 1\n}\n', encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        read_case_file(bad)
    assert "line 3, column 13" in str(caught.value)
    assert "Expecting" not in str(caught.value)


def test_reading_a_file_that_is_not_utf8(tmp_path: Path, marked: None) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes('{\n"name": "Gezin Öztürk"}'.encode("latin-1"))
    with pytest.raises(CaseFileError) as caught:
        read_case_file(bad)
    assert "UTF-8" in str(caught.value) and "line 2" in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"  \n", b"[1, 2]", b'"text"'])
def test_reading_something_else_is_refused(tmp_path: Path, content: bytes) -> None:
    other = tmp_path / "other.json"
    other.write_bytes(content)
    with pytest.raises(CaseFileError):
        read_case_file(other)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + resources.path("demo", "01-jansen.json").read_bytes())
    assert read_case_file(path) == _demo()


# ---------------------------------------------------------------- the framework parts


def _rows(uow: UnitOfWork, sql: str, **params: Any) -> list[Any]:
    with uow.database.engine.connect() as conn:
        return list(conn.execute(text(sql), params))


def test_an_older_file_without_the_framework_parts_imports(uow: UnitOfWork) -> None:
    doc = _demo()
    for part in ("mappings", "statements", "scale", "plans", "zrm_assessments", "help"):
        del doc[part]
    for part in DOSSIER_PARTS:  # a file that old has no dossier either
        del doc[part]
    del doc["network_meetings"], doc["goal_judgements"]  # nor network meetings
    assert validate_case_document(doc) == []
    exported = export_case(uow, import_case(uow, doc).value.id)
    assert exported["mappings"] == [] and exported["statements"] == []
    assert exported["scale"] == {"zero": None, "ten": None, "scores": []}
    assert exported["plans"] == [] and exported["zrm_assessments"] == []


def test_import_maps_file_ids_to_the_new_rows(uow: UnitOfWork) -> None:
    doc = _demo()
    case = import_case(uow, doc).value
    persons = {
        f"p{i}": pid
        for i, (pid,) in enumerate(
            _rows(
                uow, "SELECT id FROM persons WHERE household_id = :h ORDER BY position", h=case.id
            ),
            start=1,
        )
    }
    network = {
        f"n{i}": nid
        for i, (nid,) in enumerate(
            _rows(
                uow,
                "SELECT id FROM network_members WHERE household_id = :h ORDER BY position",
                h=case.id,
            ),
            start=1,
        )
    }
    moments = _rows(
        uow,
        "SELECT id, copied_from_id FROM mapping_moments WHERE household_id = :h ORDER BY id",
        h=case.id,
    )
    assert [m.copied_from_id for m in moments] == [None, moments[0].id, moments[1].id]
    items = _rows(
        uow,
        "SELECT moment_id, cell, position, lineage, source_kind, source_person_id,"
        " source_network_id, concerns_person_id FROM map_items WHERE household_id = :h"
        " ORDER BY moment_id, cell, position",
        h=case.id,
    )
    first = doc["mappings"][0]["cells"]["harm"][0]  # Henk (n2) saw Sem (p4) on the street
    row = next(
        i for i in items if i.moment_id == moments[0].id and i.cell == "harm" and i.position == 1
    )
    assert (row.source_kind, row.source_network_id, row.concerns_person_id) == (
        "network",
        network[first["source"]["ref"]],
        persons[first["concerns"]],
    )
    # Copies share one fresh lineage per file lineage; different file lineages stay apart.
    file_lineages = {
        i["lineage"] for m in doc["mappings"] for cell in m["cells"].values() for i in cell
    }
    same = [i.lineage for i in items if i.cell == "harm" and i.position == 1]
    assert len(same) == 3 and len(set(same)) == 1 and len(same[0]) == 32
    assert len({i.lineage for i in items}) == len(file_lineages)
    statements = _rows(
        uow,
        "SELECT moment_id, type, position, lineage, pairs_with, guards,"
        " (SELECT c.person_id FROM statement_children c WHERE c.statement_id = statements.id)"
        " AS child_id FROM statements WHERE household_id = :h ORDER BY id",
        h=case.id,
    )
    by_type = {(s.moment_id, s.type, s.position): s for s in statements}
    m1 = moments[0].id
    assert by_type[(m1, "safety_goal", 1)].pairs_with == by_type[(m1, "danger", 1)].lineage
    assert by_type[(m1, "bottom_line", 1)].guards.splitlines() == [
        by_type[(m1, "safety_goal", 1)].lineage,
        by_type[(m1, "safety_goal", 2)].lineage,
    ]
    assert by_type[(m1, "harm", 1)].child_id == persons["p4"]
    abouts = {
        a
        for (a,) in _rows(uow, "SELECT about FROM scale_scores WHERE household_id = :h", h=case.id)
    }
    assert abouts == {None, by_type[(m1, "danger", 1)].lineage}
    assert (
        _rows(uow, "SELECT zero FROM case_scales WHERE household_id = :h", h=case.id)[0][0]
        == (doc["scale"]["zero"])
    )


def test_each_import_gets_fresh_lineages(uow: UnitOfWork) -> None:
    one = import_case(uow, _demo()).value
    two = import_case(uow, _demo(), as_new=True).value

    def lineages(case_id: int) -> set[str]:
        sql = (
            "SELECT lineage FROM map_items WHERE household_id = :h"
            " UNION SELECT lineage FROM statements WHERE household_id = :h"
        )
        return {lineage for (lineage,) in _rows(uow, sql, h=case_id)}

    assert lineages(one.id) and not lineages(one.id) & lineages(two.id)


def test_a_bad_framework_part_imports_nothing(uow: UnitOfWork) -> None:
    doc = _demo()
    doc["scale"]["scores"][-1]["score"] = 11  # only the very last score is wrong
    before = _counts(uow)
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, doc)
    last = len(doc["scale"]["scores"]) - 1
    assert [p.field for p in caught.value.problems] == [f"scale.scores[{last}].score"]
    assert _counts(uow) == before


def test_an_error_in_the_last_part_leaves_nothing(
    uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jeugdtool.export import framework_parts

    before = _counts(uow)

    def broken_row(**fields: Any) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(framework_parts, "ScaleScore", broken_row)
    with pytest.raises(RuntimeError):
        import_case(uow, _demo())
    assert _counts(uow) == before


def test_the_four_broken_documents_of_the_brief(marked: None) -> None:
    """Unknown cell, score 11, `about` a missing statement, a source of a missing person:
    all four reported together, each at its path, in the order of the file."""
    doc = _demo()
    doc["mappings"][1]["cells"]["zorgen"] = []
    doc["mappings"][1]["cells"]["harm"][0]["source"] = {"kind": "person", "ref": "p7", "label": ""}
    doc["scale"]["scores"][3]["score"] = 11
    doc["scale"]["scores"][4]["about"] = "S42"
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == [
        "mappings[1].cells.harm[0].source.ref",
        "mappings[1].cells.zorgen",
        "scale.scores[3].score",
        "scale.scores[4].about",
    ]
    assert all(_from_catalogue(p.message) for p in problems)
    assert not any(e in p.message for p in problems for e in JSONSCHEMA_ENGLISH)


def test_framework_problems_name_what_is_wrong() -> None:
    doc = _demo()
    doc["mappings"][0]["cells"]["gevaar"] = []
    doc["scale"]["scores"][0]["score"] = 11
    doc["statements"][3]["pairs_with"] = "S1"
    messages = {p.field: p.message for p in validate_case_document(doc)}
    assert set(messages) == {
        "mappings[0].cells.gevaar",
        "statements[3].pairs_with",
        "scale.scores[0].score",
    }
    assert "harm, danger" in messages["mappings[0].cells.gevaar"]
    assert "S1" in messages["statements[3].pairs_with"]
    assert "0" in messages["scale.scores[0].score"] and "11" in messages["scale.scores[0].score"]


def test_a_safety_goal_pairs_within_its_own_moment() -> None:
    doc = _demo()
    del doc["statements"][1]  # d1 of m1: its copies in m2 and m3 remain
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == ["statements[2].pairs_with"]
    assert "m1" in problems[0].message


def test_a_statement_keeps_its_type_across_moments() -> None:
    doc = _demo()
    harm, bottom_line = doc["statements"][7], doc["statements"][20]
    assert (harm["type"], harm["moment"]) == ("harm", "m2")
    assert (bottom_line["type"], bottom_line["moment"]) == ("bottom_line", "m3")
    harm["lineage"] = bottom_line["lineage"] = "S9"
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == ["statements[20].lineage"]
    assert "statements[7].lineage" in problems[0].message


def test_moments_and_scores_are_put_in_date_order(uow: UnitOfWork) -> None:
    doc = _demo()
    reordered = copy.deepcopy(doc)
    reordered["mappings"].reverse()
    scores = reordered["scale"]["scores"]
    scores.insert(0, scores.pop(9))  # the only score of 21 July
    assert validate_case_document(reordered) == []
    exported = export_case(uow, import_case(uow, reordered).value.id)
    assert _without(exported, "exported_at") == _without(doc, "exported_at")


def test_export_of_a_map_made_in_the_program(uow: UnitOfWork, case: Any, tmp_path: Path) -> None:
    from jeugdtool.framework import moments
    from jeugdtool.framework.dto import Source
    from jeugdtool.framework.vocab import Cell
    from jeugdtool.framework.vocab import SourceKind

    noa = members.add_person(uow, case.id, {"first_name": "Noa", "last_name": "Jansen"}).value
    ria = members.add_network_member(uow, case.id, {"name": "Ria"}).value
    first = moments.start_moment(
        uow, case.id, author="A. de Boer", held_on=dt.date(2026, 3, 1), present=["Noa", "Ria"]
    ).value
    worry = moments.add_item(
        uow,
        first.id,
        Cell.DANGER,
        {
            "text": "Noa is 's avonds alleen.",
            "source": Source(SourceKind.NETWORK, network_id=ria.id),
            "concerns_person_id": noa.id,
            "worry_kind": "problem",
        },
    ).value
    moments.set_stance(uow, worry.id, "Noa Jansen", "disputes")
    moments.add_item(
        uow,
        first.id,
        Cell.STRENGTHS,
        {"text": "Oma helpt.", "source": Source(SourceKind.PERSON, person_id=noa.id)},
    )
    second = moments.start_moment(
        uow, case.id, author="A. de Boer", held_on=dt.date(2026, 4, 1)
    ).value
    moments.add_item(uow, second.id, Cell.FAMILY_GOALS, {"text": "Rust in huis."})

    doc = export_case(uow, case.id)
    assert validate_case_document(doc) == []
    m1, m2 = doc["mappings"]
    assert (m1["id"], m1["date"], m1["present"], m1["copied_from"]) == (
        "m1",
        "2026-03-01",
        ["Noa", "Ria"],
        None,
    )
    assert m2["copied_from"] == "m1"
    assert list(m1["cells"]) == [c.value for c in Cell]
    danger = m1["cells"]["danger"][0]
    assert danger == {
        "id": "i1",
        "lineage": "L1",
        "text": "Noa is 's avonds alleen.",
        "source": {"kind": "network", "ref": "n1", "label": "Ria"},
        "concerns": "p1",
        "kind": "problem",
        "stances": [{"who": "Noa Jansen", "stance": "disputes"}],
    }
    assert m1["cells"]["strengths"][0]["source"] == {
        "kind": "person",
        "ref": "p1",
        "label": "Noa Jansen",
    }
    assert [i["lineage"] for i in m2["cells"]["danger"]] == ["L1"]
    assert [i["id"] for c in m2["cells"].values() for i in c] == ["i3", "i4", "i5"]
    assert m2["cells"]["family_goals"][0]["lineage"] == "L3"

    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, "J. Visser")
        again = export_case(uow2, import_case(uow2, doc).value.id)
    finally:
        other.close()
    assert _without(again, "exported_at") == _without(doc, "exported_at")


def test_references_to_removed_statements_are_left_out(uow: UnitOfWork, case: Any) -> None:
    from jeugdtool.framework import moments
    from jeugdtool.framework.models import ScaleScore
    from jeugdtool.framework.models import Statement

    moment = moments.start_moment(uow, case.id, author="A. de Boer").value
    with uow:
        for fields in (
            {"type": "safety_goal", "pairs_with": "0" * 32, "carers_will": "x"},
            {"type": "bottom_line", "guards": "1" * 32, "text": "Geen geweld."},
        ):
            uow.session.add(Statement(moment_id=moment.id, household_id=case.id, **fields))
        uow.session.add(
            ScaleScore(
                household_id=case.id,
                scored_on=dt.date(2026, 3, 1),
                role="case_manager",
                score=4,
                about="0" * 32,
                source_label="A. de Boer",
            )
        )
        uow.commit()
    doc = export_case(uow, case.id)
    goal, bottom = doc["statements"]
    assert goal["pairs_with"] is None and bottom["guards"] == []
    assert doc["scale"]["scores"][0]["about"] is None
    assert validate_case_document(doc) == []


# ---------------------------------------------------------------- the plan


def test_only_the_newest_version_can_be_a_draft(marked: None) -> None:
    doc = _demo()
    doc["plans"][1].update(
        status="draft", finalised_on=None, finalised_by=None, statements_from=None, reviews=[]
    )
    # Nothing else names the version's reviews, nor is it submitted for review.
    doc["plans"][1]["approvals"] = []
    doc["goal_judgements"] = []
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == ["plans[1].status"]
    assert _from_catalogue(problems[0].message)


def test_plan_versions_are_numbered_in_order() -> None:
    doc = _demo()
    doc["plans"].reverse()
    fields = [p.field for p in validate_case_document(doc)]
    assert "plans[0].version" in fields and "plans[2].version" in fields
    assert "plans[0].status" in fields  # the draft is not the newest any more


def test_plan_problems_name_what_is_wrong() -> None:
    doc = _demo()
    doc["plans"][0]["agreements"][0]["serves"][0] = "S1"
    doc["plans"][0]["reviews"][0]["results"][0]["agreement"] = "A7"
    doc["plans"][1]["finalised_on"] = "2026-02-20"
    doc["plans"][2]["statements_from"] = "m3"
    messages = {p.field: p.message for p in validate_case_document(doc)}
    assert set(messages) == {
        "plans[0].agreements[0].serves[0]",
        "plans[0].reviews[0].results[0].agreement",
        "plans[1].finalised_on",
        "plans[2].statements_from",
    }
    assert "S1" in messages["plans[0].agreements[0].serves[0]"]
    assert "gebeurd" in messages["plans[0].agreements[0].serves[0]"]  # a harm statement
    assert "A7" in messages["plans[0].reviews[0].results[0].agreement"]
    assert "24-02-2026" in messages["plans[1].finalised_on"]


def test_the_broken_references_of_a_plan_are_all_reported(marked: None) -> None:
    doc = _demo()
    plan = doc["plans"][1]
    plan["network"][0]["who"]["ref"] = "n9"
    plan["agreements"][2]["serves"] = ["S42"]
    plan["agreements"][3]["parties"][1]["who"] = {"kind": "person", "ref": "p7", "label": "X"}
    plan["reviews"][0]["results"][6]["agreement"] = "A9"
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == [
        "plans[1].network[0].who.ref",
        "plans[1].agreements[2].serves[0]",
        "plans[1].agreements[3].parties[1].who.ref",
        "plans[1].reviews[0].results[6].agreement",
    ]
    assert all(_from_catalogue(p.message) for p in problems)


def test_serves_needs_the_statements() -> None:
    doc = _demo()
    del doc["statements"]
    fields = {p.field for p in validate_case_document(doc)}
    assert "plans[0].agreements[0].serves[0]" in fields
    others = ("plans", "scale", "zrm_assessments", "help", "journal", "meldcode")
    others += ("network_meetings", "goal_judgements")
    assert all(f.startswith(others) for f in fields)


def test_a_bad_plan_imports_nothing(uow: UnitOfWork) -> None:
    doc = _demo()
    doc["plans"][-1]["agreements"][-1]["serves"] = ["S99"]  # only the very last agreement
    before = _counts(uow)
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, doc)
    assert [p.field for p in caught.value.problems] == ["plans[2].agreements[7].serves[0]"]
    assert _counts(uow) == before


def test_an_error_in_the_plan_leaves_nothing(
    uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jeugdtool.export import plan_parts

    before = _counts(uow)

    def broken_row(**fields: Any) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(plan_parts, "ReviewResult", broken_row)
    with pytest.raises(RuntimeError):
        import_case(uow, _demo())
    assert _counts(uow) == before


def test_import_links_the_plan_to_the_rest_of_the_case(uow: UnitOfWork) -> None:
    doc = _demo()
    case = import_case(uow, doc).value
    h = case.id
    versions = _rows(
        uow,
        "SELECT id, number, status, based_on_id, moment_id FROM plan_versions"
        " WHERE household_id = :h ORDER BY number",
        h=h,
    )
    moments = [
        m
        for (m,) in _rows(
            uow, "SELECT id FROM mapping_moments WHERE household_id = :h ORDER BY held_on", h=h
        )
    ]
    assert [(v.number, v.status) for v in versions] == [(1, "final"), (2, "final"), (3, "draft")]
    assert [v.based_on_id for v in versions] == [None, versions[0].id, versions[1].id]
    assert [v.moment_id for v in versions] == [moments[0], moments[1], None]
    agreements = _rows(
        uow,
        "SELECT id, plan_version_id, position, lineage, serves FROM agreements"
        " WHERE household_id = :h ORDER BY plan_version_id, position",
        h=h,
    )
    first = [a for a in agreements if a.plan_version_id == versions[0].id]
    last = [a for a in agreements if a.plan_version_id == versions[2].id]
    assert [a.position for a in first] == [1, 2, 3, 4, 5, 6]
    # A1 is the same agreement in every version; the new A8 has a lineage of its own.
    assert {a.lineage for a in agreements if a.position == 1} == {first[0].lineage}
    assert last[7].lineage not in {a.lineage for a in first}
    # serves: the statements' own lineages (S2, S4, S6 of the file).
    statements = _rows(
        uow,
        "SELECT lineage, type, position FROM statements WHERE household_id = :h AND moment_id = :m",
        h=h,
        m=moments[0],
    )
    by_type = {(s.type, s.position): s.lineage for s in statements}
    assert first[0].serves.splitlines() == [
        by_type[("danger", 1)],
        by_type[("safety_goal", 1)],
        by_type[("bottom_line", 1)],
    ]
    parties = _rows(
        uow,
        "SELECT agreement_id, source_kind, source_person_id, source_network_id, accepted,"
        " accepted_on, accepted_how FROM agreement_parties WHERE household_id = :h ORDER BY id",
        h=h,
    )
    sandra = _rows(uow, "SELECT id FROM persons WHERE household_id = :h AND position = 1", h=h)
    henk = _rows(
        uow, "SELECT id FROM network_members WHERE household_id = :h AND position = 2", h=h
    )
    assert (parties[0].source_kind, parties[0].source_person_id, parties[0].accepted) == (
        "person",
        sandra[0][0],
        True,
    )
    not_asked = [p for p in parties if p.agreement_id == first[5].id]
    assert [
        (p.source_network_id, p.accepted, p.accepted_on, p.accepted_how) for p in not_asked
    ] == [(henk[0][0], None, None, None)]
    results = _rows(
        uow,
        "SELECT r.agreement_lineage, r.kept, v.plan_version_id FROM review_results r"
        " JOIN plan_reviews v ON v.id = r.review_id WHERE r.household_id = :h ORDER BY r.id",
        h=h,
    )
    assert [r.agreement_lineage for r in results[:6]] == [a.lineage for a in first]
    assert {r.plan_version_id for r in results[:6]} == {versions[0].id}


def test_each_import_gets_fresh_agreement_lineages(uow: UnitOfWork) -> None:
    one = import_case(uow, _demo()).value
    two = import_case(uow, _demo(), as_new=True).value

    def lineages(case_id: int) -> set[str]:
        sql = "SELECT lineage FROM agreements WHERE household_id = :h"
        return {lineage for (lineage,) in _rows(uow, sql, h=case_id)}

    assert len(lineages(one.id)) == 8
    assert not lineages(one.id) & lineages(two.id)


def test_reviews_are_put_in_date_order(uow: UnitOfWork) -> None:
    doc = _demo("03-meijer.json")
    tussendoor = {"date": "2026-04-20", "note": "Tussendoor.", "results": []}
    tussendoor["network_meeting"] = None
    tussendoor["special_category"] = ""
    doc["plans"][0]["reviews"].insert(0, tussendoor)
    reviews = [review for plan in doc["plans"] for review in plan["reviews"]]
    for number, review in enumerate(reviews, start=1):  # r1, r2, … in the order of the file
        review["id"] = f"r{number}"
    reordered = copy.deepcopy(doc)
    reordered["plans"][0]["reviews"].reverse()
    exported = export_case(uow, import_case(uow, reordered).value.id)
    assert _without(exported, "exported_at") == _without(doc, "exported_at")


def _plan_in_the_program(uow: UnitOfWork, case: Any) -> None:
    """A plan made with the services: v1 finalised and reviewed, v2 a draft copied from it with
    one more agreement; then Ria leaves the network."""
    from jeugdtool.framework import moments
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plan_reviews
    from jeugdtool.framework import plan_sections
    from jeugdtool.framework import plans
    from jeugdtool.framework.dto import Source
    from jeugdtool.framework.models import Statement
    from jeugdtool.framework.plan_models import ReviewResult
    from jeugdtool.framework.vocab import SourceKind

    sandra = members.add_person(uow, case.id, {"first_name": "Sandra", "role": "parent"}).value
    ria = members.add_network_member(uow, case.id, {"name": "Ria"}).value
    moment = moments.start_moment(uow, case.id, author="A. de Boer").value
    with uow:
        goal = Statement(
            moment_id=moment.id, household_id=case.id, type="safety_goal", carers_will="x"
        )
        uow.session.add(goal)
        uow.commit()
        goal_lineage = goal.lineage
    draft = plans.start_draft(uow, case.id).value
    plans.update_plan(uow, draft.id, {"children_told": "Oma belt elke avond."})
    ria_source = Source(SourceKind.NETWORK, network_id=ria.id)
    plan_sections.add_network_role(
        uow, draft.id, {"source": ria_source, "role": "Belt elke avond.", "told_on": "2026-03-01"}
    )
    plan_sections.add_red_flag(
        uow, draft.id, {"sign": "Sandra neemt niet op.", "watched_by": ["Ria"], "action": "Langs."}
    )
    first = plans.add_agreement(
        uow,
        draft.id,
        {
            "what": "Oma Ria belt Sandra elke avond om 20.00 uur.",
            "when": "elke avond",
            "serves": [goal_lineage, "0" * 32],  # the second one no longer exists
            "parties": [Source(SourceKind.PERSON, person_id=sandra.id), ria_source],
        },
    ).value
    plans.record_acceptance(uow, first.parties[0].id, True, on=dt.date(2026, 3, 1), how="meeting")
    plan_finalise.finalise(
        uow,
        draft.id,
        by="A. de Boer",
        override_reason="Ria is nog niet bereikt.",
        today=dt.date(2026, 3, 2),
    )
    review = plan_reviews.add_review(
        uow,
        draft.id,
        dt.date(2026, 4, 1),
        "",
        [plan_reviews.ResultInput(first.lineage, "partly", reported_by="Ria")],
    ).value
    with uow:  # a result the program cannot make: about an agreement of no version
        uow.session.add(
            ReviewResult(
                review_id=review.id, household_id=case.id, agreement_lineage="1" * 32, kept="no"
            )
        )
        uow.commit()
    second = plans.start_draft(uow, case.id).value
    plans.add_agreement(uow, second.id, {"what": "Sandra gaat elke dinsdag naar de controle."})
    members.remove_network_member(uow, ria.id)


def test_export_of_a_plan_made_in_the_program(uow: UnitOfWork, case: Any, tmp_path: Path) -> None:
    _plan_in_the_program(uow, case)
    doc = export_case(uow, case.id)
    assert validate_case_document(doc) == []
    v1, v2 = doc["plans"]
    assert (v1["version"], v1["status"], v1["based_on"], v1["statements_from"]) == (
        1,
        "final",
        None,
        "m1",
    )
    assert (v2["version"], v2["status"], v2["based_on"], v2["statements_from"]) == (
        2,
        "draft",
        1,
        None,
    )
    assert (v1["finalised_on"], v1["finalised_by"], v1["override_reason"]) == (
        "2026-03-02",
        "A. de Boer",
        "Ria is nog niet bereikt.",
    )
    assert v1["children_told"] == v2["children_told"] == "Oma belt elke avond."
    ria = {"kind": "network", "ref": None, "label": "Ria"}
    assert v1["network"] == [{"who": ria, "role": "Belt elke avond.", "told_on": "2026-03-01"}]
    assert v1["red_flags"] == [
        {"sign": "Sandra neemt niet op.", "watched_by": ["Ria"], "action": "Langs."}
    ]
    first = v1["agreements"][0]
    assert (first["id"], first["lineage"], first["serves"]) == ("a1", "A1", ["S1"])
    assert first["parties"] == [
        {
            "who": {"kind": "person", "ref": "p1", "label": "Sandra"},
            "accepted": True,
            "on": "2026-03-01",
            "how": "meeting",
        },
        # Ria left the network: the label stays, the reference is gone.
        {
            "who": {"kind": "network", "ref": None, "label": "Ria"},
            "accepted": None,
            "on": None,
            "how": None,
        },
    ]
    assert [(a["id"], a["lineage"]) for a in v2["agreements"]] == [("a2", "A1"), ("a3", "A2")]
    assert v2["agreements"][0]["parties"] == first["parties"]  # a copy keeps the acceptance
    # The result about an agreement that is not in the version is left out.
    assert v1["reviews"] == [
        {
            "id": "r1",
            "date": "2026-04-01",
            "note": "",
            "special_category": "",
            "results": [
                {
                    "agreement": "A1",
                    "kept": "partly",
                    "note": "",
                    "reported_by": "Ria",
                    "follow_up": "",
                    "special_category": "",
                }
            ],
            "network_meeting": None,
        }
    ]
    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, "J. Visser")
        again = export_case(uow2, import_case(uow2, doc).value.id)
    finally:
        other.close()
    assert _without(again, "exported_at") == _without(doc, "exported_at")


# ---------------------------------------------------------------- reading safely (jsonfile)


def _readers() -> list[Any]:
    from jeugdtool.zrm import library

    return [
        pytest.param(read_case_file, CaseFileError, id="case file"),
        pytest.param(library.read_file, library.ZrmFileError, id="zrm file"),
    ]


def _answered_within(seconds: float, call: Callable[[], Any]) -> Any:
    """`call()` in a thread: its result or error, or a failure when it hangs."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    started = time.perf_counter()
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"no answer after {seconds} s"
    assert time.perf_counter() - started < seconds
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize(("read", "error"), _readers())
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    read: Callable[[Path], Any], error: type[Exception], tmp_path: Path, marked: None
) -> None:
    pipe = tmp_path / "case.json"
    os.mkfifo(pipe)
    with pytest.raises(error) as caught:
        _answered_within(HANG_S, lambda: read(pipe))
    assert "pipe" in str(caught.value) and str(pipe) in str(caught.value)
    assert _from_catalogue(str(caught.value))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marked: None
) -> None:
    """Between the check of the path and the opening, the file is replaced by a named pipe:
    it is opened without blocking and refused on what the open file is."""
    from jeugdtool import jsonfile

    pipe = tmp_path / "case.json"
    os.mkfifo(pipe)
    (tmp_path / "regular.json").write_text("{}")
    regular = (tmp_path / "regular.json").stat()  # as the check saw the file before the swap
    monkeypatch.setattr(jsonfile.os, "stat", lambda path: regular)
    with pytest.raises(CaseFileError) as caught:
        _answered_within(HANG_S, lambda: read_case_file(pipe))
    assert "pipe" in str(caught.value)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize(("read", "error"), _readers())
def test_a_device_is_refused_before_it_is_read(
    read: Callable[[Path], Any], error: type[Exception], marked: None
) -> None:
    with pytest.raises(error) as caught:
        _answered_within(HANG_S, lambda: read(Path("/dev/zero")))
    device = _(
        "{path} is not a file on disk but a device, a pipe or a socket, so it is not a "
        "{kind}. Choose the file itself."
    )
    assert str(caught.value).startswith(device.split("{kind}")[0].format(path="/dev/zero"))


@pytest.mark.parametrize(("read", "error"), _readers())
def test_a_folder_is_refused(
    read: Callable[[Path], Any], error: type[Exception], tmp_path: Path, marked: None
) -> None:
    with pytest.raises(error) as caught:
        read(tmp_path)
    assert str(caught.value).startswith(
        _("{path} is a folder, not a {kind}.").split("{kind}")[0].format(path=tmp_path)
    )


def test_a_file_over_the_limit_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marked: None
) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(casefile.MAX_FILE_BYTES + 1)  # sparse: no time or disk to make it
    opened: list[object] = []
    monkeypatch.setattr("jeugdtool.jsonfile.os.open", lambda *args: opened.append(args))
    with pytest.raises(CaseFileError) as caught:
        read_case_file(huge)
    too_large = _("{path} is far too large to be a {kind} (more than {max} MB).")
    assert str(caught.value).startswith(too_large.split("{kind}")[0].format(path=huge))
    assert f"{casefile.MAX_FILE_BYTES // (1024 * 1024)} MB" in str(caught.value)
    assert opened == []


def test_the_largest_demo_case_is_far_below_the_limit() -> None:
    largest = max(path.stat().st_size for path in DEMO_FILES)
    assert largest * 100 < casefile.MAX_FILE_BYTES  # docs/case-format.md states the margin


@pytest.mark.parametrize(("read", "error"), _readers())
@pytest.mark.parametrize("opener", ["[", '{"a": '])
def test_a_file_nested_1000_deep_is_refused_without_recursion(
    read: Callable[[Path], Any], error: type[Exception], opener: str, tmp_path: Path
) -> None:
    closer = "]" if opener == "[" else "}"
    deep = tmp_path / "deep.json"
    deep.write_text(
        '{"format": "jeugdtool-case", "persons": ' + opener * 1000 + "1" + closer * 1000 + "}"
    )
    with pytest.raises(error) as caught:
        _answered_within(HANG_S, lambda: read(deep))
    assert "1001" in str(caught.value) and "64" in str(caught.value)


def test_nesting_up_to_the_limit_is_read(tmp_path: Path, marked: None) -> None:
    from jeugdtool import jsonfile

    path = tmp_path / "deep.json"
    path.write_text("[" * jsonfile.MAX_DEPTH + "]" * jsonfile.MAX_DEPTH)
    with pytest.raises(CaseFileError) as caught:
        read_case_file(path)  # read and parsed, then refused: a list is not a case file
    assert str(caught.value) == "«{path} is not a jeugdtool case file.»".replace(
        "{path}", str(path)
    )
    assert jsonfile.nesting_depth(path.read_bytes()) == jsonfile.MAX_DEPTH


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        (b"{}", 1),
        (b'{"a": "[[[[", "b": ["x\\"]]]"]}', 2),
        (b'["\\\\", [["\\\\\\""]]]', 3),
        (b"[[[[", 4),  # cut off: as deep as a parser would get
        (b"", 0),
    ],
)
def test_the_nesting_is_measured_outside_strings(text: bytes, depth: int) -> None:
    from jeugdtool import jsonfile

    assert jsonfile.nesting_depth(text) == depth


def _demo_text_with(path: str, escaped: str) -> str:
    """The demo file with a text replaced by `escaped`, as it is spelt in the file."""
    doc = _demo()
    node: Any = doc
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = "\ue000"
    return json.dumps(doc).replace("\\ue000", escaped)


@pytest.mark.parametrize(
    ("escaped", "in_message"), [("Sandra\\ud800", "surrogate"), ("a\\u0000b", "NUL")]
)
def test_text_no_database_can_store_is_refused_with_its_place(
    escaped: str, in_message: str, tmp_path: Path, uow: UnitOfWork, marked: None
) -> None:
    path = tmp_path / "case.json"
    path.write_text(_demo_text_with("persons.0.notes", escaped), encoding="ascii")
    before = _counts(uow)
    with pytest.raises(InvalidInput) as caught:
        read_case_file(path)
    assert [p.field for p in caught.value.problems] == ["persons[0].notes"]
    assert in_message in caught.value.problems[0].message
    assert _from_catalogue(caught.value.problems[0].message)
    str(caught.value).encode("utf-8")  # the message itself can be printed
    assert _counts(uow) == before


def test_a_lone_surrogate_in_a_zrm_file_is_refused_with_its_place(
    tmp_path: Path, marked: None
) -> None:
    from jeugdtool.zrm import library

    path = tmp_path / "matrix.json"
    path.write_text('{"format": "jeugdtool-zrm-matrix", "name": "x\\udc00"}', encoding="ascii")
    with pytest.raises(library.ZrmFileError) as caught:
        library.read_file(path)
    assert "name" in str(caught.value) and "surrogate" in str(caught.value)
    str(caught.value).encode("utf-8")


def test_a_surrogate_pair_is_an_ordinary_character(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(_demo_text_with("persons.0.notes", "\\ud83d\\ude00"), encoding="ascii")
    assert read_case_file(path)["persons"][0]["notes"] == "\U0001f600"


def test_a_document_with_a_lone_surrogate_is_refused_before_anything_quotes_it() -> None:
    doc = _demo()
    doc["persons"][1]["role"] = "\ud800"  # the enum message would quote the value
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == ["persons[1].role"]
    assert "\ud800" not in problems[0].message


@pytest.mark.parametrize("number", ["NaN", "-Infinity", "1" * 5000])
def test_a_number_python_would_not_read_as_json_is_refused(
    number: str, tmp_path: Path, marked: None
) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(_demo()).replace('"score": 6', f'"score": {number}', 1))
    with pytest.raises(CaseFileError, match="number"):
        read_case_file(path)


# ---------------------------------------------------------------- checking safely


def test_a_file_of_a_million_broken_rows_is_answered_at_once(marked: None) -> None:
    doc = _demo()
    doc["persons"] = [{}] * 200_000
    started = time.perf_counter()
    problems = validate_case_document(doc)
    assert time.perf_counter() - started < HANG_S
    assert len(problems) == 101
    assert problems[0].field == "persons[0].id"
    assert "100" in problems[-1].message and _from_catalogue(problems[-1].message)


def test_a_long_list_of_objects_where_ids_belong_is_checked_in_linear_time() -> None:
    """jsonschema's own uniqueItems compares every pair of a list it cannot sort."""
    doc = _demo()
    doc["plans"][0]["agreements"][0]["serves"] = [{"n": n} for n in range(20_000)]
    started = time.perf_counter()
    problems = validate_case_document(doc)
    assert time.perf_counter() - started < HANG_S
    assert problems[0].field == "plans[0].agreements[0].serves[0]"
    assert len(problems) == 101


def test_the_same_entry_twice_is_still_found() -> None:
    doc = _demo()
    doc["statements"][5]["guards"] = ["S4", "S5", "S4"]
    assert [(p.field, p.message) for p in validate_case_document(doc)] == [
        ("statements[5].guards", i18n._("has the same entry twice; keep one."))
    ]


def test_a_huge_value_is_quoted_in_a_few_words(marked: None) -> None:
    doc = _demo()
    doc["persons"][1]["role"] = "kind" * 1_000_000
    doc["network"][2]["email"] = "x" * 1_000_000
    problems = validate_case_document(doc)
    assert {p.field for p in problems} == {"persons[1].role", "network[2].email"}
    assert all(len(p.message) < 300 for p in problems)


@pytest.mark.parametrize("value", ["Sandra\u2028Jansen", "Sandra\x85", "Ria\x01", "\x1b[31m"])
def test_a_one_line_text_holds_no_line_break_or_control_character(value: str, marked: None) -> None:
    doc = _demo()
    doc["mappings"][0]["present"][0] = value
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == ["mappings[0].present[0]"]
    assert "one line" in problems[0].message


def test_a_tab_in_a_one_line_text_is_fine() -> None:
    doc = _demo()
    doc["mappings"][0]["present"][0] = "Sandra\tJansen"
    assert validate_case_document(doc) == []


# ---------------------------------------------------------------- the ZRM matrix's version


def test_an_unknown_matrix_version_is_a_problem_at_its_place(marked: None) -> None:
    doc = _demo()
    doc["zrm_assessments"][0]["matrix_version"] = "/dev/zero"
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == ["zrm_assessments[0].matrix_version"]
    assert "/dev/zero" in problems[0].message and "2017" in problems[0].message
    assert _from_catalogue(problems[0].message)


def test_an_earlier_version_of_an_organisations_matrix_is_known_where_it_was_used(
    uow: UnitOfWork,
) -> None:
    """An organisation replaced its matrix by a newer version: the assessments made with the
    earlier one keep their version, and a file naming it still imports there."""
    from jeugdtool.zrm import assessments
    from jeugdtool.zrm import library
    from jeugdtool.zrm.definitions import MATRIX_FORMAT

    base = resources.load_json("zrm", "zrm-2017.json")
    matrix = {
        "format": MATRIX_FORMAT,
        "id": "opvoeding",
        "version": "1",
        "kind": "supplement",
        "name": "Opvoedingsdomeinen",
        "levels": base["levels"],
        "domains": [{"code": "opvoeding", "name": "Opvoeding", "covers": "Grenzen, ritme."}],
    }
    library.import_document(uow, matrix)
    case = households.create_case(uow, name="Gezin Dekker", case_number="2026-0100").value
    mother = members.add_person(uow, case.id, {"first_name": "Eva", "role": "parent"}).value
    assessments.create_assessment(uow, mother.id, matrix_id="opvoeding", assessed_on="2026-03-02")
    doc = export_case(uow, case.id)
    library.import_document(uow, {**matrix, "version": "2"}, replace=True)

    assert import_case(uow, doc, as_new=True).value.name == "Gezin Dekker"  # "1" is known
    doc["zrm_assessments"][0]["matrix_version"] = "0.9"
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, doc, as_new=True)
    assert [p.field for p in caught.value.problems] == ["zrm_assessments[0].matrix_version"]
    assert "'1', '2'" in caught.value.problems[0].message


# ---------------------------------------------------------------- checking outside the lock


def test_the_check_runs_outside_any_transaction(
    uow: UnitOfWork, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite every transaction holds the write lock: while a (large) file is checked,
    another program must be able to write."""
    others_wrote: list[bool] = []

    def check_while_another_program_writes(doc: Any, **kwargs: Any) -> list[Any]:
        other = sqlite3.connect(db_path, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")  # "database is locked" if the import held it
            other.execute("UPDATE households SET name = name")
            other.rollback()
            others_wrote.append(True)
        finally:
            other.close()
        return validate_case_document(doc, **kwargs)

    monkeypatch.setattr(casefile, "validate_case_document", check_while_another_program_writes)
    assert import_case(uow, _demo()).value.case_number == "2026-0001"
    assert others_wrote == [True]


def test_a_number_taken_between_check_and_write_is_refused_whole(uow: UnitOfWork) -> None:
    checked = casefile.check_case(uow, _demo())
    assert not checked.number_taken
    households.create_case(uow, name="Gezin Ander", case_number="2026-0001")
    before = _counts(uow)
    with pytest.raises(CaseExists):
        casefile.add_checked_case(uow, checked)
    assert _counts(uow) == before
    again = casefile.add_checked_case(uow, checked, as_new=True).value
    assert again.name == "Gezin Jansen" and again.case_number != "2026-0001"


def test_the_check_says_whether_the_number_is_taken(uow: UnitOfWork) -> None:
    import_case(uow, _demo())
    checked = casefile.check_case(uow, _demo())
    assert checked.number_taken and checked.case_number == "2026-0001"


# ---------------------------------------------------------------- found by the import fuzzer


def test_statements_without_the_mappings_they_belong_to_are_refused(uow: UnitOfWork) -> None:
    """`mappings` may be left out (older files): then there are no moments to belong to."""
    doc = _demo()
    del doc["mappings"]
    before = _counts(uow)
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, doc)
    fields = {p.field for p in caught.value.problems}
    assert "statements[0].moment" in fields and "plans[0].statements_from" in fields
    assert _counts(uow) == before


def test_a_party_whose_kind_is_a_list_is_a_problem_not_a_crash() -> None:
    doc = _demo()
    doc["plans"][0]["agreements"][0]["parties"][0]["who"]["kind"] = ["person"]
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == ["plans[0].agreements[0].parties[0].who.kind"]


@pytest.mark.parametrize("value", [-1, 7, "x", True, {"a": 1}, [1]])
@pytest.mark.parametrize(
    "part",
    [
        "household",
        "persons",
        "network",
        "mappings",
        "statements",
        "scale",
        "plans",
        "zrm_assessments",
        "meetings",
    ],
)
def test_a_part_of_the_wrong_type_is_a_problem_not_a_crash(part: str, value: Any) -> None:
    doc = _demo()
    doc[part] = value
    problems = validate_case_document(doc)
    assert problems and all(p.field and p.message for p in problems)


@pytest.mark.parametrize(
    ("path", "value"),
    [("statements.0.id", ""), ("meetings.0.date", []), ("meetings.0.title", {"a": 1})],
    ids=["empty statement id", "list as meeting date", "object as meeting title"],
)
def test_an_odd_value_is_a_problem_not_a_crash(path: str, value: Any) -> None:
    doc = _demo("02-bakker.json" if path.startswith("meetings") else "01-jansen.json")
    _set(path, value)(doc)
    problems = validate_case_document(doc)
    assert [p.field for p in problems] == [path.replace(".0.", "[0].")]
