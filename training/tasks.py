from celery import shared_task
from django.utils import timezone

from training.services import award_ids_to_remind, award_remind


@shared_task(acks_late=True)
def award_remind_task(award_id: int, days: int) -> bool:
    """Send one renewal reminder; does nothing if it was sent already."""
    return award_remind(award_id=award_id, days=days)


@shared_task
def award_reminders_sweep() -> int:
    """Enqueue every renewal reminder due at 30, 7 and 1 days before expiry (beat, hourly)."""
    due = award_ids_to_remind(at=timezone.now())
    for award_id, days in due:
        award_remind_task.delay(award_id, days)
    return len(due)
