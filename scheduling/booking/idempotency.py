"""`Idempotency-Key` on API writes: the same key sent many times makes one write, one answer.

The first request with a key inserts its `IdempotentRequest` row, does the write and stores the
answer (status and body) in the same transaction. A duplicate arriving meanwhile blocks on the
row's unique index until that transaction ends, then reads and replays the stored answer. If the
first request fails with a 5xx (a lock wait gave up, a crash), its transaction rolls back with the
row, and the next duplicate does the write itself. Keys are per user; a key reused with another
body is refused (422). Keys older than a day are swept (hourly beat).
"""

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import cast

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from gigcx.api import exception_handler
from gigcx.errors import DomainError
from gigcx.http import AuthenticatedRequest
from scheduling.booking.services import booking_transaction
from scheduling.models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = cast(int, IdempotentRequest._meta.get_field("key").max_length)  # a CharField
TTL = timedelta(hours=24)  # how long a key is remembered


class KeyReused(DomainError):
    """The key was already used for a different request."""

    code = "idempotency_key_reused"
    status_code = 422


def idempotent(request: AuthenticatedRequest, write: Callable[[], Response]) -> Response:
    """Answer `write()` once per (user, Idempotency-Key); replay that answer for duplicates.

    Without the header the write simply runs. `write` may raise a DomainError: its 4xx answer
    is stored and replayed like a success.
    """
    key = request.headers.get(HEADER)
    if key is None:
        return write()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise DomainError(f"{HEADER} must be 1 to {MAX_KEY_LENGTH} characters.", field=HEADER)
    fingerprint = _fingerprint(request)
    # A duplicate waits for the first request at most as long as a booking waits for a lock.
    with booking_transaction():
        stored, created = _claim(request.user, key, fingerprint)
        if not created:
            return _replay(stored, fingerprint)
        response = _answer(write, request)
        stored.status_code, stored.body = response.status_code, response.data
        stored.save(update_fields=["status_code", "body"])
        # Answered as stored (jsonb orders the keys its own way): every answer is the same.
        stored.refresh_from_db(fields=["body"])
        return Response(stored.body, status=stored.status_code)


def idempotent_requests_sweep(*, now: datetime | None = None) -> int:
    """Forget keys older than the TTL; returns how many were removed."""
    cutoff = (now or timezone.now()) - TTL
    deleted, _ = IdempotentRequest.objects.filter(created__lt=cutoff).delete()
    return deleted


def _fingerprint(request: Request) -> str:
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _claim(user: User, key: str, fingerprint: str) -> tuple[IdempotentRequest, bool]:
    """Insert the key's row, or (after the first request's transaction ends) read it."""
    try:
        with transaction.atomic():
            row = IdempotentRequest.objects.create(user=user, key=key, fingerprint=fingerprint)
            return row, True
    except IntegrityError:
        return IdempotentRequest.objects.get(user=user, key=key), False


def _answer(write: Callable[[], Response], request: Request) -> Response:
    """The write's response, or the API's answer to its domain error; 5xx is not stored."""
    try:
        response = write()
    except DomainError as error:
        response = exception_handler(error, {"request": request})
        if response.status_code >= 500:
            raise
    return response


def _replay(stored: IdempotentRequest, fingerprint: str) -> Response:
    if stored.fingerprint != fingerprint:
        raise KeyReused(
            "This Idempotency-Key was already used for a different request; use a new key.",
            field=HEADER,
        )
    response = Response(stored.body, status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response
