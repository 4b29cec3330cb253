"""The owner's own content: profile, projects, experience, skills, and uploaded media.

Human-readable fields are translated (en, es) by django-modeltranslation, see
translation.py: `title` reads in the active language and falls back to English;
`title_en` / `title_es` are the stored values.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.text import slugify

from portfolio.publishing import Publishable

RESERVED_SLUGS = {"list"}  # `projects/list` is the list endpoint, not a project.


class MediaFile(models.Model):
    """An uploaded image or PDF. Stored under a random name; the client's name is
    kept only as text, for display and downloads."""

    class Kind(models.TextChoices):
        IMAGE = "image"
        PDF = "pdf", "PDF"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.FileField(max_length=255)
    thumbnail = models.FileField(max_length=255, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_type = models.CharField(max_length=100)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(help_text="Bytes, as stored.")
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "media_files"
        ordering = ["-created_at"]
        verbose_name = "media file"

    def __str__(self):
        return self.original_name or self.filename

    @property
    def filename(self) -> str:
        """The public name, as in `media/<filename>`."""
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def thumbnail_filename(self) -> str:
        return self.thumbnail.name.rsplit("/", 1)[-1] if self.thumbnail else ""


def media_link(kind, **options):
    """A link to an uploaded file of one kind, kept (as NULL) when the file is deleted."""
    return models.ForeignKey(
        MediaFile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": kind},
        **options,
    )


class Profile(models.Model):
    """The site owner. There is exactly one row (pk 1)."""

    SINGLETON_PK = 1

    class Pronoun(models.TextChoices):
        HE = "he", "he / him"
        SHE = "she", "she / her"
        THEY = "they", "they / them"

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_PK, editable=False)
    name = models.CharField(max_length=120)
    title = models.CharField(max_length=200)
    about = models.TextField()
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    location = models.CharField(max_length=120, blank=True)
    website = models.URLField(blank=True)
    github = models.URLField(blank=True)
    linkedin = models.URLField(blank=True)
    # For the generated resume PDF: one entry per line.
    education = models.TextField(
        blank=True, help_text='One per line, like "BSc Computer Science, LUMS, 2016 - 2020".'
    )
    languages = models.TextField(blank=True, help_text='One per line, like "English (fluent)".')
    # How the assistant refers to the owner; blank: by name only.
    pronoun = models.CharField(max_length=8, choices=Pronoun.choices, blank=True)
    availability = models.CharField(
        max_length=200, blank=True, help_text='Like "Open to freelance projects"; blank: unstated.'
    )
    # One PDF per language; Spanish falls back to the English one when missing.
    resume_en = media_link(MediaFile.Kind.PDF, verbose_name="resume PDF (English)")
    resume_es = media_link(MediaFile.Kind.PDF, verbose_name="resume PDF (Spanish)")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "profile"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="profile_singleton")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        if self._state.adding and not kwargs.get("force_insert"):
            # A new instance replaces the one row instead of failing to insert a second.
            self._state.adding = not Profile.objects.filter(pk=self.pk).exists()
        super().save(*args, **kwargs)


class Project(Publishable):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    # The one line a project card shows.
    description = models.TextField()
    # The project brief: what it set out to do and how, for the resume and the assistant.
    brief = models.TextField(blank=True)
    tags = models.JSONField(default=list, blank=True)
    url = models.URLField(max_length=500, blank=True)
    github_url = models.URLField(max_length=500, blank=True)
    image = media_link(MediaFile.Kind.IMAGE)
    order = models.PositiveIntegerField(default=0)
    featured = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "projects"
        ordering = ["order", "created_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        base = slugify(self.title_en or self.title)[:190] or "project"
        if base in RESERVED_SLUGS:
            base = f"{base}-project"
        slug, n = base, 2
        while Project.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Experience(Publishable):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=200)
    company = models.CharField(max_length=200)
    company_url = models.URLField(max_length=500, blank=True)
    logo = media_link(MediaFile.Kind.IMAGE)
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Empty while it is the current job.")
    period = models.CharField(
        max_length=100, blank=True, help_text='Like "2023 - Present"; left blank, it is computed.'
    )
    description = models.TextField()
    technologies = models.JSONField(default=list, blank=True)
    location = models.CharField(max_length=120, blank=True)
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "experiences"
        ordering = ["order", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="experience_end_after_start",
                violation_error_message="The end date cannot be before the start date.",
            )
        ]

    def __str__(self):
        return f"{self.title}, {self.company}"


class Skill(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100)
    category = models.CharField(max_length=100)
    order = models.PositiveIntegerField(default=0)
    # What the resume site's skills section shows (`/api/skills`).
    years_of_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    professional_experience = models.TextField(
        blank=True, help_text="How the skill was used at work, in a sentence or two."
    )
    image = media_link(MediaFile.Kind.IMAGE, help_text="An icon.")
    weblink = models.URLField(max_length=500, blank=True, help_text="The skill's own site.")
    tags = models.JSONField(default=list, blank=True)
    examples = models.TextField(blank=True, help_text="One example per line.")

    class Meta:
        db_table = "skills"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name
