"""The load script's expectations hold against the app: each kind of request gets the status
tools/load.py counts as expected (in process, so the script's zero is meaningful)."""

from __future__ import annotations

import json
import random

import pytest

from service import create_app
from tests.conftest import shared
from tools.load import MAX_CHARS, build_mix

ARTICLES = [json.loads(line) for line in shared("eval", "dev.jsonl").read_text(encoding="utf-8").splitlines()]
MIX = build_mix([{k: d[k] for k in ("id", "text", "reference_date")} for d in ARTICLES[:3]])


@pytest.fixture(scope="module")
def load_client(analyzers):
    return create_app(
        {"ANALYZER_INSTANCE": analyzers("spacy"), "MAX_CHARS": MAX_CHARS, "LOG_LEVEL": "CRITICAL"}
    ).test_client()


@pytest.mark.parametrize("kind,make", [(m[0], m[2]) for m in MIX], ids=[m[0] for m in MIX])
def test_load_mix_expectations(load_client, kind, make):
    rng = random.Random(kind)
    for _ in range(3):
        method, path, body, headers, expected = make(rng)
        r = load_client.open(path, method=method, data=body, headers=headers)
        assert r.status_code == expected, (kind, r.get_data(as_text=True)[:300])
        if expected >= 400:
            assert r.mimetype == "application/problem+json"


# --- tools/leftovers.py and tools/evaluate.py on texts written for these tests ------------------------
LEFTOVER_TEXT = (
    "Samedi, 3 000 manifestants ont défilé à Lyon. "
    "Le maire a félicité 40 pompiers et 12 gendarmes pour leur travail. "
    "Le préfet a reçu 15 élus de la région, et 6 ont demandé des renforts. "
    "La mairie a compté 250 voitures sur le parking."
)


def test_leftovers_lists_unused_counts_of_people_only(analyzers):
    import datetime

    from service.rules.pipeline import extract_document
    from tools.leftovers import group_leftovers, people_counts

    doc = analyzers("spacy").parse(LEFTOVER_TEXT)
    ex = extract_document(doc, datetime.date(2024, 3, 11))
    counts = {c.text: c for c in people_counts(doc, ex.facts, ex.dates, None, "mine", "test")}
    # the crowd fact uses "3 000"; cars are no people
    assert any(f.type == "crowd" and f.count.text == "3 000" for f in ex.facts)
    assert counts["3 000"].used and counts["3 000"].noun == "manifestant"
    assert "250" not in counts
    assert not counts["40"].used and counts["40"].kind == "noun" and counts["40"].noun == "pompier"
    assert counts["6"].kind == "elided" and counts["6"].noun is None
    groups = {g["governor"]: g for g in group_leftovers(counts.values())}
    # a conjunct is grouped under the governor of the first conjunct
    assert groups["féliciter VERB"]["n"] == 2
    assert groups["féliciter VERB"]["nouns"] == [("pompier", 1), ("gendarme", 1)]
    assert groups["féliciter VERB"]["examples"][0] == {
        "doc": "mine",
        "snippet": "Le maire a félicité [40] pompiers et 12 gendarmes pour leur travail.",
    }
    assert groups["recevoir VERB"]["nouns"] == [("élu", 1)]
    assert groups["demander VERB"]["nouns"] == [("(elided)", 1)]
    listed = [e["snippet"] for g in groups.values() for e in g["examples"]]
    assert not any("[3 000]" in s for s in listed)


def test_leftovers_grouping_order_and_examples():
    from tools.leftovers import PeopleCount, group_leftovers

    def c(doc, gov, used=False, noun="personne"):
        return PeopleCount(doc, "test", "2", 0, 1, "noun", noun, gov, used, f"{doc} {gov}")

    counts = [
        c("a", "voir VERB"),
        c("a", "voir VERB"),
        c("b", "voir VERB", noun="soldat"),
        c("a", "aider VERB"),
        c("c", "tuer VERB", used=True),
        c("d", "tuer VERB", used=True),
    ]
    groups = group_leftovers(counts)
    assert [(g["governor"], g["n"]) for g in groups] == [("voir VERB", 3), ("aider VERB", 1)]
    # examples come from different texts first
    assert [e["doc"] for e in groups[0]["examples"]] == ["a", "b"]
    assert groups[0]["nouns"] == [("personne", 2), ("soldat", 1)]


def test_leftovers_ud_pseudo_articles(tmp_path):
    from tools.leftovers import ud_articles

    for name, n in (("a.conllu", 45), ("b.conllu", 5)):
        (tmp_path / name).write_text(
            "".join(f"# sent_id = {i}\n# text = Phrase {name[0]}{i}.\n1\tx\n\n" for i in range(n)), encoding="utf-8"
        )
    arts = ud_articles([str(tmp_path / "b.conllu"), str(tmp_path / "a.conllu")], limit=40, group=20)
    assert [(t.id, t.sentences) for t in arts] == [("a:1", 20), ("b:1", 5), ("a:21", 15)]
    assert arts[0].text.startswith("Phrase a0. Phrase a1.") and arts[1].text == " ".join(
        f"Phrase b{i}." for i in range(5)
    )
    assert all(t.source == "ud" and t.reference_date is None for t in arts)


def test_evaluate_union_adds_up(analyzers):
    from tools.evaluate import evaluate, load_scorer, score_doc, summarize

    sc = load_scorer(str(shared("eval", "score.py")))
    one = [
        {
            "id": "m1",
            "text": "Samedi, 3 000 manifestants ont défilé à Lyon.",
            "reference_date": "2024-03-11",
            "facts": [{"type": "crowd", "count": {"value": 3000}, "location": "Lyon", "date": "2024-03-09"}],
            "dates": [{"text": "Samedi", "value": "2024-03-09"}],
        }
    ]
    two = [
        {
            "id": "m2",
            "text": "Douze policiers ont été blessés à Nantes.",
            "reference_date": "2024-03-11",
            "facts": [
                {"type": "casualties", "kind": "injured", "count": {"value": 12}, "location": "Nantes"},
                {"type": "arrest", "count": {"value": 4}},
            ],
            "dates": [],
        }
    ]
    a = analyzers("spacy")
    s1, _ = evaluate(a, one, sc, False)
    s2, _ = evaluate(a, two, sc, False)
    union, _ = summarize([score_doc(a, d, sc, False) for d in one + two], sc)
    assert (s1["crowd"]["tp"], s2["casualties"]["tp"], s2["arrest"]["fn"]) == (1, 1, 1)
    for t in ("arrest", "casualties", "troops", "crowd", "facts", "dates"):
        assert [union[t][k] for k in ("tp", "fp", "fn")] == [s1[t][k] + s2[t][k] for k in ("tp", "fp", "fn")]
    assert union["facts"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
