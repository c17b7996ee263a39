"""The waitlist of full blocks and its timed hold offers.

An agent waits for a block (program, starts_at, ends_at) when some slot of it is full. When seats
free, `waitlist_offer_next` offers them to the waiting agents in join order: an offer holds one
seat in every slot of the entry's block for SCHEDULING_OFFER_HOLD_MINUTES (the booking core counts
an open offer of another agent as a taken seat), and the agent accepts by booking the block.

A block pending release (cancelled after the program's cut-off, still its agent's until someone
takes it) is offered whole to the first waiting agent whose own requested block lies within it;
accepting transfers the booking (`booking_transfer`). That offer holds the pending booking's own
seat, so it is not counted again as a hold (`release_booking` is set).

Seats free when a booking is cancelled (`booking_cancel` enqueues the offer), when an offer expires
or is declined, and when capacity rises; the minute sweep (`offers_sweep`) also catches whatever
a lost broker message left waiting. Offering locks the program's slots in time order, the booking
core's order without an agent (`gigcx.locking.ORDER`), so two frees never offer the same seat
twice.
"""

from collections import Counter
from datetime import datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from clients.intervals import INTERVAL, interval_starts
from clients.models import Program
from gigcx.locking import Locks
from gigcx.tasks import enqueue_on_commit
from notifications.kinds import Kind
from notifications.services import notify
from scheduling.booking.eligibility import eligible_programs
from scheduling.booking.rules import check_block_rules, check_shape
from scheduling.booking.seats import seats_taken, taken_blocks
from scheduling.booking.services import (
    booking_create,
    booking_transaction,
    booking_transfer,
    lock_agents,
)
from scheduling.errors import BookingRefused
from scheduling.local_time import block_span_text
from scheduling.models import Booking, Slot, WaitlistEntry

Status = WaitlistEntry.Status
SWEEP_BATCH = 200


def waitlist_join(
    *,
    agent: User,
    program_id: int,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime | None = None,
) -> WaitlistEntry:
    """Put `agent` in line for a block they could book but for a full slot; once per block.

    The block passes the booking core's own shape and block rules (grid, minimum length, not
    closed for booking, within the horizon), so a waitlist never promises an unbookable block.
    """
    now = now or timezone.now()
    check_shape(starts_at, ends_at)
    program = _eligible_program(agent=agent, program_id=program_id, at=now)
    check_block_rules(agent, program, starts_at, ends_at, now)
    free = _free_seats(program_id=program.pk, start=starts_at, end=ends_at, now=now)
    if len(free) < (ends_at - starts_at) / INTERVAL:
        raise BookingRefused("closed", f"{program.name} takes no bookings for part of this block.")
    if all(seats > 0 for seats in free.values()):
        raise BookingRefused("seats_open", "Seats are open in every slot of this block: book it.")
    entry = WaitlistEntry(agent=agent, program=program, starts_at=starts_at, ends_at=ends_at)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise BookingRefused(
            "already_waiting", "You are already on the waitlist for this block."
        ) from None
    return entry


def waitlist_leave(*, agent: User, entry_id: int) -> WaitlistEntry:
    """Leave the line (or let an open offer go); the seat goes to the next in line."""
    with booking_transaction() as locks:
        entry = _locked_entry(locks, agent=agent, entry_id=entry_id)
        if entry.status not in (Status.WAITING, Status.OFFERED):
            raise BookingRefused("not_waiting", "You are no longer on this waitlist.")
        _release_hold(entry, status=Status.LEFT)
        return entry


def offer_decline(*, agent: User, entry_id: int) -> WaitlistEntry:
    """Turn an open offer down: the entry leaves the line and the next agent is offered."""
    with booking_transaction() as locks:
        return _decline(_locked_entry(locks, agent=agent, entry_id=entry_id))


