"""Learning pages: what agents, clients, staff and the public see, and what they may not."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AgentFactory,
    AwardFactory,
    CertificationFactory,
    CourseFactory,
    LessonFactory,
    MembershipFactory,
    ProgramFactory,
)
from tests.queries import assert_flat_queries
from tests.training.conftest import right_answers
from training.attempts import attempt_start, attempt_submit
from training.markdown import render_lesson
from training.models import Answer, Attempt, Enrolment

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_courses_and_certifications_with_a_verification_link(
    client_as, agent, enrolled, certification
):
    award = AwardFactory(agent=agent, certification=certification)
    page = client_as(agent).get(reverse("training:dashboard"))
    assert page.status_code == 200
    assert "Order support basics" in page.text
    assert reverse("training:verify", args=[award.code]) in page.text


def test_the_catalogue_filters_by_topic_program_and_what_i_need(
    client_as, agent, course, certification
):
    CourseFactory(title="Handling conflict", topic="soft_skills")
    CourseFactory(title="Claims compliance", topic="compliance")
    browser = client_as(agent)
    assert "Claims compliance" in browser.get("/agent/learning/catalogue/?topic=compliance").text
    assert (
        "Handling conflict" not in browser.get("/agent/learning/catalogue/?topic=compliance").text
    )
    program = certification.programs.get()
    by_program = browser.get(f"/agent/learning/catalogue/?program={program.pk}").text
    assert "Order support basics" in by_program and "Handling conflict" not in by_program
    needed = browser.get("/agent/learning/catalogue/?required_for_me=on").text
    assert "Order support basics" in needed and "Handling conflict" not in needed
    AwardFactory(agent=agent, certification=certification)
    assert (
        "Order support basics"
        not in browser.get("/agent/learning/catalogue/?required_for_me=on").text
    )


def test_bad_filters_are_ignored_not_a_500(client_as, agent, course):
    page = client_as(agent).get("/agent/learning/catalogue/?program=abc&topic=nope")
    assert page.status_code == 200


def test_catalogue_and_dashboard_queries_stay_flat(client_as, agent):
    browser = client_as(agent)

    def courses(count):
        for _ in range(count):
            course = CourseFactory()
            course.certifications.add(CertificationFactory())
            LessonFactory(course=course)
            Enrolment.objects.create(agent=agent, course=course, enrolled_at=timezone.now())
            AwardFactory(agent=agent)
        return count

    def page(url):
        def get(count):
            assert browser.get(url).status_code == 200

        return get

    assert assert_flat_queries(courses, page("/agent/learning/catalogue/"), sizes=(2, 12)) == 4
    assert assert_flat_queries(courses, page("/agent/learning/"), sizes=(2, 12)) == 3


def test_enrol_read_a_lesson_and_mark_it_done(client_as, agent, course):
    browser = client_as(agent)
    lesson_url = reverse("training:lesson", args=[course.slug, 1])
    assert browser.get(lesson_url).status_code == 302  # not enrolled yet
    browser.post(reverse("training:enrol", args=[course.slug]))
    page = browser.get(lesson_url)
    assert "<strong>first</strong>" in page.text
    response = browser.post(reverse("training:lesson_done", args=[course.slug, 1]))
    assert response.url == reverse("training:lesson", args=[course.slug, 2])
    assert 'value="1"' in browser.get(reverse("training:course", args=[course.slug])).text


def test_taking_a_quiz_in_the_browser_shows_the_score_and_the_review(
    client_as, agent, quiz, enrolled
):
    browser = client_as(agent)
    response = browser.post(reverse("training:quiz_start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    assert response.url == reverse("training:attempt", args=[attempt.pk])
    answers = right_answers(attempt)
    data = {f"question_{pk}": list(choices) for pk, choices in answers.items()}
    browser.post(response.url, data)
    page = browser.get(response.url).text
    assert "Passed: 100 %" in page and "Review" in page


def test_an_unreadable_answer_is_a_message_not_a_500(client_as, agent, quiz, enrolled):
    attempt = attempt_start(agent=agent, quiz=quiz)
    url = reverse("training:attempt", args=[attempt.pk])
    response = client_as(agent).post(url, {"question_x": "1"}, follow=True)
    assert response.status_code == 200 and "not understood" in response.text
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_another_agents_attempt_is_not_found_and_stays_unsubmitted(
    client_as, agent, outsider, quiz, enrolled
):
    attempt = attempt_start(agent=agent, quiz=quiz)
    url = reverse("training:attempt", args=[attempt.pk])
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(outsider).post(url, {}).status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and not Answer.objects.exists()


def test_agent_pages_are_closed_to_clients_and_visitors(client_as, client_user, course):
    assert client_as(client_user).get("/agent/learning/").status_code == 403
    assert client_as(None).get("/agent/learning/").status_code == 302


def test_staff_analytics_is_for_staff_only(client_as, staff, agent, quiz, enrolled):
    attempt = attempt_start(agent=agent, quiz=quiz)
    attempt_submit(agent=agent, attempt_id=attempt.pk, answers=right_answers(attempt))
    page = client_as(staff).get("/staff/learning/")
    assert page.status_code == 200 and "Returns window?" in page.text and "100 %" in page.text
    assert client_as(agent).get("/staff/learning/").status_code == 302


def test_clients_see_holders_of_their_own_programs_certifications_only(client_as, client_user):
    mine = ProgramFactory(name="Order support")
    MembershipFactory(user=client_user, organisation=mine.organisation)
    theirs = ProgramFactory(name="Secret line")
    for program, holder in [(mine, "Mina Mine"), (theirs, "Tess Theirs")]:
        certification = CertificationFactory(name=f"{program.name} certified")
        certification.programs.add(program)
        AwardFactory(certification=certification, agent=AgentFactory(full_name=holder))
    page = client_as(client_user).get("/client/certifications/").text
    assert "Mina Mine" in page and "Order support certified" in page
    assert "Tess Theirs" not in page and "Secret line" not in page


def test_the_verification_page_is_public_and_shows_the_status(client_as):
    award = AwardFactory(agent=AgentFactory(full_name="Vera Valid"))
    page = client_as(None).get(reverse("training:verify", args=[award.code]))
    assert page.status_code == 200 and "Vera Valid" in page.text and "Valid" in page.text
    award.revoked_at, award.revoked_reason = award.awarded_at, "Identity check failed"
    award.save()
    page = client_as(None).get(reverse("training:verify", args=[award.code]))
    assert "Revoked" in page.text and "Identity check failed" in page.text
    assert client_as(None).get("/verify/no-such-code/").status_code == 404


def test_lesson_markdown_is_sanitised_and_images_only_from_our_site():
    html = render_lesson(
        "<script>alert(1)</script> ![ours](/media/a.png) ![theirs](https://evil.example/x.png)"
        " [bad](javascript:alert(1))"
    )
    assert "<script>" not in html and 'src="/media/a.png"' in html
    assert "evil.example" not in html and 'href="javascript' not in html
