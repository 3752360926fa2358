"""The analyzer of this process: loaded once (after gunicorn forks), warmed up, then shared."""
from __future__ import annotations

import logging
import threading
from typing import Optional

from service.analyzers import Analyzer, load_analyzer

log = logging.getLogger(__name__)
WARM_UP_TEXT = "Deux manifestants ont été interpellés samedi 8 janvier à Lyon par la police."


class Runtime:
    def __init__(self, config: dict):
        self.config = config
        self.analyzer: Optional[Analyzer] = config.get("ANALYZER_INSTANCE")
        self.error: Optional[str] = None
        self._ready = threading.Event()
        if self.analyzer is not None:
            self._ready.set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def start(self) -> None:
        if self.ready:
            return
        if self.config["LOAD"] == "eager":
            self._load()
        else:
            threading.Thread(target=self._load, name="analyzer-loader", daemon=True).start()

    def _load(self) -> None:
        c = self.config
        try:
            analyzer = load_analyzer(c["ANALYZER"], stanza_dir=c["STANZA_DIR"], spacy_model=c["SPACY_MODEL"],
                                     torch_threads=c["TORCH_THREADS"])
            analyzer.parse(WARM_UP_TEXT)
        except Exception as e:       # reported by /readyz; the process stays up to say why
            self.error = f"{type(e).__name__}: {e}"
            log.exception("analyzer failed to load")
            if c["LOAD"] == "eager":
                raise
            return
        self.analyzer = analyzer
        self._ready.set()
        log.info("analyzer ready", extra={"analyzer": analyzer.name, "models": analyzer.models})
