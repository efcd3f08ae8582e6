"""What the minutes of a reflective-practice meeting show, gathered through the services, the
name mask that 'hide names' puts over them, and the proposed file name.

No reportlab here: a file dialog can propose a name without loading the PDF machinery.

Who is masked when names are hidden: the members of every household on the agenda, their network
members, and the invited partners (participants of kind "partner"). Colleagues of the team
(participants of kind "consultant", the chair) keep their names: they are the professionals who
are accountable for the advice and the decisions, and their names are in the minutes as such.
A partner's or network member's role stays readable ("H.S. (Veilig Thuis)"), and a role that
names someone ("mentor van Daan") is masked itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.queries import get_case
from jeugdtool.meetings.dto import MeetingDetail
from jeugdtool.meetings.dto import MeetingDTO
from jeugdtool.meetings.meetings import get_meeting
from jeugdtool.meetings.names import NameMask
from jeugdtool.meetings.names import Person
from jeugdtool.meetings.names import case_people
from jeugdtool.meetings.names import mask_for
from jeugdtool.meetings.names import partners
from jeugdtool.store.uow import UnitOfWork


@dataclass(frozen=True)
class MinutesData:
    meeting: MeetingDetail
    #: The agenda's cases, by household id.
    cases: dict[int, CaseDetail]


def gather_minutes(uow: UnitOfWork, meeting_id: int) -> MinutesData:
    """The meeting with every case on its agenda (NotFound when the meeting is gone)."""
    detail = get_meeting(uow, meeting_id)
    cases = {item.household_id: get_case(uow, item.household_id) for item in detail.items}
    return MinutesData(detail, cases)


def people(data: MinutesData) -> list[Person]:
    """Everyone whose name 'hide names' hides (see the module docstring), with their role."""
    found = [person for case in data.cases.values() for person in case_people(case)]
    return found + partners(data.meeting)


def minutes_mask(data: MinutesData, *, enabled: bool) -> NameMask:
    return mask_for(people(data), enabled=enabled)


_PREFIX = re.compile(r"^\s*(gezin|familie|family)\s+", re.IGNORECASE)


def household_initial(name: str) -> str:
    """'Gezin Bakker-de Vries' -> 'B'; 'Öztürk' -> 'Ö'; '' -> '?'."""
    rest = _PREFIX.sub("", name).strip()
    return rest[0].upper() if rest else "?"


def minutes_file_name(meeting: MeetingDTO) -> str:
    """`verslag-reflectieve-praktijk-2026-10-15.pdf`: no names, only the date."""
    return f"verslag-reflectieve-praktijk-{meeting.held_on.isoformat()}.pdf"
