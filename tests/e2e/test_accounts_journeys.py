"""Each role's first journey, the way a person walks it."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.conftest import PASSWORD_LABEL, log_in
from tests.factories import PASSWORD, ClientUserFactory, StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_newcomer_signs_up_as_agent_verifies_email_and_lands_on_dashboard(page):
    page.goto(page.live_url)
    page.get_by_role("link", name="Work as an agent").click()

    page.get_by_label("I want to work as an agent").check()
    page.get_by_label("Full name").fill("Rosa Parker")
    page.get_by_label("Email").fill("rosa@example.com")
    page.get_by_label(PASSWORD_LABEL).fill("a-safe-passphrase-42")
    page.get_by_label("Password (again)").fill("a-safe-passphrase-42")
    page.get_by_label("Your time zone").select_option("America/Denver")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    log_in(page, "rosa@example.com", "a-safe-passphrase-42")
    expect(page).to_have_url(f"{page.live_url}/agent/")
    expect(page.get_by_role("heading", name="Welcome, Rosa")).to_be_visible()
    expect(page.get_by_text("Times shown in America/Denver")).to_be_visible()
    expect(page.get_by_role("link", name="Welcome to gigcx")).to_be_visible()
    expect(page.get_by_label("1 unread")).to_be_visible()
    user = User.objects.get(email="rosa@example.com")
    assert (user.role, user.timezone) == ("agent", "America/Denver")


def test_a_brand_signing_up_has_the_client_role_chosen_for_them(page):
    page.goto(page.live_url)
    page.get_by_role("link", name="Staff your program").click()
    expect(page.get_by_label("I represent a client")).to_be_checked()


def test_client_lands_on_the_client_dashboard(page):
    client = ClientUserFactory(full_name="Dana Ortiz")
    log_in(page, client.email, PASSWORD)
    expect(page).to_have_url(f"{page.live_url}/client/")
    expect(page.get_by_role("heading", name="Client dashboard")).to_be_visible()
    expect(page.get_by_role("link", name="Client dashboard")).to_be_visible()


def test_staff_reach_the_admin(page):
    staff = StaffFactory()
    log_in(page, staff.email, PASSWORD)
    expect(page).to_have_url(f"{page.live_url}/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def test_wrong_password_shows_a_clear_error(page):
    client = ClientUserFactory()
    log_in(page, client.email, "not-my-password")
    expect(
        page.get_by_text("The email address and/or password you specified are not correct.")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_unread_count_in_the_navigation_goes_down_when_read(page):
    from notifications.services import notify

    client = ClientUserFactory()
    for number in (1, 2):
        notify(
            user=client,
            kind="program",
            title=f"Coverage report {number}",
            dedupe_key=f"e2e-report:{number}",
        )
    log_in(page, client.email, PASSWORD)
    expect(page.get_by_label("2 unread")).to_be_visible()
    page.get_by_role("link", name="Inbox").click()
    page.get_by_role("button", name="Mark “Coverage report 2” as read").click()
    expect(page.get_by_label("1 unread")).to_be_visible()


def test_staff_with_two_factor_enter_a_code_before_the_admin(page):
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    staff = StaffFactory()
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    log_in(page, staff.email, PASSWORD)
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # the current period
    page.get_by_role("textbox").fill(format_hotp_value(hotp_value(secret, counter)))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{page.live_url}/admin/")
