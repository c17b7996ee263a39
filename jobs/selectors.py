from django.db.models import QuerySet

from jobs.models import Job


def job_visible_to(*, user: object) -> QuerySet[Job]:
    """Staff see every job; everyone else only their own."""
    if user.is_staff:
        return Job.objects.all()
    return Job.objects.filter(owner=user)
