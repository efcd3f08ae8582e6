"""Matrix definitions: the matrices jeugdtool ships, and checking any matrix or descriptor file.

A matrix definition (`resources/zrm/*.json`, format `jeugdtool-zrm-matrix`) names the matrix and
its version, its domains with what each covers, the five levels with what each means in
general, and optionally a descriptor per domain × level. The shipped files hold jeugdtool's own
short texts only: the official per-cell criteria are copyrighted by GGD Amsterdam. An
organisation with a licence imports them as a descriptor file (`jeugdtool-zrm-descriptors`),
which `zrm.library` stores in the database. Both kinds are checked here against
`resources/schemas/zrm-matrix.schema.json` plus the rules a schema cannot say; every problem is
a `Problem` with its JSON path and a Dutch message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from functools import cache
from typing import Any

from jeugdtool import resources
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.errors import Problems
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language
from jeugdtool.jsonfile import json_path

MATRIX_FORMAT = "jeugdtool-zrm-matrix"
DESCRIPTOR_FORMAT = "jeugdtool-zrm-descriptors"
SCHEMA = ("schemas", "zrm-matrix.schema.json")
#: The matrices jeugdtool ships, newest first (the first is the default for a new assessment).
BUILTIN_FILES = ("zrm-2017.json", "zrm-11.json")
DEFAULT_MATRIX = "zrm-2017"
LEVELS = (1, 2, 3, 4, 5)
#: The validator of a shipped matrix (stricter than an imported one: every domain has a plain
#: name for families).
BUILTIN = "builtin"
ACUTE = 1


class ZrmDefinitionError(JeugdtoolError):
    """A shipped matrix file is broken (a packaging or editing error): names file and paths."""


# ---- the definitions, as the rest of the program sees them ----------------------------------


@dataclass(frozen=True)
class LocalText:
    """A text in Dutch and (usually) English; shown in the user's language when there is one."""

    nl: str
    en: str | None = None

    def get(self, language: str | None = None) -> str:
        language = language or current_language()
        return self.en if language == "en" and self.en else self.nl

    def __str__(self) -> str:
        return self.get()

    @classmethod
    def of(cls, value: str | Mapping[str, str]) -> LocalText:
        if isinstance(value, str):
            return cls(value.strip())
        en = value.get("en")
        return cls(value["nl"].strip(), en.strip() if en else None)

    def as_json(self) -> str | dict[str, str]:
        return {"nl": self.nl, "en": self.en} if self.en else self.nl


@dataclass(frozen=True)
class MatrixLevel:
    level: int
    name: LocalText
    #: What the level means in general, across domains (jeugdtool's own text).
    meaning: LocalText
    #: The level in plain words for families and partners (None: an imported matrix without).
    plain_name: LocalText | None = None


@dataclass(frozen=True)
class MatrixDomain:
    code: str
    name: LocalText
    #: What the domain is about (jeugdtool's own text, or the supplement author's).
    covers: LocalText
    #: The domain in plain words for families and partners ("Zelf eten, wassen en aankleden"
    #: for "Basale ADL"); every shipped matrix has one, an imported one may not.
    plain_name: LocalText | None = None


@dataclass(frozen=True)
class CellText:
    """What is shown beside the matrix for one domain × level."""

    domain: MatrixDomain
    level: MatrixLevel
    #: The licensed (imported) or matrix-supplied criteria for this cell; None: none available.
    descriptor: LocalText | None
    #: Whose descriptor text it is (the licence line of the imported file).
    descriptor_source: str | None


@dataclass(frozen=True)
class Matrix:
    id: str
    version: str
    #: "base" (a full self-sufficiency matrix) or "supplement" (extra domains beside it).
    kind: str
    name: LocalText
    levels: tuple[MatrixLevel, ...]
    domains: tuple[MatrixDomain, ...]
    source: LocalText | None = None
    #: (domain code, level) -> text; from the matrix file itself or an imported licence.
    descriptors: Mapping[tuple[str, int], LocalText] = field(default_factory=dict)
    descriptor_source: str | None = None
    #: Shipped with jeugdtool (else imported by the organisation).
    builtin: bool = True

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.domains)

    def has_domain(self, code: str) -> bool:
        return any(d.code == code for d in self.domains)

    def domain(self, code: str) -> MatrixDomain:
        for d in self.domains:
            if d.code == code:
                return d
        raise KeyError(code)

    def level(self, level: int) -> MatrixLevel:
        return self.levels[level - 1]

    def cell(self, code: str, level: int) -> CellText:
        descriptor = self.descriptors.get((code, level))
        return CellText(
            domain=self.domain(code),
            level=self.level(level),
            descriptor=descriptor,
            descriptor_source=self.descriptor_source if descriptor is not None else None,
        )

    @property
    def licensed(self) -> bool:
        return bool(self.descriptors)

    def with_descriptors(self, texts: Mapping[tuple[str, int], LocalText], source: str) -> Matrix:
        return replace(self, descriptors=dict(texts), descriptor_source=source)


