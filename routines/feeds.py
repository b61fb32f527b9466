"""Atom feed of the latest public articles."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Article


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = "Self-Care Health: latest articles"
    link = reverse_lazy("routines:article-list")
    subtitle = "New self-care articles, routines and handouts."

    def items(self):
        return Article.objects.published().order_by("-publish_at")[:20]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article):
        return item.publish_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.byline
