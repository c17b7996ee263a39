"""Demo learning for `seed_demo`: the courses of `training_content`, certifications attached to the
demo programs, and agents at every stage.

agent02–agent24 hold every program's certification (so the demo bookings are valid),
agent25–agent30 are partway (enrolled, some failed attempts, one award expiring within 30 days),
agent01 is freshly approved with nothing, for a visitor to take a course.
"""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from clients.models import Program
from demo.training_content import PROGRAM_COURSES, SOFT_SKILL_COURSES
from training.models import (
    Answer,
    Attempt,
    AttemptQuestion,
    Award,
    Certification,
    Course,
    Enrolment,
    LessonDone,
    Question,
    Quiz,
)
from training.selectors import valid_awards_q

QUIZ_RULES = {
    "questions_per_attempt": 4,
    "pass_mark_percent": 75,
    "max_attempts": 3,
    "cooldown_minutes": 60,
    "time_limit_minutes": 15,
}


def _program(names: tuple[str, str] | None) -> Program | None:
    if names is None:
        return None
    return Program.objects.filter(organisation__name=names[0], name=names[1]).first()


def _certification(spec: dict) -> Certification:
    fields = {key: value for key, value in spec.items() if key != "program"}
    certification, _ = Certification.objects.get_or_create(slug=fields["slug"], defaults=fields)
    program = _program(spec.get("program"))
    if program is not None:
        certification.programs.add(program)
    return certification


def _course(fields: dict, certification: dict, lessons: list, questions: list) -> Course:
    course = Course.objects.create(**{**fields, "program": _program(fields.get("program"))})
    course.certifications.add(_certification(certification))
    for position, (title, body) in enumerate(lessons, start=1):
        course.lessons.create(position=position, title=title, body=body)
    quiz = Quiz.objects.create(course=course, title=f"{course.title}: check", **QUIZ_RULES)
    for text, choices, explanation in questions:
        right = sum(correct for _, correct in choices)
        kind = Question.Kind.MULTIPLE if right > 1 else Question.Kind.SINGLE
        question = quiz.questions.create(text=text, kind=kind, explanation=explanation)
        for choice, correct in choices:
            question.choices.create(text=choice, is_correct=correct)
    return course


@transaction.atomic
def seed_training() -> set[str]:
    """Courses, certifications and demo agents' progress (idempotent: skipped if courses exist).

    Returns the e-mails of the agents who hold every program's certification.
    """
    agents = list(User.objects.filter(email__regex=r"^agent\d\d@gigcx\.example$").order_by("email"))
    if Course.objects.exists():
        return _fully_certified(agents)
    soft = [_course(*spec) for spec in SOFT_SKILL_COURSES]
    soft[1].prerequisite = Certification.objects.get(slug="conflict-resolution")
    soft[1].save(update_fields=["prerequisite"])
    brand = [_course(*spec) for spec in PROGRAM_COURSES]
    rng = random.Random(2026)  # noqa: S311 - the same demo every time, not a secret
    now = timezone.now()
    for index, agent in enumerate(agents[1:24]):
        for course in brand + ([soft[0]] if index % 2 else []):
            _complete(agent, course, at=now - timedelta(days=rng.randint(20, 300)), rng=rng)
    _partway(agents[24:30], brand=brand, soft=soft, now=now, rng=rng)
    return _fully_certified(agents)


def _fully_certified(agents: list[User]) -> set[str]:
    required = set(
        Certification.objects.filter(programs__isnull=False).values_list("pk", flat=True)
    )
    now = timezone.now()
    held: dict[int, set[int]] = {}
    for agent_id, certification_id in Award.objects.filter(valid_awards_q(now)).values_list(
        "agent_id", "certification_id"
    ):
        held.setdefault(agent_id, set()).add(certification_id)
    return {agent.email for agent in agents if required <= held.get(agent.pk, set())}


