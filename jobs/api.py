from django.db.models import QuerySet
from django.urls import path
from rest_framework import generics, serializers

from gigcx.http import AuthenticatedRequest
from jobs.models import Job
from jobs.selectors import job_visible_to


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "status",
            "progress",
            "message",
            "result",
            "error",
            "created",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class JobListView(generics.ListAPIView):
    """My long-running jobs (imports, recomputations), newest first."""

    request: AuthenticatedRequest

    serializer_class = JobSerializer

    def get_queryset(self) -> QuerySet[Job]:
        return job_visible_to(user=self.request.user)


class JobDetailView(generics.RetrieveAPIView):
    """One job's status and progress; poll it until `status` is succeeded or failed."""

    request: AuthenticatedRequest

    serializer_class = JobSerializer

    def get_queryset(self) -> QuerySet[Job]:
        return job_visible_to(user=self.request.user)


urlpatterns = [
    path("jobs/", JobListView.as_view(), name="api-jobs"),
    path("jobs/<int:pk>/", JobDetailView.as_view(), name="api-job"),
]
