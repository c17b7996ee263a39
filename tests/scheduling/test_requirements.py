"""Forecast → slots: the recompute job, capacities that follow demand, coverage of bookings."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from clients.forecast_input import ForecastRow
from clients.intervals import week_start
from clients.services import forecast_publish, program_save
from jobs.models import Job
from scheduling.coverage.selectors import coverage_heat_map, coverage_week, week_summaries
from scheduling.models import Booking, Slot
from scheduling.staffing.services import (
    requirements_recompute,
    requirements_refresh,
    slots_release,
)
from tests.factories import BookingFactory, ProgramFactory
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)
NINE_NEW_YORK = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 09:00 EST


def publish(program, *pairs: tuple[datetime, str]):
    rows = [ForecastRow(t, Decimal(c), None) for t, c in pairs]
    forecast = forecast_publish(program=program, rows=rows, source="api", by=None)
    assert requirements_recompute(forecast_id=forecast.pk) is True
    return forecast


def test_the_textbook_interval_gets_14_agents_and_20_seats_after_30_percent_shrinkage():
    program = ProgramFactory()  # voice, 80 % in 20 s, AHT 180 s, 30 % shrinkage
    forecast = publish(program, (NINE_NEW_YORK, "100"))
    slot = Slot.objects.get(program=program, starts_at=NINE_NEW_YORK)
    assert (slot.required, slot.capacity, slot.contacts) == (14, 20, 100)
    forecast.job.refresh_from_db()
    assert (forecast.job.status, forecast.job.progress) == (Job.Status.SUCCEEDED, 100)
    assert forecast.job.result == {"days": 1, "intervals": 24, "agent_hours": 10.0, "peak": 20}


def test_every_open_interval_of_the_day_gets_a_slot_and_closed_ones_none():
    program = ProgramFactory()  # open 08:00–20:00
    publish(program, (NINE_NEW_YORK, "100"))
    starts = list(Slot.objects.filter(program=program).values_list("starts_at", flat=True))
    assert len(starts) == 24
    assert starts[0] == datetime(2026, 3, 2, 13, 0, tzinfo=UTC)  # 08:00 EST
    assert Slot.objects.filter(program=program, capacity=0).count() == 23


def test_running_the_job_twice_does_nothing_the_second_time():
    program = ProgramFactory()
    forecast = publish(program, (NINE_NEW_YORK, "100"))
    assert requirements_recompute(forecast_id=forecast.pk) is False


def test_lowering_demand_keeps_bookings_and_shows_the_interval_over_staffed():
    program = ProgramFactory()
    publish(program, (NINE_NEW_YORK, "100"))
    for _ in range(3):
        BookingFactory(
            program=program, starts_at=NINE_NEW_YORK, ends_at=NINE_NEW_YORK + timedelta(hours=1)
        )
    publish(program, (NINE_NEW_YORK, "0"))
    slot = Slot.objects.get(program=program, starts_at=NINE_NEW_YORK)
    assert slot.capacity == 0
    assert Booking.objects.filter(program=program, cancelled_at=None).count() == 3
    row = next(r for r in coverage_week(program=program, week=MONDAY).intervals if r.booked)
    assert (row.status, row.gap) == ("over", -3)


def test_releasing_dates_every_slot_of_the_programs_and_no_others():
    program, other = ProgramFactory(), ProgramFactory()
    publish(program, (NINE_NEW_YORK, "10"))
    publish(other, (NINE_NEW_YORK, "10"))
    earlier = timezone.now() - timedelta(days=3)
    assert slots_release(programs=[program], at=earlier) == 24
    assert set(Slot.objects.filter(program=program).values_list("released_at", flat=True)) == {
        earlier
    }
    assert not Slot.objects.filter(program=other, released_at=earlier).exists()


def test_coverage_counts_live_bookings_covering_each_interval():
    program = ProgramFactory()
    publish(program, (NINE_NEW_YORK, "100"), (NINE_NEW_YORK + timedelta(minutes=30), "100"))
    BookingFactory(
        program=program, starts_at=NINE_NEW_YORK, ends_at=NINE_NEW_YORK + timedelta(hours=1)
    )
    BookingFactory(
        program=program, starts_at=NINE_NEW_YORK, ends_at=NINE_NEW_YORK + timedelta(minutes=30)
    )
    BookingFactory(
        program=program,
        starts_at=NINE_NEW_YORK,
        ends_at=NINE_NEW_YORK + timedelta(hours=1),
        cancelled_at=timezone.now(),
    )
    coverage = coverage_week(program=program, week=MONDAY)
    booked = {
        row.starts_at.strftime("%H:%M"): row.booked for row in coverage.intervals if row.capacity
    }
    assert booked == {"09:00": 2, "09:30": 1}
    assert coverage.scheduled_hours == 20
    assert coverage.booked_hours == 1.5
    assert coverage.fill_rate == pytest.approx(3 / 40)
    assert coverage.short_intervals == 2


def test_expected_service_level_comes_from_booked_agents_after_shrinkage():
    program = ProgramFactory()
    publish(program, (NINE_NEW_YORK, "100"))
    for _ in range(20):  # 20 booked × 70 % productive = 14 on the phones
        BookingFactory(
            program=program, starts_at=NINE_NEW_YORK, ends_at=NINE_NEW_YORK + timedelta(minutes=30)
        )
    row = next(r for r in coverage_week(program=program, week=MONDAY).intervals if r.contacts)
    assert row.expected_service_level == pytest.approx(0.8883, abs=1e-4)
    assert row.status == "met"


def test_coverage_is_one_query_however_many_bookings():
    program = ProgramFactory()
    publish(program, (NINE_NEW_YORK, "100"))

    def bookings(count):
        BookingFactory.create_batch(
            count,
            program=program,
            starts_at=NINE_NEW_YORK,
            ends_at=NINE_NEW_YORK + timedelta(hours=2),
        )
        return count

    def coverage(count):
        week = coverage_week(program=program, week=MONDAY)
        assert sum(r.booked for r in week.intervals) == 4 * count

    assert assert_flat_queries(bookings, coverage, sizes=(5, 40)) == 1


def test_the_heat_map_lays_intervals_out_by_local_time_and_day():
    program = ProgramFactory()
    publish(program, (NINE_NEW_YORK, "100"))
    rows = coverage_heat_map(coverage_week(program=program, week=MONDAY))
    assert [moment for moment, _ in rows][:3] == ["08:00", "08:30", "09:00"]
    monday, tuesday = rows[2][1][:2]
    assert (monday.text, monday.css_class) == ("0/20", "heat-short heat-level-3")
    assert monday.title == "Mon 09:00: 0 booked of 20, expected service level 0%"
    assert tuesday.css_class == "heat-closed"  # Tuesday has no slots yet


def test_a_published_forecast_records_the_task_that_staffs_it():
    program = ProgramFactory()
    forecast = forecast_publish(
        program=program, rows=[ForecastRow(NINE_NEW_YORK, Decimal(5), None)], source="api", by=None
    )
    forecast.job.refresh_from_db()
    assert forecast.job.task == "scheduling.tasks.requirements_recompute_task"
    assert forecast.job.task_args == [forecast.pk]


def test_new_targets_recompute_the_slots_from_today_on():
    program = ProgramFactory()
    next_week = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=7)
    next_week = next_week.replace(hour=15)  # 10:00 or 11:00 in New York: open
    publish(program, (next_week, "100"))
    assert Slot.objects.get(program=program, starts_at=next_week).required == 14

    program.aht_seconds = 360  # twice the work per call
    job = program_save(program=program, by=None)
    assert job is not None
    assert requirements_refresh(program_id=program.pk, job_id=job.pk) is True
    assert Slot.objects.get(program=program, starts_at=next_week).required == 25
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED


def test_saving_a_program_unchanged_recomputes_nothing():
    program = ProgramFactory()
    program.name = "Renamed"
    assert program_save(program=program) is None


@pytest.mark.parametrize(
    ("fields", "required"),
    [
        ({}, 14),  # voice, Erlang C: the textbook interval
        ({"patience_seconds": 60}, 12),  # callers who hang up lighten the queue (Erlang A)
        ({"channel": "chat", "concurrency": 2, "answer_seconds": 60}, 7),  # 13 servers, 2 each
        # e-mail: 5 h of work may wait 4 h, spread over 8 intervals: 1.25 agents, so 2
        ({"channel": "email", "answer_seconds": 4 * 3600}, 2),
    ],
)
def test_each_channel_is_staffed_by_its_own_model(fields, required):
    program = ProgramFactory(**fields, hours={d: (time(0), time(0)) for d in range(7)})
    publish(program, (NINE_NEW_YORK, "100"))
    slots = Slot.objects.filter(program=program, required__gt=0)
    assert max(slot.required for slot in slots) == required


def test_week_summaries_total_each_programs_current_week_in_one_query():
    new_york = ZoneInfo("America/New_York")
    today = timezone.localdate(timezone=new_york)
    ten = datetime.combine(today, time(10), tzinfo=new_york).astimezone(UTC)

    def busy_and_idle(busy):
        """`busy` programs with this week's demand at 10:00 and half an hour booked; one idle."""
        programs = ProgramFactory.create_batch(busy)
        for program in programs:
            forecast = forecast_publish(
                program=program,
                rows=[ForecastRow(ten, Decimal(100), None)],
                source="api",
                by=None,
                week=week_start(today),
            )
            requirements_recompute(forecast_id=forecast.pk)
            BookingFactory(program=program, starts_at=ten, ends_at=ten + timedelta(hours=1))
        return [*programs, ProgramFactory()]

    def summaries(programs):
        *busy, idle = programs
        found = week_summaries(programs=programs)
        for program in busy:
            week = found[program.pk]
            assert (week.scheduled_hours, week.booked_hours, week.short_intervals) == (10, 0.5, 1)
            assert week.fill_rate == pytest.approx(0.05)
        assert idle.pk not in found

    assert assert_flat_queries(busy_and_idle, summaries) == 1
