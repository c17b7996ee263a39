from clients.models import Forecast, Program
from gigcx.tasks import enqueue_on_commit
from jobs.models import Job


def forecast_published_recompute(sender: type, *, forecast: Forecast, **kwargs: object) -> None:
    """A new forecast version: recompute the slots of its days once it is committed."""
    from scheduling.tasks import requirements_recompute_task

    enqueue_on_commit(requirements_recompute_task, forecast.pk)


def program_changed_recompute(
    sender: type, *, program: Program, job: Job, **kwargs: object
) -> None:
    """New targets or hours: recompute the program's slots from today once committed."""
    from scheduling.tasks import requirements_refresh_task

    enqueue_on_commit(requirements_refresh_task, program.pk, job.pk)
