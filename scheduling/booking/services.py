"""Booking, cancelling and transferring blocks: every booking rule, inside one transaction.

Locks are taken in the one lock order (`gigcx.locking.ORDER`) — the agent (two agents by id),
then the program's slots by time, then bookings — so concurrent requests queue instead of
deadlocking. A lock wait longer than
SCHEDULING_LOCK_TIMEOUT_MS becomes `BookingBusy` (503 with Retry-After), never a 500. Seats are
counted from the bookings themselves under the slot locks, never kept as a counter; on
PostgreSQL an exclusion constraint also keeps an agent's live bookings from overlapping.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from accounts.models import User
from agents.models import Application
from clients.models import Program
from gigcx.locking import Locks, locked, pgcode
from gigcx.sql import insert
from gigcx.tasks import enqueue_on_commit
from scheduling.booking.pay import pay_with_bonuses
from scheduling.booking.rules import (
    agent_window,
    cancellation_kind,
    check_agent_time,
    check_block_rules,
    check_changeable,
    check_eligible,
    check_open,
    check_seats,
    check_shape,
    refuse_ineligible,
)
from scheduling.booking.sql import (
    locked_block_facts,
)
from scheduling.errors import BookingBusy, BookingNotFound, BookingRefused
from scheduling.models import Booking, WorkPreference

EXCLUSION_VIOLATION = "23P01"


def booking_create(
    *,
    agent: User,
    program: Program,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime | None = None,
) -> Booking:
    """Book [starts_at, ends_at) of `program` for `agent`, whole or not at all."""
    now = now or timezone.now()
    check_shape(starts_at, ends_at)
    window = agent_window(agent, starts_at, ends_at)
    with booking_transaction(sets_lock_wait=False) as locks:  # the locks' round trip sets it
        facts = locked_block_facts(
            {"agent": agent.pk, "program": program.pk, "start": starts_at, "end": ends_at}
            | {"now": now, "at": now, "window_start": window[1], "window_end": window[2]}
            | {"lock_wait": str(settings.SCHEDULING_LOCK_TIMEOUT_MS)},
            locks=locks,
        )
        if not facts.eligible:
            refuse_ineligible(program)
        check_block_rules(agent, program, starts_at, ends_at, now)
        hours_max, tier = facts.hours_max, facts.tier
        if hours_max is None:  # the agent's first booking
            preference = work_preference_for(agent)
            hours_max, tier = preference.hours_max, preference.tier
        check_open(agent, program, facts.slots, starts_at, ends_at, now, tier or 1)
        check_seats(agent, facts.slots, facts.taken)
        check_agent_time(agent, starts_at, ends_at, hours_max, facts.mine)
        pay = pay_with_bonuses(program, starts_at, ends_at, facts.bonuses)
        return insert(
            Booking(
                agent=agent,
                program=program,
                starts_at=starts_at,
                ends_at=ends_at,
                pay_rate=program.pay_rate,
                bonus_amount=pay.bonus,
            )
        )


def booking_cancel(*, agent: User, booking_id: int, now: datetime | None = None) -> Booking:
    """Cancel the agent's block, or put it into pending release when the cut-off has passed.

    Free within SCHEDULING_FREE_UNDO_MINUTES of booking, in time before the program's cut-off;
    later the block stays the agent's until someone takes it (swap board or waitlist).
    """
    now = now or timezone.now()
    with booking_transaction() as locks:
        lock_agents(locks, [agent.pk])
        booking = locked_booking(locks, agent, booking_id)
        check_changeable(booking, now)
        kind = cancellation_kind(booking=booking, now=now)
        if kind is None:
            if booking.release_requested_at is not None:
                raise BookingRefused(
                    "pending_release", "This block is already waiting for someone to take it."
                )
            booking.release_requested_at = now
            booking.save(update_fields=["release_requested_at"])
        else:
            booking.cancelled_at = now
            booking.cancellation = kind
            booking.save(update_fields=["cancelled_at", "cancellation"])
        _offer_to_waitlist(booking.program_id, booking.starts_at, booking.ends_at)
        return booking


def booking_staff_cancel(*, booking_ids: list[int], now: datetime | None = None) -> int:
    """Staff cancel live future blocks (a program paused, an agent offboarded); no penalty.

    Returns how many were cancelled. Each agent is locked first, as every booking write does.
    """
    now = now or timezone.now()
    with booking_transaction() as locks:
        bookings = Booking.objects.filter(pk__in=booking_ids, cancelled_at=None, starts_at__gt=now)
        lock_agents(locks, bookings.values_list("agent_id", flat=True))
        blocks = locks.rows(bookings.values_list("pk", "program_id", "starts_at", "ends_at"))
        Booking.objects.filter(pk__in=[pk for pk, *_ in blocks]).update(
            cancelled_at=now, cancellation=Booking.Cancellation.STAFF
        )
        for _, program_id, starts_at, ends_at in blocks:
            _offer_to_waitlist(program_id, starts_at, ends_at)
        return len(blocks)


def booking_transfer(*, booking_id: int, to_agent: User, now: datetime | None = None) -> Booking:
    """Hand a live block to `to_agent` after checking their rules; the old booking ends.

    The seat moves with the block, so capacity is untouched; both agents are locked, by id.
    """
    now = now or timezone.now()
    with booking_transaction() as locks:
        owner_id = Booking.objects.filter(pk=booking_id).values_list("agent_id", flat=True).first()
        if owner_id is None:
            raise BookingNotFound("That booking does not exist.")
        lock_agents(locks, {owner_id, to_agent.pk})
        booking = locked_booking(locks, None, booking_id)
        if booking.agent_id == to_agent.pk:
            raise BookingRefused("own_booking", "This block is already yours.")
        if booking.agent_id != owner_id:
            raise BookingRefused("taken", "Someone else has just taken this block.")
        check_changeable(booking, now)
        check_eligible(to_agent, booking.program, now)
        booking.cancelled_at = now
        booking.cancellation = Booking.Cancellation.TRANSFERRED
        booking.save(update_fields=["cancelled_at", "cancellation"])
        check_agent_time(
            to_agent, booking.starts_at, booking.ends_at, work_preference_for(to_agent).hours_max
        )
        return Booking.objects.create(
            agent=to_agent,
            program=booking.program,
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            pay_rate=booking.pay_rate,
            bonus_amount=booking.bonus_amount,
            transferred_from=booking,
        )


def _offer_to_waitlist(program_id: int, starts_at: datetime, ends_at: datetime) -> None:
    """A freed seat, or a block pending release, goes to the waitlist after commit.

    The task is named, not imported: the waitlist books through this module, so booking never
    imports the exchange.
    """
    enqueue_on_commit(
        "scheduling.tasks.waitlist_offer_next_task",
        program_id,
        starts_at.isoformat(),
        ends_at.isoformat(),
    )


def work_preference_for(agent: User) -> WorkPreference:
    """The agent's weekly target, created on first use from the hours they applied with."""
    preference = WorkPreference.objects.filter(agent=agent).first()
    if preference is not None:
        return preference
    applied = Application.objects.filter(user=agent).values("hours_min", "hours_max").first() or {
        "hours_min": None,
        "hours_max": None,
    }
    hours_max = applied.get("hours_max") or 30
    hours_min = min(applied.get("hours_min") or 20, hours_max)
    preference, _ = WorkPreference.objects.get_or_create(
        agent=agent, defaults={"hours_min": hours_min, "hours_max": hours_max}
    )
    return preference


