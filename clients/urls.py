from django.urls import path

from clients import views

app_name = "clients"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("organisations/<int:organisation_id>/members/", views.members, name="members"),
    path("members/<int:membership_id>/", views.member_change, name="member_change"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("programs/new/", views.program_edit, name="program_new"),
    path("programs/<int:program_id>/", views.program_detail, name="program"),
    path("programs/<int:program_id>/edit/", views.program_edit, name="program_edit"),
    path("programs/<int:program_id>/forecasts/", views.forecast_upload, name="forecast_upload"),
    path("programs/<int:program_id>/forecasts/week/", views.forecast_week, name="forecast_week"),
    path(
        "programs/<int:program_id>/forecasts/<int:version>/",
        views.forecast_detail,
        name="forecast",
    ),
]
