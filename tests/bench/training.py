"""Learning: the catalogue and dashboard with many courses, a quiz sitting, the reminder sweep."""

from datetime import timedelta

from django.utils import timezone

from tests.bench.common import Row, bench_page, median_of, timed
from tests.factories import (
    AgentFactory,
    AwardFactory,
    CertificationFactory,
    CourseFactory,
    LessonFactory,
    QuizFactory,
    quiz_question,
)
from training.attempts import attempt_start, attempt_submit
from training.models import Award, Enrolment
from training.services import award_ids_to_remind

TITLE = "Learning (issue 5)"
COURSES = 60
SITTINGS = 200
AWARDS = 20_000


def _courses() -> list:
    courses = []
    for n in range(COURSES):
        course = CourseFactory()
        course.certifications.add(CertificationFactory())
        for position in range(1, 6):
            LessonFactory(course=course, position=position)
        quiz = QuizFactory(course=course, questions_per_attempt=5, max_attempts=0)
        for q in range(10):
            quiz_question(quiz, f"Question {n}.{q}", ["right"], ["wrong a", "wrong b"])
        courses.append(course)
    return courses


def _sittings(quiz: object) -> None:
    for _ in range(SITTINGS):
        agent = AgentFactory()
        Enrolment.objects.create(agent=agent, course=quiz.course, enrolled_at=timezone.now())
        attempt = attempt_start(agent=agent, quiz=quiz)
        answers = {
            question.pk: {question.choices.filter(is_correct=True).get().pk}
            for question in attempt.questions.all()
        }
        attempt_submit(agent=agent, attempt_id=attempt.pk, answers=answers)


def run() -> list[Row]:
    courses = _courses()
    agent = AgentFactory()
    now = timezone.now()
    for course in courses:
        Enrolment.objects.create(agent=agent, course=course, enrolled_at=now)
        AwardFactory(agent=agent, certification=course.certifications.get())
    rows = [
        bench_page(agent, "/agent/learning/catalogue/", f"catalogue page, {COURSES} courses"),
        bench_page(
            agent, "/agent/learning/", f"learning dashboard, {COURSES} courses and certifications"
        ),
        timed(
            "quiz sitting: enrol, start (draw 5 of 10), submit and grade",
            SITTINGS,
            lambda: _sittings(courses[1].quizzes.get()),
        ),
    ]
    certification = courses[0].certifications.get()
    Award.objects.bulk_create(
        Award(
            agent=agent,
            certification=certification,
            awarded_at=now - timedelta(days=n % 365),
            expires_at=now - timedelta(days=n % 365) + timedelta(days=365),
        )
        for n in range(AWARDS)
    )
    return [
        *rows,
        median_of(
            f"reminder sweep query over {AWARDS:,} awards",
            5,
            lambda: award_ids_to_remind(at=timezone.now()),
        ),
    ]
