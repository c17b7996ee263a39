from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from jobs.models import Job

if TYPE_CHECKING:  # the user model, as django-stubs reads AUTH_USER_MODEL
    from django.contrib.auth.models import _User as User


def job_visible_to(*, user: "User") -> QuerySet[Job]:
    """Staff see every job; everyone else only their own."""
    if user.is_staff:
        return Job.objects.all()
    return Job.objects.filter(owner=user)


def jobs_waiting(*, older_than: timedelta, limit: int = 100) -> list[Job]:
    """Jobs still queued well after they were published: their message was lost."""
    stale = timezone.now() - older_than
    return list(
        Job.objects.filter(status=Job.Status.QUEUED, created__lt=stale)
        .exclude(task="")
        .order_by("created")[:limit]
    )
