from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from clients.models import Invitation
from clients.services import invitation_send


@shared_task(acks_late=True)
def invitation_deliver(invitation_id: int) -> bool:
    """E-mail one invitation; does nothing if it was already sent."""
    return invitation_send(invitation_id=invitation_id)


@shared_task
def invitation_sweep() -> int:
    """Send invitations whose message the broker lost (beat, every minute)."""
    stale = timezone.now() - timedelta(minutes=1)
    pending = Invitation.objects.filter(sent_at=None, accepted_at=None, created__lt=stale)
    ids = list(pending.values_list("pk", flat=True)[:500])
    for invitation_id in ids:
        invitation_deliver.delay(invitation_id)
    return len(ids)
