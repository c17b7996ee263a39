"""A course finished by two steps at the same moment (the last lesson done, the quiz passed) grants
exactly one award, on real PostgreSQL connections. The negative control switches the agent's lock
off and holds each step open after its completion check: each step then misses the other and no
award is granted."""

import time

import pytest

from tests.races import race
from tests.training.conftest import right_answers
from training import attempts, services
from training.models import Award

pytestmark = pytest.mark.django_db(transaction=True)


def finish_at_once(agent: object, course: object, quiz: object) -> None:
    """Mark the last lesson done and submit a passing attempt at the same moment."""
    services.enrolment_create(agent=agent, course=course)
    first, last = course.lessons.order_by("position")
    services.lesson_mark_done(agent=agent, lesson=first)
    attempt = attempts.attempt_start(agent=agent, quiz=quiz)
    answers = right_answers(attempt)
    failures = race(
        lambda: services.lesson_mark_done(agent=agent, lesson=last),
        lambda: attempts.attempt_submit(agent=agent, attempt_id=attempt.pk, answers=answers),
    )
    assert failures == []


def test_two_steps_finishing_a_course_at_once_grant_one_award(agent, course, quiz):
    finish_at_once(agent, course, quiz)
    assert Award.objects.filter(agent=agent).count() == 1


def test_without_the_agent_lock_the_two_steps_miss_each_other(agent, course, quiz, monkeypatch):
    """Negative control."""
    check = services.course_check_completion

    def slow_check(**kwargs: object) -> None:
        check(**kwargs)
        time.sleep(0.3)  # neither step commits before the other has read

    monkeypatch.setattr(services, "lock_agent", lambda locks, agent: None)
    monkeypatch.setattr(attempts, "lock_agent", lambda locks, agent: None)
    monkeypatch.setattr(services, "course_check_completion", slow_check)
    monkeypatch.setattr(attempts, "course_check_completion", slow_check)
    finish_at_once(agent, course, quiz)
    assert Award.objects.filter(agent=agent).count() == 0
