from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import User
from accounts.selectors import home_context


@role_required(User.Role.AGENT)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "agents/dashboard.html", home_context(user=request.user))
