from django.urls import path

from training import views

app_name = "training"
urlpatterns = [
    path("agent/learning/", views.dashboard, name="dashboard"),
    path("agent/learning/catalogue/", views.catalogue, name="catalogue"),
    path("agent/learning/courses/<slug:slug>/", views.course_detail, name="course"),
    path("agent/learning/courses/<slug:slug>/enrol/", views.enrol, name="enrol"),
    path(
        "agent/learning/courses/<slug:slug>/lessons/<int:position>/",
        views.lesson_detail,
        name="lesson",
    ),
    path(
        "agent/learning/courses/<slug:slug>/lessons/<int:position>/done/",
        views.lesson_done,
        name="lesson_done",
    ),
    path("agent/learning/quizzes/<int:quiz_id>/start/", views.quiz_start, name="quiz_start"),
    path("agent/learning/attempts/<int:attempt_id>/", views.attempt_detail, name="attempt"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("staff/learning/", views.staff_analytics, name="staff_analytics"),
    path("client/certifications/", views.client_certifications, name="client_certifications"),
]
