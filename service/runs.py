"""Where `faits extract` runs the documents: in this process, in worker processes (each loads the
analyzer once), or on a running service (POST /extract/batch). Each takes chunks of documents and
gives their output lines back chunk by chunk, in the order of the chunks."""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional

from service import archive
from service.analyzers import load_analyzer
from service.errors import ApiError
from service.runtime import WARM_UP_TEXT, freeze_loaded


@dataclass
class Settings:
    analyzer: str
    stanza_dir: str
    spacy_model: str
    max_chars: int
    torch_threads: int = 1

    def load(self):
        """The analyzer, ready as a service worker's is: warmed up on a text, then its objects set aside
        from the garbage collector (runtime.freeze_loaded: else every full collection walks the models)."""
        analyzer = load_analyzer(
            self.analyzer, stanza_dir=self.stanza_dir, spacy_model=self.spacy_model, torch_threads=self.torch_threads
        )
        analyzer.parse(WARM_UP_TEXT)
        freeze_loaded()
        return analyzer


class Loaded:
    """When every analyzer of the run was loaded (time.perf_counter): the run's rate counts from then."""

    at: Optional[float] = None


def _ordered(submit: Callable[[list], Future], chunks: Iterable[list], in_flight: int) -> Iterator:
    """The results of submit(chunk) in the order of the chunks, with at most `in_flight` pending: a
    large archive is read as it goes, not all at once."""
    pending: deque[Future] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# --- in process, or one analyzer per worker process -------------------------------------------------

_worker: dict = {}


def _init_worker(settings: Settings, barrier) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", str(settings.torch_threads))
    _worker["analyzer"] = settings.load()
    _worker["settings"], _worker["barrier"] = settings, barrier


def _ready() -> None:
    # one such task per worker, all waiting for each other: every worker has started and loaded
    _worker["barrier"].wait(timeout=900)


def _work(docs: list) -> list[str]:
    return archive.process(_worker["analyzer"], docs, _worker["settings"].max_chars)


def local(chunks: Iterable[list], settings: Settings, workers: int, loaded: Loaded) -> Iterator[list[str]]:
    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:  # everything is done already: no analyzer to load
        return
    chunks = itertools.chain([first], chunks)
    if workers <= 1:
        analyzer = settings.load()
        loaded.at = time.perf_counter()
        for docs in chunks:
            yield archive.process(analyzer, docs, settings.max_chars)
        return
    # spawn: each worker starts clean and loads its own models (torch's threads do not survive a fork)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(settings, context.Barrier(workers))
    ) as pool:
        for ready in [pool.submit(_ready) for _ in range(workers)]:
            ready.result()
        loaded.at = time.perf_counter()
        yield from _ordered(lambda docs: pool.submit(_work, docs), chunks, 2 * workers)


# --- a running service -------------------------------------------------------------------------------


class ServiceError(Exception):
    """The service did not take a batch (after the retries): the run stops; what is written stays."""


def remote(
    chunks: Iterable[list], url: str, api_key: str, workers: int, retries: int, timeout: float = 300
) -> Iterator[list[str]]:
    """POST each chunk to URL/extract/batch, `workers` requests at a time; a 503 (loading, busy,
    timeout) or a lost connection is retried after Retry-After seconds (or 1, 2, 4... s)."""
    endpoint = url.rstrip("/") + "/extract/batch"
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"

    def send(docs: list) -> list[str]:
        lines: list[Optional[str]] = [None] * len(docs)
        sent = []
        for i, doc in enumerate(docs):
            if doc.problem is not None:  # could not be read here: nothing to send
                lines[i] = archive.problem_line(doc, doc.problem)
            else:
                sent.append(i)
        if sent:
            body = json.dumps({"documents": [docs[i].fields for i in sent]}, ensure_ascii=False).encode()
            results = _post(endpoint, body, headers, retries, timeout)["results"]
            for i, result in zip(sent, results):
                lines[i] = (
                    archive.response_line(result)
                    if "facts" in result
                    else archive.problem_line(
                        docs[i], ApiError(result["status"], result.get("detail", ""), result.get("errors"))
                    )
                )
        return lines  # type: ignore[return-value]

    with ThreadPoolExecutor(workers) as pool:
        yield from _ordered(lambda docs: pool.submit(send, docs), chunks, 2 * workers)


def _post(endpoint: str, body: bytes, headers: dict, retries: int, timeout: float) -> dict:
    for attempt in range(retries + 1):
        wait = min(2.0**attempt, 60.0)
        try:
            req = urllib.request.Request(endpoint, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as e:
            detail = _detail(e)
            if e.code != 503:
                raise ServiceError(f"{endpoint} answered {e.code}: {detail}") from None
            retry_after = e.headers.get("Retry-After", "")
            wait = min(float(retry_after), 300.0) if retry_after.isdigit() else wait
            why = f"503: {detail}"
        except (urllib.error.URLError, OSError) as e:
            why = str(getattr(e, "reason", e))
        if attempt == retries:
            raise ServiceError(f"{endpoint}: {why} (after {retries} retries)")
        time.sleep(wait)
    raise AssertionError("unreachable")


def _detail(e: urllib.error.HTTPError) -> str:
    try:
        return json.loads(e.read()).get("detail", "")
    except (ValueError, AttributeError, OSError):
        return ""
