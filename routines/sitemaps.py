"""sitemap.xml: every public article, point, routine and topic."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Point, Routine, Topic


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.published().order_by("-publish_at")

    def lastmod(self, item: Article):
        return item.updated_at


class PointSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Point.objects.order_by("code")


class RoutineSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Routine.objects.public().order_by("slug")


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        public = Article.objects.published().values("pk")
        return Topic.objects.filter(articles__in=public).distinct().order_by("slug")


class StaticSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["routines:home", "routines:article-list", "routines:point-list"]

    def location(self, item: str) -> str:
        return reverse(item)


sitemaps = {
    "static": StaticSitemap,
    "articles": ArticleSitemap,
    "routines": RoutineSitemap,
    "points": PointSitemap,
    "topics": TopicSitemap,
}
