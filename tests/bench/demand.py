"""Demand (issue 6): reading forecasts, publishing and staffing them, the coverage pages."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from clients.forecast_input import read_csv, validate_rows
from clients.intervals import interval_starts, local_period
from clients.models import Membership, OperatingHours, Organisation, Program
from clients.services import forecast_publish
from scheduling.models import Booking
from scheduling.staffing.services import requirements_recompute
from tests.bench.common import Row, bench_page, timed

TITLE = "Demand and coverage (issue 6)"
WEEK = date(2026, 3, 2)
ZONE = ZoneInfo("America/New_York")
AROUND_THE_CLOCK = {day: (time(0), time(0)) for day in range(7)}
PROGRAMS = 20
BOOKINGS = 10_000
query_counts: dict[str, int] = {}


def forecast_csv(first_day: date, days: int) -> bytes:
    start, end = local_period(first_day, days, ZONE)
    lines = ["interval_start,contacts,aht_seconds"]
    for number, moment in enumerate(interval_starts(start, end)):
        local = moment.astimezone(ZONE)
        stamp = local.isoformat(timespec="minutes")  # with its offset: 01:00 twice in November
        lines.append(f"{stamp},{20 + number % 48 * 3},{180 + number % 7 * 10}")
    return ("\n".join(lines) + "\n").encode()


def bench_read(days: int) -> Row:
    data = forecast_csv(WEEK, days)
    rows = len(data.splitlines()) - 1
    return timed(
        f"read + check a CSV forecast, {rows:,} intervals",
        1,
        lambda: validate_rows(read_csv(data), zone=ZONE, hours=AROUND_THE_CLOCK),
    )


def make_programs(owner: User) -> list[Program]:
    organisation = Organisation.objects.create(name="Bench Brand")
    Membership.objects.create(organisation=organisation, user=owner, role=Membership.Role.OWNER)
    programs = Program.objects.bulk_create(
        Program(organisation=organisation, name=f"Line {n}", timezone=ZONE.key, aht_seconds=240)
        for n in range(PROGRAMS)
    )
    OperatingHours.objects.bulk_create(
        OperatingHours(program=program, weekday=day, opens=opens, closes=closes)
        for program in programs
        for day, (opens, closes) in AROUND_THE_CLOCK.items()
    )
    return programs


def bench_publish_and_staff(programs: list[Program], days: int) -> Row:
    """Publish `days` of forecast per program and recompute its slots, as the job does."""
    rows = validate_rows(read_csv(forecast_csv(WEEK, days)), zone=ZONE, hours=AROUND_THE_CLOCK)

    def work() -> None:
        for program in programs:
            forecast = forecast_publish(program=program, rows=rows, source="api", by=None)
            requirements_recompute(forecast_id=forecast.pk)

    slots = len(rows) * len(programs)
    label = f"publish + staff {days} days × {len(programs)} programs ({slots:,} slots)"
    return timed(label, len(programs), work)


def make_bookings(programs: list[Program]) -> None:
    agents = User.objects.bulk_create(
        User(email=f"bench-agent-{n}@example.com", password="!", role=User.Role.AGENT)
        for n in range(BOOKINGS // 10)
    )
    start, _ = local_period(WEEK, 7, ZONE)
    Booking.objects.bulk_create(
        (
            Booking(
                agent=agents[n % len(agents)],
                program=programs[n % len(programs)],
                starts_at=start + timedelta(hours=4 * (n // len(agents) % 42)),
                ends_at=start + timedelta(hours=4 * (n // len(agents) % 42) + 4),
            )
            for n in range(BOOKINGS)
        ),
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE scheduling_booking; ANALYZE scheduling_slot")


def queries_of(user: User, url: str) -> int:
    browser = Client()
    browser.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        browser.get(url)
    return len(captured.captured_queries)


def run() -> list[Row]:
    owner = User.objects.create_user("bench-owner@example.com", "pw", role=User.Role.CLIENT)
    programs = make_programs(owner)
    rows = [
        bench_read(7),
        bench_read(365),
        bench_publish_and_staff(programs, 7),
        bench_publish_and_staff(programs[:1], 365),
    ]
    make_bookings(programs)
    coverage = f"/client/programs/{programs[0].pk}/coverage/?week={WEEK}"
    rows += [
        bench_page(owner, coverage, f"coverage page, {PROGRAMS} programs, {BOOKINGS:,} bookings"),
        bench_page(owner, coverage.replace("coverage/", "coverage.csv"), "coverage CSV export"),
        bench_page(
            owner,
            f"/api/v1/programs/{programs[0].pk}/coverage/?week={WEEK}",
            "coverage API",
        ),
        bench_page(owner, "/client/", f"client dashboard, {PROGRAMS} programs"),
        bench_page(
            owner,
            f"/client/programs/{programs[0].pk}/forecasts/week/?week={WEEK}",
            "forecast week grid (336 cells)",
        ),
    ]
    query_counts["coverage page"] = queries_of(owner, coverage)
    query_counts["client dashboard"] = queries_of(owner, "/client/")
    return rows


def report() -> None:
    counts = ", ".join(f"{page} {count}" for page, count in query_counts.items())
    print(f"\nQueries per page (flat whatever the bookings): {counts}")
