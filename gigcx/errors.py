"""Domain errors: every service raises a subclass with a message a person can read."""

from django.forms import BaseForm


class DomainError(Exception):
    """Bad input or a broken rule. Views show it as a form error, the API as a 400/409 body."""

    code = "invalid"
    status_code = 400
    details: dict = {}  # extra machine-readable facts for the API body (e.g. line errors)
    retry_after: int | None = None  # seconds, for an error worth retrying (the Retry-After header)

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def add_to(self, form: BaseForm) -> None:
        """Show the error on the form: under its field when the form has it, else on top."""
        form.add_error(self.field if self.field in form.fields else None, self.message)


class Conflict(DomainError):
    """The request is well-formed but clashes with the current state (a full slot, a used key)."""

    code = "conflict"
    status_code = 409


class ImportFileError(DomainError):
    """A file to import cannot be imported as a whole (not CSV, wrong columns, a NUL byte):
    nothing was written."""

    code = "bad_file"
