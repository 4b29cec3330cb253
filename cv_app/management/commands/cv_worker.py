import contextlib
import threading

from django.core.management.base import BaseCommand

from cv_app import runner


class Command(BaseCommand):
    help = (
        "Process queued CVs from the database in the foreground: the embedded runner's "
        "loop in a process of its own (no broker needed). --once processes what is due and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Process what is due, then exit.")

    def handle(self, *args, once, **options):
        if once:
            count = runner.run_due(worker="cv_worker:once")
            self.stdout.write(f"Processed {count} CV(s).")
            return
        self.stdout.write("Processing queued CVs; Ctrl-C stops.")
        with contextlib.suppress(KeyboardInterrupt):
            runner.serve(stop=threading.Event())