def domain_name(code: str, matrices: Iterable[Matrix]) -> str:
    """The domain's name in the first matrix that has it (older assessments: any matrix)."""
    for matrix in matrices:
        if matrix.has_domain(code):
            return matrix.domain(code).name.get()
    return code


def family_domain_name(domain: MatrixDomain, language: str | None = None) -> str:
    """The domain as a family or a partner reads it: its plain name ("Zelf eten, wassen en
    aankleden", never "Basale ADL"), else (an imported matrix without one) its name. Every
    family- or partner-facing document names a domain through this."""
    return (domain.plain_name or domain.name).get(language)


def family_level_name(level: MatrixLevel, language: str | None = None) -> str:
    """The level as a family or a partner reads it: its plain name ("Er is nu direct hulp
    nodig", never "Acute problematiek"), else (an imported matrix without one) its name."""
    return (level.plain_name or level.name).get(language)


def family_domain_name_of(
    code: str, matrices: Iterable[Matrix], language: str | None = None
) -> str:
    """`family_domain_name` of the domain `code` in the first matrix that has it (else the
    code): how a family- or partner-facing document names a domain it knows by code."""
    for matrix in matrices:
        if matrix.has_domain(code):
            return family_domain_name(matrix.domain(code), language)
    return code


# ---- checking a document --------------------------------------------------------------------


def _path(parts: Iterable[str | int]) -> str:
    return json_path(parts, root="(bestand)")


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value[:60]}'"
    if isinstance(value, (dict, list)):
        return _("an object {…}") if isinstance(value, dict) else _("a list […]")
    return repr(value)


@cache
def _validators() -> dict[str, Any]:
    from jsonschema import Draft202012Validator  # first use only: start-up stays light

    schema = resources.load_json(*SCHEMA)
    defs = schema["$defs"]
    return {
        MATRIX_FORMAT: Draft202012Validator({"$ref": "#/$defs/matrix", "$defs": defs}),
        DESCRIPTOR_FORMAT: Draft202012Validator({"$ref": "#/$defs/descriptor_file", "$defs": defs}),
        BUILTIN: Draft202012Validator({"$ref": "#/$defs/builtin_matrix", "$defs": defs}),
    }


def _schema_problem(error: Any) -> list[Problem]:
    where = list(error.absolute_path)
    path = _path(where)
    kind = error.validator
    value = error.instance
    if kind == "required":
        return [
            Problem(_path([*where, k]), _("required field is missing."))
            for k in error.validator_value
            if isinstance(value, dict) and k not in value
        ]
    if kind == "additionalProperties" and isinstance(value, dict):
        known = error.schema.get("properties", {})
        return [
            Problem(_path([*where, k]), _("unknown field; remove it."))
            for k in value
            if k not in known
        ]
    if kind == "propertyNames":
        if where and where[-1] == "descriptors":
            message = _("{value} is not a domain code (lower-case letters, digits, _).")
        else:
            message = _("{value} is not a level; the levels are 1, 2, 3, 4 and 5.")
        return [Problem(path, message.format(value=_shown(error.instance)))]
    if kind == "type":
        return [Problem(path, _("has the wrong type ({value}).").format(value=_shown(value)))]
    if kind == "oneOf":  # a text: "…" or {"nl": "…", "en": "…"}
        return [
            Problem(
                path,
                _('must be a text, or {{"nl": "…", "en": "…"}} with a Dutch text (not empty).'),
            )
        ]
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return [
            Problem(
                path,
                _("{value} is not allowed here; choose one of: {allowed}.").format(
                    value=_shown(value), allowed=", ".join(str(a) for a in allowed)
                ),
            )
        ]
    if kind in ("minItems", "maxItems") and where and where[-1] == "levels":
        return [Problem(path, _("there must be exactly five levels, 1 to 5."))]
    if kind == "minItems":
        return [Problem(path, _("must not be empty."))]
    if kind == "maxItems":
        return [Problem(path, _("has too many entries."))]
    if kind in ("minimum", "maximum"):
        return [Problem(path, _("must be a level from 1 to 5, not {value}.").format(value=value))]
    if kind in ("pattern", "minLength"):
        if isinstance(value, str) and not value.strip():
            return [Problem(path, _("must not be empty or only spaces."))]
        if where and where[-1] == "code":
            message = _("{value} is not a valid domain code (lower-case letters, digits and _).")
        elif where and where[-1] in ("id", "matrix"):
            message = _("{value} is not a valid matrix id (lower-case letters, digits and -).")
        else:
            message = _("{value} does not have the expected form.")
        return [Problem(path, message.format(value=_shown(value)))]
    if kind == "maxLength":
        return [Problem(path, _("is too long."))]
    return [Problem(path, _("is not valid here."))]


