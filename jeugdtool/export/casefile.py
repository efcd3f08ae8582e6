"""A whole case as one JSON document: export, write, read, check and import it.

The format is described in docs/case-format.md. Import checks everything first and writes the
case — household, persons, network, mapping moments, statements, scale, the plan's versions, the
ZRM assessments, the meetings it was discussed in, the help deployed, its closings and new
starts, the journal, meldcode records, verwijsindex signals, Veilig Thuis contacts,
kindchecks, network meetings and goal judgements — in one transaction, so a bad file or an
error halfway leaves the database as it was. The check runs outside any transaction (it may take
seconds for a large file, and on SQLite every transaction holds the write lock): only the few
facts it needs from the database are read in a short one, and the write re-checks what another
program may have changed since.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from jeugdtool.cases import access
from jeugdtool.cases import convert
from jeugdtool.cases import disclosures
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import NetworkMember
from jeugdtool.cases.models import Person
from jeugdtool.errors import IntegrityViolation
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.export import files
from jeugdtool.export.casecheck import FORMAT
from jeugdtool.export.casecheck import VERSION
from jeugdtool.export.casecheck import json_path
from jeugdtool.export.casecheck import known_versions
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.export.child_voice_parts import export_child_voice
from jeugdtool.export.child_voice_parts import import_child_voice
from jeugdtool.export.disclose import Written
from jeugdtool.export.disclose import case_file_disclosure
from jeugdtool.export.disclose import log_written
from jeugdtool.export.dossier_parts import export_dossier
from jeugdtool.export.dossier_parts import import_dossier
from jeugdtool.export.dossier_parts import others_working_notes
from jeugdtool.export.dossier_parts import without_working_notes
from jeugdtool.export.framework_parts import export_parts
from jeugdtool.export.framework_parts import import_parts
from jeugdtool.export.meeting_parts import export_meetings
from jeugdtool.export.meeting_parts import import_meetings
from jeugdtool.export.network_parts import export_network
from jeugdtool.export.network_parts import import_network
from jeugdtool.export.network_parts import link_scores
from jeugdtool.export.network_parts import meeting_ids
from jeugdtool.export.outcome_parts import export_outcomes
from jeugdtool.export.outcome_parts import import_outcomes
from jeugdtool.export.outcome_parts import without_other_cases
from jeugdtool.export.part_columns import Columns
from jeugdtool.export.part_columns import date_of
from jeugdtool.export.part_columns import iso
from jeugdtool.export.part_columns import named
from jeugdtool.export.plan_parts import export_plans
from jeugdtool.export.plan_parts import import_plans
from jeugdtool.export.zrm_check import zrm_rules
from jeugdtool.export.zrm_parts import export_assessments
from jeugdtool.export.zrm_parts import import_assessments
from jeugdtool.folding import fold_key
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.jsonfile import read_json
from jeugdtool.store import access_log
from jeugdtool.store.access import FileWords
from jeugdtool.store.access import write_failure
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.library import matrices_in
from jeugdtool.zrm.models import ZrmAssessment

__all__ = [
    "FORMAT",
    "VERSION",
    "CaseExists",
    "CaseFileError",
    "CheckedCase",
    "add_checked_case",
    "check_case",
    "export_case",
    "import_case",
    "json_path",
    "left_out_notes_message",
    "read_case_file",
    "save_case_file",
    "validate_case_document",
    "write_case_file",
]

#: Room for a case with its children's drawings and story pictures (each kept at most a few
#: MB, written as base64), far above any real case's text; a bigger file is something else and
#: is not read into memory (docs/case-format.md, Limits).
MAX_FILE_BYTES = 64 * 1024 * 1024


class CaseFileError(JeugdtoolError):
    """A case file that cannot be read or written (missing, not JSON, folder not writable…)."""


class CaseExists(InvalidInput):
    """The database already has a case with the file's case number; nothing was imported."""

    def __init__(self, case_number: str):
        self.case_number = case_number
        super().__init__(
            Problem(
                "household.case_number",
                _(
                    "A case with number {number} already exists in this database, so nothing "
                    "was imported. Import the file as a new case to give it a new case number."
                ).format(number=case_number),
            )
        )


