"""Reading forecasts: every bad row named by its line, nothing accepted when one is bad."""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from clients.forecast_input import ForecastInvalid, RawRow, read_csv, validate_rows
from clients.intervals import local_period, parse_local

NEW_YORK = ZoneInfo("America/New_York")
EVERY_DAY_8_TO_20 = {day: (time(8), time(20)) for day in range(7)}
AROUND_THE_CLOCK = {day: (time(0), time(0)) for day in range(7)}


def reasons(data: bytes, hours: dict = EVERY_DAY_8_TO_20) -> list[tuple[int, str]]:
    with pytest.raises(ForecastInvalid) as refused:
        validate_rows(read_csv(data), zone=NEW_YORK, hours=hours)
    return [(error.line, error.reason) for error in refused.value.errors]


def test_good_rows_are_read_in_the_programs_zone_and_sorted():
    data = b"interval_start,contacts,aht_seconds\n2026-03-02T09:30,12.5,240\n2026-03-02T09:00,10,\n"
    rows = validate_rows(read_csv(data), zone=NEW_YORK, hours=EVERY_DAY_8_TO_20)
    assert [(r.starts_at, r.contacts, r.aht_seconds) for r in rows] == [
        (datetime(2026, 3, 2, 14, 0, tzinfo=UTC), Decimal("10.00"), None),
        (datetime(2026, 3, 2, 14, 30, tzinfo=UTC), Decimal("12.50"), 240),
    ]


def test_columns_may_come_in_any_order_and_aht_is_optional():
    rows = validate_rows(
        read_csv(b"contacts,interval_start\r\n7,2026-03-02T10:00\r\n"),
        zone=NEW_YORK,
        hours=EVERY_DAY_8_TO_20,
    )
    assert rows[0].contacts == 7
    assert rows[0].aht_seconds is None


def test_every_kind_of_bad_row_is_reported_with_its_line():
    data = (
        b"interval_start,contacts\n"
        b"2026-03-02T09:00,10\n"  # line 2: good
        b"tomorrow morning,5\n"  # 3: unparseable
        b"2026-03-02T09:15,5\n"  # 4: off the grid
        b"2026-03-02T10:00,-3\n"  # 5: negative
        b"2026-03-02T09:00,8\n"  # 6: duplicate of line 2
        b"2026-03-02T22:00,4\n"  # 7: outside hours
        b"2026-03-02T11:00,lots\n"  # 8: not a number
    )
    assert [line for line, _ in reasons(data)] == [3, 4, 5, 6, 7, 8]
    found = dict(reasons(data))
    assert "not a date and time" in found[3]
    assert "30-minute grid" in found[4]
    assert "negative" in found[5]
    assert "duplicate of line 2" in found[6]
    assert "outside the program's hours" in found[7]
    assert "not a number" in found[8]


def test_an_offset_written_the_other_way_is_a_duplicate_too():
    data = b"interval_start,contacts\n2026-03-02T09:00,1\n2026-03-02T14:00+00:00,2\n"
    assert reasons(data) == [(3, "duplicate of line 2 (2026-03-02T14:00+00:00)")]


def test_a_file_that_is_not_csv_is_refused_whole():
    assert reasons(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == [
        (0, "The file is not a UTF-8 CSV text file.")
    ]


def test_wrong_columns_name_what_is_missing_and_unknown():
    [(line, reason)] = reasons(b"start,calls\n2026-03-02T09:00,1\n")
    assert line == 1
    assert "missing column(s) interval_start, contacts" in reason
    assert "unknown column(s) start, calls" in reason


def test_an_empty_file_is_refused():
    assert reasons(b"interval_start,contacts\n") == [(0, "The forecast has no intervals.")]


def test_bad_handle_times_are_refused():
    data = b"interval_start,contacts,aht_seconds\n2026-03-02T09:00,1,0\n2026-03-02T09:30,1,3.5\n"
    assert [line for line, _ in reasons(data)] == [2, 3]


def test_a_local_time_skipped_by_daylight_saving_is_refused():
    data = b"interval_start,contacts\n2026-03-08T02:30,4\n"
    assert reasons(data, AROUND_THE_CLOCK) == [
        (2, "2026-03-08 02:30 does not exist in America/New_York (clocks go forward)")
    ]


def test_a_repeated_local_hour_is_the_first_unless_an_offset_says_otherwise():
    first = parse_local("2026-11-01T01:30", NEW_YORK)
    second = parse_local("2026-11-01T01:30-05:00", NEW_YORK)
    assert (second - first).total_seconds() == 3600


def test_a_local_day_when_clocks_change_has_46_or_50_intervals():
    spring_start, spring_end = local_period(date(2026, 3, 8), 1, NEW_YORK)
    autumn_start, autumn_end = local_period(date(2026, 11, 1), 1, NEW_YORK)
    assert (spring_end - spring_start).total_seconds() / 1800 == 46
    assert (autumn_end - autumn_start).total_seconds() / 1800 == 50


def test_grid_rows_use_the_same_checks():
    with pytest.raises(ForecastInvalid) as refused:
        validate_rows([RawRow(1, "2026-03-02T09:00", "-1")], zone=NEW_YORK, hours=EVERY_DAY_8_TO_20)
    assert str(refused.value) == "Nothing was saved. Line 1: contacts cannot be negative (-1)"


def test_the_repeated_hour_when_clocks_go_back_says_how_to_write_it():
    data = b"interval_start,contacts\n2026-11-01T01:30,4\n2026-11-01T01:30,5\n"
    [(line, reason)] = reasons(data, AROUND_THE_CLOCK)
    assert line == 3
    assert reason.endswith(
        "01:30 happens twice that day (clocks go back): write the second one with its offset, "
        "2026-11-01T01:30-05:00"
    )
    fixed = b"interval_start,contacts\n2026-11-01T01:30,4\n2026-11-01T01:30-05:00,5\n"
    assert len(validate_rows(read_csv(fixed), zone=NEW_YORK, hours=AROUND_THE_CLOCK)) == 2
