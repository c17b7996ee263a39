"""Staff pages outside the admin: the sourcing dashboard and the import report."""

import csv

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from agents.background import IMPORT_KIND, RESCORE_KIND
from agents.models import Status
from agents.pipeline import MAIN_STAGES
from agents.selectors import (
    applicants_by_state,
    application_counts,
    pipeline_statistics,
    status_counts,
    top_skills,
)
from gigcx.http import AuthenticatedHttpRequest
from jobs.models import Job


@staff_member_required
@require_GET
def sourcing_dashboard(request: HttpRequest) -> HttpResponse:
    counts = application_counts()
    context = {
        **pipeline_statistics(MAIN_STAGES),
        "by_state": applicants_by_state(counts=counts),
        "top_skills": top_skills(),
        "status_counts": [
            (Status(status).label, count) for status, count in status_counts(counts=counts).items()
        ],
        "total": counts.total(),
        "recent_jobs": Job.objects.filter(kind__in=[IMPORT_KIND, RESCORE_KIND])[:5],
        "import_kind": IMPORT_KIND,
    }
    return render(request, "agents/staff/sourcing.html", context)


@staff_member_required
@require_GET
def import_status(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    """The import's progress, then its report; the partial polls itself until the job ends."""
    job = get_object_or_404(Job, pk=job_id, kind=IMPORT_KIND)
    template = "agents/staff/_import_status.html" if request.htmx else "agents/staff/import.html"
    return render(request, template, {"job": job})


@staff_member_required
@require_GET
def import_errors_csv(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(Job, pk=job_id, kind=IMPORT_KIND)
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    writer = csv.writer(response)
    writer.writerow(["line", "reason"])
    writer.writerows((error["line"], error["reason"]) for error in job.result.get("errors", []))
    return response
