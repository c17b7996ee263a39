import copy
from uuid import uuid4

import pytest
from django.test import Client

from clients.models import Membership
from tests.celery_worker import celery_worker, isolate_broker_keys
from tests.factories import (
    AgentFactory,
    ClientUserFactory,
    OrganisationFactory,
    ProgramFactory,
    StaffFactory,
    member_of,
    open_slots,
    working_agent,
)
from tests.scheduling.clock import TOMORROW_9

__all__ = ["celery_worker"]  # the real-worker fixture, for any test module that asks for it


def pytest_configure(config: pytest.Config) -> None:
    isolate_broker_keys()
    config.addinivalue_line(
        "markers",
        "program(hours, seats, start): the slots of the `program` fixture, if not 8 h "
        "of 2 seats from TOMORROW_9",
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache(settings: object) -> None:
    """A key prefix of its own per test: rate limits and sessions never leak between tests or
    runs, though they share one Redis."""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture
def agent(db: None) -> object:
    return AgentFactory(full_name="Ada Agent")


@pytest.fixture
def outsider(db: None) -> object:
    """Another agent: the one every permission test tries to reach someone else's data with."""
    return AgentFactory(full_name="Otto Outsider")


@pytest.fixture
def client_user(db: None) -> object:
    return ClientUserFactory(full_name="Cleo Client")


@pytest.fixture
def staff(db: None) -> object:
    return StaffFactory(full_name="Sam Staff")


# The scene every permission test plays in: Acme with its owner, planner and viewer; a stranger
# who owns another organisation; staff (above); Ada, a working agent, and the outsider (above).


@pytest.fixture
def organisation(db: None) -> object:
    """Acme, the client organisation whose program the scheduling and client tests are about."""
    return OrganisationFactory(name="Acme")


@pytest.fixture
def owner(organisation: object) -> object:
    return member_of(organisation, Membership.Role.OWNER, full_name="Olive Owner")


@pytest.fixture
def planner(organisation: object) -> object:
    return member_of(organisation, Membership.Role.PLANNER, full_name="Pat Planner")


@pytest.fixture
def viewer(organisation: object) -> object:
    return member_of(organisation, Membership.Role.VIEWER, full_name="Vic Viewer")


@pytest.fixture
def other_organisation(db: None) -> object:
    return OrganisationFactory(name="Globex")


@pytest.fixture
def stranger(other_organisation: object) -> object:
    """The owner of Globex: every cross-organisation test reaches for Acme's data as them."""
    return member_of(other_organisation, Membership.Role.OWNER, full_name="Stan Stranger")


@pytest.fixture
def ada(db: None) -> object:
    """Ada Lovelace, a working agent in New York: eligible for `program`, and for any program
    without certifications, languages or skills of its own."""
    return working_agent(full_name="Ada Lovelace", timezone="America/New_York")


@pytest.fixture
def program(request: pytest.FixtureRequest, organisation: object) -> object:
    """Acme Voice at $18/h, blocks of an hour or more, with 8 h of released slots of 2 seats
    from Wednesday 09:00 in New York (TOMORROW_9). `@pytest.mark.program(hours=, seats=,
    start=)` on a module, class or test shapes the slots otherwise."""
    marker = request.node.get_closest_marker("program")
    shape = {"hours": 8, "seats": 2, "start": TOMORROW_9} | (marker.kwargs if marker else {})
    program = ProgramFactory(
        name="Acme Voice", organisation=organisation, pay_rate=18, min_block_minutes=60
    )
    open_slots(program, shape["start"], hours=shape["hours"], capacity=shape["seats"])
    return program


@pytest.fixture
def client_as():
    """`client_as(user)`: a test client signed in as `user` (or anonymous for None)."""

    def make(user: object | None) -> Client:
        browser = Client()
        if user is not None:
            browser.force_login(user)
        return browser

    return make
