"""Both analyzers, for real: the parsed-document type they produce is sound."""

from __future__ import annotations

TEXT = (
    "Le ministre est allé du palais au port de Marseille.  Jean Dupont y a rencontré "
    "les représentants de l'ONU.\n\nIls ont parlé des 2 500 soldats."
)


def test_document_is_well_formed(analyzer):
    doc = analyzer.parse(TEXT)
    assert doc.text == TEXT and len(doc.sentences) >= 2
    for s in doc.sentences:
        assert TEXT[s.start : s.end] == s.text
        assert [w.id for w in s.words] == list(range(1, len(s.words) + 1))
        # the columns scans read without building the words say what the words say
        assert s.forms == [w.text for w in s.words] and s.lemmas == [w.lemma for w in s.words]
        roots = [w for w in s.words if w.head == 0]
        assert roots, "every sentence has a root"
        for w in s.words:
            assert 0 <= w.head <= len(s.words) and w.upos and w.lemma and w.deprel
            assert s.start <= w.start < w.end <= s.end
    for e in doc.entities:
        assert TEXT[e.start : e.end] == e.text and e.label in {"PER", "LOC", "ORG", "MISC"}
    assert any(e.label == "PER" and "Dupont" in e.text for e in doc.entities)


def test_contractions(analyzer):
    """'du' is 'de' + 'le' in Stanza's UD words (both words keep the token's characters); spaCy keeps one
    token. Either way, each word's characters are the token's."""
    doc = analyzer.parse("Il revient du port.")
    words = doc.sentences[0].words
    for w in words:
        assert doc.text[w.start : w.end] in (w.text, "du")
    if analyzer.name == "stanza":
        assert [w.text for w in words][2:4] == ["de", "le"]
        assert words[2].start == words[3].start == 11


def test_batch_equals_single(analyzer):
    texts = ["Deux policiers ont été blessés.", "Paris a envoyé 600 soldats au Mali."]
    batch = analyzer.parse_many(texts)
    for text, doc in zip(texts, batch):
        single = analyzer.parse(text)
        assert [(w.text, w.head, w.deprel) for s in doc.sentences for w in s.words] == [
            (w.text, w.head, w.deprel) for s in single.sentences for w in s.words
        ]


def test_identity(analyzer):
    assert analyzer.name in ("stanza", "spacy") and analyzer.version and analyzer.models


def test_spacy_words_are_its_tokens(analyzers):
    """The spaCy converter reads token attributes in bulk: each word still says what spaCy's token says
    (white-space tokens dropped, heads renumbered within the sentence, the root and heads on dropped
    tokens as 0/"root")."""
    spacy_analyzer = analyzers("spacy")
    native = spacy_analyzer.annotate(TEXT)
    doc = spacy_analyzer.parse(TEXT)
    tokens = [t for t in native if not t.is_space]
    words = [w for s in doc.sentences for w in s.words]
    assert len(words) == len(tokens)
    for w, t in zip(words, tokens):
        assert (w.text, w.start, w.end, w.lemma, w.upos, w.feats) == (
            t.text,
            t.idx,
            t.idx + len(t.text),
            t.lemma_ or t.text,
            t.pos_ or "X",
            t.morph.to_dict(),
        )
        if t.head.i == t.i or t.head.is_space:
            assert (w.head, w.deprel) == (0, "root")
        else:
            assert w.deprel == t.dep_ and w.parent.start == t.head.idx


def test_annotate_many_is_the_library_call(analyzer):
    texts = ["Deux policiers ont été blessés.", "Paris a envoyé 600 soldats au Mali."]
    native = analyzer.annotate_many(texts)
    assert len(native) == 2 and not isinstance(native[0], type(analyzer.parse(texts[0])))


