"""Reading demand from people: CSV files, the week grid and API bodies, with line-numbered errors.

Every way in produces `RawRow`s (line number + the three texts) and goes through `validate_rows`,
so a CSV upload, the grid and the API refuse the same things with the same words.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from clients.intervals import Hours, is_on_grid, is_open, parse_local
from gigcx.errors import DomainError

COLUMNS = ("interval_start", "contacts", "aht_seconds")
REQUIRED_COLUMNS = COLUMNS[:2]
MAX_ROWS = 50_000  # a program open around the clock for more than two years
MAX_CONTACTS = Decimal(10_000_000)
MAX_AHT_SECONDS = 24 * 3600
ERRORS_SHOWN = 200


@dataclass(frozen=True)
class RawRow:
    line: int
    interval_start: str
    contacts: str
    aht_seconds: str = ""


@dataclass(frozen=True)
class ForecastRow:
    starts_at: datetime
    contacts: Decimal
    aht_seconds: int | None


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.reason}" if self.line else self.reason


class ForecastInvalid(DomainError):
    """The forecast was refused as a whole; `errors` says which lines and why."""

    code = "forecast_invalid"
    field = "intervals"

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        self.details = {
            "errors": [{"line": e.line, "reason": e.reason} for e in self.errors[:ERRORS_SHOWN]]
        }
        shown = "; ".join(str(error) for error in self.errors[:5])
        more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(f"Nothing was saved. {shown}{more}")


def read_csv(data: bytes) -> list[RawRow]:
    """Rows of an uploaded CSV file; the header must name interval_start and contacts."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ForecastInvalid([RowError(0, "The file is not a UTF-8 CSV text file.")]) from None
    if "\x00" in text:
        raise ForecastInvalid([RowError(0, "The file is not a CSV text file.")])
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing or unknown:
        raise ForecastInvalid([RowError(1, _header_problem(missing, unknown))])
    positions = {name: header.index(name) for name in COLUMNS if name in header}
    try:
        return [
            _raw_row(reader.line_num, cells, positions)
            for cells in reader
            if any(cell.strip() for cell in cells)
        ]
    except csv.Error as error:
        raise ForecastInvalid([RowError(reader.line_num, f"not valid CSV ({error})")]) from None


def _header_problem(missing: list[str], unknown: list[str]) -> str:
    expected = "interval_start,contacts[,aht_seconds]"
    parts = []
    if missing:
        parts.append(f"missing column(s) {', '.join(missing)}")
    if unknown:
        parts.append(f"unknown column(s) {', '.join(unknown)}")
    return f"The header must be {expected}: {'; '.join(parts)}."


def _raw_row(line: int, cells: list[str], positions: dict[str, int]) -> RawRow:
    def cell(name: str) -> str:
        index = positions.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    return RawRow(line, cell("interval_start"), cell("contacts"), cell("aht_seconds"))


def validate_rows(rows: Iterable[RawRow], *, zone: ZoneInfo, hours: Hours) -> list[ForecastRow]:
    """Every row checked; all good rows back, or ForecastInvalid listing every bad line."""
    rows = list(rows)
    if not rows:
        raise ForecastInvalid([RowError(0, "The forecast has no intervals.")])
    if len(rows) > MAX_ROWS:
        raise ForecastInvalid([RowError(0, f"At most {MAX_ROWS:,} intervals per forecast.")])
    good: list[ForecastRow] = []
    errors: list[RowError] = []
    first_line_of: dict[datetime, int] = {}
    for row in rows:
        try:
            parsed = _parse_row(row, zone=zone, hours=hours)
        except ValueError as error:
            errors.append(RowError(row.line, str(error)))
            continue
        if parsed.starts_at in first_line_of:
            earlier = first_line_of[parsed.starts_at]
            reason = f"duplicate of line {earlier} ({row.interval_start})"
            errors.append(RowError(row.line, reason + _repeated_hour_hint(parsed.starts_at, zone)))
            continue
        first_line_of[parsed.starts_at] = row.line
        good.append(parsed)
    if errors:
        raise ForecastInvalid(errors)
    return sorted(good, key=lambda row: row.starts_at)


def _repeated_hour_hint(moment: datetime, zone: ZoneInfo) -> str:
    """When clocks go back a local hour happens twice: say how to write the second one."""
    local = moment.astimezone(zone).replace(tzinfo=None)
    second = local.replace(tzinfo=zone, fold=1)
    if second.utcoffset() == local.replace(tzinfo=zone).utcoffset():
        return ""
    return (
        f"; {local:%H:%M} happens twice that day (clocks go back): write the second one "
        f"with its offset, {second.isoformat(timespec='minutes')}"
    )


def _parse_row(row: RawRow, *, zone: ZoneInfo, hours: Hours) -> ForecastRow:
    if not row.interval_start:
        raise ValueError("interval_start is empty")
    starts_at = parse_local(row.interval_start, zone)
    if not is_on_grid(starts_at):
        raise ValueError(f"{row.interval_start} is not on the 30-minute grid (:00 or :30)")
    if not is_open(starts_at, zone, hours):
        local = starts_at.astimezone(zone)
        raise ValueError(f"{local:%A %Y-%m-%d %H:%M} is outside the program's hours")
    return ForecastRow(starts_at, _parse_contacts(row.contacts), _parse_aht(row.aht_seconds))


def _parse_contacts(text: str) -> Decimal:
    try:
        contacts = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"contacts “{text}” is not a number") from None
    if not contacts.is_finite():
        raise ValueError(f"contacts “{text}” is not a number")
    if contacts < 0:
        raise ValueError(f"contacts cannot be negative ({text})")
    if contacts > MAX_CONTACTS:
        raise ValueError(f"contacts {text} is more than {MAX_CONTACTS:,} in one interval")
    return contacts.quantize(Decimal("0.01"))


def _parse_aht(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_AHT_SECONDS:
        raise ValueError(
            f"aht_seconds “{text}” must be a whole number of seconds from 1 to {MAX_AHT_SECONDS}"
        )
    return int(text)
