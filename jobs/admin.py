from django.contrib import admin

from jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "owner",
        "status",
        "progress",
        "message",
        "created",
        "finished_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["owner"]
    readonly_fields = [f.name for f in Job._meta.fields]
