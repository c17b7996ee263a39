"""Shift reminders: 24 h and 1 h before a block, exactly once, never for cancelled blocks."""

from datetime import timedelta

import pytest
import time_machine

from notifications.models import Notification
from scheduling.attendance import reminders
from scheduling.attendance.reminders import reminders_sweep
from scheduling.models import Booking
from tests.races import all_read_before_any_writes, race
from tests.scheduling.attendance_world import MINUTE, START, block, reload
from tests.scheduling.clock import HOUR, NOW


def sweep_at(moment: object) -> int:
    with time_machine.travel(moment, tick=False):
        return reminders_sweep()


@pytest.mark.django_db
class TestReminders:
    def test_day_before_and_hour_before_each_exactly_once(self):
        booking = block(start=NOW + 30 * HOUR)
        start = booking.starts_at
        sent = [
            sweep_at(moment)
            for moment in (
                start - 24 * HOUR - MINUTE,  # not yet
                start - 24 * HOUR,  # the day before
                start - 23 * HOUR,
                start - HOUR - MINUTE,
                start - HOUR,  # the hour before
                start - 30 * MINUTE,
                start - MINUTE,
            )
        ]
        assert sent == [0, 1, 0, 0, 1, 0, 0]
        titles = list(
            Notification.objects.filter(user=booking.agent)
            .order_by("created", "pk")
            .values_list("title", flat=True)
        )
        assert titles == ["Tomorrow: Acme Voice at 16:00", "In an hour: Acme Voice at 16:00"]
        booking = reload(booking)
        assert booking.reminded_day_before_at == start - 24 * HOUR
        assert booking.reminded_hour_before_at == start - HOUR

    def test_reminder_is_in_the_agents_time_zone_and_links_to_today(self):
        booking = block(start=NOW + 30 * HOUR)
        sweep_at(booking.starts_at - 24 * HOUR)
        notification = Notification.objects.get(user=booking.agent)
        assert "Wed Dec 02, 16:00–20:00" in notification.body
        assert notification.link == "/agent/today/"
        assert notification.kind == "reminder"

    def test_never_for_a_cancelled_block(self):
        booking = block(start=NOW + 30 * HOUR, cancelled_at=NOW, cancellation="in_time")
        assert sweep_at(booking.starts_at - 24 * HOUR) == 0
        assert sweep_at(booking.starts_at - HOUR) == 0
        assert not Notification.objects.exists()

    def test_a_block_cancelled_after_the_day_before_gets_no_hour_before(self):
        booking = block(start=NOW + 30 * HOUR)
        sweep_at(booking.starts_at - 24 * HOUR)
        booking.cancelled_at, booking.cancellation = NOW, "in_time"
        booking.save()
        assert sweep_at(booking.starts_at - HOUR) == 0
        assert Notification.objects.count() == 1

    def test_a_pending_release_block_is_still_reminded(self):
        booking = block(start=NOW + 30 * HOUR, release_requested_at=NOW)
        assert sweep_at(booking.starts_at - HOUR) == 1

    def test_a_block_booked_within_the_hour_gets_only_the_hour_reminder(self):
        booking = block(start=NOW + 30 * HOUR)
        assert sweep_at(booking.starts_at - 50 * MINUTE) == 1
        assert reload(booking).reminded_day_before_at is None
        assert sweep_at(booking.starts_at - 40 * MINUTE) == 0

    def test_a_started_block_is_not_reminded(self):
        block(start=START)
        assert sweep_at(START) == 0


@pytest.mark.django_db(transaction=True)
class TestConcurrentSweeps:
    BLOCKS = 12

    def due_blocks(self) -> list:
        """Each block starts a minute apart: both sweeps claim them in one order (by start)."""
        return [block(start=START - n * MINUTE) for n in range(self.BLOCKS)]

    def race_two_sweeps(self) -> list[BaseException]:
        moment = START - HOUR + MINUTE
        return race(lambda: reminders_sweep(now=moment), lambda: reminders_sweep(now=moment))

    def test_two_sweeps_at_once_send_each_reminder_once(self):
        self.due_blocks()
        assert self.race_two_sweeps() == []
        assert Notification.objects.count() == self.BLOCKS
        assert len(set(Notification.objects.values_list("dedupe_key", flat=True))) == self.BLOCKS

    def test_without_the_conditional_claim_both_sweeps_send(self, monkeypatch):
        """Negative control: a claim that reads, then writes, lets both sweeps send. Each claim
        waits for the other sweep's claim of the same block to have read it too."""
        sends: list[str] = []

        def unsent(booking_id: int, reminder: object) -> bool:
            return Booking.objects.filter(pk=booking_id, **{reminder.field: None}).exists()

        both_read = all_read_before_any_writes(2, unsent)

        def check_then_claim(booking_id: int, reminder: object, now: object) -> bool:
            was_unsent = both_read(booking_id, reminder)
            Booking.objects.filter(pk=booking_id, **{reminder.field: None}).update(
                **{reminder.field: now}
            )
            return was_unsent

        monkeypatch.setattr(reminders, "_claim", check_then_claim)
        monkeypatch.setattr(
            reminders, "notify", lambda **kwargs: sends.append(kwargs["dedupe_key"])
        )
        self.due_blocks()
        assert self.race_two_sweeps() == []
        assert len(set(sends)) == self.BLOCKS
        assert len(sends) > self.BLOCKS  # some reminders went out twice


def test_reminder_window_constants_match_the_issue():
    assert reminders.DAY_BEFORE.lead == timedelta(hours=24)
    assert reminders.HOUR_BEFORE.lead == timedelta(hours=1)
