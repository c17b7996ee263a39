"""An agent's shift: Today shows the block, they check in and out, Earnings shows what it paid."""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in, shifts_menu
from tests.factories import PASSWORD, AgentFactory, BookingFactory, ProgramFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_agent_checks_in_and_out_then_reads_the_earnings(page):
    agent = AgentFactory(email="kim@example.com", timezone="America/New_York")
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=5)
    BookingFactory(
        agent=agent,
        program=ProgramFactory(name="Acme Voice"),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        pay_rate=Decimal("20.00"),
    )
    log_in(page, "kim@example.com", PASSWORD)
    shifts_menu(page, "Today").click()
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    page.get_by_role("button", name="Check in to Acme Voice").click()
    expect(page.get_by_role("status")).to_have_text("You are checked in. Have a good shift!")
    page.get_by_role("button", name="Check out of Acme Voice").click()
    expect(page.get_by_role("status")).to_have_text("Checked out. Thank you!")
    expect(shifts_menu(page, "Earnings")).to_be_visible()
    week = start.astimezone(ZoneInfo(agent.timezone)).date()  # the block's week, even at midnight
    page.goto(f"{page.live_url}/agent/earnings/?week={week}")
    expect(page.get_by_role("heading", name="Earnings")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Attended").or_(page.get_by_role("cell", name="Partly"))
    ).to_be_visible()
