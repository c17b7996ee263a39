"""The Celery app. Reliability settings live in gigcx.settings under CELERY_*."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigcx.settings")

app = Celery("gigcx")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
