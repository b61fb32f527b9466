from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self) -> None:
        # A new, changed or deleted comment makes cached pages stale; status
        # changes made with update() call pagecache.bump() themselves.
        from acupressure_site.shared import pagecache

        from .models import Comment

        post_save.connect(pagecache.bump, sender=Comment, weak=False)
        post_delete.connect(pagecache.bump, sender=Comment, weak=False)
