"""Loading the analyzer: what the process keeps for its whole life is set aside from the collector."""
from __future__ import annotations

import gc

from service import config
from service.runtime import Runtime


class FakeAnalyzer:
    name, models, version = "fake", "none", "0"

    def __init__(self):
        self.weights = [{"w": i} for i in range(5_000)]       # objects the collector tracks, like a model's

    def parse(self, text):
        return None


def test_the_loaded_analyzer_is_frozen_out_of_the_collector(monkeypatch):
    monkeypatch.setattr("service.runtime.load_analyzer", lambda *a, **k: FakeAnalyzer())
    runtime = Runtime({**config.from_env({}), "LOAD": "eager"})
    before = gc.get_freeze_count()
    try:
        runtime.start()
        assert runtime.ready and isinstance(runtime.analyzer, FakeAnalyzer)
        # frozen: the model's objects are no longer in the generations a collection walks
        assert gc.get_freeze_count() >= before + 5_000
        tracked = {id(o) for o in gc.get_objects()}
        assert not any(id(w) in tracked for w in runtime.analyzer.weights)
    finally:
        gc.unfreeze()
