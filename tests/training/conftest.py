"""A certification path of one course: two lessons and a quiz of four questions (pool of 4,
three drawn per attempt unless a test says otherwise), pass mark 75 %."""

import pytest

from tests.factories import (
    CertificationFactory,
    CourseFactory,
    LessonFactory,
    ProgramFactory,
    QuizFactory,
    quiz_question,
)
from training.services import enrolment_create


@pytest.fixture
def certification(db: None) -> object:
    certification = CertificationFactory(name="Order support certified")
    certification.programs.add(ProgramFactory(name="Order support"))
    return certification


@pytest.fixture
def course(certification: object) -> object:
    course = CourseFactory(title="Order support basics", slug="order-support-basics")
    course.certifications.add(certification)
    LessonFactory(course=course, position=1, title="Who we are")
    LessonFactory(course=course, position=2, title="Deliveries")
    return course


@pytest.fixture
def quiz(course: object) -> object:
    quiz = QuizFactory(course=course, title="Order check")
    quiz_question(quiz, "Returns window?", ["60 days"], ["30 days", "14 days"])
    quiz_question(quiz, "Lost parcel after?", ["3 days"], ["1 day"])
    quiz_question(quiz, "Brand voice?", ["Warm", "Practical"], ["Formal"])
    quiz_question(quiz, "Refund goes to?", ["Original payment"], ["Store credit"])
    return quiz


@pytest.fixture
def enrolled(agent: object, course: object, quiz: object) -> object:
    return enrolment_create(agent=agent, course=course)


def right_answers(attempt: object) -> dict[int, set[int]]:
    return {
        question.pk: {c.pk for c in question.choices.all() if c.is_correct}
        for question in attempt.questions.all()
    }


def wrong_answers(attempt: object) -> dict[int, set[int]]:
    return {
        question.pk: {next(c.pk for c in question.choices.all() if not c.is_correct)}
        for question in attempt.questions.all()
    }
