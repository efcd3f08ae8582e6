"""Filter-as-you-type over the case list: diacritic- and case-insensitive (`jeugdtool.folding`),
every word must match."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence

from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.folding import fold


def search_key(case_number: str, name: str, member_names: Iterable[str]) -> str:
    return fold(" ".join([case_number, name, *member_names]))


def filter_cases(
    cases: Sequence[CaseSummary],
    query: str,
    statuses: frozenset[CaseStatus] | None = None,
) -> list[CaseSummary]:
    """The cases whose key contains every word of `query`, limited to `statuses` if given."""
    words = fold(query).split()
    out = []
    for case in cases:
        if statuses is not None and case.status not in statuses:
            continue
        key = case.search_key
        if all(w in key for w in words):
            out.append(case)
    return out
