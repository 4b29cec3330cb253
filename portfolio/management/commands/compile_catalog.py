"""`manage.py compile_catalog` (the second half of `make messages`): folds the Spanish
in `locale_pending/*.po` into the catalog, then compiles every
`locale/<lang>/LC_MESSAGES/django.po` into the `django.mo` beside it with polib, so
neither this nor loading the committed `.mo` needs GNU gettext."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def pending_fold(*, catalog, pending_dir) -> tuple[int, list[str]]:
    """Fills the catalog's untranslated entries from the pending files; returns
    (entries filled, msgids of pending entries the code no longer has)."""
    by_key = {(e.msgctxt, e.msgid): e for e in catalog if not e.obsolete}
    filled, unknown = 0, []
    for path in sorted(Path(pending_dir).glob("*.po")):
        for entry in polib.pofile(str(path)):
            target = by_key.get((entry.msgctxt, entry.msgid))
            if target is None:
                unknown.append(entry.msgid)
            elif entry.translated() and not target.translated():
                target.msgstr, target.msgstr_plural = entry.msgstr, dict(entry.msgstr_plural)
                if "fuzzy" in target.flags:
                    target.flags.remove("fuzzy")
                filled += 1
    return filled, unknown


class Command(BaseCommand):
    help = "Fold locale_pending/*.po into the catalog and compile it to .mo (polib)."

    def handle(self, *args, **options):
        pending_dir = Path(settings.BASE_DIR) / "locale_pending"
        for locale_dir in settings.LOCALE_PATHS:
            for path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po")):
                catalog = polib.pofile(str(path))
                # The Spanish waiting in locale_pending/ is Spanish: only es takes it.
                if path.parts[-3] == "es" and pending_dir.is_dir():
                    filled, unknown = pending_fold(catalog=catalog, pending_dir=pending_dir)
                    if filled:
                        catalog.save(str(path))
                    self.stdout.write(f"{path}: {filled} entries from locale_pending/")
                    for msgid in unknown:
                        self.stderr.write(f"  not in the code any more: {msgid!r}")
                untranslated = [e.msgid for e in catalog.untranslated_entries()]
                catalog.save_as_mofile(str(path.with_suffix(".mo")))
                self.stdout.write(
                    f"{path.with_suffix('.mo')}: {len(catalog.translated_entries())} messages"
                )
                for msgid in untranslated:
                    self.stderr.write(f"  untranslated: {msgid!r}")
