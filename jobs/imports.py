"""Running a file import as a job: the upload is kept in storage (workers may run elsewhere), the
task reads it, reports progress on the job row and files the report; the file is deleted after."""

from collections.abc import Callable
from typing import IO, Protocol, TypeVar

from django.core.files.storage import default_storage

from gigcx.errors import ImportFileError
from jobs.services import job_fail, job_progress_reporter, job_start, job_succeed

MAX_REPORTED_ERRORS = 10_000  # keeps the job row small; the summary says how many there were


class ImportReport(Protocol):
    errors: list[dict]

    def as_dict(self) -> dict: ...


Report = TypeVar("Report", bound=ImportReport)


def file_import_run(
    *,
    job_id: int,
    path: str,
    run: Callable[[IO[bytes], Callable[[int, int], None]], Report],
    summary: Callable[[Report], str],
) -> None:
    """Run `run(file, on_progress)` on the stored file as the job; does nothing if the job
    already finished. An ImportFileError fails the job ("Nothing imported"); otherwise the job
    succeeds with the report (at most MAX_REPORTED_ERRORS of its errors) and `summary(report)`."""
    if not job_start(job_id=job_id, message="Reading the file"):
        return
    try:
        with default_storage.open(path, "rb") as file:
            report = run(file, job_progress_reporter(job_id=job_id, unit="rows"))
    except ImportFileError as error:
        job_fail(job_id=job_id, error=error.message, message="Nothing imported")
    else:
        result = report.as_dict() | {
            "error_count": len(report.errors),
            "errors": report.errors[:MAX_REPORTED_ERRORS],
        }
        job_succeed(job_id=job_id, result=result, message=summary(report))
    finally:
        default_storage.delete(path)
