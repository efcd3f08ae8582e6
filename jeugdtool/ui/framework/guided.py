"""Guided mode: fill the map with the family one cell at a time, in the method's order.

Each step shows the cell's questions for the family and examples of good items, what the cell
already holds, and a field to add items quickly; the scale comes last, then a summary of what
is still empty. Every item is saved at once through the map's undo commands.

Nothing typed is lost: Next (Alt+→) first adds the text in the field; Back, Skip and jumping
keep it as a draft that comes back with the cell; Done adds every draft still waiting.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QProgressBar
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.framework import moments
from jeugdtool.framework import prompts
from jeugdtool.framework.dto import MomentDetail
from jeugdtool.framework.dto import Source
from jeugdtool.framework.speakers import default_speaker
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute_inline
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework.commands import MAP_ENTITIES
from jeugdtool.ui.framework.commands import AddMapItemCommand
from jeugdtool.ui.framework.commands import StartMomentCommand
from jeugdtool.ui.framework.commands import execute
from jeugdtool.ui.framework.guided_pages import EntryPanel
from jeugdtool.ui.framework.guided_pages import GuidePanel
from jeugdtool.ui.framework.guided_pages import ScaleStep
from jeugdtool.ui.framework.guided_pages import StartPage
from jeugdtool.ui.framework.guided_pages import SummaryPage
from jeugdtool.ui.framework.guided_pages import button
from jeugdtool.ui.framework.item_dialog import source_choices
from jeugdtool.ui.framework.moment_bar import present_names
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading

CASE_ENTITIES = ("household", "person", "network_member")


@dataclass(frozen=True)
class Draft:
    """Text typed in a cell and not yet added, with who said it."""

    text: str
    source: Source
    worry_kind: WorryKind | None


class GuidedMapping(QWidget):
    """One cell at a time; `finished` when the user is done (the workspace shows the map)."""

    finished = Signal()
    #: The user chose what comes next from the summary (payload: "statements", "scale" or
    #: "plan"); the map is saved and `finished` was emitted first.
    next_page_requested = Signal(str)

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self.mode = CaseMode.SAFETY
        #: The mapping moment being filled (None until started or chosen).
        self.moment: MomentDetail | None = None
        #: The cells in the method's order; the step after the last cell is the scale.
        self.order = prompts.guided_order()
        self.step = 0
        self.drafts: dict[Cell, Draft] = {}
        #: Who said it was chosen by the user: kept for every cell from then on. Until then
        #: each cell starts with its own default (`speakers.default_speaker`).
        self.speaker_chosen = False
        self.pages = QStackedWidget(self)
        self.start_page = StartPage(self)
        self.step_page = QWidget(self)
        self.summary_page = SummaryPage(self)
        self._build_step_page()
        for page in (self.start_page, self.step_page, self.summary_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._connect()
        self._load_case()
        self._choose_moment()

    # ---- building --------------------------------------------------------------------------

    @property
    def step_count(self) -> int:
        """The cells plus the scale."""
        return len(self.order) + 1

    def _build_step_page(self) -> None:
        page = self.step_page
        self.progress = QProgressBar(page)
        self.progress.setRange(0, self.step_count)
        self.progress.setTextVisible(True)
        self.progress.setFixedWidth(260)
        self.column = QLabel("", page)
        style_text(self.column, Role.MUTED, "font-weight: bold;")
        self.moment_line = QLabel("", page)
        style_text(self.moment_line, Role.MUTED)
        self.title = heading("", page, scale=1.6)
        self.title.setWordWrap(True)
        self.explanation = WrappingLabel("", page)
        self.guide = GuidePanel(page)
        self.entry = EntryPanel(page)
        self.scale_box = ScaleStep(self.ctx, self.case_id, page)
        self.score_input = self.scale_box.score_input
        self.back_button = button(_("← &Back"), page)
        self.back_button.setToolTip(_("Previous step (Alt+←); what is typed stays here"))
        self.skip_button = button(_("S&kip"), page)
        self.skip_button.setToolTip(_("Go on without adding; what is typed stays here"))
        self.summary_button = button(_("Su&mmary"), page)
        self.summary_button.setToolTip(_("What is still empty"))
        self.next_button = button(_("&Next →"), page)
        self.next_button.setToolTip(_("Add what is typed and go to the next step (Alt+→)"))
        top = QHBoxLayout()
        top.addWidget(self.progress)
        top.addSpacing(12)
        top.addWidget(self.column, 1)
        top.addWidget(self.moment_line, 0, Qt.AlignmentFlag.AlignRight)
        body = QHBoxLayout()
        body.addWidget(self.guide, 5)
        body.addWidget(self.entry, 6)
        body.addWidget(self.scale_box, 6)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.skip_button)
        nav.addWidget(self.summary_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout = vbox(page, top, self.title, self.explanation, margins=(24, 12, 24, 12))
        layout.addSpacing(6)
        layout.addLayout(body, 1)
        layout.addLayout(nav)
        chain = [
            self.entry.input,
            self.entry.source,
            self.entry.other_name,
            self.entry.worry_kind,
            self.entry.add_button,
            self.guide.weak_toggle,
            self.back_button,
            self.skip_button,
            self.summary_button,
            self.next_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        for keys, slot in (("Alt+Right", self.next_step), ("Alt+Left", self.back_step)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.entry.input.submitted.connect(self.add_typed)
        self.entry.source.activated.connect(self._speaker_was_chosen)
        self.entry.add_button.clicked.connect(self.add_typed)
        self.back_button.clicked.connect(self.back_step)
        self.skip_button.clicked.connect(self.skip_step)
        self.summary_button.clicked.connect(self._leave_to_summary)
        self.next_button.clicked.connect(self.next_step)
        self.start_page.start_requested.connect(self.start_moment)
        self.start_page.continue_requested.connect(self.continue_latest)
        self.summary_page.jump_requested.connect(self.jump_to)
        self.summary_page.back_requested.connect(lambda: self.go_to(self.step_count - 1))
        self.summary_page.done_requested.connect(self.finish)
        self.summary_page.next_requested.connect(self.go_on_to)
        self.ctx.signals.changed.connect(self._on_changed)

    # ---- loading ---------------------------------------------------------------------------

    def _load_case(self) -> None:
        self.detail = queries.get_case(self.ctx.uow, self.case_id)
        self.mode = self.detail.household.mode
        self.entry.set_sources(source_choices(self.detail, self.ctx.user.name))
        self.scale_box.score_input.reload()

    def _people(self) -> list[str]:
        """Who can be present: the consultant, the household, the network."""
        consultant = _("{name} (consultant)").format(name=self.ctx.user.name)
        return [consultant, *present_names(self.detail)]

    def _choose_moment(self, focus: bool = True) -> None:
        """Today's moment: go on with it. None yet, or an older one: ask on the start page."""
        latest = moments.latest_moment(self.ctx.uow, self.case_id)
        if latest is not None and latest.moment.held_on == dt.date.today():
            self.moment = latest
            self.go_to(0)
            return
        self.moment = None
        page = self.start_page
        people = self._people()
        page.set_people(people, page.ticked() or people[:1])
        page.error.show_message(None)
        if latest is None:
            page.text.setText(
                _(
                    "This case has no mapping moment yet. Tick who is present; a moment dated "
                    "today is started and you fill it cell by cell."
                )
            )
            page.start_button.setText(_("&Start mapping"))
            page.continue_button.hide()
        else:
            day = format_date_nl(latest.moment.held_on)
            page.text.setText(
                _(
                    "The latest mapping moment is of {date}. Start a new moment for today (a "
                    "copy of the latest, so you work on from where you were), or continue the "
                    "latest moment."
                ).format(date=day)
            )
            page.start_button.setText(_("&Start a new moment for today"))
            page.continue_button.setText(_("&Continue the moment of {date}").format(date=day))
            page.continue_button.show()
        self.pages.setCurrentWidget(page)
        if focus:
            page.present.setFocus()

    def _reload_moment(self) -> None:
        if self.moment is None:
            return
        try:
            found = moments.get_moment(self.ctx.uow, self.moment.moment.id)
        except NotFound:  # its start was undone
            self._choose_moment()
            return
        if not found.moment.editable:  # a newer moment was started elsewhere: work on that one
            found = moments.latest_moment(self.ctx.uow, self.case_id) or found
        self.moment = found
        self._refresh_page()

    def _on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches_case(self.case_id):
            return
        if changes.touches(*CASE_ENTITIES):
            try:
                self._load_case()
            except NotFound:
                return
            if self.moment is None:
                self._choose_moment(focus=False)  # the names to tick changed
            self._refresh_page()
        if changes.touches(*MAP_ENTITIES):
            self._reload_moment()

    # ---- starting ---------------------------------------------------------------------------

    def start_moment(self) -> None:
        present = self.start_page.ticked()
        command = StartMomentCommand(
            self.ctx, self.case_id, self.ctx.user.name, dt.date.today(), present
        )
        try:
            execute(self.ctx, command)
        except JeugdtoolError as exc:
            self.start_page.error.show_message(str(exc))
            return
        self.moment = moments.latest_moment(self.ctx.uow, self.case_id)
        self.go_to(0)

    def continue_latest(self) -> None:
        self.moment = moments.latest_moment(self.ctx.uow, self.case_id)
        if self.moment is not None:
            self.go_to(0)

    # ---- moving between steps ------------------------------------------------------------------

    @property
    def on_summary(self) -> bool:
        return self.pages.currentWidget() is self.summary_page

    @property
    def on_step(self) -> bool:
        return self.pages.currentWidget() is self.step_page

    def current_cell(self) -> Cell | None:
        """The cell of the step shown (None on the scale step and off the step pages)."""
        if self.on_step and self.step < len(self.order):
            return self.order[self.step]
        return None

    def go_to(self, step: int) -> None:
        """Show `step` (0 = the first cell; len(order) = the scale; beyond: the summary)."""
        if self.moment is None:
            return
        if step >= self.step_count:
            self.show_summary()
            return
        self.step = max(step, 0)
        self.pages.setCurrentWidget(self.step_page)
        self._refresh_page()
        cell = self.current_cell()
        if cell is not None:
            draft = self.drafts.pop(cell, None)
            self.entry.reset_worry()
            if not self.speaker_chosen:
                self.entry.choose_source(default_speaker(cell, self.ctx.user.name))
            self.entry.input.setPlainText(draft.text if draft else "")
            if draft is not None:
                self._restore_choices(draft)
            self.entry.error.show_message(None)
            self.entry.input.setFocus()
        else:
            self.score_input.setFocus()

    def _restore_choices(self, draft: Draft) -> None:
        row = self.entry.index_of(draft.source)
        if draft.source.kind is SourceKind.OTHER:
            row = self.entry.source.count() - 1
            self.entry.other_name.setText(draft.source.label)
        if row >= 0:
            self.entry.source.setCurrentIndex(row)
        kind = self.entry.worry_kind.findData(draft.worry_kind)
        self.entry.worry_kind.setCurrentIndex(max(kind, 0))

    def _speaker_was_chosen(self, _row: int) -> None:
        self.speaker_chosen = True

    def _keep_draft(self) -> None:
        """Leaving a cell without adding: what is typed waits in that cell."""
        cell = self.current_cell()
        if cell is None:
            return
        text = self.entry.input.toPlainText()
        if text.strip():
            self.drafts[cell] = Draft(text, self.entry.chosen_source(), self._worry_kind(cell))
        else:
            self.drafts.pop(cell, None)
        self.entry.input.clear()

    def next_step(self) -> None:
        """Add what is typed (staying if that fails), then the next step."""
        if self.on_step:
            cell = self.current_cell()
            saved = self.add_typed() if cell is not None else self.scale_box.save_pending()
            if saved:
                self.go_to(self.step + 1)

    def back_step(self) -> None:
        if self.on_summary:
            self.go_to(self.step_count - 1)
        elif self.on_step and self.step > 0:
            self._keep_draft()
            self.go_to(self.step - 1)

    def skip_step(self) -> None:
        if self.on_step:
            self._keep_draft()
            self.go_to(self.step + 1)

    def jump_to(self, cell: Cell) -> None:
        self._keep_draft()
        self.go_to(self.order.index(Cell(cell)))

    def _leave_to_summary(self) -> None:
        self._keep_draft()
        self.show_summary()

    # ---- adding ------------------------------------------------------------------------------

    def _worry_kind(self, cell: Cell) -> WorryKind | None:
        return self.entry.worry_kind.currentData() if cell.is_worry else None

    def add_typed(self) -> bool:
        """Save the text in the field as an item of the current cell. False if it failed (the
        message shows under the field and the text stays)."""
        cell = self.current_cell()
        text = self.entry.input.toPlainText().strip()
        if cell is None or self.moment is None or not text:
            return True
        draft = Draft(text, self.entry.chosen_source(), self._worry_kind(cell))
        if not self._add(cell, draft):
            return False
        self.entry.input.clear()
        self.entry.reset_worry()
        self.entry.input.setFocus()
        return True

    def _add(self, cell: Cell, draft: Draft) -> bool:
        assert self.moment is not None
        fields: dict[str, object] = {"text": draft.text, "source": draft.source}
        if cell.is_worry:
            fields["worry_kind"] = draft.worry_kind
        command = AddMapItemCommand(self.ctx, self.case_id, self.moment.moment.id, cell, fields)
        return execute_inline(self.ctx, command, self.entry.error)

    # ---- showing -----------------------------------------------------------------------------

    def _refresh_page(self) -> None:
        if self.moment is None:
            return
        if self.on_summary:
            self.show_summary()
        elif self.on_step:
            self._show_step()

    def _show_step(self) -> None:
        assert self.moment is not None
        number = self.step + 1
        self.progress.setValue(number)
        self.progress.setFormat(_("Step {n} of {total}").format(n=number, total=self.step_count))
        moment = self.moment.moment
        self.moment_line.setText(
            _("Mapping moment of {date}").format(date=format_date_nl(moment.held_on))
        )
        cell = self.current_cell()
        self.entry.setVisible(cell is not None)
        self.scale_box.setVisible(cell is None)
        self.skip_button.setEnabled(True)
        self.back_button.setEnabled(self.step > 0)
        if cell is None:
            self._show_scale()
            return
        guide = prompts.cell_guide(cell, self.mode)
        self.column.setText(prompts.column_title(cell.column, self.mode))
        self.title.setText(guide.title)
        self.explanation.setText(guide.explanation)
        self.guide.show_guide(
            guide.questions, guide.good_examples, guide.weak_example, guide.weak_why
        )
        self.entry.show_items(
            _("Already in this cell ({n})").format(n=len(self.moment.cells.get(cell, ()))),
            self.moment.cells.get(cell, ()),
        )
        self.entry.show_worry(cell.is_worry)
        self.next_button.setText(_("&Next →"))

    def _show_scale(self) -> None:
        scale = prompts.scale_guide(self.mode)
        self.column.setText(_("The scale"))
        self.title.setText(scale.title)
        self.explanation.setText(scale.explanation)
        self.guide.show_guide(scale.questions, (), None)
        self.next_button.setText(_("&Next: summary →"))

    def show_summary(self) -> None:
        if self.moment is None:
            return
        self.pages.setCurrentWidget(self.summary_page)
        rows: list[tuple[Cell, str, str]] = []
        filled = 0
        for cell in self.order:
            has_items = bool(self.moment.cells.get(cell))
            filled += has_items
            draft = cell in self.drafts
            if has_items and not draft:
                continue
            if draft:
                state = _("text typed, not yet added (Done adds it)")
                if not has_items:
                    state = _("empty; text typed, not yet added (Done adds it)")
            else:
                state = _("empty")
            rows.append((cell, prompts.cell_title(cell, self.mode), state))
        self.summary_page.show_cells(rows, filled)
        buttons = list(self.summary_page.jump_buttons.values())
        (buttons[0] if buttons else self.summary_page.done_button).setFocus()

    def finish(self) -> None:
        """Done: save what still waits (see `save_pending`), then `finished`."""
        if self.save_pending():
            self.finished.emit()

    def go_on_to(self, page: str) -> None:
        """A next step of the method: done here (what waits is saved), then that page."""
        if self.save_pending():
            self.finished.emit()
            self.next_page_requested.emit(page)

    def save_pending(self) -> bool:
        """Save the text in the field, the drafts and a half-entered score, e.g. before the
        workspace closes guided mode. What cannot be saved is shown where it was typed, with
        its message; False then."""
        if self.current_cell() is not None and not self.add_typed():
            return False
        if self.scale_box.pending():
            self.go_to(self.step_count - 1)
            if not self.scale_box.save_pending():
                return False
        for cell in list(self.drafts):
            draft = self.drafts.pop(cell)
            if not self._add(cell, draft):
                message = self.entry.error.text()
                self.drafts[cell] = draft
                self.go_to(self.order.index(cell))  # puts the draft back in the field
                self.entry.error.show_message(message)
                return False
        return True
