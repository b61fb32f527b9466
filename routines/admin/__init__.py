"""Editors' admin for topics, points, routines, articles and handouts.

Django's admin autodiscovery imports this package; each module registers its
models.
"""

from . import articles, library

__all__ = ["articles", "library"]
