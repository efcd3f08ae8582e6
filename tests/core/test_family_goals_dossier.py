"""The family's own goals are case rows: destroying the case takes them, and the access request's
dossier prints them with the family's own words of statements and agreements."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pypdf
from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.cases import destruction
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.destruction import Ground
from jeugdtool.export import access_request as ar
from jeugdtool.export.access_redaction import ticked
from jeugdtool.export.demo import load_demo
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_models import FamilyGoal
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.models import Base
from jeugdtool.store import team_sql
from jeugdtool.store.uow import UnitOfWork

DAY = dt.date(2026, 6, 1)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(block: str, **values: Any) -> str:
    return _flat(Texts("access_request").plain(block, **values))


def _goals(uow: UnitOfWork, case_id: int) -> int:
    with uow:
        where = FamilyGoal.household_id == case_id
        return uow.session.scalar(select(func.count()).select_from(FamilyGoal).where(where))


def test_destroying_a_case_leaves_no_family_goal(uow: UnitOfWork) -> None:
    case = households.create_case(
        uow, name="Gezin Weg", case_number="2026-0068", opened_on=DAY
    ).value
    other = households.create_case(uow, name="Gezin Blijft", opened_on=DAY).value
    for each in (case, other):
        mum = members.add_person(uow, each.id, {"first_name": "Sanne", "role": "parent"}).value
        draft = plans.start_draft(uow, each.id).value
        for text in ("Rust in huis.", "Samen eten."):
            plan_sections.add_family_goal(
                uow,
                draft.id,
                {"text": text, "source": Source(SourceKind.PERSON, person_id=mum.id)},
            )
    assert _goals(uow, case.id) == 2
    assert "family_goals" in team_sql.case_tables(Base.metadata)  # row-level security
    households.close_case(uow, case.id, "Hulp afgerond", dt.date(2026, 11, 20))
    done = destruction.destroy_case(
        uow, "2026-0068", "Bewaartermijn verstreken", Ground.RETENTION, by=""
    )
    assert done.removed["family_goals"] == 2
    assert _goals(uow, case.id) == 0
    assert _goals(uow, other.id) == 2  # another case keeps its own


def test_the_access_request_prints_the_goals_and_the_familys_words(
    uow: UnitOfWork, tmp_path: Path
) -> None:
    load_demo(uow)
    jansen = queries.find_case_id(uow, "2026-0001")
    assert jansen is not None
    dossier = ar.collect(uow, jansen)
    requester = ar.Requester(requested_by="Sandra Jansen (moeder)")
    done = ar.deliver(uow, jansen, dossier, tmp_path, ticked(ar.proposals(dossier)), requester)
    reader = pypdf.PdfReader(io.BytesIO(done.pdf.read_bytes()))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    newest = plans.current_plan(uow, jansen)
    assert newest is not None and len(newest.family_goals) == 3
    assert _words("label_family_goals") in text
    for goal in newest.family_goals:
        assert _flat(goal.text) in text
    goal_words = next(s.family_words for s in newest.statements if s.family_words)
    assert _words("in_own_words", what=goal_words) in text
    agreement_words = next(a.family_words for a in newest.agreements if a.family_words)
    assert _words("in_own_words", what=agreement_words) in text
