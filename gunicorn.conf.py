"""gunicorn settings for faits (read by `gunicorn -c gunicorn.conf.py service.wsgi:app`).

Every value can be set from the environment. Why these defaults:
- workers = cores, threads = 1, one torch thread per worker (FAITS_TORCH_THREADS=1): parsing is
  CPU-bound, and separate processes scale across cores better than torch's intra-op threads do
  on short news texts.
- preload_app = False: each worker builds the app, and so loads Stanza/torch, *after* the fork.
  torch's thread pools do not survive a fork: a model loaded in the master hangs the workers.
- timeout: a long article can take tens of seconds on the small CPU models; a worker silent for
  longer than this is killed and replaced. The app answers 503 after FAITS_REQUEST_TIMEOUT (60 s)
  first, so this is the last resort, for a worker that is stuck outside an analysis.
- FAITS_LOAD=eager (the default): a worker builds the app, and loads its models, before its accept
  loop, so a restarted worker takes no request it would answer 503 while its siblings could serve it.
- On SIGTERM the workers finish the request in flight (graceful_timeout) and the connections still
  waiting in the listen queue are reset: stop routing to the instance first (README, Behind nginx).
- Sync workers read one client at a time: serve behind a buffering proxy (deploy/nginx.conf).
"""

import os
import sys
import tempfile

from service.config import SettingsError, load

try:
    settings = load()  # the service's settings model (service/config.py): checked once, here
except SettingsError as e:  # a bad FAITS_* value stops the master before any worker starts
    sys.exit(f"faits: {e}")

bind = settings.bind
workers = settings.workers
threads = settings.threads
worker_class = "sync" if threads == 1 else "gthread"
preload_app = False
timeout = settings.timeout
graceful_timeout = settings.graceful_timeout
keepalive = 5
accesslog = None  # the app logs each request as JSON, with its request id
errorlog = "-"
loglevel = settings.log_level.lower()
# bounded request line and headers: the body limit is the app's (FAITS_MAX_CHARS)
limit_request_line = 8190
limit_request_fields = 100
# /metrics sums the workers' values (prometheus-client multiprocess mode): a fresh folder for them, named
# here in the master so that every worker has it before it imports the client (see service/metrics.py)
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="faits-metrics-"))


def post_fork(server, worker):
    # Before the app (and torch) is imported in this worker: keep BLAS/OpenMP to one thread too.
    os.environ.setdefault("OMP_NUM_THREADS", str(settings.torch_threads))
    os.environ.setdefault("MKL_NUM_THREADS", str(settings.torch_threads))


def child_exit(server, worker):
    # a dead worker's readiness drops out of /metrics; its counts stay in the sums
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
