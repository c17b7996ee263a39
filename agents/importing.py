"""Bulk import of applicants from CSV: one validating pass, then upserts in large batches.

The whole file is read and checked before anything is written, so a file that is not CSV (or has
the wrong columns) writes nothing. Good rows are written in batches of BATCH_SIZE, each batch one
transaction holding whole applicants (user, application, skills, languages), so a row is never
half-written. Re-importing a file updates the same people: the e-mail address is the key.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from django.db import transaction

from agents.choices import LANGUAGE_CHOICES, Channel, LanguageLevel
from agents.import_store import store_batch
from agents.models import Application, ScoringRule, Skill
from agents.scoring import Candidate, Rule, score
from agents.screening import SCORED_HOME_OFFICE_FIELDS, rules_load
from agents.states import STATES
from gigcx.errors import DomainError

COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "phone",
    "state",
    "zip",
    "languages",
    "channels",
    "skills",
    "hours_min",
    "hours_max",
    "typing_wpm",
    "typing_accuracy",
]
BATCH_SIZE = 20_000

EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
PHONE = re.compile(r"^\+?[0-9 ().-]{7,20}$")
ZIP = re.compile(r"^(\d{5})(-\d{4})?$")
LANGUAGE_CODES = {code for code, _ in LANGUAGE_CHOICES}
LEVELS = {**{str(level.value): level.value for level in LanguageLevel}} | {
    level.label.lower(): level.value for level in LanguageLevel
}
CHANNELS = set(Channel.values)


class ImportFileError(DomainError):
    """The file as a whole cannot be imported: nothing was written."""

    code = "bad_file"


class RowError(ValueError):
    """One row is wrong; the message says why."""


@dataclass
class ApplicantRow:
    line: int
    email: str
    full_name: str
    phone: str
    state: str
    zip_code: str
    languages: dict[str, int]
    channels: list[str]
    skills: dict[int, int]
    hours_min: int | None
    hours_max: int | None
    typing_wpm: int | None
    typing_accuracy: float | None


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
    rows = list(_valid_rows(_read_csv(file), skills=_skill_lookup(), report=report))
    rules = rules_load()
    for start in range(0, len(rows), BATCH_SIZE):
        _write_batch(rows[start : start + BATCH_SIZE], rules=rules, report=report)
        if on_progress:
            on_progress(min(start + BATCH_SIZE, len(rows)), len(rows))
    report.errors.sort(key=lambda error: error["line"])
    return report


def _read_csv(file: IO[bytes]) -> list[tuple[int, list[str]]]:
    """Every data row with its line number, after checking the file is CSV with our columns."""
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(text, strict=True)
        header = next(reader, None)
        _check_header(header)
        return [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except UnicodeDecodeError as error:
        raise ImportFileError("This is not a CSV text file (it is not UTF-8 text).") from error
    except csv.Error as error:
        raise ImportFileError(f"This is not a valid CSV file: {error}.") from error
    finally:
        text.detach()


def _check_header(header: list[str] | None) -> None:
    if not header:
        raise ImportFileError("The file is empty; the first line must name the columns.")
    names = [name.strip().lower() for name in header]
    if names != COLUMNS:
        missing = [name for name in COLUMNS if name not in names]
        extra = [name for name in names if name not in COLUMNS]
        detail = "; ".join(
            part
            for part in (
                f"missing: {', '.join(missing)}" if missing else "",
                f"unexpected: {', '.join(extra)}" if extra else "",
            )
            if part
        )
        raise ImportFileError(
            f"The columns must be exactly {','.join(COLUMNS)} in this order"
            + (f" ({detail})." if detail else " (they are in another order).")
        )


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
            row = _parse_row(line, cells, skills)
        except RowError as error:
            report.errors.append({"line": line, "reason": str(error)})
            continue
        if row.email in first_line_of:
            reason = f"{row.email} is already on line {first_line_of[row.email]}"
            report.errors.append({"line": line, "reason": reason})
            continue
        first_line_of[row.email] = line
        yield row


def _parse_row(line: int, cells: list[str], skills: dict[str, int]) -> ApplicantRow:
    if len(cells) != len(COLUMNS):
        raise RowError(f"expected {len(COLUMNS)} columns, found {len(cells)}")
    value = dict(zip(COLUMNS, [cell.strip() for cell in cells], strict=True))
    state = value["state"].upper()
    zip_code = _zip(value["zip"])
    if state not in STATES:
        raise RowError(f"state: {value['state']!r} is not a US state code")
    hours_min = _integer(value, "hours_min", 0, 80)
    hours_max = _integer(value, "hours_max", 0, 80)
    if hours_min is not None and hours_max is not None and hours_min > hours_max:
        raise RowError("hours_min is more than hours_max")
    return ApplicantRow(
        line=line,
        email=_email(value["email"]),
        full_name=_full_name(value["first_name"], value["last_name"]),
        phone=_phone(value["phone"]),
        state=state,
        zip_code=zip_code,
        languages=_languages(value["languages"]),
        channels=_channels(value["channels"]),
        skills=_skills(value["skills"], skills),
        hours_min=hours_min,
        hours_max=hours_max,
        typing_wpm=_integer(value, "typing_wpm", 0, 250),
        typing_accuracy=_decimal(value, "typing_accuracy", 0, 100),
    )


def _email(raw: str) -> str:
    email = raw.lower()
    if not EMAIL.match(email) or len(email) > 254:
        raise RowError(f"email: {raw!r} is not an e-mail address")
    return email


def _full_name(first: str, last: str) -> str:
    full_name = f"{first} {last}".strip()
    if not full_name:
        raise RowError("first_name and last_name are both empty")
    if len(full_name) > 150:
        raise RowError("the name is longer than 150 characters")
    return full_name


def _phone(raw: str) -> str:
    if raw and not PHONE.match(raw):
        raise RowError(f"phone: {raw!r} is not a phone number")
    return raw


def _zip(raw: str) -> str:
    match = ZIP.match(raw)
    if not match:
        raise RowError(f"zip: {raw!r} is not a 5-digit ZIP code")
    return match.group(1)


def _items(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(";") if item.strip()]


def _languages(raw: str) -> dict[str, int]:
    languages = {}
    for item in _items(raw):
        code, _, level = item.partition(":")
        code = code.strip().lower()
        if code not in LANGUAGE_CODES:
            raise RowError(f"languages: {code!r} is not a language code (en, es, fr…)")
        level = level.strip().lower() or str(LanguageLevel.FLUENT.value)
        if level not in LEVELS:
            raise RowError(f"languages: level {level!r} of {code} is not 1–4 or basic…native")
        languages[code] = LEVELS[level]
    if not languages:
        raise RowError("languages: at least one language is needed")
    return languages


def _channels(raw: str) -> list[str]:
    channels = sorted({item.lower() for item in _items(raw)})
    unknown = [channel for channel in channels if channel not in CHANNELS]
    if unknown:
        raise RowError(f"channels: {unknown[0]!r} is not one of {', '.join(sorted(CHANNELS))}")
    if not channels:
        raise RowError("channels: at least one channel is needed")
    return channels


def _skills(raw: str, lookup: dict[str, int]) -> dict[int, int]:
    skills = {}
    for item in _items(raw):
        name, separator, years = item.rpartition(":")
        if not separator or not years.strip().isdigit():
            raise RowError(f"skills: {item!r} must be name:years, e.g. healthcare:3")
        skill_id = lookup.get(name.strip().lower())
        if skill_id is None:
            raise RowError(f"skills: {name.strip()!r} is not a known skill")
        if int(years) > 60:
            raise RowError(f"skills: {years} years of {name.strip()} is more than 60")
        skills[skill_id] = int(years)
    return skills


def _integer(value: dict[str, str], column: str, low: int, high: int) -> int | None:
    raw = value[column]
    if not raw:
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise RowError(f"{column}: {raw!r} is not a whole number from {low} to {high}")
    return int(raw)


def _decimal(value: dict[str, str], column: str, low: float, high: float) -> float | None:
    raw = value[column]
    if not raw:
        return None
    try:
        number = round(float(raw), 1)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise RowError(f"{column}: {raw!r} is not a number from {low:g} to {high:g}")
    return number


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
