"""One row of the metric import, checked and parsed: `parse_row` turns the cells into a
`MetricRow` or raises `RowError` saying what is wrong with it. Who and what the row names (the
agent, the program, the day against the program's today) is checked in `services`."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

COLUMNS = [
    "agent_email",
    "program_id",
    "day",
    "contacts_handled",
    "aht_seconds",
    "csat_percent",
    "fcr_percent",
    "qa_score",
]
MAX_CONTACTS = 100_000
MAX_AHT_SECONDS = 86_400
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class RowError(ValueError):
    """One row is wrong; the message says why."""


@dataclass(slots=True)
class MetricRow:
    line: int
    email: str
    program_id: int
    day: date
    contacts_handled: int | None
    aht_seconds: int | None
    csat_percent: Decimal | None
    fcr_percent: Decimal | None
    qa_score: Decimal | None
    agent_id: int = 0  # set once the e-mail is found (services)


def parse_row(line: int, cells: list[str]) -> MetricRow:
    if len(cells) != len(COLUMNS):
        raise RowError(f"expected {len(COLUMNS)} columns, found {len(cells)}")
    email, program, day, contacts, aht, csat, fcr, qa = (cell.strip() for cell in cells)
    if not program.isdigit() or len(program) > 18:
        raise RowError(f"program_id: {program!r} is not a program number")
    return MetricRow(
        line=line,
        email=_email(email),
        program_id=int(program),
        day=_day(day),
        contacts_handled=_whole(contacts, "contacts_handled", 0, MAX_CONTACTS),
        aht_seconds=_whole(aht, "aht_seconds", 1, MAX_AHT_SECONDS),
        csat_percent=_percent(csat, "csat_percent"),
        fcr_percent=_percent(fcr, "fcr_percent"),
        qa_score=_percent(qa, "qa_score"),
    )


def _email(raw: str) -> str:
    if "@" not in raw:
        raise RowError(f"agent_email: {raw!r} is not an e-mail address")
    return raw.lower()


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise RowError(f"day: {raw!r} is not a date (YYYY-MM-DD)") from None


def _whole(raw: str, column: str, low: int, high: int) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise RowError(f"{column}: {raw!r} is not a whole number from {low} to {high:,}")
    return int(raw)


def _percent(raw: str, column: str) -> Decimal | None:
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not 0 <= number <= HUNDRED:
        raise RowError(f"{column}: {raw!r} is not a number from 0 to 100")
    if number != number.quantize(CENT):
        raise RowError(f"{column}: {raw!r} has more than two decimals")
    return number
