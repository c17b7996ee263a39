from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import User
from clients.models import Program
from clients.selectors import program_list
from training.models import (
    Attempt,
    AttemptQuestion,
    Award,
    Certification,
    Course,
    Enrolment,
    Lesson,
    LessonDone,
    Question,
    Quiz,
)


class Progress(TypedDict):
    lesson_count: int
    done_count: int
    enrolled: bool
    completed_at: datetime | None


if TYPE_CHECKING:  # WithAnnotations takes one argument at run time
    from django_stubs_ext import WithAnnotations

    CourseWithProgress = WithAnnotations[Course, Progress]


def valid_awards_q(at: datetime) -> Q:
    """Awards that count at `at`: earned, not yet expired, not revoked."""
    return Q(awarded_at__lte=at, expires_at__gt=at, revoked_at__isnull=True)


def certified_program_ids(*, agent_id: int, program_ids: Iterable[int], at: datetime) -> set[int]:
    """The programs among `program_ids` whose every required certification the agent holds at `at`.

    Two queries however many programs: what each program requires, and what the agent holds.
    """
    program_ids = set(program_ids)
    required: dict[int, set[int]] = defaultdict(set)
    for program_id, certification_id in Certification.programs.through.objects.filter(
        program_id__in=program_ids
    ).values_list("program_id", "certification_id"):
        required[program_id].add(certification_id)
    if not required:
        return program_ids
    held = set(
        Award.objects.filter(valid_awards_q(at), agent_id=agent_id).values_list(
            "certification_id", flat=True
        )
    )
    return {pk for pk in program_ids if required[pk] <= held}


def _count(queryset: QuerySet, by: str) -> Coalesce:
    """A correlated COUNT(*) of `queryset` grouped by `by`, 0 when there is none."""
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def with_progress(courses: QuerySet[Course], *, agent: User) -> "QuerySet[CourseWithProgress]":
    """Courses with the agent's progress: lesson_count, done_count, enrolled, completed_at."""
    mine = Enrolment.objects.filter(agent=agent, course=OuterRef("pk"))
    return courses.annotate(
        lesson_count=_count(Lesson.objects.filter(course=OuterRef("pk")), "course"),
        done_count=_count(
            LessonDone.objects.filter(enrolment__agent=agent, lesson__course=OuterRef("pk")),
            "enrolment",
        ),
        enrolled=Exists(mine),
        completed_at=Subquery(mine.values("completed_at")[:1]),
    )


def held_certification_ids(*, agent: User, at: datetime) -> QuerySet:
    return Award.objects.filter(valid_awards_q(at), agent=agent).values("certification")


def catalogue(
    *,
    agent: User,
    at: datetime,
    topic: str = "",
    program: Program | None = None,
    required_for_me: bool = False,
) -> "list[CourseWithProgress]":
    """Published courses with the agent's progress, filtered. Two queries however many rows.

    `required_for_me`: courses on the path of a certification that an active program requires
    and the agent does not hold yet.
    """
    courses = Course.objects.filter(is_published=True)
    if topic:
        courses = courses.filter(topic=topic)
    if program is not None:
        on_path = Certification.objects.filter(programs=program).values("pk")
        courses = courses.filter(Q(program=program) | Q(certifications__in=on_path))
    if required_for_me:
        missing = Certification.objects.filter(programs__is_active=True).exclude(
            pk__in=held_certification_ids(agent=agent, at=at)
        )
        courses = courses.filter(certifications__in=missing.values("pk"))
    return list(  # pk__in: the joins above may repeat a course
        with_progress(Course.objects.filter(pk__in=courses.values("pk")), agent=agent)
        .select_related("program__organisation", "prerequisite")
        .prefetch_related("certifications")
        .order_by("topic", "title")
    )


def enrolled_courses(*, agent: User) -> "QuerySet[CourseWithProgress]":
    courses = Course.objects.filter(enrolments__agent=agent)
    return (
        with_progress(courses, agent=agent)
        .select_related("program__organisation")  # a program's name includes its organisation
        .order_by("title")
    )


def awards_of(*, agent: User) -> QuerySet[Award]:
    return Award.objects.filter(agent=agent).select_related("certification")


