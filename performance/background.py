"""A large metric import as a `jobs` job on the imports queue: the upload is kept in storage
(workers may run elsewhere) and the task imports it, reporting progress on the job row."""

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from gigcx.errors import ImportFileError
from jobs.models import Job
from jobs.services import (
    job_create,
    job_enqueue,
    job_fail,
    job_progress_reporter,
    job_start,
    job_succeed,
)
from performance.importing.services import Mode, metrics_import

IMPORT_KIND = "metric import"
MAX_REPORTED_ERRORS = 10_000  # keeps the job row small; the summary says how many there were


@transaction.atomic
def metrics_import_start(*, owner: User, upload: UploadedFile, mode: Mode) -> Job:
    path = default_storage.save(f"imports/metrics-{owner.pk}.csv", upload)
    job = job_create(kind=IMPORT_KIND, owner=owner, message=f"Queued: {upload.name}")
    job_enqueue(
        job=job, task="performance.tasks.metrics_import_task", args=[job.pk, path, str(mode)]
    )
    return job


def metrics_import_run(*, job_id: int, path: str, mode: str) -> None:
    """Run one queued import as the job's owner; does nothing if the job already finished."""
    if not job_start(job_id=job_id, message="Reading the file"):
        return
    owner = Job.objects.select_related("owner").get(pk=job_id).owner
    try:
        if owner is None:
            job_fail(
                job_id=job_id, error="The importing account is gone.", message="Nothing imported"
            )
            return
        with default_storage.open(path, "rb") as file:
            report = metrics_import(
                file=file,
                by=owner,
                mode=Mode(mode),
                on_progress=job_progress_reporter(job_id=job_id, unit="rows"),
            )
    except ImportFileError as error:
        job_fail(job_id=job_id, error=error.message, message="Nothing imported")
    else:
        result = report.as_dict() | {
            "error_count": len(report.errors),
            "errors": report.errors[:MAX_REPORTED_ERRORS],
        }
        job_succeed(
            job_id=job_id,
            result=result,
            message=f"{report.created} created, {report.updated} updated, "
            f"{len(report.errors)} row(s) with errors"
            + (", nothing written" if report.errors and not report.written else ""),
        )
    finally:
        default_storage.delete(path)
