from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from notifications.models import EmailPreference, Notification
from notifications.services import notification_retry


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Dead messages (failed for good) show up under the delivery filter for staff to act on."""

    list_display = [
        "title",
        "user",
        "kind",
        "created",
        "read_at",
        "delivery",
        "attempts",
        "emailed_at",
    ]
    list_filter = ["delivery", "kind", "created"]
    search_fields = ["title", "user__email", "dedupe_key"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = [
        "created",
        "emailed_at",
        "attempts",
        "claimed_until",
        "next_attempt_at",
        "last_error",
        "dedupe_key",
    ]
    date_hierarchy = "created"
    actions = ["retry_delivery"]

    @admin.action(description="Retry e-mail delivery of dead messages")
    def retry_delivery(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        count = notification_retry(notification_ids=list(queryset.values_list("pk", flat=True)))
        messages.success(request, f"{count} message(s) will be tried again within a minute.")


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
    raw_id_fields = ["user"]
