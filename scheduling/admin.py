from typing import cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from accounts.models import User
from scheduling.booking.services import booking_staff_cancel
from scheduling.models import (
    AvailabilityException,
    AvailabilityWindow,
    Bonus,
    Booking,
    ClientBlock,
    Slot,
    WorkPreference,
)


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["program", "starts_at", "contacts", "required", "capacity", "released_at"]
    list_filter = ["program__organisation"]
    list_select_related = ["program__organisation"]
    date_hierarchy = "starts_at"
    readonly_fields = ["contacts", "aht_seconds", "required", "updated"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Bookings are made by agents under the booking rules; staff read them and may cancel."""

    list_display = [
        "agent",
        "program",
        "starts_at",
        "ends_at",
        "attendance",
        "release_requested_at",
        "cancelled_at",
        "cancellation",
    ]
    list_filter = ["program", "cancellation", "attendance"]
    list_select_related = ["agent", "program__organisation"]
    search_fields = ["agent__email", "agent__full_name"]
    date_hierarchy = "starts_at"
    actions = ["cancel_bookings"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Booking | None = None) -> list[str]:
        """Every field: a change goes through the booking rules, i.e. the action below."""
        return [field.name for field in Booking._meta.fields]

    @admin.action(description="Cancel the selected future bookings (no penalty for the agent)")
    def cancel_bookings(self, request: HttpRequest, queryset: QuerySet[Booking]) -> None:
        cancelled = booking_staff_cancel(booking_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"Cancelled {cancelled} booking(s).", messages.SUCCESS)


class AgentOwnedAdmin(admin.ModelAdmin):
    """Rows of one agent's: found by the agent's name or e-mail, the agent picked by search."""

    list_select_related = ["agent"]
    search_fields = ["agent__email", "agent__full_name"]
    autocomplete_fields = ["agent"]


@admin.register(WorkPreference)
class WorkPreferenceAdmin(AgentOwnedAdmin):
    list_display = ["agent", "hours_min", "hours_max", "tier"]
    list_filter = ["tier"]
    exclude = ["ical_token"]  # a secret: the agent resets it from My schedule


@admin.register(AvailabilityWindow)
class AvailabilityWindowAdmin(AgentOwnedAdmin):
    list_display = ["agent", "weekday", "starts", "ends"]
    list_filter = ["weekday"]


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(AgentOwnedAdmin):
    list_display = ["agent", "date", "available", "starts", "ends", "note"]
    list_filter = ["available"]
    date_hierarchy = "date"


@admin.register(ClientBlock)
class ClientBlockAdmin(admin.ModelAdmin):
    list_display = ["organisation", "agent", "reason", "created"]
    list_filter = ["organisation"]
    list_select_related = ["organisation", "agent"]
    search_fields = ["agent__email", "agent__full_name", "organisation__name", "reason"]
    autocomplete_fields = ["agent"]


@admin.register(Bonus)
class BonusAdmin(admin.ModelAdmin):
    list_display = ["program", "starts_at", "ends_at", "per_hour", "created_by"]
    list_filter = ["program__organisation"]
    list_select_related = ["program__organisation", "created_by"]
    date_hierarchy = "starts_at"
    exclude = ["created_by"]

    def save_model(self, request: HttpRequest, obj: Bonus, form: ModelForm, change: bool) -> None:
        if not change:
            obj.created_by = cast(User, request.user)  # the admin site admits signed-in staff only
        super().save_model(request, obj, form, change)
