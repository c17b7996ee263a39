"""The agent's own pages (issue 7): My schedule, availability and the iCal feed, among 10,000
other agents' bookings."""

from datetime import UTC, date, datetime, time, timedelta

from django.test import Client

from accounts.models import User
from clients.models import Organisation, Program
from scheduling.availability.selectors import available_intervals
from scheduling.availability.services import window_add
from scheduling.booking.services import work_preference_for
from scheduling.models import Booking
from tests.bench.common import Row, bench_page, median_of

TITLE = "Availability, My schedule and the calendar feed (issue 7)"
WEEK = date(2026, 12, 7)
MONDAY = datetime(2026, 12, 7, 5, tzinfo=UTC)  # midnight in New York
OTHER_AGENTS = 2_000
BLOCKS_EACH = 5


def make_world() -> tuple[User, Program]:
    program = Program.objects.create(
        organisation=Organisation.objects.create(name="Bench Brand"), name="Bench line"
    )
    others = User.objects.bulk_create(
        User(email=f"bench-agent{n}@example.com", role=User.Role.AGENT) for n in range(OTHER_AGENTS)
    )
    Booking.objects.bulk_create(
        Booking(
            agent=agent,
            program=program,
            starts_at=MONDAY + timedelta(hours=n * 30),
            ends_at=MONDAY + timedelta(hours=n * 30 + 4),
        )
        for agent in others
        for n in range(BLOCKS_EACH)
    )
    agent = User.objects.create_user(
        email="bench-me@example.com", password="x", timezone="America/New_York"
    )
    Booking.objects.bulk_create(
        Booking(
            agent=agent,
            program=program,
            starts_at=MONDAY + timedelta(hours=n * 8 + 1),
            ends_at=MONDAY + timedelta(hours=n * 8 + 5),
            pay_rate=18,
        )
        for n in range(20)
    )
    for weekday in range(7):
        window_add(agent=agent, weekday=weekday, starts=time(6), ends=time(12))
        window_add(agent=agent, weekday=weekday, starts=time(16), ends=time(22))
    return agent, program


def run() -> list[Row]:
    agent, _ = make_world()
    token = work_preference_for(agent).ical_token
    feed = Client()
    return [
        bench_page(agent, f"/agent/schedule/?week={WEEK}", "My schedule, 20 blocks (median of 20)"),
        bench_page(agent, "/agent/availability/", "Availability page, 14 windows (median of 20)"),
        median_of(
            "iCal feed, 20 blocks (median of 20)", 20, lambda: feed.get(f"/ical/{token}.ics")
        ),
        median_of(
            "available_intervals over 4 weeks (median of 20)",
            20,
            lambda: available_intervals(agent, MONDAY, MONDAY + timedelta(weeks=4)),
        ),
    ]
