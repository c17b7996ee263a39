"""Writes about learning: enrolment, lesson progress, certification awards, revocation, reminders.

Quiz attempts live in `training/attempts.py`.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from gigcx.errors import DomainError
from gigcx.locking import Locks, lock_one, locked
from notifications.kinds import Kind
from notifications.services import notify
from training.errors import AlreadyRevoked, NotEnrolled, PrerequisiteMissing
from training.models import (
    REMINDER_DAYS,
    Attempt,
    Award,
    Certification,
    Course,
    Enrolment,
    Lesson,
    LessonDone,
)
from training.selectors import valid_awards_q


def check_prerequisite(*, agent: User, course: Course, at: datetime) -> None:
    prerequisite = course.prerequisite
    if prerequisite is None:
        return
    held = Award.objects.filter(valid_awards_q(at), agent=agent, certification=prerequisite)
    if not held.exists():
        raise PrerequisiteMissing(
            f"“{course.title}” is open to holders of the {prerequisite.name} certification. "
            "Earn it first."
        )


@transaction.atomic
def enrolment_create(*, agent: User, course: Course) -> Enrolment:
    """Enrol the agent (free); enrolling twice returns the same enrolment."""
    now = timezone.now()
    check_prerequisite(agent=agent, course=course, at=now)
    enrolment, _ = Enrolment.objects.get_or_create(
        agent=agent, course=course, defaults={"enrolled_at": now}
    )
    return enrolment


def enrolment_of(*, agent: User, course: Course) -> Enrolment:
    enrolment = Enrolment.objects.filter(agent=agent, course=course).first()
    if enrolment is None:
        raise NotEnrolled(f"Enrol in “{course.title}” first.")
    return enrolment


def lock_agent(locks: Locks, agent: User) -> None:
    """One learning write at a time per agent, taken first in its transaction (the first kind of
    `gigcx.locking.ORDER`): two steps that finish a course at the same moment (a lesson done, a
    quiz passed) then see each other and grant one award, not none or two."""
    locks.rows(User.objects.filter(pk=agent.pk).values_list("pk"))


def lesson_mark_done(*, agent: User, lesson: Lesson) -> Enrolment:
    with locked() as locks:
        lock_agent(locks, agent)
        enrolment = enrolment_of(agent=agent, course=lesson.course)
        LessonDone.objects.get_or_create(
            enrolment=enrolment, lesson=lesson, defaults={"done_at": timezone.now()}
        )
        course_check_completion(agent=agent, course=lesson.course)
        return enrolment


def course_is_passed(*, agent: User, course: Course) -> bool:
    """Every lesson done and every quiz passed at least once."""
    lessons = course.lessons.exclude(
        pk__in=LessonDone.objects.filter(enrolment__agent=agent).values("lesson")
    )
    quizzes = course.quizzes.exclude(
        pk__in=Attempt.objects.filter(agent=agent, passed=True).values("quiz")
    )
    return not lessons.exists() and not quizzes.exists()


def course_check_completion(*, agent: User, course: Course) -> None:
    """Mark the course complete when passed, then award every certification whose path is done.

    Runs after a lesson is done or a quiz passed, under the agent's lock (`lock_agent`); passing
    again renews a certification that is due for renewal.
    """
    if not course_is_passed(agent=agent, course=course):
        return
    now = timezone.now()
    Enrolment.objects.filter(agent=agent, course=course, completed_at=None).update(completed_at=now)
    for certification in course.certifications.all():
        other_steps = certification.courses.filter(is_published=True).exclude(pk=course.pk)
        if all(course_is_passed(agent=agent, course=step) for step in other_steps):
            award_grant(agent=agent, certification=certification, at=now)


def renewal_due(*, agent: User, certification: Certification, at: datetime) -> bool:
    """No valid award, or the newest expires within the first reminder window."""
    window = at + timedelta(days=REMINDER_DAYS[0])
    return not Award.objects.filter(
        valid_awards_q(at), agent=agent, certification=certification, expires_at__gt=window
    ).exists()


def award_grant(*, agent: User, certification: Certification, at: datetime) -> Award | None:
    """Award the certification unless the agent holds one not yet due for renewal."""
    if not renewal_due(agent=agent, certification=certification, at=at):
        return None
    award = Award(
        agent=agent,
        certification=certification,
        awarded_at=at,
        expires_at=at + timedelta(days=certification.validity_days),
    )
    award.full_clean()
    award.save()
    notify(
        user=agent,
        kind=Kind.TRAINING,
        title=f"You earned the {certification.name} certification",
        body=f"It is valid until {award.expires_at:%B %-d, %Y}. Share your verification link.",
        link=reverse("training:verify", args=[award.code]),
        dedupe_key=f"award:{award.pk}:granted",
    )
    return award


@transaction.atomic
def award_revoke(*, award_id: int, reason: str) -> Award:
    """Staff withdraw an award; it stops counting at once. The reason is shown on verification."""
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the certification is revoked.", field="reason")
    award = lock_one(  # the award, not its user's row
        Award.objects.select_related("certification", "agent").filter(pk=award_id),
        missing=Award.DoesNotExist(),
    )
    if award.revoked_at is not None:
        raise AlreadyRevoked(f"This {award.certification.name} award was revoked already.")
    award.revoked_at = timezone.now()
    award.revoked_reason = reason
    award.save(update_fields=["revoked_at", "revoked_reason"])
    notify(
        user=award.agent,
        kind=Kind.TRAINING,
        title=f"Your {award.certification.name} certification was revoked",
        body=reason,
        link=reverse("training:dashboard"),
        dedupe_key=f"award:{award.pk}:revoked",
    )
    return award


def award_ids_to_remind(*, at: datetime) -> list[tuple[int, int]]:
    """(award id, reminder days) for every valid award inside a reminder window not yet sent.

    Only the nearest window counts: an award found 5 days before expiry gets the 7-day reminder.
    """
    due: dict[int, int] = {}
    for days in sorted(REMINDER_DAYS):
        window = Award.objects.filter(
            valid_awards_q(at), expires_at__lte=at + timedelta(days=days)
        ).filter(Q(reminded_days=None) | Q(reminded_days__gt=days))
        for pk in window.values_list("pk", flat=True):
            due.setdefault(pk, days)
    return sorted(due.items())


@transaction.atomic
def award_remind(*, award_id: int, days: int) -> bool:
    """Send the `days` renewal reminder once: the conditional UPDATE is the claim. Safe twice."""
    claimed = (
        Award.objects.filter(pk=award_id)
        .filter(Q(reminded_days=None) | Q(reminded_days__gt=days))
        .update(reminded_days=days)
    )
    if not claimed:
        return False
    award = Award.objects.select_related("certification", "agent").get(pk=award_id)
    notify(
        user=award.agent,
        kind=Kind.TRAINING,
        title=f"Your {award.certification.name} certification expires in {_days(days)}",
        body=f"It expires on {award.expires_at:%B %-d, %Y}. Retake the course to renew it.",
        link=reverse("training:dashboard"),
        dedupe_key=f"award:{award.pk}:reminder:{days}",
    )
    return True


def _days(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"
