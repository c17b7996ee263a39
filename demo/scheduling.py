"""Demo staffing and bookings, for `seed_demo`: slots from the demo forecasts, agents' blocks."""

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from clients.intervals import local_midnight, week_start
from clients.models import Membership, Program
from scheduling.availability.services import exception_add, window_add, work_target_set
from scheduling.booking.eligibility import eligible_programs
from scheduling.booking.services import booking_create
from scheduling.coverage.services import bonus_add, client_block_add
from scheduling.errors import BookingRefused
from scheduling.exchange.swaps import swap_post
from scheduling.exchange.waitlist import waitlist_join
from scheduling.local_time import week_window
from scheduling.models import AvailabilityWindow, Bonus, Booking, ClientBlock, Slot
from scheduling.staffing.services import requirements_recompute, slots_release

BLOCK = timedelta(hours=4)
STEP = timedelta(minutes=30)


def seed_staffing(programs: list[Program]) -> int:
    """Compute the demo programs' slots now rather than waiting for a worker."""
    for program in programs:
        for forecast in program.forecasts.all():
            requirements_recompute(forecast_id=forecast.pk)
    # Released a while ago, so every tier may book the demo's slots at once.
    return slots_release(programs=programs, at=timezone.now() - timedelta(days=3))


@transaction.atomic
def seed_bookings(programs: list[Program], agents: list[User], *, fill: float = 0.8) -> int:
    """Four-hour blocks for the demo agents, one per agent a day, into the neediest slots.

    Each block goes where the program is shortest; it stops at `fill` of what is needed so the
    coverage pages show gaps as well as covered hours.
    """
    chooser = random.Random(2026)  # noqa: S311 - the same demo every time, not a secret
    slots = list(Slot.objects.filter(program__in=programs, capacity__gt=0).order_by("starts_at"))
    need = {(slot.program_id, slot.starts_at): slot.capacity * fill for slot in slots}
    starts_by_day: dict[date, list[tuple[int, datetime]]] = defaultdict(list)
    for key in need:
        starts_by_day[key[1].date()].append(key)
    pay_rates = {program.pk: program.pay_rate for program in programs}
    allowed = _eligible_program_ids(agents, programs)
    bookings = []
    for _, starts in sorted(starts_by_day.items()):  # day by day
        day_agents = [agent for agent in agents if allowed[agent.pk]]
        chooser.shuffle(day_agents)
        for agent in day_agents:  # one block per agent a day
            start = _neediest_block_start(
                need, [key for key in starts if key[0] in allowed[agent.pk]]
            )
            if start is None:
                continue
            program_id, starts_at = start
            bookings.append(
                Booking(
                    agent=agent,
                    program_id=program_id,
                    starts_at=starts_at,
                    ends_at=starts_at + BLOCK,
                    pay_rate=pay_rates[program_id],
                )
            )
            for offset in range(int(BLOCK / STEP)):
                key = (program_id, starts_at + offset * STEP)
                if key in need:
                    need[key] -= 1
    Booking.objects.bulk_create(bookings)
    return len(bookings)


def _eligible_program_ids(agents: list[User], programs: list[Program]) -> dict[int, set[int]]:
    """Per agent, the demo programs they may book (approved, certified, speaking the language)."""
    now = timezone.now()
    return {
        agent.pk: {p.pk for p in eligible_programs(agent=agent, at=now, programs=programs)}
        for agent in agents
    }


def _neediest_block_start(
    need: dict, starts: list[tuple[int, datetime]]
) -> tuple[int, datetime] | None:
    """Of `starts` (one day's), the (program, start) whose next four hours lack the most agents."""
    best, best_gap = None, 0.5
    for program_id, starts_at in starts:
        block = [need.get((program_id, starts_at + n * STEP)) for n in range(int(BLOCK / STEP))]
        if None in block:  # the block would run past closing time
            continue
        gap = sum(max(0.0, missing) for missing in block if missing is not None)
        if gap > best_gap:
            best, best_gap = (program_id, starts_at), gap
    return best


