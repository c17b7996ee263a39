from django.urls import path
from rest_framework import serializers
from rest_framework.generics import RetrieveUpdateAPIView

from accounts.models import User
from accounts.timezones import VALID_TIME_ZONES


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "role", "timezone", "date_joined"]
        read_only_fields = ["id", "email", "role", "date_joined"]

    def validate_timezone(self, value: str) -> str:
        if value not in VALID_TIME_ZONES:
            raise serializers.ValidationError(f"“{value}” is not a known time zone.")
        return value


class MeView(RetrieveUpdateAPIView):
    """The signed-in person: read it, or change their name and time zone."""

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> User:
        return self.request.user


urlpatterns = [path("me/", MeView.as_view(), name="api-me")]
