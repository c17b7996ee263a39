from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from agents import views as agents_views
from gigcx import views

# The admin signs in through allauth's rate-limited login (and its MFA), never its own form.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "gigcx staff"
admin.site.site_title = "gigcx staff"

handler403 = "gigcx.views.error_403"
handler404 = "gigcx.views.error_404"
handler500 = "gigcx.views.error_500"

# URLs resolve in order: the API comes first, and scheduling's (bookings) first within it — the
# hottest route (issue 7) no longer tries every page's pattern before its own.
api_v1 = [
    path("", include("scheduling.api")),
    path("", include("accounts.api")),
    path("", include("notifications.api")),
    path("", include("jobs.api")),
    path("", include("clients.api")),
    path("", include("agents.api")),
    path("", include("training.api")),
    path("", include("performance.api")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("", views.landing, name="landing"),
    path("bill-of-rights/", agents_views.bill_of_rights, name="bill_of_rights"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("agent/", include("agents.urls")),
    path("staff/", include("agents.staff.urls")),
    path("client/", include("clients.urls")),
    path("", include("scheduling.urls")),
    path("", include("training.urls")),
    path("inbox/", include("notifications.urls")),
    path("jobs/", include("jobs.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
