"""Reading a JSON file someone hands us, safely: a case file or a ZRM file, never a hang.

Only a regular file is read (a folder, a device such as /dev/zero or a named pipe is refused
before it is opened, and the file is opened without blocking, so a pipe swapped in meanwhile
cannot stop the program); its size is checked before reading, its nesting before parsing,
without recursion (Python's json parser and jsonschema recurse, so a file nested 1,000 deep
would end in a RecursionError); and text that no database can store — a lone UTF-16 surrogate
such as "\\ud800", or NUL — is refused with its place in the file. Every refusal is a
JeugdtoolError with a Dutch message that names the file and the problem.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable
from collections.abc import Iterator
from itertools import accumulate
from itertools import count
from operator import sub
from typing import Any

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.errors import Problems
from jeugdtool.i18n import _
from jeugdtool.i18n import format_megabytes

#: Deeper than any file jeugdtool reads (a case file nests 8 levels, a ZRM file 4) and far
#: below Python's recursion limit (about 1,000), which the parser and jsonschema use.
MAX_DEPTH = 64
#: A file with more broken characters than this is reported with this many.
MAX_TEXT_PROBLEMS = 50

#: Opening never waits for a writer (a named pipe); on Windows there is no such flag.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Parsed text can hold NUL or a lone surrogate only when the file spells it as an escape.
_SUSPECT_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
_AS_PARENS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
#: '(' -> 2, ')' -> 0: the running sum minus the count of brackets is the depth.
_AS_WEIGHTS = bytes.maketrans(b"()", b"\x02\x00")


class BrokenText(InvalidInput):
    """Text in the file that no database can store, each problem with its place in the file."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        # Also str(): a caller that shows only the message still shows where.
        self.args = ("\n".join(str(p) for p in self.problems),)


# ---------------------------------------------------------------- the file


def _refuse_kind(mode: int, shown: str, kind: str, error: type[JeugdtoolError]) -> None:
    if stat.S_ISDIR(mode):
        raise error(_("{path} is a folder, not a {kind}.").format(path=shown, kind=kind))
    if not stat.S_ISREG(mode):
        raise error(
            _(
                "{path} is not a file on disk but a device, a pipe or a socket, so it is not a "
                "{kind}. Choose the file itself."
            ).format(path=shown, kind=kind)
        )


def _refuse_size(
    size: int, max_bytes: int, shown: str, kind: str, error: type[JeugdtoolError]
) -> None:
    if size > max_bytes:
        raise error(
            _("{path} is far too large to be a {kind} (more than {max} MB).").format(
                path=shown, kind=kind, max=format_megabytes(max_bytes)
            )
        )


def _read_regular(path: str, kind: str, max_bytes: int, error: type[JeugdtoolError]) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; checked before it is opened and
    again on the open file (it may have been swapped or may grow meanwhile)."""
    before = os.stat(path)
    _refuse_kind(before.st_mode, path, kind, error)
    _refuse_size(before.st_size, max_bytes, path, kind, error)
    fd = os.open(path, _OPEN_FLAGS)
    with open(fd, "rb", closefd=True) as file:
        found = os.fstat(fd)
        _refuse_kind(found.st_mode, path, kind, error)
        _refuse_size(found.st_size, max_bytes, path, kind, error)
        data = file.read(max_bytes + 1)
    _refuse_size(len(data), max_bytes, path, kind, error)
    return data


def _read_bytes(path: str, kind: str, max_bytes: int, error: type[JeugdtoolError]) -> bytes:
    try:
        return _read_regular(path, kind, max_bytes, error)
    except FileNotFoundError as exc:
        message = _("The file {path} does not exist. Check the name and folder.")
        raise error(message.format(path=path)) from exc
    except PermissionError as exc:
        message = _("You are not allowed to read {path}. Ask the owner of the file.")
        raise error(message.format(path=path)) from exc
    except IsADirectoryError as exc:
        raise error(_("{path} is a folder, not a {kind}.").format(path=path, kind=kind)) from exc
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        message = _("The file {path} cannot be read ({reason}).")
        raise error(message.format(path=path, reason=reason)) from exc


# ---------------------------------------------------------------- nesting


def _structure(data: bytes) -> bytes:
    """The brackets of the JSON in `data` outside its strings, as ( and ).

    Escaped backslashes and quotes go first, so every quote left opens or closes a string.
    Where the file is not JSON this may count brackets the parser never reaches; it never
    misses one it does reach, because up to the parser's first error both read alike.
    """
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(unescaped.split(b'"')[::2])
    return outside.translate(_AS_PARENS, _NOT_BRACKETS)


def nesting_depth(data: bytes) -> int:
    """How deep the JSON in `data` nests (`{}` is 1), without recursion and in C-speed steps;
    for a broken file an upper bound of how deep a parser would get."""
    shape = _structure(data)
    rounds = 0
    # Innermost pairs go a level per round; real files are shallow and end up empty here.
    while shape and rounds < 10:
        shorter = shape.replace(b"()", b"")
        if len(shorter) == len(shape):
            break
        shape, rounds = shorter, rounds + 1
    weights = shape.translate(_AS_WEIGHTS)
    return rounds + max(map(sub, accumulate(weights), count(1)), default=0)


# ---------------------------------------------------------------- text


def json_path(parts: Iterable[str | int], root: str = "") -> str:
    """`["persons", 2, "birth_date"]` -> `persons[2].birth_date` (no `$.`, indices from 0), the
    way every message about a place in a file names it; `root` when there are no parts."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or root


