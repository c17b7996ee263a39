"""One CSV row of the applicant import, checked and parsed: `parse_row` turns the cells into an
`ApplicantRow` or raises `RowError` saying what is wrong with it."""

import re
from dataclasses import dataclass

from agents.choices import LANGUAGE_CHOICES, Channel, LanguageLevel
from agents.states import STATES

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
EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
PHONE = re.compile(r"^\+?[0-9 ().-]{7,20}$")
ZIP = re.compile(r"^(\d{5})(-\d{4})?$")
LANGUAGE_CODES = {code for code, _ in LANGUAGE_CHOICES}
LEVELS = {**{str(level.value): level.value for level in LanguageLevel}} | {
    level.label.lower(): level.value for level in LanguageLevel
}
CHANNELS = set(Channel.values)


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


def parse_row(line: int, cells: list[str], skills: dict[str, int]) -> ApplicantRow:
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
