"""Settings, read from the environment (and `.env` when present).

Development needs no environment at all: SQLite under var/, local-memory cache,
in-memory channel layer, eager Celery, console email, offline assistant.
Production (DJANGO_ENV=production) refuses to start without the values it cannot
safely guess.
"""

import ipaddress
import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import environ
from corsheaders.defaults import default_headers
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


class _SetVariables(Mapping):
    """os.environ without its empty values: `NAME=` (as in .env.example) means
    "use the default", exactly as if the line were not there."""

    def __getitem__(self, key):
        value = os.environ[key]
        if value == "":
            raise KeyError(key)
        return value

    def __iter__(self):
        return (key for key, value in os.environ.items() if value != "")

    def __len__(self):
        return sum(1 for _ in self)


if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
env = environ.Env()
env.ENVIRON = _SetVariables()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}."
    )
IS_PRODUCTION = DJANGO_ENV == "production"


def _required_in_production(name, *, dev_default, aliases=()):
    """A value production must be given explicitly; development gets a safe default."""
    for key in (name, *aliases):
        value = env.str(key, default="")
        if value:
            return value
    if IS_PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production.")
    return dev_default


SECRET_KEY = _required_in_production(
    "DJANGO_SECRET_KEY",
    aliases=("SECRET_KEY",),
    dev_default="django-insecure-development-only-key-do-not-use-in-production",
)
# Django's own deploy check (security.W009) wants 50+ characters, 5+ of them distinct.
if IS_PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be at least 50 random characters in production."
    )

DEBUG = env.bool("DJANGO_DEBUG", default=not IS_PRODUCTION)
if IS_PRODUCTION and DEBUG:
    # Debug pages show settings, SQL and source to anyone who triggers an error.
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production.")
ALLOWED_HOSTS = [
    host.strip()
    for host in _required_in_production(
        "ALLOWED_HOSTS", dev_default="localhost,127.0.0.1,[::1],testserver"
    ).split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where the public site lives: feed links point there.
FRONTEND_URL = env.str("FRONTEND_URL", default="http://localhost:3000").rstrip("/")
# --- Publishing (portfolio/publishing.py) ---------------------------------------
# How often each web process looks for scheduled items that came due (their events:
# published/unpublished); the caches notice a due time by themselves (caching.py).
PUBLISHING_TICK_SECONDS = env.float("PUBLISHING_TICK_SECONDS", default=5.0)
PUBLISHING_EMBEDDED_TICKER = env.bool("PUBLISHING_EMBEDDED_TICKER", default=True)
# A preview link (admin "Preview") is valid this long, in seconds.
PREVIEW_MAX_AGE = env.int("PREVIEW_MAX_AGE", default=3600)
# The frontend page a preview link opens; {kind}, {slug}, {id} and {token} are filled in.
PREVIEW_URL = (
    env.str("PREVIEW_URL", default="") or FRONTEND_URL + "/preview/{kind}/{slug}?preview={token}"
)
if PREVIEW_MAX_AGE <= 0 or PUBLISHING_TICK_SECONDS <= 0:
    raise ImproperlyConfigured("PREVIEW_MAX_AGE and PUBLISHING_TICK_SECONDS must be positive.")

INSTALLED_APPS = [
    # daphne first: `runserver` then serves HTTP and WebSocket through ASGI.
    "daphne",
    # The admin's theme (local fonts, Chart.js, list widget); it must precede the admin.
    "unfold",
    "unfold.contrib.forms",
    # modeltranslation must precede the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "markdownx",
    # Revisions of the owner's content, with history, diff and restore in the admin.
    "reversion",
    "reversion_compare",
    "channels",
    "django_prometheus",
    "portfolio",
    "tools_app",
    "blog_app",
    "content_app",
    "chat_app",
    "cv_app",
    "contact_app",
    "telemetry_app",
    "webhooks_app",
    "faq_app",
]

MIDDLEWARE = [
    "portfolio.api.middleware.ContentLengthGuardMiddleware",
    # Outermost but for the guard, so the request metrics and the request id cover everything below.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "portfolio.logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "portfolio.api.middleware.ApiErrorMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portfolio.api.language.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # The database gone, on a page: a small HTML 503 instead of a 500. Sync-only and
    # innermost: under ASGI the whole chain then runs in one thread (its docstring).
    "portfolio.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "portfolio.urls"
WSGI_APPLICATION = "portfolio.wsgi.application"
ASGI_APPLICATION = "portfolio.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# Relative paths (VAR_DIR, MEDIA_ROOT, STATIC_ROOT) are taken from the repository root.
VAR_DIR = BASE_DIR / env.str("VAR_DIR", default="var")
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    # A database that is gone must cost a request seconds, not the OS's TCP timeout:
    # the request then answers 503 (portfolio/api/exceptions.py, portfolio/unavailable.py).
    _db_options["connect_timeout"] = env.int("DB_CONNECT_TIMEOUT", default=2)
    if env.bool("DB_POOL", default=True):
        # Under ASGI every request runs in a different thread, so persistent
        # connections pile up one per thread; Django's docs advise CONN_MAX_AGE=0
        # and psycopg's pool instead (Django requires 0 with a pool).
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        # Checked when taken from the pool: after the server restarts, a dead pooled
        # connection is replaced instead of failing a request.
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        _db_options["pool"] = {
            "min_size": env.int("DB_POOL_MIN_SIZE", default=2),
            "max_size": env.int("DB_POOL_MAX_SIZE", default=10),
            # The longest a request waits for a connection: with the database gone,
            # the time it takes to answer 503.
            "timeout": env.float("DB_POOL_TIMEOUT", default=2.0),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=0)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # A busy site still writes from several threads (daphne + eager tasks).
        # IMMEDIATE takes the write lock when a transaction starts, so a writer
        # waits (up to `timeout` seconds) instead of failing with "database is
        # locked" when its read turns into a write; WAL lets readers go on meanwhile.
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, channel layer, Celery broker -----------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="portfolio")

if REDIS_URL:
    _redis_cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 2,
            "SOCKET_TIMEOUT": 2,
        },
    }
    CACHES = {
        # Redis down degrades, never breaks: a read is a miss and a write is
        # skipped (logged), so pages are built from the database.
        "default": {
            **_redis_cache,
            "OPTIONS": {**_redis_cache["OPTIONS"], "IGNORE_EXCEPTIONS": True},
        },
        # The same store for what must know when it is down (throttles fail open
        # to a local limiter, login fails closed); errors raise.
        "strict": _redis_cache,
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "portfolio.cache"
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"{CACHE_KEY_PREFIX}:asgi"},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # Both names share one local-memory store (same LOCATION).
    _local_cache = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portfolio",
    }
    CACHES = {"default": _local_cache, "strict": _local_cache}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://localhost/"
    # One machine, nothing else running: tasks run in the request that enqueues them.
    CELERY_TASK_ALWAYS_EAGER = True

