"""An approved agent takes a course, fails the quiz, waits out the cool-down, passes, and sees
the certification with its public verification link."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CertificationFactory,
    CourseFactory,
    LessonFactory,
    ProgramFactory,
    QuizFactory,
    quiz_question,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COURSE = "Northwind: Order support"


def order_support_course() -> None:
    certification = CertificationFactory(name="Northwind order support")
    certification.programs.add(ProgramFactory(name="Order support"))
    course = CourseFactory(title=COURSE, topic="brand")
    course.certifications.add(certification)
    LessonFactory(course=course, position=1, title="Who Northwind are")
    LessonFactory(course=course, position=2, title="Returns and the Trail Promise")
    quiz = QuizFactory(course=course, title="Order support check", pass_mark_percent=100)
    quiz_question(quiz, "How long does the Trail Promise allow returns?", ["60 days"], ["30 days"])
    quiz_question(quiz, "Where does a refund go?", ["Original payment method"], ["Store credit"])


def answer(page, *choices: str) -> None:
    for choice in choices:
        page.get_by_label(choice).check()
    page.get_by_role("button", name="Submit my answers").click()


def test_an_agent_fails_waits_out_the_cool_down_passes_and_is_certified(page):
    order_support_course()
    agent = ApplicationFactory(status="approved", user__full_name="Rosa Parker").user
    log_in(page, agent.email, PASSWORD)

    page.get_by_role("link", name="Learning").click()
    expect(page.get_by_role("heading", name="My learning")).to_be_visible()
    page.get_by_role("link", name="Browse the course catalogue").click()
    page.get_by_label("Only courses toward certifications").check()
    page.get_by_role("link", name=COURSE).click()
    page.get_by_role("button", name="Enrol in this course (free)").click()
    expect(page.get_by_text("You are enrolled")).to_be_visible()

    page.get_by_role("link", name="Who Northwind are").click()
    page.get_by_role("button", name="Mark lesson as done").click()
    expect(page.get_by_role("heading", name="Returns and the Trail Promise")).to_be_visible()
    page.get_by_role("button", name="Mark lesson as done").click()
    expect(page.get_by_label(f"Lessons done in {COURSE}")).to_have_attribute("value", "2")

    page.get_by_role("button", name="Take the quiz “Order support check”").click()
    answer(page, "30 days", "Store credit")
    expect(page.get_by_role("heading", name="Not passed: 0 %")).to_be_visible()
    expect(page.get_by_text("— your answer").first).to_be_visible()

    page.get_by_role("link", name=COURSE).click()
    page.get_by_role("button", name="Take the quiz “Order support check”").click()
    expect(page.get_by_text(re.compile("Take a break before the next attempt"))).to_be_visible()

    with time_machine.travel(timezone.now() + timedelta(minutes=61)):  # the server's clock too
        page.get_by_role("button", name="Take the quiz “Order support check”").click()
        answer(page, "60 days", "Original payment method")
        expect(page.get_by_role("heading", name="Passed: 100 %")).to_be_visible()

        page.get_by_role("link", name="your certifications").click()
        row = page.get_by_role("row").filter(has_text="Northwind order support")
        expect(row).to_contain_text("Valid")
        row.get_by_role("link", name=re.compile("Verification link")).click()
        expect(page.get_by_role("heading", name="Northwind order support")).to_be_visible()
        expect(page.get_by_text("Rosa Parker")).to_be_visible()
        expect(page.locator(".status-pill")).to_have_text("Valid")
