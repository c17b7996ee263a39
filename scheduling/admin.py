from django.contrib import admin

from scheduling.models import Booking, Slot


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["program", "starts_at", "contacts", "required", "capacity"]
    list_filter = ["program__organisation"]
    list_select_related = ["program__organisation"]
    date_hierarchy = "starts_at"
    readonly_fields = ["contacts", "aht_seconds", "required", "updated"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["agent", "program", "starts_at", "ends_at", "cancelled_at"]
    list_filter = ["program"]
    list_select_related = ["agent", "program__organisation"]
    search_fields = ["agent__email", "agent__full_name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["agent"]
