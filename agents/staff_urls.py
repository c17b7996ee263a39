from django.urls import path

from agents import staff_views

app_name = "agents_staff"
urlpatterns = [
    path("sourcing/", staff_views.sourcing_dashboard, name="sourcing"),
    path("sourcing/imports/<int:job_id>/", staff_views.import_status, name="import_status"),
    path(
        "sourcing/imports/<int:job_id>/errors.csv",
        staff_views.import_errors_csv,
        name="import_errors",
    ),
]
