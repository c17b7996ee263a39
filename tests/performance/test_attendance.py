"""Daily metrics derived from attendance: minutes, no-shows, lapsed releases, check-ins."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from performance.attendance import attendance_metrics_refresh
from performance.models import DailyMetric
from performance.tasks import attendance_metrics_refresh_task
from scheduling.attendance.services import booking_check_in, booking_check_out
from scheduling.models import Booking
from tests.factories import AgentFactory, ProgramFactory
from tests.queries import assert_flat_queries
from tests.scheduling.attendance_world import MINUTE, START, block
from tests.scheduling.clock import HOUR

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 1)  # START is 12:00 in New York that day


@pytest.fixture
def voice() -> object:
    return ProgramFactory(name="Acme Voice")


def numbers(agent: object, program: object) -> tuple:
    metric = DailyMetric.objects.get(agent=agent, program=program, day=DAY)
    return (
        metric.booked_minutes,
        metric.worked_minutes,
        metric.no_shows,
        metric.late_releases,
        metric.on_time_check_ins,
        metric.late_check_ins,
    )


def test_a_days_blocks_become_each_agents_numbers(voice):
    ada, bo, cy = (AgentFactory(timezone="America/New_York") for _ in range(3))
    late = block(ada, start=START, program=voice)  # 4 h: in 10 min late, out an hour early
    booking_check_in(agent=ada, booking_id=late.pk, now=START + 10 * MINUTE)
    booking_check_out(agent=ada, booking_id=late.pk, now=late.ends_at - HOUR)
    early = block(ada, start=START - 4 * HOUR, hours=2, program=voice)  # on time, worked whole
    booking_check_in(agent=ada, booking_id=early.pk, now=early.starts_at - 5 * MINUTE)
    block(bo, start=START, program=voice, attendance=Booking.Attendance.NO_SHOW)
    block(cy, start=START, program=voice, cancelled_at=START, cancellation="late")
    block(cy, start=START - 4 * HOUR, program=voice, cancelled_at=START, cancellation="in_time")
    block(bo, start=START + 24 * HOUR, program=voice)  # the next day

    assert attendance_metrics_refresh(day=DAY) == 3
    assert numbers(ada, voice) == (360, 290, 0, 0, 1, 1)
    assert DailyMetric.objects.get(agent=ada).adherence == pytest.approx(290 / 360)
    assert numbers(bo, voice) == (240, 0, 1, 0, 0, 0)
    assert numbers(cy, voice) == (0, 0, 0, 1, 0, 0)
    assert DailyMetric.objects.count() == 3


def test_a_second_run_changes_nothing_and_imported_numbers_stay(voice):
    ada = AgentFactory(timezone="America/New_York")
    block(ada, start=START, program=voice, attendance=Booking.Attendance.NO_SHOW)
    DailyMetric.objects.create(agent=ada, program=voice, day=DAY, qa_score=Decimal("88.50"))
    assert attendance_metrics_refresh(day=DAY) == 1
    stamp = DailyMetric.objects.get().updated_at
    assert attendance_metrics_refresh(day=DAY) == 0
    metric = DailyMetric.objects.get()
    assert (metric.updated_at, metric.no_shows, metric.qa_score) == (stamp, 1, Decimal("88.50"))


def test_a_block_no_longer_answered_for_goes_back_to_zero(voice):
    ada = AgentFactory(timezone="America/New_York")
    booking = block(ada, start=START, program=voice, attendance=Booking.Attendance.NO_SHOW)
    attendance_metrics_refresh(day=DAY)
    Booking.objects.filter(pk=booking.pk).update(cancelled_at=START, cancellation="transferred")
    assert attendance_metrics_refresh(day=DAY) == 1
    assert numbers(ada, voice) == (0, 0, 0, 0, 0, 0)


def test_the_day_is_the_programs_own(voice):
    tokyo = ProgramFactory(name="Tokyo Chat", timezone="Asia/Tokyo")
    ada = AgentFactory(timezone="America/New_York")
    block(ada, start=START, program=voice, attendance=Booking.Attendance.NO_SHOW)
    block(ada, start=START + 8 * HOUR, program=tokyo, attendance=Booking.Attendance.NO_SHOW)
    attendance_metrics_refresh(day=DAY, program_ids=[voice.pk, tokyo.pk])
    # 01:00 UTC on 2 December is 10:00 on the 2nd in Tokyo: not Tokyo's 1 December.
    assert list(DailyMetric.objects.values_list("program", "day")) == [(voice.pk, DAY)]
    attendance_metrics_refresh(day=DAY + timedelta(days=1), program_ids=[tokyo.pk])
    assert DailyMetric.objects.filter(program=tokyo, day=DAY + timedelta(days=1)).exists()


def test_the_nightly_task_refreshes_the_day_it_is_given(voice):
    ada = AgentFactory(timezone="America/New_York")
    block(ada, start=START, program=voice, attendance=Booking.Attendance.NO_SHOW)
    assert attendance_metrics_refresh_task(day=DAY.isoformat()) == 1
    assert numbers(ada, voice)[2] == 1


def test_the_refresh_sends_the_same_queries_for_one_agent_and_for_many(voice):
    def build(size: int) -> None:
        for _ in range(size):
            agent = AgentFactory(timezone="America/New_York")
            block(agent, start=START, program=voice, attendance=Booking.Attendance.NO_SHOW)

    def measure(_: None) -> None:
        attendance_metrics_refresh(day=DAY, program_ids=[voice.pk])

    assert assert_flat_queries(build, measure, sizes=(1, 10)) == 4
