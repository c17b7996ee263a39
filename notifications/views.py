from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from gigcx.http import AuthenticatedHttpRequest
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.selectors import (
    email_preference_rows,
    notification_list,
    notification_unread_count,
)
from notifications.services import (
    email_preferences_set,
    notification_mark_all_read,
    notification_mark_read,
)


@login_required
@require_GET
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(notification_list(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_GET
def unread_badge(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = notification_unread_count(user=request.user)
    return render(request, "notifications/_unread_badge.html", {"unread_count": count})


@login_required
@require_POST
def mark_read(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    try:
        notification = notification_mark_read(user=request.user, notification_id=notification_id)
    except Notification.DoesNotExist as missing:
        raise Http404("No such notification") from missing
    if request.htmx:
        response = render(request, "notifications/_item.html", {"notification": notification})
        response["HX-Trigger"] = "notifications-changed"
        return response
    return redirect(notification.link or "notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    marked = notification_mark_all_read(user=request.user)
    messages.success(request, f"Marked {marked} notification(s) as read.")
    return redirect("notifications:inbox")


@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        valid_kinds = {kind.value for kind in Kind}
        email_preferences_set(
            user=request.user, emailed_kinds=set(request.POST.getlist("email")) & valid_kinds
        )
        messages.success(request, "Your e-mail preferences are saved.")
        return redirect("notifications:preferences")
    rows = email_preference_rows(user=request.user)
    return render(request, "notifications/preferences.html", {"rows": rows})
