"""Loading the analyzer: what the process keeps for its whole life is set aside from the collector,
and the garbage of loading is collected, not kept."""

from __future__ import annotations

import gc
import weakref

from service import config
from service.runtime import Runtime


class Node:
    """An object the collector tracks, like the many a model is made of."""


class FakeAnalyzer:
    name, models, version = "fake", "none", "0"

    def __init__(self):
        self.weights = [Node() for _ in range(1_000)]
        litter = Node()  # garbage of loading: a cycle only the collector frees
        litter.me = litter
        FakeAnalyzer.litter = weakref.ref(litter)

    def parse(self, text):
        return None


def tracked_ids() -> set[int]:
    return {id(o) for o in gc.get_objects()}


def test_the_loaded_analyzer_is_frozen_out_of_the_collector(monkeypatch):
    monkeypatch.setattr("service.runtime.load_analyzer", lambda *a, **k: FakeAnalyzer())
    runtime = Runtime(config.load({"LOAD": "eager"}))
    gc.disable()  # no collection of its own between loading and the freeze
    try:
        runtime.start()
        assert runtime.ready and isinstance(runtime.analyzer, FakeAnalyzer)
        # frozen: the model's objects are no longer in the generations a collection walks
        tracked = tracked_ids()
        assert all(gc.is_tracked(w) and id(w) not in tracked for w in runtime.analyzer.weights)
        # and the cycle left by loading was collected before the freeze, not kept for good
        assert FakeAnalyzer.litter() is None
    finally:
        gc.unfreeze()
        gc.enable()
    tracked = tracked_ids()
    assert all(id(w) in tracked for w in runtime.analyzer.weights)  # unfrozen: walked again
