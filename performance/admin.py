from django.contrib import admin
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path

from gigcx.admin_upload import upload_page
from gigcx.http import AuthenticatedHttpRequest
from performance.background import metrics_import_start
from performance.forms import MetricImportForm
from performance.importing.services import Mode
from performance.models import DERIVED_FIELDS, IMPORTED_FIELDS, DailyMetric


@admin.register(DailyMetric)
class DailyMetricAdmin(admin.ModelAdmin):
    list_display = ["day", "agent", "program", *IMPORTED_FIELDS, "booked_minutes", "worked_minutes"]
    list_filter = ["program", "day"]
    date_hierarchy = "day"
    search_fields = ["agent__email"]
    list_select_related = ["agent", "program__organisation"]
    raw_id_fields = ["agent", "program"]
    readonly_fields = [*DERIVED_FIELDS, "updated_at"]
    fieldsets = [
        (None, {"fields": ["agent", "program", "day"]}),
        ("Imported", {"fields": [*IMPORTED_FIELDS]}),
        ("Derived from attendance (nightly)", {"fields": [*DERIVED_FIELDS, "updated_at"]}),
    ]

    def get_urls(self) -> list:
        upload = path(
            "import/",
            self.admin_site.admin_view(self.import_view),
            name="performance_dailymetric_import",
        )
        return [upload, *super().get_urls()]

    def import_view(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        def start(form: Form) -> HttpResponse:
            job = metrics_import_start(
                owner=request.user,
                upload=form.cleaned_data["file"],
                mode=Mode(form.cleaned_data["mode"]),
            )
            return redirect("jobs:detail", job_id=job.pk)

        return upload_page(
            self,
            request,
            form_class=MetricImportForm,
            title="Import daily metrics",
            template="admin/performance/dailymetric/import.html",
            on_valid=start,
        )
