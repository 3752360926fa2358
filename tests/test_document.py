"""The parsed-document type: the links a Sentence sets, and Document.release()."""

from __future__ import annotations

import gc

import pytest

from service.analyzers.conllu import read_conllu
from service.document import Sentence, Word

# Written for this test: "Deux gendarmes ont été blessés à Tulle." (hand-made UD tree)
TREE = """\
1	Deux	deux	NUM	_	NumType=Card	2	nummod	_	_
2	gendarmes	gendarme	NOUN	_	Gender=Masc|Number=Plur	5	nsubj:pass	_	_
3	ont	avoir	AUX	_	Mood=Ind|Tense=Pres|VerbForm=Fin	5	aux:tense	_	_
4	été	être	AUX	_	Tense=Past|VerbForm=Part	5	aux:pass	_	_
5	blessés	blesser	VERB	_	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
6	à	à	ADP	_	_	7	case	_	_
7	Tulle	Tulle	PROPN	_	_	5	obl:mod	_	SpaceAfter=No
8	.	.	PUNCT	_	_	5	punct	_	_
"""


def _doc():
    return read_conllu(TREE)[0][1]


def test_links():
    words = _doc().sentences[0].words
    by_text = {w.text: w for w in words}
    root = by_text["blessés"]
    assert root.parent is None and root.rel == "root"
    assert [c.text for c in root.children] == ["gendarmes", "ont", "été", "Tulle", "."]  # in sentence order
    assert by_text["gendarmes"].rel == "nsubj" and by_text["gendarmes"].parent is root
    assert [c.text for c in by_text["gendarmes"].children] == ["Deux"]
    leaves = [w.text for w in words if not w.children]
    assert leaves == ["Deux", "ont", "été", "à", "."] and all(w.children == () for w in words if w.text in leaves)
    assert all(w.sentence is words[0].sentence for w in words)


def _tree_garbage() -> int:
    """How many words and sentences only the collector could free (kept aside by DEBUG_SAVEALL to be
    counted), then freed for good; a count, so that nothing here keeps them."""
    gc.set_debug(gc.DEBUG_SAVEALL)
    gc.collect()
    found = sum(type(o) in (Word, Sentence) for o in gc.garbage)  # type(): a dead weak proxy may be there
    gc.set_debug(0)
    gc.garbage.clear()
    gc.collect()
    return found


def test_release_leaves_nothing_for_the_collector():
    """A tree is a cycle: without release() only the collector frees it; after, reference counting does."""
    was_enabled, flags = gc.isenabled(), gc.get_debug()
    gc.disable()
    try:
        _tree_garbage()
        doc = _doc()
        del doc
        assert _tree_garbage() == 9  # the unreleased tree (8 words, 1 sentence): only the collector frees it
        doc = _doc()
        doc.release()
        del doc
        assert _tree_garbage() == 0  # released: freed at once, nothing left to find
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()


def test_released_words_cannot_be_read():
    doc = _doc()
    doc.release()
    assert doc.sentences[0].forms[1] == "gendarmes"  # the spans and columns stay
    with pytest.raises(RuntimeError):
        _ = doc.sentences[0].words  # the words are gone: reading them says so


def test_words_built_on_first_use():
    """An analyzer may give a function that builds the words when they are first read (see Sentence)."""
    eager = _doc().sentences[0]
    calls = []

    def build():
        calls.append(1)
        return _doc().sentences[0].words

    lazy = Sentence(
        start=eager.start, end=eager.end, text=eager.text, forms=eager.forms, lemmas=eager.lemmas, build=build
    )
    assert lazy.forms == [w.text for w in eager.words] and lazy.lemmas[1] == "gendarme"
    assert not calls and lazy.build_s == 0.0
    words = lazy.words
    assert calls == [1] and lazy.words is words and lazy.build_s > 0.0  # built once
    assert all(w.sentence is lazy for w in words) and lazy.word(2).parent is lazy.word(5)
    unread = Sentence(start=0, end=1, text="x", forms=["x"], lemmas=["x"], build=build)
    unread.release()
    with pytest.raises(RuntimeError):
        _ = unread.words
    assert calls == [1]  # released unread: never built
    with pytest.raises(TypeError):
        Sentence(start=0, end=1, text="x")  # neither words nor build
    with pytest.raises(TypeError):
        Sentence(words, start=0, end=1, build=build)  # both
    with pytest.raises(ValueError):
        Sentence(_doc().sentences[0].words, start=0, end=1, forms=["x"])  # a form per word
