"""The date and number tables, end to end: each sampled sentence parsed by both real analyzers, then read
by the pipeline as the service reads it (sentences, clause tenses and the counts of each sentence), must
give what the table says the normaliser gives for it alone."""

from __future__ import annotations

import pytest

from service.rules.context import Context
from service.rules.pipeline import extract_document
from tests.test_dates_table import CASES as DATE_CASES
from tests.test_numbers_table import TABLE as NUMBER_CASES

SAMPLE = 3  # every third case of each table: both families of every table, at a third of the time
DATES = DATE_CASES[::SAMPLE]
NUMBERS = NUMBER_CASES[::SAMPLE]


@pytest.mark.parametrize("text,ref,tense,expected", DATES, ids=[c[0] for c in DATES])
def test_dates_through_an_analyzer(analyzer, text, ref, tense, expected):
    found = extract_document(analyzer.parse(text), ref).dates
    assert [(d.text, d.value) for d in found] == expected


@pytest.mark.parametrize("family,sentence,expected", NUMBERS, ids=[c[1] for c in NUMBERS])
def test_counts_through_an_analyzer(analyzer, family, sentence, expected):
    doc = analyzer.parse(sentence)
    ctx = Context(doc=doc, reference=None, dates=[], trigger_keys=frozenset(), lead_keys=frozenset())
    counts = [q for s in doc.sentences for q in ctx.counts_in(s)[0]]
    assert [(q.text, q.value, q.qualifier) for q in counts] == ([] if expected is None else [tuple(expected)])


def test_samples_cover_the_tables():
    assert len(DATES) >= 60 and len(NUMBERS) >= 60
    assert {c[0] for c in NUMBERS} == {c[0] for c in NUMBER_CASES}  # every family of numbers
