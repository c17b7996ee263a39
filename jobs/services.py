"""The small API tasks use to report on long-running work.

Each call is one UPDATE on the job row, committed at once, so a page polling the job sees
progress while the task's own work is still running in its transaction.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils import timezone

from gigcx.tasks import enqueue_on_commit
from jobs.models import Job

if TYPE_CHECKING:  # the user model, as django-stubs reads AUTH_USER_MODEL
    from django.contrib.auth.models import _User as User

Status = Job.Status


def job_create(*, kind: str, owner: "User | None" = None, message: str = "Queued") -> Job:
    job = Job(kind=kind, owner=owner, message=message)
    job.full_clean()
    job.save()
    return job


def job_enqueue(*, job: Job, task: str, args: list) -> None:
    """Record which task (by its registered name) does the job and publish it after commit.

    The row is the record: if the broker loses the message, `job_sweep` sends it again.
    """
    job.task, job.task_args = task, args
    job.save(update_fields=["task", "task_args"])
    enqueue_on_commit(task, *args)


def job_start(*, job_id: int, message: str = "Started") -> bool:
    """Mark the job running. False if it already finished (a task delivered twice)."""
    return _update_unfinished(
        job_id, status=Status.RUNNING, started_at=timezone.now(), message=message
    )


def job_report_progress(*, job_id: int, done: int, total: int, message: str = "") -> None:
    """Record `done` of `total` units; progress never goes backwards or past 99 until finished."""
    percent = min(99, int(100 * done / total)) if total else 0
    Job.objects.filter(pk=job_id, status=Status.RUNNING, progress__lte=percent).update(
        progress=percent, message=message[:300]
    )


def job_progress_reporter(*, job_id: int, unit: str) -> Callable[[int, int], None]:
    """An `on_progress(done, total)` callback that reports "done of total <unit>" on the job."""

    def report(done: int, total: int) -> None:
        job_report_progress(
            job_id=job_id, done=done, total=total, message=f"{done} of {total} {unit}"
        )

    return report


def job_succeed(*, job_id: int, result: dict | None = None, message: str = "Done") -> None:
    _update_unfinished(
        job_id,
        status=Status.SUCCEEDED,
        progress=100,
        result=result or {},
        message=message,
        finished_at=timezone.now(),
    )


def job_fail(*, job_id: int, error: str, message: str = "Failed") -> None:
    _update_unfinished(
        job_id,
        status=Status.FAILED,
        error=error[:10000],
        message=message,
        finished_at=timezone.now(),
    )


def _update_unfinished(job_id: int, **fields: object) -> bool:
    """Change a job that has not finished; a finished job is final (tasks may run twice)."""
    return bool(Job.objects.filter(pk=job_id).exclude(status__in=Job.FINISHED).update(**fields))
