"""Who is taken to have said a new map item when the consultant does not choose.

A map records the family's and the network's words; attributing them to the consultant by
default would put words in the wrong mouth in the case file. So a new item is "not recorded"
unless the cell itself says whose words these are: the family's goals are the family's, the
professional's goals are the consultant's own.
"""

from __future__ import annotations

from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

#: Nobody named: the map shows no "said by" (the service's own default for an item).
NOT_RECORDED = Source()


def the_family() -> Source:
    """The family together ("said by the family"), not one of its members."""
    return Source(SourceKind.OTHER, label=_("the family"))


def is_not_recorded(source: Source) -> bool:
    return source.kind is SourceKind.CONSULTANT and not source.label.strip()


def default_speaker(cell: Cell, consultant: str) -> Source:
    """Who said a new item of `cell` unless the consultant chooses someone else."""
    if cell is Cell.FAMILY_GOALS:
        return the_family()
    if cell is Cell.PROFESSIONAL_GOALS and consultant.strip():
        return Source(SourceKind.CONSULTANT, label=consultant.strip())
    return NOT_RECORDED
