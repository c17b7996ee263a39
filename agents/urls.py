from django.urls import path

from agents import views

app_name = "agents"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("apply/", views.apply_start, name="apply"),
    path("apply/review/", views.apply_review, name="apply_review"),
    path("apply/<slug:step>/", views.apply_step, name="apply_step"),
    path("withdraw/", views.withdraw, name="withdraw"),
    path("my-data.json", views.my_data, name="my_data"),
    path("erase/", views.erase, name="erase"),
]
