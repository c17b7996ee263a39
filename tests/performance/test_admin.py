"""Daily metrics in the admin: the list, its filters and search, the CSV upload as a job."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jobs.models import Job
from performance.models import DailyMetric
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_program_and_searches_by_agent_email(client, staff, ada, outsider):
    program = ProgramFactory()
    DailyMetric.objects.create(agent=ada, program=program, day=date(2026, 12, 1), qa_score=90)
    DailyMetric.objects.create(agent=outsider, program=program, day=date(2026, 12, 1))
    client.force_login(staff)
    listed = client.get(
        "/admin/performance/dailymetric/", {"program__id__exact": program.pk, "q": ada.email}
    )
    assert listed.status_code == 200
    assert [metric.agent for metric in listed.context["cl"].result_list] == [ada]


def test_an_upload_starts_an_import_job(client, staff):
    client.force_login(staff)
    assert client.get("/admin/performance/dailymetric/import/").status_code == 200
    upload = SimpleUploadedFile("m.csv", b"agent_email,program_id,day\n")
    response = client.post(
        "/admin/performance/dailymetric/import/", {"file": upload, "mode": "keep_good"}
    )
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    assert (job.kind, job.task_args[2]) == ("metric import", "keep_good")


def test_the_upload_page_is_for_staff_only(client, planner):
    client.force_login(planner)
    response = client.get("/admin/performance/dailymetric/import/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
