from clients.models import Forecast, Program
from jobs.models import Job
from jobs.services import job_enqueue


def forecast_published_recompute(
    sender: type, *, forecast: Forecast, job: Job, **kwargs: object
) -> None:
    """A new forecast version: recompute the slots of its days once it is committed."""
    job_enqueue(job=job, task="scheduling.tasks.requirements_recompute_task", args=[forecast.pk])


def program_changed_recompute(
    sender: type, *, program: Program, job: Job, **kwargs: object
) -> None:
    """New targets or hours: recompute the program's slots from today once committed."""
    job_enqueue(
        job=job, task="scheduling.tasks.requirements_refresh_task", args=[program.pk, job.pk]
    )
