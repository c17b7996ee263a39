"""The demo data: each part made once, however often `seed_demo` runs."""

from datetime import date

import pytest
import time_machine
from django.core.management import get_commands

from accounts.models import User
from demo.accounts import seed_accounts
from demo.scheduling import seed_attendance, seed_availability, seed_bonuses_and_block
from notifications.models import Notification
from scheduling.attendance.earnings import earnings_week
from scheduling.booking.services import work_preference_for
from scheduling.models import AvailabilityException, AvailabilityWindow, Bonus, Booking, ClientBlock
from tests.factories import (
    AgentFactory,
    BookingFactory,
    ClientUserFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgramFactory,
    working_agent,
)
from tests.scheduling.attendance_world import block
from tests.scheduling.clock import HOUR, NOW

pytestmark = pytest.mark.django_db


def test_the_command_belongs_to_the_demo_app():
    assert get_commands()["seed_demo"] == "demo"


def test_the_people_are_made_once():
    first = seed_accounts()
    second = seed_accounts()
    assert first["users_created"] == 33
    assert second["users_created"] == 0
    assert User.objects.filter(role="agent").values("timezone").distinct().count() >= 6
    assert Notification.objects.filter(title="Welcome to gigcx").count() == 33


@time_machine.travel(NOW, tick=False)
def test_agents_get_windows_and_targets_once():
    agents = [AgentFactory(timezone="America/New_York") for _ in range(5)]
    assert seed_availability(agents) == 5
    assert seed_availability(agents) == 0
    assert AvailabilityWindow.objects.filter(agent=agents[0]).count() == 5
    assert work_preference_for(agents[2]).hours_max == 40
    assert AvailabilityException.objects.filter(agent=agents[0], available=False).count() == 1


@time_machine.travel(NOW, tick=False)
def test_the_owner_adds_two_bonuses_and_blocks_one_agent_once():
    program = ProgramFactory(name="Acme Voice", organisation=OrganisationFactory(name="Acme"))
    owner = ClientUserFactory()
    MembershipFactory(organisation=program.organisation, user=owner, role="owner")
    worker = working_agent(full_name="Wendy Worker")
    BookingFactory(agent=worker, program=program, starts_at=NOW - 24 * HOUR)
    assert seed_bonuses_and_block([program]) == (2, 1)
    assert seed_bonuses_and_block([program]) == (0, 0)
    assert set(Bonus.objects.values_list("created_by", flat=True)) == {owner.pk}
    assert ClientBlock.objects.get().agent == worker
    assert seed_bonuses_and_block([]) == (0, 0)


def test_attendance_gives_last_week_content_once():
    agents = [AgentFactory(timezone="America/New_York") for _ in range(3)]
    for agent in agents:
        block(agent, start=NOW + 24 * HOUR)  # the program they book
    seed_attendance(agents, now=NOW)
    seed_attendance(agents, now=NOW)
    last_week = earnings_week(agent=agents[0], week=date(2026, 11, 23), now=NOW)
    assert len(last_week.lines) == 5
    assert last_week.total > 0
    marked = Booking.objects.filter(agent__in=agents, starts_at__lt=NOW)
    assert marked.count() == 15
    assert not marked.filter(attendance=Booking.Attendance.SCHEDULED).exists()
    assert marked.filter(attendance=Booking.Attendance.NO_SHOW).exists()
