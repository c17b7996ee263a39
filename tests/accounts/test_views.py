from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.models import User
from notifications.models import Notification
from tests.factories import PASSWORD, ClientUserFactory, NotificationFactory
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def test_home_sends_each_role_to_its_own_dashboard(client_as, agent, client_user, staff):
    assert client_as(agent).get(reverse("home")).url == "/agent/"
    assert client_as(client_user).get(reverse("home")).url == "/client/"
    assert client_as(staff).get(reverse("home")).url == "/admin/"


def test_anonymous_is_sent_to_login(client_as):
    response = client_as(None).get("/agent/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_an_agent_cannot_open_the_client_dashboard(client_as, agent):
    response = client_as(agent).get("/client/")
    assert response.status_code == 403
    assert "can't open this page" in response.content.decode()


def test_a_client_cannot_open_the_agent_dashboard(client_as, client_user):
    assert client_as(client_user).get("/agent/").status_code == 403


def test_an_unapproved_client_sees_that_they_wait_for_approval(client_as):
    pending = ClientUserFactory(client_approved_at=None)
    page = client_as(pending).get("/client/").content.decode()
    assert "waiting for approval" in page


def test_profile_saves_time_zone_and_shows_times_in_it(client_as, agent):
    browser = client_as(agent)
    response = browser.post(
        reverse("profile"), {"full_name": "Ada Lovelace", "timezone": "Pacific/Honolulu"}
    )
    assert response.status_code == 302
    agent.refresh_from_db()
    assert agent.timezone == "Pacific/Honolulu"


def test_profile_refuses_a_bad_time_zone_with_a_form_error(client_as, agent):
    response = client_as(agent).post(
        reverse("profile"), {"full_name": "Ada", "timezone": "Nowhere/Land"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    agent.refresh_from_db()
    assert agent.timezone == "America/Chicago"


def test_pages_show_times_in_the_viewers_own_zone(client_as, agent):
    sent = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    NotificationFactory(user=agent, title="Hello")
    Notification.objects.filter(user=agent).update(created=sent)
    page = client_as(agent).get("/inbox/").content.decode()
    assert "09:00" in page  # 15:00 UTC is 09:00 in Chicago in November
    agent.timezone = "America/Los_Angeles"
    agent.save()
    assert "07:00" in client_as(agent).get("/inbox/").content.decode()


def test_admin_login_goes_through_allauth(client_as):
    response = client_as(None).get("/admin/login/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_an_agent_is_refused_by_the_admin(client_as, agent):
    assert client_as(agent).get("/admin/").status_code in (302, 403)
    assert client_as(agent).get("/admin/login/").status_code == 403


def test_signup_records_role_name_and_time_zone(client_as):
    response = client_as(None).post(
        "/accounts/signup/",
        {
            "role": "client",
            "full_name": "Cleo Brand",
            "email": "cleo@brand.example",
            "password1": "a-long-enough-pass-9",
            "password2": "a-long-enough-pass-9",
            "timezone": "America/Denver",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="cleo@brand.example")
    assert (user.role, user.full_name, user.timezone) == ("client", "Cleo Brand", "America/Denver")
    assert user.client_approved_at is None


def test_signup_cannot_claim_staff(client_as):
    response = client_as(None).post(
        "/accounts/signup/",
        {
            "role": "staff",
            "full_name": "Mallory",
            "email": "m@example.com",
            "password1": "a-long-enough-pass-9",
            "password2": "a-long-enough-pass-9",
            "timezone": "America/Denver",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="m@example.com").exists()


def test_failed_logins_are_rate_limited_even_for_the_right_password(client_as, agent):
    browser = client_as(None)
    for _ in range(5):
        browser.post("/accounts/login/", {"login": agent.email, "password": "wrong"})
    response = browser.post("/accounts/login/", {"login": agent.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in browser.session


@pytest.mark.parametrize(("url", "queries"), [("/agent/", 4), ("/inbox/", 3)])
def test_agent_pages_queries_stay_flat(client_as, agent, url, queries):
    browser = client_as(agent)

    def notifications(count):
        NotificationFactory.create_batch(count, user=agent)
        return count

    def page(count):
        assert browser.get(url).status_code == 200

    assert assert_flat_queries(notifications, page, sizes=(2, 62)) == queries


@pytest.mark.parametrize(("url", "queries"), [("/admin/accounts/user/", 4), ("/admin/", 3)])
def test_admin_user_list_and_index_queries_stay_flat(client_as, staff, url, queries):
    browser = client_as(staff)

    def client_users(count):
        ClientUserFactory.create_batch(count)
        return count

    def page(count):
        assert browser.get(url).status_code == 200

    assert assert_flat_queries(client_users, page, sizes=(3, 63)) == queries


def test_staff_see_dead_emails_on_the_admin_index(client_as, staff, agent):
    NotificationFactory(user=agent, delivery="dead", attempts=5)
    page = client_as(staff).get("/admin/").content.decode()
    assert "1 notification e-mail failed for good" in page


def test_staff_approve_clients_from_the_admin(client_as, staff):
    pending = ClientUserFactory(client_approved_at=None)
    response = client_as(staff).post(
        "/admin/accounts/user/",
        {"action": "approve_clients", "_selected_action": [pending.pk]},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_approved_client


def test_password_reset_sends_a_link_and_says_nothing_about_unknown_addresses(client_as, agent):
    from django.core import mail

    browser = client_as(None)
    assert browser.post("/accounts/password/reset/", {"email": agent.email}).status_code == 302
    assert (
        browser.post("/accounts/password/reset/", {"email": "nobody@x.example"}).status_code == 302
    )
    reset_mails = [m for m in mail.outbox if m.to == [agent.email]]
    assert len(reset_mails) == 1
    assert "/accounts/password/reset/key/" in reset_mails[0].body


@pytest.mark.parametrize(
    "url", ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"]
)
def test_account_security_pages_open_for_a_signed_in_person(client_as, agent, url):
    response = client_as(agent).get(url)
    assert response.status_code == 200
    assert b"vendor/pico-2.1.1.min.css" in response.content


def test_a_person_creates_and_replaces_their_api_token(client_as, client_user):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    browser = client_as(client_user)
    assert "You have no token yet" in browser.get("/account/api-token/").text
    browser.post("/account/api-token/")
    first = Token.objects.get(user=client_user).key
    assert first in browser.get("/account/api-token/").text
    browser.post("/account/api-token/")
    second = Token.objects.get(user=client_user).key
    assert second != first
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert api.get("/api/v1/me/").status_code == 403  # the old token no longer works
    api.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert api.get("/api/v1/me/").json()["email"] == client_user.email


def test_the_api_token_page_needs_a_login(client_as):
    response = client_as(None).get("/account/api-token/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
