"""Quiz attempts: the server draws the questions, keeps the clock and grades the answers.

Refusals (DomainError subclasses): a prerequisite missing, attempts exhausted, a cool-down running,
an answer to a question the attempt did not ask, a second submission, a submission past the limit.
"""

import random
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import cast

from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from gigcx.locking import locked
from training.errors import (
    AlreadyPassed,
    AlreadySubmitted,
    AnswerNotInAttempt,
    AttemptsExhausted,
    CoolingDown,
    TimeLimitPassed,
)
from training.models import Answer, Attempt, AttemptQuestion, Question, Quiz
from training.services import (
    check_prerequisite,
    course_check_completion,
    enrolment_of,
    lock_agent,
    renewal_due,
)

Answers = Mapping[int, set[int]]  # question id -> chosen choice ids

GRACE = timedelta(seconds=30)  # a submission in flight when the clock runs out still counts


def _local(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "M j, H:i")


def attempts_since_pass(*, agent: User, quiz: Quiz) -> list[Attempt]:
    """The agent's finished attempts at the quiz since the last pass (or ever), newest first."""
    return failures_since_pass(Attempt.objects.filter(agent=agent, quiz=quiz))


def failures_since_pass(attempts: Iterable[Attempt]) -> list[Attempt]:
    """The finished attempts among `attempts` (newest first) that come after the last pass."""
    failed = []
    for attempt in attempts:
        if attempt.submitted_at is None:
            continue
        if attempt.passed:
            break
        failed.append(attempt)
    return failed


def next_start_at(*, quiz: Quiz, failed: list[Attempt]) -> datetime | None:
    """When the cool-down after the latest failure ends (None: no failure to wait out)."""
    if not failed:
        return None
    submitted_at = cast(datetime, failed[0].submitted_at)  # a failed attempt was submitted
    return submitted_at + timedelta(minutes=quiz.cooldown_minutes)


def _check_may_start(*, agent: User, quiz: Quiz, now: datetime) -> None:
    check_prerequisite(agent=agent, course=quiz.course, at=now)
    enrolment_of(agent=agent, course=quiz.course)
    has_passed = Attempt.objects.filter(agent=agent, quiz=quiz, passed=True).exists()
    if has_passed and not any(
        renewal_due(agent=agent, certification=certification, at=now)
        for certification in quiz.course.certifications.all()
    ):
        raise AlreadyPassed(f"You passed “{quiz.title}” already.")
    failed = attempts_since_pass(agent=agent, quiz=quiz)
    if quiz.max_attempts and len(failed) >= quiz.max_attempts:
        raise AttemptsExhausted(
            f"You have used all {quiz.max_attempts} attempts at “{quiz.title}”. "
            "Ask the training team to reset them."
        )
    ready_at = next_start_at(quiz=quiz, failed=failed)
    if ready_at is not None and now < ready_at:
        raise CoolingDown(
            f"Take a break before the next attempt: “{quiz.title}” opens again at "
            f"{_local(ready_at)}."
        )


def _open_attempt(*, agent: User, quiz: Quiz, now: datetime) -> Attempt | None:
    """The attempt in progress, if any; one whose time ran out is closed as failed."""
    attempt = Attempt.objects.filter(agent=agent, quiz=quiz, submitted_at=None).first()
    if attempt is not None and attempt.deadline and now > attempt.deadline + GRACE:
        _close_timed_out(attempt, now)
        return None
    return attempt


def attempt_start(*, agent: User, quiz: Quiz) -> Attempt:
    """Resume the attempt in progress, or start one with questions drawn from the pool."""
    with locked() as locks:
        lock_agent(locks, agent)  # one start at a time per agent
        now = timezone.now()
        attempt = _open_attempt(agent=agent, quiz=quiz, now=now)
        if attempt is not None:
            return attempt
        _check_may_start(agent=agent, quiz=quiz, now=now)
        return _start(agent=agent, quiz=quiz, now=now)


