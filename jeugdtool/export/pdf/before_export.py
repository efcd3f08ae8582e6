"""What an export will do to the case's free text, said before the export (the PDF dialog and
the batch export show it): per item and field, an address, phone number or e-mail address left
out, a name masked — naming the field, never the data —, the items marked as special categories
of personal data that are left out ("Gevaarsomschrijving 2 wordt weggelaten: bijzonder
persoonsgegeven"), and the items that look like special categories but are not marked.

The findings come from the documents' own select functions' walks (`plan_data`,
`framework_map_data`, `zrm_summary_data`), so what is said is what the PDF does. No reportlab
is loaded here; nothing is logged (nothing leaves the program).
"""

from __future__ import annotations

import datetime as dt

from jeugdtool.export.pdf.framework_map_data import NoMoment
from jeugdtool.export.pdf.framework_map_data import gather_map
from jeugdtool.export.pdf.framework_map_data import map_findings
from jeugdtool.export.pdf.framework_map_data import map_special_notices
from jeugdtool.export.pdf.plan_data import NoPlan
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import minimisation_findings
from jeugdtool.export.pdf.plan_data import special_left_out
from jeugdtool.export.pdf.plan_data import special_warnings
from jeugdtool.export.pdf.zrm_summary_data import NoAssessments
from jeugdtool.export.pdf.zrm_summary_data import zrm_notices
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.store.uow import UnitOfWork


def export_notices(
    uow: UnitOfWork,
    case_id: int,
    selection: Selection,
    version: int | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[str, ...]:
    """One line per thing the export of `selection.document` (the plan `version` or the
    mapping moment with that id; default as the export's) will leave out or mask, then the
    plan's special-category warnings. Empty when there is nothing to say, or nothing to
    export (the export itself says why)."""
    document = Document(selection.document)
    try:
        if document is Document.PLAN:
            data = gather_plan(uow, case_id, version, today=today)
            lines = [f.message for f in minimisation_findings(data, selection)]
            left = special_left_out(data, selection)
            return (*lines, *left, *special_warnings(data, selection))
        if document is Document.MAP:
            moment = gather_map(uow, case_id, version)
            lines = [f.message for f in map_findings(moment, selection)]
            return (*lines, *map_special_notices(moment, selection))
        return zrm_notices(uow, case_id, selection, today=today)
    except (NoPlan, NoMoment, NoAssessments):
        return ()
