from celery import shared_task

from agents.background import applicants_import_run, applications_rescore_run


@shared_task(acks_late=True)
def applicants_import_task(job_id: int, path: str) -> None:
    """Import an uploaded CSV; safe to run twice (the import is keyed on e-mail)."""
    applicants_import_run(job_id=job_id, path=path)


@shared_task(acks_late=True)
def applications_rescore_task(job_id: int) -> None:
    """Score every application again with the current rules; safe to run twice."""
    applications_rescore_run(job_id=job_id)
