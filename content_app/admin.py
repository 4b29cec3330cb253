from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header

from content_app.media import MAX_UPLOAD_BYTES
from content_app.models import Experience, MediaFile, Profile, Project, Skill
from content_app.selectors import media_path, resume_file_name_generated, resume_pdf_generated
from content_app.services import media_upload
from portfolio.admin_base import (
    BaseAdmin,
    PreviewAdminMixin,
    PublishingAdminMixin,
    RevisionAdmin,
    TranslatedAdmin,
)
from portfolio.api.errors import ApplicationError
from portfolio.api.language import supported_languages


def _preview(media, *, size=80):
    if media is None or media.kind != MediaFile.Kind.IMAGE:
        return "—"
    thumbnail = media.thumbnail_filename or media.filename
    return format_html(
        '<img src="{}" alt="" style="max-width:{}px;max-height:{}px;border-radius:4px">',
        media_path(thumbnail),
        size,
        size,
    )


@admin.register(Profile)
class ProfileAdmin(RevisionAdmin, TranslatedAdmin):
    list_display = ["name", "title", "email", "updated_at"]
    raw_id_fields = ["resume_en", "resume_es"]
    readonly_fields = ["generated_resume"]
    fieldsets = [
        (None, {"fields": ["name", "pronoun", "title", "about", "availability"]}),
        ("Contact", {"fields": ["email", "phone", "location", "website", "github", "linkedin"]}),
        ("For the generated resume", {"fields": ["education", "languages"]}),
        ("Resume PDFs", {"fields": ["resume_en", "resume_es", "generated_resume"]}),
    ]

    def has_add_permission(self, request):
        # One owner, one profile.
        return super().has_add_permission(request) and not Profile.objects.exists()

    def get_urls(self):
        preview = path(
            "<path:object_id>/resume-preview/<str:language>/",
            self.admin_site.admin_view(self.resume_preview),
            name="content_app_profile_resume_preview",
        )
        return [preview, *super().get_urls()]

    @admin.display(description="Generated resume")
    def generated_resume(self, profile):
        if profile.pk is None:
            return "—"
        links = format_html_join(
            " · ",
            '<a href="{}" target="_blank">{}</a>',
            (
                (reverse("admin:content_app_profile_resume_preview", args=[profile.pk, code]), name)
                for code, name in settings.LANGUAGES
            ),
        )
        return format_html(
            "{}<br><span class='help'>Built from the content; served where no PDF is "
            "uploaded for the language.</span>",
            links,
        )

    def resume_preview(self, request, object_id, language):
        if not self.has_view_permission(request) or language not in supported_languages():
            raise Http404
        try:
            content = resume_pdf_generated(language=language)
        except ApplicationError as exc:
            return HttpResponse(exc.message, status=exc.status_code, content_type="text/plain")
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            False, resume_file_name_generated(language=language)
        )
        return response


@admin.register(Project)
class ProjectAdmin(PreviewAdminMixin, PublishingAdminMixin, RevisionAdmin, TranslatedAdmin):
    list_display = ["image_preview", "title", "slug", "order", "featured", "updated_at"]
    list_display_links = ["image_preview", "title"]
    list_editable = ["order", "featured"]
    list_filter = ["featured"]
    search_fields = ["title", "description", "brief"]
    ordering = ["order", "created_at"]
    raw_id_fields = ["image"]
    readonly_fields = ["image_preview", "created_at", "updated_at"]
    fields = [
        "title", "slug", "description", "brief", "tags", "url", "github_url",
        "image", "image_preview", "order", "featured", "status", "publish_at",
        "created_at", "updated_at",
    ]  # fmt: skip

    @admin.display(description="Image")
    def image_preview(self, project):
        return _preview(project.image)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image")


@admin.register(Experience)
class ExperienceAdmin(PreviewAdminMixin, PublishingAdminMixin, RevisionAdmin, TranslatedAdmin):
    list_display = ["title", "company", "start", "end", "order"]
    list_editable = ["order"]
    search_fields = ["title", "company", "description"]
    ordering = ["order", "-start"]
    raw_id_fields = ["logo"]
    readonly_fields = ["logo_preview"]

    @admin.display(description="Logo preview")
    def logo_preview(self, experience):
        return _preview(experience.logo)


@admin.register(Skill)
class SkillAdmin(RevisionAdmin, TranslatedAdmin):
    list_display = ["image_preview", "name", "category", "years_of_experience", "order"]
    list_display_links = ["image_preview", "name"]
    list_editable = ["order"]
    list_filter = ["category"]
    search_fields = ["name", "category"]
    ordering = ["order", "name"]
    raw_id_fields = ["image"]
    readonly_fields = ["image_preview"]
    resume_site_fields = [
        "years_of_experience", "professional_experience", "examples", "tags",
        "weblink", "image", "image_preview",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["name", "category", "order"]}),
        ("On the resume site", {"fields": resume_site_fields}),
    ]

    @admin.display(description="Icon")
    def image_preview(self, skill):
        return _preview(skill.image, size=32)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image")


class MediaUploadForm(forms.ModelForm):
    """Adding a file in the admin goes through the same checks as the upload API."""

    upload = forms.FileField(
        help_text=f"JPEG, PNG or PDF, at most {filesizeformat(MAX_UPLOAD_BYTES)}."
    )

    class Meta:
        model = MediaFile
        fields = []

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload is not None:
            try:
                self.stored = media_upload(upload=upload, uploaded_by=self.uploader)
            except ApplicationError as exc:
                raise forms.ValidationError({"upload": exc.message}) from None
        return cleaned


@admin.register(MediaFile)
class MediaFileAdmin(BaseAdmin):
    list_display = ["preview", "original_name", "kind", "content_type", "size", "created_at"]
    list_display_links = ["preview", "original_name"]
    list_filter = ["kind"]
    search_fields = ["original_name", "file"]
    readonly_fields = [
        "preview", "public_url", "original_name", "kind", "content_type", "size", "width",
        "height", "uploaded_by", "created_at",
    ]  # fmt: skip
    ordering = ["-created_at"]

    @admin.display(description="Preview")
    def preview(self, media):
        return _preview(media)

    @admin.display(description="URL")
    def public_url(self, media):
        path = media_path(media.filename)
        return format_html('<a href="{}">{}</a>', path, path)

    def has_change_permission(self, request, obj=None):
        # A stored file is never edited in place; upload a new one instead.
        return False

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = MediaUploadForm
            form = super().get_form(request, obj, **kwargs)
            form.uploader = request.user
            return form
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["upload"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        # media_upload already saved the row; let the admin's log and redirect use it.
        if not change:
            obj.pk = form.stored.pk
            obj.__dict__.update(form.stored.__dict__)
