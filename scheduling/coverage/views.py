import csv
from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import User
from clients.forms import WeekField
from clients.selectors import can_plan, program_for, program_list
from gigcx.http import AuthenticatedHttpRequest
from scheduling.coverage.charts import coverage_chart
from scheduling.coverage.selectors import (
    WeekCoverage,
    coverage_heat_map,
    coverage_week,
    week_summaries,
)

client_pages = role_required(User.Role.CLIENT)


def _requested_coverage(request: AuthenticatedHttpRequest, program_id: int) -> WeekCoverage:
    program = program_for(user=request.user, program_id=program_id)
    return coverage_week(program=program, week=WeekField(request.GET).monday_for(program))


@client_pages
def coverage(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """Required vs booked agents for a program's week: chart, heat map of gaps, totals."""
    week = _requested_coverage(request, program_id)
    context = {
        "program": week.program,
        "coverage": week,
        "chart": coverage_chart(week),
        "heat_map": coverage_heat_map(week),
        "can_plan": can_plan(user=request.user, membership=week.program.membership),
        "previous_week": week.week - timedelta(days=7),
        "next_week": week.week + timedelta(days=7),
    }
    return render(request, "scheduling/coverage.html", context)


@client_pages
def coverage_csv(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    week = _requested_coverage(request, program_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"coverage-{week.program.pk}-{week.week:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "interval_start",
            "contacts",
            "required",
            "to_schedule",
            "booked",
            "gap",
            "expected_service_level",
        ]
    )
    for row in week.intervals:
        level = "" if row.expected_service_level is None else f"{row.expected_service_level:.4f}"
        writer.writerow(
            [
                row.starts_at.isoformat(),
                row.contacts,
                row.required,
                row.capacity,
                row.booked,
                row.gap,
                level,
            ]
        )
    return response


@client_pages
def program_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every program the person may see (all of them for staff), with this week's coverage."""
    programs = list(program_list(user=request.user))
    summaries = week_summaries(programs=programs)
    for program in programs:
        program.this_week = summaries.get(program.pk)  # type: ignore[attr-defined]  # for the template
    return render(request, "scheduling/programs.html", {"programs": programs})
