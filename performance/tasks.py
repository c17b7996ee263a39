from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from performance.attendance import attendance_metrics_refresh
from performance.background import metrics_import_run


@shared_task(acks_late=True)
def metrics_import_task(job_id: int, path: str, mode: str) -> None:
    """Import an uploaded metrics CSV; safe to run twice (an upsert; a finished job is final)."""
    metrics_import_run(job_id=job_id, path=path, mode=mode)


@shared_task(acks_late=True)
def attendance_metrics_refresh_task(day: str | None = None) -> int:
    """Derive a day's attendance metrics (default: yesterday, UTC); idempotent. Beat, nightly."""
    the_day = date.fromisoformat(day) if day else timezone.now().date() - timedelta(days=1)
    return attendance_metrics_refresh(day=the_day)
