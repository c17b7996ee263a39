"""Long-running sourcing work as `jobs` jobs: the CSV import and re-scoring everyone."""

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from agents.importing.services import applicants_import
from agents.screening import applications_rescore
from jobs.imports import file_import_run
from jobs.models import Job
from jobs.services import (
    job_create,
    job_enqueue,
    job_progress_reporter,
    job_start,
    job_succeed,
)

IMPORT_KIND = "applicant import"
RESCORE_KIND = "applicant re-score"


@transaction.atomic
def applicants_import_start(*, owner: User, upload: UploadedFile) -> Job:
    """Keep the upload in storage (workers may run elsewhere) and queue its import."""
    path = default_storage.save(f"imports/applicants-{owner.pk}.csv", upload)
    job = job_create(kind=IMPORT_KIND, owner=owner, message=f"Queued: {upload.name}")
    job_enqueue(job=job, task="agents.tasks.applicants_import_task", args=[job.pk, path])
    return job


def applicants_import_run(*, job_id: int, path: str) -> None:
    """Run one queued import; does nothing if the job already finished."""
    file_import_run(
        job_id=job_id,
        path=path,
        run=lambda file, on_progress: applicants_import(file=file, on_progress=on_progress),
        summary=lambda report: (
            f"{report.created} created, {report.updated} updated, "
            f"{len(report.errors)} row(s) with errors"
        ),
    )


@transaction.atomic
def applications_rescore_start(*, owner: User) -> Job:
    job = job_create(kind=RESCORE_KIND, owner=owner)
    job_enqueue(job=job, task="agents.tasks.applications_rescore_task", args=[job.pk])
    return job


def applications_rescore_run(*, job_id: int) -> None:
    if not job_start(job_id=job_id, message="Scoring"):
        return
    count = applications_rescore(
        on_progress=job_progress_reporter(job_id=job_id, unit="applications")
    )
    job_succeed(job_id=job_id, result={"scored": count}, message=f"{count} applications scored")
