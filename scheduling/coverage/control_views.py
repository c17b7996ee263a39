"""A program's bonuses and the organisation's agent blocks, for its client members.

Everyone in the organisation sees them; owners and planners change them (viewers get 403,
outsiders 404 — `program_for` decides).
"""

from collections.abc import Callable

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import role_required
from accounts.models import User
from clients.models import Program
from clients.selectors import can_plan, program_for
from gigcx.errors import DomainError
from gigcx.http import AuthenticatedHttpRequest
from scheduling.coverage import services
from scheduling.coverage.forms import BonusForm, ClientBlockForm

client_pages = role_required(User.Role.CLIENT)


@client_pages
@require_GET
def controls_page(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = program_for(user=request.user, program_id=program_id)
    return render(request, "scheduling/client_controls.html", _context(request, program))


def _context(request: AuthenticatedHttpRequest, program: Program, **forms: Form) -> dict:
    return {
        "program": program,
        "can_plan": can_plan(user=request.user, membership=program.membership),
        "bonuses": list(services.program_bonuses(program=program, now=timezone.now())),
        "blocks": list(services.organisation_blocks(organisation=program.organisation)),
        "bonus_form": BonusForm(),
        "block_form": _block_form(program),
        **forms,
    }


def _block_form(program: Program, data: QueryDict | None = None) -> ClientBlockForm:
    program_ids = list(program.organisation.programs.values_list("pk", flat=True))
    return ClientBlockForm(data, program_ids=program_ids)


def _answer(
    request: AuthenticatedHttpRequest, program: Program, notice: str, **forms: Form
) -> HttpResponse:
    """htmx gets the section back; others a redirect, or the page again with the form's errors."""
    failed = bool(forms)
    if request.htmx:
        context = {**_context(request, program, **forms), "notice": notice, "failed": failed}
        return render(request, "scheduling/_client_controls.html", context)
    if failed:
        context = _context(request, program, **forms)
        return render(request, "scheduling/client_controls.html", context, status=400)
    messages.success(request, notice)
    return redirect("scheduling:client_controls", program.pk)


@client_pages
@require_POST
def bonus_add(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = program_for(user=request.user, program_id=program_id, plan=True)
    form = BonusForm(request.POST)
    if form.is_valid():
        try:
            services.bonus_add(program=program, created_by=request.user, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            return _answer(request, program, "Bonus added.")
    return _answer(request, program, "", bonus_form=form)


@client_pages
@require_POST
def block_add(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = program_for(user=request.user, program_id=program_id, plan=True)
    form = _block_form(program, request.POST)
    if form.is_valid():
        try:
            services.client_block_add(organisation=program.organisation, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            return _answer(request, program, "Agent blocked from your programs.")
    return _answer(request, program, "", block_form=form)


def _remove(run: Callable[[Program, int], None], done: str) -> Callable:
    @client_pages
    @require_POST
    def view(request: AuthenticatedHttpRequest, program_id: int, entry_id: int) -> HttpResponse:
        program = program_for(user=request.user, program_id=program_id, plan=True)
        try:
            run(program, entry_id)
        except services.ControlNotFound as error:
            raise Http404(error.message) from None
        return _answer(request, program, done)

    return view


bonus_remove = _remove(
    lambda program, pk: services.bonus_remove(program=program, bonus_id=pk),
    "Bonus removed; blocks already booked keep theirs.",
)
block_remove = _remove(
    lambda program, pk: services.client_block_remove(
        organisation=program.organisation, block_id=pk
    ),
    "Block lifted.",
)
