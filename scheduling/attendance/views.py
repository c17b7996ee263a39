"""The agent's Today page (check in and out) and earnings statement, and the staff earnings CSV.

Check-in and check-out buttons post with htmx and get the Today section back with a status line
(the swap board's answer helpers); without JavaScript they redirect with a message.
"""

from collections.abc import Callable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gigcx.errors import DomainError
from gigcx.http import AuthenticatedHttpRequest
from scheduling.attendance.earnings import (
    EarningsStatement,
    earnings_week,
    earnings_week_all,
    week_monday,
    write_csv,
)
from scheduling.attendance.selectors import today_blocks
from scheduling.attendance.services import booking_check_in, booking_check_out
from scheduling.errors import BookingNotFound
from scheduling.pages import agent_pages, section_answer


def today_context(request: AuthenticatedHttpRequest) -> dict:
    """What `scheduling/_today.html` needs; My schedule may include it with this context."""
    return {
        "today_blocks": today_blocks(agent=request.user, now=timezone.now()),
        "check_in_minutes": settings.SCHEDULING_CHECK_IN_OPENS_MINUTES,
    }


@agent_pages
@require_GET
def today_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    template = "scheduling/_today.html" if request.htmx else "scheduling/today.html"
    return render(request, template, today_context(request))


def _today_answer(
    request: AuthenticatedHttpRequest, action: Callable[[], object], done: str
) -> HttpResponse:
    return section_answer(request, action, done, "scheduling/_today.html", today_context, "today")


def _attendance_button(service: Callable[..., object], done: str) -> Callable:
    """A Check in / Check out view; someone else's booking is a 404, as one that does not exist."""

    @agent_pages
    @require_POST
    def view(request: AuthenticatedHttpRequest, booking_id: int) -> HttpResponse:
        def act() -> object:
            try:
                return service(agent=request.user, booking_id=booking_id)
            except BookingNotFound as missing:
                raise Http404(missing.message) from missing

        return _today_answer(request, act, done)

    return view


check_in = _attendance_button(booking_check_in, "You are checked in. Have a good shift!")
check_out = _attendance_button(booking_check_out, "Checked out. Thank you!")


@agent_pages
@require_GET
def earnings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    week = _agent_week(request)
    statement = earnings_week(agent=request.user, week=week)
    days = statement.days
    top = max([hours for _, hours, _ in days] + [1])
    context = {
        "statement": statement,
        "bars": [
            (
                day,
                booked,
                worked,
                f"{booked / top * 100:.1f}",
                f"{worked / (booked or 1) * 100:.1f}",
            )
            for day, booked, worked in days
        ],
        "previous_week": week - timedelta(days=7),
        "next_week": week + timedelta(days=7),
    }
    return render(request, "scheduling/earnings.html", context)


@agent_pages
@require_GET
def earnings_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in agent's statement for a week, one row per block."""
    return _csv_answer(request, ZoneInfo(request.user.timezone), "earnings", earnings_week_mine)


@login_required
@require_GET
def staff_earnings_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every agent's statement for their own local week; staff only (403 for everyone else)."""
    if not request.user.is_staff:  # login_required has sent strangers to sign in
        raise PermissionDenied("Staff only.")
    return _csv_answer(
        request, ZoneInfo("UTC"), "earnings-all", lambda _, week: earnings_week_all(week=week)
    )


def earnings_week_mine(request: AuthenticatedHttpRequest, week: date) -> list[EarningsStatement]:
    return [earnings_week(agent=request.user, week=week)]


def _agent_week(request: AuthenticatedHttpRequest) -> date:
    """The week asked for in ?week=; a bad value shows this week with a message."""
    zone = ZoneInfo(request.user.timezone)
    try:
        return week_monday(value=request.GET.get("week"), zone=zone)
    except DomainError as error:
        messages.error(request, error.message)
        return week_monday(value=None, zone=zone)


def _csv_answer(
    request: AuthenticatedHttpRequest,
    zone: ZoneInfo,
    name: str,
    statements: Callable[[AuthenticatedHttpRequest, date], list[EarningsStatement]],
) -> HttpResponse:
    """The CSV of the week asked for, or a 400 naming the bad `week`."""
    try:
        week = week_monday(value=request.GET.get("week"), zone=zone)
    except DomainError as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    return _csv_response(f"{name}-{week:%Y-%m-%d}.csv", statements(request, week))


def _csv_response(filename: str, statements: list[EarningsStatement]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_csv(response, statements)
    return response