@contextmanager
def booking_transaction(*, sets_lock_wait: bool = True) -> Iterator[Locks]:
    """`gigcx.locking.locked` with the booking's lock wait: lock waits and deadlocks become
    BookingBusy, the no-overlap constraint's refusal an `overlap`.

    `sets_lock_wait=False` when the caller's first statement sets it (`LOCK_WAIT`) itself.
    """
    timeout_ms = settings.SCHEDULING_LOCK_TIMEOUT_MS if sets_lock_wait else None
    try:
        with locked(timeout_ms=timeout_ms, busy=BookingBusy) as locks:
            yield locks
    except IntegrityError as error:
        if pgcode(error) == EXCLUSION_VIOLATION:
            raise BookingRefused("overlap", "This overlaps another of your blocks.") from error
        raise


def lock_agents(locks: Locks, agent_ids: Iterable[int]) -> None:
    """Lock the agents, by id: the first lock of every write about an agent's time
    (`gigcx.locking.ORDER`). A no-key lock, so bookings inserted meanwhile (which only
    share-lock the agent's key) are not held up."""
    locks.rows(User.objects.filter(pk__in=list(agent_ids)).values_list("pk"))


def locked_booking(locks: Locks, agent: User | None, booking_id: int) -> Booking:
    """The booking (the agent's own, when `agent` is given), locked; else BookingNotFound."""
    bookings = Booking.objects.select_related("program").filter(pk=booking_id)
    if agent is not None:
        bookings = bookings.filter(agent=agent)
    return locks.one(bookings, missing=BookingNotFound("You have no such booking."))
