"""Destroying a case takes the child's voice with it — Three Houses talks, stories, their pages
and every picture — names each in the report, and leaves none of a drawing's bytes in the
database file (the destruction scrubs the freed pages)."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from jeugdtool.cases import destruction
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases.destruction import Ground
from jeugdtool.framework import child_voice
from jeugdtool.i18n import _
from jeugdtool.models import Base
from jeugdtool.store import team_sql
from jeugdtool.store.uow import UnitOfWork

DAY = dt.date(2026, 6, 1)
NEW_TABLES = ("three_houses", "child_stories", "child_story_pages", "child_voice_pictures")


def _noise_png() -> bytes:
    """A picture whose stored bytes are long and unlike anything else in the file."""
    image = Image.effect_noise((96, 96), 80).convert("RGB")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_destruction_takes_every_part_of_the_childs_voice(uow: UnitOfWork) -> None:
    case = households.create_case(
        uow, name="Gezin Weg", case_number="2026-0067", opened_on=DAY
    ).value
    noa = members.add_person(uow, case.id, {"first_name": "Noa", "role": "child"}).value
    record = child_voice.add_three_houses(
        uow, case.id, child_id=noa.id, held_on=DAY, talked_with="A. de Boer", worries="bang"
    ).value
    drawing = child_voice.set_drawing(uow, record.id, _noise_png()).value.drawing_id
    kept = child_voice.picture(uow, drawing).data
    story = child_voice.add_story(uow, case.id, child_id=noa.id, title="Jouw verhaal").value
    page = child_voice.add_story_page(uow, story.id, text="Er was ruzie.").value
    child_voice.set_page_picture(uow, page.id, _noise_png())
    households.close_case(uow, case.id, "Hulp afgerond", dt.date(2026, 11, 20))
    done = destruction.destroy_case(
        uow, "2026-0067", "Bewaartermijn verstreken", Ground.RETENTION, by=""
    )
    lines = dict(destruction.summary(done))
    for table in NEW_TABLES:
        assert done.removed.get(table), table
        assert lines[_(destruction.PART_LABELS[table])] == done.removed[table], table
    assert done.removed["child_voice_pictures"] == 2
    assert set(NEW_TABLES) <= set(team_sql.case_tables(Base.metadata))
    path = uow.database.location.path
    on_disk = b"".join(
        p.read_bytes() for p in (path, *path.parent.glob(path.name + "-*")) if p.is_file()
    )
    assert kept[100:164] not in on_disk
