"""The dossier in a case file (journal, meldcode, verwijsindex signals, Veilig Thuis, kindchecks):
the round trip, what the links point at, what is no longer in the case, older files and the
checks with their messages (docs/case-format.md)."""

from __future__ import annotations

import copy
import datetime as dt
import gettext
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select

from jeugdtool import i18n
from jeugdtool import resources
from jeugdtool.cases import consultants
from jeugdtool.cases import queries
from jeugdtool.cases.models import Person
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.dossier.models import Kindcheck
from jeugdtool.dossier.models import MeldcodeAnswer
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import MeldcodeSignal
from jeugdtool.dossier.models import MeldcodeStepRow
from jeugdtool.dossier.models import VeiligThuisContact
from jeugdtool.dossier.models import VerwijsindexMatch
from jeugdtool.dossier.models import VerwijsindexSignal
from jeugdtool.errors import InvalidInput
from jeugdtool.export import dossier_parts
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.casefile import save_case_file
from jeugdtool.export.child_voice_parts import PARTS as CHILD_VOICE_PARTS
from jeugdtool.export.demo import demo_files
from jeugdtool.export.dossier_parts import PARTS
from jeugdtool.export.network_parts import PARTS as NETWORK_PARTS
from jeugdtool.framework.models import MapItem
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.i18n import _
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.models import ZrmAssessment

DOSSIER_MODELS = (
    JournalEntry,
    JournalLink,
    MeldcodeRecord,
    MeldcodeStepRow,
    MeldcodeSignal,
    MeldcodeAnswer,
    Kindcheck,
    VeiligThuisContact,
    VerwijsindexSignal,
    VerwijsindexMatch,
)


def _demo(name: str) -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", name)))


def _all_demos() -> list[dict[str, Any]]:
    return [read_case_file(path) for path in demo_files()]


class _Marked(gettext.NullTranslations):
    """Every catalogue string wrapped in «…»: text not from the catalogue shows up at once."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translation", _Marked())


def _count(uow: UnitOfWork, model: Any) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(model)) or 0


def _rows(uow: UnitOfWork, model: Any, case_id: int) -> list[Any]:
    query = select(model).where(model.household_id == case_id).order_by(model.id)
    return list(uow.session.scalars(query))


# ---------------------------------------------------------------- the demo households


def test_every_demo_household_has_a_realistic_journal() -> None:
    for doc in _all_demos():
        journal = doc["journal"]
        kinds = {entry["kind"] for entry in journal}
        assert len(journal) >= 6, doc["household"]["name"]
        assert {"home_visit", "phone_call"} <= kinds
        assert kinds & {"consultation", "network_meeting", "office_meeting"}
        assert sum(bool(entry["links"]) for entry in journal) >= 3
    working = [d for d in _all_demos() if any(e["working_note"] for e in d["journal"])]
    corrected = [d for d in _all_demos() if any(e["corrects"] for e in d["journal"])]
    assert len(working) >= 3 and corrected


def test_the_demo_shows_each_part_of_the_dossier() -> None:
    jansen = _demo("01-jansen.json")
    (record,) = jansen["meldcode"]
    assert record["status"] == "closed" and record["decided_report"] is True
    assert all(step["done_on"] for step in record["steps"])
    (report,) = [c for c in jansen["veilig_thuis"] if c["kind"] == "report"]
    assert report["reference"] and report["meldcode_record"] == record["number"]
    demos = _all_demos()
    assert any(r["status"] == "open" for d in demos for r in d["meldcode"])
    assert any(s["matches"] and s["withdrawn_on"] is None for d in demos for s in d["signals"])
    assert any(d["kindchecks"] for d in demos)


# ---------------------------------------------------------------- round trip


@pytest.mark.both_backends
@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_export_import_export_gives_the_same_dossier(
    path: Path, backend: str, uow: UnitOfWork, tmp_path: Path
) -> None:
    """From the test's database (SQLite, or PostgreSQL) to a SQLite file and back, imported
    by the case manager, who wrote the demo's working notes (an import keeps only the
    importer's own: test_import_working_notes.py)."""
    original = read_case_file(path)
    me = original["household"]["case_manager"]
    uow = UnitOfWork(uow.database, me)
    first = export_case(uow, import_case(uow, original).value.id)
    for part in PARTS:
        assert first[part] == original[part], part
    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, me)
        second = export_case(uow2, import_case(uow2, first).value.id)
    finally:
        other.close()
    assert {part: second[part] for part in PARTS} == {part: first[part] for part in PARTS}