def _decline(entry: WaitlistEntry) -> WaitlistEntry:
    if entry.status != Status.OFFERED:
        raise BookingRefused("no_offer", "There is no open offer to decline.")
    _release_hold(entry, status=Status.LEFT)
    return entry


def offer_accept(*, agent: User, entry_id: int, now: datetime | None = None) -> Booking:
    """Book the held block (or take over the pending-release block) while the offer is open.

    The locks the booking core will take come first, in the one lock order (the agent and a
    pending-release block's owner, the block's slots, that booking), then the entry, so the sweep
    expiring it waits; the booking core then checks every rule of the agent (hours cap, overlaps,
    eligibility) as for any booking.
    """
    now = now or timezone.now()
    block = get_object_or_404(
        WaitlistEntry.objects.filter(agent=agent).select_related("release_booking"), pk=entry_id
    )
    released = block.release_booking
    with booking_transaction() as locks:
        lock_agents(locks, {agent.pk, *([released.agent_id] if released else [])})
        _lock_slots(locks, program_id=block.program_id, start=block.starts_at, end=block.ends_at)
        if released:
            locks.rows(Booking.objects.filter(pk=released.pk).values_list("pk"))
        return _accept(_locked_entry(locks, agent=agent, entry_id=entry_id), agent=agent, now=now)


def _accept(entry: WaitlistEntry, *, agent: User, now: datetime) -> Booking:
    if entry.status != Status.OFFERED:
        raise BookingRefused("no_offer", "There is no open offer for this block.")
    expires = cast(datetime, entry.offer_expires_at)  # an offered entry has its expiry
    if expires <= now:
        local = expires.astimezone(ZoneInfo(agent.timezone))
        raise BookingRefused(
            "offer_expired",
            f"This offer expired at {local:%H:%M}; the seat went to the next in line.",
        )
    if entry.release_booking_id:
        booking = booking_transfer(booking_id=entry.release_booking_id, to_agent=agent, now=now)
    else:
        booking = booking_create(
            agent=agent,
            program=entry.program,
            starts_at=entry.starts_at,
            ends_at=entry.ends_at,
            now=now,
        )
    entry.status, entry.booking = Status.ACCEPTED, booking
    entry.save(update_fields=["status", "booking"])
    return booking


def waitlist_offer_next(
    *, program_id: int, starts_at: datetime, ends_at: datetime, now: datetime | None = None
) -> list[WaitlistEntry]:
    """Offer freed seats in [starts_at, ends_at) to the waiting agents, first come first served.

    An entry is offered only when every slot of its block has a free seat; each offer takes one
    seat of each. Returns the entries offered now.
    """
    now = now or timezone.now()
    with booking_transaction() as locks:
        waiting = list(
            _waiting_overlapping(program_id=program_id, start=starts_at, end=ends_at, now=now)
        )
        if not waiting:
            return []
        span_start = min(entry.starts_at for entry in waiting)
        span_end = max(entry.ends_at for entry in waiting)
        _lock_slots(locks, program_id=program_id, start=span_start, end=span_end)
        locks.taking(WaitlistEntry)  # each offer claims its entry with a conditional UPDATE
        return _offer_free_seats(
            program_id=program_id, start=span_start, end=span_end, waiting=waiting, now=now
        )


def _offer_free_seats(
    *, program_id: int, start: datetime, end: datetime, waiting: list, now: datetime
) -> list[WaitlistEntry]:
    """Offer each waiting entry whose whole block has a free seat, then pending releases."""
    free = _free_seats(program_id=program_id, start=start, end=end, now=now)
    offered = []
    for entry in waiting:
        block = list(interval_starts(entry.starts_at, entry.ends_at))
        if all(free.get(moment, 0) > 0 for moment in block) and _claim(entry, now=now):
            free.subtract(block)
            offered.append(entry)
    still_waiting = [entry for entry in waiting if entry not in offered]
    offered += _offer_pending_releases(
        program_id=program_id, start=start, end=end, waiting=still_waiting, now=now
    )
    return offered


