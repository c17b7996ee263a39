import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.models import User
from accounts.services import (
    ApplicantAccount,
    applicant_users_upsert,
    client_approve,
    role_home_url,
    user_anonymise,
    user_set_role,
    user_update_profile,
    user_welcome,
)
from notifications.models import Notification
from tests.factories import AgentFactory, ClientUserFactory

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_normalised():
    user = User.objects.create_user("Ada@Example.COM", "pw-123456789")
    assert user.email == "ada@example.com"
    assert user.check_password("pw-123456789")
    assert not hasattr(user, "username")
    assert User.USERNAME_FIELD == "email"


def test_email_is_unique():
    User.objects.create_user("ada@example.com", "x")
    with pytest.raises(IntegrityError, match="accounts_user_email_key"):
        User.objects.create_user("ada@example.com", "y")


def test_superuser_is_staff_role():
    admin = User.objects.create_superuser("root@example.com", "pw")
    assert admin.is_staff and admin.is_superuser and admin.role == User.Role.STAFF


def test_new_user_is_an_agent_in_eastern_time_by_default():
    user = User.objects.create_user("new@example.com", "pw")
    assert user.role == User.Role.AGENT
    assert user.timezone == "America/New_York"


def test_profile_update_refuses_an_unknown_time_zone_and_keeps_the_old_one():
    user = AgentFactory(timezone="America/Denver")
    with pytest.raises(ValidationError) as error:
        user_update_profile(user=user, full_name="Ada", timezone_name="Mars/Olympus_Mons")
    assert "timezone" in error.value.message_dict
    user.refresh_from_db()
    assert user.timezone == "America/Denver"


def test_role_at_signup_cannot_be_staff():
    user = AgentFactory()
    with pytest.raises(ValueError, match="cannot be chosen"):
        user_set_role(user=user, role=User.Role.STAFF)
    user.refresh_from_db()
    assert user.role == User.Role.AGENT


def test_each_role_has_its_own_home():
    assert role_home_url(AgentFactory()) == "/agent/"
    assert role_home_url(ClientUserFactory()) == "/client/"
    assert role_home_url(AgentFactory(is_staff=True, role=User.Role.STAFF)) == "/admin/"


def test_approving_a_client_opens_their_pages_and_tells_them_once():
    pending = ClientUserFactory(client_approved_at=None)
    agent = AgentFactory()
    assert client_approve(users=[pending, agent]) == 1
    assert client_approve(users=[pending]) == 0
    pending.refresh_from_db()
    agent.refresh_from_db()
    assert pending.is_approved_client
    assert agent.client_approved_at is None
    assert Notification.objects.filter(user=pending, title__icontains="approved").count() == 1


def test_welcome_is_sent_once_per_person():
    agent = AgentFactory()
    user_welcome(user=agent)
    user_welcome(user=agent)
    welcome = Notification.objects.get(user=agent)
    assert welcome.title == "Welcome to gigcx"
    assert welcome.link == "/agent/"


def applicant(email: str, name: str = "Ana Silva", zone: str = "America/Chicago") -> object:
    return ApplicantAccount(email=email, full_name=name, timezone=zone)


def test_applicant_upsert_creates_agents_and_renames_only_who_changed():
    first = applicant_users_upsert(accounts=[applicant("ana@example.com"), applicant("b@x.io")])
    assert first.created == {"ana@example.com", "b@x.io"} and first.other_roles == {}
    ana = User.objects.get(email="ana@example.com")
    assert (ana.role, ana.full_name, ana.has_usable_password()) == ("agent", "Ana Silva", False)

    again = applicant_users_upsert(
        accounts=[applicant("ana@example.com", "Ana Lima", "America/New_York"), applicant("b@x.io")]
    )
    assert again.created == set() and again.user_ids == first.user_ids
    ana.refresh_from_db()
    assert (ana.full_name, ana.timezone) == ("Ana Lima", "America/New_York")
    assert User.objects.count() == 2


def test_applicant_upsert_never_touches_a_client_account():
    client = ClientUserFactory(email="dana@example.com", full_name="Dana Client")
    result = applicant_users_upsert(accounts=[applicant("dana@example.com")])
    assert (result.user_ids, result.other_roles) == ({}, {"dana@example.com": "client"})
    client.refresh_from_db()
    assert (client.role, client.full_name) == ("client", "Dana Client")


def test_anonymise_removes_what_identifies_the_person_and_keeps_the_row():
    agent = AgentFactory(full_name="Ada Agent")
    EmailAddress.objects.get_or_create(user=agent, email=agent.email)
    user_anonymise(user=agent)
    agent.refresh_from_db()
    assert (agent.email, agent.full_name) == (f"erased-{agent.pk}@erased.invalid", "")
    assert not agent.is_active and not agent.has_usable_password()
    assert not EmailAddress.objects.filter(user=agent).exists()
