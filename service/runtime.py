"""The analyzer of this process: loaded once (after gunicorn forks), warmed up, then used by one
analysis at a time, on a thread of its own so that a request can give up on a slow one."""

from __future__ import annotations

import gc
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Optional, TypeVar

from flask import Flask, current_app

from service.analyzers import Analyzer, load_analyzer
from service.config import Settings

log = logging.getLogger(__name__)
WARM_UP_TEXT = "Deux manifestants ont été interpellés samedi 8 janvier à Lyon par la police."
T = TypeVar("T")
EXTENSION = "faits"  # the app's extensions key of the Runtime: read through get_runtime


def freeze_loaded() -> None:
    """Set what the process has loaded aside from the garbage collector. The models' objects (some
    600 000 for spaCy md) live as long as the process, and the collector's full collections (a batch's
    documents set them off) would otherwise walk them all, a pause of a third of a second each.
    Collected first: what is frozen is never collected, and loading leaves garbage (the warm-up's
    Document is a cycle)."""
    gc.collect()
    gc.freeze()


class AnalysisTimeout(Exception):
    """The analysis did not end, or could not start, within the time limit."""


def get_runtime(app: Optional[Flask] = None) -> Runtime:
    """The Runtime of the app (the current one by default): the one way the code reaches it."""
    return (app or current_app).extensions[EXTENSION]


class Runtime:
    """The settings and the analyzer of this process. `analyzer`: one already loaded (tests, tools)."""

    def __init__(self, settings: Settings, analyzer: Optional[Analyzer] = None):
        self.settings = settings
        self.analyzer = analyzer
        self.error: Optional[str] = None
        self._ready = threading.Event()
        if self.analyzer is not None:
            self._ready.set()
        # Held from a job's submission to its end (released by the analysis thread): the analyzers
        # are not thread-safe, and a job a request gave up on still holds the analyzer until it ends.
        self._free = threading.Lock()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: Optional[threading.Thread] = None

    @property
    def busy(self) -> bool:
        return self._free.locked()

    def run(self, fn: Callable[..., T], *args) -> T:
        """fn(*args) on the analysis thread, waiting REQUEST_TIMEOUT seconds at most in all: for the
        analyzer to be free, then for fn. fn's exceptions are raised here."""
        limit = self.settings.request_timeout
        deadline = time.monotonic() + limit
        if not self._free.acquire(timeout=limit):
            raise AnalysisTimeout(f"The analyzer stayed busy for {limit:g} s (FAITS_REQUEST_TIMEOUT); retry later.")
        future: Future = Future()
        try:
            if self._thread is None:  # started here, in the process that serves (after any fork)
                self._thread = threading.Thread(target=self._serve, name="analysis", daemon=True)
                self._thread.start()
            self._jobs.put((future, fn, args))
        except BaseException:
            self._free.release()
            raise
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            # the job cannot be interrupted: it ends on its own (its text is bounded), unobserved
            log.warning("analysis over the time limit", extra={"limit_s": limit})
            raise AnalysisTimeout(f"The analysis took longer than {limit:g} s (FAITS_REQUEST_TIMEOUT).") from None

    def _serve(self) -> None:
        while True:
            future, fn, args = self._jobs.get()
            try:
                future.set_result(fn(*args))
            except BaseException as e:  # handed to the waiting request, which reports it
                future.set_exception(e)
            finally:
                self._free.release()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def start(self) -> None:
        if self.ready:
            return
        if self.settings.load == "eager":
            self._load()
        else:
            threading.Thread(target=self._load, name="analyzer-loader", daemon=True).start()

    def _load(self) -> None:
        s = self.settings
        try:
            analyzer = load_analyzer(
                s.analyzer, stanza_dir=s.stanza_dir, spacy_model=s.spacy_model, torch_threads=s.torch_threads
            )
            analyzer.parse(WARM_UP_TEXT)
            freeze_loaded()
        except Exception as e:  # reported by /readyz; the process stays up to say why
            self.error = f"{type(e).__name__}: {e}"
            log.exception("analyzer failed to load")
            if s.load == "eager":
                raise
            return
        self.analyzer = analyzer
        self._ready.set()
        log.info("analyzer ready", extra={"analyzer": analyzer.name, "models": analyzer.models})
