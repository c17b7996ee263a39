from django.urls import path

from accounts import views

urlpatterns = [
    path("home/", views.home, name="home"),
    path("account/profile/", views.profile, name="profile"),
    path("account/api-token/", views.api_token, name="api_token"),
]
