import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_me_needs_authentication():
    assert APIClient().get("/api/v1/me/").status_code in (401, 403)


def test_me_with_a_token(agent):
    token = Token.objects.create(user=agent)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = api.get("/api/v1/me/").json()
    assert body["email"] == agent.email
    assert body["role"] == "agent"


def test_me_patch_names_the_bad_field_and_changes_nothing(agent):
    api = APIClient()
    api.force_authenticate(agent)
    response = api.patch("/api/v1/me/", {"timezone": "Mars/Base"}, format="json")
    assert response.status_code == 400
    assert "timezone" in response.json()
    agent.refresh_from_db()
    assert agent.timezone == "America/Chicago"


def test_me_cannot_change_role(agent):
    api = APIClient()
    api.force_authenticate(agent)
    response = api.patch(
        "/api/v1/me/", {"role": "staff", "timezone": "America/Denver"}, format="json"
    )
    assert response.status_code == 200
    agent.refresh_from_db()
    assert (agent.role, agent.timezone) == ("agent", "America/Denver")