def _start(*, agent: User, quiz: Quiz, now: datetime) -> Attempt:
    limit = quiz.time_limit_minutes
    attempt = Attempt.objects.create(
        agent=agent,
        quiz=quiz,
        started_at=now,
        deadline=now + timedelta(minutes=limit) if limit else None,
    )
    AttemptQuestion.objects.bulk_create(
        AttemptQuestion(attempt=attempt, question_id=pk, position=position)
        for position, pk in enumerate(_draw(quiz), start=1)
    )
    return attempt


def _draw(quiz: Quiz) -> list[int]:
    pool = list(quiz.questions.values_list("pk", flat=True))
    count = quiz.questions_per_attempt or len(pool)
    return random.SystemRandom().sample(pool, min(count, len(pool)))


def attempt_submit(*, agent: User, attempt_id: int, answers: Answers) -> Attempt:
    """Grade the attempt once. Past its time limit it is closed as failed and refused."""
    with locked() as locks:
        lock_agent(locks, agent)  # before the attempt: the one lock order
        attempt = locks.one(
            Attempt.objects.filter(pk=attempt_id, agent=agent).select_related("quiz__course"),
            missing=Attempt.DoesNotExist(),
        )
        now = timezone.now()
        if attempt.submitted_at is not None:
            raise AlreadySubmitted("This attempt was submitted already; start a new one.")
        timed_out = attempt.deadline is not None and now > attempt.deadline + GRACE
        if timed_out:
            _close_timed_out(attempt, now)
        else:
            _grade(attempt, answers, now)
    if timed_out:  # raised after commit: the closed attempt stays on the record
        raise TimeLimitPassed(
            f"Time ran out at {_local(cast(datetime, attempt.deadline))}; "
            "this attempt counts as not passed."
        )
    return attempt


def _close_timed_out(attempt: Attempt, now: datetime) -> None:
    attempt.submitted_at = now
    attempt.timed_out = True
    attempt.score_percent = 0
    attempt.passed = False
    attempt.save(update_fields=["submitted_at", "timed_out", "score_percent", "passed"])


def _grade(attempt: Attempt, answers: Answers, now: datetime) -> None:
    asked = list(
        Question.objects.filter(asked__attempt=attempt).prefetch_related("choices").distinct()
    )
    _check_answers_fit(asked, answers)
    rows = []
    for question in asked:
        chosen = set(answers.get(question.pk, set()))
        right = {choice.pk for choice in question.choices.all() if choice.is_correct}
        rows.append(
            (Answer(attempt=attempt, question=question, is_correct=chosen == right), chosen)
        )
    Answer.objects.bulk_create(answer for answer, _ in rows)
    Answer.choices.through.objects.bulk_create(
        Answer.choices.through(answer_id=answer.pk, choice_id=pk)
        for answer, chosen in rows
        for pk in chosen
    )
    right_count = sum(answer.is_correct for answer, _ in rows)
    attempt.score_percent = round(100 * right_count / len(rows)) if rows else 0
    attempt.passed = attempt.score_percent >= attempt.quiz.pass_mark_percent
    attempt.submitted_at = now
    attempt.save(update_fields=["score_percent", "passed", "submitted_at"])
    if attempt.passed:
        course_check_completion(agent=attempt.agent, course=attempt.quiz.course)


def _check_answers_fit(asked: list[Question], answers: Answers) -> None:
    by_pk = {question.pk: question for question in asked}
    for question_id, chosen in answers.items():
        question = by_pk.get(question_id)
        if question is None:
            raise AnswerNotInAttempt(
                "An answer was sent for a question this attempt did not ask; nothing was saved.",
                field="answers",
            )
        offered = {choice.pk for choice in question.choices.all()}
        if not set(chosen) <= offered:
            raise AnswerNotInAttempt(
                f"An answer to “{question.text[:60]}” is not one of its choices.",
                field=f"question_{question.pk}",
            )
        if question.kind == Question.Kind.SINGLE and len(chosen) > 1:
            raise AnswerNotInAttempt(
                f"“{question.text[:60]}” takes one answer.", field=f"question_{question.pk}"
            )
