"""Programs, forecasts, requirements and coverage over the API, with token authentication."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from clients.models import Forecast
from jobs.models import Job
from scheduling.staffing.services import requirements_recompute
from tests.factories import PASSWORD, ProgramFactory

pytestmark = pytest.mark.django_db


def api_for(user: object) -> APIClient:
    """An API client authenticated the way an integration is: with a token."""
    api = APIClient()
    token = api.post("/api/v1/auth/token/", {"email": user.email, "password": PASSWORD}).json()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")
    return api


def test_a_token_needs_the_right_password(viewer):
    response = APIClient().post("/api/v1/auth/token/", {"email": viewer.email, "password": "nope"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "password" in response.json()


def test_a_token_can_be_revoked(program, viewer):
    api = api_for(viewer)
    assert api.delete("/api/v1/auth/token/").status_code == 204
    response = api.get("/api/v1/programs/")
    assert (response.status_code, response.json()["detail"]) == (403, "Invalid token.")


def test_programs_list_only_my_organisations(program, viewer):
    ProgramFactory(name="Not mine")
    response = api_for(viewer).get("/api/v1/programs/")
    assert [p["name"] for p in response.json()["results"]] == ["Acme Voice"]


def test_another_organisation_gets_404_everywhere(program, stranger):
    for path in ("", "forecasts/", "requirements/", "coverage/"):
        assert api_for(stranger).get(f"/api/v1/programs/{program.pk}/{path}").status_code == 404


def test_a_viewer_cannot_change_a_program_or_upload(program, viewer):
    api = api_for(viewer)
    assert api.patch(f"/api/v1/programs/{program.pk}/", {"aht_seconds": 200}).status_code == 403
    body = {"intervals": [{"interval_start": "2026-03-02T09:00", "contacts": "5"}]}
    response = api.post(f"/api/v1/programs/{program.pk}/forecasts/", body, format="json")
    assert response.status_code == 403
    assert not Forecast.objects.exists()


def test_a_planner_changes_targets_with_the_models_rules(program, planner):
    api = api_for(planner)
    response = api.patch(f"/api/v1/programs/{program.pk}/", {"min_block_minutes": 45})
    assert response.status_code == 400
    assert "min_block_minutes" in response.json()
    response = api.patch(f"/api/v1/programs/{program.pk}/", {"aht_seconds": 240})
    assert response.json()["aht_seconds"] == 240


def test_a_json_forecast_is_published_and_staffed(program, planner):
    api = api_for(planner)
    body = {
        "note": "week 10",
        "intervals": [
            {"interval_start": "2026-03-02T09:00", "contacts": "100"},
            {"interval_start": "2026-03-02T09:30", "contacts": "50", "aht_seconds": "240"},
        ],
    }
    response = api.post(f"/api/v1/programs/{program.pk}/forecasts/", body, format="json")
    assert response.status_code == 201
    assert response.json()["version"] == 1
    requirements_recompute(forecast_id=Forecast.objects.get().pk)
    requirements = api.get(
        f"/api/v1/programs/{program.pk}/requirements/",
        {"start": "2026-03-02T00:00:00Z", "end": "2026-03-03T00:00:00Z"},
    ).json()
    staffed = [r for r in requirements["results"] if r["required"]]
    first = staffed[0]
    assert datetime.fromisoformat(first["starts_at"]) == datetime(2026, 3, 2, 14, tzinfo=UTC)
    assert (first["required"], first["to_schedule"]) == (14, 20)
    coverage = api.get(f"/api/v1/programs/{program.pk}/coverage/", {"week": "2026-03-04"})
    assert coverage.json()["week"] == "2026-03-02"
    assert coverage.json()["scheduled_hours"] > 0


def test_a_bad_forecast_names_every_line_and_saves_nothing(program, planner):
    api = api_for(planner)
    body = {
        "intervals": [
            {"interval_start": "2026-03-02T09:00", "contacts": "10"},
            {"interval_start": "2026-03-02T09:00", "contacts": "-1"},
            {"interval_start": "soon", "contacts": "1"},
        ]
    }
    response = api.post(f"/api/v1/programs/{program.pk}/forecasts/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "forecast_invalid"
    assert [e["line"] for e in response.json()["errors"]] == [2, 3]
    assert not Forecast.objects.exists()


def test_a_missing_intervals_list_is_a_400_naming_the_field(program, planner):
    response = api_for(planner).post(
        f"/api/v1/programs/{program.pk}/forecasts/", {"note": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_csv_file_can_be_uploaded_through_the_api(program, planner):
    csv_file = SimpleUploadedFile("f.csv", b"interval_start,contacts\n2026-03-02T09:00,3\n")
    response = api_for(planner).post(
        f"/api/v1/programs/{program.pk}/forecasts/", {"file": csv_file}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json()["interval_count"] == 1


def test_a_range_too_long_or_backwards_is_a_400(program, viewer):
    api = api_for(viewer)
    url = f"/api/v1/programs/{program.pk}/requirements/"
    response = api.get(url, {"start": "2026-03-02T00:00:00Z", "end": "2026-05-02T00:00:00Z"})
    assert (response.status_code, "end" in response.json()) == (400, True)
    response = api.get(url, {"start": "2026-03-02T00:00:00Z", "end": "2026-03-01T00:00:00Z"})
    assert response.status_code == 400
    assert api.get(f"/api/v1/programs/{program.pk}/coverage/", {"week": "x"}).status_code == 400


def test_the_schema_describes_the_demand_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/programs/{id}/forecasts/",
        "/api/v1/programs/{id}/coverage/",
        "/api/v1/auth/token/",
    ):
        assert path in schema
    assert "forecast_invalid" in schema  # the documented error example


def test_a_planner_sets_skills_and_languages_and_new_targets_recompute(program, planner):
    from agents.models import Skill

    Skill.objects.get_or_create(slug="retail", defaults={"name": "Retail"})
    api = api_for(planner)
    body = {
        "aht_seconds": 200,
        "required_skills": ["retail"],
        "languages": [{"language": "es", "min_level": 3}],
    }
    response = api.patch(f"/api/v1/programs/{program.pk}/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["languages"] == [{"language": "es", "min_level": 3}]
    assert response.json()["required_skills"] == ["retail"]
    assert Job.objects.filter(kind="requirements", status="queued").count() == 1


def test_an_unknown_language_is_a_400_naming_the_field(program, planner):
    body = {"languages": [{"language": "xx", "min_level": 3}]}
    response = api_for(planner).patch(f"/api/v1/programs/{program.pk}/", body, format="json")
    assert response.status_code == 400
    assert "languages" in response.json()


@pytest.mark.parametrize("body", [[1, 2], "just text", {"intervals": "nope"}, {"intervals": [{}]}])
def test_a_malformed_upload_body_is_a_400_not_an_error(program, body, planner):
    response = api_for(planner).post(
        f"/api/v1/programs/{program.pk}/forecasts/", body, format="json"
    )
    assert response.status_code == 400
    assert not Forecast.objects.exists()
