from django.core.management.base import BaseCommand, CommandError

from cv_app.embeddings import EmbeddingError, current_model_name
from cv_app.models import CVDocument
from cv_app.services import cv_document_reembed


class Command(BaseCommand):
    help = (
        "Re-embeds the chunks of every ready CV with the current embedding backend "
        "(run it after changing EMBEDDINGS or EMBEDDINGS_MODEL). Web processes pick "
        "up the new vectors on their next question."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", help="Only this document id.")
        parser.add_argument(
            "--stale-only",
            action="store_true",
            help="Skip documents already embedded with the current model.",
        )

    def handle(self, *args, document=None, stale_only=False, **options):
        documents = CVDocument.objects.filter(status=CVDocument.Status.READY)
        if document:
            documents = documents.filter(pk=document)
            if not documents.exists():
                raise CommandError(f"No ready CV document with id {document}.")
        try:
            model = current_model_name()
        except EmbeddingError as exc:
            raise CommandError(str(exc)) from exc
        if stale_only:
            documents = documents.exclude(embedding_model=model)

        total = 0
        for item in documents.order_by("uploaded_at"):
            try:
                count = cv_document_reembed(document_id=item.pk)
            except EmbeddingError as exc:
                raise CommandError(f"{item.filename} ({item.pk}): {exc}") from exc
            total += count
            self.stdout.write(f"{item.filename} ({item.pk}): {count} chunks re-embedded")
        self.stdout.write(self.style.SUCCESS(f"{total} chunks now embedded with {model}."))