def learning_dashboard(*, agent: User) -> dict[str, list]:
    """The agent's courses in progress and completed, and their awards. Three queries."""
    courses = list(enrolled_courses(agent=agent))
    awards = list(awards_of(agent=agent))
    return {
        "in_progress": [course for course in courses if course.completed_at is None],
        "completed": [course for course in courses if course.completed_at is not None],
        "awards": awards,
    }


def course_for(*, slug: str, agent: User) -> "CourseWithProgress":
    """A published course with its lessons and quizzes, and the agent's progress (404 if none)."""
    course = (
        with_progress(Course.objects.filter(slug=slug, is_published=True), agent=agent)
        .select_related("program", "prerequisite")
        .prefetch_related("lessons", "quizzes", "certifications")
        .first()
    )
    if course is None:
        raise Http404("No such course")
    done = set(
        LessonDone.objects.filter(enrolment__agent=agent, lesson__course=course).values_list(
            "lesson_id", flat=True
        )
    )
    for lesson in course.lessons.all():
        lesson.done = lesson.pk in done
    return course


def quiz_attempts(*, agent: User, quiz: Quiz) -> list[Attempt]:
    return list(Attempt.objects.filter(agent=agent, quiz=quiz))


def attempt_for(*, agent: User, attempt_id: int) -> Attempt:
    """One of the agent's attempts with the questions asked, in order (404 for anyone else's)."""
    attempt = (
        Attempt.objects.filter(pk=attempt_id, agent=agent).select_related("quiz__course").first()
    )
    if attempt is None:
        raise Http404("No such attempt")
    asked = (
        AttemptQuestion.objects.filter(attempt=attempt)
        .select_related("question")
        .prefetch_related("question__choices")
    )
    answers = {answer.question_id: answer for answer in attempt.answers.prefetch_related("choices")}
    attempt.asked_questions = []
    for row in asked:
        question = row.question
        question.answer = answers.get(question.pk)
        question.chosen = (
            {c.pk for c in question.answer.choices.all()} if question.answer else set()
        )
        attempt.asked_questions.append(question)
    return attempt


def award_by_code(*, code: str) -> Award:
    award = Award.objects.select_related("agent", "certification").filter(code=code).first()
    if award is None:
        raise Http404("No certification has this code")
    return award


def course_statistics() -> list[Course]:
    """Per course: enrolled, completed, attempts and passed attempts (staff analytics)."""
    by_course = OuterRef("pk")
    attempts = Attempt.objects.filter(quiz__course=by_course).exclude(submitted_at=None)
    return list(
        Course.objects.annotate(
            enrolled=_count(Enrolment.objects.filter(course=by_course), "course"),
            completed=_count(
                Enrolment.objects.filter(course=by_course).exclude(completed_at=None), "course"
            ),
            attempted=_count(attempts, "quiz__course"),
            passed=_count(attempts.filter(passed=True), "quiz__course"),
        ).order_by("title")
    )


def question_statistics() -> list[Question]:
    """Per question: how often answered and answered right, hardest first (finds bad questions)."""
    return list(
        Question.objects.select_related("quiz__course")
        .annotate(
            answered=Count("answers"),
            right=Count("answers", filter=Q(answers__is_correct=True)),
        )
        .filter(answered__gt=0)
        .order_by(F("right") * 1.0 / F("answered"), "quiz__course__title")
    )


def certified_agents_for_client(*, user: User, at: datetime) -> list[Program]:
    """The client's programs, each with its required certifications and who holds them now.

    Three queries: programs, their certifications, the valid awards of those certifications.
    """
    programs = list(program_list(user=user).prefetch_related("required_certifications"))
    certification_ids = {
        certification.pk
        for program in programs
        for certification in program.required_certifications.all()
    }
    holders: dict[int, list[Award]] = defaultdict(list)
    for award in (
        Award.objects.filter(valid_awards_q(at), certification_id__in=certification_ids)
        .select_related("agent")
        .order_by("agent__full_name", "agent__email")
    ):
        holders[award.certification_id].append(award)
    for program in programs:
        program.certifications = [  # type: ignore[attr-defined]  # for the template
            (certification, holders[certification.pk])
            for certification in program.required_certifications.all()
        ]
    return programs
