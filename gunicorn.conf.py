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
"""
import multiprocessing
import os
import tempfile

bind = os.environ.get("FAITS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("FAITS_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("FAITS_THREADS", 1))
worker_class = "sync" if threads == 1 else "gthread"
preload_app = False
timeout = int(os.environ.get("FAITS_TIMEOUT", 120))
graceful_timeout = int(os.environ.get("FAITS_GRACEFUL_TIMEOUT", 30))
keepalive = 5
accesslog = None          # the app logs each request as JSON, with its request id
errorlog = "-"
loglevel = os.environ.get("FAITS_LOG_LEVEL", "info").lower()
# bounded request line and headers: the body limit is the app's (FAITS_MAX_CHARS)
limit_request_line = 8190
limit_request_fields = 100
# /metrics sums the workers' values (prometheus-client multiprocess mode): a fresh folder for them, named
# here in the master so that every worker has it before it imports the client (see service/metrics.py)
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="faits-metrics-"))


def post_fork(server, worker):
    # Before the app (and torch) is imported in this worker: keep BLAS/OpenMP to one thread too.
    os.environ.setdefault("OMP_NUM_THREADS", os.environ.get("FAITS_TORCH_THREADS", "1"))
    os.environ.setdefault("MKL_NUM_THREADS", os.environ.get("FAITS_TORCH_THREADS", "1"))


def child_exit(server, worker):
    # a dead worker's readiness drops out of /metrics; its counts stay in the sums
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)
