"""An agent's booking journey: availability, the week grid, My schedule, undo, waitlist, offer."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from scheduling.booking.services import booking_cancel
from scheduling.exchange.waitlist import waitlist_offer_next
from tests.e2e.conftest import log_in, shifts_menu
from tests.factories import PASSWORD, ProgramFactory, open_slots, working_agent

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_YORK = ZoneInfo("America/New_York")


def at(day, hour):
    return datetime.combine(day, time(hour), tzinfo=NEW_YORK).astimezone(ZoneInfo("UTC"))


def cell(page, day, start):
    return page.get_by_role("button", name=re.compile(rf"^Acme Voice, {day:%a} {start}–"))


def test_an_agent_books_undoes_waits_and_accepts_an_offer(page):
    day = timezone.localdate(timezone=NEW_YORK) + timedelta(days=2)
    program = ProgramFactory(name="Acme Voice", pay_rate=18, min_block_minutes=60)
    open_slots(program, at(day, 9), hours=6, capacity=2)
    program.slots.filter(starts_at__gte=at(day, 13), starts_at__lt=at(day, 14)).update(capacity=1)
    other = working_agent(timezone="America/New_York")
    taken = other.bookings.create(program=program, starts_at=at(day, 13), ends_at=at(day, 14))
    ada = working_agent(timezone="America/New_York", full_name="Ada Agent")

    log_in(page, ada.email, PASSWORD)
    shifts_menu(page, "Availability").click()
    window = page.locator("form").filter(has=page.get_by_role("button", name="Add window"))
    window.get_by_label("Day").select_option(label=f"{day:%A}")
    window.get_by_label("From").fill("09:00")
    window.get_by_label("Until").fill("12:00")
    window.get_by_role("button", name="Add window").click()
    expect(page.get_by_role("cell", name=f"{day:%A}", exact=True)).to_be_visible()

    page.get_by_role("link", name="Book shifts").click()
    page.goto(f"{page.live_url}/agent/book/?week={day:%Y-%m-%d}")
    expect(cell(page, day, "09:00")).to_have_attribute("aria-label", re.compile("availability"))
    cell(page, day, "09:00").click()
    cell(page, day, "10:30").click()
    panel = page.locator("#block-panel")
    expect(panel).to_contain_text("09:00–11:00")
    expect(panel).to_contain_text("$36.00")
    page.get_by_role("button", name="Book this block").click()
    expect(panel).to_contain_text("Booked: Acme Voice")
    expect(cell(page, day, "09:00")).to_have_attribute("aria-label", re.compile("booked by you"))

    shifts_menu(page, "My schedule").click()
    page.goto(f"{page.live_url}/agent/schedule/?week={day:%Y-%m-%d}")
    expect(page.get_by_text("09:00–11:00")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Undo booking")).click()
    expect(page.get_by_role("status")).to_be_visible()
    booking = ada.bookings.get()
    assert booking.cancellation == "free"

    page.goto(f"{page.live_url}/agent/book/?week={day:%Y-%m-%d}")
    expect(cell(page, day, "13:00")).to_have_attribute("aria-label", re.compile("full"))
    cell(page, day, "13:00").click()
    cell(page, day, "13:30").click()
    expect(panel).to_contain_text("13:00–14:00")
    page.get_by_role("button", name="Join the waitlist").click()
    expect(panel).to_contain_text("You are on the waitlist for Acme Voice")

    booking_cancel(agent=other, booking_id=taken.pk)  # a seat frees; offer it now
    waitlist_offer_next(program_id=program.pk, starts_at=at(day, 13), ends_at=at(day, 14))
    page.get_by_role("link", name="See your waitlist").click()
    page.get_by_role("button", name="Accept and book").click()
    expect(page.get_by_role("status").filter(has_text="Booked")).to_be_visible()
    live = ada.bookings.get(cancelled_at=None)
    assert (live.starts_at, live.ends_at) == (at(day, 13), at(day, 14))


def test_a_block_is_chosen_with_the_keyboard_or_by_dragging(page):
    day = timezone.localdate(timezone=NEW_YORK) + timedelta(days=2)
    program = ProgramFactory(name="Acme Voice", pay_rate=18)
    open_slots(program, at(day, 9), hours=3, capacity=2)
    ada = working_agent(timezone="America/New_York")
    log_in(page, ada.email, PASSWORD)
    page.goto(f"{page.live_url}/agent/book/?week={day:%Y-%m-%d}")
    panel = page.locator("#block-panel")

    first = cell(page, day, "09:00")
    first.focus()
    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(cell(page, day, "10:30")).to_be_focused()
    page.keyboard.press("Space")
    expect(panel).to_contain_text("09:00–11:00")

    cell(page, day, "10:00").hover()
    page.mouse.down()
    cell(page, day, "11:00").hover()
    page.mouse.up()
    expect(panel).to_contain_text("10:00–11:30")
    expect(panel.get_by_role("button", name="Book this block")).to_be_visible()
