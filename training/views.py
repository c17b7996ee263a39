"""Learning pages: agents' dashboard, catalogue, courses, lessons and quizzes; verification;
analytics for staff; certification holders for clients. Thin: selectors read, services write."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.models import User
from gigcx.errors import DomainError
from gigcx.http import AuthenticatedHttpRequest
from training import selectors
from training.attempts import attempt_start, attempt_submit, failures_since_pass, next_start_at
from training.forms import CatalogueFilterForm, answers_from
from training.markdown import render_lesson
from training.models import Attempt, Course, Lesson, Quiz
from training.services import enrolment_create, lesson_mark_done

agent_pages = role_required(User.Role.AGENT)


@agent_pages
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = selectors.learning_dashboard(agent=request.user)
    return render(request, "training/dashboard.html", context)


@agent_pages
@require_GET
def catalogue(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    courses = selectors.catalogue(
        agent=request.user,
        at=timezone.now(),
        topic=filters.get("topic", ""),
        program=filters.get("program"),
        required_for_me=filters.get("required_for_me", False),
    )
    template = "training/_course_list.html" if request.htmx else "training/catalogue.html"
    return render(request, template, {"form": form, "courses": courses})


@agent_pages
@require_GET
def course_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, agent=request.user)
    quizzes = [_quiz_state(request.user, quiz) for quiz in course.quizzes.all()]
    return render(request, "training/course.html", {"course": course, "quizzes": quizzes})


def _quiz_state(agent: User, quiz: Quiz) -> Quiz:
    quiz.attempts_made = selectors.quiz_attempts(agent=agent, quiz=quiz)
    quiz.passed = any(attempt.passed for attempt in quiz.attempts_made)
    failed = failures_since_pass(quiz.attempts_made)
    quiz.opens_at = next_start_at(quiz=quiz, failed=failed)
    quiz.attempts_left = quiz.max_attempts - len(failed) if quiz.max_attempts else None
    return quiz


@agent_pages
@require_POST
def enrol(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = get_object_or_404(Course, slug=slug, is_published=True)
    try:
        enrolment_create(agent=request.user, course=course)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"You are enrolled in “{course.title}”. Enjoy the course!")
    return redirect("training:course", slug=slug)


def _lesson(slug: str, position: int) -> Lesson:
    return get_object_or_404(
        Lesson.objects.select_related("course"),
        course__slug=slug,
        course__is_published=True,
        position=position,
    )


@agent_pages
@require_GET
def lesson_detail(request: AuthenticatedHttpRequest, slug: str, position: int) -> HttpResponse:
    course = selectors.course_for(slug=slug, agent=request.user)
    lesson = next((row for row in course.lessons.all() if row.position == position), None)
    if lesson is None:
        raise Http404("No such lesson")
    if not course.enrolled:
        messages.info(request, "Enrol in the course (it is free) to read its lessons.")
        return redirect("training:course", slug=slug)
    lessons = list(course.lessons.all())
    index = lessons.index(lesson)
    context = {
        "course": course,
        "lesson": lesson,
        "body": render_lesson(lesson.body),
        "previous": lessons[index - 1] if index else None,
        "next": lessons[index + 1] if index + 1 < len(lessons) else None,
    }
    return render(request, "training/lesson.html", context)


@agent_pages
@require_POST
def lesson_done(request: AuthenticatedHttpRequest, slug: str, position: int) -> HttpResponse:
    lesson = _lesson(slug, position)
    try:
        lesson_mark_done(agent=request.user, lesson=lesson)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("training:course", slug=slug)
    following = lesson.course.lessons.filter(position__gt=position).first()
    if following is not None:
        return redirect("training:lesson", slug=slug, position=following.position)
    return redirect("training:course", slug=slug)


@agent_pages
@require_POST
def quiz_start(request: AuthenticatedHttpRequest, quiz_id: int) -> HttpResponse:
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=quiz_id)
    try:
        attempt = attempt_start(agent=request.user, quiz=quiz)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("training:course", slug=quiz.course.slug)
    return redirect("training:attempt", attempt_id=attempt.pk)


@agent_pages
@require_http_methods(["GET", "POST"])
def attempt_detail(request: AuthenticatedHttpRequest, attempt_id: int) -> HttpResponse:
    """The questions while the attempt is open; the score and a review of mistakes after."""
    if request.method == "POST":
        return _attempt_submit(request, attempt_id)
    attempt = selectors.attempt_for(agent=request.user, attempt_id=attempt_id)
    return render(request, "training/attempt.html", {"attempt": attempt})


def _attempt_submit(request: AuthenticatedHttpRequest, attempt_id: int) -> HttpResponse:
    """Grade the answers and go back to the attempt (404 for anyone else's attempt)."""
    get_object_or_404(Attempt.objects.only("pk"), pk=attempt_id, agent=request.user)
    try:
        attempt_submit(
            agent=request.user, attempt_id=attempt_id, answers=answers_from(request.POST)
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("training:attempt", attempt_id=attempt_id)


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone with the code sees holder, certification, dates and status."""
    return render(request, "training/verify.html", {"award": selectors.award_by_code(code=code)})


@staff_member_required
@require_GET
def staff_analytics(request: HttpRequest) -> HttpResponse:
    context = {
        "courses": selectors.course_statistics(),
        "questions": selectors.question_statistics(),
    }
    return render(request, "training/staff_analytics.html", context)


@role_required(User.Role.CLIENT)
@require_GET
def client_certifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    programs = selectors.certified_agents_for_client(user=request.user, at=timezone.now())
    return render(request, "training/client_certifications.html", {"programs": programs})