def _meaning_in_database(uow: UnitOfWork, case_id: int) -> list[tuple[str, Any]]:
    """Each link of the case as what it points at (words, a date and score, a name), so a
    database's keys can be compared with the file's references."""
    with uow:
        session = uow.session

        def newest(model: Any, column: Any, key: str) -> Any:
            query = select(model).where(model.household_id == case_id, column == key)
            return session.scalars(query.order_by(model.id.desc())).first()

        persons = {p.id: p.first_name for p in _rows(uow, Person, case_id)}
        records = {r.id: r.number for r in _rows(uow, MeldcodeRecord, case_id)}
        out: list[tuple[str, Any]] = []
        for link in _rows(uow, JournalLink, case_id):
            kind, key = link.target_kind, link.target_key
            if kind == "map_item":
                meaning: Any = newest(MapItem, MapItem.lineage, key).text
            elif kind == "statement":
                meaning = newest(Statement, Statement.lineage, key).text
            elif kind == "agreement":
                meaning = newest(Agreement, Agreement.lineage, key).what
            elif kind == "scale_score":
                score = session.get(ScaleScore, int(key))
                meaning = (score.scored_on.isoformat(), score.score)
            elif kind == "help_item":
                meaning = session.get(HelpItem, int(key)).description
            else:
                first, second = key.split(":")
                owner = persons if kind == "zrm_domain" else records
                meaning = (owner[int(first)], second)
            out.append((kind, meaning))
        return out


def _meaning_in_file(doc: dict[str, Any]) -> list[tuple[str, Any]]:
    items = {
        item["lineage"]: item["text"]
        for moment in doc["mappings"]
        for cell in moment["cells"].values()
        for item in cell
    }
    by_key: dict[str, dict[str, Any]] = {
        "map_item": items,
        "statement": {s["lineage"]: s["text"] for s in doc["statements"]},
        "agreement": {a["lineage"]: a["what"] for p in doc["plans"] for a in p["agreements"]},
        "scale_score": {s["id"]: (s["date"], s["score"]) for s in doc["scale"]["scores"]},
        "help_item": {f"h{i}": h["description"] for i, h in enumerate(doc["help"], start=1)},
    }
    persons = {p["id"]: p["first_name"] for p in doc["persons"]}
    out: list[tuple[str, Any]] = []
    for entry in doc["journal"]:
        for link in entry["links"]:
            kind, key = link["kind"], link["key"]
            first, _sep, second = key.partition(":")
            if kind in by_key:
                meaning: Any = by_key[kind][key]
            elif kind == "zrm_domain":
                meaning = (persons[first], second)
            else:
                meaning = (int(first), second)
            out.append((kind, meaning))
    return out


@pytest.mark.parametrize("name", ["01-jansen.json", "02-bakker.json", "05-ozturk.json"])
def test_links_point_at_what_the_file_named(name: str, uow: UnitOfWork) -> None:
    doc = _demo(name)
    case = import_case(uow, doc).value
    in_file = _meaning_in_file(doc)
    assert {kind for kind, _m in in_file} >= {"map_item", "statement", "scale_score"}
    assert _meaning_in_database(uow, case.id) == in_file


