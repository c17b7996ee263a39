from django.urls import path
from rest_framework import serializers
from rest_framework.generics import RetrieveUpdateAPIView

from accounts.models import User


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "role", "timezone", "date_joined"]
        read_only_fields = ["id", "email", "role", "date_joined"]


class MeView(RetrieveUpdateAPIView):
    """The signed-in person: read it, or change their name and time zone."""

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> User:
        return self.request.user


urlpatterns = [path("me/", MeView.as_view(), name="api-me")]
