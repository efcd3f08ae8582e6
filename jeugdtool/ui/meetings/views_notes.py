"""View 7 of a case on the big screen: what the meeting concluded — notes, advice, decisions,
the reflection on the cheapest adequate help, follow-ups. Typed in place once the chair
unlocked editing; each field is saved (undoably) when the cursor leaves it."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.names import NameMask

from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.help.texts import plain_lines
from jeugdtool.ui.meetings.commands import edit_item
from jeugdtool.ui.meetings.views_common import ACCENT
from jeugdtool.ui.meetings.views_common import NOTE
from jeugdtool.ui.meetings.views_common import WORRY
from jeugdtool.ui.meetings.views_common import View
from jeugdtool.ui.meetings.views_common import rule
from jeugdtool.ui.meetings.views_common import sized
from jeugdtool.ui.meetings.views_common import text_label
from jeugdtool.ui.meetings.views_data import CaseData

#: The fields of an agenda item typed in presentation, with their headings.
FIELDS = (
    ("notes", N_("Notes")),
    ("advice", N_("Advice")),
    ("decisions", N_("Decisions")),
    ("cheapest_help", N_("Is the help still the lightest that works?")),
)
LOCKED_STYLE = "QPlainTextEdit { border: none; background: #ffffff; color: #000000; }"
EDIT_STYLE = "QPlainTextEdit { border: 3px solid #000000; background: #ffffff; color: #000000; }"


class ConclusionsView(View):
    name = N_("Advice and decisions")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.item: ItemDTO | None = None
        self.editing = False
        #: Field -> (editor, message under it); built once, kept across cases.
        self.fields: dict[str, tuple[QPlainTextEdit, QWidget]] = {}
        #: Fields whose text holds names while names are hidden: shown masked, not editable.
        self.masked: set[str] = set()
        #: The case's help deployed and its warnings, names hidden as everywhere here.
        self.help_list = text_label("", 0.75, colour=NOTE)
        grid = QGridLayout()
        grid.setHorizontalSpacing(36)
        grid.setVerticalSpacing(6)
        for number, (field, title) in enumerate(FIELDS):
            box = QVBoxLayout()
            box.addWidget(text_label(_(title), 1.0, bold=True, colour=ACCENT))
            box.addWidget(rule(ACCENT))
            editor = QPlainTextEdit()
            editor.setAccessibleName(_(title))
            editor.setTabChangesFocus(True)
            editor.setPlaceholderText(_("Nothing written yet."))
            editor.installEventFilter(self)
            sized(editor, 0.9)
            message = text_label("", 0.75, bold=True, colour=WORRY)
            message.hide()
            box.addWidget(editor, 1)
            box.addWidget(message)
            if field == "cheapest_help":  # what the reflection is about, beside it
                box.addWidget(self.help_list)
            grid.addLayout(box, number // 2, number % 2)
            self.fields[field] = (editor, message)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        holder = QWidget()
        holder.setLayout(grid)
        self.body_layout.addWidget(holder, 1)  # the fields take the height the rest leaves
        self.follow_ups = text_label("", 0.85)
        heading = text_label(_("Follow-up actions"), 1.0, bold=True, colour=ACCENT)
        self.body_layout.addWidget(heading)
        self.body_layout.addWidget(self.follow_ups)
        self.set_editing(False)

    def show_case(self, data: CaseData, item: ItemDTO, mask: NameMask, heading: str) -> None:
        self.show_title(heading)
        switched = self.item is None or self.item.id != item.id
        self.item = item
        self.masked = set()
        for field, (editor, message) in self.fields.items():
            stored = getattr(item, field)
            shown = mask.text(stored)
            if shown != stored:
                self.masked.add(field)
            if switched or not (editor.hasFocus() and editor.document().isModified()):
                editor.setPlainText(shown)
                editor.document().setModified(False)
                message.hide()
        self._follow_ups(item, mask)
        lines = plain_lines(data.help, data.help_warnings)
        self.help_list.setText(mask.text("\n".join(lines)))
        self.help_list.setVisible(bool(lines))
        self.set_editing(self.editing)
        self.fit()

    def _follow_ups(self, item: ItemDTO, mask: NameMask) -> None:
        lines = []
        for f in item.follow_ups:
            parts = [mask.text(f.what)]
            if f.owner:
                parts.append(mask.text(f.owner))
            if f.due_on is not None:
                parts.append(format_date_nl(f.due_on))
            mark = "✓ " if f.done else "• "
            lines.append(mark + " — ".join(parts))
        self.follow_ups.setText("\n".join(lines) or _("None agreed yet."))
        colour = "#000000" if lines else NOTE
        self.follow_ups.setStyleSheet(f"color: {colour}; background: transparent;")

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:  # built once
        pass

    def after_size(self) -> None:
        # Room for two lines at least, to type in once editing is unlocked.
        for editor, _message in self.fields.values():
            # The placeholder is painted with the viewport's font, which the style sheet keeps.
            editor.viewport().setFont(editor.font())
            lines = editor.fontMetrics().lineSpacing() * 2
            editor.setMinimumHeight(lines + 2 * editor.frameWidth() + 12)

    def set_editing(self, editing: bool) -> None:
        self.editing = editing
        for field, (editor, message) in self.fields.items():
            editable = editing and field not in self.masked
            editor.setReadOnly(not editable)
            editor.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if editable else Qt.FocusPolicy.NoFocus
            )
            editor.setStyleSheet(EDIT_STYLE if editable else LOCKED_STYLE)
            if editing and field in self.masked:
                message.setText(_("Contains names: show names (Ctrl+H) to change this text."))
                message.show()
            elif not message.property("error"):
                message.hide()

    def start(self) -> None:
        """Put the cursor in the first field that can be typed in."""
        for editor, _message in self.fields.values():
            if not editor.isReadOnly():
                editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for field, (editor, _message) in self.fields.items():
                if editor is watched:
                    self.commit(field)
        return super().eventFilter(watched, event)

    def commit_all(self) -> None:
        for field in self.fields:
            self.commit(field)

    def commit(self, field: str) -> None:
        """Save the field when it was changed; a refusal shows under it and keeps the text."""
        editor, message = self.fields[field]
        if self.item is None or editor.isReadOnly() or not editor.document().isModified():
            return
        text = editor.toPlainText()
        try:
            execute(self.ctx, edit_item(self.ctx, self.item, field, text), origin=editor)
        except JeugdtoolError as exc:
            message.setProperty("error", True)
            message.setText(str(exc))
            message.show()
            return
        message.setProperty("error", False)
        message.hide()
        editor.document().setModified(False)
