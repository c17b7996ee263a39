from celery import shared_task

from scheduling.requirements import requirements_recompute, requirements_refresh


@shared_task(acks_late=True)
def requirements_recompute_task(forecast_id: int) -> bool:
    """Recompute the slots a forecast version covers; does nothing once its job finished."""
    return requirements_recompute(forecast_id=forecast_id)


@shared_task(acks_late=True)
def requirements_refresh_task(program_id: int, job_id: int) -> bool:
    """Recompute a program's slots from today after its targets changed; once per job."""
    return requirements_refresh(program_id=program_id, job_id=job_id)
