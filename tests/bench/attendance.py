"""Attendance (issue 7): reminder and attendance sweeps, earnings statements, on 10,000 blocks."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from accounts.models import User
from clients.models import Organisation, Program
from scheduling.attendance.earnings import earnings_week, earnings_week_all
from scheduling.attendance.reminders import reminders_sweep
from scheduling.attendance.selectors import attendance_summaries
from scheduling.attendance.services import attendance_sweep
from scheduling.models import Booking
from tests.bench.common import Row, median_of, timed

TITLE = "Attendance and earnings (issue 7)"
AGENTS = 1_000
BLOCKS_EACH = 10  # two a day, Monday to Friday
WEEK = date(2026, 3, 2)
MONDAY_9 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 09:00 in New York
HOUR = timedelta(hours=1)


def make_week() -> list[User]:
    organisation = Organisation.objects.create(name="Bench Brand")
    program = Program.objects.create(organisation=organisation, name="Bench Voice", pay_rate=20)
    agents = User.objects.bulk_create(
        User(email=f"bench{n}@example.com", role=User.Role.AGENT, timezone="America/New_York")
        for n in range(AGENTS)
    )
    Booking.objects.bulk_create(
        Booking(
            agent=agent,
            program=program,
            starts_at=MONDAY_9 + day * 24 * HOUR + half * 5 * HOUR,
            ends_at=MONDAY_9 + day * 24 * HOUR + half * 5 * HOUR + 4 * HOUR,
            pay_rate=Decimal("20.00"),
            bonus_amount=Decimal("4.00"),
        )
        for agent in agents
        for day in range(5)
        for half in range(2)
    )
    return agents


def run() -> list[Row]:
    agents = make_week()
    blocks = AGENTS * BLOCKS_EACH
    # Each reminder is an inbox row and an e-mail task published to Redis after its commit.
    rows = [
        timed(
            f"reminder sweep, {2 * AGENTS:,} due (hour-before and day-before)",
            2 * AGENTS,
            lambda: reminders_sweep(now=MONDAY_9 - HOUR / 2),
        ),
        timed(
            "reminder sweep again, nothing left to send",
            1,
            lambda: reminders_sweep(now=MONDAY_9 - HOUR / 2),
        ),
    ]
    week_end = MONDAY_9 + 7 * 24 * HOUR
    rows += [
        timed(
            f"attendance sweep, {blocks:,} blocks at the week's end (no-shows)",
            blocks,
            lambda: attendance_sweep(now=week_end),
        ),
        median_of(
            "one agent's week statement (5 days, 10 blocks)",
            20,
            lambda: earnings_week(agent=agents[0], week=WEEK, now=week_end),
        ),
        timed(
            f"staff CSV data: every agent's week, {blocks:,} blocks",
            1,
            lambda: earnings_week_all(week=WEEK, now=week_end),
        ),
        timed(
            f"adherence and reliability, {AGENTS:,} agents",
            1,
            lambda: attendance_summaries(start=MONDAY_9, end=week_end),
        ),
    ]
    return rows
