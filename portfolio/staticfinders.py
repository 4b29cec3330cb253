"""Static files taken from xstatic packages (front-end libraries on PyPI).

Only the files we use are exposed: a whole xstatic folder brings CSS whose broken
url() references stop collectstatic's manifest storage."""

from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from xstatic.pkg import jquery_ui

# static path prefix -> (package data folder, files served from it)
XSTATIC_FILES = {
    "xstatic/jquery-ui": (jquery_ui.BASE_DIR, ["jquery-ui.min.js"]),
}


class XStaticFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.storages = {}
        for prefix, (folder, _files) in XSTATIC_FILES.items():
            storage = FileSystemStorage(location=folder)
            storage.prefix = prefix
            self.storages[prefix] = storage

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        prefix, _, name = path.rpartition("/")
        folder, files = XSTATIC_FILES.get(prefix, (None, []))
        found = [str(Path(folder) / name)] if name in files else []
        return found if find_all or kwargs.get("all") else (found[0] if found else None)

    def list(self, ignore_patterns):
        for prefix, (_folder, files) in XSTATIC_FILES.items():
            for name in files:
                yield name, self.storages[prefix]
