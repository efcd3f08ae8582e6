"""The register of the family's requests: deadlines (also at a month's end), the rules of a
request and its decision, the services with their undo steps, destruction taking the requests
along, the retention list, and `jeugdtool requests` on the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.cases import destruction
from jeugdtool.cases import households
from jeugdtool.cases import privacy
from jeugdtool.cases import retention
from jeugdtool.cases.privacy import REFUSAL_GROUNDS
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy import RequestStatus
from jeugdtool.cases.privacy import add_months
from jeugdtool.cases.privacy import check_decision
from jeugdtool.cases.privacy import check_received_on
from jeugdtool.cases.privacy import check_requested_by
from jeugdtool.cases.privacy import deadline
from jeugdtool.cases.privacy_models import PrivacyRequest
from jeugdtool.cli import main
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

D = dt.date
TODAY = D.today()
WHY_NOT = "Het verslag is van belang voor het broertje"


# ---- deadlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # February has no 31st: its last day
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # a leap year
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # across the year, to a short month
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 5, 15), 3, D(2026, 8, 15)),
    ],
)
def test_adding_months_never_goes_past_the_end_of_the_month(day, months, expected) -> None:
    assert add_months(day, months) == expected


def test_access_and_correction_have_a_month_and_destruction_three() -> None:
    assert deadline(RequestKind.ACCESS, D(2026, 1, 31)) == D(2026, 2, 28)
    assert deadline("correction", D(2026, 1, 31)) == D(2026, 2, 28)
    assert deadline(RequestKind.DESTRUCTION, D(2026, 1, 31)) == D(2026, 4, 30)


def test_the_deadline_in_words() -> None:
    assert privacy.days_note(0) == _("due today")
    assert privacy.days_note(3) == ngettext("{n} day left", "{n} days left", 3).format(n=3)
    assert privacy.days_note(-1) == ngettext("{n} day overdue", "{n} days overdue", 1).format(n=1)


# ---- rules -----------------------------------------------------------------------------------


def _fields(exc: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [p.field for p in exc.value.problems]


def test_who_asked_is_required_and_at_most_200_characters() -> None:
    assert check_requested_by("  moeder ") == "moeder"
    for wrong in ("", "   ", "x" * 201):
        with pytest.raises(InvalidInput) as exc:
            check_requested_by(wrong)
        assert _fields(exc) == ["requested_by"]
    assert check_requested_by("x" * 200) == "x" * 200


def test_a_request_cannot_be_received_in_the_future_or_without_a_date() -> None:
    today = D(2026, 6, 1)
    assert check_received_on(today, today) == today
    for wrong in (D(2026, 6, 2), None, D(1899, 12, 31)):
        with pytest.raises(InvalidInput) as exc:
            check_received_on(wrong, today)
        assert _fields(exc) == ["received_on"]


#: The day of the decision unless a test gives another.
DECIDED = D(2026, 6, 1)


def _decide(kind, status, outcome="", grounds=(), decided=DECIDED):
    return check_decision(kind, D(2026, 5, 1), status, decided, outcome, grounds, D(2026, 6, 1))


def test_refusing_a_destruction_request_needs_a_ground_and_a_reason() -> None:
    with pytest.raises(InvalidInput) as exc:
        _decide(RequestKind.DESTRUCTION, "refused", "nee")
    assert sorted(_fields(exc)) == ["outcome", "refusal_grounds"]  # every problem at once
    done = _decide(RequestKind.DESTRUCTION, "refused", f"  {WHY_NOT}  ", ["legal_duty"])
    assert (done.status, done.outcome, done.refusal_grounds) == (
        RequestStatus.REFUSED,
        WHY_NOT,
        ("legal_duty",),
    )
    partly = _decide(RequestKind.DESTRUCTION, "partly", WHY_NOT, ["third_party", "third_party"])
    assert partly.refusal_grounds == ("third_party",)


def test_grounds_are_known_keys_and_only_for_a_refused_destruction() -> None:
    assert set(REFUSAL_GROUNDS) == {"third_party", "legal_duty"}
    with pytest.raises(InvalidInput) as exc:
        _decide(RequestKind.DESTRUCTION, "refused", WHY_NOT, ["secret"])
    assert _fields(exc) == ["refusal_grounds"]
    with pytest.raises(InvalidInput) as exc:
        _decide(RequestKind.DESTRUCTION, "granted", "", ["legal_duty"])
    assert _fields(exc) == ["refusal_grounds"]
    with pytest.raises(InvalidInput) as exc:
        _decide(RequestKind.ACCESS, "refused", WHY_NOT, ["legal_duty"])
    assert _fields(exc) == ["refusal_grounds"]


def test_a_granted_correction_says_what_changed_and_a_grant_needs_no_text() -> None:
    with pytest.raises(InvalidInput) as exc:
        _decide(RequestKind.CORRECTION, "granted", "ok")
    assert exc.value.for_field("outcome") == [
        privacy.outcome_advice(RequestKind.CORRECTION, RequestStatus.GRANTED).format(n=10)
    ]
    assert _decide(RequestKind.CORRECTION, "granted", "Adres verbeterd in het dossier").outcome
    assert _decide(RequestKind.ACCESS, "granted").outcome == ""
    assert _decide(RequestKind.DESTRUCTION, "withdrawn").status == RequestStatus.WITHDRAWN


def test_the_decision_is_not_before_the_request_nor_in_the_future_nor_open() -> None:
    for decided in (D(2026, 4, 30), D(2026, 6, 2)):
        with pytest.raises(InvalidInput) as exc:
            _decide(RequestKind.ACCESS, "granted", decided=decided)
        assert _fields(exc) == ["decided_on"]
    assert _decide(RequestKind.ACCESS, "granted", decided=D(2026, 5, 1)).decided_on == D(2026, 5, 1)
    for wrong in ("open", "maybe"):
        with pytest.raises(InvalidInput) as exc:
            _decide(RequestKind.ACCESS, wrong)
        assert _fields(exc) == ["status"]


# ---- services --------------------------------------------------------------------------------


@pytest.mark.both_backends
def test_registering_lists_newest_first_with_deadlines(uow, case) -> None:
    first = privacy.register_request(uow, case.id, "access", D(2026, 1, 31), "moeder")
    assert uow.changes.touches("privacy_request") and uow.changes.touches_case(case.id)
    second = privacy.register_request(
        uow, case.id, RequestKind.DESTRUCTION, D(2026, 3, 1), " vader ", "alles weg"
    )
    listed = privacy.list_requests(uow, case.id)
    assert [r.id for r in listed] == [second.id, first.id]
    assert listed[1].deadline == D(2026, 2, 28)
    assert (listed[0].requested_by, listed[0].subject, listed[0].case_number) == (
        "vader",
        "alles weg",
        case.case_number,
    )
    assert listed[0].status == RequestStatus.OPEN and listed[0].is_open


@pytest.mark.both_backends
def test_a_request_on_a_closed_case_is_allowed(uow, case) -> None:
    households.close_case(uow, case.id, "Hulp afgerond", TODAY)
    done = privacy.register_request(uow, case.id, "destruction", TODAY, "moeder")
    assert privacy.get_request(uow, done.id) == done


@pytest.mark.both_backends
def test_a_request_for_a_case_that_is_gone_is_refused(uow) -> None:
    with pytest.raises(NotFound):
        privacy.register_request(uow, 999, "access", TODAY, "moeder")


@pytest.mark.both_backends
def test_deciding_and_undoing_the_decision(uow, case) -> None:
    request = privacy.register_request(uow, case.id, "destruction", TODAY, "moeder")
    refused = privacy.decide_request(
        uow, request.id, request.version, "refused", TODAY, WHY_NOT, ["third_party"]
    )
    assert (refused.status, refused.decided_on, refused.refusal_grounds) == (
        RequestStatus.REFUSED,
        TODAY,
        ("third_party",),
    )
    with pytest.raises(InvalidInput):  # decided already
        privacy.decide_request(uow, request.id, refused.version, "granted", TODAY, "")
    with pytest.raises(ConflictError):  # undo with an outdated version changes nothing
        privacy.reopen_request(uow, request.id, request.version)
    reopened = privacy.reopen_request(uow, request.id, refused.version)
    assert (reopened.status, reopened.decided_on, reopened.outcome) == (
        RequestStatus.OPEN,
        None,
        "",
    )
    assert reopened.refusal_grounds == ()
    again = privacy.decide_request(uow, request.id, reopened.version, "withdrawn", TODAY, "")
    assert again.status == RequestStatus.WITHDRAWN


@pytest.mark.both_backends
def test_undo_of_a_registration_removes_it_and_redo_puts_it_back_with_its_id(uow, case) -> None:
    request = privacy.register_request(uow, case.id, "correction", TODAY, "vader", "adres")
    removed = privacy.remove_request(uow, request.id, expected=request)
    assert privacy.list_requests(uow, case.id) == []
    back = privacy.restore_request(uow, removed)
    assert back == request
    assert privacy.list_requests(uow, case.id) == [back]


@pytest.mark.both_backends
def test_a_decided_request_comes_back_decided(uow, case) -> None:
    request = privacy.register_request(uow, case.id, "destruction", TODAY, "moeder", "alles")
    refused = privacy.decide_request(
        uow, request.id, request.version, "refused", TODAY, "Vader heeft belang", ["third_party"]
    )
    back = privacy.restore_request(uow, privacy.remove_request(uow, refused.id, expected=refused))
    assert back == refused  # its version too: the decision's undo expects it


@pytest.mark.both_backends
def test_undo_of_a_registration_refuses_when_it_was_decided_meanwhile(uow, case) -> None:
    request = privacy.register_request(uow, case.id, "access", TODAY, "moeder")
    privacy.decide_request(uow, request.id, request.version, "granted", TODAY, "")
    with pytest.raises(ConflictError):
        privacy.remove_request(uow, request.id, expected=request)
    assert len(privacy.list_requests(uow, case.id)) == 1


def test_redo_of_a_registration_refuses_an_id_given_away_or_a_received_date_to_come(
    uow, case
) -> None:
    request = privacy.register_request(uow, case.id, "access", TODAY, "moeder")
    removed = privacy.remove_request(uow, request.id, expected=request)
    other = privacy.register_request(uow, case.id, "correction", TODAY, "vader")
    assert other.id == request.id  # SQLite hands the freed id out again
    with pytest.raises(ConflictError):
        privacy.restore_request(uow, removed)
    with pytest.raises(InvalidInput):  # the rules of registering still hold
        privacy.restore_request(uow, removed, today=TODAY - dt.timedelta(days=1))
    assert privacy.list_requests(uow, case.id) == [other]


@pytest.mark.both_backends
def test_delivering_an_access_request_grants_it(uow, case) -> None:
    received = TODAY - dt.timedelta(days=5)
    request = privacy.register_request(uow, case.id, "access", received, "moeder")
    with pytest.raises(InvalidInput) as exc:
        privacy.mark_delivered(uow, request.id, request.version, received - dt.timedelta(days=1))
    assert _fields(exc) == ["delivered_on"]
    done = privacy.mark_delivered(uow, request.id, request.version, TODAY)
    assert (done.status, done.decided_on, done.delivered_on) == (
        RequestStatus.GRANTED,
        TODAY,
        TODAY,
    )
    other = privacy.register_request(uow, case.id, "correction", received, "moeder")
    with pytest.raises(InvalidInput):
        privacy.mark_delivered(uow, other.id, other.version, TODAY)


@pytest.mark.both_backends
def test_requests_due_are_the_open_ones_within_the_period_earliest_first(uow, case) -> None:
    other = households.create_case(uow, name="Gezin Smit", case_number="2026-0099").value
    today = TODAY
    late = privacy.register_request(uow, case.id, "access", today - dt.timedelta(days=40), "m")
    soon = privacy.register_request(uow, other.id, "correction", today - dt.timedelta(days=20), "v")
    privacy.register_request(uow, case.id, "destruction", today, "m")  # three months away
    done = privacy.register_request(uow, other.id, "access", today - dt.timedelta(days=60), "v")
    privacy.decide_request(uow, done.id, done.version, "granted", today, "")
    assert [r.id for r in privacy.requests_due(uow, today, 0)] == [late.id]
    assert [r.id for r in privacy.requests_due(uow, today, 14)] == [late.id, soon.id]
    assert len(privacy.requests_due(uow, today, 120)) == 3


@pytest.mark.both_backends
def test_every_change_is_in_the_case_history(uow, case) -> None:
    from jeugdtool.cases.queries import case_history

    request = privacy.register_request(uow, case.id, "destruction", TODAY, "moeder")
    privacy.decide_request(
        uow, request.id, request.version, "refused", TODAY, WHY_NOT, ["legal_duty"]
    )
    entities = {e.entity for e in case_history(uow, case.id)}
    assert "privacy_request" in entities


# ---- destruction and retention ---------------------------------------------------------------


def test_destroying_a_case_removes_its_requests(uow, case) -> None:
    other = households.create_case(uow, name="Gezin Smit", case_number="2026-0099").value
    request = privacy.register_request(uow, case.id, "destruction", TODAY, "moeder", "alles")
    privacy.decide_request(uow, request.id, request.version, "granted", TODAY, "")
    kept = privacy.register_request(uow, other.id, "access", TODAY, "vader")
    households.close_case(uow, case.id, "Hulp afgerond", TODAY)
    done = destruction.destroy_case(
        uow, case.case_number, "Verzoek tot vernietiging toegewezen", "request", by="A"
    )
    assert done.removed.get("privacy_requests") == 1
    with uow:
        left = uow.session.scalar(select(func.count()).select_from(PrivacyRequest))
    assert left == 1
    assert privacy.list_requests(uow, other.id) == [kept]


@pytest.mark.both_backends
def test_an_open_destruction_request_is_on_the_retention_list_whatever_the_date(uow, case) -> None:
    rule = retention.load_rule()
    closed = households.create_case(uow, name="Gezin Smit", case_number="2026-0099").value
    households.close_case(uow, closed.id, "Hulp afgerond", TODAY)
    assert retention.due_cases(uow, rule, TODAY) == []
    received = TODAY - dt.timedelta(days=10)
    privacy.register_request(uow, closed.id, "destruction", received, "moeder")
    privacy.register_request(uow, closed.id, "destruction", TODAY, "vader")  # later: not shown
    privacy.register_request(uow, case.id, "destruction", TODAY, "moeder")  # an open case
    privacy.register_request(uow, case.id, "access", received, "moeder")  # not destruction
    due = retention.due_cases(uow, rule, TODAY)
    assert [c.case_number for c in due] == ["2026-0099", case.case_number]
    first = deadline(RequestKind.DESTRUCTION, received)
    assert (due[0].request_deadline, due[0].request_days_left) == (first, (first - TODAY).days)
    assert due[0].retention_date == retention.add_years(TODAY, 20)
    assert (due[1].closed_on, due[1].retention_date, due[1].days_left) == (None, None, None)


@pytest.mark.both_backends
def test_a_decided_destruction_request_leaves_the_retention_list(uow, case) -> None:
    request = privacy.register_request(uow, case.id, "destruction", TODAY, "moeder")
    privacy.decide_request(uow, request.id, request.version, "withdrawn", TODAY, "")
    assert retention.due_cases(uow, retention.load_rule(), TODAY) == []


# ---- the command line ------------------------------------------------------------------------


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def cli_db(uow, case, db_path: Path) -> Path:
    return db_path


def test_cli_registers_lists_and_decides(cli_db: Path, case, capsys) -> None:
    db = ("--db", str(cli_db), "--lang", "en")
    code, out, err = _cli(
        capsys,
        *db,
        "requests",
        "add",
        case.case_number,
        "--kind",
        "destruction",
        "--from",
        "moeder",
        "--received",
        "31-01-2026",
        "--subject",
        "alles",
    )
    assert (code, err) == (0, "")
    assert "2026-04-30" in out
    code, out, _err = _cli(capsys, *db, "requests", case.case_number)  # `list` is the default
    assert code == 0
    row = out.splitlines()[0].split("\t")
    assert row[:6] == ["1", "destruction", "2026-01-31", "moeder", "open", "2026-04-30"]
    assert int(row[6]) == (D(2026, 4, 30) - TODAY).days
    code, out, err = _cli(
        capsys, *db, "requests", "decide", "1", "--status", "refused", "--outcome", "nee"
    )
    assert code == 1 and out == ""
    assert "refusal_grounds" in err and "outcome" in err
    code, out, err = _cli(
        capsys,
        *db,
        "requests",
        "decide",
        "1",
        "--status",
        "refused",
        "--outcome",
        WHY_NOT,
        "--ground",
        "third_party",
        "--decided",
        "2026-02-10",
    )
    assert (code, err) == (0, "")
    code, out, _err = _cli(capsys, *db, "requests", "list", case.case_number)
    row = out.splitlines()[0].split("\t")
    assert row[4] == "refused" and row[6] == "" and row[7] == "2026-02-10"
    assert row[8] == "third_party" and row[10] == WHY_NOT


def test_cli_refusals_name_the_problem(cli_db: Path, case, capsys) -> None:
    db = ("--db", str(cli_db), "--lang", "en")
    code, _out, err = _cli(capsys, *db, "requests", "2099-9999")
    assert code == 1 and "2099-9999" in err
    code, _out, err = _cli(capsys, *db, "requests", "decide", "42", "--status", "granted")
    assert code == 1 and "42" in err
    future = (TODAY + dt.timedelta(days=1)).isoformat()
    code, _out, err = _cli(
        capsys,
        *db,
        "requests",
        "add",
        case.case_number,
        "--kind",
        "access",
        "--from",
        "x",
        "--received",
        future,
    )
    # Named by the option the user typed, not by the field's code ("received_on").
    assert code == 1 and err.startswith("--received: ")
    code, _out, err = _cli(
        capsys, *db, "requests", "add", case.case_number, "--kind", "access", "--from", " "
    )
    assert code == 1 and err.startswith("--from: ")
    code, _out, err = _cli(
        capsys,
        *db,
        "requests",
        "add",
        case.case_number,
        "--kind",
        "access",
        "--from",
        "x",
        "--received",
        "31-02-2026",
    )
    assert code == 1 and err.startswith("--received: ") and "31-02-2026" in err


def test_cli_retention_shows_the_request_deadline(cli_db: Path, uow, case, capsys) -> None:
    privacy.register_request(uow, case.id, "destruction", D(2026, 1, 31), "moeder")
    code, out, _err = _cli(capsys, "--db", str(cli_db), "retention")
    assert code == 0
    row = out.splitlines()[0].split("\t")
    assert row[0] == case.case_number and row[2:5] == ["", "", ""]  # open: no retention date
    assert row[5:] == ["2026-04-30", str((D(2026, 4, 30) - TODAY).days)]


def test_cli_choices_match_the_models() -> None:
    from jeugdtool import cli_requests

    assert tuple(k.value for k in RequestKind) == cli_requests.KINDS
    assert tuple(s.value for s in RequestStatus if s != "open") == cli_requests.DECISIONS


# ---- the demo ----------------------------------------------------------------------------------


def test_a_demo_case_has_an_open_destruction_request_and_a_decided_correction(uow) -> None:
    from jeugdtool.export import demo

    loaded = {h.case_number: h.id for h in demo.load_demo(uow).value}
    listed = privacy.list_requests(uow, loaded["2026-0003"])
    assert [(r.kind, r.status) for r in listed] == [
        (RequestKind.DESTRUCTION, RequestStatus.OPEN),
        (RequestKind.CORRECTION, RequestStatus.GRANTED),
    ]
    assert listed[1].outcome and listed[1].decided_on is not None
    due = retention.due_cases(uow, retention.load_rule(), TODAY)
    assert "2026-0003" in {c.case_number for c in due}


def test_every_problem_of_a_new_request_is_said_at_once() -> None:
    from jeugdtool.cases.privacy_rules import check_new_request
    from jeugdtool.errors import InvalidInput

    today = dt.date(2026, 12, 6)
    with pytest.raises(InvalidInput) as caught:
        check_new_request("access", dt.date(2099, 1, 1), "  ", "", today)
    assert {p.field for p in caught.value.problems} == {"received_on", "requested_by"}
