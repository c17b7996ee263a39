"""Shift reminders, 24 hours and 1 hour before a block, each sent at most once.

A beat sweep (every five minutes) finds the blocks whose reminder is due. Each one is claimed
with a single conditional UPDATE (`... WHERE reminded_… IS NULL AND cancelled_at IS NULL`) in
the transaction that writes its notification: when two sweeps meet on a row, the second one's
UPDATE waits for the first to commit, then matches nothing, so no reminder is ever sent twice and
none for a cancelled block. A block pending release is still its agent's, so it is reminded too.

The day-before reminder is due from 24 h until 1 h before the start (a block booked later than
that gets it at the next sweep); the hour-before one from 1 h until the start. A block that
starts before its day-before reminder went out gets only the hour-before one.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.kinds import Kind
from notifications.services import notify
from scheduling.local_time import block_span_text
from scheduling.models import Booking

BATCH = 500


@dataclass(frozen=True)
class Reminder:
    field: str  # the Booking column recording that it was sent
    lead: timedelta  # due this long before the start
    until: timedelta  # and no longer once the start is this close
    key: str
    title: str


DAY_BEFORE = Reminder(
    "reminded_day_before_at", timedelta(hours=24), timedelta(hours=1), "day", "Tomorrow"
)
HOUR_BEFORE = Reminder(
    "reminded_hour_before_at", timedelta(hours=1), timedelta(0), "hour", "In an hour"
)
REMINDERS = (DAY_BEFORE, HOUR_BEFORE)


def reminders_sweep(*, now: datetime | None = None) -> int:
    """Send every due reminder not sent yet; returns how many this call sent."""
    now = now or timezone.now()
    return sum(_send_due(reminder, now) for reminder in REMINDERS)


def _send_due(reminder: Reminder, now: datetime) -> int:
    """Batch after batch until none is due: a row claimed or cancelled no longer matches."""
    due = Booking.objects.filter(
        cancelled_at=None,
        starts_at__gt=now + reminder.until,
        starts_at__lte=now + reminder.lead,
        **{reminder.field: None},
    ).values_list("pk", flat=True)
    sent = 0
    while batch := list(due[:BATCH]):
        sent += sum(reminder_send(booking_id=pk, reminder=reminder, now=now) for pk in batch)
        if len(batch) < BATCH:
            return sent
    return sent


@transaction.atomic
def reminder_send(*, booking_id: int, reminder: Reminder, now: datetime) -> bool:
    """Claim the booking's reminder and write it to the agent's inbox; False if already sent."""
    if not _claim(booking_id, reminder, now):
        return False
    booking = Booking.objects.select_related("agent", "program").get(pk=booking_id)
    starts = booking.starts_at.astimezone(ZoneInfo(booking.agent.timezone))
    span = block_span_text(booking.agent, booking.starts_at, booking.ends_at)
    notify(
        user=booking.agent,
        kind=Kind.REMINDER,
        title=f"{reminder.title}: {booking.program.name} at {starts:%H:%M}",
        body=(
            f"Your {booking.program.name} block runs {span}. "
            f"Check in from {settings.SCHEDULING_CHECK_IN_OPENS_MINUTES} minutes before it starts."
        ),
        link=reverse("scheduling:today"),
        dedupe_key=f"reminder:{reminder.key}:{booking.pk}",
    )
    return True


def _claim(booking_id: int, reminder: Reminder, now: datetime) -> bool:
    """Mark the reminder sent if nobody has and the block is live: one conditional UPDATE.

    A concurrent claim of the same row waits for this transaction, then matches nothing.
    """
    return bool(
        Booking.objects.filter(pk=booking_id, cancelled_at=None, **{reminder.field: None}).update(
            **{reminder.field: now}
        )
    )
