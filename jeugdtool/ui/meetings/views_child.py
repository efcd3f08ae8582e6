"""The child's voice on the big screen: per child, the newest talk about the three houses — the
house of worries, of good things and of dreams side by side, in the child's own words — and the
stories made for the child, by title. 'Hide names' masks the child's name and any name in the
child's words, as on every view."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.framework.child_voice_dto import ThreeHousesDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.names import NameMask

from jeugdtool.ui.child.houses import HOUSES
from jeugdtool.ui.meetings.views_common import ACCENT
from jeugdtool.ui.meetings.views_common import INK
from jeugdtool.ui.meetings.views_common import View
from jeugdtool.ui.meetings.views_common import note_label
from jeugdtool.ui.meetings.views_common import rule
from jeugdtool.ui.meetings.views_common import text_label
from jeugdtool.ui.meetings.views_data import CaseData


def newest_per_child(records: tuple[ThreeHousesDTO, ...]) -> dict[int, ThreeHousesDTO]:
    """Each child's newest talk (the records come newest first per child)."""
    newest: dict[int, ThreeHousesDTO] = {}
    for record in records:
        if record.child_id not in newest or (record.held_on, record.id) > (
            newest[record.child_id].held_on,
            newest[record.child_id].id,
        ):
            newest[record.child_id] = record
    return newest


class ChildVoiceView(View):
    name = N_("The child's voice")

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:
        newest = newest_per_child(data.three_houses)
        children = [p for p in data.case.persons if p.role is PersonRole.CHILD]
        shown = [
            c for c in children if c.id in newest or any(s.child_id == c.id for s in data.stories)
        ]
        if not shown:
            self.only_note(_("Not yet: no child of this case has been heard in the three houses."))
            return
        for child in shown:
            self.add(text_label(mask.text(child.full_name), 1.15, bold=True, colour=ACCENT))
            self.add(rule(ACCENT))
            record = newest.get(child.id)
            if record is not None:
                self._houses(record, mask)
            else:
                self.add(note_label(_("No talk about the three houses yet.")))
            titles = [s.title for s in data.stories if s.child_id == child.id]
            if titles:
                stories = ngettext("Story: {titles}", "Stories: {titles}", len(titles))
                self.add(text_label(stories.format(titles=mask.text(" · ".join(titles))), 0.85))
        self.body_layout.addStretch(1)

    def _houses(self, record: ThreeHousesDTO, mask: NameMask) -> None:
        said = _("Said on {date}, with {name}").format(
            date=format_date_nl(record.held_on), name=mask.text(record.talked_with) or "–"
        )
        self.add(text_label(said, 0.8))
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(36)
        for house in HOUSES:
            box = QVBoxLayout()
            box.setSpacing(4)
            box.addWidget(
                text_label(_(house.title).replace("&", ""), 1.0, bold=True, colour=house.colour)
            )
            box.addWidget(rule(house.colour))
            words = getattr(record, house.field).strip()
            if words:
                box.addWidget(text_label(mask.text(words), 1.0, colour=INK))
            else:
                box.addWidget(note_label(_("(nothing said)")))
            box.addStretch(1)
            columns.addLayout(box, 1)
        holder = QWidget()
        holder.setLayout(columns)
        self.add(holder)
