from django.urls import path

from agents.staff import views

app_name = "agents_staff"
urlpatterns = [
    path("sourcing/", views.sourcing_dashboard, name="sourcing"),
    path("sourcing/imports/<int:job_id>/", views.import_status, name="import_status"),
    path(
        "sourcing/imports/<int:job_id>/errors.csv",
        views.import_errors_csv,
        name="import_errors",
    ),
]
