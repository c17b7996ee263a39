"""Forecast versions stay numbered one by one when planners publish at the same moment."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.db.models import Max

from clients import services
from clients.forecast_input import ForecastRow
from clients.models import Forecast
from clients.services import forecast_publish
from tests.factories import ProgramFactory
from tests.races import all_read_before_any_writes, race

pytestmark = pytest.mark.django_db(transaction=True)

PUBLISHERS = 8


def race_publishers(program: object) -> list[BaseException]:
    """PUBLISHERS planners publish the same program's forecast at once; their failures."""
    rows = [ForecastRow(datetime(2026, 3, 2, 14, tzinfo=UTC), Decimal(10), None)]
    return race(
        *[lambda: forecast_publish(program=program, rows=rows, source="api", by=None)] * PUBLISHERS
    )


def test_simultaneous_uploads_get_consecutive_versions_and_none_fails():
    program = ProgramFactory()
    assert race_publishers(program) == []
    versions = sorted(program.forecasts.values_list("version", flat=True))
    assert versions == list(range(1, PUBLISHERS + 1))
    assert Forecast.objects.count() == PUBLISHERS


def test_without_the_lock_the_same_race_collides(monkeypatch):
    """Negative control: the harness does see a race when nothing serialises the uploads."""

    def next_version_unlocked(program: object) -> int:
        return (program.forecasts.aggregate(last=Max("version"))["last"] or 0) + 1

    everyone_reads_the_last = all_read_before_any_writes(PUBLISHERS, next_version_unlocked)
    monkeypatch.setattr(services, "_next_version", everyone_reads_the_last)
    failures = race_publishers(ProgramFactory())
    assert failures
    assert all(isinstance(error, IntegrityError) for error in failures)
