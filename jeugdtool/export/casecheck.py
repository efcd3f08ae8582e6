"""Checking a case file document: the JSON Schema plus the rules it cannot express.

Every problem comes back with its JSON path as in the file (`persons[2].birth_date`, indices
from 0) and a translated message; jsonschema's own English text never reaches the user.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema import FormatChecker
from jsonschema import ValidationError
from jsonschema import validators

from jeugdtool import resources
from jeugdtool.cases import contact_rules
from jeugdtool.cases import validation as v
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import Problem
from jeugdtool.errors import Problems
from jeugdtool.export.child_voice_check import child_voice_rules
from jeugdtool.export.dossier_check import dossier_rules
from jeugdtool.export.framework_check import duplicate_message
from jeugdtool.export.framework_check import framework_rules
from jeugdtool.export.meeting_check import meeting_rules
from jeugdtool.export.network_check import network_rules
from jeugdtool.export.outcome_check import outcome_rules
from jeugdtool.export.paths import PathPart
from jeugdtool.export.paths import json_path
from jeugdtool.export.paths import shown as _shown
from jeugdtool.export.plan_check import plan_rules
from jeugdtool.export.schema_messages import DATE_SHAPE
from jeugdtool.export.schema_messages import SCHEMA_FILE
from jeugdtool.export.schema_messages import check_messages
from jeugdtool.export.schema_messages import schema_problems
from jeugdtool.export.zrm_check import zrm_rules
from jeugdtool.i18n import _
from jeugdtool.jsonfile import text_problems
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import builtin_matrices

FORMAT = "jeugdtool-case"
#: The newest format version this program reads and writes.
VERSION = 1

__all__ = ["FORMAT", "VERSION", "PathPart", "json_path", "validate_case_document", "validator"]

#: A document with more problems than this has a deeper fault: these are listed, and the
#: check stops early, so a file of a million broken rows is answered in a moment.
MAX_PROBLEMS = 100


def _unique_items(
    validator: Any, unique: bool, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """uniqueItems in linear time. jsonschema's own compares every pair of a list it cannot
    sort (one holding objects, or text and numbers), which a large file turns into hours."""
    if not unique or not validator.is_type(instance, "array"):
        return
    seen: set[str] = set()
    for item in instance:
        try:
            key = json.dumps(item, sort_keys=True)
        except (TypeError, ValueError):  # a document built in code, not read from a file
            key = repr(item)
        if key in seen:
            yield ValidationError("has non-unique elements")
            return
        seen.add(key)


_CaseValidator = validators.extend(Draft202012Validator, {"uniqueItems": _unique_items})


def build_validator(schema: Mapping[str, Any]) -> Draft202012Validator:
    """A validator for `schema`; `CaseSchemaError` if a pattern or format names no message."""
    check_messages(schema)
    return _CaseValidator(schema, format_checker=FormatChecker())  # type: ignore[no-any-return]


@cache
def validator() -> Draft202012Validator:
    return build_validator(resources.load_json(*SCHEMA_FILE))


# ---------------------------------------------------------------- rules beyond the schema


def _unique_ids(doc: dict[str, Any], part: str) -> list[Problem]:
    problems = Problems()
    first_seen: dict[str, int] = {}
    items = doc.get(part)
    for index, item in enumerate(items if isinstance(items, list) else []):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in first_seen:
            message = duplicate_message(ident, json_path([part, first_seen[ident], "id"]))
            problems.add(Problem(json_path([part, index, "id"]), message))
        else:
            first_seen[ident] = index
    return problems.found


def _date(value: Any) -> dt.date:
    """A `yyyy-mm-dd` date from the file; ValueError for anything else."""
    if not isinstance(value, str) or not DATE_SHAPE.match(value):
        raise ValueError(value)
    return dt.date.fromisoformat(value)


def _household_rules(doc: dict[str, Any]) -> list[Problem]:
    household = doc["household"]
    try:
        opened = _date(household["opened_on"])
        closed = None if household["closed_on"] is None else _date(household["closed_on"])
        status = CaseStatus(household["status"])
    except (KeyError, TypeError, ValueError):
        return []  # the schema has said what is wrong with these fields
    problems = Problems()
    with problems.catching(at="household.closed_on"):
        v.check_closing(status, opened, closed)
    return problems.found


def _person_rules(doc: dict[str, Any], today: dt.date) -> list[Problem]:
    problems = Problems()
    for index, person in enumerate(doc["persons"]):
        path = json_path(["persons", index, "birth_date"])
        try:
            born = _date(person["birth_date"])
        except (KeyError, TypeError, ValueError):
            continue
        problems.check(v.date, path, born, label=_("Birth date"), not_after=today)
    return problems.found


def _network_rules(doc: dict[str, Any]) -> list[Problem]:
    problems = Problems()
    for index, member in enumerate(doc["network"]):
        for name, rule in (("email", v.email), ("phone", v.phone)):
            value = member.get(name) if isinstance(member, dict) else None
            if isinstance(value, str):
                path = json_path(["network", index, name])
                problems.check(rule, path, value)
    return problems.found


@dataclass(frozen=True)
class _FileMember:
    """A network member of the file as the contact rules read one (its id is the file's)."""

    id: str
    name: str
    chairs_network: bool


def _file_members(doc: dict[str, Any]) -> list[_FileMember]:
    network = doc.get("network")
    return [
        _FileMember(n["id"], str(n.get("name") or ""), n.get("chairs_network") is True)
        for n in (network if isinstance(network, list) else [])
        if isinstance(n, dict) and isinstance(n.get("id"), str)
    ]


def _chair_rules(doc: dict[str, Any]) -> list[Problem]:
    """One chair per network (cases/contact_rules.py): each chair after the first is named."""
    problems = Problems()
    chairs: list[_FileMember] = []
    for index, member in enumerate(doc["network"]):
        if not isinstance(member, dict) or member.get("chairs_network") is not True:
            continue
        ident = str(member.get("id"))
        with problems.catching(at=json_path(["network", index, "chairs_network"])):
            contact_rules.check_chair(ident, True, chairs)
        chairs.append(_FileMember(ident, str(member.get("name") or ""), True))
    return problems.found


def _trusted_rules(doc: dict[str, Any]) -> list[Problem]:
    """A trusted person only for a child, and only a member of the file's network."""
    if not isinstance(doc.get("network"), list):
        return []  # the schema has said the network is missing: nothing to refer to
    problems = Problems()
    members = _file_members(doc)
    roles = {role.value for role in PersonRole}
    for index, person in enumerate(doc["persons"]):
        trusted = person.get("trusted_person") if isinstance(person, dict) else None
        if not isinstance(trusted, str) or person.get("role") not in roles:
            continue  # none, or the schema has said what is wrong with these fields
        with problems.catching(at=json_path(["persons", index, "trusted_person"])):
            contact_rules.check_trusted_person(person["role"], trusted, members)
    return problems.found


def _exported_at_rule(doc: dict[str, Any]) -> list[Problem]:
    value = doc["exported_at"]
    try:
        dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        message = _("{value} is not a date and time with offset (yyyy-mm-ddThh:mm:ss+01:00).")
        return [Problem("exported_at", message.format(value=_shown(value)))]
    return []


def _extra_rules(
    doc: dict[str, Any],
    today: dt.date,
    matrices: Mapping[str, Matrix],
    versions: Mapping[str, Collection[str]],
) -> list[Problem]:
    problems = _unique_ids(doc, "persons") + _unique_ids(doc, "network")
    rules: list[tuple[str, Callable[[], list[Problem]]]] = [
        ("household", lambda: _household_rules(doc)),
        ("persons", lambda: _person_rules(doc, today)),
        ("network", lambda: _network_rules(doc)),
        ("network", lambda: _chair_rules(doc)),
        ("persons", lambda: _trusted_rules(doc)),
        ("exported_at", lambda: _exported_at_rule(doc)),
    ]
    problems.extend(framework_rules(doc, today))
    problems.extend(plan_rules(doc, today))
    problems.extend(zrm_rules(doc, today, matrices, versions))
    problems.extend(meeting_rules(doc, today))
    problems.extend(outcome_rules(doc, today))
    problems.extend(dossier_rules(doc, today))
    problems.extend(network_rules(doc, today))
    problems.extend(child_voice_rules(doc, today))
    for part, rule in rules:
        # A part of the wrong type was reported by the schema; its items cannot be checked.
        wanted = dict if part == "household" else (str if part == "exported_at" else list)
        if isinstance(doc.get(part), wanted):
            problems.extend(rule())
    return problems


# ---------------------------------------------------------------- the whole document


def _refusal(doc: Any) -> Problem | None:
    """One message for a document that is not a case file at all, or from a newer program."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return Problem("format", _("This file is not a jeugdtool case file."))
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        return Problem(
            "version",
            _(
                "This case file was made by a newer jeugdtool (format version {version}; this "
                "jeugdtool reads version {known}). Update jeugdtool to import it."
            ).format(version=version, known=VERSION),
        )
    return None


@cache
def _key_order() -> dict[str, int]:
    """Each field name's place in the schema: the order of a key that is not in the file."""
    schema = resources.load_json(*SCHEMA_FILE)
    names = [*schema["properties"]]
    for definition in schema["$defs"].values():
        names.extend(definition.get("properties", {}))
    return {name: index for index, name in reversed(list(enumerate(names)))}


def _path_key(doc: Any, problem: Problem) -> tuple[tuple[int, int], ...]:
    """Where the problem is in the file: keys in the order they are written there (a missing
    key after the present ones, in schema order), list items by index."""
    order = _key_order()
    key: list[tuple[int, int]] = []
    node = doc
    for index, name in re.findall(r"\[(\d+)\]|([^.\[\]]+)", problem.field):
        if index:
            key.append((0, int(index)))
            node = node[int(index)] if isinstance(node, list) and int(index) < len(node) else None
        elif isinstance(node, dict) and name in node:
            key.append((1, list(node).index(name)))
            node = node[name]
        else:
            key.append((2, order.get(name, len(order))))
            node = None
    return tuple(key)


def _sorted_unique(doc: Any, problems: Sequence[Problem], cut: bool) -> list[Problem]:
    """The problems in file order, each once; at most MAX_PROBLEMS of them, then one line
    saying there are more (also when `cut`: the schema check stopped early)."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in problems:
        if (p.field, p.message) not in seen:
            seen.add((p.field, p.message))
            unique.append(p)
    ordered = sorted(unique, key=lambda p: _path_key(doc, p))
    if not cut and len(ordered) <= MAX_PROBLEMS:
        return ordered
    more = _(
        "more problems from here on: the file has more than {max}, and only the first {max} "
        "are listed. It is probably not a case file that jeugdtool wrote, or it was damaged."
    )
    # At the place of the first problem left out (there is one: more than MAX were found).
    where = ordered[min(MAX_PROBLEMS, len(ordered) - 1)].field
    return [*ordered[:MAX_PROBLEMS], Problem(where, more.format(max=MAX_PROBLEMS))]


def _schema_errors(doc: Any) -> tuple[list[Problem], bool]:
    """The schema's problems, each once, at most MAX_PROBLEMS; and whether it stopped early.
    (jsonschema reports a missing key once per missing key of the object, so the same
    problems come more than once.)"""
    problems: dict[Problem, None] = {}
    for error in validator().iter_errors(doc):
        problems.update(dict.fromkeys(schema_problems(error)))
        if len(problems) > MAX_PROBLEMS:
            return list(problems), True
    return list(problems), False


def known_versions(matrices: Mapping[str, Matrix]) -> dict[str, frozenset[str]]:
    """The version each matrix has now, by matrix id: what a file checked without a database
    may use."""
    return {matrix_id: frozenset({m.version}) for matrix_id, m in matrices.items()}


def validate_case_document(
    doc: Any,
    *,
    today: dt.date | None = None,
    matrices: Mapping[str, Matrix] | None = None,
    versions: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """Every problem in `doc`, each with its JSON path; an empty list means it can be imported.

    `matrices` (by id) are the ZRM matrices the assessments may use: the receiving database's
    when importing; by default the ones jeugdtool ships. `versions` (by matrix id) are the
    versions of each an assessment may name: by default the matrix's own version.
    """
    refusal = _refusal(doc)
    if refusal is not None:
        return [refusal]
    broken = text_problems(doc)
    if broken:  # before anything quotes such text in a message that cannot be shown
        return broken
    if matrices is None:
        matrices = {m.id: m for m in builtin_matrices()}
    problems, cut = _schema_errors(doc)
    if not cut:  # else the file is too broken for the rules beyond the schema to help
        flagged = {p.field for p in problems}
        extra = _extra_rules(
            doc, today or dt.date.today(), matrices, versions or known_versions(matrices)
        )
        problems.extend(p for p in extra if p.field not in flagged)
    return _sorted_unique(doc, problems, cut)
