import copy
from uuid import uuid4

import pytest
from django.test import Client

from tests.celery_worker import celery_worker, isolate_broker_keys
from tests.factories import AgentFactory, ClientUserFactory, StaffFactory

__all__ = ["celery_worker"]  # the real-worker fixture, for any test module that asks for it


def pytest_configure(config: pytest.Config) -> None:
    isolate_broker_keys()


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


@pytest.fixture
def client_as():
    """`client_as(user)`: a test client signed in as `user` (or anonymous for None)."""

    def make(user: object | None) -> Client:
        browser = Client()
        if user is not None:
            browser.force_login(user)
        return browser

    return make
