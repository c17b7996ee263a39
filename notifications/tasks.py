from celery import shared_task

from notifications.services import notification_ids_due, notification_send


@shared_task(acks_late=True)
def notification_deliver(notification_id: int) -> str:
    """E-mail one notification; does nothing if it was already sent, skipped or is held."""
    return notification_send(notification_id=notification_id)


@shared_task
def notification_sweep() -> int:
    """Re-enqueue every delivery the broker lost or a failure postponed (beat, every minute)."""
    due = notification_ids_due()
    for notification_id in due:
        notification_deliver.delay(notification_id)
    return len(due)
