"""Demo organisations and programs with two weeks of realistic demand, for `seed_demo`."""

import math
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from agents.choices import Channel
from clients.forecast_input import ForecastRow
from clients.intervals import interval_starts, is_open, local_period, week_start
from clients.models import Forecast, Membership, Program
from clients.services import forecast_publish, organisation_create, program_save

Hours = dict[int, tuple[time, time]]
EVERY_DAY = range(7)
WEEKDAYS = range(5)

# (client e-mail, organisation, [(program fields, hours, peak contacts per interval)])
DEMO_ORGANISATIONS = [
    (
        "dana@northwind-outfitters.example",
        "Northwind Outfitters",
        [
            (
                {
                    "name": "Order support",
                    "channel": Channel.VOICE,
                    "timezone": "America/New_York",
                    "service_level_percent": 80,
                    "answer_seconds": 20,
                    "aht_seconds": 300,
                    "pay_rate": Decimal("17.50"),
                },
                {day: (time(8), time(22)) for day in EVERY_DAY},
                9,
            ),
            (
                {
                    "name": "Live chat",
                    "channel": Channel.CHAT,
                    "timezone": "America/Chicago",
                    "service_level_percent": 90,
                    "answer_seconds": 60,
                    "aht_seconds": 540,
                    "concurrency": 2,
                    "pay_rate": Decimal("16.00"),
                },
                {day: (time(9), time(21)) for day in EVERY_DAY},
                8,
            ),
        ],
    ),
    (
        "lee@brightside-health.example",
        "Brightside Health",
        [
            (
                {
                    "name": "Member services",
                    "channel": Channel.VOICE,
                    "timezone": "America/Los_Angeles",
                    "service_level_percent": 85,
                    "answer_seconds": 30,
                    "aht_seconds": 420,
                    "patience_seconds": 180,
                    "pay_rate": Decimal("19.00"),
                    "min_block_minutes": 120,
                },
                {day: (time(7), time(19)) for day in WEEKDAYS},
                6,
            ),
            (
                {
                    "name": "Claims e-mail",
                    "channel": Channel.EMAIL,
                    "timezone": "America/Denver",
                    "service_level_percent": 95,
                    "answer_seconds": 4 * 3600,
                    "aht_seconds": 600,
                    "pay_rate": Decimal("18.00"),
                },
                {day: (time(8), time(18)) for day in WEEKDAYS},
                5,
            ),
        ],
    ),
]


@transaction.atomic
def seed_programs() -> list[Program]:
    """The demo clients' organisations and programs, with forecasts for this week and next.

    Idempotent: an organisation that exists is left as it is.
    """
    programs = []
    for email, organisation_name, program_specs in DEMO_ORGANISATIONS:
        owner = User.objects.get(email=email)
        if Membership.objects.filter(user=owner, organisation__name=organisation_name).exists():
            continue
        organisation = organisation_create(name=organisation_name, owner=owner)
        for fields, hours, peak in program_specs:
            program = Program(organisation=organisation, **fields)
            program_save(program=program, hours=hours)
            _publish_demo_weeks(program=program, hours=hours, peak=peak, by=owner)
            programs.append(program)
    return programs


def _publish_demo_weeks(*, program: Program, hours: Hours, peak: int, by: User) -> None:
    zone = ZoneInfo(program.timezone)
    monday = week_start(timezone.localdate(timezone=zone))
    for weeks_ahead in (0, 1):
        week = monday + timedelta(weeks=weeks_ahead)
        start, end = local_period(week, 7, zone)
        rows = [
            ForecastRow(moment, _demo_contacts(moment.astimezone(zone), hours, peak), None)
            for moment in interval_starts(start, end)
            if is_open(moment, zone, hours)
        ]
        forecast_publish(
            program=program,
            rows=rows,
            source=Forecast.Source.CSV,
            by=by,
            note=f"Demo forecast, week of {week:%b %d}",
            week=week,
        )


def _demo_contacts(local: datetime, hours: Hours, peak: int) -> Decimal:
    """A day with a late-morning and an early-afternoon peak; Mondays busier, weekends quieter."""
    opens, closes = hours[local.weekday()]
    day_length = ((closes.hour or 24) - opens.hour) * 60
    minutes_open = (local.hour - opens.hour) * 60 + local.minute
    position = minutes_open / day_length
    shape = 0.35 + 0.65 * max(
        math.exp(-(((position - 0.3) / 0.15) ** 2)),
        0.85 * math.exp(-(((position - 0.62) / 0.15) ** 2)),
    )
    weekday_factor = {0: 1.15, 5: 0.7, 6: 0.6}.get(local.weekday(), 1.0)
    return Decimal(round(peak * shape * weekday_factor, 1)).quantize(Decimal("0.1"))
