"""Undo commands for the child's voice: Three Houses records, their drawing, Words & Pictures
stories and their pages (text, picture, order).

Each calls the child's voice services only (see `ui/commands.py` for how `execute` and a failed
undo/redo behave). Every step expects the row as the user last saw it, so a colleague's later
change is never overwritten: the step is refused instead. A removal keeps the service's
snapshot and puts back the same rows (pictures included) with the same ids.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Hashable
from collections.abc import Mapping
from typing import Any

from jeugdtool.framework import child_voice
from jeugdtool.framework.child_voice_dto import StoryDTO
from jeugdtool.framework.child_voice_dto import StoryPageDTO
from jeugdtool.framework.child_voice_dto import ThreeHousesDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import FieldCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.plan.plan_commands import MoveSectionRowCommand

#: Command id for merging the saves of one visit to a text field of the child's voice.
EDIT_CHILD_TEXT_ID = 1901

#: What undo shows for an edit of each field ("Undo: Change house of worries").
FIELD_TEXTS: dict[str, str] = {
    "held_on": N_("Change date of the talk"),
    "talked_with": N_("Change who talked with the child"),
    "worries": N_("Change house of worries"),
    "good_things": N_("Change house of good things"),
    "dreams": N_("Change house of dreams"),
    "title": N_("Change title of the story"),
    "text": N_("Change text of the page"),
}


class EditChildVoiceCommand(FieldCommand):
    """Change one field of a record, story or page through `service(row_id, {field: value},
    expected=…)` (update_three_houses, update_story, update_story_page). The saves of one visit
    to a text field (one `visit`) merge into one undo step."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        service: Callable[..., Any],
        row_id: int,
        field: str,
        old: Any,
        new: Any,
        visit: int | None = None,
    ):
        text = _(FIELD_TEXTS.get(field, N_("Change the child's voice")))
        super().__init__(ctx, case_id, text, service, row_id, field, old, new)
        self.visit = visit

    def id(self) -> int:
        return EDIT_CHILD_TEXT_ID if self.visit is not None else -1

    def merge_key(self) -> Hashable | None:
        if self.visit is None:
            return None
        return (self.visit, self.service, self.row_id, self.field)

    def pending_key(self) -> Hashable:
        return ("child-voice", self.service, self.row_id, self.field)


# ---- Three Houses ----------------------------------------------------------------------------


class AddThreeHousesCommand(AddCommand):
    """A new talk about the three houses with a child (`fields`: child_id, held_on,
    talked_with, and the houses' words if any); undo removes it only as added."""

    remove = staticmethod(child_voice.remove_three_houses)
    restore = staticmethod(child_voice.restore_three_houses)

    def __init__(self, ctx: AppContext, case_id: int, fields: Mapping[str, Any]):
        super().__init__(ctx, case_id, _("Add talk about the three houses"))
        self.fields = dict(fields)

    def first(self) -> None:
        self.dto = self.ctx.run(child_voice.add_three_houses, self.case_id, **self.fields)


class RemoveThreeHousesCommand(RemoveCommand):
    """Remove a talk (its drawing goes with it); undo puts both back."""

    remove = staticmethod(child_voice.remove_three_houses)
    restore = staticmethod(child_voice.restore_three_houses)

    def __init__(self, ctx: AppContext, dto: ThreeHousesDTO):
        super().__init__(ctx, dto.household_id, dto, _("Remove talk about the three houses"))


