import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")

application = get_wsgi_application()

# Without a broker, CVs are processed by a thread of this process (cv_app/runner.py).
from cv_app import runner as cv_runner  # noqa: E402
from portfolio import publishing  # noqa: E402

cv_runner.start_if_embedded()
# Scheduled items' events (published/unpublished) are noticed by a ticker thread.
publishing.start_ticker_if_embedded()