# Under ASGI, repeats of cached public reads are answered by a per-process cache in
# front of Django (portfolio/api/edge_cache.py); off, every read reaches Django (and
# its response cache).
EDGE_CACHE = env.bool("EDGE_CACHE", default=True)

CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# --- Background jobs: no stuck work -------------------------------------------
# The CV task's hard time limit. While a CV is processed, its worker writes a heartbeat
# every CV_HEARTBEAT_SECONDS (a thread beside the work, so a long parse or model load
# beats too); a claim whose heartbeat is older than the lease is a dead worker's, and
# the sweeper (beat, or the embedded runner, every CV_SWEEP_SECONDS) hands it on:
# a killed worker is noticed within lease + sweep (45 s by default).
CV_TASK_TIME_LIMIT_SECONDS = env.int("CV_TASK_TIME_LIMIT_SECONDS", default=660)
CV_HEARTBEAT_SECONDS = env.float("CV_HEARTBEAT_SECONDS", default=5.0)
CV_PROCESSING_LEASE_SECONDS = env.int("CV_PROCESSING_LEASE_SECONDS", default=30)
CV_SWEEP_SECONDS = env.float("CV_SWEEP_SECONDS", default=15.0)
if CV_PROCESSING_LEASE_SECONDS < 3 * CV_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured(
        "CV_PROCESSING_LEASE_SECONDS must be at least three heartbeats "
        f"(3 x CV_HEARTBEAT_SECONDS = {3 * CV_HEARTBEAT_SECONDS:g}): a live worker would "
        "otherwise lose its CV to the sweeper."
    )
