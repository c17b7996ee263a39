"""Why a booking, cancellation or transfer was refused; each carries a machine-readable code."""

from gigcx.errors import Conflict, DomainError
from gigcx.locking import LockBusy


class BookingRefused(Conflict):
    """A booking rule refuses the request (409). `code` says which rule, the message says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class BookingInvalid(DomainError):
    """The block itself is malformed (400): not on the 30-minute grid, ending before it starts."""

    def __init__(self, message: str, *, field: str = "start") -> None:
        super().__init__(message, field=field)


class BookingNotFound(DomainError):
    """No such booking of this agent; the same answer whether it exists for someone else or not."""

    code = "not_found"
    status_code = 404


class BookingBusy(LockBusy):
    """Waited too long for another request's lock; safe to retry after `retry_after` seconds."""

    def __init__(self) -> None:
        super().__init__("Many people are booking these slots right now. Please try again.")
