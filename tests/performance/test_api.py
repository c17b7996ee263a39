"""The metric import over the API: JSON or CSV, both modes, who may, the schema."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from jobs.models import Job
from performance.importing.rows import COLUMNS
from performance.models import DailyMetric
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/performance/metrics/"
DAY = date(2026, 11, 30)


def api_for(user: object) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def acme(organisation: object) -> object:
    return ProgramFactory(organisation=organisation, name="Acme Chat")


@pytest.fixture
def globex(other_organisation: object) -> object:
    return ProgramFactory(organisation=other_organisation, name="Globex Voice")


def row(agent: object, program: object, **values: object) -> dict:
    return {"agent_email": agent.email, "program_id": program.pk, "day": str(DAY), **values}


def test_a_planner_imports_json_rows_then_updates_them(planner, acme, ada):
    response = api_for(planner).post(URL, [row(ada, acme, csat_percent="91.5")], format="json")
    assert response.status_code == 201
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0, "errors": []}
    again = api_for(planner).post(URL, [row(ada, acme, csat_percent=93)], format="json")
    assert (again.status_code, again.json()["updated"]) == (200, 1)
    assert str(DailyMetric.objects.get().csat_percent) == "93.00"


def test_a_bad_row_refuses_everything_and_names_the_line(owner, acme, ada):
    rows = [row(ada, acme), row(ada, acme, day="2026-11-29", qa_score=101)]
    response = api_for(owner).post(URL, rows, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "metrics_invalid"
    assert response.json()["errors"] == [
        {"line": 2, "reason": "qa_score: '101' is not a number from 0 to 100"}
    ]
    assert not DailyMetric.objects.exists()


def test_keep_good_writes_the_rest_and_still_names_the_line(owner, acme, ada):
    rows = [row(ada, acme), row(ada, acme, day="2026-11-29", qa_score=101)]
    response = api_for(owner).post(f"{URL}?mode=keep_good", rows, format="json")
    assert response.status_code == 201
    assert (response.json()["created"], response.json()["errors"][0]["line"]) == (1, 2)


def test_another_organisations_program_is_refused_per_row(planner, acme, globex, ada):
    response = api_for(planner).post(
        f"{URL}?mode=keep_good", [row(ada, acme), row(ada, globex)], format="json"
    )
    assert response.status_code == 201
    assert response.json()["errors"] == [
        {"line": 2, "reason": f"program_id: you may not import metrics for program {globex.pk}"}
    ]
    assert list(DailyMetric.objects.values_list("program", flat=True)) == [acme.pk]


def test_staff_import_for_any_program(staff, globex, ada):
    response = api_for(staff).post(URL, [row(ada, globex, qa_score=80)], format="json")
    assert response.status_code == 201


@pytest.mark.parametrize("who", ["ada", "viewer"])
def test_agents_and_viewers_are_forbidden(request, who, acme):
    person = request.getfixturevalue(who)
    response = api_for(person).post(URL, [row(person, acme)], format="json")
    assert response.status_code == 403
    assert not DailyMetric.objects.exists()


def test_a_csv_file_imports_and_a_nul_byte_refuses_it(planner, acme, ada):
    good = f"{','.join(COLUMNS)}\n{ada.email},{acme.pk},{DAY},12,,,,\n".encode()
    response = api_for(planner).post(
        URL, {"file": SimpleUploadedFile("m.csv", good), "mode": "keep_good"}, format="multipart"
    )
    assert (response.status_code, response.json()["created"]) == (201, 1)
    bad = SimpleUploadedFile("m.csv", good.replace(b"12", b"1\x002"))
    refused = api_for(planner).post(URL, {"file": bad}, format="multipart")
    assert (refused.status_code, refused.json()["code"]) == (400, "bad_file")
    assert "NUL" in refused.json()["detail"]
    assert DailyMetric.objects.get().contacts_handled == 12


def test_a_large_csv_becomes_a_job(planner, acme, ada):
    lines = [",".join(COLUMNS)] + [
        f"{ada.email},{acme.pk},2026-0{1 + n % 9}-{1 + n % 28:02d},{n},,,," for n in range(80_000)
    ]
    upload = SimpleUploadedFile("big.csv", "\n".join(lines).encode())
    response = api_for(planner).post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["job"])
    assert (job.owner, job.task) == (planner, "performance.tasks.metrics_import_task")


def test_a_body_that_is_not_a_list_of_rows_is_a_400(planner):
    response = api_for(planner).post(URL, {"rows": 3}, format="json")
    assert response.status_code == 400
    assert "rows" in response.json()
    bad_mode = api_for(planner).post(f"{URL}?mode=some", [], format="json")
    assert bad_mode.status_code == 400
    assert bad_mode.json()["mode"] == ["mode must be one of all_or_nothing, keep_good"]


def test_the_schema_describes_the_import(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/performance/metrics/" in schema
    assert "metrics_invalid" in schema
    assert "keep_good" in schema
