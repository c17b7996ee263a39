"""The admin page that uploads a file to import (applicants, daily metrics): the upload form,
and on a valid post whatever the import answers (it starts a job and redirects to it)."""

from collections.abc import Callable

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def upload_page(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    *,
    form_class: type[Form],
    title: str,
    template: str,
    on_valid: Callable[[Form], HttpResponse],
) -> HttpResponse:
    """Refused without the change permission on the model; a valid post is `on_valid`'s answer,
    anything else shows `template` (which extends admin/upload.html) with the form."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return on_valid(form)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, template, context)
