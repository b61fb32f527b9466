from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class RoutinesConfig(AppConfig):
    name = "routines"
    verbose_name = "Content"

    def ready(self) -> None:
        # Any change of content makes every cached page stale (pagecache.py).
        from acupressure_site.shared import pagecache

        from .publishing import next_publication_at

        # Pages expire when a scheduled article is due.
        pagecache.on_schedule(next_publication_at)
        for model in self.get_models():
            post_save.connect(pagecache.bump, sender=model, weak=False)
            post_delete.connect(pagecache.bump, sender=model, weak=False)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    pagecache.bump, sender=field.remote_field.through, weak=False
                )
