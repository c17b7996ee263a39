"""Geometry of the coverage chart, drawn as inline SVG by the template (no script, no CDN)."""

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from scheduling.selectors import WeekCoverage

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
    required_path: str
    y_ticks: list[tuple[float, int]]
    day_marks: list[tuple[float, str]]
    plot_left: int
    plot_bottom: float


def coverage_chart(coverage: WeekCoverage) -> Chart:
    """Booked agents as bars and agents to schedule as a step line, over the local week."""
    top = max([1] + [max(row.capacity, row.booked) for row in coverage.intervals])
    scale_max = _nice_ceiling(top)
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
            title=f"{row.starts_at:%a %H:%M}: {row.booked} booked of {row.capacity} needed",
            status=row.status,
        )
        for row in coverage.intervals
    ]
    path = []
    for row in coverage.intervals:
        left, right = x_of(row.starts_at), x_of(row.starts_at + timedelta(minutes=30))
        y = y_of(row.capacity)
        path.append(f"M{left:.1f},{y:.1f}H{right:.1f}")
    ticks = [(round(y_of(value), 1), value) for value in _ticks(scale_max)]
    days = [
        (LEFT + plot_width * n / 7, day.strftime("%a %d")) for n, day in enumerate(coverage.days)
    ]
    return Chart(WIDTH, HEIGHT, bars, "".join(path), ticks, days, LEFT, round(y_of(0), 1))


def _nice_ceiling(value: int) -> int:
    """The next round number at or above `value` (5, 10, 20, 50, 100…)."""
    magnitude = 10 ** max(0, math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _ticks(scale_max: int) -> list[int]:
    return [scale_max * n // 4 for n in range(5)]