def test_import_links_records_contacts_corrections_and_kindchecks(uow: UnitOfWork) -> None:
    boer = consultants.ensure_consultant(uow, "A. de Boer").value
    jansen = import_case(uow, _demo("01-jansen.json")).value
    bakker = import_case(uow, _demo("02-bakker.json")).value
    with uow:
        (record,) = _rows(uow, MeldcodeRecord, jansen.id)
        steps = _rows(uow, MeldcodeStepRow, jansen.id)
        assert [s.step for s in steps] == [1, 2, 3, 4, 5]
        assert {s.record_id for s in steps} == {record.id}
        assert len(_rows(uow, MeldcodeAnswer, jansen.id)) == 5
        contacts = _rows(uow, VeiligThuisContact, jansen.id)
        assert {c.meldcode_record_id for c in contacts} == {record.id}
        entries = _rows(uow, JournalEntry, jansen.id)
        (correction,) = [e for e in entries if e.corrects_id is not None]
        corrected = uow.session.get(JournalEntry, correction.corrects_id)
        assert "19 juli" in corrected.note and "18 juli" in correction.note
        # The editing period is where it was: recorded_at is the file's, not the import's.
        assert correction.recorded_at == dt.datetime(2026, 7, 28, 10, 0, tzinfo=dt.UTC)
        # The author is the consultant of that name in this database.
        assert {e.author_id for e in entries} == {boer.id}
        (check,) = _rows(uow, Kindcheck, bakker.id)
        lisa = uow.session.get(Person, check.person_id)
        assert lisa.first_name == "Lisa"
        first_zrm = _rows(uow, ZrmAssessment, bakker.id)[0]
        assert first_zrm.person_id == lisa.id
        # As kindcheck_rules names it: the assessment by its date, so the answered question
        # stays answered in this database too.
        assert check.trigger == f"zrm:{first_zrm.assessed_on.isoformat()}:geestelijke_gezondheid"
        entry = uow.session.get(JournalEntry, check.journal_entry_id)
        assert entry.kind == "kindcheck" and entry.household_id == bakker.id


def test_the_import_writes_only_created_rows_to_the_history(uow: UnitOfWork) -> None:
    case = import_case(uow, _demo("01-jansen.json")).value
    history = queries.case_history(uow, case.id)
    dossier = [e for e in history if e.entity.startswith(("journal", "meldcode", "veilig"))]
    assert dossier and {e.action for e in dossier} == {"create"}


def test_a_correction_before_its_entry_in_the_file_imports(uow: UnitOfWork) -> None:
    doc = _demo("01-jansen.json")
    journal = doc["journal"]
    at = next(i for i, e in enumerate(journal) if e["corrects"])
    journal.insert(0, journal.pop(at))  # the correction first, the entry it corrects later
    case = import_case(uow, doc).value
    again = export_case(uow, case.id)
    assert again["journal"] == _demo("01-jansen.json")["journal"]


# ---------------------------------------------------------------- what is no longer in the case


def _remove_targets(uow: UnitOfWork, case_id: int) -> None:
    """Remove what some links, a signal and a kindcheck's trigger point at: a scale score, the
    first help item, every copy of a map item."""
    with uow:
        session = uow.session
        for link in _rows(uow, JournalLink, case_id):
            if link.target_kind == "scale_score":
                session.delete(session.get(ScaleScore, int(link.target_key)))
                break
        session.delete(_rows(uow, HelpItem, case_id)[0])
        # A kindcheck raised by a worry about an item since gone from every moment.
        _rows(uow, Kindcheck, case_id)[0].trigger = "worry:gone-from-every-moment"
        signal = _rows(uow, MeldcodeSignal, case_id)[0]
        signal.source_lineage = "gone-from-every-moment"
        uow.commit()


def test_what_is_no_longer_in_the_case_keeps_its_words(uow: UnitOfWork, tmp_path: Path) -> None:
    case = import_case(uow, _demo("02-bakker.json")).value
    _remove_targets(uow, case.id)
    first = export_case(uow, case.id)
    assert validate_case_document(first) == []
    gone = [link for e in first["journal"] for link in e["links"] if link["key"] is None]
    kinds = {link["kind"] for link in gone}
    assert kinds == {"scale_score", "help_item"}
    assert all(link["label"] for link in gone)  # the words stay
    assert first["kindchecks"][0]["trigger"] is None
    assert first["meldcode"][0]["signals"][0]["lineage"] is None
    assert first["meldcode"][0]["signals"][0]["text"]
    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, "J. Visser")
        case2 = import_case(uow2, first).value
        with uow2:
            keys = [link.target_key for link in _rows(uow2, JournalLink, case2.id)]
            triggers = [k.trigger for k in _rows(uow2, Kindcheck, case2.id)]
        assert sum(key.startswith(dossier_parts.REMOVED) for key in keys) == len(gone)
        assert triggers[0].startswith(dossier_parts.REMOVED)
        second = export_case(uow2, case2.id)
    finally:
        other.close()
    assert {p: second[p] for p in PARTS} == {p: first[p] for p in PARTS}


