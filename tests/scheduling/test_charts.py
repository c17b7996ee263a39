"""The coverage chart's geometry: round axes, one connected line per run of open intervals."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduling.coverage.charts import _axis, coverage_chart
from scheduling.coverage.selectors import IntervalCoverage, WeekCoverage

NEW_YORK = ZoneInfo("America/New_York")
MONDAY = date(2026, 3, 2)


def interval(hour: float, capacity: int, required: int, booked: int) -> IntervalCoverage:
    starts_at = datetime(2026, 3, 2, tzinfo=NEW_YORK) + timedelta(hours=hour)
    return IntervalCoverage(starts_at, 10.0, required, capacity, booked, 0.8)


@pytest.mark.parametrize(
    ("top", "axis"),
    [
        (1, (1, [0, 1])),
        (6, (6, [0, 2, 4, 6])),
        (37, (40, [0, 10, 20, 30, 40])),
        (5013, (6000, [0, 2000, 4000, 6000])),
    ],
)
def test_the_axis_is_round_with_at_most_five_steps(top, axis):
    assert _axis(top) == axis


def test_consecutive_intervals_make_one_step_line_and_a_closed_hour_breaks_it():
    rows = [interval(9, 4, 3, 2), interval(9.5, 6, 4, 6), interval(11, 2, 1, 3)]
    chart = coverage_chart(WeekCoverage(program=None, week=MONDAY, intervals=rows))
    assert chart.to_schedule_path.count("M") == 2  # 09:00–10:00 joined, 11:00 apart
    assert chart.to_schedule_path.count("V") == 1
    assert chart.required_path.count("M") == 2
    assert [bar.status for bar in chart.bars] == ["short", "met", "over"]
    assert chart.bars[0].title == "Mon 09:00: 2 booked of 4 to schedule (3 on contacts)"
    assert chart.bars[1].height > chart.bars[0].height  # 6 booked stand taller than 2
    assert [value for _, value in chart.y_ticks] == [0, 2, 4, 6]


def test_a_bar_sits_where_its_local_time_falls_in_the_week():
    monday_nine, tuesday_nine = interval(9, 1, 1, 1), interval(33, 1, 1, 1)
    chart = coverage_chart(
        WeekCoverage(program=None, week=MONDAY, intervals=[monday_nine, tuesday_nine])
    )
    one_day = chart.day_marks[1][0] - chart.day_marks[0][0]
    assert chart.bars[1].x - chart.bars[0].x == pytest.approx(one_day, abs=0.05)
