"""The admin CSV upload imported by a real Celery worker process over the real Redis broker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agents.background import IMPORT_KIND
from agents.importing.rows import COLUMNS
from agents.models import Application
from jobs.models import Job
from tests.celery_worker import wait_for

# One celery worker process serves the whole module (the `celery_worker` fixture).
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROWS = [
    "ana@example.com,Ana,Silva,+1 555 0100,FL,32501,en:4;es:3,voice;chat,healthcare:3,20,30,62,97",
    "ben@example.com,Ben,Okafor,,TX,79901,en,email,retail:8,10,20,,",
    "bad-address,Cy,Lee,,TX,75201,en,voice,,20,30,50,90",
]


def finished(job: Job) -> bool:
    job.refresh_from_db()
    return job.status in Job.FINISHED


def test_an_uploaded_file_is_imported_by_a_worker(client_as, staff, celery_worker):
    content = "\n".join([",".join(COLUMNS), *ROWS]).encode()
    upload = SimpleUploadedFile("people.csv", content, content_type="text/csv")
    response = client_as(staff).post("/admin/agents/application/import/", {"file": upload})
    job = Job.objects.get(kind=IMPORT_KIND)
    assert response.url == f"/staff/sourcing/imports/{job.pk}/"

    assert wait_for(lambda: finished(job)), celery_worker.explain()
    assert job.status == Job.Status.SUCCEEDED, celery_worker.explain()
    assert (job.result["created"], job.result["error_count"]) == (2, 1)
    assert job.result["errors"][0]["line"] == 4
    ana = Application.objects.get(user__email="ana@example.com")
    assert (ana.status, ana.state, ana.skills.get().years) == ("submitted", "FL", 3)
    assert Application.objects.count() == 2