def test_spacy_lookups_stay_bounded_and_right(analyzers, monkeypatch):
    """The converter keeps hash -> string lookups from one document to the next; past LOOKUP_MAX
    entries they start afresh, and the words are the same."""
    from service.analyzers import spacy_analyzer

    spacy = analyzers("spacy")
    before = [
        (w.text, w.lemma, w.upos, w.feats, w.head, w.deprel) for s in spacy.parse(TEXT).sentences for w in s.words
    ]
    monkeypatch.setattr(spacy_analyzer, "LOOKUP_MAX", 5)
    spacy._names.clear()
    spacy._feats.clear()  # every string looked up anew, five at most kept
    after = [(w.text, w.lemma, w.upos, w.feats, w.head, w.deprel) for s in spacy.parse(TEXT).sentences for w in s.words]
    assert after == before
    assert len(spacy._names) <= 5 and len(spacy._feats) <= 5


def test_spacy_builds_only_the_trees_the_rules_read(analyzers):
    """spaCy's sentences build their words on first use: the rules read the trees of the sentences that
    hold a lead trigger word or a date, the others are never built, and the facts are those of a
    document whose every tree was built."""
    import datetime

    from service.rules.pipeline import extract_document

    text = (
        "Le musée rouvrira ses portes au public après deux ans de travaux, et la ville s'en réjouit. "
        "Trois policiers ont été blessés lors de la manifestation, dont deux grièvement."
    )
    spacy = analyzers("spacy")
    lazy, eager = spacy.parse(text), spacy.parse(text)
    for s in eager.sentences:
        assert s.words  # every tree built before the rules
    got = extract_document(lazy, datetime.date(2024, 3, 9))
    want = extract_document(eager, datetime.date(2024, 3, 9))
    assert [f.model_dump() for f in got.facts] == [f.model_dump() for f in want.facts] and got.facts
    assert [s.build_s > 0 for s in lazy.sentences] == [False, True]


def test_sentence_ends_before_the_parser():
    """After '.', '!' or '?' (and a closing quote) a word that opens with a capital starts a sentence;
    abbreviations that spaCy keeps whole ('M.', 'janv.') do not end one."""
    import spacy

    from service.analyzers import sentence_ends

    nlp = spacy.blank("fr")
    doc = sentence_ends.mark_sentence_ends(
        nlp.make_doc(
            "Le pont a cédé.\n\nSelon la mairie, deux morts. « Nous avons peur. » Il part. Hier, M. Martin a "
            "voté le 3 janv. Lyon aussi. Il y a 2.5 km. 12 sont partis. "
            "Dix personnes - trois enfants et sept adultes - sont mortes.\n"
            "- Une liste."
        )
    )
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Le", "Selon", "«", "Il", "Hier", "Il", "12", "Dix", "-"]
    assert [t.is_sent_start for t in doc if t.text == "-"] == [False, False, True]
    assert [t.is_sent_start for t in doc if t.text == "»"] == [False]


def test_no_sentence_starts_on_a_comma_or_a_lowercase_word_within_a_line():
    """'... 900 selon la police, ont défilé': spaCy's parser split the clause there; it keeps a start
    marked as none."""
    import spacy

    from service.analyzers import sentence_ends

    nlp = spacy.blank("fr")
    doc = sentence_ends.mark_sentence_ends(
        nlp.make_doc("À Lille, 2 500 personnes, selon la CGT, 900 selon la police, ont défilé.\nfin de page")
    )
    marked = {t.text: t.is_sent_start for t in doc}
    assert marked[","] is False and marked["ont"] is False and marked["selon"] is False
    assert marked["fin"] is None  # after a line break the parser decides


def test_no_sentence_starts_on_a_capital_within_a_line_without_an_end_mark():
    """spaCy's parser split "le gouvernement d'Aung" | "San Suu Kyi, et arrêté ...": a name's second word
    starts no sentence (as Stanza's tokenizer ends are read: runs_on)."""
    import spacy

    from service.analyzers import sentence_ends

    nlp = spacy.blank("fr")
    doc = sentence_ends.mark_sentence_ends(
        nlp.make_doc("L'armée a renversé le gouvernement d'Aung San Suu Kyi et arrêté ses proches. « Fin. » Il part.")
    )
    assert [t.text for t in doc if t.is_sent_start] == ["L'", "«", "Il"]
    assert {t.text: t.is_sent_start for t in doc}["San"] is False


