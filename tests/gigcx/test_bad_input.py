"""Junk in the address bar or the body never turns into a server error, for any role."""

import pytest

from agents.models import Status
from clients.models import Membership
from tests.factories import (
    AgentFactory,
    ApplicationFactory,
    MembershipFactory,
    ProgramFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

JUNK = "?week=soon&page=-1&start=yesterday&end=0&organisation=x&status=%00&min_score=lots&state=ZZ"
PAGES = [
    "/",
    "/bill-of-rights/",
    "/agent/",
    "/agent/apply/",
    "/agent/apply/review/",
    "/agent/apply/no-such-step/",
    "/agent/my-data.json",
    "/staff/sourcing/",
    "/client/",
    "/client/programs/",
    "/client/programs/new/",
    "/client/programs/{program}/",
    "/client/programs/{program}/edit/",
    "/client/programs/{program}/forecasts/week/",
    "/client/programs/{program}/forecasts/1/",
    "/client/programs/{program}/coverage/",
    "/client/programs/{program}/coverage.csv",
    "/client/programs/999999/coverage/",
    "/client/organisations/{organisation}/members/",
    "/client/invitations/nope/",
    "/inbox/",
    "/jobs/999999/",
    "/api/v1/programs/",
    "/api/v1/programs/{program}/",
    "/api/v1/programs/{program}/forecasts/",
    "/api/v1/programs/{program}/requirements/",
    "/api/v1/programs/{program}/coverage/",
    "/api/v1/applications/",
    "/api/v1/agents/me/",
    "/api/v1/jobs/",
    "/agent/swaps/",
    "/agent/waitlist/",
    "/api/v1/waitlist/",
    "/api/v1/swaps/",
]
POSTS = [
    ("/client/programs/{program}/forecasts/", {"file": "not a file"}),
    ("/client/programs/{program}/forecasts/week/" + JUNK, {"c_x": "1", "note": "x" * 500}),
    ("/client/programs/{program}/edit/", {"name": "", "open_0": "on", "opens_0": "25:00"}),
    ("/client/organisations/{organisation}/members/", {"email": "not-an-address", "role": "boss"}),
    ("/client/members/{membership}/", {"role": "boss"}),
    ("/client/", {"name": ""}),
    ("/agent/apply/contact/", {"phone": "x" * 500}),
    ("/api/v1/auth/token/", {"email": 3}),
    ("/agent/waitlist/join/", {"program": "x", "start": "soon", "end": "%00"}),
    ("/agent/waitlist/999999/accept/", {}),
    ("/agent/waitlist/999999/decline/", {}),
    ("/agent/waitlist/999999/leave/", {}),
    ("/agent/swaps/post/999999/", {"offered_to": "not-an-address", "note": "x" * 500}),
    ("/agent/swaps/999999/take/", {}),
    ("/agent/swaps/999999/withdraw/", {}),
    ("/api/v1/waitlist/", {"program": -1, "start": "soon", "end": ""}),
    ("/api/v1/waitlist/999999/accept/", {}),
    ("/api/v1/swaps/", {"booking": "x", "offered_to": 3, "note": "x" * 500}),
    ("/api/v1/swaps/999999/take/", {}),
]


@pytest.fixture
def world():
    membership = MembershipFactory(role=Membership.Role.OWNER)
    program = ProgramFactory(organisation=membership.organisation)
    agent = AgentFactory()
    ApplicationFactory(user=agent, status=Status.DRAFT)
    ids = {
        "program": program.pk,
        "organisation": membership.organisation_id,
        "membership": membership.pk,
    }
    people = {"owner": membership.user, "agent": agent, "staff": StaffFactory(), "nobody": None}
    return ids, people


@pytest.mark.parametrize("role", ["owner", "agent", "staff", "nobody"])
def test_no_page_answers_junk_with_a_server_error(client_as, world, role):
    ids, people = world
    browser = client_as(people[role])
    for page in PAGES:
        response = browser.get(page.format(**ids) + JUNK)
        assert response.status_code < 500, (page, response.status_code)


@pytest.mark.parametrize("role", ["owner", "agent", "staff"])
def test_no_form_answers_junk_with_a_server_error(client_as, world, role):
    ids, people = world
    browser = client_as(people[role])
    for page, data in POSTS:
        response = browser.post(page.format(**ids), data)
        assert response.status_code < 500, (page, response.status_code)
