"""Courses, my progress, my certifications and verification over the API."""

import pytest

from tests.factories import AgentFactory, AwardFactory, CourseFactory, ProgramFactory
from tests.queries import assert_flat_queries
from training.services import enrolment_create, lesson_mark_done

pytestmark = pytest.mark.django_db


def test_courses_carry_my_progress_and_are_paginated(client_as, agent, enrolled, course):
    lesson_mark_done(agent=agent, lesson=course.lessons.first())
    body = client_as(agent).get("/api/v1/training/courses/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["slug"], row["lesson_count"], row["done_count"], row["enrolled"]) == (
        "order-support-basics",
        2,
        1,
        True,
    )


def test_an_unknown_topic_is_a_400_naming_the_field(client_as, agent):
    response = client_as(agent).get("/api/v1/training/courses/?topic=astrology")
    assert response.status_code == 400 and "topic" in response.json()


def test_my_enrolments_are_mine_only(client_as, agent, outsider, enrolled):
    assert client_as(agent).get("/api/v1/training/enrolments/").json()["count"] == 1
    assert client_as(outsider).get("/api/v1/training/enrolments/").json()["count"] == 0


def test_my_certifications_are_mine_only(client_as, agent, outsider):
    AwardFactory(agent=agent)
    AwardFactory(agent=AgentFactory())
    rows = client_as(agent).get("/api/v1/training/certifications/").json()["results"]
    assert len(rows) == 1 and rows[0]["status"] == "valid"
    assert client_as(outsider).get("/api/v1/training/certifications/").json()["count"] == 0


def test_verification_by_code_is_public(client_as):
    award = AwardFactory(agent=AgentFactory(full_name="Vera Valid"))
    body = client_as(None).get(f"/api/v1/training/verify/{award.code}/").json()
    assert body["holder"] == "Vera Valid" and body["status"] == "valid"
    assert client_as(None).get("/api/v1/training/verify/nope/").status_code == 404


def test_lists_need_a_signed_in_person(client_as):
    assert client_as(None).get("/api/v1/training/courses/").status_code in (401, 403)


def test_my_enrolments_stay_flat_as_programs_grow(client_as, agent):
    browser = client_as(agent)

    def enrolled_in_program_courses(count):
        for _ in range(count):
            enrolment_create(agent=agent, course=CourseFactory(program=ProgramFactory()))
        return count

    def enrolments(count):
        assert browser.get("/api/v1/training/enrolments/").json()["count"] == count

    assert assert_flat_queries(enrolled_in_program_courses, enrolments, sizes=(2, 12)) == 4
