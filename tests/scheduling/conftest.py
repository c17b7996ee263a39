import pytest
import time_machine

from tests.scheduling.clock import NOW


@pytest.fixture
def at_now():
    """The clock stopped at NOW: Tuesday 1 December 2026, 10:00 in New York."""
    with time_machine.travel(NOW, tick=False):
        yield
