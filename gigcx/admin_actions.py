"""The page an admin action shows when it needs a reason first (reject applications, revoke
certifications): the selected rows, the reason form, and a button that applies the action."""

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest
from django.template.response import TemplateResponse


def reason_form(request: HttpRequest, form_class: type[Form]) -> Form:
    """The action's reason form: bound once the reason page is sent (its `apply` button), empty
    on the changelist's first post of the action."""
    return form_class(request.POST if "apply" in request.POST else None)


def reason_page(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    *,
    action: str,
    form: Form,
    consequence: str,
) -> TemplateResponse:
    """Ask for the reason of `action` on the selected rows; `consequence` says what follows."""
    opts = model_admin.model._meta
    ids = list(queryset.values_list("pk", flat=True))
    count = len(ids)
    noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
    verb = action.capitalize()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"{verb} {opts.verbose_name_plural}",
        "form": form,
        "action": action,
        "button": f"{verb} {count} {noun}",
        "consequence": consequence,
        "ids": ids,
        "opts": opts,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/action_with_reason.html", context)
