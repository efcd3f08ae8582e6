"""Who gets a page of the family's experience form, gathered through the services, and the
proposed file name.

The form carries as little personal data as it can: the case number and each member's first
name, nothing else (no family name, no birth date, no household name). No reportlab here: a
file dialog can propose a name without loading the PDF machinery.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jeugdtool.cases.queries import get_case
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.export.pdf.file_names import safe_case_number
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork


class NoMembers(JeugdtoolError):
    """There is nobody to make a page for."""


@dataclass(frozen=True)
class Member:
    """One page of the form: a household member, by first name."""

    person_id: int
    first_name: str
    #: A child of the household: the page in a child's words ("jij"), else an adult's ("u").
    child: bool


@dataclass(frozen=True)
class FormData:
    case_number: str
    #: In the household's order.
    members: tuple[Member, ...]


def gather_form(uow: UnitOfWork, case_id: int, person_ids: Iterable[int] | None = None) -> FormData:
    """The case number and the members to make a page for: all of the household's, or those
    of `person_ids` (in the household's order). NotFound for an id that is not a member of
    this household; NoMembers when nobody is left."""
    detail = get_case(uow, case_id)
    persons = detail.persons
    if person_ids is not None:
        wanted = set(person_ids)
        unknown = wanted - {p.id for p in persons}
        if unknown:
            raise NotFound(
                _(
                    "Someone chosen for the experience form is not (or no longer) a member "
                    "of this household. Choose again from the household's members."
                )
            )
        persons = tuple(p for p in persons if p.id in wanted)
    if not persons:
        raise NoMembers(
            _(
                "There is nobody to make an experience form for. Add the family members to "
                "the household first, or choose at least one of them."
            )
        )
    members = tuple(Member(p.id, p.first_name.strip(), p.role is PersonRole.CHILD) for p in persons)
    return FormData(detail.household.case_number, members)


def experience_form_file_name(case_number: str) -> str:
    """`ervaringsformulier-2026-0012.pdf`: the case number, no names; only characters that are
    safe in a file name on every system (`safe_case_number`)."""
    safe = safe_case_number(case_number)
    return f"ervaringsformulier-{safe}.pdf"
