"""Case files: export, write, read, validate and import (docs/case-format.md)."""

from __future__ import annotations

import copy
import datetime as dt
import errno
import gettext
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from jeugdtool import i18n, resources
from jeugdtool.cases import consultants, households, members, queries
from jeugdtool.errors import InvalidInput
from jeugdtool.export import casefile
from jeugdtool.export.casefile import (
    CaseExists,
    CaseFileError,
    export_case,
    import_case,
    read_case_file,
    validate_case_document,
    write_case_file,
)
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork

DEMO_FILES = sorted(resources.path("demo").glob("*.json"))
TABLES = ("households", "persons", "network_members", "consultants", "audit_entries")
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
    first = export_case(uow, import_case(uow, read_case_file(path)).value.id)
    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, "J. Visser")
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
        "persons[2].birth_date": "Geboortedatum 14-05-2099 ligt in de toekomst.",
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
    doc["plans"] = []  # a part this jeugdtool does not know: not reported separately
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
    assert len(history) == 1 + 4 + 5


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

    monkeypatch.setattr(casefile.os, "fsync", disk_full)
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

    monkeypatch.setattr(casefile.tempfile, "mkstemp", refused)
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
