"""CoNLL-U -> Document: hand-checked trees for rule tests, and UD treebanks for measuring.

The text is rebuilt from the tokens (a space after each unless `SpaceAfter=No`), so offsets are
exact for it. Entities come from a `# entities = Karim Massimov:PER|Almaty:LOC` comment, if any.
"""

from __future__ import annotations

from service.document import Document, EntitySpan, Sentence, Word, parse_feats


def read_conllu(data: str) -> list[tuple[dict, Document]]:
    """One (comments, Document) per sentence block."""
    out = []
    for block in data.strip().split("\n\n"):
        lines = [ln for ln in block.strip().splitlines() if ln.strip()]
        if lines:
            out.append(_sentence(lines))
    return out


def _sentence(lines: list[str]) -> tuple[dict, Document]:
    comments, text, words, mwt_end, span = {}, "", [], 0, None
    for line in lines:
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            comments[key.strip()] = value.strip()
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"not a CoNLL-U line: {line!r}")
        wid, form, lemma, upos, _, feats, head, deprel, _, misc = cols
        if "." in wid:
            continue  # empty nodes: not in the basic tree
        if "-" in wid:  # multi-word token: its words share its span
            first, last = (int(x) for x in wid.split("-"))
            span = (len(text), len(text) + len(form))
            text += form + ("" if "SpaceAfter=No" in misc else " ")
            mwt_end = last
            continue
        i = int(wid)
        if span is not None and i <= mwt_end:
            start, end = span
            if i == mwt_end:
                span = None
        else:
            start, end = len(text), len(text) + len(form)
            text += form + ("" if "SpaceAfter=No" in misc else " ")
        words.append(
            Word(
                id=i,
                text=form,
                lemma=lemma,
                upos=upos,
                feats=parse_feats(feats),
                head=int(head),
                deprel=deprel,
                start=start,
                end=end,
            )
        )
    text = text.rstrip()
    entities = []
    for item in filter(None, comments.get("entities", "").split("|")):
        name, _, label = item.rpartition(":")
        at = text.find(name)
        if at < 0:
            raise ValueError(f"entity {name!r} not in {text!r}")
        entities.append(EntitySpan(text=name, label=label, start=at, end=at + len(name)))
    sentence = Sentence(words=words, start=0, end=len(text), text=text)
    return comments, Document(text=text, sentences=[sentence], entities=entities)
