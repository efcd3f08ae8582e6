"""Undo commands for the child's voice: Three Houses records, their drawing, Words & Pictures
stories and their pages (text, picture, order).

Each calls the child's voice services only (see `ui/commands.py` for how `execute` and a failed
undo/redo behave). Every step expects the row as the user last saw it, so a colleague's later
change is never overwritten: the step is refused instead. A removal keeps the service's
snapshot and puts back the same rows (pictures included) with the same ids.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from jeugdtool.framework import child_voice
from jeugdtool.framework.child_voice_dto import StoryDTO
from jeugdtool.framework.child_voice_dto import StoryPageDTO
from jeugdtool.framework.child_voice_dto import ThreeHousesDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.commands import AddRowCommand
from jeugdtool.ui.commands import RemoveRowCommand
from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import VisitFieldCommand
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


class EditChildVoiceCommand(VisitFieldCommand):
    """Change one field of a record, story or page through `service(row_id, {field: value},
    expected=…)` (update_three_houses, update_story, update_story_page). The saves of one visit
    to a text field (one `visit`) merge into one undo step."""

    MERGE_ID = EDIT_CHILD_TEXT_ID
    ROW_KIND = "child-voice"

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
        super().__init__(ctx, case_id, text, service, row_id, field, old, new, visit)


# ---- adding and removing ------------------------------------------------------------------

THREE_HOUSES = RowServices.named(child_voice, "three_houses")
STORIES = RowServices.named(child_voice, "story")
STORY_PAGES = RowServices.named(child_voice, "story_page")


class _AddChildVoiceCommand(AddRowCommand):
    """`AddRowCommand` for the child's voice services, which take the fields as keywords:
    `add(parent_id, **fields)`."""

    def first(self) -> None:
        self.dto = self.ctx.run(self.services.add, self.parent_id, **self.fields)


class AddThreeHousesCommand(_AddChildVoiceCommand):
    """A new talk about the three houses with a child (`fields`: child_id, held_on,
    talked_with, and the houses' words if any); undo removes it only as added."""

    def __init__(self, ctx: AppContext, case_id: int, fields: Mapping[str, Any]):
        text = _("Add talk about the three houses")
        super().__init__(ctx, case_id, case_id, THREE_HOUSES, fields, text)


class RemoveThreeHousesCommand(RemoveRowCommand):
    """Remove a talk (its drawing goes with it); undo puts both back."""

    def __init__(self, ctx: AppContext, dto: ThreeHousesDTO):
        text = _("Remove talk about the three houses")
        super().__init__(ctx, dto.household_id, THREE_HOUSES, dto, text)


class SetPictureCommand(ServiceCommand):
    """Put in, replace or take away the picture of a row through `service(row_id, image,
    expected=…)`. Undo puts the former picture back (its bytes, read before), only while the
    row's picture is still the one this step set."""

    #: The service (set_drawing or set_page_picture) and the DTO field naming the picture.
    service: Callable[..., Any]
    FIELD: str
    #: What undo shows when the step puts a picture in, and when it takes it away (msgids).
    TEXTS: tuple[str, str]

    def __init__(self, ctx: AppContext, row: Any, image: bytes | None):
        put_in, take_away = self.TEXTS
        super().__init__(ctx, row.household_id, _(put_in) if image is not None else _(take_away))
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


class SetDrawingCommand(SetPictureCommand):
    """Add, replace or remove the drawing of a Three Houses record."""

    service = staticmethod(child_voice.set_drawing)
    FIELD = "drawing_id"
    TEXTS = (N_("Add drawing"), N_("Remove drawing"))


# ---- Words & Pictures --------------------------------------------------------------------------


class AddStoryCommand(_AddChildVoiceCommand):
    """A new story for a child (`child_id`, `title`); undo removes it only as added."""

    def __init__(self, ctx: AppContext, case_id: int, child_id: int, title: str):
        fields = {"child_id": child_id, "title": title}
        super().__init__(ctx, case_id, case_id, STORIES, fields, _("Add story"))


class RemoveStoryCommand(RemoveRowCommand):
    """Remove a story with its pages and their pictures; undo puts them all back."""

    def __init__(self, ctx: AppContext, dto: StoryDTO):
        super().__init__(ctx, dto.household_id, STORIES, dto, _("Remove story"))


class AddStoryPageCommand(_AddChildVoiceCommand):
    """A new page in a story (at `position`, or at the end); undo removes it only as added."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        story_id: int,
        text: str = "",
        position: int | None = None,
    ):
        fields = {"text": text, "position": position}
        super().__init__(ctx, case_id, story_id, STORY_PAGES, fields, _("Add page"))


class RemoveStoryPageCommand(RemoveRowCommand):
    """Remove a page (and its picture); the pages after it move up; undo puts it back."""

    def __init__(self, ctx: AppContext, dto: StoryPageDTO):
        super().__init__(ctx, dto.household_id, STORY_PAGES, dto, _("Remove page"))


def move_page_command(
    ctx: AppContext, case_id: int, page: StoryPageDTO, position: int
) -> MoveSectionRowCommand:
    """Move a story page to `position` (1-based); undo moves it back, only from where this
    step left it."""
    return MoveSectionRowCommand(
        ctx, case_id, child_voice.move_story_page, page.id, page.position, position, _("Move page")
    )


class SetPagePictureCommand(SetPictureCommand):
    """Add, replace or remove the picture of a story page."""

    service = staticmethod(child_voice.set_page_picture)
    FIELD = "picture_id"
    TEXTS = (N_("Add picture"), N_("Remove picture"))
