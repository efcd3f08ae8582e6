"""Importing broken case files: never a traceback, never half a case, never a hang.

Each example takes a demo case file (resources/demo/) and breaks it in one or two ways — a key
deleted, a part left out that others refer to, a value of the wrong type, a huge text, deep
nesting, a lone surrogate, NUL or another control character, a reference to nothing, a number
where text belongs, an item twice, or the bytes cut or garbled —, writes it to disk and imports
it through `read_case_file` + `import_case` into a fresh copy of a database that already holds a
case. The import succeeds or raises a JeugdtoolError with messages fit to show; after a refusal
the database holds exactly the rows it held before; and every file is answered within
HANG_BOUND_S.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import event
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from jeugdtool import resources
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork
from tests.bounds import HANG_S

#: A file must be answered (imported or refused) within this many seconds (tests/bounds.py;
#: the demo files take about 0.1 s).
HANG_BOUND_S = HANG_S
#: Enough examples to meet every kind of damage on every demo file, in well under a minute.
EXAMPLES = 300
#: A message longer than this quotes too much of the file.
MAX_MESSAGE = 1000

DEMO = {path.name: read_case_file(path) for path in sorted(resources.path("demo").glob("*.json"))}
#: The case already in the database: importing it again must be refused as taken.
RESIDENT = "02-bakker.json"
#: A value the serialised file replaces with deeply nested brackets (json cannot write those).
DEEP = "\ue000deep\ue000"
_REF = re.compile(r"^([a-zA-Z])[1-9][0-9]*$")
#: The parts a file made before they existed lacks.
OPTIONAL_PARTS = (
    "mappings",
    "statements",
    "scale",
    "plans",
    "zrm_assessments",
    "meetings",
    "help",
    "closings",
    "new_starts",
    "journal",
    "meldcode",
    "signals",
    "veilig_thuis",
    "kindchecks",
)


# ---------------------------------------------------------------- the database


def _dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read past jeugdtool: what "nothing changed" is compared on."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding one demo case; each example imports into a copy of it."""
    path = tmp_path_factory.mktemp("fuzz") / "template.sqlite"
    database = open_database(path)
    try:
        import_case(UnitOfWork(database, "A. de Boer"), copy.deepcopy(DEMO[RESIDENT]))
    finally:
        database.close()
    assert not path.with_name(path.name + "-wal").exists()  # all of it is in the one file
    return path


# ---------------------------------------------------------------- breaking a document


