"""A large metric import as a `jobs` job on the imports queue: the upload is kept in storage
(workers may run elsewhere) and the task imports it, reporting progress on the job row."""

from collections.abc import Callable
from typing import IO

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from gigcx.errors import ImportFileError
from jobs.imports import file_import_run
from jobs.models import Job
from jobs.services import job_create, job_enqueue
from performance.importing.services import ImportReport, Mode, metrics_import

IMPORT_KIND = "metric import"


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

    def run(file: IO[bytes], on_progress: Callable[[int, int], None]) -> ImportReport:
        owner = Job.objects.select_related("owner").get(pk=job_id).owner
        if owner is None:  # nobody's rights to import with: refused whole, as a bad file is
            raise ImportFileError("The importing account is gone.")
        return metrics_import(file=file, by=owner, mode=Mode(mode), on_progress=on_progress)

    file_import_run(job_id=job_id, path=path, run=run, summary=_summary)


def _summary(report: ImportReport) -> str:
    return (
        f"{report.created} created, {report.updated} updated, "
        f"{len(report.errors)} row(s) with errors"
        + (", nothing written" if report.errors and not report.written else "")
    )