def _format_of(doc: Any) -> tuple[str | None, list[Problem]]:
    if not isinstance(doc, dict):
        return None, [Problem(_path([]), _("This is not a ZRM matrix or descriptor file."))]
    fmt = doc.get("format")
    if fmt not in (MATRIX_FORMAT, DESCRIPTOR_FORMAT):
        return None, [
            Problem(
                "format",
                _(
                    "This is not a ZRM matrix or descriptor file: 'format' must be "
                    "'{matrix}' or '{descriptors}'."
                ).format(matrix=MATRIX_FORMAT, descriptors=DESCRIPTOR_FORMAT),
            )
        ]
    return fmt, []


def _shape_problems(
    doc: Any, wanted: str, other_kind: str, validator: str | None = None
) -> list[Problem]:
    """What is wrong with `doc`'s format and its shape as a `wanted` document (`other_kind`:
    the message for the other kind of ZRM file; `validator`: a stricter one than the
    format's); empty: the content can be checked."""
    fmt, problems = _format_of(doc)
    if fmt is None:
        return problems
    if fmt != wanted:
        return [Problem("format", other_kind)]
    return [
        found
        for error in _sorted_errors(_validators()[validator or wanted], doc)
        for found in _schema_problem(error)
    ]


def _sorted_errors(validator: Any, doc: Any) -> list[Any]:
    return sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])


def _descriptor_coverage(
    descriptors: Mapping[str, Any], codes: Iterable[str], base: str
) -> list[Problem]:
    """Every descriptor names a known domain; each domain has all five levels."""
    problems = Problems()
    codes = list(codes)
    for code, per_level in descriptors.items():
        if code not in codes:
            problems.add(
                Problem(
                    _path([base, code]),
                    _("unknown domain '{code}'; this matrix has: {codes}.").format(
                        code=code, codes=", ".join(codes)
                    ),
                )
            )
            continue
        missing = [str(n) for n in LEVELS if str(n) not in per_level]
        if missing:
            problems.add(
                Problem(
                    _path([base, code]),
                    _("level {levels} is missing; every domain needs all five levels.").format(
                        levels=", ".join(missing)
                    ),
                )
            )
    for code in codes:
        if code not in descriptors:
            problems.add(
                Problem(
                    _path([base, code]),
                    _("domain '{code}' is missing; the file must describe every domain.").format(
                        code=code
                    ),
                )
            )
    return problems.found


def check_matrix(doc: Any, *, builtin: bool = False) -> list[Problem]:
    """Every problem of a matrix definition (empty: it is sound); a `builtin` one (shipped
    with jeugdtool) must also give every domain a plain name."""
    problems = _shape_problems(
        doc,
        MATRIX_FORMAT,
        _("This is a descriptor file, not a matrix definition."),
        BUILTIN if builtin else None,
    )
    if problems:
        return problems
    for index, level in enumerate(doc["levels"]):
        if level["level"] != index + 1:
            problems.append(
                Problem(
                    _path(["levels", index, "level"]),
                    _("the levels must be 1, 2, 3, 4 and 5 in that order; expected {n}.").format(
                        n=index + 1
                    ),
                )
            )
    seen: set[str] = set()
    for index, domain in enumerate(doc["domains"]):
        if domain["code"] in seen:
            problems.append(
                Problem(
                    _path(["domains", index, "code"]),
                    _("domain code '{code}' appears twice.").format(code=domain["code"]),
                )
            )
        seen.add(domain["code"])
    if "descriptors" in doc:
        problems.extend(
            _descriptor_coverage(
                doc["descriptors"], [d["code"] for d in doc["domains"]], "descriptors"
            )
        )
    return problems