def seed_exchange(agents: list[User], *, entries: int = 4, posts: int = 3) -> tuple[int, int]:
    """A few waitlist entries on full blocks and open swap posts, through the real services.

    Tomorrow onwards, soonest first: an agent waits for the first hour of another agent's block
    wherever the services agree it is full; the owners of the next blocks post them for swap
    (the first to a named colleague). Returns (entries, posts) made.
    """
    now = timezone.now()
    upcoming = list(
        Booking.objects.filter(agent__in=agents, cancelled_at=None, starts_at__gt=now + STEP * 48)
        .select_related("program", "agent")
        .order_by("starts_at", "pk")[:60]
    )
    joined = 0
    for booking, waiter in zip(upcoming, reversed(agents), strict=False):
        if joined == entries:
            break
        block: dict[str, Any] = {
            "program_id": booking.program_id,
            "starts_at": booking.starts_at,
            "ends_at": booking.starts_at + timedelta(minutes=booking.program.min_block_minutes),
            "now": now,
        }
        try:
            try:
                waitlist_join(agent=waiter, **block)
            except BookingRefused as refusal:
                if refusal.code != "seats_open":
                    raise
                _fill(block, [agent for agent in agents if agent != waiter])
                waitlist_join(agent=waiter, **block)
        except BookingRefused:  # still seats open there, or the agent cannot work the program
            continue
        joined += 1
    owners = {booking.agent_id: booking for booking in reversed(upcoming)}  # each one's soonest
    for number, booking in enumerate(list(owners.values())[:posts]):
        colleague = next(agent for agent in agents if agent.pk != booking.agent_id)
        swap_post(
            agent=booking.agent,
            booking_id=booking.pk,
            offered_to=colleague if number == 0 else None,
            note="Family commitment, happy to swap" if number else "",
            now=now,
        )
    return joined, min(posts, len(owners))


def _fill(block: dict, agents: list[User]) -> None:
    """Book agents into `block` through the booking rules until its seats run out."""
    program = Program.objects.get(pk=block["program_id"])
    for agent in agents:
        try:
            booking_create(
                agent=agent,
                program=program,
                starts_at=block["starts_at"],
                ends_at=block["ends_at"],
                now=block["now"],
            )
        except BookingRefused as refusal:
            if refusal.code == "slot_full":
                return


# Weekly windows (weekdays, from, until) and targets (min, max h) the demo agents take in turn.
# The demo's bookings give each agent a four-hour block a day (28 h a week), so every cap leaves
# room to book more from the grid.
DEMO_PATTERNS = [
    ((0, 1, 2, 3, 4), time(8), time(16), (20, 36)),
    ((0, 1, 2, 3, 4), time(12), time(20), (15, 34)),
    ((1, 2, 3, 4, 5), time(16), time(0), (25, 40)),
    ((4, 5, 6), time(9), time(21), (20, 36)),
]


def seed_availability(agents: list[User]) -> int:
    """Windows and a weekly target for each demo agent who has none yet, through the services;
    the first agent is also away next Friday. Returns how many agents got windows."""
    seeded = 0
    for number, agent in enumerate(agents):
        if AvailabilityWindow.objects.filter(agent=agent).exists():
            continue
        weekdays, starts, ends, (hours_min, hours_max) = DEMO_PATTERNS[number % len(DEMO_PATTERNS)]
        for weekday in weekdays:
            window_add(agent=agent, weekday=weekday, starts=starts, ends=ends)
        work_target_set(agent=agent, hours_min=hours_min, hours_max=hours_max)
        if number == 0:
            today = timezone.localdate()
            exception_add(
                agent=agent,
                day=today + timedelta(days=(4 - today.weekday()) % 7 or 7),
                available=False,
                note="Dentist",
            )
        seeded += 1
    return seeded


def seed_bonuses_and_block(programs: list[Program]) -> tuple[int, int]:
    """A weekend bonus and an evening bonus on the first program, and its organisation blocking
    the last agent (by e-mail) who booked there. Idempotent. Returns (bonuses, blocks) made."""
    if not programs:
        return 0, 0
    return _seed_bonuses(programs[0]), _seed_block(programs[0])


