"""The agent's side: the application form, where it stands, withdrawal and their data."""

import json
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth import logout
from django.forms import BaseForm, BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import role_required
from accounts.models import User
from accounts.selectors import home_context
from agents.forms import EraseForm, WithdrawForm
from agents.models import Application, ApplicationTransition, Status
from agents.pipeline import (
    APPLICATION_STEPS,
    LEGAL_TRANSITIONS,
    MAIN_STAGES,
    STAGE_TIMESTAMP,
    STEP_NAMES,
    WHAT_COMES_NEXT,
    missing_steps,
)
from agents.privacy import agent_data_export, agent_erase
from agents.selectors import (
    agreements_pending,
    application_of,
    bill_of_rights_current,
    numbered_sections,
)
from agents.services import application_for, application_submit, application_withdraw
from agents.steps import STEPS, Step
from gigcx.errors import DomainError
from gigcx.http import AuthenticatedHttpRequest

STAFF_DO_NOT_APPLY = "Staff accounts don't apply as agents: applicants are managed from here."


def agent_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in agents only. `role_required` lets staff into every role's pages, but here a
    staff member would get a draft application of their own (or erase their account), so they
    are sent to the sourcing dashboard instead."""

    @wraps(view)
    @role_required(User.Role.AGENT)
    def wrapped(request: AuthenticatedHttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.user.is_staff:
            messages.info(request, STAFF_DO_NOT_APPLY)
            return redirect("agents_staff:sourcing")
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
def bill_of_rights(request: HttpRequest) -> HttpResponse:
    """The public Agent Bill of Rights: the newest published version, or the text we started
    with when none is published yet."""
    agreement = bill_of_rights_current()
    context = {
        "agreement": agreement,
        "sections": numbered_sections(agreement.body) if agreement else [],
    }
    return render(request, "bill_of_rights.html", context)


@agent_only
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    application = application_of(user=request.user)
    status = application.status if application else Status.DRAFT
    context = {
        **home_context(user=request.user),
        "application": application,
        "what_comes_next": WHAT_COMES_NEXT[status],
        "can_withdraw": application is not None and Status.WITHDRAWN in LEGAL_TRANSITIONS[status],
        "withdraw_form": WithdrawForm(),
        "pipeline": _pipeline(application) if application else [],
        "last_transition": _last_transition(application),
    }
    return render(request, "agents/dashboard.html", context)


def _last_transition(application: Application | None) -> ApplicationTransition | None:
    transitions = list(application.transitions.all()) if application else []
    return transitions[-1] if transitions else None


def _pipeline(application: Application) -> list[dict]:
    """The main stages, each marked as reached, current or still ahead."""
    return [
        {
            "label": stage.label,
            "reached": getattr(application, STAGE_TIMESTAMP[stage]) is not None,
            "current": application.status == stage,
        }
        for stage in MAIN_STAGES
    ]


@agent_only
def apply_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Resume at the first step not yet done, or the review page when all are."""
    application = application_for(user=request.user)
    missing = missing_steps(application.completed_steps)
    if missing:
        return redirect("agents:apply_step", step=missing[0])
    return redirect("agents:apply_review")


@agent_only
def apply_step(request: AuthenticatedHttpRequest, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404("No such step")
    application = application_for(user=request.user)
    if application.status != Status.DRAFT:
        messages.info(request, "Your application is submitted; it can no longer be changed.")
        return redirect("agents:dashboard")
    current = STEPS[step]
    form = current.build(application, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            current.save(application, form)
        except DomainError as error:
            _add_error(form, error)
        else:
            return redirect(_after(step))
    return render(request, "agents/apply_step.html", _step_context(application, current, form))


def _add_error(form: BaseForm | BaseFormSet, error: DomainError) -> None:
    if isinstance(form, BaseForm):
        error.add_to(form)
    else:  # a formset has no field of its own: the error belongs to the whole step
        form._non_form_errors = form.error_class([error.message])  # type: ignore[attr-defined]


def _after(step: str) -> str:
    index = STEP_NAMES.index(step)
    if index + 1 < len(STEP_NAMES):
        return reverse("agents:apply_step", kwargs={"step": STEP_NAMES[index + 1]})
    return reverse("agents:apply_review")


def _step_context(application: Application, current: Step, form: BaseForm | BaseFormSet) -> dict:
    return {
        "application": application,
        "step": current,
        "form": form,
        "progress": _progress(application, current.name),
    }


def _progress(application: Application, current: str = "") -> list[dict]:
    return [
        {
            "name": name,
            "title": title,
            "number": number,
            "done": name in application.completed_steps,
            "current": name == current,
        }
        for number, (name, title) in enumerate(APPLICATION_STEPS, start=1)
    ]


@agent_only
def apply_review(request: AuthenticatedHttpRequest) -> HttpResponse:
    application_for(user=request.user)  # start the draft, so there is one to review
    if request.method == "POST":
        try:
            application_submit(user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Your application is submitted. We will be in touch.")
            return redirect("agents:dashboard")
    application = application_of(user=request.user)
    if application is None:  # erased since the draft was started
        raise Http404("No application")
    context = {
        "application": application,
        "progress": _progress(application),
        "missing": missing_steps(application.completed_steps),
        "agreements_pending": agreements_pending(user=request.user),
    }
    return render(request, "agents/apply_review.html", context)


@agent_only
@require_POST
def withdraw(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            application_withdraw(user=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "You withdrew your application.")
    return redirect("agents:dashboard")


@agent_only
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Download everything gigcx holds about the signed-in person, as JSON."""
    body = json.dumps(agent_data_export(user=request.user), indent=2, default=str)
    response = HttpResponse(body, content_type="application/json")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="gigcx-my-data-{stamp}.json"'
    return response


@agent_only
def erase(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agent_erase(user=request.user)
        logout(request)
        messages.success(request, "Your personal data is erased and your account is closed.")
        return redirect("landing")
    return render(request, "agents/erase.html", {"form": form})
