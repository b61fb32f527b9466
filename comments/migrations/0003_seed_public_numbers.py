"""Seed the public numbers with the VA's national lines; let Editors keep the
list and Moderators read it.

The list is copied here, not imported, so this migration does the same thing
whatever later code says; tests check it matches
``comments.redaction.public.NATIONAL_LINES``.
"""

import importlib

from django.db import migrations

SOURCE = "https://www.va.gov/resources/helpful-va-phone-numbers/"
LINES = (
    ("Veterans Crisis Line (dial, then press 1)", "988"),
    ("Veterans Crisis Line (text)", "838255"),
    ("Veterans Crisis Line (former number, press 1)", "1-800-273-8255"),
    ("VA main information line (MyVA411)", "1-800-698-2411"),
    ("VA benefits", "1-800-827-1000"),
    ("VA health benefits", "1-877-222-8387"),
    ("Caregiver Support Line", "1-855-260-3274"),
    ("National Call Center for Homeless Veterans", "1-877-424-3838"),
    ("Women Veterans Call Center", "1-855-829-6636"),
    ("GI Bill and education benefits", "1-888-442-4551"),
    ("My HealtheVet help desk", "1-877-327-0022"),
    ("VA pension management center", "1-877-294-6380"),
    ("VA debt management center", "1-800-827-0648"),
    ("White House VA Hotline", "1-855-948-2311"),
    ("VA Office of Inspector General hotline", "1-800-488-8244"),
    ("TTY relay", "711"),
    ("Emergency", "911"),
)
GRANTS = {
    "Editors": ("add", "change", "delete", "view"),
    "Moderators": ("view",),
}


def canonical(number: str) -> str:
    digits = "".join(c for c in number if c.isdigit())
    return digits[1:] if len(digits) == 11 and digits[0] == "1" else digits


def seed(apps, schema_editor) -> None:
    PublicNumber = apps.get_model("comments", "PublicNumber")
    for name, number in LINES:
        PublicNumber.objects.get_or_create(
            digits=canonical(number),
            defaults={"name": name, "number": number, "source": SOURCE},
        )


def grant(apps, schema_editor) -> None:
    roles = importlib.import_module("routines.migrations.0002_roles")
    roles.ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="comments",
                content_type__model="publicnumber",
                codename__in=[f"{action}_publicnumber" for action in actions],
            )
        )


def revoke(apps, schema_editor) -> None:
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__model="publicnumber").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_public_numbers"),
        ("routines", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
