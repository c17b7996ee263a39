"""Staff tools: the admin list, bulk moves, CSV export and import, the sourcing dashboard."""

import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agents.background import IMPORT_KIND, applicants_import_run
from agents.importing.rows import COLUMNS
from agents.models import Application, Status
from agents.pipeline import MAIN_STAGES
from agents.selectors import pipeline_statistics
from jobs.models import Job
from jobs.services import job_create
from tests.factories import ApplicationFactory, SkillFactory
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/agents/application/"


def make_applicants(count: int) -> None:
    skill = SkillFactory(slug="healthcare")
    for _ in range(count):
        application = ApplicationFactory(status=Status.SUBMITTED, submitted_at="2026-01-01T00:00Z")
        application.skills.create(skill=skill, years=3)
        application.languages.create(language="en", level=4)


@pytest.mark.parametrize("url", [CHANGELIST, f"{CHANGELIST}?score_range=20-39&language=en"])
def test_the_admin_list_costs_the_same_queries_for_3_or_30_rows(client_as, staff, url):
    browser = client_as(staff)

    def changelist(count):
        assert browser.get(url).status_code == 200

    assert assert_flat_queries(applicants, changelist, sizes=(3, 30)) == 5


def test_the_dashboard_costs_the_same_queries_for_3_or_30_rows(client_as, staff):
    browser = client_as(staff)

    def dashboard(count):
        page = browser.get("/staff/sourcing/").content.decode()
        assert "Applicants by state" in page and "TX" in page

    assert assert_flat_queries(applicants, dashboard, sizes=(3, 30)) == 5


def applicants(count: int) -> int:
    make_applicants(count)
    return count


def screened_after_days(*days: int) -> None:
    """Applications submitted on 1 March that entered screening so many days later."""
    for day in days:
        ApplicationFactory(
            status=Status.SCREENING,
            submitted_at="2026-03-01T00:00Z",
            screening_at=f"2026-03-{1 + day:02d}T00:00Z",
        )


def test_the_dashboard_shows_the_funnel_and_median_time(client_as, staff):
    screened_after_days(2, 4, 9)
    ApplicationFactory(status=Status.SUBMITTED, submitted_at="2026-03-01T00:00Z")
    response = client_as(staff).get("/staff/sourcing/")
    funnel = {row["stage"]: row for row in response.context["funnel"]}
    assert (funnel["Submitted"]["count"], funnel["Screening"]["conversion"]) == (4, 75.0)
    assert response.context["median_days"][0] == {"stage": "Submitted", "days": 4.0, "count": 3}


@pytest.mark.parametrize("vendor", ["postgresql", "sqlite"])
def test_median_time_in_stage_is_the_same_without_percentile_cont(monkeypatch, vendor):
    screened_after_days(2, 4, 9)
    monkeypatch.setattr("agents.selectors.connection", SimpleNamespace(vendor=vendor))
    statistics = pipeline_statistics(MAIN_STAGES)
    assert statistics["median_days"][0] == {"stage": "Submitted", "days": 4.0, "count": 3}
    assert statistics["median_days"][1] == {"stage": "Screening", "days": None, "count": 0}


@pytest.mark.parametrize("who", ["agent", "client_user"])
def test_only_staff_see_the_applicants(client_as, who, request):
    user = request.getfixturevalue(who)
    ApplicationFactory()
    assert client_as(user).get("/staff/sourcing/").status_code == 302  # to the admin login
    assert client_as(user).get(CHANGELIST).status_code == 302


def post_action(browser: object, action: str, applications: list, **extra: str) -> object:
    data = {"action": action, "_selected_action": [a.pk for a in applications], **extra}
    return browser.post(CHANGELIST, data, follow=True)


def test_bulk_advance_moves_what_it_may_and_reports_the_rest(client_as, staff):
    movable = [ApplicationFactory(status=Status.SUBMITTED) for _ in range(2)]
    stuck = ApplicationFactory(status=Status.REJECTED)
    page = post_action(client_as(staff), "advance", [*movable, stuck]).content.decode()
    assert "2 application(s) moved." in page
    assert "1 refused: a rejected application has no next stage" in page
    assert {a.status for a in Application.objects.filter(pk__in=[m.pk for m in movable])} == {
        "screening"
    }