# ---------------------------------------------------------------- export

#: The fields of a household member and a network member, in file order (see part_columns).
PERSON = Columns(
    "id",
    "first_name",
    "last_name",
    "role",
    "birth_date",
    "notes",
    "trusted_person",
    dates=("birth_date",),
    own=("id", "trusted_person"),
)
NETWORK_MEMBER = Columns(
    "id",
    "name",
    "relation",
    "kind",
    "organisation",
    "phone",
    "email",
    "safety_network",
    "notes",
    "chairs_network",
    own=("id",),
)


def export_case(uow: UnitOfWork, case_id: int) -> dict[str, Any]:
    """The case as a case file document (format version 1), keys in the order of the schema.
    The export is logged first (access log): when that fails, nothing is read."""
    access.record(uow, AccessAction.EXPORT, case_id)
    with uow:  # one read, so the parts agree with each other
        detail = queries.load_detail(uow, case_id)
        person_ids = {p.id: f"p{index}" for index, p in enumerate(detail.persons, start=1)}
        network_ids = {n.id: f"n{index}" for index, n in enumerate(detail.network, start=1)}
        framework, names = export_parts(uow, case_id, person_ids, network_ids)
        network_meetings = meeting_ids(uow, case_id)
        link_scores(uow, case_id, framework["scale"], names.scores, network_meetings)
        plans, plan_names = export_plans(
            uow, case_id, person_ids, network_ids, names, network_meetings
        )
        agreements = plan_names.agreements
        assessments = export_assessments(uow, case_id, person_ids, names, agreements)
        meetings = export_meetings(uow, case_id, names.scores)
        outcomes = export_outcomes(uow, case_id, person_ids, names)
        dossier, entries = export_dossier(uow, case_id, person_ids, names, agreements)
        network = export_network(
            uow, case_id, person_ids, network_ids, names, plan_names, network_meetings, entries
        )
        child_voice = export_child_voice(uow, case_id, person_ids)
    h = detail.household
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": dt.datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "household": {
            "case_number": h.case_number,
            "name": h.name,
            "mode": h.mode.value,
            "status": h.status.value,
            "opened_on": h.opened_on.isoformat(),
            "closed_on": iso(h.closed_on),
            "close_reason": h.close_reason,
            "case_manager": h.case_manager_name,
        },
        "persons": [
            PERSON.dump(
                p,
                id=f"p{index}",
                role=p.role.value,
                trusted_person=named(network_ids, p.trusted_person_id),
            )
            for index, p in enumerate(detail.persons, start=1)
        ],
        "network": [
            NETWORK_MEMBER.dump(n, id=f"n{index}", kind=n.kind.value)
            for index, n in enumerate(detail.network, start=1)
        ],
        **framework,
        "plans": plans,
        "zrm_assessments": assessments,
        "meetings": meetings,
        **outcomes,
        **dossier,
        **network,
        **child_voice,
    }


# ---------------------------------------------------------------- files


#: How a case file that cannot be written is named in the message (`store.access.write_failure`).
CASE_FILE_WORDS = FileWords(
    disk_full=N_(
        "The case file {path} could not be written: the disk is full. "
        "Make room or choose another place. Nothing was written."
    ),
    is_folder=N_("{path} is a folder. Choose a file name for the case file."),
    failed=N_("The case file {path} could not be written ({reason}). Nothing was written."),
)


def _write_error(path: Path, exc: OSError) -> CaseFileError:
    return CaseFileError(write_failure(path, exc, CASE_FILE_WORDS))


