"""The program imports most models only after the case list has been painted (app.py); a
removal before that still takes along, and undo puts back, everything the database removes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap


def test_a_removal_right_after_start_follows_every_cascade(sqlite_demo, tmp_path):
    path = tmp_path / "start.sqlite"
    shutil.copyfile(sqlite_demo.path, path)
    # As at the start: the case tables only (what the list reads), no other package's models.
    script = textwrap.dedent(f"""
        import json, sys
        from sqlalchemy import text
        from jeugdtool.cases import members
        from jeugdtool.store.engine import open_database
        from jeugdtool.store.uow import UnitOfWork

        assert "jeugdtool.models" not in sys.modules and "jeugdtool.zrm.models" not in sys.modules
        database = open_database({str(path)!r})
        uow = UnitOfWork(database, "A. de Boer")
        count = "SELECT count(*) FROM zrm_assessments WHERE person_id = :p"
        with database.engine.connect() as conn:
            person = conn.execute(text("SELECT person_id FROM zrm_assessments LIMIT 1")).scalar()
            before = conn.execute(text(count), {{"p": person}}).scalar()
        taken = members.remove_person(uow, person).value
        with database.engine.connect() as conn:
            gone = conn.execute(text(count), {{"p": person}}).scalar()
        members.restore_person(uow, taken)
        with database.engine.connect() as conn:
            after = conn.execute(text(count), {{"p": person}}).scalar()
        database.close()
        print(json.dumps({{"before": before, "gone": gone, "after": after,
                          "taken": len(taken.of_table("zrm_assessments"))}}))
    """)
    env = {
        **os.environ,
        "JEUGDTOOL_HOME": str(tmp_path / "home"),
        "JEUGDTOOL_NO_ENCRYPTION": "1",
    }
    env.pop("JEUGDTOOL_PASSPHRASE", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["before"] > 0
    assert counts == {
        "before": counts["before"],
        "gone": 0,
        "after": counts["before"],
        "taken": counts["before"],
    }
