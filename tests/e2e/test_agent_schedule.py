"""An agent's own week: set availability and a target, see a fresh block, undo it for free."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from scheduling.models import AvailabilityWindow, Booking
from tests.e2e.conftest import log_in, shifts_menu
from tests.factories import PASSWORD, BookingFactory, ProgramFactory, working_agent

NEW_YORK = ZoneInfo("America/New_York")
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_agent_sets_availability_and_undoes_a_fresh_booking(page):
    agent = working_agent(full_name="Nia York", timezone="America/New_York")
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    booking = BookingFactory(
        agent=agent, program=ProgramFactory(name="Acme Voice"), starts_at=start, pay_rate=18
    )
    log_in(page, agent.email, PASSWORD)

    shifts_menu(page, "Availability").click()
    page.get_by_label("Day", exact=True).select_option("Tuesday")
    page.locator("#id_window-starts").fill("09:00")
    page.locator("#id_window-ends").fill("08:00")
    page.get_by_role("button", name="Add window").click()
    expect(page.get_by_text("The end must come after the start.")).to_be_visible()
    page.locator("#id_window-ends").fill("13:30")
    page.get_by_role("button", name="Add window").click()
    expect(page.get_by_role("status")).to_have_text("Window added.")
    expect(page.get_by_role("button", name="Remove Tuesday 09:00–13:30")).to_be_visible()
    assert AvailabilityWindow.objects.filter(agent=agent).count() == 1

    page.get_by_label("At most (hours a week)").fill("24")
    page.get_by_role("button", name="Save target").click()
    expect(page.get_by_role("status")).to_have_text("Weekly target saved.")

    shifts_menu(page, "My schedule").click()
    expect(page.get_by_role("heading", name="My schedule")).to_be_visible()
    page.goto(f"{page.live_url}/agent/schedule/?week={start.astimezone(NEW_YORK):%Y-%m-%d}")
    expect(page.get_by_text("Acme Voice")).to_be_visible()
    expect(page.get_by_text("of your 20–24 h target")).to_be_visible()
    page.get_by_role("button", name="Undo booking").click()
    expect(page.get_by_role("status")).to_contain_text("Undone within the free window")
    assert Booking.objects.get(pk=booking.pk).cancellation == "free"
