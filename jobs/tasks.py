from datetime import timedelta

from celery import current_app, shared_task

from jobs.selectors import jobs_waiting


@shared_task
def job_sweep() -> int:
    """Send again every job still queued a minute after it was published (beat, every minute).

    Tasks are sent by name, so this app needs none of the apps whose work it rescues.
    """
    waiting = jobs_waiting(older_than=timedelta(minutes=1))
    for job in waiting:
        current_app.send_task(job.task, args=job.task_args)
    return len(waiting)
