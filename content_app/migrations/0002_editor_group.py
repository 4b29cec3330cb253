"""The "Editor" group: add, change, delete and view on the owner's content (projects,
experience, skills, media) and on the AI tools and blog posts.

Permissions are normally created after all migrations have run (post_migrate), so
on a fresh database they do not exist yet here: create them first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editor"
MODELS = {
    "content_app": ["project", "experience", "skill", "mediafile"],
    "tools_app": ["aitool"],
    "blog_app": ["blogpost"],
}
ACTIONS = ["add", "change", "delete", "view"]


def _ensure_permissions(apps):
    for label in MODELS:
        app_config = apps.get_app_config(label)
        # The historical app registry has no models module; create_permissions skips
        # apps without one.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_editor_group(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, models in MODELS.items():
        codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        assert permissions.count() == len(codenames), (app_label, list(permissions))
        group.permissions.add(*permissions)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content_app", "0001_initial"),
        ("tools_app", "0001_initial"),
        ("blog_app", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
