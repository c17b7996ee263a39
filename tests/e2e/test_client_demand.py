"""A client planner's journey: upload a week of demand, watch staffing compute, read coverage."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clients.intervals import week_start
from clients.models import Membership
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, BookingFactory, MembershipFactory, ProgramFactory

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def week_csv(monday) -> bytes:
    """Every half hour from 08:00 to 20:00, Monday to Sunday, a busier lunchtime."""
    lines = ["interval_start,contacts"]
    for day in range(7):
        for slot in range(24):
            hour, minute = 8 + slot // 2, 30 * (slot % 2)
            contacts = 100 if 11 <= hour < 14 else 40
            lines.append(f"{monday + timedelta(days=day)}T{hour:02d}:{minute:02d},{contacts}")
    return ("\n".join(lines) + "\n").encode()


def test_a_planner_uploads_a_week_and_sees_the_coverage_chart(page, celery_worker):
    membership = MembershipFactory(role=Membership.Role.PLANNER, user__full_name="Dana Ortiz")
    program = ProgramFactory(organisation=membership.organisation, name="Order support")
    next_monday = week_start(timezone.localdate(timezone=ZoneInfo(program.timezone))) + timedelta(7)

    log_in(page, membership.user.email, PASSWORD)
    page.get_by_role("link", name="Order support").first.click()
    expect(page.get_by_role("heading", name="Order support")).to_be_visible()

    page.get_by_label("Forecast CSV").set_input_files(
        files=[{"name": "week.csv", "mimeType": "text/csv", "buffer": week_csv(next_monday)}]
    )
    page.get_by_label("Note (optional)").fill("Holiday week")
    page.get_by_role("button", name="Upload forecast").click()

    expect(page.get_by_role("heading", name="Order support · forecast v1")).to_be_visible()
    expect(page.get_by_role("status").get_by_text("Succeeded")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("status")).to_contain_text("Staffing ready")

    BookingFactory(  # an agent has booked the first lunchtime hour
        program=program,
        starts_at=program.slots.filter(contacts=100).earliest("starts_at").starts_at,
        ends_at=program.slots.filter(contacts=100).earliest("starts_at").starts_at
        + timedelta(hours=1),
    )
    page.get_by_role("link", name="See the coverage of this week").click()
    expect(page.get_by_role("img", name="Agents to schedule and agents booked")).to_be_visible()
    gaps = page.get_by_role("listitem").filter(has_text="Gaps")
    expect(gaps).to_contain_text("168")  # all 168 open intervals, the booked hour too (1 of 20)
    expect(page.get_by_role("cell", name="1/20").first).to_be_visible()
