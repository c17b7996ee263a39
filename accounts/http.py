"""Requests as the views see them: the middleware and the login checks make their types narrower.

Annotate a view's request with these instead of `HttpRequest` / DRF's `Request` so that
`request.user` is our `User` (not `User | AnonymousUser`) and `request.htmx` is known.
"""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails
from rest_framework.request import Request

from accounts.models import User


class HtmxHttpRequest(HttpRequest):
    """Any request: django-htmx's middleware, installed for every request, sets `htmx`."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request behind `login_required` (or `role_required`): `user` is signed in."""

    user: User


class AuthenticatedRequest(Request):
    """An API request behind `IsAuthenticated`, the default permission: `user` is signed in."""

    user: User
