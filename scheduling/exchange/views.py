"""The agent's swap board and waitlist pages: parse, call one service, answer.

Buttons post with htmx and get their section back re-rendered with a status line; without
JavaScript the same forms redirect to the page with a message."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gigcx.http import AuthenticatedHttpRequest
from scheduling.exchange import swaps, waitlist
from scheduling.exchange.forms import SwapPostForm, WaitlistJoinForm
from scheduling.exchange.selectors import swap_board, waitlist_entries
from scheduling.models import WaitlistEntry
from scheduling.pages import agent_pages, section_answer


@agent_pages
@require_GET
def swaps_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "scheduling/swaps.html", _board_context(request))


@agent_pages
@require_GET
def waitlist_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    template = "scheduling/_waitlist.html" if request.htmx else "scheduling/waitlist.html"
    return render(request, template, _waitlist_context(request))


@agent_pages
@require_POST
def swap_post(request: AuthenticatedHttpRequest, booking_id: int) -> HttpResponse:
    form = SwapPostForm(request.POST)
    if not form.is_valid():
        return _form_refused(request, form, "swaps")
    return _board_answer(
        request,
        lambda: swaps.swap_post(agent=request.user, booking_id=booking_id, **form.cleaned_data),
        "Your block is on the swap board.",
    )


@agent_pages
@require_POST
def waitlist_join(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = WaitlistJoinForm(request.POST)
    if not form.is_valid():
        return _form_refused(request, form, "waitlist")
    data = form.cleaned_data
    return _waitlist_answer(
        request,
        lambda: waitlist.waitlist_join(
            agent=request.user,
            program_id=data["program"],
            starts_at=data["start"],
            ends_at=data["end"],
        ),
        "You are on the waitlist; we will tell you when a seat frees.",
    )


def _one_step(answer: Callable, service: Callable, done: str) -> Callable:
    """A button's view: call `service` for the signed-in agent with the URL's ids, answer."""

    @agent_pages
    @require_POST
    def view(request: AuthenticatedHttpRequest, **ids: int) -> HttpResponse:
        return answer(request, lambda: service(agent=request.user, **ids), done)

    return view


def _board_context(request: AuthenticatedHttpRequest) -> dict:
    return {"board": swap_board(agent=request.user, now=timezone.now()), "form": SwapPostForm()}


def _waitlist_context(request: AuthenticatedHttpRequest) -> dict:
    entries = list(waitlist_entries(agent=request.user, now=timezone.now()))
    return {
        "offers": [entry for entry in entries if entry.status == WaitlistEntry.Status.OFFERED],
        "waiting": [entry for entry in entries if entry.status == WaitlistEntry.Status.WAITING],
        "hold_minutes": settings.SCHEDULING_OFFER_HOLD_MINUTES,
    }


def _board_answer(
    request: AuthenticatedHttpRequest, action: Callable[[], object], done: str
) -> HttpResponse:
    return section_answer(
        request, action, done, "scheduling/_swap_board.html", _board_context, "swaps"
    )


def _waitlist_answer(
    request: AuthenticatedHttpRequest, action: Callable[[], object], done: str
) -> HttpResponse:
    return section_answer(
        request, action, done, "scheduling/_waitlist.html", _waitlist_context, "waitlist"
    )


def _form_refused(request: AuthenticatedHttpRequest, form: Form, page: str) -> HttpResponse:
    """Bad input from a button's form: say which field and why, change nothing."""
    for name, errors in form.errors.items():
        prefix = f"{form[name].label}: " if name in form.fields else ""
        messages.error(request, prefix + " ".join(str(error) for error in errors))
    return redirect(f"scheduling:{page}")


swap_take = _one_step(_board_answer, swaps.swap_take, "The block is yours now.")


swap_withdraw = _one_step(_board_answer, swaps.swap_withdraw, "Your post is off the board.")


offer_accept = _one_step(_waitlist_answer, waitlist.offer_accept, "Booked: the block is yours.")


offer_decline = _one_step(
    _waitlist_answer, waitlist.offer_decline, "Offer declined; the seat goes to the next in line."
)


waitlist_leave = _one_step(
    _waitlist_answer, waitlist.waitlist_leave, "You left the waitlist for this block."
)
