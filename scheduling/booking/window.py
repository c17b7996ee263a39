"""When a slot can be booked — the booking window, stated once for the booking rules, the week
grid, its program picker and the slots API.

A slot starting at `t` is bookable at `now` when
- booking has not closed: `t ≥ now + SCHEDULING_BOOKING_CLOSES_MINUTES`;
- it lies inside its program's horizon: `t < now + program.booking_horizon_days`;
- it has been released to the agent's tier (staged release): `bookable_from(released_at, tier)`
  is None or ≤ `now` — the top tier sees a released slot at once, each tier below waits
  SCHEDULING_RELEASE_DELAY_HOURS more.

Each condition is a plain function for code that holds the slot, and the same condition as a `Q`
for the reads that filter slots in the database; tests hold the two forms together.
"""

from collections import defaultdict
from datetime import datetime, timedelta
from typing import overload

from django.conf import settings
from django.db.models import Q

from clients.models import Program


def earliest_start(now: datetime) -> datetime:
    """The earliest slot start still taking bookings at `now`."""
    return now + timedelta(minutes=settings.SCHEDULING_BOOKING_CLOSES_MINUTES)


def horizon_end(program: Program, now: datetime) -> datetime:
    """The first start beyond the program's booking horizon at `now`."""
    return now + timedelta(days=program.booking_horizon_days)


def has_closed(starts_at: datetime, now: datetime) -> bool:
    return starts_at < earliest_start(now)


def is_beyond_horizon(program: Program, starts_at: datetime, now: datetime) -> bool:
    return starts_at >= horizon_end(program, now)


@overload
def bookable_from(released_at: datetime, tier: int) -> datetime: ...
@overload
def bookable_from(released_at: None, tier: int) -> None: ...
def bookable_from(released_at: datetime | None, tier: int) -> datetime | None:
    """When a slot released at `released_at` opens to `tier`: at once for the top tier, each
    tier below waits SCHEDULING_RELEASE_DELAY_HOURS more. None: it has always been open."""
    if released_at is None:
        return None
    tiers_below_top = max(settings.SCHEDULING_TOP_TIER - tier, 0)
    return released_at + timedelta(hours=settings.SCHEDULING_RELEASE_DELAY_HOURS * tiers_below_top)


def released_to(tier: int, now: datetime) -> Q:
    """Slots open to `tier` by `now`, as a filter: `bookable_from(released_at, tier) <= now`.

    The delay does not depend on the release time, so it is `bookable_from(now, tier) - now`.
    """
    latest_release = now - (bookable_from(now, tier) - now)
    return Q(released_at=None) | Q(released_at__lte=latest_release)


def inside_window(programs: list[Program], now: datetime) -> Q:
    """Slots of `programs` that have not closed and lie inside their program's horizon, as a
    filter: `not has_closed(...) and not is_beyond_horizon(...)`."""
    by_horizon: dict[int, list[int]] = defaultdict(list)  # programs mostly share a few horizons
    for program in programs:
        by_horizon[program.booking_horizon_days].append(program.pk)
    within = Q(pk__in=[])
    for days, program_ids in by_horizon.items():
        within |= Q(program_id__in=program_ids, starts_at__lt=now + timedelta(days=days))
    return within & Q(starts_at__gte=earliest_start(now))


def bookable(programs: list[Program], tier: int, now: datetime) -> Q:
    """Slots of `programs` an agent of `tier` can book at `now` (seats aside)."""
    return inside_window(programs, now) & released_to(tier, now)
