"""Counts of people that no fact used, over a large text, grouped by the word that governs them.

The text: the gold texts of ../shared/eval/dev.jsonl and dev2.jsonl, the unlabeled news excerpts of
../shared/data/news/*.jsonl, and the sentences of the UD treebanks ../shared/data/ud/*.conllu (their
`# text =` lines, consecutive sentences grouped into pseudo-articles of about 20 sentences, taken in
turn from each file up to --limit-ud sentences). Everything is read at run time; nothing is copied.

One analyzer parses each text and `service.rules.pipeline.extract_document` runs on it. A count of people is a
count found as the rules find them (Context.counts_in: find_quantities per sentence, none inside a
date) whose next noun (the first NOUN/PROPN within a few words after it, over "de"/"d'", adjectives
and quotes) names people, forces or a crowd (the lexicon's person, troops, crowd and casualty nouns,
a PER entity or a nationality: engine.is_person), or that no noun follows at all but a verb does (an
elided count: "1563 ont été arrêtés"; plain years are left out). A count is used when it overlaps
the count span of a fact of its document. The unused ones are grouped by the word that governs the
counted noun (or the count itself when elided; for a conjunct, the word governing the first
conjunct), most frequent first. The facts found on the UD part are listed too.

    python tools/leftovers.py [--analyzer spacy|stanza] [--limit-ud 3000] [--top 40] [--json]
"""

from __future__ import annotations

import argparse
import datetime
import glob
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Optional

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from service.analyzers import load_analyzer  # noqa: E402
from service.config import from_env  # noqa: E402
from service.document import Document, Word  # noqa: E402
from service.rules.context import Context  # noqa: E402
from service.rules.engine import is_person  # noqa: E402
from service.rules.matcher import forms, lexicon_set  # noqa: E402
from service.rules.pipeline import extract_document  # noqa: E402
from service.rules.quantity import YEAR_HI, YEAR_LO  # noqa: E402
from service.rules.registry import LEAD_KEYS, TRIGGER_KEYS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))
GOLD_FILES = ("eval/dev.jsonl", "eval/dev2.jsonl")
NEWS_GLOB = "data/news/*.jsonl"
UD_GLOB = "data/ud/*.conllu"
UD_GROUP = 20  # sentences per pseudo-article
LOOKAHEAD = 4  # words after a count where its noun may be
SNIPPET = 100  # characters of an example, at most
PEOPLE_KEYS = (
    "triggers:person_nouns",
    "triggers:troops.nouns",
    "triggers:crowd.nouns",
    "triggers:casualties.killed_nouns",
    "triggers:casualties.injured_nouns",
    "triggers:casualties.missing_nouns",
    "triggers:casualties.victim_nouns",
)
LINKS = frozenset(lexicon_set("triggers:count_links"))
QUOTES = frozenset("«»\"“”'’")


def people_nouns() -> frozenset[str]:
    return frozenset().union(*(lexicon_set(k) for k in PEOPLE_KEYS))


@dataclass
class Text:
    id: str
    source: str  # "gold", "news" or "ud"
    text: str
    reference_date: Optional[str] = None
    sentences: int = 0  # UD sentences in a pseudo-article


@dataclass
class PeopleCount:
    doc_id: str
    source: str
    text: str  # the count as written
    start: int
    end: int
    kind: str  # "noun" (a people noun follows) or "elided" (a verb follows)
    noun: Optional[str]  # the counted noun's lemma (lowered), None when elided
    governor: str  # "lemma UPOS" of the word governing the noun (or count); "(root)"
    used: bool
    snippet: str


# --- reading the texts -------------------------------------------------------------------------
def read_jsonl(path: str, source: str) -> list[Text]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out.append(Text(d["id"], source, d["text"], d.get("reference_date")))
    return out


