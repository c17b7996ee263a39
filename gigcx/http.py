"""Requests as the views see them: the middleware and the login checks make their types narrower.

Annotate a view's request with these instead of `HttpRequest` / DRF's `Request` so that
`request.user` is the user model (not `User | AnonymousUser`) and `request.htmx` is known. Here in
the project package, which imports no app, so notifications and jobs may use them too: the user
model is django-stubs' `_User`, which it reads as AUTH_USER_MODEL (`accounts.User`).
"""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails
from rest_framework.request import Request

if TYPE_CHECKING:
    from django.contrib.auth.models import _User


class HtmxHttpRequest(HttpRequest):
    """Any request: django-htmx's middleware, installed for every request, sets `htmx`."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request behind `login_required` (or `role_required`): `user` is signed in."""

    user: "_User"


class AuthenticatedRequest(Request):
    """An API request behind `IsAuthenticated`, the default permission: `user` is signed in."""

    user: "_User"
