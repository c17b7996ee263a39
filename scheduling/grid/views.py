"""The agent's booking grid: pick a block of open slots, see its pay, book it, undo it, or wait.

htmx requests get the booking area (grid + side panel) or the panel back; without JavaScript the
same forms answer with the whole page. Refusals show the booking core's own message.
"""

from collections.abc import Callable
from datetime import date, datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gigcx.errors import DomainError
from gigcx.http import AuthenticatedHttpRequest
from scheduling.booking.services import booking_cancel, booking_create
from scheduling.exchange import waitlist
from scheduling.grid.forms import BlockForm, WeekQueryForm
from scheduling.grid.page import block_estimate, grid_context, undo_until
from scheduling.pages import agent_pages


@agent_pages
@require_GET
def book_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = WeekQueryForm(request.GET)
    valid = query.is_valid()
    week = (valid and query.cleaned_data["week"]) or timezone.localdate()
    program_id = query.cleaned_data["program"] if valid else None
    panel = {"query_errors": query.errors}
    return _page(request, week=week, program_id=program_id, panel=panel, status=200)


@agent_pages
@require_GET
def block_estimate_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BlockForm(request.GET)
    panel: dict = {"form": form}
    status = 400
    if form.is_valid():
        try:
            panel["estimate"] = block_estimate(
                agent=request.user,
                program=form.cleaned_data["program"],
                starts_at=form.cleaned_data["start"],
                ends_at=form.cleaned_data["end"],
                now=timezone.now(),
            )
            status = 200
        except DomainError as refusal:
            panel["refusal"], status = refusal, refusal.status_code
    status = 200 if request.htmx else status
    return render(request, "scheduling/_block_panel.html", {"panel": panel}, status=status)


@agent_pages
@require_POST
def block_book(request: AuthenticatedHttpRequest) -> HttpResponse:
    def book(data: dict) -> dict:
        booking = booking_create(
            agent=request.user,
            program=data["program"],
            starts_at=data["start"],
            ends_at=data["end"],
        )
        return {"booked": booking, "undo_until": undo_until(booking.created)}

    return _block_action(request, book)


@agent_pages
@require_POST
def block_waitlist(request: AuthenticatedHttpRequest) -> HttpResponse:
    def join(data: dict) -> dict:
        entry = waitlist.waitlist_join(
            agent=request.user,
            program_id=data["program"].pk,
            starts_at=data["start"],
            ends_at=data["end"],
        )
        return {"waiting": entry}

    return _block_action(request, join)


@agent_pages
@require_POST
def block_undo(request: AuthenticatedHttpRequest, booking_id: int) -> HttpResponse:
    try:
        booking = booking_cancel(agent=request.user, booking_id=booking_id)
    except DomainError as refusal:
        status = refusal.status_code
        return _page(request, week=None, program_id=None, panel={"refusal": refusal}, status=status)
    panel = {"undone": booking}
    week = _week_of(booking.starts_at)
    return _page(request, week=week, program_id=booking.program_id, panel=panel, status=200)


def _block_action(
    request: AuthenticatedHttpRequest, action: Callable[[dict], dict]
) -> HttpResponse:
    """Parse the block, run the service, answer with the grid and the panel saying how it went."""
    form = BlockForm(request.POST)
    if not form.is_valid():
        return _page(request, week=None, program_id=None, panel={"form": form}, status=400)
    data = form.cleaned_data
    week, program_id = _week_of(data["start"]), data["program"].pk
    try:
        panel = action(data)
    except DomainError as refusal:
        panel, status = {"form": form, "refusal": refusal}, refusal.status_code
    else:
        status = 200
    return _page(request, week=week, program_id=program_id, panel=panel, status=status)


def _page(
    request: AuthenticatedHttpRequest,
    *,
    week: date | None,
    program_id: int | None,
    panel: dict,
    status: int,
) -> HttpResponse:
    """The whole page, or for htmx the booking area (always 200, so htmx swaps it in)."""
    context = grid_context(
        agent=request.user,
        week=week or timezone.localdate(),
        program_id=program_id,
        now=timezone.now(),
    )
    context["panel"] = panel
    if request.htmx:
        return render(request, "scheduling/_booking_area.html", context)
    return render(request, "scheduling/book.html", context, status=status)


def _week_of(moment: datetime) -> date:
    """The viewer's local date of `moment` (any day of the week will do)."""
    return timezone.localtime(moment).date()
