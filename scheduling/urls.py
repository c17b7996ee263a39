from django.urls import path

from scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("client/programs/", views.program_index, name="programs"),
    path("client/programs/<int:program_id>/coverage/", views.coverage, name="coverage"),
    path("client/programs/<int:program_id>/coverage.csv", views.coverage_csv, name="coverage_csv"),
]
