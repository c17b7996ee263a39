"""Quiz scoring and integrity: the server decides what was asked, what is right and when."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.factories import AwardFactory, CertificationFactory, CourseFactory, LessonFactory
from tests.training.conftest import right_answers, wrong_answers
from training.attempts import attempt_start, attempt_submit
from training.errors import (
    AlreadyPassed,
    AlreadySubmitted,
    AnswerNotInAttempt,
    AttemptsExhausted,
    CoolingDown,
    NotEnrolled,
    PrerequisiteMissing,
    TimeLimitPassed,
)
from training.models import Answer, Attempt, Award, Enrolment, LessonDone
from training.services import enrolment_create, lesson_mark_done

pytestmark = pytest.mark.django_db


def finish_lessons(agent: object, course: object) -> None:
    for lesson in course.lessons.all():
        lesson_mark_done(agent=agent, lesson=lesson)


def test_the_server_draws_from_the_pool_and_records_what_it_asked(agent, quiz, enrolled):
    quiz.questions_per_attempt = 3
    quiz.save()
    attempt = attempt_start(agent=agent, quiz=quiz)
    asked = list(attempt.asked.values_list("question_id", flat=True))
    assert len(asked) == 3 and set(asked) <= set(quiz.questions.values_list("pk", flat=True))


def test_all_right_scores_100_and_passes(agent, quiz, enrolled):
    attempt = attempt_start(agent=agent, quiz=quiz)
    attempt = attempt_submit(agent=agent, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert (attempt.score_percent, attempt.passed) == (100, True)
    assert Answer.objects.filter(attempt=attempt, is_correct=True).count() == 4


def test_multiple_choice_needs_every_right_choice_and_no_wrong_one(agent, quiz, enrolled):
    attempt = attempt_start(agent=agent, quiz=quiz)
    answers = right_answers(attempt)
    voice = quiz.questions.get(text="Brand voice?")
    answers[voice.pk] = {voice.choices.get(text="Warm").pk}  # one of two right choices
    attempt = attempt_submit(agent=agent, attempt_id=attempt.pk, answers=answers)
    assert (attempt.score_percent, attempt.passed) == (75, True)
    assert not Answer.objects.get(attempt=attempt, question=voice).is_correct


def test_unanswered_questions_count_as_wrong(agent, quiz, enrolled):
    attempt = attempt_start(agent=agent, quiz=quiz)
    attempt = attempt_submit(agent=agent, attempt_id=attempt.pk, answers={})
    assert (attempt.score_percent, attempt.passed) == (0, False)


def test_an_answer_to_a_question_not_asked_is_refused_and_nothing_saved(agent, quiz, enrolled):
    quiz.questions_per_attempt = 3
    quiz.save()
    attempt = attempt_start(agent=agent, quiz=quiz)
    not_asked = quiz.questions.exclude(pk__in=attempt.asked.values("question")).get()
    answers = {**right_answers(attempt), not_asked.pk: {not_asked.choices.first().pk}}
    with pytest.raises(AnswerNotInAttempt, match="did not ask"):
        attempt_submit(agent=agent, attempt_id=attempt.pk, answers=answers)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and not Answer.objects.exists()


def test_a_choice_of_another_question_is_refused(agent, quiz, enrolled):
    attempt = attempt_start(agent=agent, quiz=quiz)
    first, second = list(attempt.questions.all())[:2]
    with pytest.raises(AnswerNotInAttempt, match="not one of its choices"):
        attempt_submit(
            agent=agent, attempt_id=attempt.pk, answers={first.pk: {second.choices.first().pk}}
        )


def test_two_answers_to_a_single_choice_question_are_refused(agent, quiz, enrolled):
    attempt = attempt_start(agent=agent, quiz=quiz)
    single = quiz.questions.get(text="Returns window?")
    chosen = set(single.choices.values_list("pk", flat=True)[:2])
    with pytest.raises(AnswerNotInAttempt, match="takes one answer"):
        attempt_submit(agent=agent, attempt_id=attempt.pk, answers={single.pk: chosen})


def test_a_second_submission_is_refused_and_the_first_score_stands(agent, quiz, enrolled):
    attempt = attempt_start(agent=agent, quiz=quiz)
    attempt_submit(agent=agent, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    with pytest.raises(AlreadySubmitted):
        attempt_submit(agent=agent, attempt_id=attempt.pk, answers=right_answers(attempt))
    attempt.refresh_from_db()
    assert (attempt.score_percent, attempt.passed) == (0, False)


def test_past_the_time_limit_is_refused_and_counts_as_not_passed(agent, quiz, enrolled):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt = attempt_start(agent=agent, quiz=quiz)
    with (
        time_machine.travel(start + timedelta(minutes=16), tick=False),
        pytest.raises(TimeLimitPassed, match="Time ran out"),
    ):
        attempt_submit(agent=agent, attempt_id=attempt.pk, answers=right_answers(attempt))
    attempt.refresh_from_db()
    assert attempt.timed_out and attempt.passed is False and not Answer.objects.exists()


def test_within_the_limit_a_submission_counts(agent, quiz, enrolled):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt = attempt_start(agent=agent, quiz=quiz)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        attempt = attempt_submit(agent=agent, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert attempt.passed


def fail_once(agent: object, quiz: object, at: object) -> Attempt:
    with time_machine.travel(at, tick=False):
        attempt = attempt_start(agent=agent, quiz=quiz)
        return attempt_submit(agent=agent, attempt_id=attempt.pk, answers=wrong_answers(attempt))


def test_a_new_attempt_during_the_cool_down_is_refused(agent, quiz, enrolled):
    start = timezone.now()
    fail_once(agent, quiz, start)
    with (
        time_machine.travel(start + timedelta(minutes=30), tick=False),
        pytest.raises(CoolingDown, match="Take a break"),
    ):
        attempt_start(agent=agent, quiz=quiz)
    assert Attempt.objects.count() == 1
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert attempt_start(agent=agent, quiz=quiz).submitted_at is None


def test_attempts_run_out_after_the_limit(agent, quiz, enrolled):
    start = timezone.now()
    for n in range(3):
        fail_once(agent, quiz, start + timedelta(hours=2 * n))
    with (
        time_machine.travel(start + timedelta(days=1), tick=False),
        pytest.raises(AttemptsExhausted, match="all 3 attempts"),
    ):
        attempt_start(agent=agent, quiz=quiz)


def test_an_open_attempt_is_resumed_not_duplicated(agent, quiz, enrolled):
    first = attempt_start(agent=agent, quiz=quiz)
    assert attempt_start(agent=agent, quiz=quiz) == first


def test_an_attempt_needs_an_enrolment(agent, quiz):
    with pytest.raises(NotEnrolled):
        attempt_start(agent=agent, quiz=quiz)


def test_a_missing_prerequisite_blocks_enrolment_and_attempts(agent, quiz, enrolled):
    needed = CertificationFactory(name="Conflict resolution")
    advanced = CourseFactory(prerequisite=needed)
    with pytest.raises(PrerequisiteMissing, match="Conflict resolution"):
        enrolment_create(agent=agent, course=advanced)
    assert not Enrolment.objects.filter(course=advanced).exists()
    quiz.course.prerequisite = needed
    quiz.course.save()
    with pytest.raises(PrerequisiteMissing):
        attempt_start(agent=agent, quiz=quiz)


def test_a_revoked_or_expired_prerequisite_does_not_count(agent):
    needed = CertificationFactory()
    advanced = CourseFactory(prerequisite=needed)
    AwardFactory(agent=agent, certification=needed, revoked_at=timezone.now())
    AwardFactory(
        agent=agent,
        certification=needed,
        awarded_at=timezone.now() - timedelta(days=400),
        expires_at=timezone.now() - timedelta(days=35),
    )
    with pytest.raises(PrerequisiteMissing):
        enrolment_create(agent=agent, course=advanced)
    AwardFactory(agent=agent, certification=needed)
    assert enrolment_create(agent=agent, course=advanced).course == advanced


def test_passing_every_course_of_the_path_awards_the_certification(
    agent, quiz, enrolled, certification
):
    second = CourseFactory()
    second.certifications.add(certification)
    closing = LessonFactory(course=second, position=1)
    finish_lessons(agent, quiz.course)
    attempt = attempt_start(agent=agent, quiz=quiz)
    attempt_submit(agent=agent, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert not Award.objects.exists()  # the second course of the path is still open
    enrolment_create(agent=agent, course=second)
    lesson_mark_done(agent=agent, lesson=closing)
    award = Award.objects.get()
    assert award.certification == certification and award.agent == agent
    assert award.expires_at - award.awarded_at == timedelta(days=365)
    assert Enrolment.objects.filter(completed_at__isnull=False).count() == 2


def test_lessons_and_quiz_complete_the_course_and_award_once(agent, quiz, enrolled):
    finish_lessons(agent, quiz.course)
    assert LessonDone.objects.count() == 2 and not Award.objects.exists()
    attempt = attempt_start(agent=agent, quiz=quiz)
    attempt_submit(agent=agent, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert Award.objects.count() == 1
    with pytest.raises(AlreadyPassed):
        attempt_start(agent=agent, quiz=quiz)


def test_a_quiz_can_be_retaken_to_renew_a_certification_that_expires_soon(agent, quiz, enrolled):
    start = timezone.now()
    finish_lessons(agent, quiz.course)
    with time_machine.travel(start, tick=False):
        attempt = attempt_start(agent=agent, quiz=quiz)
        attempt_submit(agent=agent, attempt_id=attempt.pk, answers=right_answers(attempt))
    with time_machine.travel(start + timedelta(days=350), tick=False):
        attempt = attempt_start(agent=agent, quiz=quiz)
        attempt_submit(agent=agent, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert Award.objects.count() == 2
    newest = Award.objects.order_by("-awarded_at").first()
    assert newest.expires_at > start + timedelta(days=700)
