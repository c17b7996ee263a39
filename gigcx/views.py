"""Public pages and infrastructure endpoints; no domain logic lives here."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gigcx.celery import app as celery_app


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "landing.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return redirect(static("img/favicon.svg"), permanent=True)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """State of the database and the broker: 200 when both answer, 503 otherwise."""
    checks = {"database": _database_state(), "broker": _broker_state()}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return f"error: {error.__class__.__name__}"
    return "ok"


def _broker_state() -> str:
    if celery_app.conf.task_always_eager:
        return "ok"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
    except Exception as error:
        return f"error: {error.__class__.__name__}"
    return "ok"


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
