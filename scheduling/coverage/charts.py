"""Geometry of the coverage chart, drawn as inline SVG by the template (no script, no CDN)."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from clients.intervals import INTERVAL
from scheduling.coverage.selectors import WeekCoverage

WIDTH = 960
HEIGHT = 260
LEFT = 44  # room for the agent-count axis
BOTTOM = 24  # room for day names
WEEK_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str
    status: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    to_schedule_path: str
    required_path: str
    y_ticks: list[tuple[float, int]]
    day_marks: list[tuple[float, str]]
    plot_left: int
    plot_bottom: float


def coverage_chart(coverage: WeekCoverage) -> Chart:
    """Booked agents as bars; agents to schedule and agents required on contacts (before
    shrinkage) as step lines, over the local week."""
    top = max([1] + [max(row.capacity, row.booked) for row in coverage.intervals])
    scale_max, ticks = _axis(top)
    plot_width = WIDTH - LEFT
    plot_height = HEIGHT - BOTTOM - 8
    origin = datetime.combine(coverage.week, time())

    def x_of(moment: datetime) -> float:
        seconds = (moment.replace(tzinfo=None) - origin).total_seconds()
        return LEFT + plot_width * seconds / WEEK_SECONDS

    def y_of(agents: float) -> float:
        return 8 + plot_height * (1 - agents / scale_max)

    bar_width = plot_width / (7 * 48)
    bars = [
        Bar(
            x=round(x_of(row.starts_at), 2),
            y=round(y_of(row.booked), 2),
            width=round(bar_width * 0.9, 2),
            height=round(y_of(0) - y_of(row.booked), 2),
            title=f"{row.starts_at:%a %H:%M}: {row.booked} booked of {row.capacity} to schedule "
            f"({row.required} on contacts)",
            status=row.status,
        )
        for row in coverage.intervals
    ]
    to_schedule = _step_path(coverage, x_of, lambda row: y_of(row.capacity))
    required = _step_path(coverage, x_of, lambda row: y_of(row.required))
    y_ticks = [(round(y_of(value), 1), value) for value in ticks]
    days = [
        (LEFT + plot_width * n / 7, day.strftime("%a %d")) for n, day in enumerate(coverage.days)
    ]
    return Chart(WIDTH, HEIGHT, bars, to_schedule, required, y_ticks, days, LEFT, round(y_of(0), 1))


def _step_path(coverage: WeekCoverage, x_of: Callable, y_of_row: Callable) -> str:
    """One connected step line per run of consecutive intervals (a gap where the program closes)."""
    parts = []
    previous_end = None
    for row in coverage.intervals:
        left, right, y = x_of(row.starts_at), x_of(row.starts_at + INTERVAL), y_of_row(row)
        if previous_end == row.starts_at:
            parts.append(f"V{y:.1f}H{right:.1f}")
        else:
            parts.append(f"M{left:.1f},{y:.1f}H{right:.1f}")
        previous_end = row.starts_at + INTERVAL
    return "".join(parts)


def _axis(top: int) -> tuple[int, list[int]]:
    """A round axis maximum at or above `top` with at most five whole steps (1, 2, 5 × 10^k)."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if math.ceil(top / step) <= 5:
                scale_max = math.ceil(top / step) * step
                return scale_max, list(range(0, scale_max + 1, step))
        magnitude *= 10