class _SetPictureCommand(ServiceCommand):
    """Put in, replace or take away the picture of a row through `service(row_id, image,
    expected=…)`. Undo puts the former picture back (its bytes, read before), only while the
    row's picture is still the one this step set."""

    #: The service (set_drawing or set_page_picture) and the DTO field naming the picture.
    service: Callable[..., Any]
    FIELD: str

    def __init__(self, ctx: AppContext, case_id: int, row: Any, image: bytes | None, text: str):
        super().__init__(ctx, case_id, text)
        self.row_id = row.id
        self.new_image = image
        old_id = getattr(row, self.FIELD)
        #: The picture before, to put back on undo (the bytes as stored).
        self.old_image = child_voice.picture(ctx.uow, old_id).data if old_id else None
        #: The picture id the row had when last seen: the next step expects it.
        self.seen: int | None = old_id

    def _set(self, image: bytes | None) -> None:
        dto = self.ctx.run(type(self).service, self.row_id, image, expected={self.FIELD: self.seen})
        self.seen = getattr(dto, self.FIELD)

    def replay(self) -> None:
        self._set(self.new_image)

    def revert(self) -> None:
        self._set(self.old_image)


class SetDrawingCommand(_SetPictureCommand):
    """Add, replace or remove the drawing of a Three Houses record."""

    service = staticmethod(child_voice.set_drawing)
    FIELD = "drawing_id"

    def __init__(self, ctx: AppContext, record: ThreeHousesDTO, image: bytes | None):
        text = _("Add drawing") if image is not None else _("Remove drawing")
        super().__init__(ctx, record.household_id, record, image, text)


# ---- Words & Pictures --------------------------------------------------------------------------


class AddStoryCommand(AddCommand):
    """A new story for a child (`child_id`, `title`); undo removes it only as added."""

    remove = staticmethod(child_voice.remove_story)
    restore = staticmethod(child_voice.restore_story)

    def __init__(self, ctx: AppContext, case_id: int, child_id: int, title: str):
        super().__init__(ctx, case_id, _("Add story"))
        self.child_id, self.title = child_id, title

    def first(self) -> None:
        self.dto = self.ctx.run(
            child_voice.add_story, self.case_id, child_id=self.child_id, title=self.title
        )


class RemoveStoryCommand(RemoveCommand):
    """Remove a story with its pages and their pictures; undo puts them all back."""

    remove = staticmethod(child_voice.remove_story)
    restore = staticmethod(child_voice.restore_story)

    def __init__(self, ctx: AppContext, dto: StoryDTO):
        super().__init__(ctx, dto.household_id, dto, _("Remove story"))


class AddStoryPageCommand(AddCommand):
    """A new page in a story (at `position`, or at the end); undo removes it only as added."""

    remove = staticmethod(child_voice.remove_story_page)
    restore = staticmethod(child_voice.restore_story_page)

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        story_id: int,
        text: str = "",
        position: int | None = None,
    ):
        super().__init__(ctx, case_id, _("Add page"))
        self.story_id, self.text_, self.position = story_id, text, position

    def first(self) -> None:
        self.dto = self.ctx.run(
            child_voice.add_story_page, self.story_id, text=self.text_, position=self.position
        )


class RemoveStoryPageCommand(RemoveCommand):
    """Remove a page (and its picture); the pages after it move up; undo puts it back."""

    remove = staticmethod(child_voice.remove_story_page)
    restore = staticmethod(child_voice.restore_story_page)

    def __init__(self, ctx: AppContext, dto: StoryPageDTO):
        super().__init__(ctx, dto.household_id, dto, _("Remove page"))


def move_page_command(
    ctx: AppContext, case_id: int, page: StoryPageDTO, position: int
) -> MoveSectionRowCommand:
    """Move a story page to `position` (1-based); undo moves it back, only from where this
    step left it."""
    return MoveSectionRowCommand(
        ctx, case_id, child_voice.move_story_page, page.id, page.position, position, _("Move page")
    )


class SetPagePictureCommand(_SetPictureCommand):
    """Add, replace or remove the picture of a story page."""

    service = staticmethod(child_voice.set_page_picture)
    FIELD = "picture_id"

    def __init__(self, ctx: AppContext, page: StoryPageDTO, image: bytes | None):
        text = _("Add picture") if image is not None else _("Remove picture")
        super().__init__(ctx, page.household_id, page, image, text)
