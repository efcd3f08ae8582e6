"""The network's own plan for after closure (issue 18): from the latest closing's "what the
network keeps doing" and "whom to call", with the last plan's safety network and signs, and
always Veilig Thuis and 112; logged and recorded as handed to the family and its network; the
command line writes it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest

from jeugdtool import i18n
from jeugdtool.cases import access
from jeugdtool.cases import disclosures
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cli import main
from jeugdtool.export.pdf.network_plan import NotClosed
from jeugdtool.export.pdf.network_plan import network_plan_file_name
from jeugdtool.export.pdf.network_plan import render_network_plan
from jeugdtool.export.pdf.network_plan import write_network_plan
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing_rules import ClosingInput
from jeugdtool.outcomes.vocab import EndedAs
from jeugdtool.outcomes.vocab import FurtherHelp
from jeugdtool.outcomes.vocab import GoalOutcome
from jeugdtool.store.access_log import AccessAction

OPENED = dt.date(2026, 1, 5)
CLOSED = dt.date(2026, 11, 2)
KEEPS = "Oma Ria blijft elke woensdag koken en de kinderen van school halen."
CALLS = ("Oma Ria: 06-12345678, als mama het niet redt", "Huisarts De Wit: 030-1234567")
ROLE = "Komt elke woensdag en kijkt of het goed gaat"
SIGN = "Mama neemt de telefoon twee dagen niet op"
ACTION = "Ria gaat langs en belt de huisarts"


def _text(data: bytes | Path) -> str:
    reader = pypdf.PdfReader(data if isinstance(data, Path) else io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _close(uow, case_id: int, *, on: dt.date = CLOSED, keeps: str = KEEPS, calls=CALLS) -> None:
    data = ClosingInput(
        closed_on=on,
        reason="Het gaat goed, het netwerk draagt het plan",
        goals_outcome=GoalOutcome.MOSTLY,
        further_help=FurtherHelp.NONE,
        ended_as=EndedAs.PLANNED,
        network_keeps=keeps,
        whom_to_call=tuple(calls),
    )
    closing.close_case(uow, case_id, data)


@pytest.fixture
def case_id(uow) -> int:
    """A case with a finalised plan (Ria in the safety network, one sign to watch), open."""
    case = households.create_case(
        uow, name="Gezin Netwerk", case_number="2026-0088", opened_on=OPENED
    ).value
    ria = members.add_network_member(
        uow, case.id, {"name": "Ria Netwerk", "kind": "family", "relation": "oma"}
    ).value
    draft = plans.start_draft(uow, case.id).value
    source = Source(SourceKind.NETWORK, network_id=ria.id)
    plan_sections.add_network_role(uow, draft.id, {"source": source, "role": ROLE})
    plan_sections.add_red_flag(
        uow, draft.id, {"sign": SIGN, "watched_by": ["Ria Netwerk"], "action": ACTION}
    )
    plans.add_agreement(uow, draft.id, {"what": "Oma Ria kookt op woensdag"})
    plan_finalise.finalise(uow, draft.id, by="A. de Boer", override_reason="Toets", today=OPENED)
    return case.id


@pytest.fixture(autouse=True)
def english() -> None:
    """The template's own words in English (the msgids): the Dutch comes with the catalogue.
    The family's words and the numbers are the same in both."""
    i18n.set_language("en")


def test_the_plan_holds_what_the_network_keeps_doing_who_does_what_and_whom_to_call(
    uow, case_id
) -> None:
    _close(uow, case_id)
    rendered = render_network_plan(uow, case_id, today=CLOSED)
    text = _text(rendered.data)
    for words in (KEEPS, *CALLS, "Ria Netwerk", ROLE, SIGN, ACTION, "Gezin Netwerk", "2026-0088"):
        assert " ".join(words.split()) in text, words
    assert "Plan of the network after closure" in text
    assert "Help stopped on 02-11-2026" in text
    assert "Call 112" in text and "Veilig Thuis: 0800-2000" in text
    assert rendered.file_name == "plan-van-het-netwerk-2026-0088.pdf"
    assert rendered.title == "Network plan after closure, 2026-0088"
    # Safety and wellbeing cases alike: no safety-only wording of the method.
    for safety_word in ("safety plan", "danger statement", "safety goal", "safety network"):
        assert safety_word not in text.lower()


def test_after_a_reopening_the_latest_closing_counts(uow, case_id) -> None:
    _close(uow, case_id, keeps="Eerste afspraak", calls=("Eerste nummer",))
    closing.reopen_case(uow, case_id, on=dt.date(2026, 11, 20))
    _close(uow, case_id, on=dt.date(2026, 12, 1))
    text = _text(render_network_plan(uow, case_id, today=dt.date(2026, 12, 1)).data)
    assert KEEPS in text and "Eerste afspraak" not in text and "Eerste nummer" not in text
    assert "Help stopped on 01-12-2026" in text


def test_nothing_written_down_is_said_and_the_emergency_numbers_stay(uow, case_id) -> None:
    _close(uow, case_id, keeps="", calls=())
    text = _text(render_network_plan(uow, case_id, today=CLOSED).data)
    assert "This was not written down when the case was closed." in text
    assert "No names were written down." in text
    assert "Call 112" in text and "0800-2000" in text


def test_a_case_that_was_never_closed_has_no_network_plan(uow, case_id) -> None:
    with pytest.raises(NotClosed) as raised:
        render_network_plan(uow, case_id)
    assert "2026-0088" in str(raised.value)


def test_making_it_is_logged_and_recorded_as_given_to_the_network(uow, case_id, tmp_path):
    _close(uow, case_id)
    path = tmp_path / network_plan_file_name("2026-0088")
    written = write_network_plan(uow, case_id, path, today=CLOSED)
    assert written.path == path and path.exists() and not written.unlogged
    (given,) = disclosures.list_disclosures(uow, case_id)
    assert given.recipient == "the family and its network"
    assert given.document == "Network plan after closure, 2026-0088"
    logged = [e for e in access.case_entries(uow, case_id) if e.action is AccessAction.PDF]
    assert logged and "network plan" in logged[0].detail


def test_the_pdf_command_writes_the_network_plan(uow, case_id, db_path, tmp_path, capsys):
    _close(uow, case_id)
    db = db_path  # the test's own database, as the command opens it
    out = tmp_path / "netwerk.pdf"
    code = main(["--db", str(db), "pdf", "2026-0088", "--network-plan", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert str(out) in captured.out
    assert KEEPS in _text(out)
    code = main(
        ["--db", str(db), "pdf", "2026-0088", "--network-plan", "--version", "2", "--out", str(out)]
    )
    assert code != 0 and "--version" in capsys.readouterr().err
