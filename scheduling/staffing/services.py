"""Forecast → required agents → slot capacities, one local day at a time.

Each day is its own short transaction that locks the program row, reads the forecast in force
and upserts that day's slots, so two recomputations of the same days (two quick uploads) end with
the newest forecast whatever order they run in, and a page polling the job sees progress.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from agents.choices import Channel
from clients.intervals import INTERVAL_SECONDS, interval_starts, is_open, local_period
from clients.models import Forecast, Program
from clients.selectors import forecast_in_force, program_hours
from gigcx.locking import lock_one
from jobs.services import job_fail, job_report_progress, job_start, job_succeed
from scheduling import staffing
from scheduling.models import Slot


@dataclass(frozen=True)
class DayResult:
    intervals: int
    agent_hours: float
    peak: int


def staffing_parameters(program: Program) -> dict:
    """The program's targets in the keyword arguments `staffing` expects for its channel.

    E-mail has a response time instead of a service level; abandonment (Erlang A, with the
    program's average patience) is modelled for voice callers only.
    """
    parameters = {
        "channel": program.channel,
        "interval_seconds": INTERVAL_SECONDS,
        "concurrency": program.concurrency,
        "max_occupancy": float(program.max_occupancy_percent) / 100,
        "shrinkage": float(program.shrinkage_percent) / 100,
    }
    if program.channel == Channel.EMAIL:
        return parameters | {"response_seconds": program.answer_seconds}
    return parameters | {
        "target_service_level": float(program.service_level_percent) / 100,
        "answer_seconds": program.answer_seconds,
        "patience_seconds": program.patience_seconds if program.channel == Channel.VOICE else None,
    }


def requirements_recompute(*, forecast_id: int) -> bool:
    """Recompute the slots of the days a forecast version covers; False if already done."""
    forecast = Forecast.objects.select_related("program").get(pk=forecast_id)
    if forecast.job_id is None:  # its job was deleted: no one waits for this version any more
        return False
    return _recompute_as_job(
        job_id=forecast.job_id,
        program=forecast.program,
        start=forecast.period_start,
        end=forecast.period_end,
    )


def requirements_refresh(*, program_id: int, job_id: int) -> bool:
    """Recompute a program's slots from the start of today (its time) to its last forecast day."""
    program = Program.objects.get(pk=program_id)
    zone = ZoneInfo(program.timezone)
    start, _ = local_period(timezone.localdate(timezone=zone), 1, zone)
    last = program.forecasts.aggregate(end=Max("period_end"))["end"]
    return _recompute_as_job(
        job_id=job_id, program=program, start=start, end=max(last or start, start)
    )


def slots_release(*, programs: Iterable[Program], at: datetime) -> int:
    """Date the release of the programs' slots to `at`: each tier below the top may book
    SCHEDULING_RELEASE_DELAY_HOURS later than the one above, so an early date opens them to all.
    Returns how many slots."""
    return Slot.objects.filter(program__in=programs).update(released_at=at)


def _recompute_as_job(*, job_id: int, program: Program, start: datetime, end: datetime) -> bool:
    """Run a recomputation under its job: progress, result, or the error. False if already run."""
    if not job_start(job_id=job_id, message="Computing staffing"):
        return False
    try:
        result = _recompute_days(program=program, start=start, end=end, job_id=job_id)
    except Exception as error:  # the job must say it failed; the task still raises
        job_fail(job_id=job_id, error=repr(error))
        raise
    job_succeed(
        job_id=job_id,
        result=result,
        message=f"Staffing ready: {result['agent_hours']:,.1f} agent-hours, "
        f"peak {result['peak']} agents",
    )
    return True


def _recompute_days(*, program: Program, start: datetime, end: datetime, job_id: int) -> dict:
    zone = ZoneInfo(program.timezone)
    days = _local_days(start, end, zone)
    totals = DayResult(0, 0.0, 0)
    for done, day in enumerate(days, start=1):
        day_result = _recompute_day(program_id=program.pk, day=day)
        totals = DayResult(
            totals.intervals + day_result.intervals,
            totals.agent_hours + day_result.agent_hours,
            max(totals.peak, day_result.peak),
        )
        job_report_progress(
            job_id=job_id, done=done, total=len(days), message=f"{day:%a %b %d} done"
        )
    return {
        "days": len(days),
        "intervals": totals.intervals,
        "agent_hours": round(totals.agent_hours, 1),
        "peak": totals.peak,
    }


def _local_days(start: datetime, end: datetime, zone: ZoneInfo) -> list[date]:
    first = start.astimezone(zone).date()
    last = (end - timedelta(microseconds=1)).astimezone(zone).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@transaction.atomic
def _recompute_day(*, program_id: int, day: date) -> DayResult:
    program = lock_one(
        Program.objects.filter(pk=program_id).prefetch_related("hours"),
        missing=Program.DoesNotExist(),
    )
    zone = ZoneInfo(program.timezone)
    start, end = local_period(day, 1, zone)
    demand = forecast_in_force(program=program, start=start, end=end)
    hours = program_hours(program=program)
    existing = set(
        Slot.objects.filter(program=program, starts_at__gte=start, starts_at__lt=end).values_list(
            "starts_at", flat=True
        )
    )
    starts = sorted(
        {t for t in interval_starts(start, end) if is_open(t, zone, hours)} | set(demand) | existing
    )
    if not starts:
        return DayResult(0, 0.0, 0)
    slots = _slots_for(program=program, starts=starts, demand=demand)
    Slot.objects.bulk_create(
        slots,
        update_conflicts=True,
        unique_fields=["program", "starts_at"],
        update_fields=["contacts", "aht_seconds", "required", "capacity", "updated"],
    )
    capacities = [slot.capacity for slot in slots]
    return DayResult(len(slots), sum(capacities) / 2, max(capacities))


def _slots_for(*, program: Program, starts: list[datetime], demand: dict) -> list[Slot]:
    entries = [demand.get(t, (0, None)) for t in starts]  # an open interval with no forecast: 0
    contacts = np.array([float(contacts) for contacts, _ in entries])
    aht = np.array([own_aht or program.aht_seconds for _, own_aht in entries])
    plan = staffing.staffing_for_intervals(
        contacts=contacts, aht_seconds=aht, **staffing_parameters(program)
    )
    required, to_schedule = np.atleast_1d(plan.required, plan.to_schedule)
    released_at = timezone.now()  # new slots only: an update keeps the first release time
    return [
        Slot(
            program=program,
            starts_at=starts_at,
            contacts=round(float(contacts[index]), 2),
            aht_seconds=int(aht[index]),
            required=int(required[index]),
            capacity=int(to_schedule[index]),
            released_at=released_at,
        )
        for index, starts_at in enumerate(starts)
    ]
