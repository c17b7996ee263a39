"""The beat tasks of reminders and attendance."""

import pytest
import time_machine
from django.conf import settings

from notifications.models import Notification
from scheduling.models import Booking
from scheduling.tasks import attendance_sweep_task, reminders_sweep_task
from tests.scheduling.attendance_world import MINUTE, START, block
from tests.scheduling.clock import HOUR

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
