# syntax=docker/dockerfile:1
# One image for the whole deployment: web (gunicorn), Celery worker and Celery beat all run from it
# with different commands (see docker-compose.yml).

# --- Stage 1: compile the gettext catalogs. msgfmt is needed at build time only.
FROM python:3.11-slim-bookworm AS messages
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
COPY locale /src/locale
RUN find /src/locale -name '*.po' -exec sh -c \
        'for po; do msgfmt --check-format -o "${po%.po}.mo" "$po" || exit 1; done' sh {} +

# --- Stage 2: the portal.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    DJANGO_SETTINGS_MODULE=workstation.settings \
    WEB_CONCURRENCY=3 \
    VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media

# WeasyPrint's system libraries, which pip cannot install: Pango, HarfBuzz with its subsetter
# (without it a PDF takes seconds instead of a fraction of one) and a CJK font (without one,
# Chinese text would silently disappear from PDFs), and fonts-noto-core for the other scripts of
# Gansu's peoples (Tibetan, Arabic script, Mongolian). fontconfig's fc-list is how the portal
# finds the fonts and what they cover (workstation/pdf.py).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fontconfig \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        fonts-noto-cjk \
        fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin portal

WORKDIR /app

# Dependencies first, so that a change of code reuses this layer: exactly the committed lock
# (versions and hashes), never a fresh resolution. The project declares no installable packages
# of its own (`packages = []`); the code runs from /app (PYTHONPATH above).
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock && pip check

# The code, listed explicitly so that .venv/, var/ and other local state never enter the image.
COPY manage.py ./
COPY workstation ./workstation
COPY talentpool ./talentpool
COPY projects ./projects
COPY reports ./reports
COPY templates ./templates
COPY static ./static
COPY --from=messages /src/locale ./locale

# Static files are collected at build time (WhiteNoise serves them from the manifest). The
# database and Redis URLs are placeholders so that no server is needed (or started) here.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret \
    DATABASE_URL=postgres://unused@127.0.0.1:1/unused REDIS_URL=redis://127.0.0.1:1/0 \
    python manage.py collectstatic --noinput --verbosity 1

RUN python -m compileall -q manage.py workstation talentpool projects reports \
    && mkdir -p /app/var/media /app/var/private \
    && chown -R portal:portal /app/var

USER portal
EXPOSE 8000

CMD ["gunicorn", "workstation.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-", "--max-requests", "1000", "--max-requests-jitter", "100", "--timeout", "60"]
