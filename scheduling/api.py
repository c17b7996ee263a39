"""scheduling's API routes, one list: each room's own endpoints live in its `api.py`."""

from django.urls import include, path

from scheduling.coverage.api import CoverageView, RequirementList

urlpatterns = [
    path("", include("scheduling.booking.api")),  # open slots and bookings: the hottest, first
    path("programs/<int:pk>/requirements/", RequirementList.as_view(), name="api-requirements"),
    path("programs/<int:pk>/coverage/", CoverageView.as_view(), name="api-coverage"),
    path("", include("scheduling.exchange.api")),  # waitlist and swap board
    path("", include("scheduling.attendance.api")),  # check-in/out, earnings
]
