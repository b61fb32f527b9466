"""Let Editors read the "Was this page helpful?" answers per page."""

import importlib

from django.db import migrations

MODELS = ("articlefeedback", "pointfeedback")


def grant(apps, schema_editor) -> None:
    roles = importlib.import_module("routines.migrations.0002_roles")
    roles.ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="comments",
            codename__in=[f"view_{model}" for model in MODELS],
        )
    )


def revoke(apps, schema_editor) -> None:
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="comments", content_type__model__in=MODELS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_reports_feedback_replies"),
        ("routines", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
