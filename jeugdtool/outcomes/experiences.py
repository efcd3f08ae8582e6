"""Services for the family's experience at a closing: per family member three short questions
(heard, helped, knows what to do if it goes wrong again) on 1–5, and a comment.

An experience belongs to a closing, not to the open case: it is usually filled in on paper
after closing and typed in later, so a closed case takes it. At most one per member per
closing; someone outside the household answers under their own name (`respondent`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from typing import cast

from sqlalchemy import select

from jeugdtool.cases.models import Person
from jeugdtool.errors import InvalidInput
from jeugdtool.framework._common import remove_unchanged
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing_rules as rules
from jeugdtool.outcomes.dto import ExperienceDTO
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.outcomes.reading import person_label
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error


def experience_dto(row: ClientExperience) -> ExperienceDTO:
    return as_dto(ExperienceDTO, row)


def _check_person(
    uow: UnitOfWork, closing: CaseClosing, clean: dict[str, Any], except_id: int | None = None
) -> None:
    """The person answering belongs to the case and has not answered at this closing yet; the
    respondent's name defaults to theirs."""
    person_id = clean.get("person_id")
    if person_id is None:
        return
    person = uow.session.get(Person, person_id)
    if person is None or person.household_id != closing.household_id:
        raise InvalidInput.at("person_id", _("Choose a member of this household."))
    if not clean.get("respondent"):
        clean["respondent"] = person_label(person)[: rules.MAX_NAME]
    others = uow.session.scalars(
        select(ClientExperience.id).where(
            ClientExperience.closing_id == closing.id,
            ClientExperience.person_id == person_id,
        )
    )
    if any(found != except_id for found in others):
        raise InvalidInput.at(
            "person_id",
            _(
                "This family member has already given their experience at this closing. "
                "Change that experience instead."
            ),
        )


def add_experience(
    uow: UnitOfWork, closing_id: int, fields: Mapping[str, Any]
) -> Outcome[ExperienceDTO]:
    """Record one family member's experience at a closing (`closing_rules.clean_experience`):
    at most one per member per closing."""
    clean = rules.clean_experience(fields, new=True)
    with uow:
        closing = get(uow, CaseClosing, closing_id)
        _check_person(uow, closing, clean)
        row = ClientExperience(
            closing_id=closing.id, household_id=closing.household_id, **{"comment": "", **clean}
        )
        uow.session.add(row)
        return committed(uow, lambda: experience_dto(row))


def update_experience(
    uow: UnitOfWork, experience_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[ExperienceDTO]:
    """Change an experience's answers, comment or respondent (`expected` in DTO terms)."""
    clean = rules.clean_experience(changes, new=False)
    with uow:
        row = get(uow, ClientExperience, experience_id)
        if "person_id" in clean:
            _check_person(uow, get(uow, CaseClosing, row.closing_id), clean, except_id=row.id)
        if "respondent" in clean and not clean["respondent"]:
            person = uow.session.get(Person, clean.get("person_id", row.person_id) or 0)
            if person is None:
                raise InvalidInput.at("respondent", _("Say who answered the questions."))
            clean["respondent"] = person_label(person)[: rules.MAX_NAME]
        apply(row, clean, expected=expected)
        return committed(uow, lambda: experience_dto(row))


def remove_experience(
    uow: UnitOfWork, experience_id: int, *, expected: ExperienceDTO | None = None
) -> Outcome[Snapshot]:
    """Remove an experience; `restore_experience` puts it back. `expected`: as last seen
    (ConflictError, nothing removed, when someone changed it since)."""
    with uow:
        row = get(uow, ClientExperience, experience_id)
        return remove_unchanged(uow, row, experience_dto(row), expected)


def restore_experience(uow: UnitOfWork, taken: Snapshot) -> Outcome[ExperienceDTO]:
    """Put a removed experience back with its id, unless its closing is gone or the member
    has given their experience again meanwhile (ConflictError)."""
    if taken.root[0] != ClientExperience.__tablename__:
        raise ValueError("not a snapshot of an experience")  # a programming error
    with uow:
        person_id = taken.values["person_id"]
        if person_id is not None and uow.session.scalar(
            select(ClientExperience.id).where(
                ClientExperience.closing_id == taken.values["closing_id"],
                ClientExperience.person_id == person_id,
            )
        ):
            raise conflict_error()
        row = cast(ClientExperience, snapshot.put_back(uow, taken))
        return committed(uow, lambda: experience_dto(row))
