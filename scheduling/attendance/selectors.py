"""Reads of attendance: minutes worked and booked, adherence and reliability, today's blocks."""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from clients.intervals import local_midnight
from scheduling.models import Booking

Attendance = Booking.Attendance
MINUTE = timedelta(minutes=1)
SummaryKey = TypeVar("SummaryKey", bound=Hashable)


def check_in_opens(booking: Booking) -> datetime:
    return booking.starts_at - timedelta(minutes=settings.SCHEDULING_CHECK_IN_OPENS_MINUTES)


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
    on_time_check_ins: int = 0
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
        if booking.checked_in_at is not None:
            late = booking.checked_in_at > booking.starts_at
            self.late_check_ins += late
            self.on_time_check_ins += not late


SUMMARY_FIELDS = (
    "agent_id",
    "starts_at",
    "ends_at",
    "attendance",
    "checked_in_at",
    "checked_out_at",
    "cancelled_at",
    "cancellation",
)


def attendance_summaries(
    *, start: datetime, end: datetime, agent_ids: Iterable[int] | None = None
) -> dict[int, AttendanceSummary]:
    """Adherence and reliability per agent for blocks that started in [start, end) and have
    started by now (later ones cannot be missed yet). One query however many agents."""
    blocks = _started_blocks(start, end)
    if agent_ids is not None:
        blocks = blocks.filter(agent_id__in=list(agent_ids))
    return _summaries(blocks, key=lambda booking: booking.agent_id)


def attendance_summaries_by_program(
    *, start: datetime, end: datetime, program_ids: Iterable[int]
) -> dict[tuple[int, int], AttendanceSummary]:
    """The same as `attendance_summaries`, per (agent id, program id), for the blocks of these
    programs. One query however many agents and programs."""
    blocks = _started_blocks(start, end).filter(program_id__in=list(program_ids))
    return _summaries(
        blocks.only("program_id", *SUMMARY_FIELDS),
        key=lambda booking: (booking.agent_id, booking.program_id),
    )


def _summaries(
    blocks: QuerySet[Booking], *, key: Callable[[Booking], SummaryKey]
) -> dict[SummaryKey, AttendanceSummary]:
    summaries: dict[SummaryKey, AttendanceSummary] = defaultdict(AttendanceSummary)
    for booking in blocks:
        summaries[key(booking)].add(booking)
    return dict(summaries)


def _started_blocks(start: datetime, end: datetime) -> QuerySet[Booking]:
    return (
        accountable_bookings()
        .filter(starts_at__gte=start, starts_at__lt=min(end, timezone.now()))
        .only(*SUMMARY_FIELDS)
    )


def accountable_bookings() -> QuerySet[Booking]:
    """Blocks an agent answers for: live ones and lapsed releases."""
    return Booking.objects.filter(Q(cancelled_at=None) | Q(cancellation=Booking.Cancellation.LATE))


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
