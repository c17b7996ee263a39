"""The agent's booking grid (issue 7): `open_week` and the page, 20 programs, 10,000 bookings."""

import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from agents.models import Application
from clients.intervals import interval_starts, local_period, week_start
from clients.models import Organisation, Program
from scheduling.grid.selectors import open_week
from scheduling.models import Bonus, Booking, Slot, WaitlistEntry
from tests.bench.common import Row

TITLE = "Booking grid (issue 7)"
NOW = timezone.now()  # the page reads the real clock: the slots start next Monday
ZONE = ZoneInfo("America/New_York")
WEEK = week_start(timezone.localdate(timezone=ZONE)) + timedelta(days=7)  # two weeks from it
PROGRAMS = 20
AGENTS = 10_000
RUNS = 50
figures: dict[str, object] = {}


def make_world() -> tuple[User, list[Program]]:
    organisation = Organisation.objects.create(name="Bench Brand")
    programs = Program.objects.bulk_create(
        Program(organisation=organisation, name=f"Line {n:02d}", timezone=ZONE.key)
        for n in range(PROGRAMS)
    )
    start, end = local_period(WEEK, 14, ZONE)
    moments = list(interval_starts(start, end))
    Slot.objects.bulk_create(
        (
            Slot(
                program=program,
                starts_at=moment,
                required=6,
                capacity=8,
                released_at=NOW - timedelta(days=2),
            )
            for program in programs
            for moment in moments
        ),
        batch_size=5000,
    )
    Bonus.objects.bulk_create(
        Bonus(
            program=program,
            starts_at=start + timedelta(days=d, hours=17),
            per_hour=2,
            ends_at=start + timedelta(days=d, hours=21),
        )
        for program in programs
        for d in range(14)
    )
    agents = User.objects.bulk_create(
        (
            User(email=f"bench-agent-{n}@example.com", password="!", role=User.Role.AGENT)
            for n in range(AGENTS)
        ),
        batch_size=5000,
    )
    Booking.objects.bulk_create(  # each agent one 4-hour block, spread over programs and days
        (
            Booking(
                agent=agent,
                program=programs[n % PROGRAMS],
                starts_at=moments[(n * 7) % (len(moments) - 8)],
                ends_at=moments[(n * 7) % (len(moments) - 8)] + timedelta(hours=4),
            )
            for n, agent in enumerate(agents)
        ),
        batch_size=5000,
    )
    WaitlistEntry.objects.bulk_create(
        WaitlistEntry(
            agent=agents[n],
            program=programs[n % PROGRAMS],
            starts_at=moments[n * 3],
            ends_at=moments[n * 3] + timedelta(hours=1),
            status=WaitlistEntry.Status.OFFERED,
            offer_expires_at=NOW + timedelta(minutes=15),
        )
        for n in range(200)
    )
    viewer = User.objects.create_user(
        "bench-viewer@example.com", "pw", role=User.Role.AGENT, timezone=ZONE.key
    )
    Application.objects.create(user=viewer, status="active", hours_min=20, hours_max=30)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return viewer, programs


def percentiles(label: str, work: Callable[[], object]) -> list[Row]:
    work()  # warm
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    cuts = statistics.quantiles(samples, n=20)
    figures[label] = (statistics.median(samples) * 1000, cuts[18] * 1000)
    return [
        (f"{label}: p50 of {RUNS}", 1, statistics.median(samples)),
        (f"{label}: p95 of {RUNS}", 1, cuts[18]),
    ]


def queries(work: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured.captured_queries)


def run() -> list[Row]:
    viewer, programs = make_world()
    browser = Client()
    browser.force_login(viewer)
    url = f"/agent/book/?week={WEEK}&program={programs[3].pk}"

    def select() -> None:
        week = open_week(agent=viewer, week=WEEK, now=NOW)
        assert len(week.slots) == PROGRAMS * 336, len(week.slots)

    def page() -> None:
        assert browser.get(url).status_code == 200

    figures["open_week queries"] = queries(select)
    figures["page queries"] = queries(page)
    return percentiles(f"open_week, {PROGRAMS} programs × 336 slots", select) + percentiles(
        f"/agent/book/ page ({AGENTS:,} bookings in the database)", page
    )


def report() -> None:
    print(
        f"\nQueries: open_week {figures['open_week queries']}, "
        f"page {figures['page queries']} (flat: the same at 1 and 20 programs)"
    )
