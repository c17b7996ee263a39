from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import User
from accounts.services import client_approve


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "role",
        "timezone",
        "client_approved_at",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    list_filter = [
        "role",
        "is_staff",
        "is_active",
        ("client_approved_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login", "client_approved_at"]
    actions = ["approve_clients"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "role", "timezone", "client_approved_at"]}),
        (
            "Access",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "role", "timezone", "password1", "password2"],
            },
        ),
    ]

    @admin.action(description="Approve selected client accounts")
    def approve_clients(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        approved = client_approve(users=list(queryset))
        messages.success(request, f"Approved {approved} client account(s).")
