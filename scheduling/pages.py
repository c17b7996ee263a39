"""What the agent's pages share: the role check, and the answer to a button that runs a service."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.decorators import role_required
from accounts.models import User
from gigcx.errors import DomainError
from gigcx.http import AuthenticatedHttpRequest

agent_pages = role_required(User.Role.AGENT)


def section_answer(
    request: AuthenticatedHttpRequest,
    action: Callable[[], object],
    done: str,
    partial: str,
    context: Callable[[AuthenticatedHttpRequest], dict],
    page: str,
) -> HttpResponse:
    """Run the service; htmx gets the section back with a status line, others a redirect."""
    try:
        action()
        notice, level = done, "success"
    except DomainError as refusal:
        notice, level = refusal.message, "error"
    if request.htmx:
        return render(request, partial, {**context(request), "notice": notice, "level": level})
    getattr(messages, level)(request, notice)
    return redirect(f"scheduling:{page}")
