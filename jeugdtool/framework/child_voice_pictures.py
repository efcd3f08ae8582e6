"""The pictures of the child's voice: a Three Houses record's drawing and a story page's
picture, stored in the database (child_voice_models.ChildVoicePicture). Each is checked and
cleaned first (child_voice_rules.clean_image); setting one replaces the one there was, under a
new id. The services of child_voice.py and the case-file import store them through here."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import Generic
from typing import TypeVar

from sqlalchemy import select

from jeugdtool.framework._common import open_row
from jeugdtool.framework.child_voice_models import ChildStoryPage
from jeugdtool.framework.child_voice_models import ChildVoicePicture
from jeugdtool.framework.child_voice_models import ThreeHouses
from jeugdtool.framework.child_voice_rules import CleanImage
from jeugdtool.framework.child_voice_rules import clean_image
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_values
from jeugdtool.store.rows import committed
from jeugdtool.store.uow import UnitOfWork


def pictures_of(uow: UnitOfWork, column: Any, owner_ids: Sequence[int]) -> dict[int, int]:
    """owner id → picture id, for the owners (records or pages) that have a picture."""
    if not owner_ids:
        return {}
    rows = uow.session.execute(select(column, ChildVoicePicture.id).where(column.in_(owner_ids)))
    return {owner: picture_id for owner, picture_id in rows}


def _replace_picture(
    uow: UnitOfWork, household_id: int, owner: Mapping[str, int], image: CleanImage | None
) -> None:
    """Inside an open unit of work: remove the picture of `owner` ({column: id}) if there is
    one, and store `image` in its place (None: no picture)."""
    ((column, owner_id),) = owner.items()
    old = uow.session.scalar(
        select(ChildVoicePicture).where(getattr(ChildVoicePicture, column) == owner_id)
    )
    if old is not None:
        uow.session.delete(old)
        uow.flush()
    if image is not None:
        uow.session.add(picture_row(household_id, image, **owner))
        uow.flush()


def picture_row(household_id: int, image: CleanImage, **owner: int) -> ChildVoicePicture:
    """The row that stores a checked picture for `owner` (three_houses_id= or page_id=); also
    used by the case-file import."""
    return ChildVoicePicture(
        household_id=household_id,
        media_type=image.media_type,
        width=image.width,
        height=image.height,
        data=image.data,
        **owner,
    )


def _cleaned(image: bytes | None, field: str) -> CleanImage | None:
    return clean_image(image, field=field) if image is not None else None


_Owner = TypeVar("_Owner", ThreeHouses, ChildStoryPage)
T = TypeVar("T")


@dataclass(frozen=True)
class PictureOwner(Generic[_Owner]):
    """What has a picture: a record (its drawing) or a story page (its picture)."""

    model: type[_Owner]
    #: The picture's column naming its owner.
    column: str
    #: The field a problem with the image is reported on; "<field>_id" in undo's `expected`.
    field: str


def set_picture(
    uow: UnitOfWork,
    owner: PictureOwner[_Owner],
    row_id: int,
    image: bytes | None,
    expected: Expected,
    read: Callable[[UnitOfWork, _Owner], T],
) -> Outcome[T]:
    """Add, replace or take away (None) the picture of a record or a page (the services
    child_voice.set_drawing and set_page_picture)."""
    cleaned = _cleaned(image, owner.field)
    key = f"{owner.field}_id"
    with uow:
        row = open_row(uow, owner.model, row_id)
        if expected is not None:
            column = getattr(ChildVoicePicture, owner.column)
            now = pictures_of(uow, column, [row.id]).get(row.id)
            ensure_values({key: now}, {key: expected.get(key)})
        _replace_picture(uow, row.household_id, {owner.column: row.id}, cleaned)
        return committed(uow, lambda: read(uow, row))
