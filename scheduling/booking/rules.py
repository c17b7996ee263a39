"""The booking rules: each check a booking, cancellation or transfer must pass, with its refusal.

Each raises `BookingRefused` (409) with a code and a sentence a person can read, or
`BookingInvalid` (400) naming the field. The booking services run them under their locks, the
waitlist runs the block rules before putting an agent in line.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from clients.intervals import interval_starts, is_on_grid
from clients.models import Program
from scheduling.booking.eligibility import is_eligible
from scheduling.booking.seats import seats_taken
from scheduling.booking.sql import (
    AgentBlock,
    SlotRow,
    agent_blocks,
)
from scheduling.booking.window import bookable_from, has_closed, is_beyond_horizon
from scheduling.errors import BookingInvalid, BookingRefused
from scheduling.local_time import agent_local_time, local_weeks_of, overlap_hours
from scheduling.models import Booking


def check_shape(starts_at: datetime, ends_at: datetime) -> None:
    for field, moment in (("start", starts_at), ("end", ends_at)):
        if timezone.is_naive(moment):
            raise BookingInvalid(f"The {field} needs a time zone or UTC offset.", field=field)
        if not is_on_grid(moment):
            raise BookingInvalid(f"The {field} must be on the hour or half hour.", field=field)
    if ends_at <= starts_at:
        raise BookingInvalid("The end must come after the start.", field="end")


def check_eligible(agent: User, program: Program, now: datetime) -> None:
    if not is_eligible(agent=agent, program=program, at=now):
        refuse_ineligible(program)


def refuse_ineligible(program: Program) -> None:
    raise BookingRefused(
        "not_eligible",
        f"You are not eligible for {program.name}: it needs an approved agent with its "
        "certifications, languages and skills.",
    )


def check_block_rules(
    agent: User, program: Program, starts_at: datetime, ends_at: datetime, now: datetime
) -> None:
    minutes = (ends_at - starts_at) // timedelta(minutes=1)
    if minutes < program.min_block_minutes:
        raise BookingRefused(
            "min_block",
            f"{program.name} books blocks of at least {_hours(program.min_block_minutes / 60)}; "
            f"this one is {_hours(minutes / 60)}.",
        )
    if has_closed(starts_at, now):
        raise BookingRefused(
            "booking_closed",
            f"Booking for {agent_local_time(agent, starts_at)} closed "
            f"{settings.SCHEDULING_BOOKING_CLOSES_MINUTES} minutes before it starts.",
        )
    if is_beyond_horizon(program, starts_at, now):
        raise BookingRefused(
            "beyond_horizon",
            f"{program.name} opens slots {program.booking_horizon_days} days ahead; "
            f"{agent_local_time(agent, starts_at)} is further out.",
        )


def check_open(
    agent: User,
    program: Program,
    slots: list[SlotRow],
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
    tier: int,
) -> None:
    present = {slot.starts_at for slot in slots}
    for start in interval_starts(starts_at, ends_at):
        if start not in present:
            raise BookingRefused(
                "closed", f"{program.name} takes no bookings at {agent_local_time(agent, start)}."
            )
    for slot in slots:
        opens = bookable_from(slot.released_at, tier)
        if opens is not None and opens > now:
            raise BookingRefused(
                "not_released",
                f"{agent_local_time(agent, slot.starts_at)} opens to your tier at "
                f"{agent_local_time(agent, opens)}.",
            )


def check_seats(agent: User, slots: list[SlotRow], taken: list[tuple[datetime, datetime]]) -> None:
    """Each slot keeps a seat free: live bookings and other agents' open holds fill them."""
    for slot in slots:
        if seats_taken(slot.starts_at, taken) >= slot.capacity:
            raise BookingRefused("slot_full", f"{agent_local_time(agent, slot.starts_at)} is full.")