def test_bulk_reject_asks_for_a_reason_first(client_as, staff):
    application = ApplicationFactory(status=Status.SCREENING)
    browser = client_as(staff)
    page = post_action(browser, "reject", [application]).content.decode()
    assert "Reason (the applicant sees it)" in page
    application.refresh_from_db()
    assert application.status == Status.SCREENING
    post_action(browser, "reject", [application], apply="1", reason="Typing below 30 wpm")
    transition = application.transitions.get()
    assert (transition.to_status, transition.reason) == ("rejected", "Typing below 30 wpm")


def test_bulk_waitlist_refuses_illegal_moves(client_as, staff):
    active = ApplicationFactory(status=Status.ACTIVE)
    page = post_action(client_as(staff), "waitlist", [active]).content.decode()
    assert "1 refused: An application that is active cannot become waitlisted." in page


def test_csv_export_can_be_imported_again(client_as, staff):
    make_applicants(2)
    response = post_action(client_as(staff), "export_csv", list(Application.objects.all()))
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == ",".join([*COLUMNS, "status", "score"])
    assert len(lines) == 3 and "healthcare:3" in lines[1]


def test_admin_upload_queues_an_import_job(client_as, staff, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("people.csv", b"x", content_type="text/csv")
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_as(staff).post(f"{CHANGELIST}import/", {"file": upload})
    job = Job.objects.get(kind=IMPORT_KIND)
    assert response.url == f"/staff/sourcing/imports/{job.pk}/"
    assert len(callbacks) == 1


def test_staff_without_the_change_permission_cannot_import(client_as, staff):
    staff.is_superuser = False
    staff.save(update_fields=["is_superuser"])
    upload = SimpleUploadedFile("people.csv", b"x", content_type="text/csv")
    response = client_as(staff).post(f"{CHANGELIST}import/", {"file": upload})
    assert response.status_code == 403
    assert not Job.objects.filter(kind=IMPORT_KIND).exists()


def run_import_job(staff: object, content: bytes) -> Job:
    from django.core.files.storage import default_storage

    path = default_storage.save("imports/test.csv", io.BytesIO(content))
    job = job_create(kind=IMPORT_KIND, owner=staff)
    applicants_import_run(job_id=job.pk, path=path)
    assert not default_storage.exists(path)
    job.refresh_from_db()
    return job


def test_the_import_job_reports_progress_and_errors(client_as, staff):
    header = ",".join(COLUMNS)
    good = "ana@example.com,Ana,Silva,,FL,33101,en,voice,,20,30,50,95"
    job = run_import_job(staff, f"{header}\n{good}\nbad,A,B,,TX,75201,en,voice,,,,,\n".encode())
    assert (job.status, job.progress, job.result["created"], job.result["error_count"]) == (
        "succeeded",
        100,
        1,
        1,
    )
    browser = client_as(staff)
    page = browser.get(f"/staff/sourcing/imports/{job.pk}/").content.decode()
    assert "rows with errors" in page and "not an e-mail address" in page
    errors = browser.get(f"/staff/sourcing/imports/{job.pk}/errors.csv").content.decode()
    assert errors.splitlines() == ["line,reason", "3,email: 'bad' is not an e-mail address"]


def test_an_import_job_of_a_bad_file_fails_with_the_reason(staff):
    job = run_import_job(staff, b"\xff\xfe\x00garbage")
    assert job.status == "failed" and "not a CSV text file" in job.error
    assert not Application.objects.exists()


def test_rescore_button_queues_a_job(client_as, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_as(staff).post(f"{CHANGELIST}rescore/")
    job = Job.objects.get(kind="applicant re-score")
    assert response.url == f"/jobs/{job.pk}/" and len(callbacks) == 1


def test_a_running_import_page_polls_once_not_twice(client_as, staff):
    from jobs.services import job_create, job_start

    job = job_create(kind=IMPORT_KIND, owner=staff)
    job_start(job_id=job.pk)
    page = client_as(staff).get(f"/staff/sourcing/imports/{job.pk}/").text
    assert page.count('hx-trigger="every 1s"') == 1
