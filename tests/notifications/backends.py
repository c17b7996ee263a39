"""An e-mail backend whose server refuses every connection, as a mail server that is down does."""

from django.core.mail.backends.base import BaseEmailBackend


class RefusingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: list) -> int:
        raise ConnectionRefusedError(111, "Connection refused")
