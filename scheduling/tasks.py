from dataclasses import asdict
from datetime import datetime

from celery import shared_task

from scheduling.attendance.reminders import reminders_sweep
from scheduling.attendance.services import attendance_sweep
from scheduling.booking.idempotency import idempotent_requests_sweep
from scheduling.exchange.waitlist import offers_sweep, waitlist_offer_next
from scheduling.staffing.services import requirements_recompute, requirements_refresh


@shared_task(acks_late=True)
def requirements_recompute_task(forecast_id: int) -> bool:
    """Recompute the slots a forecast version covers; does nothing once its job finished."""
    return requirements_recompute(forecast_id=forecast_id)


@shared_task(acks_late=True)
def requirements_refresh_task(program_id: int, job_id: int) -> bool:
    """Recompute a program's slots from today after its targets changed; once per job."""
    return requirements_refresh(program_id=program_id, job_id=job_id)


@shared_task(acks_late=True)
def waitlist_offer_next_task(program_id: int, starts_at: str, ends_at: str) -> int:
    """Offer the seats freed in a block (ISO-8601 bounds) to the next in line; safe to repeat."""
    offered = waitlist_offer_next(
        program_id=program_id,
        starts_at=datetime.fromisoformat(starts_at),
        ends_at=datetime.fromisoformat(ends_at),
    )
    return len(offered)


@shared_task
def offers_sweep_task() -> int:
    """Expire overdue hold offers and offer every waiting block again (beat, every minute)."""
    return offers_sweep()


@shared_task
def reminders_sweep_task() -> int:
    """Send the shift reminders now due, each once (beat, every five minutes)."""
    return reminders_sweep()


@shared_task
def attendance_sweep_task() -> dict:
    """Lapse unclaimed pending releases, mark no-shows, close finished blocks (beat, every
    minute)."""
    return asdict(attendance_sweep())


@shared_task
def idempotency_sweep_task() -> int:
    """Forget Idempotency-Keys past their time (beat, hourly)."""
    return idempotent_requests_sweep()