def ud_sentences(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [line[len("# text = ") :].strip() for line in f if line.startswith("# text = ")]


def ud_articles(paths: Iterable[str], limit: int, group: int = UD_GROUP) -> list[Text]:
    """Pseudo-articles of `group` consecutive sentences, taken in turn from each file (so every
    treebank is sampled), `limit` sentences in all."""
    files = [(os.path.splitext(os.path.basename(p))[0], ud_sentences(p)) for p in sorted(paths)]
    out, taken, pos = [], 0, 0
    while taken < limit and any(pos < len(s) for _, s in files):
        for name, sents in files:
            if taken >= limit:
                break
            chunk = sents[pos : pos + min(group, limit - taken)]
            if chunk:
                out.append(Text(f"{name}:{pos + 1}", "ud", " ".join(chunk), sentences=len(chunk)))
                taken += len(chunk)
        pos += group
    return out


def load_texts(shared: str, limit_ud: int) -> list[Text]:
    texts = []
    for rel in GOLD_FILES:
        path = os.path.join(shared, rel)
        if os.path.exists(path):
            texts += read_jsonl(path, "gold")
    for path in sorted(glob.glob(os.path.join(shared, NEWS_GLOB))):
        texts += read_jsonl(path, "news")
    if limit_ud > 0:
        texts += ud_articles(glob.glob(os.path.join(shared, UD_GLOB)), limit_ud)
    return texts


# --- finding the counts of people ----------------------------------------------------------------
def snippet(text: str, start: int, end: int, sent_start: int, sent_end: int, width: int = SNIPPET) -> str:
    """The sentence around text[start:end], the count in brackets, at most `width` characters
    (whitespace runs read as one space; cut ends marked "…")."""
    before = re.sub(r"\s+", " ", text[sent_start:start]).lstrip()
    count = " ".join(text[start:end].split())
    after = re.sub(r"\s+", " ", text[end:sent_end]).rstrip()
    room = max(0, width - len(count) - 2)
    if len(before) + len(after) > room:
        left = min(len(before), max(room * 2 // 5, room - len(after)))
        if left < len(before):
            before = "…" + before[len(before) - left + 1 :] if left > 0 else ""
        right = room - len(before)
        if right < len(after):
            after = after[: right - 1] + "…" if right > 0 else ""
    return f"{before}[{count}]{after}"[:width]


def _governor(word: Word, start: int, end: int) -> str:
    """The lemma and UPOS of the word that governs `word`: its nearest ancestor outside the count
    [start, end); a conjunct is governed by what governs the first conjunct ("750 soldats et 280
    policiers": "policiers" by the governor of "soldats", not by "soldats")."""
    w, seen = word, 0
    while w.rel == "conj" and w.parent is not None and seen < 50:
        w, seen = w.parent, seen + 1
    g = w.parent
    while g is not None and start <= g.start < end and seen < 100:
        g, seen = g.parent, seen + 1
    return "(root)" if g is None else f"{g.lemma.lower()} {g.upos}"


def people_counts(
    doc: Document,
    facts: list,
    dates: list,
    reference,
    doc_id: str = "",
    source: str = "",
    people: Optional[frozenset[str]] = None,
) -> list[PeopleCount]:
    """The counts of people in `doc` (see the module's doc), each marked used or not by `facts`
    (the extraction's facts: their count spans)."""
    people = people_nouns() if people is None else people
    spans = [
        (f.count.start, f.count.end)
        for f in facts
        if f.count is not None and f.count.start is not None and f.count.end is not None
    ]
    ctx = Context(doc=doc, reference=reference, dates=dates, trigger_keys=TRIGGER_KEYS, lead_keys=LEAD_KEYS)
    text = doc.text
    out = []
    for s in doc.sentences:
        counts = ctx.counts_in(s)[0]
        if not counts:
            continue
        words = s.words
        for q in counts:
            after = [w for w in words if w.start >= q.end][:LOOKAHEAD]
            inside = [w for w in words if q.start <= w.start < q.end]
            noun, kind = None, None
            for w in after:
                if forms(w) & people or w.upos in ("NOUN", "PROPN"):
                    noun = w
                    break
                if w.text.lower().replace("’", "'") in LINKS or w.upos == "ADJ" or w.text in QUOTES:
                    continue
                break
            if noun is not None:
                if forms(noun) & people or is_person(noun, ctx):
                    kind = "noun"
            elif after and after[0].upos in ("VERB", "AUX") and not _year(q):
                kind, noun = "elided", None
            if kind is None:
                continue
            if kind == "noun":
                governor = _governor(noun, q.start, q.end)
            else:
                heads = [w for w in inside if not (w.parent is not None and q.start <= w.parent.start < q.end)]
                governor = _governor(heads[0], q.start, q.end) if heads else "(none)"
            used = any(a < q.end and q.start < b for a, b in spans)
            out.append(
                PeopleCount(
                    doc_id,
                    source,
                    q.text,
                    q.start,
                    q.end,
                    kind,
                    noun.lemma.lower() if noun is not None else None,
                    governor,
                    used,
                    snippet(text, q.start, q.end, s.start, s.end),
                )
            )
    return out


def _year(q) -> bool:
    t = (q.text or "").strip()
    return t.isdigit() and len(t) == 4 and YEAR_LO <= int(t) <= YEAR_HI


def group_leftovers(counts: Iterable[PeopleCount], examples: int = 2) -> list[dict]:
    """The unused counts grouped by governor, most frequent first: governor, n, the counted nouns
    (most common first) and up to `examples` snippets (from different texts where possible)."""
    groups: dict[str, list[PeopleCount]] = defaultdict(list)
    for c in counts:
        if not c.used:
            groups[c.governor].append(c)
    out = []
    for gov, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        picked, docs = [], set()
        for c in items:  # one per text first, then any
            if c.doc_id not in docs and len(picked) < examples:
                picked.append(c)
                docs.add(c.doc_id)
        for c in items:
            if len(picked) >= examples:
                break
            if c not in picked:
                picked.append(c)
        nouns = Counter(c.noun or "(elided)" for c in items)
        out.append(
            {
                "governor": gov,
                "n": len(items),
                "nouns": nouns.most_common(),
                "examples": [{"doc": c.doc_id, "snippet": c.snippet} for c in picked],
            }
        )
    return out


# --- the run --------------------------------------------------------------------------------------
def analyse(analyzer, texts: list[Text], batch: int = 16, progress=None) -> tuple[list[PeopleCount], list[dict]]:
    """Every count of people in `texts`, and the facts found on the UD texts (as dicts)."""
    people = people_nouns()
    counts: list[PeopleCount] = []
    ud_facts: list[dict] = []
    for i in range(0, len(texts), batch):
        part = texts[i : i + batch]
        for t, doc in zip(part, analyzer.parse_many([t.text for t in part])):
            ref = datetime.date.fromisoformat(t.reference_date) if t.reference_date else None
            ex = extract_document(doc, ref)
            counts += people_counts(doc, ex.facts, ex.dates, ref, t.id, t.source, people)
            if t.source == "ud":
                for f in ex.facts:
                    ud_facts.append(
                        {
                            "doc": t.id,
                            "type": f.type,
                            "count": f.count.text if f.count else None,
                            "value": f.count.value if f.count else None,
                            "rule": f.rule,
                            "modality": f.modality,
                            "evidence": f.evidence.text,
                        }
                    )
        if progress:
            progress(min(i + batch, len(texts)), len(texts))
    return counts, ud_facts


def _short(s: str, n: int = SNIPPET) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--analyzer", default="spacy", choices=("spacy", "stanza"))
    ap.add_argument("--limit-ud", type=int, default=3000, help="UD sentences to read (default %(default)s)")
    ap.add_argument("--top", type=int, default=40, help="groups to print (default %(default)s)")
    ap.add_argument("--shared", default=SHARED, help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help="end with one JSON line of all figures")
    a = ap.parse_args(argv)
    texts = load_texts(a.shared, a.limit_ud)
    conf = from_env()
    t0 = time.perf_counter()
    analyzer = load_analyzer(
        a.analyzer, stanza_dir=conf["STANZA_DIR"], spacy_model=conf["SPACY_MODEL"], torch_threads=conf["TORCH_THREADS"]
    )
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    counts, ud_facts = analyse(analyzer, texts)
    run_s = time.perf_counter() - t0
    groups = group_leftovers(counts)

    by_source = Counter(t.source for t in texts)
    ud_sents = sum(t.sentences for t in texts)
    used = sum(c.used for c in counts)
    left = len(counts) - used
    print(
        f"== leftovers, {a.analyzer} ({analyzer.models}): model loaded in {load_s:.1f} s, "
        f"texts parsed and read in {run_s:.1f} s"
    )
    print(
        f"texts read: {len(texts)} ({by_source['gold']} gold, {by_source['news']} news, {by_source['ud']} UD "
        f"pseudo-articles of {ud_sents} treebank sentences); "
        f"counts of people found: {len(counts)}, used by a fact: {used}, left over: {left}"
    )
    for src in ("gold", "news", "ud"):
        cs = [c for c in counts if c.source == src]
        print(
            f"  {src:5s} found {len(cs):5d}  used {sum(c.used for c in cs):5d}  "
            f"left {sum(not c.used for c in cs):5d}  (elided {sum(c.kind == 'elided' for c in cs)})"
        )
    print(f"\n-- top {min(a.top, len(groups))} of {len(groups)} groups of leftovers, by governing word")
    for g in groups[: a.top]:
        nouns = ", ".join(f"{n} {k}" for n, k in g["nouns"][:4])
        print(f"{g['n']:5d}  {g['governor']:28s} ({nouns})")
        for e in g["examples"]:
            print(f"         {e['doc']}: {e['snippet']}")
    print(f"\n-- facts on the UD part: {len(ud_facts)}")
    for f in ud_facts:
        print(f"  {f['doc']}: {f['type']} {f['count']!r} rule={f['rule']} {f['modality']} «{_short(f['evidence'])}»")
    if a.json:
        print(
            json.dumps(
                {
                    "analyzer": a.analyzer,
                    "texts": dict(by_source),
                    "found": len(counts),
                    "used": used,
                    "left": left,
                    "groups": groups,
                    "ud_facts": ud_facts,
                    "counts": [asdict(c) for c in counts],
                },
                ensure_ascii=False,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