def offers_sweep(*, now: datetime | None = None) -> int:
    """Expire offers past their time, then offer every waiting block again (beat, every minute).

    Offering again also picks up seats that capacity rises freed and offers a lost broker
    message never made. Returns how many offers were made.
    """
    now = now or timezone.now()
    _expire_offers(now=now)
    blocks = (
        WaitlistEntry.objects.filter(status=Status.WAITING, starts_at__gt=now)
        .values_list("program_id", "starts_at", "ends_at")
        .distinct()
        .order_by("starts_at")[:SWEEP_BATCH]
    )
    return sum(
        len(waitlist_offer_next(program_id=program, starts_at=start, ends_at=end, now=now))
        for program, start, end in blocks
    )


@transaction.atomic
def _expire_offers(*, now: datetime) -> None:
    """Offers past their time expire; waiting entries whose block began leave the line; offers of
    a pending-release block somebody else took go back to waiting."""
    WaitlistEntry.objects.filter(
        Q(status=Status.OFFERED, offer_expires_at__lte=now)
        | Q(status=Status.WAITING, starts_at__lte=now)
    ).update(status=Status.EXPIRED)
    WaitlistEntry.objects.filter(
        status=Status.OFFERED, release_booking__cancelled_at__isnull=False
    ).update(status=Status.WAITING, release_booking=None, offered_at=None, offer_expires_at=None)


def release_offers_withdraw(*, booking: Booking, now: datetime) -> None:
    """A pending-release block was taken another way: its open offer goes back to waiting (an
    overdue one is left for the sweep to expire)."""
    WaitlistEntry.objects.filter(
        release_booking=booking, status=Status.OFFERED, offer_expires_at__gt=now
    ).update(status=Status.WAITING, release_booking=None, offered_at=None, offer_expires_at=None)


def open_release_offer(*, booking: Booking, now: datetime) -> WaitlistEntry | None:
    """The open offer holding a pending-release block for a waiting agent, if any."""
    return WaitlistEntry.objects.filter(
        release_booking=booking, status=Status.OFFERED, offer_expires_at__gt=now
    ).first()


def _eligible_program(*, agent: User, program_id: int, at: datetime) -> Program:
    """The program if the agent may book it; the same refusal whether it exists or not."""
    programs = eligible_programs(
        agent=agent, at=at, programs=list(Program.objects.filter(pk=program_id))
    )
    if not programs:
        raise BookingRefused(
            "not_eligible", "You cannot book this program, so you cannot wait for it either."
        )
    return programs[0]


def _locked_entry(locks: Locks, *, agent: User, entry_id: int) -> WaitlistEntry:
    """The agent's own entry, locked (someone else's is a 404, like one that does not exist)."""
    return locks.one(
        WaitlistEntry.objects.filter(pk=entry_id, agent=agent).select_related("program"),
        missing=Http404("No such waitlist entry."),
    )


def _release_hold(entry: WaitlistEntry, *, status: str) -> None:
    """Close the entry; a seat it held goes to the next in line once this commits."""
    held = entry.status == Status.OFFERED
    entry.status = status
    entry.save(update_fields=["status"])
    if held:
        enqueue_offer_next(
            program_id=entry.program_id, starts_at=entry.starts_at, ends_at=entry.ends_at
        )


def enqueue_offer_next(*, program_id: int, starts_at: datetime, ends_at: datetime) -> None:
    """After commit, offer the seats of [starts_at, ends_at) to the next in line."""
    enqueue_on_commit(
        "scheduling.tasks.waitlist_offer_next_task",
        program_id,
        starts_at.isoformat(),
        ends_at.isoformat(),
    )


def _waiting_overlapping(
    *, program_id: int, start: datetime, end: datetime, now: datetime
) -> QuerySet[WaitlistEntry]:
    return (
        WaitlistEntry.objects.filter(
            program_id=program_id,
            status=Status.WAITING,
            starts_at__lt=end,
            ends_at__gt=start,
            starts_at__gt=now,
        )
        .select_related("program", "agent")
        .order_by("created", "pk")
    )


