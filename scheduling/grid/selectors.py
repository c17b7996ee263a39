"""The agent's week of open slots: every slot of the programs they may book, with seats and badges.

`open_week` reads a whole week for any number of programs in a constant number of queries: the
eligibility check, the agent's tier, the slots, the seats taken in each (live bookings and other
agents' open holds, as `scheduling.seats` defines them for the booking core) and whether the agent
holds it, counted in one sorted pass (`scheduling.covering`), and the few bonuses touching the week,
matched to slots in Python.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import QuerySet

from accounts.models import User
from clients.intervals import interval_starts, week_start
from clients.models import Program
from scheduling.booking.eligibility import agent_tier, eligible_programs
from scheduling.booking.seats import is_hot, open_seats, seats_seen_by
from scheduling.booking.window import bookable_from, has_closed, horizon_end
from scheduling.grid.covering import covering_counts
from scheduling.local_time import week_window
from scheduling.models import Bonus, Slot


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs 3x, for 6,720 a week
class GridSlot:
    """One slot as this agent sees it."""

    slot_id: int
    program_id: int
    starts_at: datetime  # UTC
    capacity: int
    required: int
    booked: int  # live bookings
    held: int  # other agents' open hold offers
    mine: bool  # the agent holds a live booking covering it
    bonus_per_hour: Decimal | None  # the best bonus covering it
    opens_at: datetime | None  # when it opens to the agent's tier (None: always open)
    released: bool  # open to the agent's tier by now
    closed: bool  # booking has closed (too soon) or it lies beyond the program's horizon

    @property
    def open_seats(self) -> int:
        return open_seats(self)

    @property
    def hot(self) -> bool:
        return is_hot(self)

    @property
    def full(self) -> bool:
        return self.open_seats == 0

    @property
    def bookable(self) -> bool:
        return self.released and not self.closed and not self.full and not self.mine

    @property
    def waitlistable(self) -> bool:
        """Full, yet otherwise open to this agent: they may wait for a seat."""
        return self.full and self.released and not self.closed and not self.mine


@dataclass(frozen=True)
class OpenWeek:
    agent: User
    week: date  # the Monday
    zone: ZoneInfo
    starts_at: datetime
    ends_at: datetime
    programs: list[Program]
    slots: list[GridSlot]  # by program, then time

    def slots_of(self, program: Program) -> list[GridSlot]:
        return self._by_program.get(program.pk, [])

    @cached_property
    def _by_program(self) -> dict[int, list[GridSlot]]:
        by_program: dict[int, list[GridSlot]] = defaultdict(list)
        for slot in self.slots:
            by_program[slot.program_id].append(slot)
        return by_program


def open_week(
    *, agent: User, week: date, now: datetime, programs: list[Program] | None = None
) -> OpenWeek:
    """Every slot of the agent's local Monday–Sunday week containing `week`, for the programs (of
    `programs`, default all) the agent is eligible for. A constant number of queries (6)."""
    eligible = eligible_programs(agent=agent, at=now, programs=programs)
    return week_of_programs(
        agent=agent, week=week, now=now, eligible=eligible, tier=agent_tier(agent)
    )


def week_of_programs(
    *, agent: User, week: date, now: datetime, eligible: list[Program], tier: int
) -> OpenWeek:
    """`open_week` for programs already found eligible, for an agent of `tier`. Three queries."""
    start, end = week_window(agent=agent, week=week)
    program_ids = [program.pk for program in eligible]
    week_slots = Slot.objects.filter(
        program_id__in=program_ids, starts_at__gte=start, starts_at__lt=end
    )
    seats = _seats(week_slots, agent=agent, now=now, programs=eligible, start=start, end=end)
    bonuses = _by_interval(
        Bonus.objects.filter(program_id__in=program_ids, starts_at__lt=end, ends_at__gt=start),
        "per_hour",
    )
    rows = week_slots.order_by("program_id", "starts_at").values_list(
        "pk", "program_id", "starts_at", "capacity", "required", "released_at"
    )
    horizons = {program.pk: horizon_end(program, now) for program in eligible}
    opening = _Opening(tier)
    slots = []
    for pk, program_id, starts_at, capacity, required, released_at in rows:
        opens_at = opening(released_at)
        key = (program_id, starts_at)
        booked, held, mine = seats.get(pk, _NOTHING_TAKEN)  # a slot made since the count: none
        slots.append(
            GridSlot(
                slot_id=pk,
                program_id=program_id,
                starts_at=starts_at,
                capacity=capacity,
                required=required,
                booked=booked,
                held=held,
                mine=mine > 0,
                bonus_per_hour=max(bonuses[key])[0] if key in bonuses else None,
                opens_at=opens_at,
                released=opens_at is None or opens_at <= now,
                closed=has_closed(starts_at, now) or starts_at >= horizons[program_id],
            )
        )
    return OpenWeek(
        agent=agent,
        week=week_start(week),
        zone=ZoneInfo(agent.timezone),
        starts_at=start,
        ends_at=end,
        programs=eligible,
        slots=slots,
    )


_NOTHING_TAKEN = (0, 0, 0)


def _seats(
    slots: QuerySet[Slot],
    *,
    agent: User,
    now: datetime,
    programs: list[Program],
    start: datetime,
    end: datetime,
) -> dict[int, tuple[int, int, int]]:
    """Slot id -> the live bookings, other agents' open holds and own bookings covering it."""
    if not programs:
        return {}
    sql, params = covering_counts(
        slots,
        fields=("id",),
        programs=programs,
        start=start,
        end=end,
        **seats_seen_by(viewer=agent, now=now),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk: (booked, held, mine) for _, pk, booked, held, mine in cursor.fetchall()}


class _Opening(dict):
    """`bookable_from` for the agent's tier, once per distinct release time (slots share few)."""

    def __init__(self, tier: int) -> None:
        super().__init__()
        self.tier = tier

    def __call__(self, released_at: datetime | None) -> datetime | None:
        if released_at not in self:
            self[released_at] = bookable_from(released_at, self.tier)
        return self[released_at]


Covering = dict[tuple[int, datetime], list[tuple]]  # (program id, slot start) -> [(*extra)]


def _by_interval(queryset: QuerySet, *extra: str) -> Covering:
    """The few rows touching the week (bonuses), filed under every (program, slot start) they
    cover, so each slot finds its own in one lookup."""
    covering: Covering = defaultdict(list)
    rows = queryset.values_list("program_id", "starts_at", "ends_at", *extra)
    for program_id, starts_at, ends_at, *rest in rows:
        for moment in interval_starts(starts_at, ends_at):
            covering[(program_id, moment)].append(tuple(rest))
    return dict(covering)