def agent_window(
    agent: User, starts_at: datetime, ends_at: datetime
) -> tuple[list[tuple[datetime, datetime]], datetime, datetime]:
    """The agent's local weeks the block touches, and the span of their blocks the rules read."""
    weeks = local_weeks_of(starts_at, ends_at, ZoneInfo(agent.timezone))
    window_start = min(weeks[0][0], starts_at - timedelta(days=1))
    window_end = max(weeks[-1][1], ends_at + timedelta(days=1))
    return weeks, window_start, window_end


def check_agent_time(
    agent: User,
    starts_at: datetime,
    ends_at: datetime,
    cap: int,
    mine: list[AgentBlock] | None = None,
) -> None:
    """No overlap with the agent's other blocks, within the weekly cap, breaks between long runs.

    `mine`: the agent's live blocks in `agent_window`, when already read."""
    weeks, window_start, window_end = agent_window(agent, starts_at, ends_at)
    if mine is None:
        mine = agent_blocks(
            {"agent": agent.pk, "window_start": window_start, "window_end": window_end}
        )
    check_no_overlap(agent, mine, starts_at, ends_at)
    check_weekly_cap(agent, mine, weeks, starts_at, ends_at, cap)
    check_breaks(mine, starts_at, ends_at)


def check_no_overlap(
    agent: User, mine: list[AgentBlock], starts_at: datetime, ends_at: datetime
) -> None:
    for block in mine:
        if block.starts_at < ends_at and block.ends_at > starts_at:
            raise BookingRefused(
                "overlap",
                f"Overlaps your {block.program_name} block at "
                f"{agent_local_time(agent, block.starts_at)}.",
            )


def check_weekly_cap(
    agent: User,
    mine: list[AgentBlock],
    weeks: list[tuple[datetime, datetime]],
    starts_at: datetime,
    ends_at: datetime,
    cap: int,
) -> None:
    for week_start, week_end in weeks:
        booked = sum(overlap_hours(b.starts_at, b.ends_at, week_start, week_end) for b in mine)
        adding = overlap_hours(starts_at, ends_at, week_start, week_end)
        if booked + adding > cap:
            raise BookingRefused(
                "weekly_cap",
                f"That would exceed your {cap} h weekly cap by {_hours(booked + adding - cap)} "
                f"({_hours(booked)} already booked that week).",
            )


def check_breaks(mine: list[AgentBlock], starts_at: datetime, ends_at: datetime) -> None:
    """Blocks that touch run together; a run may not pass the wellbeing limit without a gap."""
    run_start, run_end = starts_at, ends_at
    for booking in sorted(mine, key=lambda b: b.ends_at, reverse=True):
        if booking.ends_at == run_start:
            run_start = booking.starts_at
    for booking in sorted(mine, key=lambda b: b.starts_at):
        if booking.starts_at == run_end:
            run_end = booking.ends_at
    limit = settings.SCHEDULING_MAX_CONSECUTIVE_HOURS
    run_hours = (run_end - run_start) / timedelta(hours=1)
    if run_hours > limit:
        raise BookingRefused(
            "no_break",
            f"That would make {_hours(run_hours)} in a row without a 30-minute break "
            f"(the limit is {limit} h).",
        )


def check_changeable(booking: Booking, now: datetime) -> None:
    if booking.cancelled_at is not None:
        raise BookingRefused("cancelled", "This block is no longer booked.")
    if booking.starts_at <= now:
        raise BookingRefused("started", "This block has already started.")
    if booking.attendance != Booking.Attendance.SCHEDULED:
        raise BookingRefused(
            "checked_in", "You have checked in to this block; it can't change now."
        )


def cancellation_kind(*, booking: Booking, now: datetime) -> str | None:
    """What cancelling `booking` at `now` would be: FREE within the undo window, IN_TIME before
    the cut-off, None: a pending release."""
    if now - booking.created <= timedelta(minutes=settings.SCHEDULING_FREE_UNDO_MINUTES):
        return Booking.Cancellation.FREE
    if booking.starts_at - now >= timedelta(hours=booking.program.cancel_cutoff_hours):
        return Booking.Cancellation.IN_TIME
    return None


def _hours(hours: float) -> str:
    return f"{hours:g} h"