def _lock_slots(locks: Locks, *, program_id: int, start: datetime, end: datetime) -> None:
    """Lock the program's slots of [start, end) in time order: offers and bookings take turns."""
    slots = Slot.objects.filter(program_id=program_id, starts_at__gte=start, starts_at__lt=end)
    locks.rows(slots.values_list("pk"), key=("starts_at",))


def _free_seats(*, program_id: int, start: datetime, end: datetime, now: datetime) -> Counter:
    """Seats left per interval start of [start, end): capacity less live bookings and open holds.

    Intervals without a slot (the program is closed) are absent.
    """
    free = Counter(
        dict(
            Slot.objects.filter(
                program_id=program_id, starts_at__gte=start, starts_at__lt=end
            ).values_list("starts_at", "capacity")
        )
    )
    taken = taken_blocks(program_id=program_id, start=start, end=end, now=now, viewer=None)
    return Counter({moment: seats - seats_taken(moment, taken) for moment, seats in free.items()})


def _claim(entry: WaitlistEntry, *, now: datetime, release_booking: Booking | None = None) -> bool:
    """Offer the entry if it is still waiting (one conditional UPDATE) and tell its agent."""
    expires = now + timedelta(minutes=settings.SCHEDULING_OFFER_HOLD_MINUTES)
    claimed = WaitlistEntry.objects.filter(pk=entry.pk, status=Status.WAITING).update(
        status=Status.OFFERED,
        offered_at=now,
        offer_expires_at=expires,
        release_booking=release_booking,
    )
    if claimed:
        entry.status, entry.offered_at, entry.offer_expires_at = Status.OFFERED, now, expires
        entry.release_booking = release_booking
        _notify_offer(entry, offered_at=now, expires=expires)
    return bool(claimed)


def _notify_offer(entry: WaitlistEntry, *, offered_at: datetime, expires: datetime) -> None:
    """Tell the agent the seat is held for them, in their own time zone."""
    block = entry.release_booking or entry
    zone = ZoneInfo(entry.agent.timezone)
    what = "A block pending release" if entry.release_booking else "A seat"
    notify(
        user=entry.agent,
        kind=Kind.SCHEDULE,
        title=f"{what} in {entry.program.name} is held for you",
        body=(
            f"The block {block_span_text(entry.agent, block.starts_at, block.ends_at)} is yours "
            f"to accept until {expires.astimezone(zone):%H:%M}; then it goes to "
            "the next in line."
        ),
        link=reverse("scheduling:waitlist"),
        dedupe_key=f"waitlist-offer:{entry.pk}:{offered_at.timestamp():.0f}",
    )


def _offer_pending_releases(
    *, program_id: int, start: datetime, end: datetime, waiting: list, now: datetime
) -> list[WaitlistEntry]:
    """Offer each pending-release block overlapping [start, end) that nobody holds yet, whole, to
    the first waiting agent (not its own) whose requested block lies within it."""
    pending = Booking.objects.filter(
        program_id=program_id,
        cancelled_at=None,
        release_requested_at__isnull=False,
        starts_at__gt=now,
        starts_at__lt=end,
        ends_at__gt=start,
    ).exclude(release_offers__status=Status.OFFERED)
    offered = []
    for booking in pending.order_by("starts_at", "pk"):
        candidates = (e for e in waiting if _fits_within(e, booking) and e not in offered)
        taker = next((e for e in candidates if _claim(e, now=now, release_booking=booking)), None)
        if taker is not None:
            offered.append(taker)
    return offered


def _fits_within(entry: WaitlistEntry, booking: Booking) -> bool:
    """Another agent's requested block lies inside the pending-release block."""
    inside = booking.starts_at <= entry.starts_at and entry.ends_at <= booking.ends_at
    return inside and entry.agent_id != booking.agent_id