# ---------------------------------------------------------------- older files


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_a_file_from_before_the_dossier_imports(path: Path, uow: UnitOfWork) -> None:
    doc = copy.deepcopy(read_case_file(path))
    for part in PARTS:
        del doc[part]
    assert validate_case_document(doc) == []
    case = import_case(uow, doc).value
    assert all(_count(uow, model) == 0 for model in DOSSIER_MODELS)
    exported = export_case(uow, case.id)
    assert all(exported[part] == [] for part in PARTS)
    # The dossier's parts come last but for the network meetings, which name its entries, and
    # the child's voice (issue 19), added after them.
    last = [*PARTS, *NETWORK_PARTS, *CHILD_VOICE_PARTS]
    assert list(exported)[-len(last) :] == last


def test_an_error_in_the_dossier_leaves_nothing(
    uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(dossier_parts, "_add_kindchecks", broken)
    with pytest.raises(RuntimeError):
        import_case(uow, _demo("02-bakker.json"))
    assert _count(uow, JournalEntry) == 0
    with uow:
        assert queries.find_case_id(uow, "2026-0002") is None


# ---------------------------------------------------------------- checks


Breakage = Callable[[dict[str, Any]], None]


def _set(path: list[Any], value: Any) -> Breakage:
    def breakage(doc: dict[str, Any]) -> None:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    breakage.__name__ = ".".join(map(str, path)) + "=" + repr(value)[:30]
    return breakage


def _open_second_record(doc: dict[str, Any]) -> None:
    record = copy.deepcopy(doc["meldcode"][0])
    doc["meldcode"].append({**record, "number": 2, "status": "open", "closed_on": None})
    doc["meldcode"][0]["status"] = "open"
    doc["meldcode"][0]["closed_on"] = None


def _answer_twice(doc: dict[str, Any]) -> None:
    doc["meldcode"][0]["answers"][1]["question"] = "suspicion"


def _link_twice(doc: dict[str, Any]) -> None:
    links = doc["journal"][2]["links"]
    links.append(dict(links[0]))


def _correct_in_a_circle(doc: dict[str, Any]) -> None:
    journal = doc["journal"]
    journal[0]["corrects"] = "j2"
    journal[1]["corrects"] = "j1"
    journal[1]["recorded_at"] = journal[0]["recorded_at"]


#: (breakage of 01-jansen, path of the one problem, the message's source text).
BROKEN: list[tuple[Breakage, str, str]] = [
    (
        _set(["journal", 2, "links", 0, "key"], "L99"),
        "journal[2].links[0].key",
        "'{key}' is not the lineage of a map item in this file (see mappings).",
    ),
    (
        _set(["journal", 2, "links", 0, "key"], "S1"),
        "journal[2].links[0].key",
        "'{key}' does not name a {kind}; write it as {example}.",
    ),
    (
        _set(["journal", 2, "links", 2, "key"], "c99"),
        "journal[2].links[2].key",
        "'{key}' is not a scale score in this file (see scale).",
    ),
    (
        _set(["journal", 2, "links", 3, "key"], "2:1"),
        "journal[2].links[3].key",
        "'{key}' names no meldcode record of this file (see meldcode).",
    ),
    (
        _set(["journal", 8, "links", 0, "key"], "h9"),
        "journal[8].links[0].key",
        "'{key}' is not a help item in this file: help has {count}.",
    ),
    (
        _set(["journal", 9, "links", 0, "key"], "p9:middelengebruik"),
        "journal[9].links[0].key",
        "'{key}' names no person of this file (see persons).",
    ),
    (
        _link_twice,
        "journal[2].links[4].key",
        "this entry is linked to '{target}' already (also at {other}); keep one link.",
    ),
    (
        _set(["journal", 11, "corrects"], "j12"),
        "journal[11].corrects",
        "an entry cannot correct itself; name the entry it corrects.",
    ),
    (
        _set(["journal", 11, "corrects"], "j40"),
        "journal[11].corrects",
        "'{ref}' is not a journal entry in this file.",
    ),
    (
        _set(["journal", 11, "corrects"], "j13"),
        "journal[11].corrects",
        "a correction is recorded after the entry it corrects; '{ref}' was recorded later "
        "than this one.",
    ),
    (
        _set(["journal", 0, "occurred_at"], "25:00"),
        "journal[0].occurred_at",
        "{value} is not a time of day (hh:mm, for example 09:30).",
    ),
    (
        _set(["journal", 0, "occurred_on"], "2099-01-01"),
        "journal[0].occurred_on",
        "{label} {date} lies in the future; choose today or an earlier date.",
    ),
    (
        _open_second_record,
        "meldcode[1].status",
        "only one meldcode record can be open at a time (record at {other} is open); close "
        "one of them.",
    ),
    (
        _set(["meldcode", 0, "closed_on"], None),
        "meldcode[0].closed_on",
        "a closed record needs the day it was closed (closed_on).",
    ),
    (
        _set(["meldcode", 0, "closed_on"], "2026-02-01"),
        "meldcode[0].closed_on",
        "this date is before the record was started ({date}).",
    ),
    (
        _set(["meldcode", 0, "steps", 1, "step"], 3),
        "meldcode[0].steps[1].step",
        "the steps are listed in order, 1 to 5: here step {expected} belongs.",
    ),
    (
        _answer_twice,
        "meldcode[0].answers[1].question",
        "question '{question}' is answered twice in this record (also at {other}).",
    ),
    (
        _set(["meldcode", 0, "signals", 2, "lineage"], "L1"),
        "meldcode[0].signals[2].lineage",
        "an own observation comes from no map item or statement: use null.",
    ),
    (
        _set(["meldcode", 0, "signals", 0, "lineage"], "S2"),
        "meldcode[0].signals[0].lineage",
        "a signal from the map names a map item's lineage (L1, L2, …).",
    ),
    (
        _set(["veilig_thuis", 1, "meldcode_record"], 3),
        "veilig_thuis[1].meldcode_record",
        "there is no meldcode record {number} in this file (see meldcode).",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "path", "source"), BROKEN, ids=[b[0].__name__ for b in BROKEN]
)
def test_a_broken_dossier_is_refused_at_its_place(
    breakage: Breakage, path: str, source: str, marked: None
) -> None:
    doc = _demo("01-jansen.json")
    breakage(doc)
    problems = validate_case_document(doc, today=dt.date(2026, 12, 6))
    assert [p.field for p in problems] == [path]
    # The message is the catalogue's (the user's language), the one the rule means: its
    # words around the placeholders, in order.
    message = problems[0].message
    assert message.startswith("«") and message.endswith("»")
    at = 0
    for words in re.split(r"\{[^}]*\}", source):
        found = message.find(words, at)
        assert found >= 0, (words, message)
        at = found + len(words)


def test_the_other_parts_are_checked_at_their_places(marked: None) -> None:
    doc = _demo("05-ozturk.json")
    signal = doc["signals"][0]
    signal.update(person="p9", expires_on="2026-09-01", withdrawn_on="2026-09-01")
    signal["matches"][0]["matched_on"] = "2026-09-01"
    bakker = _demo("02-bakker.json")
    check = bakker["kindchecks"][0]
    problems = {p.field for p in validate_case_document(doc)}
    assert problems == {
        "signals[0].person",
        "signals[0].expires_on",
        "signals[0].withdrawn_on",
        "signals[0].matches[0].matched_on",
    }
    for trigger, journal_entry in (
        ("zrm:2026-08-27:financien", "j4"),  # raises no kindcheck
        ("zrm:2026-02-30:geestelijke_gezondheid", "j4"),
        ("worry:L99", "j4"),
        ("zrm:z1:geestelijke_gezondheid", "j4"),
        ("zrm:2026-08-27:geestelijke_gezondheid", "j99"),
    ):
        check.update(trigger=trigger, journal_entry=journal_entry)
        fields = [p.field for p in validate_case_document(bakker)]
        wrong = "trigger" if journal_entry == "j4" else "journal_entry"
        assert fields == [f"kindchecks[0].{wrong}"], trigger
    bakker["kindchecks"].append(dict(check, journal_entry="j4"))
    fields = [p.field for p in validate_case_document(bakker)]
    assert fields == ["kindchecks[0].journal_entry", "kindchecks[1].trigger"]


def test_a_bad_dossier_imports_nothing(uow: UnitOfWork) -> None:
    doc = _demo("01-jansen.json")
    doc["journal"][0]["kind"] = "visit"
    doc["meldcode"][0]["answers"].pop()
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, doc)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"journal[0].kind", "meldcode[0].answers"}
    assert _count(uow, JournalEntry) == 0


