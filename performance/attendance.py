"""Daily metrics derived from attendance: scheduling's selectors say what happened, this module
only files it per agent, program and the program's local day."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from clients.intervals import local_midnight
from clients.models import Program
from performance.models import DERIVED_FIELDS, DailyMetric
from scheduling.attendance.selectors import AttendanceSummary, attendance_summaries_by_program

ZERO = dict.fromkeys(DERIVED_FIELDS, 0)


def attendance_metrics_refresh(*, day: date, program_ids: Iterable[int] | None = None) -> int:
    """Compute booked and worked minutes, no-shows, lapsed releases and on-time and late
    check-ins of every agent on each program (all, or `program_ids`) for the program's local
    `day`, and file them. Only rows whose numbers change are written, so a second run writes
    nothing; returns how many rows were created or changed. A row whose blocks are all gone
    (say, transferred since) goes back to zeros. Never touches the imported columns."""
    programs = Program.objects.all()
    if program_ids is not None:
        programs = programs.filter(pk__in=list(program_ids))
    by_zone: dict[str, list[int]] = defaultdict(list)
    for pk, zone in programs.values_list("pk", "timezone"):
        by_zone[zone].append(pk)
    derived: dict[tuple[int, int], dict[str, int]] = {}
    for zone, ids in by_zone.items():
        start = local_midnight(day, ZoneInfo(zone))
        end = local_midnight(day + timedelta(days=1), ZoneInfo(zone))
        summaries = attendance_summaries_by_program(start=start, end=end, program_ids=ids)
        derived.update((key, _numbers(summary)) for key, summary in summaries.items())
    all_ids = [pk for ids in by_zone.values() for pk in ids]
    return _file(day=day, program_ids=all_ids, derived=derived)


def _numbers(summary: AttendanceSummary) -> dict[str, int]:
    return {
        "booked_minutes": summary.booked_minutes,
        "worked_minutes": summary.attended_minutes,
        "no_shows": summary.no_shows,
        "late_releases": summary.late_cancellations,
        "on_time_check_ins": summary.on_time_check_ins,
        "late_check_ins": summary.late_check_ins,
    }


def _file(*, day: date, program_ids: list[int], derived: dict[tuple[int, int], dict]) -> int:
    on_file = {
        (agent_id, program_id): numbers
        for agent_id, program_id, *numbers in DailyMetric.objects.filter(
            day=day, program_id__in=program_ids
        ).values_list("agent_id", "program_id", *DERIVED_FIELDS)
    }
    wanted = derived | {
        key: ZERO for key, numbers in on_file.items() if key not in derived and any(numbers)
    }
    changed = [
        DailyMetric(agent_id=agent_id, program_id=program_id, day=day, **numbers)
        for (agent_id, program_id), numbers in wanted.items()
        if on_file.get((agent_id, program_id)) != [numbers[name] for name in DERIVED_FIELDS]
    ]
    # An upsert of the derived columns only: an import adding the same row meanwhile keeps its
    # numbers, and these are still filed.
    DailyMetric.objects.bulk_create(
        changed,
        batch_size=5_000,
        update_conflicts=True,
        unique_fields=["agent", "program", "day"],
        update_fields=[*DERIVED_FIELDS, "updated_at"],
    )
    return len(changed)
