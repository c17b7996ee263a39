"""Lay a week of slots out as days × 30-minute rows in the viewer's time zone. Pure Python.

Each local day runs from its midnight to the next, so the day the clocks go forward has 46 rows
and the day they go back 50. Rows are keyed by local wall time; the repeated hour of a fall-back
day gets rows of its own ("01:00 EST" after "01:30 EDT"), the skipped hour of a spring-forward day
leaves those cells empty. Only the rows from the first to the last one holding any slot are kept.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from clients.intervals import INTERVAL, interval_starts, local_period

T = TypeVar("T")
RowKey = tuple[int, int, int]  # (hour, fold, minute): the repeated hour sorts after the first


@dataclass(frozen=True)
class Cell(Generic[T]):
    day: date
    starts_at: datetime | None  # UTC; None when this wall time does not exist that day
    local: datetime | None
    item: T | None  # what sits in the interval (a slot), if anything
    zone: ZoneInfo  # the viewer's, in which the grid is laid out

    @property
    def ends_local(self) -> datetime | None:
        return None if self.local is None else self.local + INTERVAL


@dataclass(frozen=True)
class Row(Generic[T]):
    label: str
    cells: list[Cell[T]]


@dataclass(frozen=True)
class WeekLayout(Generic[T]):
    days: list[date]
    intervals_per_day: list[int]  # 48, or 46 / 50 on the days the clocks change
    rows: list[Row[T]]


def day_intervals(day: date, zone: ZoneInfo) -> list[datetime]:
    """The UTC starts of every 30-minute interval of the local day."""
    return list(interval_starts(*local_period(day, 1, zone)))


def week_layout(monday: date, zone: ZoneInfo, items: Mapping[datetime, T]) -> WeekLayout[T]:
    """Seven local days from `monday` × the rows that hold anything of `items` (by UTC start)."""
    days = [monday + timedelta(days=n) for n in range(7)]
    by_day = [{_key(start, zone): start for start in day_intervals(day, zone)} for day in days]
    used = sorted({key for day in by_day for key, start in day.items() if start in items})
    if not used:
        return WeekLayout(days=days, intervals_per_day=[len(d) for d in by_day], rows=[])
    keys = sorted({key for day in by_day for key in day if used[0] <= key <= used[-1]})
    rows = []
    for key in keys:
        cells = [_cell(day, by_day[n].get(key), zone, items) for n, day in enumerate(days)]
        rows.append(Row(label=_label(key, cells), cells=cells))
    return WeekLayout(days=days, intervals_per_day=[len(d) for d in by_day], rows=rows)


def _key(start: datetime, zone: ZoneInfo) -> RowKey:
    local = start.astimezone(zone)
    return local.hour, local.fold, local.minute


def _cell(day: date, start: datetime | None, zone: ZoneInfo, items: Mapping) -> Cell:
    if start is None:
        return Cell(day=day, starts_at=None, local=None, item=None, zone=zone)
    return Cell(
        day=day, starts_at=start, local=start.astimezone(zone), item=items.get(start), zone=zone
    )


def _label(key: RowKey, cells: list[Cell]) -> str:
    """ "09:30"; a wall time that happens twice on some day also names its zone ("01:00 EST")."""
    hour, _fold, minute = key
    text = f"{hour:02d}:{minute:02d}"
    repeated = [cell.local for cell in cells if cell.local is not None and _repeats(cell.local)]
    return f"{text} {repeated[0].tzname()}" if repeated else text


def _repeats(local: datetime) -> bool:
    """This wall time happens twice that day (the clocks go back over it)."""
    other = local.replace(fold=1 - local.fold)
    return other.utcoffset() != local.utcoffset()
