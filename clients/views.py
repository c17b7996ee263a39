from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import User
from accounts.selectors import home_context


@role_required(User.Role.CLIENT)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "clients/dashboard.html", home_context(user=request.user))