# The embedded default (no broker) processes CVs in a thread of the web process,
# fed from the database (cv_app/runner.py); with a broker, Celery workers do.
CV_EMBEDDED_RUNNER = env.bool("CV_EMBEDDED_RUNNER", default=not REDIS_URL)
# A task a killed worker held (acks_late) goes back to the queue after this long:
# longer than any task may run, or a running task would be handed out twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int(
        "CELERY_VISIBILITY_TIMEOUT_SECONDS", default=CV_TASK_TIME_LIMIT_SECONDS + 240
    )
}
CELERY_TIMEZONE = "UTC"
# Workers log through LOGGING below (JSON lines in production), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Beat runs only where there is a broker (REDIS_URL); eager mode has no schedule.
CELERY_BEAT_SCHEDULE = {
    # Contact-form emails whose task never ran or ran out of retries.
    "contact-retry-notifications": {
        "task": "contact_app.retry_notifications",
        "schedule": 300.0,
    },
    "telemetry-prune": {"task": "telemetry_app.tasks.telemetry_prune_task", "schedule": 24 * 3600},
    # CVs a killed worker left processing: re-queued, or failed after their attempts.
    "cv-sweep": {"task": "cv_app.sweep_documents", "schedule": CV_SWEEP_SECONDS},
    # Webhook deliveries whose task was lost or ran out: the receiver gets them late, not never.
    "webhooks-send-due": {"task": "webhooks_app.send_due", "schedule": 60.0},
    # Visitors' questions past INBOX_RETENTION_DAYS (the runner does it without a broker).
    "faq-inbox-purge": {"task": "faq_app.inbox_purge", "schedule": 3600.0},
    # Inbox questions whose grouping task was never queued (broker down at the time).
    "faq-group-pending": {"task": "faq_app.group_pending", "schedule": 300.0},
}
# --- Rebuild webhooks (webhooks_app) -------------------------------------------
# Content events within this many seconds of the first become one call per hook.
WEBHOOK_BATCH_SECONDS = env.float("WEBHOOK_BATCH_SECONDS", default=30.0)
# A failed call is retried after base, 2x base, 4x base, ... seconds (at most the cap),
# and marked failed after WEBHOOK_MAX_ATTEMPTS: the defaults outlast a receiver down
# for an hour or more.
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=10.0)
WEBHOOK_RETRY_MAX_SECONDS = env.float("WEBHOOK_RETRY_MAX_SECONDS", default=900.0)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=12)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
# A sender's claim on a delivery older than this is a killed worker's: another takes it over.
WEBHOOK_CLAIM_SECONDS = env.float("WEBHOOK_CLAIM_SECONDS", default=60.0)
for _name in ("WEBHOOK_BATCH_SECONDS", "WEBHOOK_RETRY_BASE_SECONDS", "WEBHOOK_TIMEOUT_SECONDS"):
    if vars()[_name] < 0 or (_name != "WEBHOOK_BATCH_SECONDS" and vars()[_name] == 0):
        raise ImproperlyConfigured(f"{_name} must be a positive number of seconds.")
if WEBHOOK_CLAIM_SECONDS <= WEBHOOK_TIMEOUT_SECONDS or WEBHOOK_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured(
        "WEBHOOK_CLAIM_SECONDS must exceed WEBHOOK_TIMEOUT_SECONDS, and WEBHOOK_MAX_ATTEMPTS be 1+."
    )

# A worker serves its own counters on this port (0: not at all); see portfolio/metrics.py.
CELERY_METRICS_PORT = env.int("CELERY_METRICS_PORT", default=0)
# A worker child that has grown past this (KiB) after a task is replaced: the CV
# task loads the embedding model (~630 MiB resident with Django, bench/cv_bench.py)
# and whole PDFs, and must not creep upwards.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int(
    "CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=1_000_000
)

