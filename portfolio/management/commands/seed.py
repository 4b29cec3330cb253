from django.core.management.base import BaseCommand

from portfolio.services import seed_load


class Command(BaseCommand):
    help = (
        "Load fixtures/*.json idempotently: objects seeded before are never "
        "re-created or overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Fixture files (default: fixtures/*.json).")

    def handle(self, *args, paths, **options):
        created = seed_load(paths=paths or None)
        if not created:
            self.stdout.write("Seed data already loaded; nothing to add.")
        for label, count in sorted(created.items()):
            self.stdout.write(self.style.SUCCESS(f"Seeded {count} {label}"))
