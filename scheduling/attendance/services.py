"""Attendance: checking in and out of booked blocks, no-shows, lapsed releases, and the figures
adherence and reliability that the performance issue reads.

Rules, decided here:
- Check-in opens SCHEDULING_CHECK_IN_OPENS_MINUTES before a block starts and closes when it
  ends. A block marked no-show can still be checked in before its end: the agent came late, the
  late check-in replaces the no-show and pays from the moment of check-in.
- Check-out follows check-in; leaving early pays the minutes worked. A block still checked in
  when it ends is closed by the sweep as attended until its end.
- A block pending release (cancelled after the cut-off) stays its agent's until someone takes it;
  transfers close at its start. If nobody took it and its agent did not check in by start +
  SCHEDULING_NO_SHOW_GRACE_MINUTES, it lapses: cancelled as LATE (a late cancellation against
  reliability), not a no-show as well. An agent who checks in after all simply worked it.
- The sweep changes rows with conditional UPDATEs only, so it is idempotent and two sweeps, or a
  sweep and a check-in, never undo each other."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from gigcx.locking import Locks
from scheduling.attendance.selectors import Attendance, check_in_opens
from scheduling.booking.services import booking_transaction, lock_agents, locked_booking
from scheduling.errors import BookingRefused
from scheduling.local_time import agent_local_time
from scheduling.models import Booking


def booking_check_in(*, agent: User, booking_id: int, now: datetime | None = None) -> Booking:
    """Check the agent in to their own block, from shortly before its start until its end."""
    now = now or timezone.now()
    with booking_transaction() as locks:
        booking = _own_live_booking(locks, agent, booking_id)
        if booking.checked_in_at is not None:
            raise BookingRefused(
                "checked_in", f"You checked in at {agent_local_time(agent, booking.checked_in_at)}."
            )
        opens = check_in_opens(booking)
        if now < opens:
            raise BookingRefused(
                "too_early", f"Check-in opens at {agent_local_time(agent, opens)}."
            )
        if now >= booking.ends_at:
            raise BookingRefused("ended", "This block has ended; check-in is closed.")
        booking.checked_in_at = now
        booking.attendance = Attendance.CHECKED_IN
        booking.save(update_fields=["checked_in_at", "attendance"])
        return booking


def booking_check_out(*, agent: User, booking_id: int, now: datetime | None = None) -> Booking:
    """Check the agent out of the block they are checked in to; the block is attended."""
    now = now or timezone.now()
    with booking_transaction() as locks:
        booking = _own_live_booking(locks, agent, booking_id)
        if booking.attendance == Attendance.ATTENDED:
            raise BookingRefused("checked_out", "You have already checked out of this block.")
        if booking.attendance != Attendance.CHECKED_IN:
            raise BookingRefused("not_checked_in", "Check in first; then you can check out.")
        booking.checked_out_at = now
        booking.attendance = Attendance.ATTENDED
        booking.save(update_fields=["checked_out_at", "attendance"])
        return booking


@dataclass(frozen=True)
class SweepResult:
    lapsed: int
    no_shows: int
    closed: int


@transaction.atomic
def attendance_sweep(*, now: datetime | None = None) -> SweepResult:
    """Lapse unclaimed pending releases, mark no-shows, close blocks left checked in.

    Each is one conditional UPDATE: rows already handled no longer match, so running it twice,
    or on two workers at once, changes nothing more.
    """
    now = now or timezone.now()
    overdue = now - timedelta(minutes=settings.SCHEDULING_NO_SHOW_GRACE_MINUTES)
    unchecked = Booking.objects.filter(
        cancelled_at=None, checked_in_at=None, starts_at__lte=overdue
    )
    lapsed = unchecked.filter(
        release_requested_at__isnull=False, attendance=Attendance.SCHEDULED
    ).update(cancelled_at=F("starts_at"), cancellation=Booking.Cancellation.LATE)
    no_shows = unchecked.filter(release_requested_at=None, attendance=Attendance.SCHEDULED).update(
        attendance=Attendance.NO_SHOW
    )
    closed = Booking.objects.filter(
        cancelled_at=None, attendance=Attendance.CHECKED_IN, ends_at__lte=now
    ).update(attendance=Attendance.ATTENDED, checked_out_at=F("ends_at"))
    return SweepResult(lapsed=lapsed, no_shows=no_shows, closed=closed)


def _own_live_booking(locks: Locks, agent: User, booking_id: int) -> Booking:
    """The agent's booking, locked in the booking core's order (agent, then booking)."""
    lock_agents(locks, [agent.pk])
    booking = locked_booking(locks, agent, booking_id)
    if booking.cancelled_at is not None:
        raise BookingRefused("cancelled", "This block is no longer booked.")
    return booking
