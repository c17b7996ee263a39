"""The agent's availability and My schedule pages, and the private iCal feed.

Forms post with htmx and get their section back re-rendered with a status line; without
JavaScript the same forms redirect to the page (or re-render it with the form's errors).
"""

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from clients.intervals import week_start
from gigcx.errors import DomainError
from gigcx.http import AuthenticatedHttpRequest
from scheduling.availability import selectors, services
from scheduling.availability.calendar_feed import feed_calendar, feed_owner, ical_token_reset
from scheduling.availability.forms import ExceptionForm, TargetForm, WeekForm, WindowForm
from scheduling.availability.schedule import my_week
from scheduling.booking.services import booking_cancel
from scheduling.errors import BookingNotFound
from scheduling.pages import agent_pages

FORM_NAMES = {WindowForm: "window_form", ExceptionForm: "exception_form", TargetForm: "target_form"}

# --- availability ------------------------------------------------------------------------------


@agent_pages
@require_GET
def availability_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "scheduling/availability.html", _availability_context(request))


def _availability_context(request: AuthenticatedHttpRequest, **forms: Form) -> dict:
    mine = selectors.availability_of(agent=request.user)
    target = TargetForm(
        initial={"hours_min": mine.preference.hours_min, "hours_max": mine.preference.hours_max}
    )
    return {
        "availability": mine,
        "window_form": WindowForm(),
        "exception_form": ExceptionForm(),
        "target_form": target,
        **forms,
    }


def _availability_action(form_class: type[Form], run: Callable, done: str) -> Callable:
    """A form's view: parse, call `run(agent, cleaned_data)`, answer with the section."""

    @agent_pages
    @require_POST
    def view(request: AuthenticatedHttpRequest) -> HttpResponse:
        form = form_class(request.POST)
        if form.is_valid():
            try:
                run(request.user, form)
            except DomainError as error:
                error.add_to(form)
            else:
                return _availability_done(request, done)
        context = _availability_context(request, **{FORM_NAMES[form_class]: form})
        if request.htmx:
            return render(request, "scheduling/_availability.html", context)
        return render(request, "scheduling/availability.html", context, status=400)

    return view


def _availability_remove(service: Callable, id_name: str, done: str) -> Callable:
    @agent_pages
    @require_POST
    def view(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
        try:
            service(agent=request.user, **{id_name: entry_id})
        except services.AvailabilityNotFound as error:
            raise Http404(error.message) from None
        return _availability_done(request, done)

    return view


def _availability_done(request: AuthenticatedHttpRequest, notice: str) -> HttpResponse:
    if request.htmx:
        context = {**_availability_context(request), "notice": notice}
        return render(request, "scheduling/_availability.html", context)
    messages.success(request, notice)
    return redirect("scheduling:availability")


window_add = _availability_action(
    WindowForm,
    lambda agent, form: services.window_add(agent=agent, **form.cleaned_data),
    "Window added.",
)
exception_add = _availability_action(
    ExceptionForm,
    lambda agent, form: services.exception_add(agent=agent, **form.service_arguments()),
    "Date exception added.",
)
target_set = _availability_action(
    TargetForm,
    lambda agent, form: services.work_target_set(agent=agent, **form.cleaned_data),
    "Weekly target saved.",
)
window_remove = _availability_remove(services.window_remove, "window_id", "Window removed.")
exception_remove = _availability_remove(
    services.exception_remove, "exception_id", "Date exception removed."
)


# --- my schedule -------------------------------------------------------------------------------


@agent_pages
@require_GET
def schedule_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = WeekForm(request.GET)
    if not form.is_valid():
        messages.error(request, "That week is not a date like 2026-03-02; showing this week.")
    return render(request, "scheduling/my_schedule.html", _schedule_context(request, form))


def _requested_week(form: WeekForm) -> date:
    day = form.cleaned_data.get("week") if form.is_valid() else None
    return week_start(day or timezone.localdate())


def _schedule_context(request: AuthenticatedHttpRequest, form: WeekForm) -> dict:
    week = my_week(agent=request.user, week=_requested_week(form), now=timezone.now())
    return {
        "my_week": week,
        "feed_url": _feed_url(request, week.preference.ical_token),
    }


def _feed_url(request: AuthenticatedHttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("scheduling:ical_feed", args=[token]))


@agent_pages
@require_POST
def schedule_cancel(request: AuthenticatedHttpRequest, booking_id: int) -> HttpResponse:
    """Cancel, undo or release one of the agent's blocks; another agent's is a 404."""
    form = WeekForm(request.POST)
    try:
        booking = booking_cancel(agent=request.user, booking_id=booking_id)
    except BookingNotFound as error:
        raise Http404(error.message) from None
    except DomainError as error:
        notice, level = error.message, "error"
    else:
        pending = booking.cancelled_at is None
        notice = (
            "Your block is pending release: it stays yours until another agent takes it."
            if pending
            else f"{booking.get_cancellation_display()}: the block is no longer yours."
        )
        level = "success"
    if request.htmx:
        context = {**_schedule_context(request, form), "notice": notice, "level": level}
        return render(request, "scheduling/_my_week.html", context)
    getattr(messages, level)(request, notice)
    week = _requested_week(form)
    return redirect(f"{reverse('scheduling:my_schedule')}?week={week:%Y-%m-%d}")


@agent_pages
@require_POST
def ical_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    preference = ical_token_reset(agent=request.user)
    context = {"feed_url": _feed_url(request, preference.ical_token), "reset": True}
    if request.htmx:
        return render(request, "scheduling/_calendar_link.html", context)
    messages.success(request, "New calendar link made; the old one no longer works.")
    return redirect("scheduling:my_schedule")


@require_GET
def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed calendar apps subscribe to: no sign-in, the token is the key."""
    agent = feed_owner(token=token)
    if agent is None:
        raise Http404("No such calendar")
    response = HttpResponse(
        feed_calendar(agent=agent, now=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="gigcx-shifts.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
