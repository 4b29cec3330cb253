from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, Q, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cv_app.forms import CVUploadForm
from cv_app.index import active_documents
from cv_app.models import CVChunk, CVDocument, CVQuery
from cv_app.services import cv_document_create, cv_document_reprocess
from portfolio.admin_base import BaseAdmin, ReadOnlyInline
from portfolio.api.errors import ApplicationError

RECENT_QUESTIONS = 15


class CVChunkInline(ReadOnlyInline):
    model = CVChunk
    fields = ["ordinal", "page", "section", "entry", "text", "model_name"]
    show_change_link = False


@admin.register(CVDocument)
class CVDocumentAdmin(BaseAdmin):
    list_display = [
        "filename", "status", "progress", "is_active", "pages", "chunk_count", "embedding_model",
        "flagged", "uploaded_at", "processed_at",
    ]  # fmt: skip
    list_filter = ["status", "kind"]
    search_fields = ["filename", "content_hash"]
    readonly_fields = [
        "id", "filename", "file", "file_size", "kind", "content_hash", "uploaded_at",
        "uploaded_by", "status", "progress", "failure_reason", "pages", "chunk_count",
        "embedding_model", "processed_at", "attempts", "next_attempt_at", "claimed_by",
        "heartbeat_at", "unseen_text", "instruction_like_text", "understood_structure",
        "recent_questions",
    ]  # fmt: skip
    fields = readonly_fields
    inlines = [CVChunkInline]
    actions = ["reprocess"]

    def get_queryset(self, request):
        active = active_documents().values("pk")[:1]
        return (
            super()
            .get_queryset(request)
            .annotate(active=ExpressionWrapper(Q(pk=Subquery(active)), output_field=BooleanField()))
        )

    @admin.display(boolean=True, description="active")
    def is_active(self, obj):
        return bool(getattr(obj, "active", False))

    @admin.display(boolean=True, description=_("flagged"))
    def flagged(self, obj):
        """Hidden text dropped, or visible text that reads like instructions to a model."""
        return bool(obj.hidden_chars or obj.instruction_flags)

    @admin.display(description=_("text a reader cannot see"))
    def unseen_text(self, obj):
        """Dropped before indexing: white on white, tiny, off the page, hidden runs."""
        if not obj.hidden_chars:
            return _("None found.")
        reasons = ", ".join(f"{reason}: {count}" for reason, count in obj.hidden_reasons.items())
        return _("%(count)s characters dropped, not indexed (%(reasons)s).") % {
            "count": obj.hidden_chars,
            "reasons": reasons,
        }

    @admin.display(description=_("text that reads like instructions"))
    def instruction_like_text(self, obj):
        """Kept (it is on the page) but only ever quoted to a model, never obeyed."""
        if not obj.instruction_flags:
            return _("None found.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>page {}, {}: “{}”</li>",
                ((f["page"], f["kind"], f["text"]) for f in obj.instruction_flags),
            ),
        )

    @admin.display(description="what was understood")
    def understood_structure(self, obj):
        """The sections and entries read from the file, so the owner can see what the
        answers rest on (and fix the CV's headings if something was misread)."""
        sections = (obj.structure or {}).get("sections") or []
        if not sections:
            return "Nothing yet (re-process the CV to read its structure)."
        rows = []
        for section in sections:
            title = section.get("heading") or section["kind"]
            if section.get("entries"):
                details = format_html_join(
                    "",
                    "<li>{} · {} · {} · {} (page {}, {} bullets)</li>",
                    (
                        (
                            e.get("title") or "-",
                            e.get("organisation") or "-",
                            e.get("place") or "-",
                            e.get("dates") or "no dates",
                            e.get("page"),
                            len(e.get("bullets") or []),
                        )
                        for e in section["entries"]
                    ),
                )
            else:
                details = format_html_join(
                    "", "<li>{}</li>", ((line["text"][:200],) for line in section["lines"][:8])
                )
            rows.append(
                format_html(
                    "<li><strong>{}</strong> ({}, page {})<ul>{}</ul></li>",
                    title,
                    section["kind"],
                    section.get("page"),
                    details,
                )
            )
        return format_html("<ul>{}</ul>", format_html_join("", "{}", ((row,) for row in rows)))

    @admin.display(description="progress")
    def progress(self, obj):
        if obj.next_attempt_at is None:
            return "done" if obj.status == CVDocument.Status.READY else "-"
        if obj.heartbeat_at is None:
            return "queued"
        return f"{obj.processed_pages}/{obj.pages} pages embedded (attempt {obj.attempts})"

    @admin.display(description="recent questions")
    def recent_questions(self, obj):
        rows = obj.queries.order_by("-timestamp")[:RECENT_QUESTIONS]
        if not rows:
            return "None yet."
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (row.question, f"{row.confidence:.2f}", "answered" if row.answered else "gap")
                for row in rows
            ),
        )
        return format_html(
            "<table><tr><th>question</th><th>confidence</th><th></th></tr>{}</table>", body
        )

    @admin.action(description="Re-process the selected CVs (parse and embed again)")
    def reprocess(self, request, queryset):
        for document in queryset:
            cv_document_reprocess(document_id=document.pk)
        self.message_user(
            request, f"{queryset.count()} CV(s) queued for processing.", messages.SUCCESS
        )

    def has_change_permission(self, request, obj=None):
        # Everything here is derived from the file; what changes it is a new upload.
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CVUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                document = cv_document_create(
                    uploaded_file=form.cleaned_data["file"], uploaded_by=request.user
                )
            except ApplicationError as exc:
                form.add_error("file", exc.message)
            else:
                return self._after_upload(request, document)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload a CV",
            "form": form,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/cv_app/cvdocument/upload.html", context)

    def _after_upload(self, request, document):
        document.refresh_from_db()
        if document.status == CVDocument.Status.READY:
            self.message_user(
                request,
                f"{document.filename} is ready: {document.pages} pages, "
                f"{document.chunk_count} chunks. It is now the active CV.",
                messages.SUCCESS,
            )
        elif document.status == CVDocument.Status.FAILED:
            self.message_user(
                request,
                f"{document.filename} could not be processed: {document.failure_reason}",
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                f"{document.filename} was received and is being processed in the background; "
                "reload this page to see its progress.",
                messages.INFO,
            )
        return redirect(reverse("admin:cv_app_cvdocument_change", args=[document.pk]))


