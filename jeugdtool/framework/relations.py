"""How every document names who someone is beside their name: one rule, so that one person is
not "ouder" in one PDF, "verzorger" in the next and "oma" in a third.

- A household member: their role in the household, in lower case ("ouder", "kind").
- A network member: the relation the consultant typed ("oma", "buurvrouw"); without one, the
  kind of network member ("familie", "school").
- Anyone else who said or scored something (the case manager, a colleague): the role they
  had then, in the family's words (`rater_relation`: the case manager is "vaste
  hulpverlener", not "casusregisseur").

Pure functions, no database: the documents, the screens (the score form's "who" list, the ZRM
person list) and the scale chart's rater names all call them.
"""

from __future__ import annotations

import re

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.folding import fold_key
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.i18n import _

#: "Ria Jansen (oma)": a name and what was written after it in brackets.
_NAME_AND_NOTE = re.compile(r"^(?P<name>.*?)\s*\((?P<note>[^()]*)\)\s*$")


def rater_relation(role: RaterRole) -> str:
    """A rater's role as the documents a family reads write it: the case manager by the
    family's word for them (the same as the documents' "Vaste hulpverlener"), others by role."""
    if role is RaterRole.CASE_MANAGER:
        return _("regular care worker")
    return role_relation(role)


def role_relation(role: RaterRole) -> str:
    """A rater's role as the professional's own screens write it ("casusregisseur")."""
    return role.label.lower()


def rater_role_of_person(person: PersonDTO) -> RaterRole:
    """The role a household member scores in: a child as child, another household member as
    network, a parent or carer as parent."""
    return _PERSON_RATER.get(person.role, RaterRole.PARENT)


def rater_role_of_member(member: NetworkMemberDTO) -> RaterRole:
    """The role a network member scores in: a professional as professional, else as network."""
    return RaterRole.PROFESSIONAL if member.kind.is_professional else RaterRole.NETWORK


_PERSON_RATER = {PersonRole.CHILD: RaterRole.CHILD, PersonRole.OTHER: RaterRole.NETWORK}


def person_relation(person: PersonDTO) -> str:
    """A household member's role, as every document writes it ("ouder", "kind")."""
    return person.role.label.lower()


def member_relation(member: NetworkMemberDTO) -> str:
    """A network member's relation as typed ("oma"); without one, their kind ("familie")."""
    return " ".join(member.relation.split()) or member.kind.label.lower()


def member_and_organisation(member: NetworkMemberDTO) -> str:
    """A network member's relation and, when they have one, their organisation ("school, De
    Esch"), as the plan's network and its phone list write them."""
    organisation = " ".join((member.organisation or "").split())
    return ", ".join(part for part in (member_relation(member), organisation) if part)


def source_and_organisation(source: Source, case: CaseDetail) -> str:
    """`source_relation`, a network member's with their organisation ("school, De Esch")."""
    if source.network_id is not None:
        for member in case.network:
            if member.id == source.network_id:
                return member_and_organisation(member)
    return source_relation(source, case)


def source_relation(source: Source, case: CaseDetail, otherwise: str = "") -> str:
    """Who `source` is to the case: a household member's role, a network member's relation,
    or `otherwise` (e.g. a rater's role) when it is neither or no longer in the case."""
    if source.person_id is not None:
        for person in case.persons:
            if person.id == source.person_id:
                return person_relation(person)
    if source.network_id is not None:
        for member in case.network:
            if member.id == source.network_id:
                return member_relation(member)
    return otherwise


def named(name: str, relation: str) -> str:
    """ "Ria Jansen (oma)"; the name alone when there is no relation to tell."""
    if not relation:
        return name
    return _("{name} ({role})").format(name=name, role=relation)


def renamed(label: str, case: CaseDetail) -> str:
    """A name as it was written down with a note ("Ria Jansen (oma)", "Sandra (moeder)"), as
    the rule names them when the name is a household or network member's of `case` (the same
    name, accents and case aside); anyone else (an interpreter, a former member) as written."""
    found = _NAME_AND_NOTE.match(label)
    name = found.group("name") if found else label.strip()
    key = fold_key(name)
    for person in case.persons:
        if fold_key(person.full_name) == key:
            return named(name, person_relation(person))
    for member in case.network:
        if fold_key(member.name) == key:
            return named(name, member_relation(member))
    return label
