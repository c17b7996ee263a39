from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from jobs.models import Job
from jobs.selectors import jobs_waiting
from jobs.services import (
    job_create,
    job_fail,
    job_report_progress,
    job_start,
    job_succeed,
)
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_a_job_runs_reports_progress_and_succeeds(staff):
    job = job_create(kind="import", owner=staff)
    assert job.status == "queued"
    assert job_start(job_id=job.pk)
    job_report_progress(job_id=job.pk, done=50, total=200, message="50 of 200 rows")
    job.refresh_from_db()
    assert (job.status, job.progress, job.message) == ("running", 25, "50 of 200 rows")
    job_report_progress(job_id=job.pk, done=10, total=200)  # never goes backwards
    job.refresh_from_db()
    assert job.progress == 25
    job_succeed(job_id=job.pk, result={"imported": 200})
    job.refresh_from_db()
    assert (job.status, job.progress, job.result) == ("succeeded", 100, {"imported": 200})
    assert job.finished_at is not None


def test_progress_stays_below_100_until_the_job_finishes(staff):
    job = job_create(kind="import", owner=staff)
    job_start(job_id=job.pk)
    job_report_progress(job_id=job.pk, done=200, total=200)
    assert Job.objects.get(pk=job.pk).progress == 99


def test_a_finished_job_cannot_be_restarted_or_failed(staff):
    job = job_create(kind="import", owner=staff)
    job_start(job_id=job.pk)
    job_fail(job_id=job.pk, error="line 3: not a CSV")
    assert not job_start(job_id=job.pk)
    job_succeed(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.error == "line 3: not a CSV"


def test_progress_partial_polls_while_running_and_stops_when_done(client_as, staff):
    job = JobFactory(owner=staff, status="running", progress=40, message="Scoring")
    page = client_as(staff).get(f"/jobs/{job.pk}/progress/").content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="40"' in page and "Scoring" in page
    job_succeed(job_id=job.pk)
    page = client_as(staff).get(f"/jobs/{job.pk}/progress/").content.decode()
    assert "hx-trigger" not in page and 'value="100"' in page


def test_only_the_owner_or_staff_see_a_job(client_as, agent, outsider, staff):
    job = JobFactory(owner=agent)
    assert client_as(agent).get(f"/jobs/{job.pk}/").status_code == 200
    assert client_as(staff).get(f"/jobs/{job.pk}/progress/").status_code == 200
    assert client_as(outsider).get(f"/jobs/{job.pk}/progress/").status_code == 404
    api = APIClient()
    api.force_authenticate(outsider)
    assert api.get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    api.force_authenticate(agent)
    assert api.get(f"/api/v1/jobs/{job.pk}/").json()["status"] == "queued"


def test_only_jobs_left_queued_with_a_task_are_waiting(staff):
    lost, fresh, running, _no_task = (job_create(kind="import", owner=staff) for _ in range(4))
    Job.objects.filter(pk__in=[lost.pk, fresh.pk, running.pk]).update(
        task="agents.tasks.applicants_import_task", task_args=[1, "imports/x.csv"]
    )
    long_ago = timezone.now() - timedelta(minutes=5)
    Job.objects.exclude(pk=fresh.pk).update(created=long_ago)
    job_start(job_id=running.pk)
    assert [job.pk for job in jobs_waiting(older_than=timedelta(minutes=1))] == [lost.pk]
