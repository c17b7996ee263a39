"""Organisations, members, invitations and forecast versions."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from clients.forecast_input import ForecastRow
from clients.models import Forecast, Invitation, Membership
from clients.selectors import forecast_in_force
from clients.services import (
    InvitationInvalid,
    NotAllowed,
    forecast_publish,
    invitation_accept,
    invitation_create,
    invitation_send,
    membership_remove,
    membership_set_role,
    organisation_create,
)
from gigcx.errors import Conflict
from tests.factories import AgentFactory, ClientUserFactory, MembershipFactory, ProgramFactory
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def founder(client_user):
    """The membership `organisation_create` gives the client who creates Northwind."""
    organisation = organisation_create(name="Northwind", owner=client_user)
    return organisation.memberships.get()


def invite(owner: Membership, email: str, role: str, *, by: object = None) -> object:
    """`by` (the owner unless said) invites `email` to the owner's organisation."""
    return invitation_create(
        organisation=owner.organisation, email=email, role=role, invited_by=by or owner.user
    )


def test_the_creator_owns_the_new_organisation(founder, client_user):
    assert (founder.user, founder.role, founder.organisation.name) == (
        client_user,
        Role.OWNER,
        "Northwind",
    )


def test_an_invitation_is_mailed_once_and_accepted_by_its_address(founder):
    invitation = invite(founder, "Pat@Example.com", Role.PLANNER)
    assert invitation.email == "pat@example.com"
    assert invitation_send(invitation_id=invitation.pk) is True
    assert [m.to for m in mail.outbox] == [["pat@example.com"]]
    assert invitation.token in mail.outbox[0].body
    assert invitation_send(invitation_id=invitation.pk) is False  # never twice

    pat = ClientUserFactory(email="pat@example.com", client_approved_at=None)
    membership = invitation_accept(token=invitation.token, user=pat)
    assert membership.role == Role.PLANNER
    pat.refresh_from_db()
    assert pat.client_approved_at is not None  # the owner vouched for them
    with pytest.raises(InvitationInvalid, match="expired or was already used"):
        invitation_accept(token=invitation.token, user=pat)


def test_an_invitation_cannot_be_taken_by_someone_else(founder):
    invitation = invite(founder, "pat@example.com", Role.VIEWER)
    with pytest.raises(InvitationInvalid, match=r"This invitation is for pat@example\.com"):
        invitation_accept(token=invitation.token, user=ClientUserFactory())
    assert not Membership.objects.filter(user__email="pat@example.com").exists()


def test_an_agent_account_cannot_join_an_organisation(founder):
    agent = AgentFactory(email="ann@example.com")
    invitation = invite(founder, agent.email, Role.VIEWER)
    with pytest.raises(InvitationInvalid, match="agent account"):
        invitation_accept(token=invitation.token, user=agent)


def test_an_expired_invitation_is_refused(founder):
    invitation = invite(founder, "pat@example.com", Role.VIEWER)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    with pytest.raises(InvitationInvalid, match="expired"):
        invitation_accept(token=invitation.token, user=ClientUserFactory(email="pat@example.com"))


def test_only_owners_invite_and_one_open_invitation_per_address(founder):
    planner = MembershipFactory(organisation=founder.organisation, role=Role.PLANNER).user
    with pytest.raises(NotAllowed):
        invite(founder, "x@example.com", Role.VIEWER, by=planner)
    invite(founder, "x@example.com", Role.VIEWER)
    with pytest.raises(Conflict, match="already has an open invitation"):
        invite(founder, "x@example.com", Role.OWNER)
    with pytest.raises(Conflict, match="already a member"):
        invite(founder, planner.email, Role.OWNER)


def test_an_organisation_keeps_one_owner(founder):
    with pytest.raises(Conflict, match="at least one owner"):
        membership_set_role(membership=founder, role=Role.VIEWER, by=founder.user)
    with pytest.raises(Conflict, match="at least one owner"):
        membership_remove(membership=founder, by=founder.user)
    second = MembershipFactory(organisation=founder.organisation, role=Role.OWNER)
    membership_set_role(membership=founder, role=Role.VIEWER, by=second.user)
    founder.refresh_from_db()
    assert founder.role == Role.VIEWER


def rows(*pairs: tuple[str, str]) -> list[ForecastRow]:
    return [
        ForecastRow(datetime.fromisoformat(t).replace(tzinfo=UTC), Decimal(c), None)
        for t, c in pairs
    ]


def test_versions_count_up_and_cover_whole_local_days():
    program = ProgramFactory()
    first = forecast_publish(
        program=program, rows=rows(("2026-03-02T14:00", "10")), source="csv", by=None
    )
    second = forecast_publish(
        program=program, rows=rows(("2026-03-03T14:00", "4")), source="api", by=None
    )
    assert (first.version, second.version) == (1, 2)
    assert first.period_start == datetime(2026, 3, 2, 5, tzinfo=UTC)  # local midnight, EST
    assert first.period_end == datetime(2026, 3, 3, 5, tzinfo=UTC)
    assert first.job.kind == "requirements"


def test_the_newest_version_rules_the_days_it_covers_and_only_those():
    program = ProgramFactory()
    forecast_publish(
        program=program,
        rows=rows(
            ("2026-03-02T14:00", "10"), ("2026-03-02T14:30", "12"), ("2026-03-03T14:00", "9")
        ),
        source="csv",
        by=None,
    )
    forecast_publish(program=program, rows=rows(("2026-03-02T15:00", "30")), source="csv", by=None)
    demand = forecast_in_force(
        program=program,
        start=datetime(2026, 3, 2, tzinfo=UTC),
        end=datetime(2026, 3, 4, tzinfo=UTC),
    )
    assert {t.strftime("%d %H:%M"): c for t, (c, _) in demand.items()} == {
        "02 14:00": 0,  # covered by v2, which leaves it out
        "02 14:30": 0,
        "02 15:00": 30,
        "03 14:00": 9,  # v2 does not cover Tuesday
    }


def test_the_week_grid_version_covers_its_whole_week_even_when_empty():
    program = ProgramFactory()
    forecast_publish(program=program, rows=rows(("2026-03-04T14:00", "10")), source="csv", by=None)
    empty = forecast_publish(
        program=program, rows=[], source=Forecast.Source.GRID, by=None, week=date(2026, 3, 2)
    )
    assert empty.interval_count == 0
    demand = forecast_in_force(program=program, start=empty.period_start, end=empty.period_end)
    assert list(demand.values()) == [(0, None)]


def test_forecast_in_force_needs_two_queries_whatever_the_versions():
    program = ProgramFactory()

    def versions(count):
        for contacts in range(1, count + 1):
            forecast_publish(
                program=program,
                rows=rows(("2026-03-02T14:00", str(contacts))),
                source="csv",
                by=None,
            )
        return count

    def in_force(count):
        demand = forecast_in_force(
            program=program,
            start=datetime(2026, 3, 2, tzinfo=UTC),
            end=datetime(2026, 3, 3, tzinfo=UTC),
        )
        assert list(demand.values()) == [(count, None)]

    assert assert_flat_queries(versions, in_force) == 2


def test_an_invitation_the_mail_server_refused_is_left_for_the_sweep(founder, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingEmailBackend"
    invitation = invite(founder, "pat@example.com", Role.VIEWER)
    with pytest.raises(ConnectionRefusedError):
        invitation_send(invitation_id=invitation.pk)
    invitation.refresh_from_db()
    assert invitation.sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert invitation_send(invitation_id=invitation.pk) is True