def test_the_messages_are_in_the_users_language() -> None:
    doc = _demo("01-jansen.json")
    doc["journal"][2]["links"][0]["key"] = "L99"
    (problem,) = validate_case_document(doc)
    wanted = _("'{key}' is not the lineage of a map item in this file (see mappings).")
    assert problem.message == wanted.format(key="L99")


def test_text_limits_are_the_services_limits() -> None:
    """A file holds no longer text (and no more names or links) than the program lets anyone
    type, so an imported dossier can be worked on like any other."""
    from jeugdtool.dossier import journal_rules
    from jeugdtool.dossier import kindcheck_rules
    from jeugdtool.dossier import meldcode_rules
    from jeugdtool.dossier import veilig_thuis
    from jeugdtool.dossier import verwijsindex_rules

    defs = resources.load_json("schemas", "case.schema.json")["$defs"]

    def limit(definition: str, field: str, key: str = "maxLength") -> int:
        node = defs[definition]["properties"][field]
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[1]]
        return int(node[key])

    entry = defs["journal_entry"]["properties"]
    assert limit("journal_entry", "note") == journal_rules.MAX_NOTE
    assert limit("journal_entry", "links", "maxItems") == journal_rules.MAX_LINKS
    assert entry["participants"]["maxItems"] == journal_rules.MAX_PARTICIPANTS
    assert defs["line"]["maxLength"] == journal_rules.MAX_NAME == meldcode_rules.MAX_NAME
    assert limit("journal_link", "key") == journal_rules.MAX_KEY
    assert limit("journal_link", "label") == journal_rules.MAX_LABEL
    for field in ("notes", "with_whom", "advice", "not_held_reason"):
        assert limit("meldcode_step", field) == meldcode_rules.MAX_TEXT
    assert limit("meldcode_signal", "text") == meldcode_rules.MAX_TEXT
    assert limit("meldcode_record", "decision_reason") == meldcode_rules.MAX_TEXT
    assert limit("veilig_thuis_contact", "reference") == veilig_thuis.MAX_REFERENCE
    assert limit("veilig_thuis_contact", "advice") == veilig_thuis.MAX_TEXT
    assert limit("kindcheck", "note") == kindcheck_rules.MAX_NOTE
    assert limit("verwijsindex_signal", "notes") == verwijsindex_rules.MAX_NOTES
    assert limit("verwijsindex_signal", "coordinator") == verwijsindex_rules.MAX_NAME


