"""The ZRM at a glance on the case overview: per assessed person the date of the newest
assessment, how many focus domains, and the acute domains (highlighted).

It loads just after the overview is painted (a case opens at once) and reloads only when an
assessment of this case changes — and while the overview is hidden (the consultant is scoring
on the ZRM page) it only notes that it is stale and reloads when shown again.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.zrm import assessments
from jeugdtool.zrm import library
from jeugdtool.zrm.compare import latest_per_person
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.inline import overview_section

#: What a change must touch for the summary to redraw (a person's name is shown too).
ZRM_ENTITIES = ("zrm_assessment", "zrm_domain_score", "person", "zrm_import")


def person_line(latest: AssessmentDTO, matrices: tuple[Matrix, ...]) -> str:
    """One line of rich text: name, date, focus domains, acute domains in red."""
    focus = len(latest.focus_domains)
    parts = [
        f"<b>{html.escape(latest.person_name)}</b>",
        html.escape(_("latest assessment {date}").format(date=format_date_nl(latest.assessed_on))),
        html.escape(ngettext("{n} focus domain", "{n} focus domains", focus).format(n=focus)),
    ]
    acute = [domain_name(d.domain, matrices) for d in latest.acute_domains]
    if acute:
        text = _("⚠ acute: {domains}").format(domains=", ".join(acute))
        red = colour(Role.ERROR)
        parts.append(f'<span style="color:{red}; font-weight:bold;">{html.escape(text)}</span>')
    return " · ".join(parts)


class ZrmSummary(CaseWatcher, QWidget):
    #: The consultant wants the full ZRM page.
    open_requested = Signal()
    ENTITIES = ZRM_ENTITIES
    ANY_CASE = ("zrm_import",)

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAccessibleName(_("ZRM summary"))
        title = _("Self-sufficiency (ZRM)")
        overview_section(self, title, _("To the ZRM…"), self.open_requested, self.text)
        self.watch_case(ctx, case_id)
        self.load_after_paint()

    def reload(self) -> None:
        self.loaded = True
        try:
            found = assessments.list_assessments(self.ctx.uow, self.case_id)
        except NotFound:  # the case is gone; the workspace says so
            return
        if not found:
            self.text.setText(
                f'<span style="color:{colour(Role.MUTED)};">'
                + html.escape(_("No ZRM assessments yet."))
                + "</span>"
            )
            return
        matrices = library.matrices(self.ctx.uow)
        persons = list(dict.fromkeys((a.person_id, a.person_name) for a in found))
        rows = latest_per_person(persons, found)
        self.text.setText(
            "<br>".join(person_line(r.latest, matrices) for r in rows if r.latest is not None)
        )
