"""Reads about organisations, programs and forecasts that pages and the API share."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from accounts.models import User
from clients.intervals import Hours, interval_starts, is_open, local_period
from clients.models import Forecast, ForecastInterval, Membership, Organisation, Program

ISO_MINUTE = "%Y-%m-%dT%H:%M"
Demand = dict[datetime, tuple[Decimal, int | None]]  # interval start -> (contacts, own AHT)


def program_list(*, user: User) -> QuerySet[Program]:
    """The programs a person may see: their organisations' programs, or every one for staff."""
    programs = Program.objects.select_related("organisation").order_by("organisation__name", "name")
    if user.is_staff:
        return programs
    return programs.filter(organisation__memberships__user=user)


def program_for(*, user: User, program_id: int, plan: bool = False) -> Program:
    """The program if the person may see it (404 otherwise); `plan` also requires planning rights.

    The result carries `membership` (None for staff) so pages know what to offer.
    """
    program = (
        Program.objects.select_related("organisation")
        .prefetch_related("hours", "languages", "required_skills")
        .filter(pk=program_id)
        .first()
    )
    if program is None:
        raise Http404("No such program")
    program.membership = membership_of(user=user, organisation=program.organisation)
    if program.membership is None and not user.is_staff:
        raise Http404("No such program")
    if plan and not can_plan(user=user, membership=program.membership):
        raise PermissionDenied("Viewers can look at demand and coverage but not change them.")
    return program


def membership_of(*, user: User, organisation: Organisation) -> Membership | None:
    return Membership.objects.filter(organisation=organisation, user=user).first()


def can_plan(*, user: User, membership: Membership | None) -> bool:
    return user.is_staff or (membership is not None and membership.can_plan)


def organisation_list(*, user: User) -> list[Organisation]:
    """A person's organisations with their members and programs, for the client home."""
    memberships = Membership.objects.select_related("user").order_by("user__email")
    return list(
        Organisation.objects.filter(memberships__user=user)
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .prefetch_related(Prefetch("programs", queryset=Program.objects.order_by("name")))
        .order_by("name")
    )


def program_hours(*, program: Program) -> Hours:
    return {hours.weekday: (hours.opens, hours.closes) for hours in program.hours.all()}


def forecast_versions(*, program: Program) -> QuerySet[Forecast]:
    return program.forecasts.select_related("created_by", "job").order_by("-version")


def forecast_in_force(*, program: Program, start: datetime, end: datetime) -> Demand:
    """Contacts per interval in [start, end) by the newest version covering each interval.

    A covering version that leaves an interval out expects no contacts there; an interval no
    version covers is absent from the result. Two queries whatever the number of versions.
    """
    versions = list(
        program.forecasts.filter(period_start__lt=end, period_end__gt=start)
        .order_by("-version")
        .values_list("pk", "period_start", "period_end")
    )
    values: dict[int, Demand] = {pk: {} for pk, _, _ in versions}
    for forecast_id, starts_at, contacts, aht in ForecastInterval.objects.filter(
        forecast_id__in=list(values), starts_at__gte=start, starts_at__lt=end
    ).values_list("forecast_id", "starts_at", "contacts", "aht_seconds"):
        values[forecast_id][starts_at] = (contacts, aht)
    demand: Demand = {}
    for pk, period_start, period_end in reversed(versions):  # oldest first, newest wins
        covered = [t for t in demand if period_start <= t < period_end]
        for starts_at in covered:
            demand[starts_at] = (Decimal(0), None)
        demand.update(
            (t, value) for t, value in values[pk].items() if period_start <= t < period_end
        )
    return {t: demand[t] for t in sorted(demand)}


@dataclass(frozen=True)
class WeekGrid:
    """The open intervals of one local week laid out as times × days for the grid editor."""

    days: list[date]
    rows: list[tuple[str, list[str | None]]]  # ("09:30", [cell key per day or None if closed])
    cells: list[tuple[str, str]]  # (key, label) for every open interval, key = local ISO time
    values: dict[str, str]


def week_grid(*, program: Program, week: date) -> WeekGrid:
    zone = ZoneInfo(program.timezone)
    start, end = local_period(week, 7, zone)
    hours = program_hours(program=program)
    demand = forecast_in_force(program=program, start=start, end=end)
    open_starts = [
        t.astimezone(zone) for t in interval_starts(start, end) if is_open(t, zone, hours)
    ]
    keys = {(t.date(), t.strftime("%H:%M")): t.strftime(ISO_MINUTE) for t in open_starts}
    days = [week + timedelta(days=n) for n in range(7)]
    times = sorted({label for _, label in keys})
    return WeekGrid(
        days=days,
        rows=[(label, [keys.get((day, label)) for day in days]) for label in times],
        cells=[(t.strftime(ISO_MINUTE), f"{t:%A %H:%M}") for t in open_starts],
        values={
            t.astimezone(zone).strftime(ISO_MINUTE): _plain(contacts)
            for t, (contacts, _) in demand.items()
        },
    )


def _plain(number: Decimal) -> str:
    """12.50 → "12.5", 7.00 → "7": what a person would type."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class DayTimeTable:
    """Forecast intervals laid out as local times (rows) × days (columns), for reading."""

    days: list[date]
    rows: list[tuple[str, list[str]]]  # ("09:30", [contacts per day, "" where none])


def day_time_table(*, intervals: Iterable[ForecastInterval], zone: ZoneInfo) -> DayTimeTable:
    cells = {}
    for interval in intervals:
        local = interval.starts_at.astimezone(zone)
        text = _plain(interval.contacts)
        if interval.aht_seconds:
            text += f" · {interval.aht_seconds} s"
        cells[(local.date(), f"{local:%H:%M}")] = text
    days = sorted({day for day, _ in cells})
    times = sorted({moment for _, moment in cells})
    return DayTimeTable(
        days=days,
        rows=[(moment, [cells.get((day, moment), "") for day in days]) for moment in times],
    )
