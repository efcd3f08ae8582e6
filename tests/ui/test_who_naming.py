"""The score form's "who" list and the ZRM person list name people by the core's one rule
(framework/relations.py), as the documents do: no copy of it in a widget."""

from __future__ import annotations

from jeugdtool.cases import queries
from jeugdtool.framework import relations
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

from jeugdtool.ui.framework.score_input import who_options
from jeugdtool.ui.zrm.persons import PersonTree


def _case_with_network(uow, households):
    cases = [queries.get_case(uow, h.id) for h in households]
    return next(c for c in cases if c.persons and c.network)


def test_the_who_list_names_and_roles_people_by_the_core_rule(uow, demo_households):
    detail = _case_with_network(uow, demo_households)
    options = who_options(detail, 1, "Consulent")
    people = [o for o in options if o.kind is SourceKind.PERSON]
    members = [o for o in options if o.kind is SourceKind.NETWORK]
    assert [o.label for o in people] == [
        relations.named(p.full_name, relations.person_relation(p)) for p in detail.persons
    ]
    assert [o.role for o in people] == [relations.rater_role_of_person(p) for p in detail.persons]
    assert [o.label for o in members] == [
        relations.named(n.name, relations.member_relation(n)) for n in detail.network
    ]
    assert [o.role for o in members] == [relations.rater_role_of_member(n) for n in detail.network]


def test_the_zrm_person_list_names_people_by_the_core_rule(uow, demo_households):
    detail = _case_with_network(uow, demo_households)
    person = detail.persons[0]
    named = relations.named(person.full_name, relations.person_relation(person))
    assert PersonTree._person_text(person, 2) == named
    assert PersonTree._person_text(person, 0) == _("{person} — no assessment yet").format(
        person=named
    )