def _enrol(agent: User, course: Course, at: datetime, lessons: int | None = None) -> Enrolment:
    enrolment = Enrolment.objects.create(agent=agent, course=course, enrolled_at=at)
    done = list(course.lessons.all())[:lessons]
    LessonDone.objects.bulk_create(
        LessonDone(enrolment=enrolment, lesson=lesson, done_at=at + timedelta(minutes=20 * n))
        for n, lesson in enumerate(done, start=1)
    )
    return enrolment


def _complete(agent: User, course: Course, *, at: datetime, rng: random.Random) -> Award:
    """Enrolled, every lesson read, the quiz passed (after a failure, now and then), awarded."""
    enrolment = _enrol(agent, course, at)
    quiz = course.quizzes.get()
    sat_at = at + timedelta(hours=2)
    if rng.random() < 0.25:
        _sit(agent, quiz, at=sat_at, wrong=2, rng=rng)
        sat_at += timedelta(hours=3)
    _sit(agent, quiz, at=sat_at, wrong=rng.choice([0, 0, 1]), rng=rng)
    enrolment.completed_at = sat_at + timedelta(minutes=10)
    enrolment.save(update_fields=["completed_at"])
    certification = course.certifications.get()
    return Award.objects.create(
        agent=agent,
        certification=certification,
        awarded_at=enrolment.completed_at,
        expires_at=enrolment.completed_at + timedelta(days=certification.validity_days),
    )


def _sit(agent: User, quiz: Quiz, *, at: datetime, wrong: int, rng: random.Random) -> Attempt:
    """A submitted attempt with `wrong` of its drawn questions answered wrongly."""
    questions = rng.sample(list(quiz.questions.prefetch_related("choices")), 4)
    score = round(100 * (len(questions) - wrong) / len(questions))
    attempt = Attempt.objects.create(
        agent=agent,
        quiz=quiz,
        started_at=at,
        deadline=at + timedelta(minutes=quiz.time_limit_minutes),
        submitted_at=at + timedelta(minutes=rng.randint(4, 12)),
        score_percent=score,
        passed=score >= quiz.pass_mark_percent,
    )
    AttemptQuestion.objects.bulk_create(
        AttemptQuestion(attempt=attempt, question=question, position=position)
        for position, question in enumerate(questions, start=1)
    )
    for position, question in enumerate(questions):
        is_correct = position >= wrong
        right = [choice for choice in question.choices.all() if choice.is_correct]
        wrong_one = [choice for choice in question.choices.all() if not choice.is_correct][:1]
        answer = Answer.objects.create(attempt=attempt, question=question, is_correct=is_correct)
        answer.choices.set(right if is_correct else wrong_one)
    return attempt


def _partway(
    agents: list[User],
    *,
    brand: list[Course],
    soft: list[Course],
    now: datetime,
    rng: random.Random,
) -> None:
    """agent25–agent30: an award about to expire, lessons half read, failed attempts."""
    order, chat, member, claims = brand
    days_ago = [now - timedelta(days=days) for days in range(20)]
    _complete(agents[0], order, at=now - timedelta(days=346), rng=rng)  # expires in ~19 days
    _enrol(agents[0], member, days_ago[3], lessons=1)
    _enrol(agents[1], chat, days_ago[4], lessons=2)
    _sit(agents[1], chat.quizzes.get(), at=days_ago[3], wrong=2, rng=rng)
    _enrol(agents[2], claims, days_ago[6], lessons=3)
    for day in (5, 2):
        _sit(agents[2], claims.quizzes.get(), at=days_ago[day], wrong=3, rng=rng)
    _complete(agents[3], soft[0], at=days_ago[10], rng=rng)
    _enrol(agents[3], soft[1], days_ago[2], lessons=1)
    _enrol(agents[4], member, days_ago[5], lessons=3)
    _sit(agents[4], member.quizzes.get(), at=days_ago[1], wrong=2, rng=rng)
    _enrol(agents[5], order, days_ago[1], lessons=0)