def _seed_bonuses(program: Program) -> int:
    """Set by the organisation's owner, as a client would from the coverage page."""
    if Bonus.objects.filter(program=program).exists():
        return 0
    owner = program.organisation.memberships.filter(role=Membership.Role.OWNER).earliest("pk")
    zone = ZoneInfo(program.timezone)
    today = timezone.localdate(timezone=zone)
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    evening = datetime.combine(today + timedelta(days=1), time(17), tzinfo=zone)
    bonus_add(
        program=program,
        starts_at=local_midnight(saturday, zone),
        ends_at=local_midnight(saturday + timedelta(days=2), zone),
        per_hour=Decimal(3),
        created_by=owner.user,
    )
    bonus_add(
        program=program,
        starts_at=evening.astimezone(UTC),
        ends_at=(evening + timedelta(hours=5)).astimezone(UTC),
        per_hour=Decimal(5),
        created_by=owner.user,
    )
    return 2


def _seed_block(program: Program) -> int:
    blocked = (
        Booking.objects.filter(program=program)
        .select_related("agent")
        .order_by("-agent__email")
        .first()
    )
    if blocked is None or ClientBlock.objects.filter(organisation=program.organisation).exists():
        return 0
    client_block_add(
        organisation=program.organisation,
        agent=blocked.agent,
        reason="Repeated no-shows on weekend shifts; discussed with the agent.",
    )
    return 1


@transaction.atomic
def seed_attendance(agents: list[User], *, now: datetime | None = None) -> int:
    """Last week's blocks for the demo agents, and attendance on every block begun by now.

    Each agent works weekdays 09:00–13:00 (their time) last week in the program they book most.
    Begun blocks are checked in and out: most on time, some late, some leaving early, a couple
    of no-shows, so the earnings pages have something to show. Returns the blocks marked.
    """
    now = now or timezone.now()
    _seed_last_week(agents, now)
    begun = list(
        Booking.objects.filter(
            agent__in=agents,
            cancelled_at=None,
            attendance=Booking.Attendance.SCHEDULED,
            starts_at__lte=now,
        ).order_by("starts_at", "agent_id")
    )
    for number, booking in enumerate(begun):
        _attend(booking, number, now)
    Booking.objects.bulk_update(begun, ["attendance", "checked_in_at", "checked_out_at"])
    return len(begun)


def _seed_last_week(agents: list[User], now: datetime) -> None:
    blocks = []
    for agent in agents:
        zone = ZoneInfo(agent.timezone)
        monday = week_start(now.astimezone(zone).date()) - timedelta(days=7)
        first, last = week_window(agent=agent, week=monday)
        mine = Booking.objects.filter(agent=agent)
        program = (
            mine.values("program_id", "pay_rate").annotate(n=Count("pk")).order_by("-n").first()
        )
        if program is None or mine.filter(starts_at__gte=first, starts_at__lt=last).exists():
            continue
        for day in range(5):
            starts_at = datetime.combine(monday + timedelta(days=day), time(9), tzinfo=zone)
            blocks.append(
                Booking(
                    agent=agent,
                    program_id=program["program_id"],
                    starts_at=starts_at.astimezone(UTC),
                    ends_at=(starts_at + BLOCK).astimezone(UTC),
                    pay_rate=program["pay_rate"],
                    bonus_amount=Decimal("8.00") if day == 4 else Decimal(0),  # a Friday bonus
                )
            )
    Booking.objects.bulk_create(blocks)


def _attend(booking: Booking, number: int, now: datetime) -> None:
    """On time mostly; every 7th late by 12 minutes, every 11th leaves an hour early, every
    20th a no-show. A block still running is checked in only."""
    if number % 20 == 7:
        booking.attendance = Booking.Attendance.NO_SHOW
        return
    late = timedelta(minutes=12) if number % 7 == 3 else timedelta(minutes=-5)
    booking.checked_in_at = booking.starts_at + late
    booking.attendance = Booking.Attendance.CHECKED_IN
    if booking.ends_at <= now:
        early = timedelta(hours=1) if number % 11 == 5 else timedelta(0)
        booking.checked_out_at = booking.ends_at - early
        booking.attendance = Booking.Attendance.ATTENDED
