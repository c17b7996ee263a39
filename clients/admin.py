from django.contrib import admin
from django.http import HttpRequest

from clients.models import (
    Forecast,
    Invitation,
    Membership,
    OperatingHours,
    Organisation,
    Program,
    ProgramLanguage,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "created"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created", "sent_at", "accepted_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token", "sent_at", "accepted_at"]


class OperatingHoursInline(admin.TabularInline):
    model = OperatingHours
    extra = 0


class ProgramLanguageInline(admin.TabularInline):
    model = ProgramLanguage
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "organisation",
        "channel",
        "service_level_percent",
        "answer_seconds",
        "aht_seconds",
        "is_active",
    ]
    list_filter = ["channel", "is_active", "organisation"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    filter_horizontal = ["required_skills"]
    inlines = [OperatingHoursInline, ProgramLanguageInline]


@admin.register(Forecast)
class ForecastAdmin(admin.ModelAdmin):
    list_display = ["program", "version", "source", "period_start", "interval_count", "created"]
    list_filter = ["source"]
    list_select_related = ["program__organisation"]
    search_fields = ["program__name"]
    readonly_fields = [field.name for field in Forecast._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # versions come from uploads, the grid or the API