# --- Auth and API -------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_RATE_LIMIT = env.str("LOGIN_RATE_LIMIT", default="10/min")
CHAT_RATE_LIMIT = env.str("CHAT_RATE_LIMIT", default="20/min")
CONTACT_RATE_LIMIT = env.str("CONTACT_RATE_LIMIT", default="5/hour")
TELEMETRY_RATE_LIMIT = env.str("TELEMETRY_RATE_LIMIT", default="120/min")
HEALTH_RATE_LIMIT = env.str("HEALTH_RATE_LIMIT", default="60/min")
CHAT_HISTORY_RATE_LIMIT = env.str("CHAT_HISTORY_RATE_LIMIT", default="60/min")
FEEDBACK_RATE_LIMIT = env.str("FEEDBACK_RATE_LIMIT", default="30/min")
# The public health answer is reused this long by each process.
HEALTH_CACHE_SECONDS = env.float("HEALTH_CACHE_SECONDS", default=5.0)
# Health's database check gives up after this long: the Docker HEALTHCHECK allows 5 s,
# and a database that does not answer must still get a prompt 503.
HEALTH_DATABASE_TIMEOUT_SECONDS = env.float("HEALTH_DATABASE_TIMEOUT_SECONDS", default=1.0)

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["portfolio.api.renderers.EnvelopeRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "portfolio.api.parsers.SafeJSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "portfolio.api.schema.EnvelopeAutoSchema",
    "EXCEPTION_HANDLER": "portfolio.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "login": LOGIN_RATE_LIMIT,
        "login_username": LOGIN_RATE_LIMIT,
        "chat": CHAT_RATE_LIMIT,
        "contact": CONTACT_RATE_LIMIT,
        "telemetry": TELEMETRY_RATE_LIMIT,
        "health": HEALTH_RATE_LIMIT,
        "chat_history": CHAT_HISTORY_RATE_LIMIT,
        "feedback": FEEDBACK_RATE_LIMIT,
    },
    # Trust X-Forwarded-For only behind a known number of proxies; otherwise a
    # visitor could pick their own throttle key.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "SIGNING_KEY": SECRET_KEY,
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Every claim we read is checked first: a malformed user_id is a 401, not a 500.
    "AUTH_TOKEN_CLASSES": ("portfolio.accounts.tokens.AccessToken",),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Portfolio backend API",
    "DESCRIPTION": (
        "Content, blog, AI tools directory, AI assistant, chat with the CV and contact "
        "form for a developer's portfolio. Every `/api/v1/` response is the envelope "
        '`{"success": true, "data": ..., "message": ...}` or '
        '`{"success": false, "error": ..., "details": ...}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["portfolio.compat_urls.exclude_mirrors"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI and ReDoc from our own static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI would otherwise send the schema to swagger.io's online validator.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Tools and posts both have `category` (and tools and health `status`) choice
    # sets used by several components; name them instead of hashing.
    "ENUM_NAME_OVERRIDES": {
        "ToolCategoryEnum": "tools_app.models.AITool.Category",
        "ToolStatusEnum": "tools_app.models.AITool.Status",
        "ToolPricingEnum": "tools_app.models.AITool.Pricing",
        "PostCategoryEnum": "blog_app.models.BlogPost.Category",
        "WebhookEventEnum": "webhooks_app.models.Event",
        "FaqStatusEnum": "faq_app.models.FAQEntry.Status",
        "InboxStatusEnum": "faq_app.models.QuestionGroup.Status",
        "InboxKindEnum": "faq_app.models.AskedQuestion.Kind",
    },
}

# --- CORS ---------------------------------------------------------------------
CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS",
    default=[
        "http://localhost:3000",
        "http://localhost:5173",
        "http://127.0.0.1:3000",
        "http://127.0.0.1:5173",
    ],
)
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = (*default_headers, "x-request-id")
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Language", "X-Request-ID"]

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Spanish")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The page at `/` and the admin dashboard's own strings (`make messages` refreshes them).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Files --------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / env.str("STATIC_ROOT", default="staticfiles")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / env.str("MEDIA_ROOT", default="media")
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")

if AWS_STORAGE_BUCKET_NAME:
    # django-storages reads AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ... itself.
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=True)
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "portfolio.staticstorage.ForgivingManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Development serves admin assets straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = not IS_PRODUCTION

# --- Admin: nothing from another host ----------------------------------------
# modeltranslation's tabs need jQuery UI (its setting JQUERY_UI_URL); it comes from the
# xstatic-jquery-ui package.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "portfolio.staticfinders.XStaticFinder",
]
JQUERY_UI_URL = "xstatic/jquery-ui/jquery-ui.min.js"
# The blog editor's preview is the API's own renderer and sanitiser.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "blog_app.markdown.render_markdown"
MARKDOWNX_URLS_PATH = "/admin/blog_app/blogpost/markdown-preview/"
# Unfold's login form drops the hidden `next` field that leads back to the admin.
LOGIN_REDIRECT_URL = "/admin/"
UNFOLD = {
    "SITE_TITLE": "Portfolio admin",
    "SITE_HEADER": "Portfolio",
    "DASHBOARD_CALLBACK": "portfolio.dashboard.dashboard_callback",
    "EXTENSIONS": {"modeltranslation": {"flags": {"en": "EN", "es": "ES"}}},
}

