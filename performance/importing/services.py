"""Importing daily metrics: one checking pass over every row, then upserts in batches.

Everything is read and checked before anything is written. A row is refused for what it says
(see `rows`) and for what it names: an e-mail that is no agent's, a program that does not exist
or that the importer may not write (a client member writes their own organisations' programs as
owner or planner; staff write any), a day after the program's today, the same agent, program and
day twice in the file. `all_or_nothing` writes nothing if any row is refused; `keep_good` writes
the good rows. Every refusal is reported with its line. The rows are then written in batches of
BATCH_SIZE, one transaction each (as the applicant import does): a job's progress shows as it
goes, and a run stopped half-way is finished by running it again (an upsert).

A re-import updates the same rows (agent, program, day). An empty cell means "not given": the
value already on file stays. Only the imported columns are written, never the ones derived from
attendance.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import IO
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from clients.models import Membership, Program
from gigcx.csv_files import csv_rows
from performance.importing.rows import COLUMNS, MetricRow, RowError, parse_row
from performance.importing.store import store_batch
from performance.selectors import PLANNING_ROLES

BATCH_SIZE = 100_000


class Mode(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"
    KEEP_GOOD = "keep_good"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)

    @property
    def written(self) -> int:
        return self.created + self.updated + self.unchanged

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
        }


@dataclass(frozen=True)
class _Program:
    writable: bool
    today: date


def metrics_import(
    *,
    file: IO[bytes],
    by: User,
    mode: Mode = Mode.ALL_OR_NOTHING,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import a CSV file opened in binary mode; see the module docstring."""
    return _import(csv_rows(file, columns=COLUMNS), by=by, mode=mode, on_progress=on_progress)


def metrics_import_rows(
    *, rows: Sequence[dict], by: User, mode: Mode = Mode.ALL_OR_NOTHING
) -> ImportReport:
    """Import rows given as mappings of the CSV's columns (the API's JSON); the "line" of an
    error is the row's position in the list, from 1."""
    return _import(
        (
            (number, [_cell(row.get(name)) for name in COLUMNS])
            for number, row in enumerate(rows, 1)
        ),
        by=by,
        mode=Mode(mode),
        on_progress=None,
    )


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _import(
    lines: Iterable[tuple[int, list[str]]],
    *,
    by: User,
    mode: Mode,
    on_progress: Callable[[int, int], None] | None,
) -> ImportReport:
    report = ImportReport()
    parsed = list(_parsed(lines, report))
    rows = list(_allowed(parsed, by=by, report=report))
    report.errors.sort(key=lambda error: error["line"])
    if report.errors and mode == Mode.ALL_OR_NOTHING:
        return report
    for start in range(0, len(rows), BATCH_SIZE):
        with transaction.atomic():
            created, updated = store_batch(rows[start : start + BATCH_SIZE])
        report.created += created
        report.updated += updated
        if on_progress:  # after the batch's commit, so a job's progress is seen as it goes
            on_progress(min(start + BATCH_SIZE, len(rows)), len(rows))
    report.unchanged = len(rows) - report.created - report.updated
    return report


def _parsed(lines: Iterable[tuple[int, list[str]]], report: ImportReport) -> Iterator[MetricRow]:
    first_line_of: dict[tuple[str, int, date], int] = {}
    for line, cells in lines:
        try:
            row = parse_row(line, cells)
        except RowError as error:
            report.errors.append({"line": line, "reason": str(error)})
            continue
        key = (row.email, row.program_id, row.day)
        if key in first_line_of:
            reason = (
                f"{row.email}, program {row.program_id}, {row.day} is already on line "
                f"{first_line_of[key]}"
            )
            report.errors.append({"line": line, "reason": reason})
            continue
        first_line_of[key] = line
        yield row


def _allowed(rows: list[MetricRow], *, by: User, report: ImportReport) -> Iterator[MetricRow]:
    """The rows naming an agent and a program the importer may write, on a day that has come;
    each row keeps the agent's id in place of its e-mail (`agent_id`)."""
    agents = _users_by_email({row.email for row in rows})
    programs = _programs(by=by, ids={row.program_id for row in rows}, now=timezone.now())
    for row in rows:
        reason = _refusal(row, agents, programs)
        if reason:
            report.errors.append({"line": row.line, "reason": reason})
        else:
            row.agent_id = agents[row.email][0]
            yield row


def _refusal(
    row: MetricRow, agents: dict[str, tuple[int, str]], programs: dict[int, _Program]
) -> str:
    program = programs.get(row.program_id)
    if program is None:
        return f"program_id: there is no program {row.program_id}"
    if not program.writable:
        return f"program_id: you may not import metrics for program {row.program_id}"
    if row.email not in agents:
        return f"agent_email: nobody has the address {row.email}"
    if agents[row.email][1] != User.Role.AGENT:
        return f"agent_email: {row.email} is not an agent"
    if row.day > program.today:
        return f"day: {row.day} is in the future (the program's today is {program.today})"
    return ""


def _users_by_email(emails: set[str]) -> dict[str, tuple[int, str]]:
    """(id, role) by lower-case e-mail. One query."""
    users = (
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=emails)
        .values_list("address", "pk", "role")
    )
    return {address: (pk, role) for address, pk, role in users}


def _programs(*, by: User, ids: set[int], now: datetime) -> dict[int, _Program]:
    """The programs named, whether `by` may write them and their local today. Two queries."""
    planned = set(
        Membership.objects.filter(user=by, role__in=PLANNING_ROLES).values_list(
            "organisation_id", flat=True
        )
    )
    return {
        pk: _Program(
            writable=by.is_staff or organisation_id in planned,
            today=now.astimezone(ZoneInfo(zone)).date(),
        )
        for pk, organisation_id, zone in Program.objects.filter(pk__in=ids).values_list(
            "pk", "organisation_id", "timezone"
        )
    }
