from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from gigcx.http import AuthenticatedRequest
from notifications.models import Notification
from notifications.selectors import notification_list
from notifications.services import notification_mark_read


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "link", "created", "read_at"]
        read_only_fields = fields


class NotificationListView(generics.ListAPIView):
    """My notifications, newest first."""

    request: AuthenticatedRequest

    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        return notification_list(user=self.request.user)


class NotificationReadView(generics.GenericAPIView):
    """Mark one of my notifications as read."""

    request: AuthenticatedRequest

    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        return notification_list(user=self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        notification = self.get_object()
        notification = notification_mark_read(user=request.user, notification_id=notification.pk)
        return Response(self.get_serializer(notification).data)


urlpatterns = [
    path("notifications/", NotificationListView.as_view(), name="api-notifications"),
    path(
        "notifications/<int:pk>/read/", NotificationReadView.as_view(), name="api-notification-read"
    ),
]
