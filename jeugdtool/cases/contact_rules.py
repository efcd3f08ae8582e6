"""Rules for whom a family calls: the chair of a case's network and a child's trusted person.

Pure functions over the case's members as DTOs: the member dialogs call them for inline
feedback, the services call them again with what the database holds (cases/members.py), the
case file checks an incoming file with them, and the documents find the chair and the trusted
person through them. A phone number's form is `validation.phone`, for consultants too.
"""

from __future__ import annotations

from collections.abc import Hashable
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Protocol
from typing import TypeVar

from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.i18n import _

CHAIR_FIELD = "chairs_network"
TRUSTED_FIELD = "trusted_person_id"


class Member(Protocol):
    """What the rules read of a network member: a NetworkMemberDTO, or an item of a case file
    (whose id is the file's own, "n3")."""

    @property
    def id(self) -> Hashable: ...

    @property
    def name(self) -> str: ...

    @property
    def chairs_network(self) -> bool: ...


M = TypeVar("M", bound=Member)


def chair_of(network: Iterable[M]) -> M | None:
    """The member who chairs the network (the first, should a file hold more), or None."""
    return next((m for m in network if m.chairs_network), None)


def chair_problem(member_id: Hashable, chairs: bool, network: Iterable[Member]) -> str | None:
    """Why member `member_id` (None: a new member) cannot chair the network, or None: a case's
    network has one chair at most, so another chair must step down first."""
    if not chairs:
        return None
    other = next((m for m in network if m.chairs_network and m.id != member_id), None)
    if other is None:
        return None
    return _(
        "{name} already chairs the network. A network has one chair: first switch this off "
        "for {name}."
    ).format(name=other.name)


def check_chair(member_id: Hashable, chairs: bool, network: Iterable[Member]) -> None:
    """InvalidInput (field "chairs_network") when `chair_problem` finds one."""
    if (message := chair_problem(member_id, chairs, network)) is not None:
        raise InvalidInput(Problem(CHAIR_FIELD, message))


def trusted_person_problem(
    role: PersonRole | str, trusted_id: Hashable, network: Sequence[Member]
) -> str | None:
    """Why `trusted_id` cannot be the trusted person of a household member with `role`, or
    None: only a child has one, and it is a member of the same case's network (`network`)."""
    if trusted_id is None:
        return None
    if PersonRole(role) is not PersonRole.CHILD:
        return _("Only a child has a trusted person. Choose no one, or make the role Child.")
    if all(m.id != trusted_id for m in network):
        return _(
            "The trusted person must be someone in this family's network. Add them to the "
            "network first."
        )
    return None


def check_trusted_person(
    role: PersonRole | str, trusted_id: Hashable, network: Sequence[Member]
) -> None:
    """InvalidInput (field "trusted_person_id") when `trusted_person_problem` finds one."""
    if (message := trusted_person_problem(role, trusted_id, network)) is not None:
        raise InvalidInput(Problem(TRUSTED_FIELD, message))


def trusted_person_of(
    person: PersonDTO, network: Iterable[NetworkMemberDTO]
) -> NetworkMemberDTO | None:
    """The child's trusted person among `network`, or None."""
    if person.trusted_person_id is None:
        return None
    return next((m for m in network if m.id == person.trusted_person_id), None)


def trusted_by(member_id: int, persons: Iterable[PersonDTO]) -> tuple[PersonDTO, ...]:
    """The children whose trusted person network member `member_id` is."""
    return tuple(p for p in persons if p.trusted_person_id == member_id)
