"""The WSGI module gunicorn loads."""

import gc
import importlib


def test_startup_objects_are_frozen_and_collections_are_rarer():
    before = gc.get_threshold()
    try:
        wsgi = importlib.reload(importlib.import_module("acupressure_site.wsgi"))
        assert callable(wsgi.application)
        assert gc.get_freeze_count() > 10_000
        assert gc.get_threshold()[0] >= 10_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