def test_the_parser_decides_after_marks_that_may_end_a_sentence():
    """After "...", an abbreviation's point ("vers 14 h.") or ";", a capital may start a sentence: the
    parser decides, so that "pourrait" or "selon la police" stays in its own sentence."""
    import spacy

    from service.analyzers import sentence_ends

    nlp = spacy.blank("fr")
    doc = sentence_ends.mark_sentence_ends(
        nlp.make_doc("Le bilan pourrait s'alourdir... Trente morts ; Deux blessés vers 14 h. Trois disparus.")
    )
    marked = {t.text: t.is_sent_start for t in doc}
    assert marked["Trente"] is not False and marked["Deux"] is not False and marked["Trois"] is not False


def test_a_hedge_stays_in_its_sentence_before_an_ellipsis(analyzers):
    doc = analyzers("spacy").parse("Le bilan pourrait encore s'alourdir... Trente personnes ont été tuées mardi.")
    from service.rules.pipeline import extract_document

    assert [(f.count.value, f.modality) for f in extract_document(doc, None).facts] == [(30, "asserted")]


def test_spacy_ends_sentences_the_parser_runs_together(analyzers):
    """fr_core_news_md alone reads the two sentences as one: the hypothetical 'tentent' of the first
    reached the toll of the second."""
    text = (
        "Les secours tentent ce mardi de retrouver des survivants dans les décombres.\n"
        "Selon un bilan des autorités, au moins 15 personnes ont été tuées dans la région."
    )
    doc = analyzers("spacy").parse(text)
    assert [s.text[:5] for s in doc.sentences] == ["Les s", "Selon"]
    from service.rules.pipeline import extract_document

    facts = extract_document(doc, None).facts
    assert [(f.count.value, f.modality, f.source) for f in facts] == [(15, "reported", "un bilan des autorités")]


def test_stanza_joins_sentences_its_tokenizer_ends_without_an_end_mark(analyzers):
    """The small Stanza models end sentences before a capital ('... 120 des 700' | 'Casques bleus ...',
    'Jean-Yves' | 'Le Drian'); sentences end at an end mark or a line break, in single and batch calls."""
    texts = [
        "Le Japon a déployé dimanche 120 des 700 Casques bleus du bataillon à Juba.",
        "Le ministre Jean-Yves Le Drian conserve son poste. Bruno Le Maire a été reconduit.\nSuite",
    ]
    stanza = analyzers("stanza")
    for doc in [stanza.parse(t) for t in texts] + stanza.parse_many(texts):
        assert [s.text[-1] for s in doc.sentences][:-1] == ["."] * (len(doc.sentences) - 1)
        assert all(w.head <= len(s.words) for s in doc.sentences for w in s.words)
    assert [s.text for s in stanza.parse(texts[1]).sentences] == [
        "Le ministre Jean-Yves Le Drian conserve son poste.",
        "Bruno Le Maire a été reconduit.",
        "Suite",
    ]


def test_a_sentence_runs_on_without_an_end_mark_or_a_line_break():
    from service.analyzers.sentence_ends import runs_on

    assert runs_on("700", "des", " ")
    assert not runs_on(".", "poste", " ")
    assert not runs_on("»", ".", " ")
    assert runs_on("»", "mot", " ")
    assert not runs_on("Titre", "Le", "\n")


def test_spacy_names_hold_no_preposition_at_their_ends(analyzers):
    """The md NER runs over a preposition at a name's edge ("de Nîmes", "province de"): a name starts
    after it, and one that stops on it runs on over the name that follows ("province de Kidal")."""
    doc = analyzers("spacy").parse(
        "Le ministre a annoncé l'envoi de 150 policiers dans la ville de Nîmes. "
        "Le gouvernement a annoncé le déploiement de 300 soldats dans la province de Kidal."
    )
    names = [e.text for e in doc.entities]
    assert "Nîmes" in names and any(n.endswith("Kidal") for n in names), names
    preps = {"de", "du", "des", "d'", "à", "au", "aux", "en", "dans"}
    assert not any(n.split()[0].lower() in preps or n.split()[-1].lower() in preps for n in names), names
