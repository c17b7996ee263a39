"""A staffing job whose broker message was lost is sent again by the sweep and done by a worker."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clients.models import Forecast, ForecastInterval
from jobs.models import Job
from jobs.services import job_create
from jobs.tasks import job_sweep
from scheduling.models import Slot
from tests.celery_worker import wait_for
from tests.factories import ProgramFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

NINE_NEW_YORK = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def test_the_sweep_sends_a_lost_staffing_job_again_and_a_worker_does_it(celery_worker):
    program = ProgramFactory()
    job = job_create(kind="requirements")
    forecast = Forecast.objects.create(  # as published, but its message never reached Redis
        program=program,
        version=1,
        source=Forecast.Source.API,
        period_start=datetime(2026, 3, 2, 5, tzinfo=UTC),
        period_end=datetime(2026, 3, 3, 5, tzinfo=UTC),
        interval_count=1,
        total_contacts=100,
        job=job,
    )
    ForecastInterval.objects.create(
        forecast=forecast, starts_at=NINE_NEW_YORK, contacts=Decimal(100)
    )
    Job.objects.filter(pk=job.pk).update(
        task="scheduling.tasks.requirements_recompute_task",
        task_args=[forecast.pk],
        created=timezone.now() - timedelta(minutes=2),
    )

    assert job_sweep() == 1  # what beat does every minute

    def done() -> bool:
        job.refresh_from_db()
        return job.status == Job.Status.SUCCEEDED

    assert wait_for(done), celery_worker.explain()
    assert Slot.objects.get(program=program, starts_at=NINE_NEW_YORK).capacity == 20
    assert job_sweep() == 0
