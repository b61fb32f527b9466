"""The Jinja2 environment that renders the site's own pages.

The pages are Jinja2 templates because the Django template language was the
largest part of the article page's CPU time (its eight steps with pictures, and
the page around them); Jinja2 compiles templates to Python and renders the same
markup in a fraction of the time (figures in docs/performance.md). The
admin, and the packages' own templates (crispy forms, sitemaps), stay in the
Django template language: this environment never loads a template under
``admin/``, so ``templates/admin/`` overrides the admin's.
"""

import jinja2
from django.template import defaultfilters
from django.utils.timezone import template_localtime

from acupressure_site.shared.urlcache import reverse, static
from comments.section import comment_section, page_feedback
from routines.models import total_seconds
from routines.templating import duration, linebreaksbr, markdown, picture
from routines.text import human_size


class SiteLoader(jinja2.FileSystemLoader):
    def get_source(self, environment: jinja2.Environment, template: str):
        if template.startswith("admin/"):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date(value, format_string: str | None = None) -> str:
    """Django's ``date`` filter, in the current time zone as Django templates do."""
    return defaultfilters.date(template_localtime(value), format_string)


def environment(**options) -> jinja2.Environment:
    options["loader"] = SiteLoader(options["loader"].searchpath)
    options["autoescape"] = True
    env = jinja2.Environment(**options)  # noqa: S701 (autoescape set just above)
    env.globals.update(
        static=static,
        url=url,
        picture=picture,
        comment_section=comment_section,
        page_feedback=page_feedback,
    )
    env.filters.update(
        date=date,
        duration=duration,
        filesize=human_size,
        linebreaks=defaultfilters.linebreaks_filter,
        linebreaksbr=linebreaksbr,
        markdown=markdown,
        pluralize=defaultfilters.pluralize,
        total_seconds=total_seconds,
    )
    return env
