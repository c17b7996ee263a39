"""API plumbing shared by every app's api.py."""

from typing import overload

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from gigcx.errors import DomainError


@overload
def exception_handler(exc: DomainError, context: dict) -> Response: ...
@overload
def exception_handler(exc: Exception, context: dict) -> Response | None: ...
def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Turn a DomainError into a JSON body naming the field and a machine-readable code.

    An error with `retry_after` (seconds; a busy lock, 503) also says when to try again.
    """
    if isinstance(exc, DomainError):
        body = {"code": exc.code, "detail": exc.message, **exc.details}
        if exc.field:
            body[exc.field] = [exc.message]
        response = Response(body, status=exc.status_code)
        if exc.retry_after is not None:
            response["Retry-After"] = str(exc.retry_after)
        return response
    handled = drf_exception_handler(exc, context)
    if handled is None:
        return None
    if handled.status_code == status.HTTP_400_BAD_REQUEST and isinstance(handled.data, dict):
        handled.data.setdefault("code", "invalid")
    return handled
