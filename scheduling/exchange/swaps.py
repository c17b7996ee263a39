"""The swap board: an agent posts a booked block, another eligible agent takes it over.

Taking claims the post under its row lock, then `booking_transfer` moves the block atomically
after checking the taker's own rules; a refusal there rolls the claim back and leaves the post
open. A block pending release is posted like any other and is how it finds a taker; while the
waitlist holds it for a waiting agent, nobody else can take it.
"""

from datetime import datetime
from typing import cast
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from gigcx.errors import DomainError
from gigcx.locking import Locks
from notifications.kinds import Kind
from notifications.services import notify
from scheduling.booking.services import booking_transaction, booking_transfer, lock_agents
from scheduling.errors import BookingRefused
from scheduling.exchange.waitlist import open_release_offer, release_offers_withdraw
from scheduling.local_time import block_span_text
from scheduling.models import Booking, SwapPost

Status = SwapPost.Status


def swap_post(
    *,
    agent: User,
    booking_id: int,
    offered_to: User | None = None,
    note: str = "",
    now: datetime | None = None,
) -> SwapPost:
    """Offer one of the agent's own future blocks to every eligible agent or to one named agent."""
    now = now or timezone.now()
    with booking_transaction() as locks:
        booking = locks.one(
            Booking.objects.filter(pk=booking_id, agent=agent).select_related("program"),
            missing=Http404("No such booking."),
        )
        return _post(booking, agent=agent, offered_to=offered_to, note=note, now=now)


def _post(
    booking: Booking, *, agent: User, offered_to: User | None, note: str, now: datetime
) -> SwapPost:
    _check_swappable(booking, now=now)
    if offered_to is not None and (offered_to.pk == agent.pk or offered_to.role != User.Role.AGENT):
        raise DomainError("Offer the block to another agent, or to everyone.", field="offered_to")
    post = SwapPost(booking=booking, offered_to=offered_to, note=note.strip())
    post.full_clean(exclude=["booking", "offered_to"], validate_constraints=False)
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError:
        raise BookingRefused("already_posted", "This block is already on the swap board.") from None
    if offered_to is not None:
        _notify_offered(post, recipient=offered_to, by=agent)
    return post


def swap_withdraw(*, agent: User, swap_id: int) -> SwapPost:
    """Take one's own open post off the board."""
    with booking_transaction() as locks:
        post = locks.one(
            SwapPost.objects.filter(pk=swap_id, booking__agent=agent),
            missing=Http404("No such post."),
        )
        if post.status != Status.OPEN:
            raise BookingRefused(
                "not_open", f"This post is {post.get_status_display().lower()} already."
            )
        post.status = Status.WITHDRAWN
        post.save(update_fields=["status"])
        return post


def swap_take(*, agent: User, swap_id: int, now: datetime | None = None) -> Booking:
    """Take over a posted block: exactly one taker, all of the taker's booking rules checked.

    The locks come in the one lock order: the owner and the taker (by id), the block, the post.
    Two takers queue on the owner's lock, and the second finds the post taken.
    """
    now = now or timezone.now()
    owner_id, booking_id = _post_owner_and_block(swap_id)
    with booking_transaction() as locks:
        lock_agents(locks, {owner_id, agent.pk})
        locks.rows(Booking.objects.filter(pk=booking_id).values_list("pk"))
        post = _claim_post(locks, swap_id)
        _check_takeable(post, agent=agent, now=now)
        booking = booking_transfer(booking_id=post.booking_id, to_agent=agent, now=now)
        post.status, post.taken_by, post.taken_at = Status.TAKEN, agent, now
        post.save(update_fields=["status", "taken_by", "taken_at"])
        release_offers_withdraw(booking=post.booking, now=now)
        _notify_taken(post, by=agent)
        return booking


def _post_owner_and_block(swap_id: int) -> tuple[int, int]:
    found = SwapPost.objects.filter(pk=swap_id).values_list("booking__agent_id", "booking_id")
    if not found:
        raise Http404("No such post.")
    return found[0]


def _claim_post(locks: Locks, swap_id: int) -> SwapPost:
    """The post locked, so two takers take turns and the second sees it taken."""
    return locks.one(
        SwapPost.objects.filter(pk=swap_id).select_related("booking__program", "booking__agent"),
        missing=Http404("No such post."),
    )


def _check_swappable(booking: Booking, *, now: datetime) -> None:
    if not booking.is_active:
        raise BookingRefused("cancelled", "This block was cancelled.")
    if booking.starts_at <= now:
        raise BookingRefused("started", "This block has already started.")


def _check_takeable(post: SwapPost, *, agent: User, now: datetime) -> None:
    """Refusals a person can act on, in the order they would ask."""
    if post.booking.agent_id == agent.pk:
        raise BookingRefused("own_block", "This is your own block.")
    if post.offered_to_id is not None and post.offered_to_id != agent.pk:
        raise BookingRefused("offered_to_another", "This block is offered to another agent.")
    if post.status != Status.OPEN:
        raise BookingRefused(
            "not_open", f"Too late: this block was {post.get_status_display().lower()}."
        )
    _check_swappable(post.booking, now=now)
    held = open_release_offer(booking=post.booking, now=now)
    if held is not None:
        raise BookingRefused(
            "held",
            "The waitlist holds this block for another agent until "
            f"{cast(datetime, held.offer_expires_at).astimezone(_zone(agent)):%H:%M}.",
        )


def _block_text(booking: Booking, person: User) -> str:
    """The program and the block, as `person` reads it."""
    return f"{booking.program.name}, {block_span_text(person, booking.starts_at, booking.ends_at)}"


def _notify_taken(post: SwapPost, *, by: User) -> None:
    owner = post.booking.agent
    notify(
        user=owner,
        kind=Kind.SCHEDULE,
        title="Your block was taken on the swap board",
        body=f"{by.get_short_name()} took {_block_text(post.booking, owner)}.",
        link=reverse("scheduling:swaps"),
        dedupe_key=f"swap-taken:{post.pk}",
    )


def _notify_offered(post: SwapPost, *, recipient: User, by: User) -> None:
    notify(
        user=recipient,
        kind=Kind.SCHEDULE,
        title=f"{by.get_short_name()} offers you a block",
        body=f"{_block_text(post.booking, recipient)}. {post.note}".strip(),
        link=reverse("scheduling:swaps"),
        dedupe_key=f"swap-offered:{post.pk}",
    )


def _zone(person: User) -> ZoneInfo:
    return ZoneInfo(person.timezone)
