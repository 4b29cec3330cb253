"""Django for the CV bench scripts: a throwaway SQLite database and media folder,
eager tasks, whatever DATABASE_URL / REDIS_URL the shell happens to have."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> Path:
    workdir = Path(tempfile.mkdtemp(prefix="cv-bench-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portfolio.settings"
    os.environ["VAR_DIR"] = str(workdir)
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return workdir


def ingest(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cv_app import runner
    from cv_app.models import CVDocument
    from cv_app.services import cv_document_create

    document = cv_document_create(uploaded_file=SimpleUploadedFile(name, data))
    # The upload is queued; process it here, as the web process's runner would.
    runner.run_due(worker="bench")
    document = CVDocument.objects.get(pk=document.pk)
    if document.status != CVDocument.Status.READY:
        raise SystemExit(f"Ingestion failed: {document.status} {document.failure_reason}")
    return document
