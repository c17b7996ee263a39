"""Reads of the swap board and the waitlist, shared by the agent's pages and the API."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from scheduling.booking.eligibility import eligible_programs
from scheduling.models import Booking, SwapPost, WaitlistEntry

Waiting = WaitlistEntry.Status


def swap_posts_visible(*, agent: User, now: datetime) -> QuerySet[SwapPost]:
    """Open posts of future blocks the agent may see: their own, those offered to them, and those
    offered to everyone in a program they are eligible for; soonest first."""
    programs = [program.pk for program in eligible_programs(agent=agent, at=now)]
    return (
        SwapPost.objects.filter(
            status=SwapPost.Status.OPEN, booking__cancelled_at=None, booking__starts_at__gt=now
        )
        .filter(
            Q(booking__agent=agent)
            | Q(offered_to=agent)
            | Q(offered_to=None, booking__program_id__in=programs)
        )
        .select_related("booking__program__organisation", "booking__agent", "offered_to")
        .order_by("booking__starts_at", "pk")
    )


@dataclass(frozen=True)
class SwapBoard:
    takeable: list[SwapPost]  # others' posts the agent may take
    mine: list[SwapPost]  # the agent's own open posts
    unposted_releases: list[Booking]  # the agent's pending-release blocks not on the board yet


def swap_board(*, agent: User, now: datetime) -> SwapBoard:
    posts = list(swap_posts_visible(agent=agent, now=now))
    return SwapBoard(
        takeable=[post for post in posts if post.booking.agent_id != agent.pk],
        mine=[post for post in posts if post.booking.agent_id == agent.pk],
        unposted_releases=list(
            Booking.objects.filter(
                agent=agent,
                cancelled_at=None,
                release_requested_at__isnull=False,
                starts_at__gt=now,
            )
            .exclude(swap_posts__status=SwapPost.Status.OPEN)
            .select_related("program")
            .order_by("starts_at")
        ),
    )


def waitlist_entries(*, agent: User, now: datetime) -> QuerySet[WaitlistEntry]:
    """The agent's entries still in line or holding an open offer, soonest block first, each with
    `position`: 1 + the agents waiting for an overlapping block of the program who joined earlier.
    """
    ahead = (
        WaitlistEntry.objects.filter(
            program=OuterRef("program"),
            status=Waiting.WAITING,
            starts_at__lt=OuterRef("ends_at"),
            ends_at__gt=OuterRef("starts_at"),
            created__lt=OuterRef("created"),
        )
        .order_by()
        .values("program")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        WaitlistEntry.objects.filter(agent=agent, starts_at__gt=now)
        .filter(Q(status=Waiting.WAITING) | Q(status=Waiting.OFFERED, offer_expires_at__gt=now))
        .annotate(
            position=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1,
        )
        .select_related("program__organisation", "release_booking")
        .order_by("starts_at", "pk")
    )
