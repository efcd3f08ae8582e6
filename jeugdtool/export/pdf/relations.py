"""How every document names who someone is beside their name: the one rule lives in the core
(`jeugdtool.framework.relations`), so the screens and the chart use it too; re-exported here for
the PDF modules that import it from their own package."""

from __future__ import annotations

from jeugdtool.framework.relations import member_relation
from jeugdtool.framework.relations import named
from jeugdtool.framework.relations import person_relation
from jeugdtool.framework.relations import rater_relation
from jeugdtool.framework.relations import renamed
from jeugdtool.framework.relations import source_relation

__all__ = [
    "member_relation",
    "named",
    "person_relation",
    "rater_relation",
    "renamed",
    "source_relation",
]
