from django.core.management.base import BaseCommand

from contact_app.services import notifications_send_unsent


class Command(BaseCommand):
    help = (
        "Send every contact-form notification that is still waiting: pending ones, and "
        "ones a crashed worker left half-sent. Safe to run alongside Celery workers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-failed",
            action="store_true",
            help="Also retry notifications the mail server refused for good.",
        )

    def handle(self, *args, include_failed, **options):
        counts = notifications_send_unsent(include_failed=include_failed)
        line = (
            f"Sent {counts['sent']}, still pending {counts['pending']}, "
            f"failed {counts['failed']}, taken by another sender {counts['skipped']}."
        )
        style = self.style.SUCCESS if not counts["pending"] else self.style.WARNING
        self.stdout.write(style(line))
