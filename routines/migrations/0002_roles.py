"""The two staff roles: Editors manage content, Moderators run the comments.

Permissions are normally created after ``migrate`` (post_migrate), so on a fresh
database they do not exist yet when this runs: create them here first. Running
the migration again (or after post_migrate) finds them and changes nothing else.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

# Group name -> {(app label, model name): actions}. Anything not listed is
# refused: no users or groups for either role, no comments for Editors, no
# content for Moderators beyond looking an article up.
ROLES = {
    "Editors": {
        ("routines", "topic"): ALL,
        ("routines", "point"): ALL,
        ("routines", "routine"): ALL,
        ("routines", "routinestep"): ALL,
        ("routines", "article"): ALL,
        ("routines", "handout"): ALL,
    },
    "Moderators": {
        ("comments", "comment"): ("view", "change"),
        ("comments", "moderationaction"): ("view",),
        ("comments", "articlediscussion"): ("view", "change"),
        ("routines", "article"): ("view",),
    },
}


def ensure_permissions(apps) -> None:
    for label in ("contenttypes", "auth", "routines", "comments"):
        app_config = apps.get_app_config(label)
        # The migration state's app configs have no models module, and
        # create_permissions skips apps without one.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module


def create_roles(apps, schema_editor) -> None:
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for (app_label, model), actions in grants.items():
            for action in actions:
                # The content type is the model's own, proxies included.
                wanted.append(
                    Permission.objects.get(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=f"{action}_{model}",
                    )
                )
        group.permissions.set(wanted)


def remove_roles(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("routines", "0001_initial"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
