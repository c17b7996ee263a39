from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from gigcx.http import AuthenticatedHttpRequest


def role_required(
    *roles: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Signed in, and holding one of `roles` (staff pass everywhere); otherwise 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @login_required
        def wrapped(
            request: AuthenticatedHttpRequest, *args: object, **kwargs: object
        ) -> HttpResponse:
            if request.user.role not in roles and not request.user.is_staff:
                raise PermissionDenied("This page is not for your role.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