# Request bodies: one mechanism, a number per endpoint. Under ASGI Django spools a whole
# body before any view runs, so portfolio/api/asgi_limits.py refuses one over its path's
# limit while it arrives (REQUEST_BODY_MAX_BYTES elsewhere: room around the largest file);
# the views then hold each file, or a telemetry batch, to its own number.
MEDIA_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
# Images are bounded by pixels, not bytes: a 336 KB PNG can hold 88 megapixels (350 MB
# decoded). Refused with a 413 from the header, before any decoding; also Pillow's own
# Image.MAX_IMAGE_PIXELS (content_app/apps.py).
MEDIA_IMAGE_MAX_PIXELS = env.int("MEDIA_IMAGE_MAX_PIXELS", default=40_000_000)
CV_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
TELEMETRY_MAX_BYTES = 64 * 1024
REQUEST_BODY_MAX_BYTES = CV_UPLOAD_MAX_BYTES + 1024 * 1024
# Any other body: Django's own limit (RequestDataTooBig, answered 413).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Email --------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portfolio@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
CONTACT_NOTIFY_EMAIL = env.str("CONTACT_NOTIFY_EMAIL", default="")
CONTACT_AUTO_REPLY = env.bool("CONTACT_AUTO_REPLY", default=False)

# --- AI -----------------------------------------------------------------------
OPENAI_API_KEY = env.str("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = env.str("OPENAI_BASE_URL", default="")
OPENROUTER_API_KEY = env.str("OPENROUTER_API_KEY", default="")
OPENROUTER_BASE_URL = env.str("OPENROUTER_BASE_URL", default="https://openrouter.ai/api/v1")
LLM_MODEL = env.str("LLM_MODEL", default="gpt-4o-mini")
LLM_TIMEOUT_SECONDS = env.float("LLM_TIMEOUT_SECONDS", default=30.0)
LLM_MAX_RETRIES = env.int("LLM_MAX_RETRIES", default=2)
LLM_DAILY_BUDGET_USD = env.float("LLM_DAILY_BUDGET_USD", default=1.0)
LLM_MAX_TOKENS = env.int("LLM_MAX_TOKENS", default=600)
# Price of a model the gateway does not know, USD per million tokens.
LLM_PRICE_INPUT_PER_MTOK = env.float("LLM_PRICE_INPUT_PER_MTOK", default=5.0)
LLM_PRICE_OUTPUT_PER_MTOK = env.float("LLM_PRICE_OUTPUT_PER_MTOK", default=15.0)
# The chat session cookie (HttpOnly; the id is issued by the server, chat_app/sessions.py).
# SameSite=None (with HTTPS) when the frontend is on another site than the API.
CHAT_SESSION_COOKIE_NAME = "chat_session"
CHAT_SESSION_COOKIE_AGE = env.int("CHAT_SESSION_COOKIE_AGE", default=30 * 24 * 3600)
CHAT_SESSION_COOKIE_SAMESITE = env.str("CHAT_SESSION_COOKIE_SAMESITE", default="Lax")
CHAT_SESSION_COOKIE_SECURE = IS_PRODUCTION
# WebSocket chat limits, per connection.
CHAT_MAX_MESSAGE_CHARS = 2000
# 64 KB: the resume site sends the whole page text as one context frame.
WS_MAX_FRAME_BYTES = env.int("WS_MAX_FRAME_BYTES", default=65_536)
WS_RATE_LIMIT = env.str("WS_RATE_LIMIT", default="10/min")
# Every frame of a connection (messages, context, history, junk), counted before it is
# parsed: the flood limit. Messages also count against WS_RATE_LIMIT and CHAT_RATE_LIMIT.
WS_FRAME_RATE_LIMIT = env.str("WS_FRAME_RATE_LIMIT", default="60/min")
EMBEDDINGS = env.str("EMBEDDINGS", default="local")
if EMBEDDINGS not in {"local", "openai"}:
    raise ImproperlyConfigured(f"EMBEDDINGS must be 'local' or 'openai', not {EMBEDDINGS!r}.")
# `local`: one of the bundled models (cv_app/embeddings.py LOCAL_MODELS; blank is
# multilingual-e5-small); `openai`: the service's model id. Changing it re-embeds
# the CV in the background (docs/embeddings.md).
EMBEDDINGS_MODEL = env.str("EMBEDDINGS_MODEL", default="")
LOCAL_EMBEDDINGS_MODELS = ("multilingual-e5-small", "use-multilingual-v3")
if EMBEDDINGS == "local" and EMBEDDINGS_MODEL not in ("", *LOCAL_EMBEDDINGS_MODELS):
    raise ImproperlyConfigured(
        f"EMBEDDINGS_MODEL must be one of {LOCAL_EMBEDDINGS_MODELS} with EMBEDDINGS=local, "
        f"not {EMBEDDINGS_MODEL!r}."
    )
# Threads of the local model's engine. One: web processes already run requests in
# parallel, and on 2 shared cores more threads made each query slower.
EMBEDDINGS_THREADS = env.int("EMBEDDINGS_THREADS", default=1)
# Below this confidence the CV chat says the CV does not cover the question instead
# of answering. The confidence is a probability that the answer is right
# (cv_app/calibration.py, fitted on the corpus's calibration split by eval/calibrate.py).
CV_CONFIDENCE_THRESHOLD = env.float("CV_CONFIDENCE_THRESHOLD", default=0.55)
# The questions loop (faq_app): two questions whose embeddings are at least this
# similar (cosine) are one group in the owner's inbox, and a question this close to
# an answered one gets the owner's answer. With the bundled multilingual-e5-small,
# paraphrases score 0.97-0.99, "a dog?" against "a cat?" 0.94, unrelated questions
# about the same person 0.80-0.88: similarities sit high, so the threshold does too.
INBOX_GROUP_SIMILARITY = env.float("INBOX_GROUP_SIMILARITY", default=0.95)
if not 0 < INBOX_GROUP_SIMILARITY <= 1:
    raise ImproperlyConfigured("INBOX_GROUP_SIMILARITY must be above 0 and at most 1.")
# Days a visitor's question is kept in the inbox; older ones are deleted hourly.
INBOX_RETENTION_DAYS = env.int("INBOX_RETENTION_DAYS", default=180)
if INBOX_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("INBOX_RETENTION_DAYS must be at least 1.")
# A salt for hashing visitors' IPs: the raw address is never stored.
IP_HASH_SALT = env.str("IP_HASH_SALT", default=SECRET_KEY)

# --- Operations ---------------------------------------------------------------
# Shown by the health checks; an image build may stamp it (e.g. the git commit).
APP_VERSION = env.str("APP_VERSION", default="")
TELEMETRY_RETENTION_DAYS = env.int("TELEMETRY_RETENTION_DAYS", default=90)
# /metrics answers requests from these networks, or bearing `Authorization: Bearer
# METRICS_TOKEN`; everyone else gets 403. The client address is the one the
# throttles use (X-Forwarded-For only through NUM_PROXIES trusted proxies).
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1/32", "::1/128"])
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
for _network in METRICS_ALLOWED_IPS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"METRICS_ALLOWED_IPS: {_network!r} is not an IP address or network."
        ) from None

