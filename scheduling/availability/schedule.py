"""The agent's own week: booked blocks by local day, pay, totals against the weekly target, and
what cancelling each block would mean right now."""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef

from accounts.models import User
from clients.intervals import INTERVAL, local_period
from scheduling.booking.pay import BlockPay
from scheduling.booking.services import cancellation_kind, work_preference_for
from scheduling.models import Booking, SwapPost, WorkPreference

if TYPE_CHECKING:  # WithAnnotations takes one argument at run time
    from django_stubs_ext import WithAnnotations


class Posted(TypedDict):
    posted: bool  # an open swap post offers the block


HALF_HOUR = Decimal("0.5")


@dataclass(frozen=True)
class CancelEffect:
    label: str  # the button
    meaning: str  # what pressing it does, said before pressing


@dataclass(frozen=True)
class BlockRow:
    booking: Booking
    pay: BlockPay
    status: str
    cancel: CancelEffect | None  # None: it cannot be cancelled (any more)
    can_post_swap: bool

    @property
    def is_live(self) -> bool:
        return self.booking.cancelled_at is None


@dataclass(frozen=True)
class MyWeek:
    week: date  # the Monday, in the agent's zone
    days: list[tuple[date, list[BlockRow]]]
    preference: WorkPreference

    @property
    def previous_week(self) -> date:
        return self.week - timedelta(days=7)

    @property
    def next_week(self) -> date:
        return self.week + timedelta(days=7)

    @property
    def live_rows(self) -> list[BlockRow]:
        return [row for _, rows in self.days for row in rows if row.is_live]

    @property
    def booked_hours(self) -> float:
        return sum(row.booking.hours for row in self.live_rows)

    @property
    def pay_total(self) -> Decimal:
        return sum((row.pay.total for row in self.live_rows), Decimal(0))

    @property
    def bar_scale(self) -> float:
        return max(self.preference.hours_max, self.booked_hours, 1)

    @property
    def booked_percent(self) -> float:
        return round(self.booked_hours * 100 / self.bar_scale, 2)

    @property
    def min_percent(self) -> float:
        return round(self.preference.hours_min * 100 / self.bar_scale, 2)

    @property
    def target_status(self) -> str:
        if self.booked_hours < self.preference.hours_min:
            return f"{self.preference.hours_min - self.booked_hours:g} h short of your minimum"
        room = self.preference.hours_max - self.booked_hours
        if room > 0:
            return f"within your target; up to {room:g} h more"
        if room < 0:  # booked before the cap was lowered
            return f"{-room:g} h over your weekly cap: no new bookings this week"
        return "at your weekly cap"


def my_week(*, agent: User, week: date, now: datetime) -> MyWeek:
    """The agent's blocks touching the local week starting Monday `week`. Two or three queries."""
    zone = ZoneInfo(agent.timezone)
    start, end = local_period(week, 7, zone)
    open_post = SwapPost.objects.filter(booking=OuterRef("pk"), status=SwapPost.Status.OPEN)
    bookings = (
        Booking.objects.filter(agent=agent, starts_at__lt=end, ends_at__gt=start)
        .select_related("program__organisation")
        .annotate(posted=Exists(open_post))
        .order_by("starts_at", "pk")
    )
    by_day: dict[date, list[BlockRow]] = {week + timedelta(days=n): [] for n in range(7)}
    for booking in bookings:
        day = max(booking.starts_at.astimezone(zone).date(), week)
        by_day[day].append(_row(booking, now))
    return MyWeek(week=week, days=list(by_day.items()), preference=work_preference_for(agent))


def _row(booking: "WithAnnotations[Booking, Posted]", now: datetime) -> BlockRow:
    changeable = booking.cancelled_at is None and booking.starts_at > now
    pending = booking.release_requested_at is not None
    return BlockRow(
        booking=booking,
        pay=stored_pay(booking),
        status=_status(booking, now),
        cancel=_cancel_effect(booking, now) if changeable and not pending else None,
        can_post_swap=changeable and not booking.posted,
    )


def stored_pay(booking: Booking) -> BlockPay:
    """What the block pays, fixed when it was booked (the rate and bonus of `block_pay` then)."""
    hours = Decimal((booking.ends_at - booking.starts_at) // INTERVAL) * HALF_HOUR
    return BlockPay(base=booking.pay_rate * hours, bonus=booking.bonus_amount)


def _status(booking: Booking, now: datetime) -> str:
    if booking.cancelled_at is not None:
        return booking.get_cancellation_display()
    if booking.release_requested_at is not None:
        return "Pending release"
    if booking.attendance != Booking.Attendance.SCHEDULED:
        return booking.get_attendance_display()
    if booking.ends_at <= now:
        return "Ended"
    return "In progress" if booking.starts_at <= now else "Booked"


def _cancel_effect(booking: Booking, now: datetime) -> CancelEffect:
    kind = cancellation_kind(booking=booking, now=now)
    cutoff = booking.program.cancel_cutoff_hours
    if kind == Booking.Cancellation.FREE:
        undo_ends = booking.created + timedelta(minutes=settings.SCHEDULING_FREE_UNDO_MINUTES)
        minutes = max(1, math.ceil((undo_ends - now) / timedelta(minutes=1)))
        return CancelEffect(
            "Undo booking",
            f"Free undo: no consequence for {minutes} more minute{'s' if minutes > 1 else ''}.",
        )
    if kind == Booking.Cancellation.IN_TIME:
        return CancelEffect(
            "Cancel block", f"In time: more than {cutoff} h before the start, no penalty."
        )
    return CancelEffect(
        "Release block",
        f"Past the {cutoff} h cut-off: the block goes to pending release and stays yours until "
        "another agent takes it; if nobody does, it counts against your reliability.",
    )
