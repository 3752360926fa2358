"""Texts within the limits that made the analyzers' time blow up: long runs without a space (both
tokenizers) and long sentences (Stanza's parser). Short versions of tools/worst.py's shapes: what each
analyzer is given is bounded, the offsets stay those of the text sent, and the time stays small."""

from __future__ import annotations

import random
import re
import time

import pytest

from service import create_app
from service.analyzers import pieces
from service.analyzers.pieces import SENTENCE_MAX
from service.runtime import get_runtime
from tools.worst import SHAPES, shape

RUNS = ["🙂", "!", "«", "(", "€", "%", "x", "7", "e\u0301", "a\u200b", "https://exemple.fr/a?b="]


def test_cut_inserts_spaces_in_long_runs_only():
    text = "Trois manifestants. " + "x" * 150 + " fin " + "y" * 64
    spaced, cuts = pieces.cut(text)
    assert spaced == text[:20] + "x" * 64 + " " + "x" * 64 + " " + "x" * 22 + text[170:]
    assert all(len(run) <= pieces.RUN_MAX for run in spaced.split())
    assert pieces.cut("Rien à couper ici !!! (sic) ***")[0] == "Rien à couper ici !!! (sic) ***"
    assert not pieces.cuts("Rien à couper ici.")


def test_runs_of_symbols_reach_the_analyzer_as_one_space():
    text = "Trois morts" + "!" * 40 + "à Lyon « " + "🙂" * 16 + " »."
    spaced, cuts = pieces.cut(text)
    assert spaced == "Trois morts à Lyon «   »."


@pytest.mark.parametrize("seed", range(5))
def test_every_piece_maps_back_to_the_text_sent(seed):
    rng = random.Random(seed)
    text = "".join(
        rng.choice(["a", "b" * 70, " ", "!" * rng.randint(1, 40), "«", "🙂" * 20, "\n", "x-"]) for _ in range(400)
    )
    spaced, cuts = pieces.cut(text)
    assert all(len(run) <= pieces.RUN_MAX for run in spaced.split())
    for m in re.finditer(r"\S+", spaced):
        start, end = cuts.original(m.start()), cuts.original(m.end())
        assert text[start:end] == m.group()


@pytest.mark.parametrize("unit", RUNS)
def test_long_runs_reach_the_analyzer_in_pieces_with_offsets_kept(analyzer, unit, monkeypatch):
    text = "Trois manifestants ont été interpellés à Lyon. " + shape(unit, 3000) + " Deux policiers ont été blessés."
    seen = []
    native = analyzer._nlp
    monkeypatch.setattr(analyzer, "_nlp", _Spy(native, seen))
    t0 = time.perf_counter()
    doc = analyzer.parse(text)
    seconds = time.perf_counter() - t0
    assert seen and all(len(run) <= pieces.RUN_MAX for t in seen for run in t.split())
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
        for w in s.words:
            assert 0 <= w.start < w.end <= len(text)
            if analyzer.name == "spacy":
                assert text[w.start : w.end] == w.text
    for e in doc.entities:
        assert text[e.start : e.end] == e.text
    assert any(w.lemma == "blesser" for s in doc.sentences for w in s.words)
    # unguarded, 3 000 of these took seconds in spaCy's tokenizer, and 20 000 in Stanza's
    assert seconds < 5, seconds


class _Spy:
    """The library's pipeline, noting the texts it is given."""

    def __init__(self, nlp, seen):
        self._nlp, self._seen = nlp, seen

    def __call__(self, text, *a, **k):
        self._seen.append(text)
        return self._nlp(text, *a, **k)

    def pipe(self, texts, *a, **k):
        texts = list(texts)
        self._seen.extend(texts)
        return self._nlp.pipe(texts, *a, **k)

    def process(self, doc, *a, **k):
        self._seen.extend([doc] if isinstance(doc, str) else [d.text for d in doc] if isinstance(doc, list) else [])
        return self._nlp.process(doc, *a, **k)

    def bulk_process(self, docs, *a, **k):
        self._seen.extend(d.text for d in docs)
        return self._nlp.bulk_process(docs, *a, **k)

    def __getattr__(self, name):
        return getattr(self._nlp, name)


@pytest.mark.parametrize("unit", ["le , ", "a "])
def test_stanza_parses_long_sentences_in_pieces(analyzers, unit):
    """1 000 words without a sentence end: 12 s and 3 GB for Stanza's parser in one piece."""
    stanza = analyzers("stanza")
    text = "Deux policiers ont été blessés à Nantes. " + shape(unit, 2500)
    t0 = time.perf_counter()
    doc = stanza.parse(text)
    seconds = time.perf_counter() - t0
    lengths = [len(s.words) for s in doc.sentences]
    assert max(lengths) <= SENTENCE_MAX and sum(lengths) > 2 * SENTENCE_MAX
    for s in doc.sentences:
        assert [w.id for w in s.words] == list(range(1, len(s.words) + 1))
        assert all(0 <= w.head <= len(s.words) for w in s.words) and s.root is not None
        assert text[s.start : s.end] == s.text
    assert doc.sentences[0].words[4].lemma == "blesser"
    assert seconds < 8, seconds


@pytest.mark.parametrize("unit", ["( ", "«", "€ % ", "🙂"])
def test_stanza_leaves_out_what_holds_no_letter_or_digit(analyzers, unit):
    """Each "«" is a word, which costs the parser as much as a word of text: 100 000 of them, minutes."""
    stanza = analyzers("stanza")
    text = "Deux policiers ont été blessés à Nantes. " + shape(unit, 6000) + " Trois morts à Lyon."
    t0 = time.perf_counter()
    doc = stanza.parse(text)
    assert time.perf_counter() - t0 < 5
    words = [w.text for s in doc.sentences for w in s.words]
    assert words[:5] == ["Deux", "policiers", "ont", "été", "blessés"] and words[-4:] == ["morts", "à", "Lyon", "."]
    assert len(words) < 2 * SENTENCE_MAX  # of 6 000: at most the pieces beside the French


def test_stanza_batch_is_bounded_the_same_way(analyzers):
    stanza = analyzers("stanza")
    texts = ["Deux policiers ont été blessés. " + shape("( ", 600), "!" * 2000 + " Trois morts.", "Bonjour."]
    docs = stanza.parse_many(texts)
    assert [len(d.sentences) > 0 for d in docs] == [True] * 3
    for text, doc in zip(texts, docs):
        assert max(len(s.words) for s in doc.sentences) <= SENTENCE_MAX
        assert all(text[s.start : s.end] == s.text for s in doc.sentences)
    one = stanza.parse(texts[0])
    assert [(w.text, w.head, w.deprel) for w in docs[0].sentences[0].words] == [
        (w.text, w.head, w.deprel) for w in one.sentences[0].words
    ]


@pytest.mark.parametrize("name", ["emoji", "exclamation", "brackets", "clauses", "letters"])
def test_worst_shapes_answer_in_time_through_the_app(analyzers, name):
    """Short versions of make worst's shapes, through /extract with both analyzers: a 200, in a time far
    from the unguarded one."""
    for analyzer in ("spacy", "stanza"):
        app = create_app({"ANALYZER_INSTANCE": analyzers(analyzer), "MAX_CHARS": 6000, "LOG_LEVEL": "CRITICAL"})
        t0 = time.perf_counter()
        r = app.test_client().post("/extract", json={"text": "Trois morts à Lyon. " + shape(SHAPES[name], 5980)})
        assert r.status_code == 200, (analyzer, name)
        assert time.perf_counter() - t0 < 10, (analyzer, name)
        assert get_runtime(app).settings.max_chars == 6000
