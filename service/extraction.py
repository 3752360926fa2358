"""The extraction core, with no web framework around it: one analyzer call for all the texts, the
conversion, the rules and each document's response, every stage timed. The service (service.analysis),
the command line and the Ray job all call `respond`."""

from __future__ import annotations

import time

from schemas.api import AnalyzerInfo, ExtractRequest, ExtractResponse, Meta
from service import __version__
from service.errors import ApiError
from service.rules.pipeline import extract_document


def check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise ApiError(413, f"The text has {len(text)} characters; the limit is {limit}.")


def respond(analyzer, reqs: list[ExtractRequest], t0: float) -> list[ExtractResponse]:
    """One response per request, in order; t0 is when the request came in (perf_counter)."""
    # the texts are parsed in one library call: batching is where the analyzers get their throughput;
    # its output is converted document by document, and each stage is timed on its own
    t1 = time.perf_counter()
    native = [analyzer.annotate(reqs[0].text)] if len(reqs) == 1 else analyzer.annotate_many([r.text for r in reqs])
    t2 = time.perf_counter()
    info = AnalyzerInfo(name=analyzer.name, models=analyzer.models, version=analyzer.version)
    out = []
    for req, parsed in zip(reqs, native):
        t3 = time.perf_counter()
        doc = analyzer.convert(req.text, parsed)
        t4 = time.perf_counter()
        result = extract_document(doc, req.reference_date)
        t5 = time.perf_counter()
        built = doc.build_seconds()  # trees built when the rules first read them: conversion
        doc.release()  # the facts are copies: the tree can go now (timed in the rest, not the rules)
        out.append(
            ExtractResponse(
                id=req.id,
                facts=result.facts,
                dates=result.dates,
                entities=result.entities,
                meta=Meta(
                    analyzer=info,
                    service_version=__version__,
                    timings_ms={
                        "parse": _ms(t2 - t1),
                        "convert": _ms(t4 - t3 + built),
                        "extract": _ms(t5 - t4 - built),
                        "total": _ms(t5 - t0),
                    },
                ),
            )
        )
    return out


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)
