"""The access request (inzage): the PDF dossier and the JSON case file a family receives, the
data about others hidden, the request registered and delivered, the disclosure recorded."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from pathlib import Path
from typing import Any

import pypdf
import pytest

from jeugdtool.cases import access
from jeugdtool.cases import disclosures
from jeugdtool.cases import privacy
from jeugdtool.cases import queries
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy import RequestStatus
from jeugdtool.cases.privacy_models import DisclosureKind
from jeugdtool.cli import main
from jeugdtool.export import access_request as ar
from jeugdtool.export.access_redaction import Proposal
from jeugdtool.export.access_redaction import RedactionKind
from jeugdtool.export.access_redaction import is_reporter
from jeugdtool.export.access_redaction import propose
from jeugdtool.export.access_redaction import redact
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.export.demo import load_demo
from jeugdtool.export.pdf.files import PdfWriteError
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork

TODAY = dt.date.today()
#: Gezin Bakker-de Vries: I. Postma "heeft het gezin aangemeld" (the reporter), and the case
#: shares the demo meeting with Gezin Öztürk (2026-0005).
BAKKER, OZTURK, JANSEN = "2026-0002", "2026-0005", "2026-0001"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return _flat(" ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def demo(uow: UnitOfWork, demo_households) -> UnitOfWork:
    return uow


def _case_id(uow: UnitOfWork, number: str) -> int:
    found = queries.find_case_id(uow, number)
    assert found is not None
    return found


def _deliver(
    uow: UnitOfWork, number: str, folder: Path, *, hide: bool = True, **who: Any
) -> tuple[ar.Dossier, ar.Delivery]:
    case_id = _case_id(uow, number)
    dossier = ar.collect(uow, case_id)
    accepted = ar.proposals(dossier) if hide else ()
    requester = ar.Requester(**(who or {"requested_by": "Lisa de Vries (moeder)"}))
    return dossier, ar.deliver(uow, case_id, dossier, folder, accepted, requester)


# ---------------------------------------------------------------- what the family reads


def test_pdf_holds_every_person_and_the_whole_history(demo: UnitOfWork, tmp_path: Path) -> None:
    dossier, done = _deliver(demo, BAKKER, tmp_path)
    text = _pdf_text(done.pdf)
    for person in dossier.case_file["persons"]:
        assert f"{person['first_name']} {person['last_name']}" in text
    history = ar.hide(dossier.history, dossier, done.hidden)
    assert len(history) > 100  # the demo import: every row of the case
    missing = [row.what for row in history if _flat(row.what) not in text]
    assert missing == []
    assert _flat(_("ZRM domain")) in text  # a history row in the user's words…
    assert "instrumentele_adl" not in text  # …not the stored code


def test_pdf_holds_every_part_of_the_case(demo: UnitOfWork, tmp_path: Path) -> None:
    dossier, done = _deliver(demo, BAKKER, tmp_path)
    text = _pdf_text(done.pdf)
    doc = dossier.case_file
    statement = doc["statements"][0]["text"]
    score = doc["scale"]["scores"][0]
    agreement = doc["plans"][0]["agreements"][0]["what"]
    meeting = doc["meetings"][0]
    zrm_note = next(iter(doc["zrm_assessments"][0]["domains"].values()))["note"]
    for expected in (statement, score["reason"], agreement, meeting["advice"], zrm_note):
        assert _flat(expected)[:60] in text
    assert _flat(meeting["title"]) in text
    assert _("exported the case file") in text  # the access log: who looked, when


def test_redacted_third_party_data_is_in_neither_file(demo: UnitOfWork, tmp_path: Path) -> None:
    _dossier, done = _deliver(demo, BAKKER, tmp_path)
    kinds = {p.kind for p in done.hidden}
    assert {RedactionKind.PHONE, RedactionKind.EMAIL, RedactionKind.REPORTER} <= kinds
    secrets = ["06-41526374", "i.postma@jgz-consultatiebureau.example", "Postma"]
    pdf, case_file = _pdf_text(done.pdf), done.case_file.read_text(encoding="utf-8")
    for secret in secrets:
        assert secret not in pdf
        assert secret not in case_file
    assert "I.P." in pdf  # the masker's initials stand in for the reporter's name
    network = json.loads(case_file)["network"]
    assert [n["phone"] for n in network] == [None, None]  # the JSON: no contact given
    assert _("[withheld]") in pdf  # the PDF says something was left out
    assert _("phone number of network member {name}").format(name="Marga de Vries") in pdf


def test_without_redaction_the_data_is_there(demo: UnitOfWork, tmp_path: Path) -> None:
    _dossier, done = _deliver(demo, BAKKER, tmp_path, hide=False)
    pdf, case_file = _pdf_text(done.pdf), done.case_file.read_text(encoding="utf-8")
    for secret in ("06-41526374", "Postma"):
        assert secret in pdf
        assert secret in case_file


def test_other_cases_of_a_shared_meeting_do_not_appear(demo: UnitOfWork, tmp_path: Path) -> None:
    other = ar.export_case(demo, _case_id(demo, OZTURK))
    _dossier, done = _deliver(demo, BAKKER, tmp_path)
    pdf, case_file = _pdf_text(done.pdf), done.case_file.read_text(encoding="utf-8")
    assert other["meetings"][0]["title"] in pdf  # the very same meeting…
    leaks = [other["household"]["name"], other["meetings"][0]["question"][:40]]
    leaks += [f"{p['first_name']} {p['last_name']}" for p in other["persons"]]
    for leak in leaks:  # …without the other family's item
        assert _flat(leak) not in pdf
        assert leak not in case_file


# ---------------------------------------------------------------- registering


def test_request_is_registered_delivered_and_disclosed(demo: UnitOfWork, tmp_path: Path) -> None:
    received = TODAY - dt.timedelta(days=5)
    who = {"received_on": received, "requested_by": "Lisa de Vries (moeder)"}
    _dossier, done = _deliver(demo, BAKKER, tmp_path, **who)
    case_id = _case_id(demo, BAKKER)
    [request] = privacy.list_requests(demo, case_id)
    assert request.kind == RequestKind.ACCESS
    assert (request.received_on, request.delivered_on) == (received, TODAY)
    assert request.status == RequestStatus.GRANTED
    assert request.deadline == privacy.add_months(received, 1)
    [disclosed] = disclosures.list_disclosures(demo, case_id)
    assert disclosed.kind == DisclosureKind.ACCESS_REQUEST
    assert disclosed.recipient == "Lisa de Vries (moeder)"
    assert done.pdf.name in disclosed.document and done.case_file.name in disclosed.document
    assert done.unlogged == ""


def test_the_next_dossier_shows_requests_and_disclosures(demo: UnitOfWork, tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    _dossier, first = _deliver(demo, BAKKER, tmp_path / "one", requested_by="Lisa (moeder)")
    _dossier, second = _deliver(demo, BAKKER, tmp_path / "two", requested_by="Thomas (vader)")
    text = _pdf_text(second.pdf)
    assert first.pdf.name in text.replace(" ", "")  # the disclosure log (a name may wrap)
    assert disclosures.kind_label(DisclosureKind.ACCESS_REQUEST) in text
    assert "Lisa (moeder)" in text and "Thomas (vader)" in text  # both requests
    assert _(privacy.KIND_LABELS[RequestKind.ACCESS]) in text


def test_an_open_request_is_delivered_not_registered_again(
    demo: UnitOfWork, tmp_path: Path
) -> None:
    case_id = _case_id(demo, BAKKER)
    received = TODAY - dt.timedelta(days=20)
    open_one = privacy.register_request(demo, case_id, RequestKind.ACCESS, received, "vader")
    assert [r.id for r in ar.open_access_requests(demo, case_id)] == [open_one.id]
    _dossier, done = _deliver(demo, BAKKER, tmp_path, request_id=open_one.id)
    assert done.request.id == open_one.id
    assert [r.id for r in privacy.list_requests(demo, case_id)] == [open_one.id]
    assert ar.open_access_requests(demo, case_id) == []


def test_existing_files_are_never_replaced_silently(demo: UnitOfWork, tmp_path: Path) -> None:
    dossier = ar.collect(demo, _case_id(demo, BAKKER))
    pdf, _json = ar.targets(tmp_path, BAKKER, dossier.made_on)
    pdf.write_bytes(b"the first dossier")
    with pytest.raises(ar.FilesExist):
        _deliver(demo, BAKKER, tmp_path)
    assert pdf.read_bytes() == b"the first dossier"
    assert privacy.list_requests(demo, _case_id(demo, BAKKER)) == []  # nothing registered
    with pytest.raises(PdfWriteError):  # nor when the folder is not there
        _deliver(demo, BAKKER, tmp_path / "gone")
    assert privacy.list_requests(demo, _case_id(demo, BAKKER)) == []


def test_a_cancel_writes_no_file(demo: UnitOfWork, tmp_path: Path) -> None:
    case_id = _case_id(demo, BAKKER)
    dossier = ar.collect(demo, case_id)
    who = ar.Requester(requested_by="moeder")
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ar.Cancelled):
        ar.deliver(demo, case_id, dossier, folder, (), who, cancelled=lambda: True)
    assert list(folder.iterdir()) == []


# ---------------------------------------------------------------- the proposals (pure)


def _member(**fields: Any) -> dict[str, Any]:
    base = {"id": "n1", "name": "Henk Bos", "relation": "", "notes": "", "phone": None}
    return base | {"email": None} | fields


def test_a_reporter_is_recognised_by_what_the_consultant_wrote() -> None:
    assert is_reporter(_member(notes="Heeft het gezin aangemeld."))
    assert is_reporter(_member(relation="melder (buurman)"))
    assert not is_reporter(_member(notes="Heeft zich ziek gemeld."))
    assert not is_reporter(_member(notes="Melding door school in september."))


def test_a_phone_number_is_found_however_it_is_written() -> None:
    doc = {"network": [_member(phone="06-12345678")], "persons": []}
    doc["persons"].append({"notes": "Bel Henk op 06 1234 5678 of 0612345678."})
    [proposal] = propose(doc)
    hidden = redact(doc, [proposal])
    assert hidden["network"][0]["phone"] is None
    assert hidden["persons"][0]["notes"] == "Bel Henk op {w} of {w}.".format(w=_("[withheld]"))
    assert doc["network"][0]["phone"] == "06-12345678"  # the original is left alone


def test_a_name_outside_the_family_is_hidden_as_a_whole() -> None:
    source = {"kind": "other", "ref": None, "label": "juf Anja"}
    doc = {
        "network": [],
        "mappings": [{"cells": {"harm": [{"text": "juf Anja zag het", "source": source}]}}],
    }
    [proposal] = propose(doc)
    assert proposal.kind is RedactionKind.SOURCE and proposal.secret not in proposal.shown
    hidden = redact(doc, [proposal])
    item = hidden["mappings"][0]["cells"]["harm"][0]
    assert "Anja" not in json.dumps(item)


def test_a_label_and_a_name_are_hidden_however_they_are_written() -> None:
    """A diacritic or capitals must not leave a third party visible in the dossier."""
    source = {"kind": "other", "ref": None, "label": "juf Anja (groep 7)"}
    notes = "JUF ÄNJA (groep 7) belde; juf Anja (Groep 7) ook. Huseyin en Hüseyin Öztürk ook."
    doc = {"network": [], "mappings": [{"cells": {"harm": [{"text": "x", "source": source}]}}]}
    doc["notes"] = notes
    [label] = propose(doc)
    reporter = Proposal("r", RedactionKind.REPORTER, "", "", "", "Hüseyin Öztürk", "", "melder")
    hidden = redact(doc, [label, reporter])
    withheld = _("[withheld]")
    assert hidden["notes"] == f"{withheld} belde; {withheld} ook. H. en H.Ö. ook."
    assert hidden["mappings"][0]["cells"]["harm"][0]["source"]["label"] == withheld


def test_the_family_keeps_its_names_in_every_spelling() -> None:
    oma = _member(name="Marga de Vries", notes="Heeft het gezin aangemeld.")
    doc = {"network": [oma], "notes": "LISA DE VRIES, Lisa de Vriës en Marga de Vries."}
    [reporter] = [p for p in propose(doc) if p.kind is RedactionKind.REPORTER]
    hidden = redact(doc, [reporter], protect=["Lisa de Vries", "Marga de Vriës"])
    # Marga is the reporter: protecting her under another spelling must not keep her visible.
    assert hidden["notes"] == "LISA DE VRIES, Lisa de Vriës en M.d.V."


def test_a_reporter_sharing_the_family_name_leaves_the_family_whole() -> None:
    oma = _member(name="Marga de Vries", notes="Heeft het gezin aangemeld.")
    doc = {"network": [oma], "notes": "Lisa de Vries belde; Marga de Vries was er ook."}
    [reporter] = [p for p in propose(doc) if p.kind is RedactionKind.REPORTER]
    hidden = redact(doc, [reporter], protect=["Lisa de Vries"])
    assert hidden["notes"] == "Lisa de Vries belde; M.d.V. was er ook."
    assert hidden["network"][0]["name"] == "M.d.V."


def test_the_redacted_case_file_still_passes_the_import_checks(
    demo: UnitOfWork, tmp_path: Path
) -> None:
    for number in ("2026-0001", BAKKER):
        folder = tmp_path / number
        folder.mkdir()
        _dossier, done = _deliver(demo, number, folder)
        assert done.hidden
        assert validate_case_document(json.loads(done.case_file.read_text())) == []


def test_nothing_accepted_changes_nothing() -> None:
    doc = {"network": [_member(phone="06-12345678")]}
    assert redact(doc, []) is doc
    assert redact(doc, [Proposal("x", RedactionKind.EMAIL, "", "", "", "a@b.nl", "")]) == doc


# ---------------------------------------------------------------- the command line


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.sqlite"
    assert _run(capsys, "--db", str(path), "demo")[0] == 0
    return path


def test_cli_writes_both_files_and_lists_what_was_hidden(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "inzage"
    out_dir.mkdir()
    argv = ["--db", str(demo_db), "access-request", BAKKER, "--out", str(out_dir)]
    code, out, err = _run(capsys, *argv, "--from", "moeder", "--keep", "phone:n1")
    assert code == 0, err
    pdf, case_file = ar.targets(out_dir, BAKKER, TODAY)
    assert pdf.read_bytes().startswith(b"%PDF") and json.loads(case_file.read_text())
    assert "reporter:n2\t" in out and "phone:n1\t" in out.split(_("Not hidden:"))[1]
    assert "06-41526374" in case_file.read_text()  # kept on purpose
    assert "Postma" not in case_file.read_text()
    code, _out, err = _run(capsys, *argv, "--from", "moeder")  # the files are there now
    assert code == 1 and str(pdf) in err


def test_cli_no_redaction_and_a_missing_requester(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", str(demo_db), "access-request", BAKKER, "--out", str(tmp_path)]
    code, _out, err = _run(capsys, *argv)
    assert code == 1 and "--from" in err
    assert list(tmp_path.glob("inzage-*")) == []
    code, _out, err = _run(capsys, *argv, "--from", "vader", "--no-redaction")
    assert code == 0, err
    assert "Postma" in ar.targets(tmp_path, BAKKER, TODAY)[1].read_text()


# ---------------------------------------------------------------- a team database


def test_on_a_team_database_the_case_manager_delivers_the_whole_log(
    pg_url: str, tmp_path: Path
) -> None:
    """A consultant reads only their own rows of the access-log table (store/team_sql.py), but
    the dossier gets the whole log of the case through jt_case_access_log, and nothing of a
    case that is not theirs; registering, writing and recording work under RLS."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from jeugdtool import team_admin
    from jeugdtool.cases import staff
    from jeugdtool.store.engine import open_database

    team_admin.init(pg_url)
    owner = open_database(pg_url)
    boss = UnitOfWork(owner, "beheer")
    team = staff.add_team(boss, "Team Noord").value.id
    login = f"anna_{uuid.uuid4().hex[:6]}"
    password = f"pw-{login}"
    anna = team_admin.add_user(
        owner, login, "Anna", ["consultant"], ["Team Noord"], password=password
    )
    cases = {h.case_number: h.id for h in load_demo(boss).value}
    case_id = cases[BAKKER]
    with owner.engine.begin() as conn:
        conn.execute(
            text("UPDATE households SET team_id = :t, case_manager_id = :m WHERE id = :h"),
            {"t": team, "m": anna.id, "h": case_id},
        )
        for case in (case_id, cases[JANSEN]):  # a colleague looked at this case and another
            conn.execute(
                text(
                    "INSERT INTO access_log (at, who, login, case_id, case_number, action, "
                    "detail, reason) VALUES (now(), 'Bram Collega', 'bram', :c, '', 'open', "
                    "'', '')"
                ),
                {"c": case},
            )
    url = make_url(pg_url).set(username=login, password=password)
    database = open_database(url.render_as_string(hide_password=False))
    try:
        uow = UnitOfWork(database, "Anna", anna.id)
        dossier = ar.collect(uow, case_id)
        assert "Bram Collega" in {line.who for line in dossier.access_log}
        assert access.case_entries(uow, cases[JANSEN]) == []  # not Anna's case
        folder = tmp_path / "out"
        folder.mkdir()
        done = ar.deliver(
            uow,
            case_id,
            dossier,
            folder,
            ar.proposals(dossier),
            ar.Requester(requested_by="moeder"),
        )
        assert "Bram Collega" in _pdf_text(done.pdf)
        assert [r.delivered_on for r in privacy.list_requests(uow, case_id)] == [TODAY]
        [disclosed] = disclosures.list_disclosures(uow, case_id)
        assert disclosed.kind == DisclosureKind.ACCESS_REQUEST and done.unlogged == ""
    finally:
        database.close()
        owner.close()
