"""The WSGI module gunicorn loads."""

import gc
import importlib


def test_startup_objects_are_frozen():
    try:
        wsgi = importlib.reload(importlib.import_module("acupressure_site.wsgi"))
        assert callable(wsgi.application)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
