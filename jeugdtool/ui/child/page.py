"""The case's "Child's voice" page: per child (chosen at the top), the Three Houses — the talks
with the child, their own words in three houses side by side, their drawing — and the Words &
Pictures stories made for the child; and the child's own PDF.

Everything is kept in the case's (encrypted) database, pictures included. Every change is saved
at once and undoable; a closed case (or a database that may only be read) shows the same,
read-only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import child_voice
from jeugdtool.framework.child_voice_dto import StoryDTO
from jeugdtool.framework.child_voice_dto import ThreeHousesDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.child.houses_panel import ThreeHousesPanel
from jeugdtool.ui.child.story_panel import StoryPanel
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_page import CaseListPage

#: The tabs of the page.
HOUSES_TAB, STORIES_TAB = 0, 1

#: The child last chosen on the page, per database and case, for as long as jeugdtool runs: the
#: page opens on them again (a case closed and opened again, a page built anew).
_LAST_CHOSEN: dict[tuple[str, int], int] = {}


def children_of(persons: tuple[PersonDTO, ...] | list[PersonDTO]) -> list[PersonDTO]:
    return [p for p in persons if p.role is PersonRole.CHILD]


def first_child_to_show(
    children: list[PersonDTO],
    records: tuple[ThreeHousesDTO, ...],
    stories: tuple[StoryDTO, ...],
    remembered: int | None = None,
) -> int | None:
    """The child the page opens on: the one chosen last (while still a child of the case),
    else the first child with a talk or a story, else the first child (None: no children)."""
    ids = [c.id for c in children]
    if remembered in ids:
        return remembered
    spoken = {r.child_id for r in records} | {s.child_id for s in stories}
    return next((i for i in ids if i in spoken), ids[0] if ids else None)


class ChildVoicePage(CaseListPage):
    """`(ctx, case_id)`: loads when first shown, reloads when the case changes while seen."""

    INTRO = N_(
        "What the children say, in their own words: the Three Houses (worries, good things, "
        "dreams) with a drawing, and the Words & Pictures stories that explain to a child what "
        "happened and what happens now. Write the child's words exactly as said."
    )
    CLOSED = N_(
        "This case is closed: the child's voice is shown as it was. To change it, reopen the case."
    )

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.setObjectName("ChildVoicePage")
        self.children: list[PersonDTO] = []
        self.records: tuple[ThreeHousesDTO, ...] = ()
        self.stories: tuple[StoryDTO, ...] = ()
        self._build()

    def _build(self) -> None:
        self.child_label = QLabel(_("Ch&ild"), self.body)
        self.child = QComboBox(self.body)
        self.child.setAccessibleName(_("Child"))
        self.child.setMinimumContentsLength(18)
        self.child_label.setBuddy(self.child)
        self.pdf_button = QPushButton(_("PDF for the child…"), self.body)
        self.pdf_button.setToolTip(
            _("The child's own document: their three houses and their stories, in large type")
        )
        self.side_by_side = QCheckBox(_("Houses side by si&de"), self.body)
        self.side_by_side.setToolTip(
            _(
                "In the PDF for the child, the three houses next to each other on one landscape "
                "page, the drawing below them (else one house a page)"
            )
        )
        top = QHBoxLayout()
        top.addWidget(self.child_label)
        top.addWidget(self.child)
        top.addStretch(1)
        top.addWidget(self.side_by_side)
        top.addWidget(self.pdf_button)
        self.rows.addLayout(top)
        self.tabs = QTabWidget(self.body)
        self.houses = ThreeHousesPanel(self.ctx, self.tabs)
        self.story = StoryPanel(self.ctx, self.tabs)
        self.tabs.addTab(self.houses, _("Three ho&uses"))
        self.tabs.addTab(self.story, _("Words && &pictures"))
        self.rows.addWidget(self.tabs, 1)
        self.child.currentIndexChanged.connect(lambda _i: self._chosen())
        self.pdf_button.clicked.connect(self.save_pdf)
        self.setFocusProxy(self.child)

    # ---- showing ---------------------------------------------------------------------------

    def load(self) -> None:
        assert self.case is not None
        self.children = children_of(self.case.persons)
        self.records = child_voice.list_three_houses(self.ctx.uow, self.case_id)
        self.stories = child_voice.list_stories(self.ctx.uow, self.case_id)

    def clear(self) -> None:
        self.children, self.records, self.stories = [], (), ()

    def child_id(self) -> int | None:
        value = self.child.currentData()
        return value if isinstance(value, int) else None

    def _memory_key(self) -> tuple[str, int]:
        return (str(self.ctx.database.location), self.case_id)

    def _chosen(self) -> None:
        """The user chose another child: remember them for this case, and show them."""
        chosen = self.child_id()
        if chosen is not None:
            _LAST_CHOSEN[self._memory_key()] = chosen
        self.show_rows()

    def show_rows(self) -> None:
        chosen = self.child_id()
        ids = [c.id for c in self.children]
        if [self.child.itemData(i) for i in range(self.child.count())] != ids or any(
            self.child.itemText(i) != c.full_name for i, c in enumerate(self.children)
        ):
            if chosen not in ids:  # the page's first showing, or the child left the case
                remembered = _LAST_CHOSEN.get(self._memory_key())
                chosen = first_child_to_show(self.children, self.records, self.stories, remembered)
            self.child.blockSignals(True)
            self.child.clear()
            for person in self.children:
                self.child.addItem(person.full_name, person.id)
            self.child.setCurrentIndex(ids.index(chosen) if chosen in ids else 0)
            self.child.blockSignals(False)
        chosen = self.child_id()
        self.child.setEnabled(bool(self.children))
        self.houses.set_child(
            self.case_id,
            chosen,
            [r for r in self.records if r.child_id == chosen],
            self.editable,
        )
        self.story.set_child(
            self.case_id,
            chosen,
            [s for s in self.stories if s.child_id == chosen],
            self.editable,
        )
        has_any = chosen is not None and (
            any(r.child_id == chosen for r in self.records)
            or any(s.child_id == chosen for s in self.stories)
        )
        self.pdf_button.setEnabled(has_any)
        self.side_by_side.setEnabled(has_any)

    def choose_child(self, child_id: int) -> None:
        index = self.child.findData(child_id)
        if index >= 0:
            self.child.setCurrentIndex(index)

    # ---- the child's PDF -------------------------------------------------------------------

    def save_pdf(self) -> Path | None:
        """Ask where, write the chosen child's document and say where it went: the file, or
        None (cancelled, or the reason was shown and nothing was written)."""
        from jeugdtool.export.pdf.child_voice import child_voice_file_name
        from jeugdtool.export.pdf.child_voice import write_child_voice

        from jeugdtool.ui.export.pdf_dialog import ask_pdf_target
        from jeugdtool.ui.export.pdf_dialog import wait_cursor
        from jeugdtool.ui.workspace.disclosures import pdf_saved

        if self.case is None:  # asked for from the Case menu before the page was shown
            self.reload()
        chosen = self.child_id()
        child = next((c for c in self.children if c.id == chosen), None)
        if child is None or self.case is None:
            self.ctx.dialogs.info(_("Choose a child first."))
            return None
        number = self.case.household.case_number
        target = ask_pdf_target(
            self.ctx,
            _("Save the document for {name}").format(name=child.first_name),
            child_voice_file_name(number, child.position),
        )
        if target is None:
            return None
        try:
            with wait_cursor():
                written = write_child_voice(
                    self.ctx.uow,
                    self.case_id,
                    child.id,
                    target,
                    side_by_side=self.side_by_side.isChecked(),
                )
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc), _("PDF not saved"))
            return None
        pdf_saved(
            self.ctx,
            written,
            self.case_id,
            _(
                "The document for {name} was saved as {path}. Go through it together with "
                "the child."
            ).format(name=child.first_name, path=written.path),
            _("PDF saved"),
        )
        return Path(written.path)
