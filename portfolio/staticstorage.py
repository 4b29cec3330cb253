"""Production's static files storage: whitenoise's hashed and compressed files, with
a file the manifest does not know linked by its plain name instead of a 500."""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ForgivingManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """deploy/serve.sh collects at every start, so a miss means STATIC_ROOT was moved
    or emptied under a running server, or a package added a file since: the page
    still renders, and only that one asset may be missing (a 404), not the page."""

    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            logger.warning("Static file %r is not collected; linked by its plain name.", name)
            return name
