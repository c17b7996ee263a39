"""A course finished by two steps at the same moment (the last lesson done, the quiz passed) grants
exactly one award, on real PostgreSQL connections. The negative control switches the agent's lock
off and holds each step open after its completion check until the other has checked too: each
step then misses the other and no award is granted."""

from collections.abc import Callable

import pytest

from tests.races import all_read_before_any_writes, race
from tests.training.conftest import right_answers
from training import attempts, services
from training.models import Award

pytestmark = pytest.mark.django_db(transaction=True)


def two_last_steps(agent: object, course: object, quiz: object) -> list[Callable[[], object]]:
    """Enrol, mark the first lesson done and start the quiz; what is left: the last lesson done
    and a passing attempt submitted."""
    services.enrolment_create(agent=agent, course=course)
    first, last = course.lessons.order_by("position")
    services.lesson_mark_done(agent=agent, lesson=first)
    attempt = attempts.attempt_start(agent=agent, quiz=quiz)
    answers = right_answers(attempt)
    return [
        lambda: services.lesson_mark_done(agent=agent, lesson=last),
        lambda: attempts.attempt_submit(agent=agent, attempt_id=attempt.pk, answers=answers),
    ]


def test_two_steps_finishing_a_course_at_once_grant_one_award(agent, course, quiz):
    assert race(*two_last_steps(agent, course, quiz)) == []
    assert Award.objects.filter(agent=agent).count() == 1


def test_without_the_agent_lock_the_two_steps_miss_each_other(agent, course, quiz, monkeypatch):
    """Negative control."""
    steps = two_last_steps(agent, course, quiz)  # the first lesson's own check is no racer
    both_checked = all_read_before_any_writes(2, services.course_check_completion)
    monkeypatch.setattr(services, "lock_agent", lambda locks, agent: None)
    monkeypatch.setattr(attempts, "lock_agent", lambda locks, agent: None)
    monkeypatch.setattr(services, "course_check_completion", both_checked)
    monkeypatch.setattr(attempts, "course_check_completion", both_checked)
    assert race(*steps) == []
    assert Award.objects.filter(agent=agent).count() == 0