def test_a_file_for_someone_holds_no_working_notes(uow: UnitOfWork, tmp_path: Path) -> None:
    """Working notes are their author's own: a file for a new care provider leaves them out
    (and still imports); an unaddressed copy, to be read in again here, keeps them."""
    doc = _demo("01-jansen.json")
    note = next(e for e in doc["journal"] if e["working_note"])
    # A correction of the working note, to see that it does not point at nothing.
    correction = next(e for e in doc["journal"] if e["corrects"])
    correction["corrects"] = note["id"]
    correction["recorded_at"] = "2026-07-28T10:00:00+00:00"
    case = import_case(uow, doc).value
    provider = tmp_path / "voor-aanbieder.json"
    save_case_file(uow, case.id, provider, recipient="Jeugdhulp Noord (nieuwe aanbieder)")
    sent = read_case_file(provider)
    assert not any(e["working_note"] for e in sent["journal"])
    assert note["note"] not in provider.read_text(encoding="utf-8")
    assert len(sent["journal"]) == len(doc["journal"]) - 1
    (kept,) = [e for e in sent["journal"] if e["note"] == correction["note"]]
    assert kept["corrects"] is None
    assert validate_case_document(sent) == []
    copy_path = tmp_path / "kopie.json"
    save_case_file(uow, case.id, copy_path)
    assert sum(e["working_note"] for e in read_case_file(copy_path)["journal"]) == 1


def test_without_working_notes_keeps_a_kindcheck_and_leaves_other_files_alone() -> None:
    doc = _demo("02-bakker.json")
    note = next(e for e in doc["journal"] if e["working_note"])
    doc["kindchecks"][0]["journal_entry"] = note["id"]
    out = dossier_parts.without_working_notes(doc)
    assert out["kindchecks"][0]["journal_entry"] is None
    assert out["kindchecks"][0]["trigger"] == doc["kindchecks"][0]["trigger"]
    plain = _demo("06-wisniewski.json")
    assert dossier_parts.without_working_notes(plain) is plain