def _nodes(doc: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) pair of the document, without recursion."""
    stack = [doc]
    while stack:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            yield node, key
            if isinstance(node[key], (dict, list)):
                stack.append(node[key])


def _strings(doc: Any) -> list[tuple[Any, Any]]:
    return [(n, k) for n, k in _nodes(doc) if isinstance(n[k], str)]


_OTHER_TYPE = st.sampled_from([0, -1, 7, 2.5, 1e308, True, False, None, "", [], {}, ["p1"]])
_HUGE = st.sampled_from([20_000, 80_000, 1_000_000]).map(
    lambda n: ("woord " * 10 + "\n") * (n // 61) + "x"
)
_CONTROL = st.sampled_from(["\x00", "\x01", "\t", "\n", "\r", "\x0b", "\x1f", "\x7f", "\x85"])
_ODD_TEXT = st.sampled_from(["\ud800", "\udfff", "\x00", "\u2028", "\ufeff", "\U0001f600"])


def _pick(data: st.DataObject, pairs: list[tuple[Any, Any]]) -> tuple[Any, Any] | None:
    return data.draw(st.sampled_from(pairs)) if pairs else None


def _insert(data: st.DataObject, text: str, extra: str) -> str:
    at = data.draw(st.integers(0, len(text)))
    return text[:at] + extra + text[at:]


def _mutate(data: st.DataObject, doc: dict[str, Any]) -> None:
    """Break `doc` in one way, chosen by hypothesis."""
    kind: str = data.draw(
        st.sampled_from(
            [
                "delete",
                "drop_part",
                "wrong_type",
                "huge_text",
                "deep",
                "odd_text",
                "control",
                "odd_key",
                "dangling",
                "number_for_text",
                "twice",
            ]
        )
    )
    event(f"damage: {kind}")
    everything = list(_nodes(doc))
    texts = _strings(doc)
    if kind == "delete":
        found = _pick(data, [(n, k) for n, k in everything if isinstance(n, dict)])
        if found:
            del found[0][found[1]]
    elif kind == "drop_part":  # a part an older file lacks, while others still point into it
        found = _pick(data, [(doc, k) for k in OPTIONAL_PARTS if k in doc])
        if found:
            del doc[found[1]]
    elif kind == "wrong_type":
        node, key = data.draw(st.sampled_from(everything))
        node[key] = data.draw(_OTHER_TYPE)
    elif kind == "huge_text":
        node, key = data.draw(st.sampled_from(texts or everything))
        node[key] = data.draw(_HUGE)
    elif kind == "deep":
        node, key = data.draw(st.sampled_from(everything))
        node[key] = DEEP
    elif kind in ("odd_text", "control"):
        found = _pick(data, texts)
        if found:
            node, key = found
            extra = data.draw(_ODD_TEXT if kind == "odd_text" else _CONTROL)
            node[key] = _insert(data, node[key], extra)
    elif kind == "odd_key":
        found = _pick(data, [(n, k) for n, k in everything if isinstance(n[k], dict)])
        if found:
            found[0][found[1]][data.draw(_ODD_TEXT | _CONTROL)] = "x"
    elif kind == "dangling":
        found = _pick(data, [(n, k) for n, k in texts if _REF.match(n[k])])
        if found:
            node, key = found
            node[key] = _REF.sub(r"\g<1>999", node[key])
    elif kind == "number_for_text":
        found = _pick(data, texts)
        if found:
            node, key = found
            node[key] = data.draw(st.sampled_from([1, 0, 2026, 3.5]))
    else:  # twice: an item of a list again (its id, its lineage, its person...)
        found = _pick(data, [(n, k) for n, k in everything if isinstance(n[k], list) and n[k]])
        if found:
            items = found[0][found[1]]
            items.append(copy.deepcopy(data.draw(st.sampled_from(items))))


def _serialise(data: st.DataObject, doc: dict[str, Any]) -> bytes:
    """The document as a file: JSON (a lone surrogate as an escape, or as the bytes Python
    would write for it), then perhaps damaged bytes."""
    text = json.dumps(
        doc, ensure_ascii=data.draw(st.booleans()), indent=data.draw(st.sampled_from([None, 2]))
    )
    depth = data.draw(st.sampled_from([10, 64, 65, 1000, 100_000]))
    opener = data.draw(st.sampled_from(["[", '{"a": ']))
    closer = "]" if opener == "[" else "}"
    text = text.replace(json.dumps(DEEP), opener * depth + "1" + closer * depth)
    raw = text.encode("utf-8", "surrogatepass")
    damage = data.draw(st.sampled_from(["none"] * 7 + ["cut", "garble", "nul"]))
    at = data.draw(st.integers(0, len(raw)))
    if damage == "cut":
        raw = raw[:at]
    elif damage == "garble":
        raw = raw[:at] + b"\xff\xc3" + raw[at:]
    elif damage == "nul":
        raw = raw[:at] + b"\x00" + raw[at:]
    return raw


# ---------------------------------------------------------------- the property


def _fit_to_show(exc: JeugdtoolError) -> None:
    """A refusal says what is wrong, in text any dialog or terminal can show."""
    texts = [str(exc)]
    if isinstance(exc, InvalidInput):
        assert exc.problems
        texts += [f"{p.field}: {p.message}" for p in exc.problems]
    for text in texts:
        assert text.strip()
        text.encode("utf-8")  # no lone surrogate: printing it would fail
        assert len(text) <= MAX_MESSAGE or isinstance(exc, InvalidInput)
    if isinstance(exc, InvalidInput):
        assert all(len(p.message) <= MAX_MESSAGE for p in exc.problems)
        assert len(exc.problems) <= 101  # MAX_PROBLEMS and the line saying there are more


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_broken_file_is_imported_whole_or_refused_whole_and_quickly(
    data: st.DataObject, template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    name = data.draw(st.sampled_from(sorted(DEMO)))
    doc = copy.deepcopy(DEMO[name])
    for _ in range(data.draw(st.integers(1, 2))):
        _mutate(data, doc)
    as_new = data.draw(st.booleans())
    folder = tmp_path_factory.mktemp("example")
    file = folder / "case.json"
    file.write_bytes(_serialise(data, doc))
    db_file = folder / "db.sqlite"
    shutil.copyfile(template, db_file)
    before = _dump(db_file)

    database = open_database(db_file)
    uow = UnitOfWork(database, "A. de Boer")
    started = time.perf_counter()
    try:
        imported = import_case(uow, read_case_file(file), as_new=as_new).value
    except JeugdtoolError as exc:
        imported = None
        refusal: JeugdtoolError | None = exc
    else:
        refusal = None
    finally:
        elapsed = time.perf_counter() - started
    try:
        if imported is not None:
            # What was imported can be exported again as a valid file.
            assert validate_case_document(export_case(uow, imported.id)) == []
    finally:
        database.close()

    event(f"outcome: {type(refusal).__name__ if refusal else 'imported'}")
    assert elapsed < HANG_BOUND_S, f"{name}: answered after {elapsed:.1f} s"
    after = _dump(db_file)
    if refusal is not None:
        _fit_to_show(refusal)
        assert after == before, "a refused import changed the database"
    else:
        assert len(after["households"]) == len(before["households"]) + 1