# --- Production hardening -----------------------------------------------------
if IS_PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # HSTS is hard to take back: browsers remember it for SECURE_HSTS_SECONDS.
    # Start at an hour and ramp up once HTTPS is known to work everywhere
    # (docs/deploy.md: 3600 -> 86400 -> 604800 -> 2592000 -> 31536000); preload
    # only after a year-long max-age, and only on purpose.
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # W021 asks for preload, which is the owner's decision, not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CONTENT_TYPE_NOSNIFF = True
    # Prometheus scrapes over plain HTTP inside the private network; /metrics is
    # guarded by METRICS_ALLOWED_IPS / METRICS_TOKEN instead.
    SECURE_REDIRECT_EXEMPT = [r"^metrics$"]

# --- Logging ------------------------------------------------------------------
# One line per request from portfolio.logging.RequestIdMiddleware (logger
# "portfolio.access": method, path, status, duration_ms), and every record carries
# the request id. JSON lines in production, readable lines in development.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if IS_PRODUCTION else "readable")
if LOG_FORMAT not in {"json", "readable"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'readable', not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "portfolio.logging.RequestIdFilter"},
        "client_fault": {"()": "portfolio.logging.ClientFaultAsWarning"},
    },
    "formatters": {
        "readable": {
            "format": "%(asctime)s %(levelname)-7s [%(request_id)s] %(name)s: %(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Requests a client got wrong: one WARNING line each, no traceback.
        **{
            f"django.security.{name}": {"filters": ["client_fault"]}
            for name in (
                "DisallowedHost",
                "RequestDataTooBig",
                "TooManyFieldsSent",
                "TooManyFilesSent",
            )
        },
        "daphne": {"level": "WARNING"},
        # One line per model call is recorded as LLMUsage; the HTTP client's own lines are noise.
        "httpx": {"level": "WARNING"},
        "httpx2": {"level": "WARNING"},
        "openai": {"level": "WARNING"},
    },
}
