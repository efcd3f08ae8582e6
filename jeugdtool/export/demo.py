"""The demo households in `resources/demo/`: a newcomer starts with a working, realistic tool."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jeugdtool import resources
from jeugdtool.cases import consultants
from jeugdtool.cases import disclosures
from jeugdtool.cases import privacy
from jeugdtool.cases import queries
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.errors import ConflictError
from jeugdtool.errors import NoPermission
from jeugdtool.export.casefile import CaseExists
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.demo_pictures import story_picture
from jeugdtool.export.demo_pictures import three_houses_drawing
from jeugdtool.framework import child_voice
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork


@dataclass(frozen=True)
class DemoReport:
    #: The demo cases added now, in file order.
    loaded: tuple[HouseholdDTO, ...]
    #: Case numbers of demo cases left alone because the database already has that number.
    skipped: tuple[str, ...]


def demo_files() -> list[Path]:
    return sorted(resources.path("demo").glob("*.json"))


def _documents() -> list[dict[str, Any]]:
    return [read_case_file(path) for path in demo_files()]


def load_demo_report(uow: UnitOfWork) -> Outcome[DemoReport]:
    """Add every demo case whose number is still free, and the consultants who manage them."""
    docs = _documents()
    changes = ChangeSet()
    managers = {d["household"]["case_manager"] for d in docs} - {None}
    for name in sorted(managers):
        manager = consultants.ensure_consultant(uow, name)
        changes |= manager.changes | _give_phone(uow, manager.value)
    loaded: list[HouseholdDTO] = []
    skipped: list[str] = []
    for doc in docs:
        number = doc["household"]["case_number"]
        if queries.find_case_id(uow, number) is not None:
            skipped.append(number)
            continue
        try:
            outcome = import_case(uow, doc, notes_of=_notes_of(uow, doc))
        except CaseExists:  # added by another program in the meantime
            skipped.append(number)
            continue
        loaded.append(outcome.value)
        changes |= outcome.changes | _add_requests(uow, outcome.value)
        changes |= _add_disclosures(uow, outcome.value)
        changes |= _add_pictures(uow, outcome.value)
    return Outcome(DemoReport(tuple(loaded), tuple(skipped)), changes)


#: The demo case managers' phone numbers (fictional), so a demo plan says whom to call.
DEMO_PHONES: dict[str, str] = {
    "A. de Boer": "06-12345671",
    "J. Visser": "06-12345672",
    "M. Kaya": "06-12345673",
}


def _give_phone(uow: UnitOfWork, manager: ConsultantDTO) -> ChangeSet:
    """A demo case manager without a phone number gets theirs; one already given stays. In a
    team database only an administrator changes a person: for anyone else it stays as it is."""
    phone = DEMO_PHONES.get(manager.name)
    if manager.phone is not None or phone is None:
        return ChangeSet()
    try:
        outcome = consultants.update_consultant(
            uow, manager.id, {"phone": phone}, expected={"phone": None}
        )
    except (NoPermission, ConflictError):  # not theirs to change, or given meanwhile
        return ChangeSet()
    return outcome.changes


def _notes_of(uow: UnitOfWork, doc: dict[str, Any]) -> str | None:
    """Whose working notes a demo case keeps. The demo's are its case manager's: in a
    single-user file they stay theirs (whoever works as that consultant reads them), as if
    each case manager had imported their own case. A team database writes a note in the
    signed-in person's name only, so there the demo keeps the user's, like any import."""
    if uow.database.engine.dialect.name == "postgresql":
        return None
    manager: str | None = doc["household"]["case_manager"]
    return manager


#: The family's requests of a demo case (not part of a case file): (kind, received on, from
#: whom, what, and for a decided one: status, decided on, outcome).
DEMO_REQUESTS: dict[str, tuple[tuple[Any, ...], ...]] = {
    "2026-0003": (
        (
            "correction",
            dt.date(2026, 10, 20),
            "Ronald Dijkstra (vader)",
            "Bij zijn werkgever staat een oud bedrijf in de netwerkkaart.",
            ("granted", dt.date(2026, 10, 27), "Werkgever aangepast in de netwerkkaart."),
        ),
        (
            "destruction",
            dt.date(2026, 11, 2),
            "Petra Meijer (moeder)",
            "Het hele dossier vernietigen nu de hulp is afgesloten.",
            None,
        ),
    ),
}


def _add_requests(uow: UnitOfWork, case: HouseholdDTO) -> ChangeSet:
    changes = ChangeSet()
    for kind, received, who, what, decision in DEMO_REQUESTS.get(case.case_number, ()):
        request = privacy.register_request(uow, case.id, kind, received, who, what)
        changes |= uow.changes
        if decision is not None:
            status, decided, outcome = decision
            privacy.decide_request(uow, request.id, request.version, status, decided, outcome)
            changes |= uow.changes
    return changes


def _at(month: int, day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 15, tzinfo=dt.UTC)


_NO_DETAILS = (
    "zonder geboortedata",
    "met telefoonnummers en e-mailadressen",
    "zonder mensen die niet bij de afspraken betrokken zijn",
)
#: What went out of a demo case before (the disclosure log; not part of a case file):
#: (when, kind, document, for whom, parts).
DEMO_DISCLOSURES: dict[str, tuple[tuple[Any, ...], ...]] = {
    "2026-0001": (
        (
            _at(9, 14, 10),
            "pdf",
            "Veiligheidsplan Gezin Jansen (2026-0001), versie 1",
            "school",
            ("Afspraken", "Veiligheidsnetwerk en rode vlaggen", *_NO_DETAILS),
        ),
        (
            _at(10, 2, 14),
            "pdf",
            "Veiligheidsplan Gezin Jansen (2026-0001), versie 2",
            "huisarts",
            ("Gevaarsomschrijvingen, veiligheidsdoelen en bodemeisen", "Afspraken", *_NO_DETAILS),
        ),
    ),
    "2026-0003": (
        (
            _at(8, 28, 9),
            "case_file",
            "Casusbestand (de hele casus)",
            "gecertificeerde instelling (jeugdbescherming)",
            (
                "huishouden en personen, met geboortedata",
                "netwerk, met telefoonnummers en e-mailadressen",
                "veiligheidsplannen",
                "ZRM-metingen",
            ),
        ),
    ),
    "2026-0005": (
        (
            _at(11, 5, 11),
            "pdf",
            "ZRM-samenvatting Gezin Öztürk (2026-0005)",
            "schuldhulpverlening",
            (
                "Laatste meting tegen de vorige, per persoon",
                "Focusdomeinen en doelen",
                *_NO_DETAILS,
            ),
        ),
    ),
}


def _add_disclosures(uow: UnitOfWork, case: HouseholdDTO) -> ChangeSet:
    rows = DEMO_DISCLOSURES.get(case.case_number, ())
    for at, kind, document, recipient, parts in rows:
        disclosures.record_for_cases(uow, [case.id], kind, document, recipient, parts, at=at)
    return ChangeSet(frozenset({"disclosure"}), frozenset({case.id})) if rows else ChangeSet()


def _add_pictures(uow: UnitOfWork, case: HouseholdDTO) -> ChangeSet:
    """The children's drawings and the story pictures of a demo case, drawn now (a case file
    carries its pictures; the demo's files carry none, so no photo is shipped)."""
    changes = ChangeSet()
    for record in child_voice.list_three_houses(uow, case.id):
        changes |= child_voice.set_drawing(uow, record.id, three_houses_drawing()).changes
    for story in child_voice.list_stories(uow, case.id):
        for page in story.pages:
            picture = story_picture(page.position)
            if picture is not None:
                changes |= child_voice.set_page_picture(uow, page.id, picture).changes
    return changes


def load_demo(uow: UnitOfWork) -> Outcome[list[HouseholdDTO]]:
    """Add the demo households (see `load_demo_report` for which ones were skipped)."""
    outcome = load_demo_report(uow)
    return Outcome(list(outcome.value.loaded), outcome.changes)
