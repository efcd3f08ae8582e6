"""The safety plan of a case: its versions, what it answers, the agreements (a table with SMART
badges plus a detail form), who accepted them, the plan's own sections, and finalising.

Only the newest version can change, and only while it is a draft; a finalised version is shown
as it was, read-only. Every change is an undoable command; finalising is not (it is confirmed).
Autosave: the agreement form saves as a whole when the focus leaves it (or with Ctrl+Enter);
each of the plan's own sections saves when the user leaves it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PartyDTO
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.commands import show_failure
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.plan import approval_commands as ac
from jeugdtool.ui.plan import plan_commands as pc
from jeugdtool.ui.plan.acceptance_commands import AcceptForAllCommand
from jeugdtool.ui.plan.agreement_form import AgreementForm
from jeugdtool.ui.plan.agreement_model import AgreementTableModel
from jeugdtool.ui.plan.approval_dialogs import DecisionDialog
from jeugdtool.ui.plan.approval_dialogs import SubmitDialog
from jeugdtool.ui.plan.approval_panel import ApprovalPanel
from jeugdtool.ui.plan.approval_review import ReviewState
from jeugdtool.ui.plan.approval_review import add_to_next_meeting
from jeugdtool.ui.plan.approval_review import open_decision
from jeugdtool.ui.plan.compare_dialog import CompareDialog
from jeugdtool.ui.plan.family_goals import PlanFamilyGoals
from jeugdtool.ui.plan.finalise_dialog import FinaliseDialog
from jeugdtool.ui.plan.fix_targets import open_target
from jeugdtool.ui.plan.network_flags import PlanNetworkAndFlags
from jeugdtool.ui.plan.plan_parts import PlanSections
from jeugdtool.ui.plan.plan_parts import StatementsBox
from jeugdtool.ui.plan.plan_parts import people_choices
from jeugdtool.ui.plan.plan_parts import serves_choices
from jeugdtool.ui.plan.plan_parts import short
from jeugdtool.ui.plan.plan_parts import version_label
from jeugdtool.ui.plan.reviews import PlanReviews
from jeugdtool.ui.plan.zrm_links import ZrmLink
from jeugdtool.ui.plan.zrm_links import load_links
from jeugdtool.ui.plan.zrm_links import zrm_line
from jeugdtool.ui.special_mark import MarkAgreementCommand
from jeugdtool.ui.special_mark import MarkChildrenToldCommand
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.workspace.member_section import MemberSection

#: Entities whose change can alter what this page shows.
WATCHED = (
    "plan_version",
    "agreement",
    "agreement_party",
    "plan_network_role",
    "red_flag",
    "family_goal",
    "statement",
    "mapping_moment",
    "household",
    "person",
    "network_member",
    "plan_approval",
    "plan_approval_comment",
)
#: ZRM changes alter only the "ZRM: …" lines (scoring a matrix must not reload the whole plan).
ZRM_WATCHED = ("zrm_assessment", "zrm_domain_score")
BANNER_STYLE = (
    "background: #fff3e0; color: #5d3a00; border: 1px solid #e0a050;"
    " border-radius: 4px; padding: 6px 10px;"
)
#: Rows of the agreements table before it scrolls itself.
TABLE_ROWS = 7


class PlanPage(StaleWhileHidden, QWidget):
    """`(ctx, case_id)`; reloads itself when the case's plan, statements or people change — at
    once while seen, else once when shown again."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.case: CaseDetail | None = None
        self.versions: list[PlanVersionDTO] = []
        self.detail: PlanDetail | None = None
        #: Lineage of a safety goal or agreement -> the ZRM focus domains linked to it.
        self.zrm_links: dict[str, tuple[ZrmLink, ...]] = {}
        #: The version shown; None follows the newest.
        self._chosen: int | None = None
        #: The agreement to show in the form after the next reload.
        self._select_id: int | None = None
        self._committing = False
        self._build()
        ctx.signals.changed.connect(self._on_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.reload()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.version_combo = QComboBox(self)
        self.version_combo.setAccessibleName(_("Version of the plan"))
        self.version_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.version_combo.activated.connect(self._version_chosen)
        self.new_draft_button = QPushButton(_("&New draft"), self)
        self.new_draft_button.setToolTip(_("Start a new draft, a copy of the newest version"))
        self.new_draft_button.clicked.connect(self.start_draft)
        self.finalise_button = QPushButton(_("Fin&alise…"), self)
        self.finalise_button.clicked.connect(self.finalise)
        self.compare_button = QPushButton(_("Compare…"), self)
        self.compare_button.setToolTip(_("What changed since the version before"))
        self.compare_button.clicked.connect(self.compare)
        version_label_ = QLabel(_("Vers&ion"), self)
        version_label_.setBuddy(self.version_combo)
        # Never squeezed under the combo box (it was, in a narrow workspace).
        version_label_.setMinimumWidth(version_label_.sizeHint().width())
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 8, 12, 4)
        bar.addWidget(heading(_("Safety plan"), self, 1.3))
        bar.addSpacing(12)
        bar.addWidget(version_label_)
        bar.addSpacing(6)  # the label's last letter never touches the combo box's frame
        bar.addWidget(self.version_combo)
        bar.addStretch(1)
        for button in (self.compare_button, self.new_draft_button, self.finalise_button):
            bar.addWidget(button)

        self.banner = WrappingLabel("", self)
        self.banner.setObjectName("read-only-banner")
        self.banner.setStyleSheet(BANNER_STYLE)
        #: The review (toetsing) of the version shown: its state, comments and steps.
        self.review = ReviewState()
        self.approval_panel = ApprovalPanel(self)
        self.approval_panel.submit_requested.connect(self.submit_for_review)
        self.approval_panel.withdraw_requested.connect(self.withdraw_from_review)
        self.approval_panel.decide_requested.connect(self.decide_review)
        self.approval_panel.agenda_requested.connect(self.add_to_next_meeting)
        submit_key = QShortcut(QKeySequence("Ctrl+Shift+T"), self, self.submit_for_review)
        submit_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        #: The reviewer's comment on the agreement in the form (shown above the form).
        self.agreement_comment = WrappingLabel("", self)
        self.agreement_comment.setObjectName("agreement-review-comment")
        self.agreement_comment.setStyleSheet(BANNER_STYLE)
        self.agreement_comment.hide()
        self.empty = muted(
            _(
                "This family has no safety plan yet. Start a draft to write the agreements the "
                "family and network make."
            ),
            self,
        )

        self.model = AgreementTableModel(self)
        self.table = MemberSection(_("Agreements"), self.model, _("No agreements yet."), self)
        self.table.add_button.setText(_("New agreement"))
        self.table.edit_button.setText(_("Edit"))
        self.table.add_requested.connect(self.new_agreement)
        self.table.edit_requested.connect(lambda _dto: self.form.what.setFocus())
        self.table.remove_requested.connect(self.remove_agreement)
        self.table.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.person_filter = QComboBox(self)
        self.person_filter.setAccessibleName(_("Agreements of"))
        self.person_filter.currentIndexChanged.connect(lambda *_a: self._show_rows())
        self.filter_label = QLabel(_("Agree&ments of"), self)
        self.filter_label.setBuddy(self.person_filter)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_label)
        filter_row.addWidget(self.person_filter)
        filter_row.addStretch(1)

        self.form = AgreementForm(self)
        self.form.commit_requested.connect(self.commit_form)
        self.form.mark_requested.connect(self.mark_agreement)
        self.form.acceptance.recorded.connect(self.record_acceptance)
        self.form.acceptance.all_accepted.connect(self.accept_for_all)
        self.statements = StatementsBox(self)
        self.family_goals = PlanFamilyGoals(self.ctx, self.case_id, self)
        self.sections = PlanSections(self._commit_section, self)
        self.sections.mark_requested.connect(self.mark_children_told)
        self.network_flags = PlanNetworkAndFlags(self.ctx, self.case_id, self)
        self.reviews = PlanReviews(self.ctx, self.case_id, self)
        self.reviews.seen_with(self)  # it hides itself when there is no version

        self.body = QWidget(self)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(12, 4, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(self.approval_panel)
        layout.addWidget(self.empty)
        layout.addLayout(filter_row)
        layout.addWidget(self.table)
        layout.addWidget(self.agreement_comment)
        layout.addWidget(self.form)
        layout.addWidget(self.statements)
        layout.addWidget(self.family_goals)
        layout.addWidget(self.sections)
        layout.addWidget(self.network_flags)
        layout.addWidget(self.reviews)
        layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(bar)
        outer.addWidget(self.scroll, 1)
        self.setFocusProxy(self.table.table)

    # ---- loading -------------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches_case(self.case_id):
            return
        if changes.touches(*WATCHED):
            if not self.is_seen():
                self._parts_follow_the_page()
            self.reload_when_seen()
        elif changes.touches(*ZRM_WATCHED) and not self.is_seen():
            self.stale = True  # the links are read again with the rest, when shown
        elif changes.touches(*ZRM_WATCHED):
            self.zrm_links = load_links(self.ctx.uow, self.case_id)
            if self.detail is not None:
                self.statements.show_plan(self.detail, self.zrm_links)
                self._show_rows()

    def _parts_follow_the_page(self) -> None:
        """The page's reload, when shown, passes each part its version anew: the parts that
        noted the same change need not read it again first."""
        for part in (self.family_goals, self.network_flags, self.reviews):
            part.stale = False

    def reload(self) -> None:
        uow = self.ctx.uow
        try:
            self.case = queries.get_case(uow, self.case_id)
            self.versions = plans.list_versions(uow, self.case_id)
            self.zrm_links = load_links(uow, self.case_id)
        except NotFound:
            self.setEnabled(False)
            return
        shown = next((x for x in self.versions if x.id == self._chosen), None)
        shown = shown or (self.versions[-1] if self.versions else None)
        self.detail = plans.get_plan(uow, shown.id) if shown is not None else None
        self.review = ReviewState.load(self.ctx, self.case_id, self.plan, self.versions)
        self._show_versions()
        self._show_plan()

    @property
    def plan(self) -> PlanVersionDTO | None:
        return self.detail.plan if self.detail is not None else None

    @property
    def case_open(self) -> bool:
        """Whether the plan may change at all (`AppContext.can_edit`)."""
        return self.case is not None and self.ctx.can_edit(self.case.household)

    @property
    def editable(self) -> bool:
        """Only a draft of an open case changes."""
        return self.case_open and self.plan is not None and not self.plan.is_final

    def _show_versions(self) -> None:
        combo = self.version_combo
        combo.blockSignals(True)
        combo.clear()
        for version in reversed(self.versions):
            combo.addItem(version_label(version), version.id)
        combo.setCurrentIndex(max(0, combo.findData(self.plan.id if self.plan else None)))
        combo.blockSignals(False)
        combo.setEnabled(bool(self.versions))
        newest = self.versions[-1] if self.versions else None
        self.new_draft_button.setVisible(self.case_open and (newest is None or newest.is_final))
        self.finalise_button.setVisible(self.editable)
        self.compare_button.setVisible(self.plan is not None and self.plan.number > 1)

    def _show_plan(self) -> None:
        detail, has_plan = self.detail, self.detail is not None
        self.empty.setVisible(not has_plan)
        for widget in (
            self.table,
            self.form,
            self.statements,
            self.family_goals,
            self.sections,
            self.network_flags,
        ):
            widget.setVisible(has_plan)
        self.reviews.set_plan(detail)
        self.person_filter.setVisible(has_plan)
        self.filter_label.setVisible(has_plan)
        self._show_banner()
        if detail is None:
            self.form.show_agreement(None)
            return
        assert self.case is not None
        self.form.set_choices(people_choices(self.case), serves_choices(detail))
        self._fill_filter(detail)
        self._show_rows()
        self.table.set_editable(self.editable)
        self.form.set_editable(self.editable)
        self.form.set_markable(self.case_open)
        self.statements.show_plan(detail, self.zrm_links, self.review.comments)
        self.sections.show_plan(detail.plan, self.editable, markable=self.case_open)
        people = people_choices(self.case)
        self.family_goals.set_plan(detail, self.editable, people, markable=self.case_open)
        self.network_flags.set_plan(detail, self.editable, people)

    def _show_banner(self) -> None:
        self.approval_panel.show_approval(
            self.plan,
            self.review.approval,
            may_submit=self.case_open and self.review.may_submit,
            may_withdraw=self.case_open and self.review.may_withdraw,
            may_decide=self.review.may_decide,
            may_plan_meeting=self.case_open,
        )
        plan, text = self.plan, ""
        if plan is not None and plan.is_final:
            text = _(
                "Version {n}, finalised on {date} by {who}; it does not change any more."
            ).format(n=plan.number, date=format_date_nl(plan.finalised_on), who=plan.finalised_by)
            if plan.override_reason:
                text += " " + _("Finalised although not ready, because: {reason}").format(
                    reason=plan.override_reason
                )
            newest = self.versions[-1] if self.versions else None
            if newest is not None and newest.id != plan.id:
                text += " " + _("A newer version exists.")
        elif plan is not None and not self.case_open:
            text = self.ctx.locked_note(_("This case is closed; reopen it to change the plan."))
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _fill_filter(self, detail: PlanDetail) -> None:
        keep = self.person_filter.currentData()
        names = sorted({name for a in detail.agreements for name in a.who}, key=str.casefold)
        self.person_filter.blockSignals(True)
        self.person_filter.clear()
        self.person_filter.addItem(_("Everyone"), None)
        for name in names:
            self.person_filter.addItem(name, name)
        self.person_filter.setCurrentIndex(max(0, self.person_filter.findData(keep)))
        self.person_filter.blockSignals(False)

    def shown_agreements(self) -> tuple[AgreementDTO, ...]:
        """The agreements the table shows: all, or those of the person chosen in the filter."""
        if self.detail is None:
            return ()
        person = self.person_filter.currentData()
        return tuple(a for a in self.detail.agreements if person is None or person in a.who)

    def _show_rows(self) -> None:
        if self.detail is None:
            return
        results = plan_finalise.smart_of(self.detail)
        keep = self._select_id
        if keep is None and self.form.agreement is not None:
            keep = self.form.agreement.id
        rows = self.shown_agreements()
        was, self._committing = self._committing, True  # selecting rows must not save the form
        try:
            self.table.set_rows(rows, results=results, zrm=self.zrm_links)
            self._fit_table()
            row = self.model.row_of(keep) if keep is not None else -1
            if row < 0 and rows and (self.form.agreement is not None or not self.form.dirty):
                row = 0
            if row >= 0:
                self.table.select_row(row)
            else:
                self.table.table.selectionModel().clear()
        finally:
            self._committing = was
        self._select_id = None
        self._show_in_form(self.model.row_at(row) if row >= 0 else None)

    def _fit_table(self) -> None:
        table = self.table.table
        for column in AgreementTableModel.LETTER_COLUMNS:
            table.setColumnWidth(column, 26)
        for column, width in ((AgreementTableModel.WHO, 170), (AgreementTableModel.WHEN, 170)):
            table.setColumnWidth(column, min(table.columnWidth(column), width))
        table.setColumnWidth(
            AgreementTableModel.CHECK, min(table.columnWidth(AgreementTableModel.CHECK), 200)
        )
        shown = min(max(self.model.rowCount(), 3), TABLE_ROWS)
        row = table.verticalHeader().defaultSectionSize()
        header = table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(header + shown * row + 2 * table.frameWidth() + 2)

    def _show_in_form(self, agreement: AgreementDTO | None) -> None:
        """Show an agreement in the form; unsaved typing in the same agreement is kept."""
        if self.detail is None:
            return
        comment = self.review.agreement_comment(agreement)
        self.agreement_comment.setText(comment)
        self.agreement_comment.setVisible(bool(comment))
        self.form.show_zrm(zrm_line(self.zrm_links, agreement.lineage) if agreement else "")
        if self.form.dirty and (
            (agreement is None and self.form.agreement is None)
            or (
                agreement is not None
                and self.form.agreement is not None
                and agreement.id == self.form.agreement.id
            )
        ):
            if agreement is not None:
                self.form.rebase(agreement)
            return
        self.form.show_agreement(agreement, self.detail.plan, self._agreements())

    def _agreements(self) -> tuple[AgreementDTO, ...]:
        return self.detail.agreements if self.detail is not None else ()

    # ---- the agreement form ----------------------------------------------------------------

    def _row_changed(self, current: Any, previous: Any) -> None:
        if self._committing:
            return
        if self.form.dirty and not self.commit_form():
            self._committing = True  # stay on the agreement that could not be saved
            try:
                if self.form.agreement is not None:
                    self.table.select_row(self.model.row_of(self.form.agreement.id))
                else:
                    self.table.table.clearSelection()
            finally:
                self._committing = False
            return
        self._show_in_form(self.model.row_at(current.row()) if current.isValid() else None)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Autosave: the form saves when the focus leaves it."""
        try:
            inside_old = old is not None and self.form.isAncestorOf(old)
            inside_new = new is not None and self.form.isAncestorOf(new)
        except RuntimeError:  # the page is being destroyed
            return
        if inside_old and not inside_new and self.form.dirty and not self._committing:
            self.commit_form()

    def new_agreement(self) -> None:
        """Ins: an empty form for a new agreement, the focus in "what"."""
        if not self.editable or (self.form.dirty and not self.commit_form()):
            return
        self._committing = True
        try:
            self.table.table.selectionModel().clear()
        finally:
            self._committing = False
        self.form.show_agreement(None, self.plan, self._agreements())
        self.scroll.ensureWidgetVisible(self.form.what)
        self.form.what.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def commit_form(self) -> bool:
        """Save the form as one undoable step; False when it could not be saved."""
        form, plan = self.form, self.plan
        if not form.dirty or plan is None or not self.editable:
            return True
        if self._committing:
            return False
        try:
            values = form.values()
        except InvalidInput as exc:
            form.show_problems(exc.problems)
            return False
        before = form.agreement
        if before is None:
            command: ServiceCommand = pc.AddAgreementCommand(
                self.ctx, self.case_id, plan.id, values
            )
        else:
            command = pc.EditAgreementCommand(self.ctx, self.case_id, before, values)
            if not command.changes_anything:
                form.dirty = False
                form.show_agreement(before, plan, self._agreements())
                return True
        form.dirty = False  # the reload the command causes shows what was saved
        self._committing = True
        try:
            execute(self.ctx, command)
        except InvalidInput as exc:
            form.dirty = True
            form.show_problems(exc.problems)
            return False
        except JeugdtoolError as exc:
            form.dirty = True
            show_failure(self.ctx, self.case_id, exc)
            return False
        finally:
            self._committing = False
        if isinstance(command, pc.AddAgreementCommand) and command.dto is not None:
            self._select_id = command.dto.id
        self.reload()
        self.ctx.signals.status_message.emit(_("Agreement saved."))
        return True

    def remove_agreement(self, dto: AgreementDTO) -> None:
        question = _("Remove agreement {n}?\n{what}").format(n=dto.position, what=short(dto.what))
        if self.ctx.dialogs.confirm(question, _("Remove agreement")):
            self.form.dirty = False
            self._run(pc.RemoveAgreementCommand(self.ctx, self.case_id, dto))

    def mark_agreement(self, category: str) -> None:
        """Mark the agreement in the form as a special category, or clear it (undoable; in a
        finalised version too). What is typed and not saved yet stays in the form."""
        agreement = self.form.agreement
        if agreement is not None and self.case_open:
            self._run(MarkAgreementCommand(self.ctx, self.case_id, agreement, category))

    def mark_children_told(self, category: str) -> None:
        """Mark how the children are told as a special category, or clear it (undoable; in a
        finalised version too)."""
        if self.plan is not None and self.case_open:
            self._run(MarkChildrenToldCommand(self.ctx, self.case_id, self.plan, category))

    def accept_for_all(self, on: dt.date, how: AcceptedHow) -> None:
        """ "Everyone has accepted" (how, when) for the agreement in the form (undoable)."""
        agreement = self.form.agreement
        if agreement is None or (self.form.dirty and not self.commit_form()):
            return
        agreement = self.form.agreement
        if agreement is not None:
            self._run(AcceptForAllCommand(self.ctx, self.case_id, agreement, on, how))

    def record_acceptance(
        self, party: PartyDTO, accepted: bool | None, on: dt.date | None, how: AcceptedHow | None
    ) -> None:
        agreement = self.form.agreement
        if agreement is None:
            return
        if self.form.dirty:  # first what was typed: acceptance is of the agreement as saved
            if not self.commit_form():
                return
            agreement = self.form.agreement
            party = pc.find_party(agreement, party.source) if agreement else None
            if agreement is None or party is None:
                return
        self._run(
            pc.RecordAcceptanceCommand(
                self.ctx, self.case_id, agreement, party, accepted, on=on, how=how
            )
        )

    # ---- the plan ---------------------------------------------------------------------------

    def _commit_section(self, field: str, value: Any, origin: QWidget) -> None:
        if self.plan is not None and self.editable:
            command = pc.EditPlanCommand(self.ctx, self.plan, field, value)
            execute(self.ctx, command, origin=origin)  # a fault keeps it, marked (pending.py)

    def _version_chosen(self, index: int) -> None:
        if self.form.dirty and not self.commit_form():
            return
        chosen = self.version_combo.itemData(index)
        newest = self.versions[-1].id if self.versions else None
        self._chosen = None if chosen == newest else chosen
        self.reload()

    def show_version(self, version_id: int | None) -> None:
        """Show an earlier version (read-only when finalised), or None: the newest."""
        self._chosen = version_id
        self.reload()

    def start_draft(self) -> None:
        self._chosen = None
        self._run(pc.StartDraftCommand(self.ctx, self.case_id))

    def finalise(self) -> FinaliseDialog | None:
        """Open the finalise dialog (non-modal, returned for tests); None if nothing to do."""
        if not self.commit_form() or self.plan is None or not self.editable:
            return None
        plan = self.plan
        ready = plan_finalise.readiness(self.ctx.uow, plan.id)

        def submit(reason: str | None) -> None:
            self.ctx.run(
                plan_finalise.finalise, plan.id, by=self.ctx.user.name, override_reason=reason
            )
            self.ctx.signals.status_message.emit(
                _("Version {n} of the safety plan is finalised.").format(n=plan.number)
            )

        dialog = FinaliseDialog(plan, ready, submit, self)
        dialog.target_requested.connect(lambda kind, key: open_target(self, kind, key))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def compare(self) -> CompareDialog | None:
        plan = self.plan
        older = [x for x in self.versions if plan is not None and x.number < plan.number]
        if plan is None or not older:
            return None
        comparison = plan_finalise.compare_versions(self.ctx.uow, older[-1].id, plan.id)
        labels = dict(serves_choices(self.detail)) if self.detail is not None else {}
        dialog = CompareDialog(comparison, self, labels)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _run(self, command: ServiceCommand) -> None:
        run_command(self.ctx, self.case_id, command)

    # ---- review (toetsing) ----------------------------------------------------------------

    def submit_for_review(self) -> SubmitDialog | None:
        """Ctrl+Shift+T: submit the finalised version shown to a reviewer (non-modal dialog,
        returned for tests); None when it cannot be submitted now."""
        plan = self.plan
        if plan is None or not plan.is_final or not self.case_open or not self.review.may_submit:
            if plan is not None and not plan.is_final and self.editable:
                self.ctx.signals.status_message.emit(
                    _("Finalise the plan first; then it can be submitted for review.")
                )
            return None

        def submit(reviewer_id: int | None, reviewer: str, note: str) -> None:
            command = ac.SubmitApprovalCommand(
                self.ctx,
                self.case_id,
                plan.id,
                reviewer_id=reviewer_id,
                reviewer=reviewer,
                note=note,
            )
            execute(self.ctx, command)
            self.ctx.signals.status_message.emit(
                _("Version {n} is submitted for review.").format(n=plan.number)
            )

        dialog = SubmitDialog(
            plan,
            team_mode=self.ctx.team_mode,
            choices=self.review.reviewer_choices(self.ctx),
            due_on=self.review.due_on(self.ctx),
            submit=submit,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def withdraw_from_review(self) -> None:
        approval = self.review.approval
        if approval is None or not self.review.may_withdraw:
            return
        if self.ctx.dialogs.confirm(
            _("Withdraw version {n} from review?").format(n=approval.version_number),
            _("Withdraw from review"),
        ):
            self._run(ac.WithdrawApprovalCommand(self.ctx, approval))

    def add_to_next_meeting(self) -> None:
        """Put the case on the next reflective-practice meeting's agenda (undoable)."""
        if self.case is None or not self.case_open:
            return
        household = self.case.household
        add_to_next_meeting(self.ctx, self.case_id, f"{household.case_number} {household.name}")

    def decide_review(self) -> DecisionDialog | None:
        """The reviewer's decision on the version shown (non-modal, returned for tests)."""
        approval, detail = self.review.approval, self.detail
        if approval is None or detail is None or not self.review.may_decide:
            return None
        return open_decision(self.ctx, approval, detail, self)