def check_descriptor_file(doc: Any, matrices: Mapping[str, Matrix]) -> list[Problem]:
    """Every problem of a licensed descriptor file, against the matrices known (by id)."""
    problems = _shape_problems(
        doc, DESCRIPTOR_FORMAT, _("This is a matrix definition, not a descriptor file.")
    )
    if problems:
        return problems
    matrix = matrices.get(doc["matrix"])
    if matrix is None:
        return [
            Problem(
                "matrix",
                _("unknown matrix '{id}'; jeugdtool knows: {known}.").format(
                    id=doc["matrix"], known=", ".join(sorted(matrices))
                ),
            )
        ]
    if doc["version"] != matrix.version:
        return [
            Problem(
                "version",
                _(
                    "wrong version: this file is for version '{found}' of {name}, but jeugdtool "
                    "has version '{expected}'. Ask for the descriptors of version '{expected}'."
                ).format(found=doc["version"], name=matrix.name.get(), expected=matrix.version),
            )
        ]
    return _descriptor_coverage(doc["descriptors"], matrix.codes, "descriptors")


# ---- building the definitions ---------------------------------------------------------------


def _texts(descriptors: Mapping[str, Mapping[str, Any]]) -> dict[tuple[str, int], LocalText]:
    return {
        (code, int(level)): LocalText.of(text)
        for code, per_level in descriptors.items()
        for level, text in per_level.items()
    }


def matrix_from(doc: Mapping[str, Any], *, builtin: bool) -> Matrix:
    """A checked matrix document as a `Matrix` (call `check_matrix` first)."""
    descriptors = _texts(doc.get("descriptors", {}))
    source = LocalText.of(doc["source"]) if "source" in doc else None
    return Matrix(
        id=doc["id"],
        version=doc["version"],
        kind=doc["kind"],
        name=LocalText.of(doc["name"]),
        levels=tuple(
            MatrixLevel(
                x["level"],
                LocalText.of(x["name"]),
                LocalText.of(x["meaning"]),
                LocalText.of(x["plain_name"]) if "plain_name" in x else None,
            )
            for x in doc["levels"]
        ),
        domains=tuple(
            MatrixDomain(
                x["code"],
                LocalText.of(x["name"]),
                LocalText.of(x["covers"]),
                LocalText.of(x["plain_name"]) if "plain_name" in x else None,
            )
            for x in doc["domains"]
        ),
        source=source,
        descriptors=descriptors,
        descriptor_source=source.get() if descriptors and source else None,
        builtin=builtin,
    )


def descriptors_from(doc: Mapping[str, Any]) -> dict[tuple[str, int], LocalText]:
    """A checked descriptor file's texts by (domain, level)."""
    return _texts(doc["descriptors"])


@cache
def builtin_matrices() -> tuple[Matrix, ...]:
    """The matrices shipped in `resources/zrm/`, checked (raises `ZrmDefinitionError`)."""
    out = []
    for name in BUILTIN_FILES:
        doc = resources.load_shipped_json(
            ("zrm", name),
            ZrmDefinitionError,
            _("The ZRM matrix file {path} cannot be read: {reason}"),
        )
        resources.refuse_damaged(
            check_matrix(doc, builtin=True) or _untranslated(doc),
            ZrmDefinitionError,
            _("The ZRM matrix file {path} is damaged; reinstall jeugdtool or undo the edit."),
            resources.path("zrm", name),
        )
        out.append(matrix_from(doc, builtin=True))
    return tuple(out)


def _untranslated(doc: Mapping[str, Any]) -> list[Problem]:
    """Shipped files carry every text in Dutch and English (the UI has both languages)."""
    places: list[tuple[list[str | int], Any]] = [(["name"], doc["name"])]
    if "source" in doc:
        places.append((["source"], doc["source"]))
    for index, level in enumerate(doc["levels"]):
        places += [(["levels", index, k], level[k]) for k in ("name", "plain_name", "meaning")]
    for index, domain in enumerate(doc["domains"]):
        places += [(["domains", index, k], domain[k]) for k in ("name", "plain_name", "covers")]
    return [
        Problem(_path(path), _("the English text is missing."))
        for path, text in places
        if isinstance(text, str) or not text.get("en")
    ]
