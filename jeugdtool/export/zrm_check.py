"""Rules for the ZRM assessments in a case file (`zrm_assessments`) that the JSON Schema cannot
express: references (to persons, other assessments, safety goals and agreements), the matrix,
its version and its domains, and dates. The schema has checked the shapes; what it flagged is
skipped here.

The matrices are those of the receiving database when an import checks a file (the shipped
ones plus what the organisation imported, with the versions its assessments there name), and
the shipped ones when a file is checked on its own: an organisation's own matrix must be
imported into the database before a case file that uses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Mapping
from typing import Any

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import Problem
from jeugdtool.export.framework_check import _Checker
from jeugdtool.export.framework_check import _day
from jeugdtool.export.framework_check import _dicts
from jeugdtool.export.framework_check import _str
from jeugdtool.export.paths import PathPart
from jeugdtool.export.plan_check import _statement_types
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.zrm.definitions import Matrix

PART = "zrm_assessments"


def _agreement_lineages(doc: dict[str, Any]) -> set[str] | None:
    """The agreement lineages of every plan version; None when `plans` is not a list."""
    plans = doc.get("plans", [])
    if not isinstance(plans, list):
        return None
    return {
        lineage
        for _index, plan in _dicts(plans)
        for _number, agreement in _dicts(plan.get("agreements"))
        if (lineage := _str(agreement, "lineage")) is not None
    }


class _ZrmChecker(_Checker):
    """Collects the problems of one document's `zrm_assessments`."""

    def __init__(
        self,
        doc: dict[str, Any],
        today: dt.date,
        matrices: Mapping[str, Matrix],
        versions: Mapping[str, Collection[str]],
    ):
        super().__init__(doc, today)
        self.matrices = matrices
        #: Matrix id -> the versions an assessment may name.
        self.versions = versions
        self.statement_types = _statement_types(doc)
        self.agreements = _agreement_lineages(doc)
        #: Assessment id -> its person (as in the file, whatever it is).
        self.owners: dict[str, Any] = {}
        #: Assessment id -> its target dates by domain (as in the file).
        self.targets: dict[str, dict[str, Any]] = {}

    def assessments(self) -> None:
        assessments = _dicts(self.doc.get(PART))
        for index, assessment in assessments:
            ident = _str(assessment, "id")
            self.unique([PART, index, "id"], ident)
            if ident is not None and ident not in self.owners:
                self.owners[ident] = assessment.get("person")
                domains = assessment.get("domains")
                self.targets[ident] = {
                    code: domain.get("target_date")
                    for code, domain in (domains.items() if isinstance(domains, dict) else ())
                    if isinstance(domain, dict)
                }
        for index, assessment in assessments:
            where: list[PathPart] = [PART, index]
            self.person([*where, "person"], assessment.get("person"))
            self.not_in_future([*where, "date"], assessment.get("date"))
            self.copied_from(where, assessment)
            matrix = self.matrix([*where, "matrix"], assessment.get("matrix"))
            self.version([*where, "matrix_version"], matrix, assessment.get("matrix_version"))
            domains = assessment.get("domains")
            if isinstance(domains, dict):
                day = _day(assessment.get("date"))
                carried = self.targets.get(_str(assessment, "copied_from") or "", {})
                for code, domain in domains.items():
                    at: list[PathPart] = [*where, "domains", code]
                    self.domain(at, code, domain, matrix)
                    self.target(at, domain, day, carried.get(code))

    def copied_from(self, where: list[PathPart], assessment: dict[str, Any]) -> None:
        ref = _str(assessment, "copied_from")
        if ref is None:
            return
        at = [*where, "copied_from"]
        if ref == assessment.get("id"):
            self.add(at, _("an assessment cannot be copied from itself."))
        elif ref not in self.owners:
            message = _("'{ref}' is not an assessment in this file (see zrm_assessments).")
            self.add(at, message.format(ref=ref))
        elif self.owners[ref] != assessment.get("person"):
            message = _(
                "'{ref}' is an assessment of someone else; an assessment starts from an earlier "
                "assessment of the same person."
            )
            self.add(at, message.format(ref=ref))

    def matrix(self, where: list[PathPart], value: Any) -> Matrix | None:
        if not isinstance(value, str) or not value:
            return None  # the schema reported it
        found = self.matrices.get(value)
        if found is None:
            message = _(
                "unknown matrix '{id}'; known here: {known}. An organisation's own matrix must "
                "first be imported into the database (File > ZRM matrices and licences, or "
                "jeugdtool zrm import FILE)."
            )
            self.add(where, message.format(id=value, known=", ".join(self.matrices)))
        return found

    def version(self, where: list[PathPart], matrix: Matrix | None, value: Any) -> None:
        """The version an assessment names is one this database knows of its matrix: the
        matrix's own, or (an organisation's matrix, since replaced by a newer version) one
        its assessments here already name."""
        if matrix is None or not isinstance(value, str) or not value.strip():
            return  # an unknown matrix, or the schema reported it
        known = self.versions.get(matrix.id) or {matrix.version}
        if value in known:
            return
        if matrix.builtin:
            message = _("'{version}' is not a version of {matrix}; its version is {known}.")
        else:
            message = _(
                "'{version}' is not a version of {matrix} that this database knows ({known}). "
                "Import that version of the matrix first (File > ZRM matrices and licences, or "
                "jeugdtool zrm import FILE)."
            )
        shown = ", ".join(f"'{v}'" for v in sorted(known))
        self.add(where, message.format(version=value, matrix=matrix.name.get(), known=shown))

    def domain(self, where: list[PathPart], code: str, domain: Any, matrix: Matrix | None) -> None:
        if matrix is not None and not matrix.has_domain(code):
            message = _("unknown domain '{code}'; the domains of {matrix} are: {codes}.")
            self.add(
                where,
                message.format(code=code, matrix=matrix.name.get(), codes=", ".join(matrix.codes)),
            )
        if not isinstance(domain, dict):
            return
        links = domain.get("plan_links")
        for index, ref in enumerate(links if isinstance(links, list) else []):
            self.link([*where, "plan_links", index], ref)

    def target(self, where: list[PathPart], domain: Any, day: dt.date | None, carried: Any) -> None:
        """A target date is not before its assessment — unless it is the target of the
        assessment this one was copied from, carried forward unchanged (overdue), as the
        program keeps it."""
        if not isinstance(domain, dict):
            return
        value = domain.get("target_date")
        target = _day(value)
        if target is not None and day is not None and target < day and value != carried:
            message = _("the target date lies before the assessment ({date}).")
            self.add([*where, "target_date"], message.format(date=format_date_nl(day)))

    def link(self, where: list[PathPart], ref: Any) -> None:
        if not isinstance(ref, str):
            return
        if ref.startswith("A"):
            if self.agreements is not None and ref not in self.agreements:
                message = _(
                    "'{ref}' is not the lineage of an agreement in this file (see plans, their "
                    "agreements)."
                )
                self.add(where, message.format(ref=ref))
            return
        if self.statement_types is None:
            return
        found = self.statement_types.get(ref)
        if found is None:
            message = _("'{ref}' is not the lineage of a statement in this file (see statements).")
            self.add(where, message.format(ref=ref))
        elif found != StatementType.SAFETY_GOAL.value:
            message = _(
                "a focus domain is linked to safety goals and agreements, not to a {type} "
                "('{ref}')."
            )
            self.add(where, message.format(ref=ref, type=StatementType(found).label.lower()))


def zrm_rules(
    doc: dict[str, Any],
    today: dt.date,
    matrices: Mapping[str, Matrix],
    versions: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """The problems of `zrm_assessments` beyond the schema, against `matrices` (by id) and
    the `versions` of each an assessment may name (by default: the matrix's own)."""
    checker = _ZrmChecker(doc, today, matrices, versions or {})
    checker.assessments()
    return checker.problems.found
