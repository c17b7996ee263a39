import pytest
from rest_framework.test import APIClient

from agents.models import Status
from notifications.models import Notification
from tests.factories import ApplicationFactory, SkillFactory

pytestmark = pytest.mark.django_db


def api_as(user: object) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_an_agent_reads_and_patches_their_own_draft(agent):
    api = api_as(agent)
    assert api.get("/api/v1/agents/me/").json()["status"] == "draft"
    response = api.patch(
        "/api/v1/agents/me/", {"state": "IN", "zip_code": "46402", "hours_min": 10, "hours_max": 25}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["timezone"] == "America/Chicago"


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"state": "ZZ"}, "state"),
        ({"hours_min": 30, "hours_max": 20}, None),
        ({"channels": ["fax"]}, "channels"),
        ({"zip_code": "123456"}, "zip_code"),
    ],
)
def test_a_bad_patch_is_a_400_naming_the_field(agent, patch, field):
    response = api_as(agent).patch("/api/v1/agents/me/", patch, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    if field:
        assert field in body


def test_a_submitted_application_cannot_be_patched(agent):
    ApplicationFactory(user=agent, status=Status.SUBMITTED)
    response = api_as(agent).patch("/api/v1/agents/me/", {"phone": "555 000 0000"})
    assert (response.status_code, response.json()["code"]) == (409, "not_editable")


def test_staff_list_and_filter_applications(staff):
    skill = SkillFactory(slug="healthcare")
    best = ApplicationFactory(status=Status.SUBMITTED, state="CA", score=50)
    best.skills.create(skill=skill, years=4)
    ApplicationFactory(status=Status.SUBMITTED, state="CA", score=10)
    ApplicationFactory(status=Status.SCREENING, state="NY", score=70)
    api = api_as(staff)
    assert api.get("/api/v1/applications/").json()["count"] == 3
    found = api.get("/api/v1/applications/?status=submitted&state=CA&min_score=20").json()
    assert [row["id"] for row in found["results"]] == [best.pk]
    assert api.get("/api/v1/applications/?skill=healthcare").json()["count"] == 1
    assert api.get("/api/v1/applications/?status=nonsense").status_code == 400


def test_staff_transition_one_application(staff):
    application = ApplicationFactory(status=Status.SUBMITTED)
    url = f"/api/v1/applications/{application.pk}/transition/"
    response = api_as(staff).post(url, {"to": "screening", "reason": "Looks good"})
    assert (response.status_code, response.json()["status"]) == (200, "screening")
    assert Notification.objects.filter(user=application.user, kind="application").exists()
    refused = api_as(staff).post(url, {"to": "active"})
    assert (refused.status_code, refused.json()["code"]) == (409, "illegal_transition")
    assert api_as(staff).post(url, {"to": "sideways"}).status_code == 400
    assert (
        api_as(staff).post("/api/v1/applications/999999/transition/", {"to": "x"}).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["agent", "client_user"])
def test_agents_and_clients_cannot_read_or_move_applicants(request, who):
    application = ApplicationFactory(status=Status.SUBMITTED)
    api = api_as(request.getfixturevalue(who))
    assert api.get("/api/v1/applications/").status_code == 403
    assert api.get(f"/api/v1/applications/{application.pk}/").status_code == 403
    url = f"/api/v1/applications/{application.pk}/transition/"
    assert api.post(url, {"to": "screening"}).status_code == 403
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_a_client_has_no_application(client_user):
    assert api_as(client_user).get("/api/v1/agents/me/").status_code == 403


def test_the_schema_documents_the_applicant_api(client_as, staff):
    schema = client_as(staff).get("/api/schema/").content.decode()
    assert "/api/v1/applications/{id}/transition/" in schema and "/api/v1/agents/me/" in schema
