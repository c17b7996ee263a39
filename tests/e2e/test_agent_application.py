"""A newcomer applies, typing test included; staff advance them to approved; they hear of it."""

import re

import pytest
from playwright.sync_api import expect

from agents.models import Application
from agents.typing import PASSAGE
from tests.agents.conftest import WRITING
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, AgentFactory, StaffFactory, sourcing_vocabulary

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def save(page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def fill_application(page) -> None:
    page.get_by_role("link", name="Start my application").click()
    expect(page.get_by_role("heading", name="Contact details")).to_be_visible()
    page.get_by_label("Full name").fill("Rosa Parker")
    page.get_by_label("Phone number").fill("(850) 555-0147")
    save(page)
    page.get_by_label("State").select_option(label="Florida")
    page.get_by_label("ZIP code").fill("32501")
    save(page)
    page.get_by_label("Level of language 1").select_option(label="Native")
    page.get_by_label("Language 2", exact=True).select_option(label="Spanish")
    save(page)
    page.get_by_label("Voice").check()
    page.get_by_label("Chat").check()
    page.get_by_label("Fewest hours a week").fill("20")
    page.get_by_label("Most hours a week").fill("30")
    save(page)
    page.get_by_label("Healthcare (years)").fill("4")
    page.get_by_label("Brands you are a fan of").fill("Delta, Nintendo")
    save(page)
    page.get_by_label("I have a USB headset").check()
    page.get_by_label("connected to the internet by cable").check()
    page.get_by_label("I have a quiet room").check()
    page.get_by_label("Measured download speed (Mbps)").fill("200")
    page.get_by_label("Measured upload speed (Mbps)").fill("20")
    page.get_by_label("Operating system").select_option(label="Windows")
    save(page)


def take_typing_test(page) -> None:
    page.get_by_label("Writing sample").fill(WRITING)
    page.get_by_label("Typing test: type the passage above").click()
    page.keyboard.type(PASSAGE, delay=70)
    expect(page.locator("#typing-wpm")).not_to_have_text("0")
    save(page)


def advance_in_admin(page, email: str, times: int) -> None:
    for _ in range(times):
        page.goto(f"{page.live_url}/admin/agents/application/?q={email}")
        page.locator("input[name='_selected_action']").first.check()
        page.locator("select[name='action']").select_option("advance")
        page.get_by_role("button", name="Go").click()
        expect(page.get_by_text("1 application(s) moved.")).to_be_visible()


def test_a_newcomer_applies_and_staff_approve_them(page, browser):
    sourcing_vocabulary()
    agent = AgentFactory(email="rosa@example.com", full_name="Rosa")
    log_in(page, agent.email, PASSWORD)
    fill_application(page)
    take_typing_test(page)
    page.get_by_label(re.compile("I accept the Agent Bill of Rights")).check()
    page.get_by_label(re.compile("I accept the Independent-contractor agreement")).check()
    save(page)
    expect(page.get_by_role("heading", name="Review and submit")).to_be_visible()
    expect(page.get_by_text("Florida 32501 · America/Chicago")).to_be_visible()
    page.get_by_role("button", name="Submit my application").click()
    expect(page.get_by_text("Your application is submitted.")).to_be_visible()
    expect(page.locator(".status-pill")).to_have_text("Submitted")

    application = Application.objects.get(user=agent)
    assert 30 < application.typing_wpm < 250 and application.typing_accuracy >= 95

    staff_context = browser.new_context()
    staff_page = staff_context.new_page()
    staff_page.live_url = page.live_url
    staff = StaffFactory()
    log_in(staff_page, staff.email, PASSWORD)
    advance_in_admin(staff_page, agent.email, times=4)  # screening … approved
    staff_context.close()

    page.reload()
    expect(page.locator(".status-pill")).to_have_text("Approved")
    expect(page.get_by_text("What comes next: You are approved.")).to_be_visible()
    page.get_by_role("link", name="Inbox").click()
    expect(page.get_by_role("link", name="Your application: approved")).to_be_visible()
