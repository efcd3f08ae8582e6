"""The indicators as files for the municipality: CSV and XLSX, per team and quarter.

No names or case numbers go in: only teams, quarters and counts. By default every count below 5
is shown as "<5" and what is derived from it (a share, a mean, a cost) is left empty, and a
numerator whose complement is below 5 only as ">N" (`shown_ratio`), by the one
rule of `outcomes.indicators.shown_count` / `shown_value` that the dashboard uses too;
`suppress=False` writes every number, for internal use. docs/indicators.md says what each
figure counts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jeugdtool.cases.access import EXPORT_WORDS
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.files import write_atomically
from jeugdtool.i18n import _
from jeugdtool.outcomes.indicator_queries import by_quarter
from jeugdtool.outcomes.indicator_queries import case_teams
from jeugdtool.outcomes.indicators import INDICATORS
from jeugdtool.outcomes.indicators import SMALL_BELOW
from jeugdtool.outcomes.indicators import IndicatorFilter
from jeugdtool.outcomes.indicators import IndicatorResult
from jeugdtool.outcomes.indicators import indicator_help
from jeugdtool.outcomes.indicators import indicator_label
from jeugdtool.outcomes.indicators import shown_count
from jeugdtool.outcomes.indicators import shown_ratio
from jeugdtool.outcomes.indicators import shown_value
from jeugdtool.outcomes.vocab import ExperienceQuestion
from jeugdtool.store.access import write_failure
from jeugdtool.store.uow import UnitOfWork

__all__ = [
    "IndicatorFileError",
    "Row",
    "TeamQuarters",
    "csv_text",
    "rows",
    "save",
    "team_quarters",
    "write_file",
    "xlsx_bytes",
]

#: The sections of the file, in order (an XLSX sheet each; the CSV's first column).
SECTIONS = ("indicators", "client_experience", "production")


class IndicatorFileError(JeugdtoolError):
    """The file could not be written."""


@dataclass(frozen=True)
class TeamQuarters:
    """One team's results, a quarter each (`team` is "All cases" in a database without teams,
    "(no team)" for the cases without one beside teams)."""

    team: str
    results: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class Row:
    """One line of the file. `count` is the numerator or n ("<5" when hidden); `value` a share
    (0–1), a mean, days or euros (None: none, or hidden)."""

    section: str
    team: str
    quarter: str
    code: str
    label: str
    count: int | str
    denominator: int | str | None
    value: float | None


def team_quarters(
    uow: UnitOfWork, flt: IndicatorFilter, *, today: dt.date | None = None
) -> list[TeamQuarters]:
    """Per team the user may see cases of (only flt.team_id when given), the quarters."""
    if flt.team_id is not None:
        return [
            TeamQuarters(_team_name(uow, flt.team_id), tuple(by_quarter(uow, flt, today=today)))
        ]
    teams = case_teams(uow)
    if not teams or teams == [(None, "")]:
        return [TeamQuarters(_("All cases"), tuple(by_quarter(uow, flt, today=today)))]
    out = []
    for team_id, name in teams:
        if team_id is None:
            found = by_quarter(uow, flt, today=today, no_team=True)
            out.append(TeamQuarters(_("(no team)"), tuple(found)))
        else:
            found = by_quarter(uow, _with_team(flt, team_id), today=today)
            out.append(TeamQuarters(name, tuple(found)))
    return out


def _with_team(flt: IndicatorFilter, team_id: int) -> IndicatorFilter:
    return IndicatorFilter(flt.start, flt.end, team_id, flt.consultant_id, flt.mode)


def _team_name(uow: UnitOfWork, team_id: int) -> str:
    return next((name for tid, name in case_teams(uow) if tid == team_id), str(team_id))


# ---- the rows -------------------------------------------------------------------------------


def rows(groups: Iterable[TeamQuarters], *, suppress: bool = True) -> list[Row]:
    """Every line of the file: per team and quarter the indicators, the client experience and
    the production figures."""
    out: list[Row] = []
    for group in groups:
        for result in group.results:
            out += _result_rows(group.team, result, suppress)
    return out


def _result_rows(team: str, result: IndicatorResult, suppress: bool) -> list[Row]:
    quarter = result.period.label
    out = []
    for name in INDICATORS:
        shown = shown_ratio(result.indicators[name], suppress=suppress)
        out.append(
            Row(
                "indicators",
                team,
                quarter,
                name,
                indicator_label(name),
                shown.numerator,
                shown.denominator,
                shown.share,
            )
        )
    for question in ExperienceQuestion:
        mean = result.client_experience[question.value]
        value = shown_value(mean.mean, mean.n, suppress=suppress)
        count = shown_count(mean.n, suppress=suppress)
        out.append(
            Row(
                "client_experience",
                team,
                quarter,
                question.value,
                question.label,
                count,
                None,
                value,
            )
        )
    return out + _production_rows(team, quarter, result, suppress)


def _production_rows(team: str, quarter: str, result: IndicatorResult, suppress: bool) -> list[Row]:
    p = result.production

    def count(code: str, label: str, n: int, value: float | None = None, *also: int) -> Row:
        shown = shown_value(value, n, *also, suppress=suppress)
        return Row(
            "production", team, quarter, code, label, shown_count(n, suppress=suppress), None, shown
        )

    out = [
        count("open", _("Open at the end of the quarter"), p.open),
        count("new", _("Opened in the quarter"), p.new),
        count("closed", _("Closed in the quarter"), p.closed),
        count(
            "mean_duration_days",
            _("Mean duration of the closed cases (days)"),
            p.closed,
            p.mean_duration_days,
        ),
    ]
    for kind in p.help_by_kind:
        euros = kind.cost_cents / 100 if kind.cost_cents is not None else None
        code = f"help:{kind.product_list}:{kind.category}"
        # The cost of a kind is a family's cost when fewer than 5 cases have it, however many
        # items (six children in one residential placement): it needs 5 cases as well.
        out.append(count(code, kind.label, kind.items, euros, len(kind.cases)))
    return out


# ---- CSV and XLSX -------------------------------------------------------------------------


def _headers() -> tuple[str, ...]:
    return (
        _("section"),
        _("team"),
        _("quarter"),
        _("code"),
        _("description"),
        _("number"),
        _("out of"),
        _("share, mean, days or euros"),
    )


def _cells(row: Row) -> list[object]:
    """A row's cells; a share rounded to 4 decimals, a mean or a duration to 2, euros to cents."""
    value = None if row.value is None else round(row.value, 4 if row.section == "indicators" else 2)
    denominator = "" if row.denominator is None else row.denominator
    return [row.section, row.team, row.quarter, row.code, row.label, row.count, denominator, value]


