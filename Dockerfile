# faits: gunicorn serving the Flask app, Stanza's official French models baked into the image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# CPU-only torch first, from PyTorch's CPU wheel index: otherwise stanza pulls a multi-GB CUDA build.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY pyproject.toml README.md gunicorn.conf.py ./
COPY schemas ./schemas
COPY service ./service
RUN pip install --no-deps --no-build-isolation .

# The official Stanford French models (tokenize, mwt, pos, lemma, depparse, ner), fetched at build
# time: the running service never downloads anything.
ENV FAITS_STANZA_DIR=/app/models/stanza
RUN python -m service.cli download-models --dir "$FAITS_STANZA_DIR"

RUN useradd --system --uid 10001 --home-dir /app faits && chown -R faits /app
USER faits

ENV FAITS_BIND=0.0.0.0:8000 FAITS_ANALYZER=stanza
EXPOSE 8000
# ready = models loaded and a warm-up text parsed (start-period covers the load)
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status != 200)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"]
