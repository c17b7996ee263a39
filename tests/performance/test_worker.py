"""A metric upload imported by a real Celery worker process over the real Redis broker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jobs.models import Job
from performance.background import IMPORT_KIND
from performance.importing.rows import COLUMNS
from performance.models import DailyMetric
from tests.celery_worker import wait_for
from tests.factories import ProgramFactory

# One celery worker process serves the whole module (the `celery_worker` fixture).
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def finished(job: Job) -> bool:
    job.refresh_from_db()
    return job.status in Job.FINISHED


def test_an_uploaded_file_is_imported_by_a_worker(client_as, staff, ada, celery_worker):
    program = ProgramFactory()
    content = "\n".join(
        [
            ",".join(COLUMNS),
            f"{ada.email},{program.pk},2026-11-30,40,300,90,80,",
            f"{ada.email},{program.pk},2026-11-31,40,300,90,80,",
        ]
    ).encode()
    upload = SimpleUploadedFile("metrics.csv", content, content_type="text/csv")
    client_as(staff).post(
        "/admin/performance/dailymetric/import/", {"file": upload, "mode": "keep_good"}
    )
    job = Job.objects.get(kind=IMPORT_KIND)

    assert wait_for(lambda: finished(job)), celery_worker.explain()
    assert job.status == Job.Status.SUCCEEDED, celery_worker.explain()
    assert (job.result["created"], job.result["error_count"]) == (1, 1)
    assert job.result["errors"][0]["line"] == 3
    assert DailyMetric.objects.get().contacts_handled == 40
