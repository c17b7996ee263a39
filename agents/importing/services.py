"""Bulk import of applicants from CSV: one validating pass, then upserts in large batches.

The whole file is read and checked before anything is written, so a file that is not CSV (or has
the wrong columns) writes nothing. Good rows are written in batches of BATCH_SIZE, each batch one
transaction holding whole applicants (user, application, skills, languages), so a row is never
half-written. Re-importing a file updates the same people: the e-mail address is the key.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from django.db import transaction

from agents.importing.rows import COLUMNS, ApplicantRow, RowError, parse_row
from agents.importing.store import store_batch
from agents.models import Application, ScoringRule, Skill
from agents.scoring import Candidate, Rule, score
from agents.screening import SCORED_HOME_OFFICE_FIELDS, rules_load
from gigcx.csv_files import csv_rows

BATCH_SIZE = 20_000


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "errors": self.errors}


def applicants_import(
    *, file: IO[bytes], on_progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    """Import applicants from a CSV file opened in binary mode; see the module docstring."""
    report = ImportReport()
    rows = list(_valid_rows(csv_rows(file, columns=COLUMNS), skills=_skill_lookup(), report=report))
    rules = rules_load()
    for start in range(0, len(rows), BATCH_SIZE):
        _write_batch(rows[start : start + BATCH_SIZE], rules=rules, report=report)
        if on_progress:
            on_progress(min(start + BATCH_SIZE, len(rows)), len(rows))
    report.errors.sort(key=lambda error: error["line"])
    return report


def _skill_lookup() -> dict[str, int]:
    """Skill id by lower-case slug and by lower-case name."""
    lookup = {}
    for pk, name, slug in Skill.objects.values_list("pk", "name", "slug"):
        lookup[slug.lower()] = pk
        lookup[name.lower()] = pk
    return lookup


def _valid_rows(
    rows: Iterable[tuple[int, list[str]]], *, skills: dict[str, int], report: ImportReport
) -> Iterator[ApplicantRow]:
    first_line_of: dict[str, int] = {}
    for line, cells in rows:
        try:
            row = parse_row(line, cells, skills)
        except RowError as error:
            report.errors.append({"line": line, "reason": str(error)})
            continue
        if row.email in first_line_of:
            reason = f"{row.email} is already on line {first_line_of[row.email]}"
            report.errors.append({"line": line, "reason": reason})
            continue
        first_line_of[row.email] = line
        yield row


def _write_batch(rows: list[ApplicantRow], *, rules: list[Rule], report: ImportReport) -> None:
    """Upsert one batch of applicants, whole, in one transaction."""
    scores_home_office = any(rule.kind == ScoringRule.Kind.HOME_OFFICE for rule in rules)
    home_offices = _home_offices_of(rows) if scores_home_office else {}
    applications = [
        _application_values(row, rules, home_office=home_offices.get(row.email, {})) for row in rows
    ]
    with transaction.atomic():
        accounts = store_batch(rows, applications)
    report.errors.extend(
        {
            "line": row.line,
            "reason": f"{row.email} belongs to a {accounts.other_roles[row.email]} account",
        }
        for row in rows
        if row.email in accounts.other_roles
    )
    report.created += len(accounts.created)
    report.updated += len(accounts.user_ids) - len(accounts.created)


def _home_offices_of(rows: list[ApplicantRow]) -> dict[str, dict]:
    """What applicants already on file said about their home office, by e-mail: the CSV has no
    columns for it, and a re-import must not score them as if they had said nothing."""
    answers = Application.objects.filter(user__email__in=[row.email for row in rows]).values(
        "user__email", *SCORED_HOME_OFFICE_FIELDS
    )
    return {values.pop("user__email"): values for values in answers}


def _application_values(row: ApplicantRow, rules: list[Rule], *, home_office: dict) -> dict:
    total, explanation = score(
        Candidate(
            skills=row.skills,
            languages=row.languages,
            channels=row.channels,
            typing_wpm=row.typing_wpm,
            typing_accuracy=row.typing_accuracy,
            hours_max=row.hours_max,
            home_office=home_office,
        ),
        rules,
    )
    return {
        "phone": row.phone,
        "state": row.state,
        "zip_code": row.zip_code,
        "channels": row.channels,
        "hours_min": row.hours_min,
        "hours_max": row.hours_max,
        "typing_wpm": row.typing_wpm,
        "typing_accuracy": row.typing_accuracy,
        "score": total,
        "score_explanation": explanation,
    }
