"""The case list's first page, who is working and the lock's period are read as plain SQL
(SQLAlchemy Core): no mapper is configured before the list is painted (the first ORM query
configures every one; MainWindow does that once the list is painted). Run in a fresh
interpreter: the tests' own has configured them long ago."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.store import org_settings
from jeugdtool.store.uow import UnitOfWork


def test_the_first_page_and_the_user_configure_no_mapper(db_path, db):
    uow = UnitOfWork(db, "A. de Boer")
    me = consultants.add_consultant(uow, "A. de Boer").value
    households.create_case(uow, name="Gezin Smit", case_manager_id=me.id)
    db.close()
    script = textwrap.dedent(f"""
        import json
        from jeugdtool.store.engine import open_database
        from jeugdtool.store.uow import UnitOfWork
        from jeugdtool.cases import case_search, consultants
        from jeugdtool.cases.queries import CaseScope
        from jeugdtool.store import org_settings
        from jeugdtool.store.base import Base

        uow = UnitOfWork(open_database({str(db_path)!r}), "")
        user = consultants.get_consultant(uow, {me.id})
        query = case_search.CaseQuery(text="smit", scope=CaseScope.MINE, person_id={me.id})
        count, rows = case_search.count_and_search(uow, query)
        summary = case_search.case_summary(uow, rows[0].id)
        with uow:  # the lock's period, read before the list paints
            minutes = org_settings.read(uow.session, org_settings.AUTO_LOCK_MINUTES)
        print(json.dumps({{
            "user": user.name,
            "rows": [r.name for r in rows],
            "matching": count.matching,
            "summary": summary.case_manager,
            "minutes": minutes,
            "configured": [m.class_.__name__ for m in Base.registry.mappers if m.configured],
        }}))
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "user": "A. de Boer",
        "rows": ["Gezin Smit"],
        "matching": 1,
        "summary": "A. de Boer",
        "minutes": org_settings.DEFAULTS[org_settings.AUTO_LOCK_MINUTES],
        "configured": [],
    }
