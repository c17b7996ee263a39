"""The one lock order, and the transaction every write that locks rows takes its locks in.

Rows are locked kind by kind in this order, and within a kind in one statement sorted by key
(ids; slots by start). Before all of them an API request's Idempotency-Key row (its INSERT waits
for a duplicate's), which nothing else locks:

     1. accounts.User              the agent (or user) a write is about, several by id
     2. clients.Program            forecast versions, staffing recomputation
     3. agents.Application         the pipeline, erasure
     4. scheduling.Slot            a block's slots, by start
     5. scheduling.Booking         the bookings a write changes, by id
     6. scheduling.WaitlistEntry   an offer, after the seats it holds
     7. scheduling.SwapPost        a post, after the block it offers
     8. scheduling.WorkPreference  the agent's target, after the agent
     9. training.Attempt           a quiz attempt, after the agent
    10. training.Award             a revocation (the award alone)
    11. clients.Invitation, clients.Membership

Two transactions that follow one order never wait on each other in a cycle, so they never
deadlock. `locked()` opens the transaction (or a savepoint inside the caller's) with a lock wait
of at most `timeout_ms` on PostgreSQL; `Locks.rows(queryset)` locks one kind's rows in key order
and refuses, as a programming error, a kind that comes before one it already locked, or a lock
outside a transaction (it would be released at once). A lock wait past the timeout, or a deadlock
the database broke, becomes `busy` (a 503 with Retry-After). A service that calls another
locking service takes first every earlier-kind lock the callee will take: a row a transaction
already holds is granted again at once. In the spirit of pretix's `locking.py`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import OperationalError, connection, transaction
from django.db.models import Model, QuerySet

from gigcx.errors import DomainError

ORDER = (
    "accounts.User",
    "clients.Program",
    "agents.Application",
    "scheduling.Slot",
    "scheduling.Booking",
    "scheduling.WaitlistEntry",
    "scheduling.SwapPost",
    "scheduling.WorkPreference",
    "training.Attempt",
    "training.Award",
    "clients.Invitation",
    "clients.Membership",
)
_RANK = {label: rank for rank, label in enumerate(ORDER)}
DEFAULT_TIMEOUT_MS = 3000
LOCK_NOT_AVAILABLE = "55P03"
DEADLOCK_DETECTED = "40P01"


class LockOrderError(RuntimeError):
    """A lock out of `ORDER`, or outside a transaction: a bug in the caller, never bad input."""


class LockBusy(DomainError):
    code = "busy"
    status_code = 503
    retry_after = 1

    def __init__(
        self, message: str = "Those rows are busy right now; try again in a moment."
    ) -> None:
        super().__init__(message)


class Locks:
    """The locks one `locked()` transaction has taken, to keep them in `ORDER`."""

    def __init__(self) -> None:
        self.last: str | None = None

    def rows(self, queryset: QuerySet[Any], *, key: tuple[str, ...] = ("pk",)) -> list[Any]:
        """Lock the rows of `queryset` in `key` order (FOR NO KEY UPDATE OF its own table, so
        other rows may still point at them) and return them."""
        self.taking(queryset.model)
        return list(for_update(queryset.order_by(*key)))

    def one(self, queryset: QuerySet[Any], *, missing: Exception) -> Any:
        """The one row of `queryset`, locked; `missing` is raised when there is none."""
        found = self.rows(queryset)
        if not found:
            raise missing
        return found[0]

    def taking(self, *models: type[Model]) -> None:
        """Record that these kinds are locked now, in this order (plain SQL locks them itself)."""
        if not connection.in_atomic_block:
            raise LockOrderError("Row locks outside a transaction are released at once.")
        for model in models:
            label = model._meta.label
            if label not in _RANK:
                raise LockOrderError(f"{label} has no place in gigcx.locking.ORDER.")
            if self.last is not None and _RANK[label] < _RANK[self.last]:
                raise LockOrderError(f"{label} is locked after {self.last}; ORDER has it before.")
            self.last = label


@contextmanager
def locked(
    *, timeout_ms: int | None = DEFAULT_TIMEOUT_MS, busy: Callable[[], DomainError] = LockBusy
) -> Iterator[Locks]:
    """A transaction whose lock waits end after `timeout_ms` as `busy`, and whose locks keep
    `ORDER` (`Locks.rows`). `timeout_ms=None`: the caller's first statement sets the lock wait
    itself (`LOCK_WAIT`, saving a round trip)."""
    try:
        with transaction.atomic():
            if timeout_ms is not None:
                set_lock_wait(timeout_ms)
            yield Locks()
    except OperationalError as error:
        if pgcode(error) in (LOCK_NOT_AVAILABLE, DEADLOCK_DETECTED):
            raise busy() from error
        raise


def lock_rows(queryset: QuerySet[Any], *, key: tuple[str, ...] = ("pk",)) -> list[Any]:
    """Lock one kind's rows as the only lock of the caller's transaction (`locked()` around
    `Locks.rows`); the rows stay locked until that transaction ends."""
    if not connection.in_atomic_block:
        raise LockOrderError("Row locks outside a transaction are released at once.")
    with locked() as locks:
        return locks.rows(queryset, key=key)


def lock_one(queryset: QuerySet[Any], *, missing: Exception) -> Any:
    """`lock_rows` for one row: `missing` is raised when there is none."""
    found = lock_rows(queryset)
    if not found:
        raise missing
    return found[0]


# SET LOCAL lock_timeout as a statement that takes a parameter (SET itself takes none).
LOCK_WAIT = "SELECT set_config('lock_timeout', %(lock_wait)s, true)"


def set_lock_wait(timeout_ms: int) -> None:
    """SET LOCAL lock_timeout, on PostgreSQL (SQLite locks the whole file and waits by itself)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(LOCK_WAIT, {"lock_wait": str(int(timeout_ms))})


def pgcode(error: Exception) -> str | None:
    return getattr(error.__cause__, "pgcode", None)


def for_update(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The row lock every `Locks.rows` takes. Tests replace it with the plain queryset (and
    `row_lock_clause` with nothing) to show the races the locks prevent."""
    return queryset.select_for_update(no_key=True, of=("self",))


def row_lock_clause() -> str:
    """`for_update` for plain SQL: the clause that locks the rows a statement reads."""
    return "FOR NO KEY UPDATE" if connection.features.has_select_for_update else ""
