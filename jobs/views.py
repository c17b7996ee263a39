from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from gigcx.http import AuthenticatedHttpRequest
from jobs.selectors import job_visible_to


@login_required
@require_GET
def job_progress(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    """The progress bar of one job; it polls itself until the job finishes."""
    job = get_object_or_404(job_visible_to(user=request.user), pk=job_id)
    return render(request, "jobs/_progress.html", {"job": job})


@login_required
@require_GET
def job_detail(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(job_visible_to(user=request.user), pk=job_id)
    return render(request, "jobs/detail.html", {"job": job})
