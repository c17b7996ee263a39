from collections.abc import Callable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.models import User
from accounts.selectors import home_context
from clients.forecast_input import ForecastInvalid, RawRow, RowError, read_csv
from clients.forms import (
    ForecastUploadForm,
    HoursForm,
    InvitationForm,
    MembershipRoleForm,
    OrganisationForm,
    ProgramForm,
    WeekField,
    WeekGridForm,
)
from clients.intervals import week_start
from clients.models import Forecast, Invitation, Membership, Organisation, Program
from clients.selectors import (
    can_plan,
    day_time_table,
    forecast_versions,
    membership_of,
    organisation_list,
    program_for,
    program_list,
    week_grid,
)
from clients.services import (
    forecast_check,
    forecast_publish,
    invitation_accept,
    invitation_create,
    membership_remove,
    membership_set_role,
    organisation_create,
    program_save,
)
from gigcx.errors import DomainError
from gigcx.http import AuthenticatedHttpRequest

client_pages = role_required(User.Role.CLIENT)


@client_pages
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = OrganisationForm()
    if request.method == "POST" and user.is_approved_client:
        form = OrganisationForm(request.POST)
        if form.is_valid():
            organisation_create(name=form.cleaned_data["name"], owner=user)
            messages.success(request, f"{form.cleaned_data['name']} is ready: add a program.")
            return redirect("clients:dashboard")
    context = home_context(user=user) | {
        "organisations": organisation_list(user=user),
        "has_programs": program_list(user=user).exists(),
        "organisation_form": form,
    }
    return render(request, "clients/dashboard.html", context)


def _organisation_for_member(
    request: AuthenticatedHttpRequest, organisation_id: int
) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    membership = membership_of(user=request.user, organisation=organisation)
    if membership is None and not request.user.is_staff:
        raise Http404("No such organisation")
    return organisation


@client_pages
@require_http_methods(["GET", "POST"])
def members(request: AuthenticatedHttpRequest, organisation_id: int) -> HttpResponse:
    """Everyone in the organisation sees who is in it; owners invite and change roles."""
    organisation = _organisation_for_member(request, organisation_id)
    membership = membership_of(user=request.user, organisation=organisation)
    is_owner = request.user.is_staff or (
        membership is not None and membership.role == Membership.Role.OWNER
    )
    if request.method == "POST" and not is_owner:
        raise PermissionDenied("Only an owner of the organisation can invite people.")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("clients:members", organisation_id=organisation.pk)
    context = {
        "organisation": organisation,
        "memberships": organisation.memberships.select_related("user").order_by("user__email"),
        "invitations": organisation.invitations.filter(accepted_at=None).order_by("email"),
        "form": form,
        "is_owner": is_owner,
        "roles": Membership.Role.choices,
    }
    return render(request, "clients/members.html", context)


