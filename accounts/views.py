from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from accounts.forms import ProfileForm
from accounts.services import api_token_reset, role_home_url
from gigcx.http import AuthenticatedHttpRequest


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return redirect(role_home_url(request.user))


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None, initial={"full_name": user.full_name, "timezone": user.timezone}
    )
    if request.method == "POST" and form.is_valid():
        form.save(user)
        messages.success(request, "Your profile is saved.")
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's API token: see it, or replace it (the old one stops working)."""
    if request.method == "POST":
        api_token_reset(user=request.user)
        messages.success(request, "A new API token is ready; the previous one no longer works.")
        return redirect("api_token")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "accounts/api_token.html", {"token": token})