def _where(node: tuple[Any, ...] | None) -> str:
    """A JSON path (`persons[2].notes`) from the linked (parent, key) pairs of the walk."""
    parts: list[str | int] = []
    while node is not None:
        node, key = node
        if isinstance(key, str) and not key.isprintable():  # the key holds the fault: escaped
            key = key.encode("unicode_escape").decode("ascii")
        parts.append(key)
    return json_path(reversed(parts), root="$")


def _text_fault(text: str) -> str | None:
    if "\x00" in text:
        return _(
            "holds an invisible NUL character (\\u0000), which no database can store. Remove it."
        )
    if not text.isascii() and _SURROGATE.search(text):
        return _(
            "holds a broken character (a lone surrogate such as \\ud800), which no database "
            "can store. Remove it, or export the file again from the program that made it."
        )
    return None


def _strings(data: Any) -> Iterator[tuple[str, tuple[Any, ...] | None, bool]]:
    """Every string in `data`, keys too, in file order, with where it is and whether it is a
    key; without recursion."""
    stack: list[tuple[Any, tuple[Any, ...] | None, bool]] = [(data, None, False)]
    while stack:
        value, node, is_key = stack.pop()
        if isinstance(value, str):
            yield value, node, is_key
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                stack.append((item, (node, key), False))
                stack.append((key, (node, key), True))
        elif isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                stack.append((value[index], (node, index), False))


def text_problems(data: Any, limit: int = MAX_TEXT_PROBLEMS) -> list[Problem]:
    """The strings in `data` that no database can store (a lone surrogate, NUL), in file
    order, at most `limit` of them."""
    problems = Problems()
    for text, node, is_key in _strings(data):
        fault = _text_fault(text)
        if fault is None:
            continue
        if is_key:
            fault = _("The name of this field {fault}").format(fault=fault)
        problems.add(Problem(_where(node), fault))
        if len(problems.found) >= limit:
            break
    return problems.found


# ---------------------------------------------------------------- parsing


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are Python's, not JSON's


def _parse(data: bytes, shown: str, kind: str, error: type[JeugdtoolError]) -> Any:
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark (Windows Notepad) is harmless
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = _(
            "{path} is not a {kind}: it is not UTF-8 text (line {line}). jeugdtool reads and "
            "writes UTF-8 JSON."
        )
        raise error(message.format(path=shown, kind=kind, line=line)) from exc
    if not text.strip():
        raise error(_("{path} is empty; it is not a {kind}.").format(path=shown, kind=kind))
    depth = nesting_depth(data)
    if depth > MAX_DEPTH:
        message = _(
            "{path} is not a {kind}: it is nested {depth} levels deep, and jeugdtool reads "
            "at most {max}."
        )
        raise error(message.format(path=shown, kind=kind, depth=depth, max=MAX_DEPTH))
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        message = _(
            "{path} is not a {kind}: it is not valid JSON (error at line {line}, column {column})."
        )
        raise error(
            message.format(path=shown, kind=kind, line=exc.lineno, column=exc.colno)
        ) from exc
    except (ValueError, RecursionError) as exc:
        # NaN or Infinity, or a number of thousands of digits (Python refuses to convert
        # it); RecursionError cannot happen after the depth check, but must never escape.
        message = _("{path} is not a {kind}: it holds a number that is not a JSON number.")
        raise error(message.format(path=shown, kind=kind)) from exc


def read_json(
    path: str | os.PathLike[str], *, kind: str, max_bytes: int, error: type[JeugdtoolError]
) -> Any:
    """The JSON in `path`, read safely (see the module docstring).

    `kind` names what the file should be in the messages ("jeugdtool case file", translated);
    every refusal is an `error` (the caller's own JeugdtoolError class), except text no
    database can store, which is a BrokenText (an InvalidInput) listing each place.
    """
    shown = os.fspath(path)
    data = _read_bytes(shown, kind, max_bytes, error)
    doc = _parse(data, shown, kind, error)
    if _SUSPECT_ESCAPE.search(data):
        problems = text_problems(doc)
        if problems:
            raise BrokenText(problems)
    return doc