@client_pages
@require_POST
def member_change(request: AuthenticatedHttpRequest, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("organisation"), pk=membership_id
    )
    organisation = _organisation_for_member(request, membership.organisation_id)
    try:
        if "remove" in request.POST:
            membership_remove(membership=membership, by=request.user)
            messages.success(request, f"{membership.user} no longer has access.")
        else:
            form = MembershipRoleForm(request.POST)
            if not form.is_valid():
                raise DomainError("Choose owner, planner or viewer.", field="role")
            membership_set_role(
                membership=membership, role=form.cleaned_data["role"], by=request.user
            )
            messages.success(request, f"{membership.user} is now {membership.get_role_display()}.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("clients:members", organisation_id=organisation.pk)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link sees what they are invited to; signed in, they can accept."""
    found = (
        Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    )
    if found is None:
        raise Http404("No such invitation")
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = invitation_accept(token=token, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Welcome to {membership.organisation}.")
            return redirect("clients:dashboard")
    return render(
        request, "clients/invitation.html", {"invitation": found, "next": request.get_full_path()}
    )


@client_pages
@require_http_methods(["GET", "POST"])
def program_edit(request: AuthenticatedHttpRequest, program_id: int | None = None) -> HttpResponse:
    if program_id is None:
        program = Program(organisation=_organisation_to_plan_for(request))
    else:
        program = program_for(user=request.user, program_id=program_id, plan=True)
    form = ProgramForm(request.POST or None, instance=program)
    hours_form = HoursForm(request.POST or None, program=program)
    if request.method == "POST" and all([form.is_valid(), hours_form.is_valid()]):
        try:
            program = form.save(commit=False)
            job = program_save(
                program=program,
                hours=hours_form.hours(),
                skills=form.cleaned_data["required_skills"],
                languages=form.required_languages(),
                by=request.user,
            )
        except DomainError as error:
            error.add_to(form)
        else:
            recomputing = " Staffing is being recomputed from today on." if job else ""
            messages.success(request, f"{program.name} saved.{recomputing}")
            return redirect("clients:program", program_id=program.pk)
    context = {"form": form, "hours_form": hours_form, "program": program}
    return render(request, "clients/program_form.html", context)


def _organisation_to_plan_for(request: AuthenticatedHttpRequest) -> Organisation:
    """The organisation a new program belongs to: ?organisation=, if the person may plan there."""
    requested = request.GET.get("organisation", "")
    organisation = get_object_or_404(Organisation, pk=int(requested) if requested.isdigit() else 0)
    if can_plan(
        user=request.user, membership=membership_of(user=request.user, organisation=organisation)
    ):
        return organisation
    raise Http404("No such organisation")


@client_pages
def program_detail(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = program_for(user=request.user, program_id=program_id)
    return render(request, "clients/program_detail.html", _program_page(request, program))


@client_pages
@require_POST
def forecast_upload(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = program_for(user=request.user, program_id=program_id, plan=True)
    form = ForecastUploadForm(request.POST, request.FILES)
    errors: list[RowError] = []
    if form.is_valid():
        published, errors = _publish(
            request,
            program,
            read=lambda: read_csv(form.cleaned_data["file"]),
            source=Forecast.Source.CSV,
            note=form.cleaned_data["note"],
        )
        if published:
            return published
    context = _program_page(request, program) | {"upload_form": form, "upload_errors": errors}
    return render(request, "clients/program_detail.html", context, status=400)


def _program_page(request: AuthenticatedHttpRequest, program: Program) -> dict:
    return {
        "program": program,
        "can_plan": can_plan(user=request.user, membership=program.membership),
        "versions": forecast_versions(program=program)[:20],
        "upload_form": ForecastUploadForm(),
    }


def _publish(
    request: AuthenticatedHttpRequest,
    program: Program,
    *,
    read: Callable[[], list[RawRow]],
    source: str,
    note: str,
    week: date | None = None,
) -> tuple[HttpResponse | None, list[RowError]]:
    """Check and publish what a person entered: a redirect to the new version, or every bad line.

    A week (the grid) may be published empty: it then expects no contacts.
    """
    try:
        rows = forecast_check(program=program, raw_rows=read(), allow_empty=week is not None)
        forecast = forecast_publish(
            program=program, rows=rows, source=source, by=request.user, note=note, week=week
        )
    except ForecastInvalid as error:
        return None, error.errors
    return redirect("clients:forecast", program_id=program.pk, version=forecast.version), []


@client_pages
def forecast_detail(
    request: AuthenticatedHttpRequest, program_id: int, version: int
) -> HttpResponse:
    program = program_for(user=request.user, program_id=program_id)
    forecast = get_object_or_404(forecast_versions(program=program), version=version)
    zone = ZoneInfo(program.timezone)
    page = Paginator(forecast.intervals.all(), 336).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "forecast": forecast,
        "week": week_start(forecast.period_start.astimezone(zone).date()),
        "intervals": page,
        "table": day_time_table(intervals=page, zone=zone),
    }
    return render(request, "clients/forecast_detail.html", context)


@client_pages
@require_http_methods(["GET", "POST"])
def forecast_week(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """The week grid editor: contacts per open interval; saving publishes a new version."""
    program = program_for(user=request.user, program_id=program_id, plan=request.method == "POST")
    week = WeekField(request.GET).monday_for(program)
    grid = week_grid(program=program, week=week)
    form = WeekGridForm(request.POST or None, cells=grid.cells, initial_values=grid.values)
    errors: list[RowError] = []
    if request.method == "POST" and form.is_valid():
        published, errors = _publish(
            request,
            program,
            read=form.raw_rows,
            source=Forecast.Source.GRID,
            note=form.cleaned_data["note"],
            week=week,
        )
        if published:
            return published
    context = {
        "program": program,
        "grid": grid,
        "grid_rows": form.grid_rows(grid.rows),
        "form": form,
        "errors": errors,
        "week": week,
        "previous_week": week - timedelta(days=7),
        "next_week": week + timedelta(days=7),
        "can_plan": can_plan(user=request.user, membership=program.membership),
    }
    return render(request, "clients/forecast_week.html", context)