def write_case_file(doc: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Write `doc` as UTF-8 JSON, readable by the owner only (mode 0600: it holds data about
    children). A temporary file is renamed into place, so a failure never leaves half a file."""
    data = (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files.write_atomically(data, path, _write_error)


def save_case_file(
    uow: UnitOfWork, case_id: int, path: str | os.PathLike[str], *, recipient: str = ""
) -> Written:
    """Export the case, write it to `path` (CaseFileError: nothing was written), then record
    for whom in the case's disclosure log. The window and the command line both save here;
    `Written.unlogged` says when the log failed. `recipient` is checked before anything."""
    what = case_file_disclosure(disclosures.check_recipient(recipient))
    doc = export_case(uow, case_id)
    # A file for someone (a new care provider) names no other case and holds no working notes
    # (werkaantekeningen are their author's own); only an unaddressed copy, to be read in again
    # here, keeps the link of a new start to the earlier case and the notes.
    if recipient.strip():
        doc = without_working_notes(without_other_cases(doc))
    write_case_file(doc, path)
    return log_written(uow, [case_id], what, Path(path))


def read_case_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The JSON object in the file, read safely (jeugdtool/jsonfile.py: only a regular file,
    at most MAX_FILE_BYTES, nested at most 64 deep). CaseFileError saying what is wrong when
    it is not one; InvalidInput (BrokenText) naming each text no database can store."""
    doc = read_json(
        path, kind=_("jeugdtool case file"), max_bytes=MAX_FILE_BYTES, error=CaseFileError
    )
    if not isinstance(doc, dict):
        raise CaseFileError(_("{path} is not a jeugdtool case file.").format(path=path))
    return doc


# ---------------------------------------------------------------- import


def _manager(uow: UnitOfWork, name: str | None) -> Consultant | None:
    """The consultant with this name (ignoring case), created when missing — inside the
    import's own transaction, so a failed import leaves no new consultant behind."""
    if name is None:
        return None
    name = name.strip()
    wanted = fold_key(name)
    # Compared in Python: SQLite's lower() folds only ASCII ("Öztürk" would not match).
    for row in uow.session.scalars(select(Consultant)):
        if fold_key(row.name) == wanted:
            return row
    row = Consultant(name=name, active=True)
    uow.session.add(row)
    uow.flush()
    return row


#: (team id, case manager id) an imported case gets in team mode (staff.default_assignment).
Assignment = tuple[int | None, int | None]


def _add_rows(
    uow: UnitOfWork,
    doc: dict[str, Any],
    number: str,
    matrices: dict[str, Matrix],
    assign_to: Assignment | None = None,
) -> HouseholdDTO:
    h = doc["household"]
    team_id, manager = None, None
    if assign_to is None:  # single-user mode: the file's case manager, added when missing
        manager = _manager(uow, h["case_manager"])
    else:
        team_id, manager_id = assign_to
        manager = uow.session.get(Consultant, manager_id) if manager_id is not None else None
    row = Household(
        case_number=number,
        name=h["name"],
        mode=h["mode"],
        status=h["status"],
        opened_on=date_of(h["opened_on"]),
        closed_on=date_of(h["closed_on"]),
        close_reason=h["close_reason"],
        case_manager_id=manager.id if manager else None,
        team_id=team_id,
    )
    uow.session.add(row)
    uow.flush()
    persons: dict[str, Person] = {}
    network: dict[str, NetworkMember] = {}
    for position, n in enumerate(doc["network"], start=1):
        # A file made before chairs has none (the key is optional).
        chairs = bool(n.get("chairs_network", False))
        network[n["id"]] = NetworkMember(
            **NETWORK_MEMBER.load(n, household_id=row.id, position=position, chairs_network=chairs)
        )
        uow.session.add(network[n["id"]])
    uow.flush()  # the network's ids first: a child's trusted person is one of them
    for position, p in enumerate(doc["persons"], start=1):
        trusted = p.get("trusted_person")  # optional, as chairs_network
        persons[p["id"]] = Person(
            **PERSON.load(p, household_id=row.id, position=position),
            trusted_person_id=network[trusted].id if trusted is not None else None,
        )
        uow.session.add(persons[p["id"]])
    uow.flush()
    importer = import_parts(
        uow,
        doc,
        row.id,
        {ref: person.id for ref, person in persons.items()},
        {ref: member.id for ref, member in network.items()},
    )
    # A plan's approval is a reviewer's judgement in their own name: a team database lets nobody
    # write one for someone else (store/team_sql.py), so an import there leaves them out.
    plan = import_plans(importer, doc.get("plans") or [], approvals=not _team_database(uow))
    import_assessments(importer, doc.get("zrm_assessments") or [], matrices)
    import_meetings(importer, doc.get("meetings") or [])
    import_outcomes(importer, doc)
    entries = import_dossier(importer, doc)
    import_network(importer, doc, plan, entries)
    import_child_voice(importer, doc)
    return convert.household(row, manager)


@dataclass(frozen=True)
class CheckedCase:
    """A case file document that passed every check against one database."""

    #: The document, as read (not copied: do not change it).
    doc: dict[str, Any]
    #: The file's case number.
    case_number: str
    #: Whether the database had a case with that number when the file was checked.
    number_taken: bool
    #: The person whose working notes (werkaantekeningen) the import keeps: the importer. A
    #: working note is its author's own; another author's would be written in their name
    #: (team mode refuses that) and nobody here could read it in the journal.
    kept_author: str
    #: (author as the file names them, how many) of the working notes the import leaves out.
    notes_left_out: tuple[tuple[str, int], ...]
    #: How many plan approvals (submissions for review, with the reviewer's decision and
    #: comments) the import leaves out: a team database refuses a decision or a submission in
    #: someone else's name (store/team_sql.py), so a team import keeps none of them.
    approvals_left_out: int = 0

    @property
    def left_out_working_notes(self) -> int:
        """How many working notes of other authors the import leaves out."""
        return sum(count for _author, count in self.notes_left_out)


def _names(names: list[str]) -> str:
    """Names as a list: "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def left_out_notes_message(checked: CheckedCase) -> str:
    """What the importer is told about what the import leaves out ("" when nothing): the
    working notes of colleagues (how many, whose, why, what to do) and, in team mode, the plan
    approvals. For the screen only (it names colleagues): never logged."""
    parts = (_left_out_notes(checked), _left_out_approvals(checked))
    return "\n\n".join(part for part in parts if part)


def _left_out_approvals(checked: CheckedCase) -> str:
    count = checked.approvals_left_out
    if not count:
        return ""
    text = ngettext(
        "{n} plan approval (a submission for review, with the reviewer's decision and "
        "comments) was not imported: in a team database nobody can record a submission or a "
        "decision in someone else's name. The plan versions themselves were imported. If the "
        "plan needs approval here, submit it for review again.",
        "{n} plan approvals (submissions for review, with the reviewers' decisions and "
        "comments) were not imported: in a team database nobody can record a submission or a "
        "decision in someone else's name. The plan versions themselves were imported. If the "
        "plan needs approval here, submit it for review again.",
        count,
    )
    return text.format(n=count)


def _left_out_notes(checked: CheckedCase) -> str:
    count = checked.left_out_working_notes
    if not count:
        return ""
    authors = _names([author for author, _n in checked.notes_left_out])
    text = ngettext(
        "{n} working note by {authors} was not imported: a working note is its author's own, "
        "and nobody else can read it in the journal. If you need it, ask {authors} to import "
        "the file themselves, or to write what you need to know in an ordinary journal entry "
        "and export the case again.",
        "{n} working notes by {authors} were not imported: a working note is its author's "
        "own, and nobody else can read it in the journal. If you need them, ask {authors} to "
        "import the file themselves, or to write what you need to know in an ordinary journal "
        "entry and export the case again.",
        count,
    )
    return text.format(n=count, authors=authors)


def _zrm_facts(uow: UnitOfWork) -> tuple[dict[str, Matrix], dict[str, frozenset[str]]]:
    """Inside an open unit of work: the ZRM matrices by id, and the versions of each an
    assessment may name — the matrix's own, and those its assessments here already name (an
    organisation may since have imported a newer version of its own matrix)."""
    matrices = matrices_in(uow)
    versions = {matrix_id: set(known) for matrix_id, known in known_versions(matrices).items()}
    used = select(ZrmAssessment.matrix_id, ZrmAssessment.matrix_version).distinct()
    for matrix_id, version in uow.session.execute(used):
        versions.setdefault(matrix_id, set()).add(version)
    return matrices, {matrix_id: frozenset(known) for matrix_id, known in versions.items()}


def _number_taken(uow: UnitOfWork, number: Any) -> bool:
    if not isinstance(number, str) or not 0 < len(number) <= 32:
        return False  # not a case number at all; the check says so
    # Also a case of another team, which the person importing may not see.
    return households.case_number_taken(uow, number)


def check_case(
    uow: UnitOfWork,
    doc: dict[str, Any],
    *,
    today: dt.date | None = None,
    notes_of: str | None = None,
) -> CheckedCase:
    """Check `doc` for import into the database of `uow`; InvalidInput with every problem.

    The database is read in one short transaction; the document is checked outside any, so
    other programs can keep writing while a large file is checked. The import keeps the
    working notes of `notes_of` only (None: the current user, `uow.author`); the result says
    whose others it leaves out.
    """
    household = doc.get("household") if isinstance(doc, dict) else None
    number = household.get("case_number") if isinstance(household, dict) else None
    with uow:
        matrices, versions = _zrm_facts(uow)
        taken = _number_taken(uow, number)
    problems = validate_case_document(doc, today=today, matrices=matrices, versions=versions)
    if problems:
        raise InvalidInput(problems)
    kept = uow.author if notes_of is None else notes_of
    left_out = tuple(others_working_notes(doc, kept).items())
    approvals = _count_approvals(doc) if _team_database(uow) else 0
    return CheckedCase(doc, number, taken, kept, left_out, approvals)


def _team_database(uow: UnitOfWork) -> bool:
    """Whether `uow` is a team database (PostgreSQL, row-level security)."""
    return uow.database.engine.dialect.name == "postgresql"


def _count_approvals(doc: dict[str, Any]) -> int:
    """How many plan approvals a checked document holds (over every plan version)."""
    return sum(len(version.get("approvals") or []) for version in doc.get("plans") or [])


def add_checked_case(
    uow: UnitOfWork,
    checked: CheckedCase,
    *,
    as_new: bool = False,
    assign_to: Assignment | None = None,
) -> Outcome[HouseholdDTO]:
    """Add a checked case in one transaction, held for the writing only: all of it, or nothing.

    CaseExists when the case number is taken by now (unless `as_new`: then the case gets a
    newly generated number); InvalidInput when the database's ZRM matrices changed since the
    check in a way the assessments no longer fit. `assign_to`: the case's (team, case manager)
    in team mode; None keeps the file's case manager (added when this database lacks them).
    Working notes of others than `checked.kept_author` are left out (CheckedCase says how many).
    """
    doc = without_working_notes(checked.doc, kept_author=checked.kept_author)
    with uow:
        matrices, versions = _zrm_facts(uow)
        changed = zrm_rules(doc, dt.date.today(), matrices, versions)
        if changed:
            raise InvalidInput(changed)
        uow.serialize(households.CASE_NUMBER_LOCK)  # no colleague takes the number meanwhile
        number = (
            households.pick_case_number(uow, dt.date.today().year)
            if as_new
            else checked.case_number
        )
        if _number_taken(uow, number):
            raise CaseExists(number)
        try:
            dto = _add_rows(uow, doc, number, matrices, assign_to)
            # Logged in the import's own transaction: no case without its row, nor a row
            # without its case.
            access_log.log(uow, AccessAction.IMPORT, case_id=dto.id, case_number=number)
            changes = uow.commit()
        except IntegrityViolation as exc:
            if "case_number" not in exc.detail:
                raise
            raise CaseExists(number) from exc  # another program took the number just now
    return Outcome(dto, changes)


def import_case(
    uow: UnitOfWork,
    doc: dict[str, Any],
    *,
    as_new: bool = False,
    assign_to: Assignment | None = None,
    notes_of: str | None = None,
) -> Outcome[HouseholdDTO]:
    """Add the case in `doc` to the database: all of it, or — on any problem — nothing.

    Raises InvalidInput with every problem of a bad document, and CaseExists when the case
    number is taken (unless `as_new`: then the case always gets a newly generated number).
    The ZRM assessments are checked against the matrices this database knows, so a case that
    uses an organisation's own matrix imports where that matrix was imported. The check and
    the writing are check_case and add_checked_case (the GUI runs them apart, asking in
    between whether a case whose number is taken should be imported as new). Working notes
    of others than `notes_of` (None: the current user) are left out: see check_case.
    """
    checked = check_case(uow, doc, notes_of=notes_of)
    if checked.number_taken and not as_new:
        raise CaseExists(checked.case_number)
    return add_checked_case(uow, checked, as_new=as_new, assign_to=assign_to)
