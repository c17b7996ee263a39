from celery import shared_task
from django.utils import timezone

from clients.models import Forecast
from jobs.models import Job
from scheduling.requirements import requirements_recompute, requirements_refresh


@shared_task(acks_late=True)
def requirements_recompute_task(forecast_id: int) -> bool:
    """Recompute the slots a forecast version covers; does nothing once its job finished."""
    return requirements_recompute(forecast_id=forecast_id)


@shared_task(acks_late=True)
def requirements_refresh_task(program_id: int, job_id: int) -> bool:
    """Recompute a program's slots from today after its targets changed; once per job."""
    return requirements_refresh(program_id=program_id, job_id=job_id)


@shared_task
def requirements_sweep() -> int:
    """Re-enqueue recomputations the broker lost: jobs still queued after a minute (beat)."""
    stale = timezone.now() - timezone.timedelta(minutes=1)
    ids = list(
        Forecast.objects.filter(job__status=Job.Status.QUEUED, job__created__lt=stale)
        .order_by("pk")
        .values_list("pk", flat=True)[:100]
    )
    for forecast_id in ids:
        requirements_recompute_task.delay(forecast_id)
    return len(ids)
