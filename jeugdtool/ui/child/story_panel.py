"""Words & Pictures for one child: the stories made for the child, the chosen story's pages in
order, and the chosen page — its text and picture — with a preview of the story as the child
will see it.

Keys on the list of pages: Ins adds a page after the chosen one, Del removes it, Alt+Up and
Alt+Down move it. Every change is saved at once and undoable; a refused text stays as typed with
its message under the field.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import child_voice
from jeugdtool.framework.child_voice_dto import StoryDTO
from jeugdtool.framework.child_voice_dto import StoryPageDTO
from jeugdtool.i18n import _

from jeugdtool.ui.child.commands import AddStoryCommand
from jeugdtool.ui.child.commands import AddStoryPageCommand
from jeugdtool.ui.child.commands import RemoveStoryCommand
from jeugdtool.ui.child.commands import RemoveStoryPageCommand
from jeugdtool.ui.child.commands import SetPagePictureCommand
from jeugdtool.ui.child.commands import move_page_command
from jeugdtool.ui.child.houses import words_font
from jeugdtool.ui.child.panel import ChildVoicePanel
from jeugdtool.ui.child.panel import PictureSlot
from jeugdtool.ui.child.panel import choice_list
from jeugdtool.ui.child.panel import fill_list
from jeugdtool.ui.child.panel import hint_label
from jeugdtool.ui.child.panel import key_action
from jeugdtool.ui.child.pictures import PicturePreview
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings.fields import SavingLine
from jeugdtool.ui.meetings.fields import TextBinding
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.zrm.domain_form import NoteEdit

#: A page in the list: its number and the start of its text.
PAGE_LABEL_CHARS = 40


def page_label(page: StoryPageDTO) -> str:
    text = " ".join(page.text.split())
    if len(text) > PAGE_LABEL_CHARS:
        text = text[: PAGE_LABEL_CHARS - 1] + "…"
    mark = " ▣" if page.picture_id is not None else ""
    shown = text or _("(empty page)")
    return f"{page.position}. {shown}{mark}"


class StoryPanel(ChildVoicePanel):
    """`set_child(case_id, child_id, stories, editable)` shows one child's stories."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.stories: list[StoryDTO] = []
        self.story: StoryDTO | None = None
        self.page: StoryPageDTO | None = None
        self._build()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.stories_label, self.story_list = choice_list(_("&Stories"), _("Stories"), self)
        self.add_story_button = QPushButton(_("&New story"), self)
        self.add_story_button.setToolTip(_("A new story for this child (key: Ins)"))
        self.remove_story_button = QPushButton(_("Remove stor&y"), self)
        column1 = QVBoxLayout()
        column1.addWidget(self.stories_label)
        column1.addWidget(self.story_list, 1)
        column1.addWidget(self.add_story_button)
        column1.addWidget(self.remove_story_button)
        self.title = SavingLine(self)
        self.title_error = ErrorLabel(self)
        title_label = QLabel(_("Tit&le"), self)
        title_label.setBuddy(self.title)
        self.pages_label, self.page_list = choice_list(_("Pa&ges"), _("Pages of the story"), self)
        self.add_page_button = QPushButton(_("&Add page"), self)
        self.add_page_button.setToolTip(_("A new page after the chosen one (key: Ins)"))
        self.up_button = QPushButton(_("Move up"), self)
        self.up_button.setToolTip(_("Move the page up (key: Alt+Up)"))
        self.down_button = QPushButton(_("Move down"), self)
        self.down_button.setToolTip(_("Move the page down (key: Alt+Down)"))
        self.remove_page_button = QPushButton(_("Re&move page"), self)
        self.remove_page_button.setToolTip(_("Remove the chosen page (key: Del)"))
        self.preview_button = QPushButton(_("Preview…"), self)
        self.preview_button.setToolTip(_("The story as the child will see it"))
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        column2 = QVBoxLayout()
        column2.addWidget(title_label)
        column2.addWidget(self.title)
        column2.addWidget(self.title_error)
        column2.addWidget(self.pages_label)
        column2.addWidget(self.page_list, 1)
        column2.addWidget(self.add_page_button)
        column2.addLayout(moves)
        column2.addWidget(self.remove_page_button)
        column2.addWidget(self.preview_button)
        self.text = NoteEdit(self)
        self.text.setFont(words_font(self.text.font()))
        self.text.setPlaceholderText(_("What this page tells the child, in short sentences"))
        self.text_error = ErrorLabel(self)
        text_label = QLabel(_("Te&xt of the page"), self)
        text_label.setBuddy(self.text)
        self.picture = PicturePreview(_("No picture on this page"), self, height=170)
        self.add_picture = QPushButton(_("Add pictu&re…"), self)
        self.remove_picture = QPushButton(_("Remove the picture"), self)
        self.picture_error = ErrorLabel(self)
        self.picture_slot = PictureSlot(
            self.picture,
            self.add_picture,
            self.remove_picture,
            self.picture_error,
            SetPagePictureCommand,
            _("Add pictu&re…"),
            _("Replace pictu&re…"),
            _("Add a picture to the page"),
        )
        picture_buttons = QHBoxLayout()
        picture_buttons.addWidget(self.add_picture)
        picture_buttons.addWidget(self.remove_picture)
        picture_buttons.addStretch(1)
        self.page_box = QWidget(self)
        column3 = QVBoxLayout(self.page_box)
        column3.setContentsMargins(0, 0, 0, 0)
        column3.addWidget(text_label)
        column3.addWidget(self.text)
        column3.addWidget(self.text_error)
        column3.addWidget(self.picture)
        column3.addLayout(picture_buttons)
        column3.addWidget(self.picture_error)
        column3.addStretch(1)
        self.story_box = QWidget(self)
        self.story_box.setLayout(column2)
        column2.setContentsMargins(0, 0, 0, 0)
        self.empty = hint_label(self)
        self.page_empty = hint_label(self)
        right = QVBoxLayout()
        right.addWidget(self.page_empty)
        right.addWidget(self.page_box, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(14)
        left = QWidget(self)
        left.setLayout(column1)
        column1.setContentsMargins(0, 0, 0, 0)
        left.setMaximumWidth(220)
        self.story_box.setMaximumWidth(300)
        layout.addWidget(left)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.story_box)
        layout.addLayout(right, 1)
        self.title_binding = TextBinding(self.title, self.title_error, self._save_title)
        self.text_binding = TextBinding(self.text, self.text_error, self._save_text)
        self.story_list.currentRowChanged.connect(self._story_chosen)
        self.page_list.currentRowChanged.connect(self._page_chosen)
        self.add_story_button.clicked.connect(self.add_story)
        self.remove_story_button.clicked.connect(self.remove_story)
        self.add_page_button.clicked.connect(self.add_page)
        self.remove_page_button.clicked.connect(self.remove_page)
        self.up_button.clicked.connect(lambda: self.move_page(-1))
        self.down_button.clicked.connect(lambda: self.move_page(1))
        self.preview_button.clicked.connect(self.show_preview)
        self.add_picture.clicked.connect(self.choose_page_picture)
        self.remove_picture.clicked.connect(self.clear_page_picture)
        self.story_keys = [
            key_action(self.story_list, "Ins", self.add_story),
            key_action(self.story_list, "Del", self.remove_story),
        ]
        self.page_keys = [
            key_action(self.page_list, "Ins", self.add_page),
            key_action(self.page_list, "Del", self.remove_page),
            key_action(self.page_list, "Alt+Up", lambda: self.move_page(-1)),
            key_action(self.page_list, "Alt+Down", lambda: self.move_page(1)),
        ]
        order = [
            self.story_list,
            self.add_story_button,
            self.remove_story_button,
            self.title,
            self.page_list,
            self.add_page_button,
            self.up_button,
            self.down_button,
            self.remove_page_button,
            self.preview_button,
            self.text,
            self.add_picture,
            self.remove_picture,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    # ---- showing ---------------------------------------------------------------------------

    def set_child(
        self, case_id: int, child_id: int | None, stories: list[StoryDTO], editable: bool
    ) -> None:
        same_child = child_id == self.child_id
        keep_story = self.story.id if self.story is not None and same_child else None
        keep_page = self.page.id if self.page is not None and same_child else None
        self.case_id, self.child_id, self.editable = case_id, child_id, editable
        self.stories = list(stories)
        self._filling = True
        try:
            items = [(story.id, story.title) for story in self.stories]
            row = fill_list(self.story_list, items, keep_story)
        finally:
            self._filling = False
        self._show_story(self.stories[row] if row >= 0 else None, keep_page)

    def _story_chosen(self, row: int) -> None:
        if not self._filling:
            self._show_story(self.stories[row] if 0 <= row < len(self.stories) else None, None)

    def _show_story(self, story: StoryDTO | None, keep_page: int | None) -> None:
        same = story is not None and self.story is not None and story.id == self.story.id
        self.story = story
        self.add_story_button.setEnabled(self.editable and self.child_id is not None)
        self.remove_story_button.setEnabled(self.editable and story is not None)
        self.story_box.setVisible(story is not None)
        self.empty.setVisible(story is None)
        if story is None:
            self.empty.setText(self._empty_text())
            self.page_empty.hide()
            self.page_box.hide()
            self.page = None
            return
        self.title.setReadOnly(not self.editable)
        self.title_binding.show(story.title, same_row=same)
        self._filling = True
        try:
            items = [(page.id, page_label(page)) for page in story.pages]
            row = fill_list(self.page_list, items, keep_page)
        finally:
            self._filling = False
        for button in (self.add_page_button,):
            button.setEnabled(self.editable)
        for action in self.page_keys:
            action.setEnabled(self.editable)
        self._show_page(story.pages[row] if row >= 0 else None)

    def _page_chosen(self, row: int) -> None:
        if not self._filling and self.story is not None:
            pages = self.story.pages
            self._show_page(pages[row] if 0 <= row < len(pages) else None)

    def _show_page(self, page: StoryPageDTO | None) -> None:
        same = page is not None and self.page is not None and page.id == self.page.id
        self.page = page
        count = len(self.story.pages) if self.story is not None else 0
        self.remove_page_button.setEnabled(self.editable and page is not None)
        self.up_button.setEnabled(self.editable and page is not None and page.position > 1)
        self.down_button.setEnabled(self.editable and page is not None and page.position < count)
        self.preview_button.setEnabled(count > 0)
        self.page_box.setVisible(page is not None)
        self.page_empty.setVisible(page is None)
        if page is None:
            self.page_empty.setText(
                _("This story has no pages yet. Add one with \u201cAdd page\u201d (Ins).")
                if self.editable
                else _("This story has no pages.")
            )
            return
        self.text.setReadOnly(not self.editable)
        self.text_binding.show(page.text, same_row=same)
        self._show_picture(self.picture_slot, page)

    def _empty_text(self) -> str:
        return self._nothing_text(
            _(
                "No story for this child yet. A Words & Pictures story explains, in a few "
                "pages with pictures, what happened and what happens now. Start one with "
                "\u201cNew story\u201d (Ins)."
            ),
            _("No story for this child."),
        )

    # ---- changing ------------------------------------------------------------------------

    def _save_title(self, text: str, visit: int) -> None:
        story = self.story
        if story is None or not self.editable:
            return
        command = self._edit(child_voice.update_story, story, "title", text, visit)
        self._execute(command, self.title)

    def _save_text(self, text: str, visit: int) -> None:
        page = self.page
        if page is None or not self.editable:
            return
        command = self._edit(child_voice.update_story_page, page, "text", text, visit)
        self._execute(command, self.text)

    def add_story(self) -> StoryDTO | None:
        if not self.editable or self.child_id is None:
            return None
        title = self.ctx.dialogs.ask_text(
            _("What is the story called? (For example: \u201cWhat happened at home\u201d)"),
            _("New story"),
            "",
        )
        if title is None:
            return None
        command = AddStoryCommand(self.ctx, self.case_id, self.child_id, title.strip())
        if not self._run(command) or command.dto is None:
            return None
        self.story = command.dto
        self.page = None
        self.page_list.setFocus()
        return command.dto

    def remove_story(self) -> bool:
        story = self.story
        if not self.editable or story is None:
            return False
        question = _(
            "Remove the story \u201c{title}\u201d with its pages and pictures?\nYou can bring it "
            "back with Undo (Ctrl+Z)."
        ).format(title=story.title)
        command = RemoveStoryCommand(self.ctx, story)
        return self._run_confirmed(question, _("Remove story"), command, self.story_list)

    def add_page(self) -> StoryPageDTO | None:
        """A new, empty page after the chosen one (at the end when none is chosen)."""
        story = self.story
        if not self.editable or story is None:
            return None
        position = self.page.position + 1 if self.page is not None else None
        command = AddStoryPageCommand(self.ctx, self.case_id, story.id, "", position)
        try:
            execute(self.ctx, command)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc), _("Add page"))
            return None
        if command.dto is not None:
            self.page = command.dto
            self._select_page(command.dto.id)
            self.text.setFocus()
        return command.dto

    def _select_page(self, page_id: int) -> None:
        if self.story is None:
            return
        for row, page in enumerate(self.story.pages):
            if page.id == page_id:
                self.page_list.setCurrentRow(row)

    def remove_page(self) -> bool:
        page = self.page
        if not self.editable or page is None:
            return False
        return self._run(RemoveStoryPageCommand(self.ctx, page), self.page_list)

    def move_page(self, delta: int) -> bool:
        page, story = self.page, self.story
        if not self.editable or page is None or story is None:
            return False
        target = page.position + delta
        if not 1 <= target <= len(story.pages):
            return False
        command = move_page_command(self.ctx, self.case_id, page, target)
        return self._run(command, self.page_list)

    def choose_page_picture(self) -> bool:
        return self._choose_picture(self.picture_slot, self.page)

    def set_page_picture(self, data: bytes) -> bool:
        return self._store_picture(self.picture_slot, self.page, data)

    def clear_page_picture(self) -> bool:
        return self._clear_picture(self.picture_slot, self.page)

    def show_preview(self) -> QDialog | None:
        if self.story is None or not self.story.pages:
            return None
        dialog = StoryPreview(self.ctx, self.story, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class StoryPreview(QDialog):
    """The story as the child will see it: each page a card with its picture and its text in
    large type, one below the other."""

    def __init__(self, ctx: AppContext, story: StoryDTO, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StoryPreview")
        self.setWindowTitle(_("Preview: {title}").format(title=story.title))
        body = QWidget()
        pages = QVBoxLayout(body)
        pages.setSpacing(16)
        title = QLabel(story.title, body)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = words_font(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        title.setWordWrap(True)
        pages.addWidget(title)
        for page in story.pages:
            card = QFrame(body)
            card.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(card)
            number = QLabel(
                _("Page {n} of {count}").format(n=page.position, count=len(story.pages)), card
            )
            inner.addWidget(number)
            if page.picture_id is not None:
                preview = PicturePreview("", card, height=260)
                try:
                    preview.set_picture(child_voice.picture(ctx.uow, page.picture_id).data)
                except JeugdtoolError:
                    preview.set_picture(None)
                inner.addWidget(preview)
            text = WrappingLabel(page.text, card)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setFont(words_font(text.font()))
            inner.addWidget(text)
            pages.addWidget(card)
        pages.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(640, 640)
