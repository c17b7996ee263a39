"""The WSGI application, loaded once and frozen before requests arrive.

Resolving the URLs imports every view, serializer and model up front (not on a worker's first
request); `gc.freeze()` then moves those long-lived objects out of the garbage collector's
sight, so collections during requests only walk what the requests allocated (issue 7). Under
`gunicorn --preload` this happens once in the master and the workers share the pages.

Every app's Celery tasks are registered up front too: services enqueue them by name, and the
first lookup would otherwise import them inside the caller's transaction, under its locks.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from gigcx.celery import app as celery_app

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigcx.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 (imports the URLconf and every view now)
celery_app.autodiscover_tasks(force=True)
celery_app.finalize()
gc.freeze()
