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
  sweep and a check-in, never undo each other.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from clients.intervals import local_midnight
from scheduling.errors import BookingRefused
from scheduling.models import Booking
from scheduling.services import agent_local_time, booking_transaction, lock_agents, locked_booking

Attendance = Booking.Attendance
MINUTE = timedelta(minutes=1)


def booking_check_in(*, agent: User, booking_id: int, now: datetime | None = None) -> Booking:
    """Check the agent in to their own block, from shortly before its start until its end."""
    now = now or timezone.now()
    with booking_transaction():
        booking = _own_live_booking(agent, booking_id)
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
    with booking_transaction():
        booking = _own_live_booking(agent, booking_id)
        if booking.attendance == Attendance.ATTENDED:
            raise BookingRefused("checked_out", "You have already checked out of this block.")
        if booking.attendance != Attendance.CHECKED_IN:
            raise BookingRefused("not_checked_in", "Check in first; then you can check out.")
        booking.checked_out_at = now
        booking.attendance = Attendance.ATTENDED
        booking.save(update_fields=["checked_out_at", "attendance"])
        return booking


def check_in_opens(booking: Booking) -> datetime:
    return booking.starts_at - timedelta(minutes=settings.SCHEDULING_CHECK_IN_OPENS_MINUTES)


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


def _own_live_booking(agent: User, booking_id: int) -> Booking:
    """The agent's booking, locked in the booking core's order (agent, then booking)."""
    lock_agents([agent.pk])
    booking = locked_booking(agent, booking_id)
    if booking.cancelled_at is not None:
        raise BookingRefused("cancelled", "This block is no longer booked.")
    return booking


# --- adherence and reliability ----------------------------------------------------------------


def attended_minutes(booking: Booking) -> int:
    """Minutes worked inside the block: from check-in (or start) to check-out (or end)."""
    if booking.checked_in_at is None or booking.cancelled_at is not None:
        return 0
    start = max(booking.checked_in_at, booking.starts_at)
    end = min(booking.checked_out_at or booking.ends_at, booking.ends_at)
    return max((end - start) // MINUTE, 0)


def booked_minutes(booking: Booking) -> int:
    return (booking.ends_at - booking.starts_at) // MINUTE


@dataclass
class AttendanceSummary:
    """One agent's blocks that started in a period.

    Booked blocks are those the agent kept (live) or let lapse (late cancellation); blocks undone
    in time, transferred or cancelled by staff are not theirs to answer for.
    """

    booked_blocks: int = 0
    booked_minutes: int = 0
    attended_minutes: int = 0
    late_check_ins: int = 0
    no_shows: int = 0
    late_cancellations: int = 0

    @property
    def adherence(self) -> float | None:
        """Attended minutes over booked minutes (None when nothing was booked)."""
        return self.attended_minutes / self.booked_minutes if self.booked_minutes else None

    @property
    def reliability(self) -> float | None:
        """Share of booked blocks neither missed nor lapsed (None when nothing was booked)."""
        if not self.booked_blocks:
            return None
        return 1 - (self.no_shows + self.late_cancellations) / self.booked_blocks

    def add(self, booking: Booking) -> None:
        self.booked_blocks += 1
        if booking.cancellation == Booking.Cancellation.LATE:
            self.late_cancellations += 1
            return
        self.booked_minutes += booked_minutes(booking)
        self.attended_minutes += attended_minutes(booking)
        self.no_shows += booking.attendance == Attendance.NO_SHOW
        self.late_check_ins += bool(
            booking.checked_in_at and booking.checked_in_at > booking.starts_at
        )


def attendance_summaries(
    *, start: datetime, end: datetime, agent_ids: Iterable[int] | None = None
) -> dict[int, AttendanceSummary]:
    """Adherence and reliability per agent for blocks that started in [start, end) and have
    started by now (later ones cannot be missed yet). One query however many agents."""
    blocks = accountable_bookings().filter(
        starts_at__gte=start, starts_at__lt=min(end, timezone.now())
    )
    if agent_ids is not None:
        blocks = blocks.filter(agent_id__in=list(agent_ids))
    summaries: dict[int, AttendanceSummary] = defaultdict(AttendanceSummary)
    for booking in blocks.only(
        "agent_id",
        "starts_at",
        "ends_at",
        "attendance",
        "checked_in_at",
        "checked_out_at",
        "cancelled_at",
        "cancellation",
    ):
        summaries[booking.agent_id].add(booking)
    return dict(summaries)


def accountable_bookings() -> QuerySet[Booking]:
    """Blocks an agent answers for: live ones and lapsed releases."""
    return Booking.objects.filter(Q(cancelled_at=None) | Q(cancellation=Booking.Cancellation.LATE))


# --- the agent's day ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TodayBlock:
    booking: Booking
    check_in_opens: datetime
    can_check_in: bool
    can_check_out: bool
    pending_release: bool
    opens_soon: bool  # check-in opens within the hour: worth a countdown


def today_blocks(*, agent: User, now: datetime, limit: int = 8) -> list[TodayBlock]:
    """The agent's live blocks from today (in their zone) on, soonest first. One query."""
    zone = ZoneInfo(agent.timezone)
    midnight = local_midnight(now.astimezone(zone).date(), zone)
    blocks = Booking.objects.filter(agent=agent, cancelled_at=None, ends_at__gt=midnight)
    return [
        _today_block(booking, now)
        for booking in blocks.select_related("program").order_by("starts_at")[:limit]
    ]


def _today_block(booking: Booking, now: datetime) -> TodayBlock:
    opens = check_in_opens(booking)
    return TodayBlock(
        booking=booking,
        check_in_opens=opens,
        can_check_in=booking.checked_in_at is None and opens <= now < booking.ends_at,
        can_check_out=booking.attendance == Attendance.CHECKED_IN,
        pending_release=booking.release_requested_at is not None,
        opens_soon=now < opens <= now + timedelta(hours=1),
    )
