"""content_app's migrations 0001 to 0005 in one: the tables as they stand after 0005, and
the "Editor" group (add, change, delete and view on the owner's content: projects,
experience, skills, media, the AI tools and blog posts).

Permissions are normally created after all migrations have run (post_migrate), so
on a fresh database they do not exist yet here: create them first.

0005 marked the rows written before drafts existed as published; a database this
migration creates has no such rows, so that step is not carried over.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

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
    for app_label, model_names in MODELS.items():
        codenames = [f"{action}_{model}" for model in model_names for action in ACTIONS]
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        assert permissions.count() == len(codenames), (app_label, list(permissions))
        group.permissions.add(*permissions)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    replaces = [
        ("content_app", "0001_initial"),
        ("content_app", "0002_editor_group"),
        ("content_app", "0003_skill_resume_fields"),
        ("content_app", "0004_profile_pronouns"),
        ("content_app", "0005_publishing"),
    ]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("blog_app", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("tools_app", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="MediaFile",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("file", models.FileField(max_length=255, upload_to="")),
                ("thumbnail", models.FileField(blank=True, max_length=255, upload_to="")),
                (
                    "kind",
                    models.CharField(choices=[("image", "Image"), ("pdf", "PDF")], max_length=10),
                ),
                ("content_type", models.CharField(max_length=100)),
                ("original_name", models.CharField(blank=True, max_length=255)),
                ("size", models.PositiveIntegerField(help_text="Bytes, as stored.")),
                ("width", models.PositiveIntegerField(blank=True, null=True)),
                ("height", models.PositiveIntegerField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "media file",
                "db_table": "media_files",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Skill",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("name", models.CharField(max_length=100)),
                ("name_en", models.CharField(max_length=100, null=True)),
                ("name_es", models.CharField(max_length=100, null=True)),
                ("category", models.CharField(max_length=100)),
                ("category_en", models.CharField(max_length=100, null=True)),
                ("category_es", models.CharField(max_length=100, null=True)),
                ("order", models.PositiveIntegerField(default=0)),
                ("examples", models.TextField(blank=True, help_text="One example per line.")),
                (
                    "examples_en",
                    models.TextField(blank=True, help_text="One example per line.", null=True),
                ),
                (
                    "examples_es",
                    models.TextField(blank=True, help_text="One example per line.", null=True),
                ),
                (
                    "image",
                    models.ForeignKey(
                        blank=True,
                        help_text="An icon.",
                        limit_choices_to={"kind": "image"},
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="content_app.mediafile",
                    ),
                ),
                (
                    "professional_experience",
                    models.TextField(
                        blank=True,
                        help_text="How the skill was used at work, in a sentence or two.",
                    ),
                ),
                (
                    "professional_experience_en",
                    models.TextField(
                        blank=True,
                        help_text="How the skill was used at work, in a sentence or two.",
                        null=True,
                    ),
                ),
                (
                    "professional_experience_es",
                    models.TextField(
                        blank=True,
                        help_text="How the skill was used at work, in a sentence or two.",
                        null=True,
                    ),
                ),
                ("tags", models.JSONField(blank=True, default=list)),
                (
                    "weblink",
                    models.URLField(blank=True, help_text="The skill's own site.", max_length=500),
                ),
                ("years_of_experience", models.PositiveSmallIntegerField(blank=True, null=True)),
            ],
            options={
                "db_table": "skills",
                "ordering": ["order", "name"],
            },
        ),
        migrations.CreateModel(
            name="Profile",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("name", models.CharField(max_length=120)),
                ("title", models.CharField(max_length=200)),
                ("title_en", models.CharField(max_length=200, null=True)),
                ("title_es", models.CharField(max_length=200, null=True)),
                ("about", models.TextField()),
                ("about_en", models.TextField(null=True)),
                ("about_es", models.TextField(null=True)),
                ("email", models.EmailField(max_length=254)),
                ("phone", models.CharField(blank=True, max_length=40)),
                ("location", models.CharField(blank=True, max_length=120)),
                ("location_en", models.CharField(blank=True, max_length=120, null=True)),
                ("location_es", models.CharField(blank=True, max_length=120, null=True)),
                ("website", models.URLField(blank=True)),
                ("github", models.URLField(blank=True)),
                ("linkedin", models.URLField(blank=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "resume_en",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "pdf"},
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="content_app.mediafile",
                        verbose_name="resume PDF (English)",
                    ),
                ),
                (
                    "resume_es",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "pdf"},
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="content_app.mediafile",
                        verbose_name="resume PDF (Spanish)",
                    ),
                ),
                (
                    "education",
                    models.TextField(
                        blank=True,
                        help_text='One per line, like "BSc Computer Science, LUMS, 2016 - 2020".',
                    ),
                ),
                (
                    "education_en",
                    models.TextField(
                        blank=True,
                        help_text='One per line, like "BSc Computer Science, LUMS, 2016 - 2020".',
                        null=True,
                    ),
                ),
                (
                    "education_es",
                    models.TextField(
                        blank=True,
                        help_text='One per line, like "BSc Computer Science, LUMS, 2016 - 2020".',
                        null=True,
                    ),
                ),
                (
                    "languages",
                    models.TextField(
                        blank=True, help_text='One per line, like "English (fluent)".'
                    ),
                ),
                (
                    "languages_en",
                    models.TextField(
                        blank=True, help_text='One per line, like "English (fluent)".', null=True
                    ),
                ),
                (
                    "languages_es",
                    models.TextField(
                        blank=True, help_text='One per line, like "English (fluent)".', null=True
                    ),
                ),
                (
                    "availability",
                    models.CharField(
                        blank=True,
                        help_text='Like "Open to freelance projects"; blank: unstated.',
                        max_length=200,
                    ),
                ),
                (
                    "availability_en",
                    models.CharField(
                        blank=True,
                        help_text='Like "Open to freelance projects"; blank: unstated.',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "availability_es",
                    models.CharField(
                        blank=True,
                        help_text='Like "Open to freelance projects"; blank: unstated.',
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "pronoun",
                    models.CharField(
                        blank=True,
                        choices=[("he", "he / him"), ("she", "she / her"), ("they", "they / them")],
                        max_length=8,
                    ),
                ),
            ],
            options={
                "db_table": "profile",
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("id", 1)), name="profile_singleton")
                ],
            },
        ),
        migrations.CreateModel(
            name="Experience",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("title_en", models.CharField(max_length=200, null=True)),
                ("title_es", models.CharField(max_length=200, null=True)),
                ("company", models.CharField(max_length=200)),
                ("company_en", models.CharField(max_length=200, null=True)),
                ("company_es", models.CharField(max_length=200, null=True)),
                ("company_url", models.URLField(blank=True, max_length=500)),
                ("start", models.DateField()),
                (
                    "end",
                    models.DateField(
                        blank=True, help_text="Empty while it is the current job.", null=True
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        blank=True,
                        help_text='Like "2023 - Present"; left blank, it is computed.',
                        max_length=100,
                    ),
                ),
                (
                    "period_en",
                    models.CharField(
                        blank=True,
                        help_text='Like "2023 - Present"; left blank, it is computed.',
                        max_length=100,
                        null=True,
                    ),
                ),
                (
                    "period_es",
                    models.CharField(
                        blank=True,
                        help_text='Like "2023 - Present"; left blank, it is computed.',
                        max_length=100,
                        null=True,
                    ),
                ),
                ("description", models.TextField()),
                ("description_en", models.TextField(null=True)),
                ("description_es", models.TextField(null=True)),
                ("technologies", models.JSONField(blank=True, default=list)),
                ("location", models.CharField(blank=True, max_length=120)),
                ("location_en", models.CharField(blank=True, max_length=120, null=True)),
                ("location_es", models.CharField(blank=True, max_length=120, null=True)),
                ("order", models.PositiveIntegerField(default=0)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "logo",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "image"},
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="content_app.mediafile",
                    ),
                ),
                ("live", models.BooleanField(default=False, editable=False)),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        db_index=True,
                        help_text="When a published item appears; empty: at once.",
                        null=True,
                        verbose_name="publish at",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        default="published",
                        help_text="A draft is seen only by the owner (and through a preview link).",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
            ],
            options={
                "db_table": "experiences",
                "ordering": ["order", "-start"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end__isnull", True), ("end__gte", models.F("start")), _connector="OR"
                        ),
                        name="experience_end_after_start",
                        violation_error_message="The end date cannot be before the start date.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Project",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("title_en", models.CharField(max_length=200, null=True)),
                ("title_es", models.CharField(max_length=200, null=True)),
                ("slug", models.SlugField(blank=True, max_length=200, unique=True)),
                ("description", models.TextField()),
                ("description_en", models.TextField(null=True)),
                ("description_es", models.TextField(null=True)),
                ("brief", models.TextField(blank=True)),
                ("brief_en", models.TextField(blank=True, null=True)),
                ("brief_es", models.TextField(blank=True, null=True)),
                ("tags", models.JSONField(blank=True, default=list)),
                ("url", models.URLField(blank=True, max_length=500)),
                ("github_url", models.URLField(blank=True, max_length=500)),
                ("order", models.PositiveIntegerField(default=0)),
                ("featured", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "image",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "image"},
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="content_app.mediafile",
                    ),
                ),
                ("live", models.BooleanField(default=False, editable=False)),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        db_index=True,
                        help_text="When a published item appears; empty: at once.",
                        null=True,
                        verbose_name="publish at",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        default="published",
                        help_text="A draft is seen only by the owner (and through a preview link).",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
            ],
            options={
                "db_table": "projects",
                "ordering": ["order", "created_at"],
            },
        ),
        migrations.RunPython(create_editor_group, remove_editor_group),
    ]
