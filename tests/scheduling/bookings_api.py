"""What the booking tests share: a program with open slots; for the API, token clients, bodies."""

from datetime import datetime

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import ProgramFactory, open_slots, working_agent
from tests.scheduling.clock import HOUR, TOMORROW_9

BOOKINGS = "/api/v1/bookings/"


def program_with_slots(
    *, seats: int = 2, hours: int = 8, name: str = "Acme Voice", start: datetime = TOMORROW_9
) -> object:
    """Acme Voice at $18/h, blocks of an hour or more, `hours` of slots from `start`."""
    program = ProgramFactory(name=name, pay_rate=18, min_block_minutes=60)
    open_slots(program, start, hours=hours, capacity=seats)
    return program


def api_as(user: object) -> APIClient:
    """A client that signs in with the user's API token, as scripts do."""
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def block(program: object, start: datetime = TOMORROW_9, hours: float = 2) -> dict:
    return {
        "program": program.pk,
        "start": start.isoformat(),
        "end": (start + hours * HOUR).isoformat(),
    }


def agent() -> object:
    return working_agent(timezone="America/New_York")
