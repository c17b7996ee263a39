"""The beat tasks of reminders and attendance, and the demo's attendance."""

from datetime import date

import pytest
import time_machine
from django.conf import settings

from notifications.models import Notification
from scheduling.attendance.earnings import earnings_week
from scheduling.demo import seed_attendance
from scheduling.models import Booking
from scheduling.tasks import attendance_sweep_task, reminders_sweep_task
from tests.factories import AgentFactory
from tests.scheduling.attendance_world import MINUTE, START, block
from tests.scheduling.clock import HOUR, NOW

pytestmark = pytest.mark.django_db


def test_beat_runs_both_sweeps():
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["scheduling.tasks.reminders_sweep_task"] == 300.0
    assert tasks["scheduling.tasks.attendance_sweep_task"] == 60.0


def test_tasks_call_their_sweeps_and_are_safe_to_repeat():
    missed = block(start=START)
    with time_machine.travel(START - 30 * MINUTE, tick=False):
        assert [reminders_sweep_task(), reminders_sweep_task()] == [1, 0]
    with time_machine.travel(START + HOUR, tick=False):
        first, again = attendance_sweep_task(), attendance_sweep_task()
    assert first == {"lapsed": 0, "no_shows": 1, "closed": 0}
    assert again == {"lapsed": 0, "no_shows": 0, "closed": 0}
    assert Booking.objects.get(pk=missed.pk).attendance == Booking.Attendance.NO_SHOW
    assert Notification.objects.filter(user=missed.agent).count() == 1


def test_demo_attendance_gives_last_week_content_once():
    agents = [AgentFactory(timezone="America/New_York") for _ in range(3)]
    for agent in agents:
        block(agent, start=NOW + 24 * HOUR)  # the program they book
    seed_attendance(agents, now=NOW)
    seed_attendance(agents, now=NOW)
    last_week = earnings_week(agent=agents[0], week=date(2026, 11, 23), now=NOW)
    assert len(last_week.lines) == 5
    assert last_week.total > 0
    marked = Booking.objects.filter(agent__in=agents, starts_at__lt=NOW)
    assert marked.count() == 15
    assert not marked.filter(attendance=Booking.Attendance.SCHEDULED).exists()
    assert marked.filter(attendance=Booking.Attendance.NO_SHOW).exists()
