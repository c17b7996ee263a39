"""Reads about slots and coverage that the client dashboard, its CSV and the API share."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
from django.db.models import (
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Least
from django.utils import timezone

from clients.intervals import local_period, week_start
from clients.models import Program
from scheduling import staffing
from scheduling.booking.seats import slots_with_booked
from scheduling.staffing.services import staffing_parameters

if TYPE_CHECKING:
    from scheduling.booking.seats import SlotWithBooked


@dataclass(frozen=True)
class IntervalCoverage:
    starts_at: datetime  # in the program's zone
    contacts: float
    required: int
    capacity: int
    booked: int
    expected_service_level: float | None  # None when no contacts are expected

    @property
    def gap(self) -> int:
        """Agents still missing (negative: more booked than needed)."""
        return self.capacity - self.booked

    @property
    def status(self) -> str:
        if self.capacity == 0 and self.booked == 0:
            return "closed"
        if self.booked < self.capacity:
            return "short"
        return "over" if self.booked > self.capacity else "met"


class FillRate:
    """Share of the agent-hours needed that agents booked (over-staffing does not count)."""

    if TYPE_CHECKING:  # fields of a subclass, or its properties

        @property
        def booked_hours(self) -> float: ...

        @property
        def scheduled_hours(self) -> float: ...

    @property
    def fill_rate(self) -> float | None:
        return self.booked_hours / self.scheduled_hours if self.scheduled_hours else None


@dataclass(frozen=True)
class WeekCoverage(FillRate):
    program: Program
    week: date
    intervals: list[IntervalCoverage]

    @property
    def days(self) -> list[date]:
        return [self.week + timedelta(days=n) for n in range(7)]

    @property
    def scheduled_hours(self) -> float:
        return sum(row.capacity for row in self.intervals) / 2

    @property
    def booked_hours(self) -> float:
        return sum(min(row.booked, row.capacity) for row in self.intervals) / 2

    @property
    def expected_service_level(self) -> float | None:
        """The week's expected service level, each interval weighted by its contacts."""
        rows = [
            (row.expected_service_level, row.contacts)
            for row in self.intervals
            if row.expected_service_level is not None
        ]
        contacts = sum(row_contacts for _, row_contacts in rows)
        if not contacts:
            return None
        return sum(level * row_contacts for level, row_contacts in rows) / contacts

    @property
    def short_intervals(self) -> int:
        return sum(1 for row in self.intervals if row.status == "short")

    @property
    def over_intervals(self) -> int:
        return sum(1 for row in self.intervals if row.status == "over")

    @property
    def target(self) -> float:
        return float(self.program.service_level_percent) / 100


def slot_list_with_bookings(
    *, program: Program, start: datetime, end: datetime
) -> "QuerySet[SlotWithBooked]":
    """The program's slots in [start, end) with `booked`: live bookings covering each one."""
    return (
        slots_with_booked()
        .filter(program=program, starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at")
    )


def coverage_week(*, program: Program, week: date) -> WeekCoverage:
    """Required vs booked agents for each interval of the program's local week. One query."""
    zone = ZoneInfo(program.timezone)
    start, end = local_period(week, 7, zone)
    slots = list(slot_list_with_bookings(program=program, start=start, end=end))
    levels = _expected_levels(program=program, slots=slots)
    return WeekCoverage(
        program=program,
        week=week,
        intervals=[
            IntervalCoverage(
                starts_at=slot.starts_at.astimezone(zone),
                contacts=float(slot.contacts),
                required=slot.required,
                capacity=slot.capacity,
                booked=slot.booked,
                expected_service_level=level,
            )
            for slot, level in zip(slots, levels, strict=True)
        ],
    )


def _expected_levels(*, program: Program, slots: "list[SlotWithBooked]") -> list[float | None]:
    """Service level each interval can expect from the agents booked (shrinkage taken off)."""
    if not slots:
        return []
    contacts = np.array([float(slot.contacts) for slot in slots])
    parameters = staffing_parameters(program)
    parameters.pop("target_service_level", None)
    levels = staffing.expected_service_level(
        booked_agents=np.array([slot.booked for slot in slots]),
        contacts=contacts,
        aht_seconds=np.array([slot.aht_seconds or program.aht_seconds for slot in slots]),
        **parameters,
    )
    return [None if c == 0 else float(level) for c, level in zip(contacts, levels, strict=True)]


@dataclass(frozen=True)
class HeatCell:
    """One day × time cell of the gaps heat map, ready to print."""

    text: str
    css_class: str
    title: str


CLOSED_CELL = HeatCell("", "heat-closed", "closed")


def coverage_heat_map(coverage: WeekCoverage) -> list[tuple[str, list[HeatCell]]]:
    """Rows of local times (only those with any slot), one cell per day of the week."""
    by_moment = {(row.starts_at.date(), row.starts_at.time()): row for row in coverage.intervals}
    times = sorted({moment for _, moment in by_moment})
    return [
        (
            f"{moment:%H:%M}",
            [_heat_cell(by_moment.get((day, moment))) for day in coverage.days],
        )
        for moment in times
    ]


def _heat_cell(row: IntervalCoverage | None) -> HeatCell:
    if row is None:
        return CLOSED_CELL
    css_class = f"heat-{row.status}"
    if row.status == "short":  # deeper red the further from covered
        css_class += f" heat-level-{3 if row.booked == 0 else 2 if row.gap > 2 else 1}"
    title = f"{row.starts_at:%a %H:%M}: {row.booked} booked of {row.capacity}"
    if row.expected_service_level is not None:
        title += f", expected service level {row.expected_service_level:.0%}"
    return HeatCell(f"{row.booked}/{row.capacity}", css_class, title)


@dataclass(frozen=True)
class WeekSummary(FillRate):
    scheduled_hours: float
    booked_hours: float
    short_intervals: int


def week_summaries(*, programs: list[Program]) -> dict[int, WeekSummary]:
    """Each program's current week (in its own zone) in totals, for lists of programs. One query."""
    if not programs:
        return {}
    weeks = Q()
    for program in programs:
        zone = ZoneInfo(program.timezone)
        start, end = local_period(week_start(timezone.localdate(timezone=zone)), 7, zone)
        weeks |= Q(program=program, starts_at__gte=start, starts_at__lt=end)
    slots = slots_with_booked().filter(weeks).order_by()
    totals = slots.values("program").annotate(
        seats=Sum("capacity"),
        filled=Sum(Least("booked", "capacity", output_field=IntegerField())),
        short=Count("pk", filter=Q(booked__lt=F("capacity"))),
    )
    return {
        row["program"]: WeekSummary(row["seats"] / 2, row["filled"] / 2, row["short"])
        for row in totals
    }