class CoverageFilter(admin.SimpleListFilter):
    title = "coverage"
    parameter_name = "coverage"

    def lookups(self, request, model_admin):
        threshold = settings.CV_CONFIDENCE_THRESHOLD
        return [
            ("gaps", f"Gaps: confidence below {threshold:.2f}"),
            ("covered", f"Covered: {threshold:.2f} or above"),
        ]

    def queryset(self, request, queryset):
        threshold = settings.CV_CONFIDENCE_THRESHOLD
        if self.value() == "gaps":
            return queryset.filter(confidence__lt=threshold)
        if self.value() == "covered":
            return queryset.filter(confidence__gte=threshold)
        return queryset


@admin.register(CVQuery)
class CVQueryAdmin(BaseAdmin):
    """Recent questions with their confidence; the `gaps` filter lists what the CV
    could not answer, which is what the owner may want to add to it."""

    list_display = ["question", "confidence_display", "is_gap", "cited_pages", "mode", "timestamp"]
    list_filter = [CoverageFilter, "mode", "answered", "timestamp"]
    search_fields = ["question", "answer", "session_id"]
    date_hierarchy = "timestamp"
    readonly_fields = [
        "id", "question", "answer", "confidence", "answered", "sources", "mode", "session_id",
        "document", "latency_ms", "timestamp",
    ]  # fmt: skip
    fields = readonly_fields

    @admin.display(description="confidence", ordering="confidence")
    def confidence_display(self, obj):
        return f"{obj.confidence:.2f}"

    @admin.display(boolean=True, description="gap")
    def is_gap(self, obj):
        return obj.confidence < settings.CV_CONFIDENCE_THRESHOLD

    @admin.display(description="pages cited")
    def cited_pages(self, obj):
        pages = sorted({source.get("page") for source in obj.sources or [] if source.get("page")})
        return ", ".join(str(page) for page in pages) or "-"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