def csv_text(lines: Sequence[Row]) -> str:
    """One CSV table: a header, then a line per figure (section in the first column)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_headers())
    writer.writerows(["" if c is None else c for c in _cells(r)] for r in lines)
    return out.getvalue()


def xlsx_bytes(lines: Sequence[Row], *, suppress: bool = True) -> bytes:
    """A workbook: a sheet per section with the same columns as the CSV (without the section),
    and a sheet explaining each indicator and the suppression."""
    from openpyxl import Workbook  # only when a workbook is asked for

    book = Workbook()
    book.remove(book.active)
    titles = {
        "indicators": _("Indicators"),
        "client_experience": _("Client experience"),
        "production": _("Production"),
    }
    for section in SECTIONS:
        sheet = book.create_sheet(titles[section][:31])
        sheet.append(list(_headers()[1:]))
        for row in (r for r in lines if r.section == section):
            sheet.append(_cells(row)[1:])
            if section == "indicators" and row.value is not None:
                sheet.cell(sheet.max_row, 7).number_format = "0.0%"
        sheet.freeze_panes = "A2"
    _explanation(book.create_sheet(_("Explanation")[:31]), suppress)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _explanation(sheet: object, suppress: bool) -> None:
    lines = [[indicator_label(n), indicator_help(n)] for n in INDICATORS]
    if suppress:
        note = _(
            "Numbers below {n} are shown as <{n}; the share, mean or cost derived from them is "
            "left empty. When fewer than {n} of the cases counted fall outside a number, that "
            "number is shown as more than its 'out of' minus {n} (>17 of 22), its share empty."
        ).format(n=SMALL_BELOW)
    else:
        note = _("Every number is shown (no suppression): for internal use only.")
    for line in [*lines, [], [note]]:
        sheet.append(line)  # type: ignore[attr-defined]


def write_file(lines: Sequence[Row], path: Path, fmt: str, *, suppress: bool = True) -> Path:
    """Write the CSV or XLSX file all at once or not at all."""
    if fmt == "xlsx":
        data = xlsx_bytes(lines, suppress=suppress)
    else:  # with a byte-order mark, so that Excel (where the municipality opens it) reads UTF-8
        data = csv_text(lines).encode("utf-8-sig")
    return save(data, path)


def save(data: bytes, path: Path) -> Path:
    """Write `data` to `path` all at once or not at all (IndicatorFileError says why not)."""

    def error(where: Path, exc: OSError) -> IndicatorFileError:
        return IndicatorFileError(write_failure(where, exc, EXPORT_WORDS))

    return write_atomically(data, path, error)
