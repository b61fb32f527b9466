"""Helpers the apps share: the page cache, remembered URLs, client identity.

Dependencies run one way, comments -> routines -> shared: nothing here imports
an app or the project's wiring (urls, settings-dependent Jinja2 environment),
so any app may import it (tests/acupressure_site/test_imports.py checks).
"""
