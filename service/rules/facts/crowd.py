"""Crowd sizes at protests and gatherings."""

from __future__ import annotations

from typing import Optional

from schemas.facts import CrowdFact
from service.document import Word
from service.rules.context import Context
from service.rules.engine import (
    ELLIPTIC_TRIGGER,
    Condition,
    FactType,
    common_fields,
    elliptic_counts,
    fact_before,
    find_count,
    is_person,
    links_a_count,
    reflexive,
    tally,
)
from service.rules.matcher import Example, Rule, Trigger, clause_head, clause_span, forms, lexicon_set, phrase
from service.rules.text import norm_text

L = "triggers:crowd."
_REPORTED = "modality:reported.prepositions"
ASIDE = 10  # the longest aside read over, in words
MANY = 10  # "ils étaient trois à bloquer le passage" is no crowd
NOUNS = frozenset({"NOUN", "PROPN"})

RULES = [
    Rule(
        name="crowd-protesters",
        doc="A count of protesters ('plus de 5 000 manifestants').",
        trigger=Trigger(L + "strong_nouns", NOUNS),
        count=(".",),
        requires=("counted", "not_other_fact"),
        examples=(
            Example("Plus de 5 000 manifestants ont défilé à Lyon.", {"count": 5000, "location": "Lyon"}),
            Example("La police a interpellé 12 manifestants.", absent=True),
        ),
    ),
    Rule(
        name="crowd-people-protesting",
        doc="A count of people with a protest verb or noun "
        "('20 000 personnes ont défilé', 'un rassemblement de 300 personnes', 'ont bravé le froid pour manifester').",
        trigger=Trigger(L + "nouns", NOUNS),
        count=(".",),
        requires=("protest_context", "not_other_fact", "counted_many"),
        examples=(
            Example("Environ 20 000 personnes ont manifesté dimanche à Paris.", {"count": 20000, "location": "Paris"}),
            Example("Un rassemblement de 300 personnes a eu lieu devant la mairie.", {"count": 300}),
            Example("Le village compte 300 personnes.", absent=True),
            Example("Deux militants ont manifesté devant la mairie.", absent=True),
            Example("Les 300 salariés de l'usine ont manifesté leur inquiétude.", absent=True),
            Example(
                "Des milliers de personnes ont manifesté samedi contre la guerre : 60 000 personnes à Madrid, "
                "40 000 à Barcelone.",
                {"count": 60000, "location": "Madrid"},
            ),
            Example("Plus de 2 000 personnes ont défilé dans le centre-ville.", {"count": 2000}),
            Example(
                "Des milliers de manifestants ont défilé à Namur. Selon la police, 9 000 personnes étaient présentes.",
                {"count": 9000, "source": "la police"},
            ),
            Example("Selon la police, 50 000 personnes étaient présentes au concert.", absent=True),
            Example(
                "La marche contre la loi a eu lieu dimanche. Des milliers de personnes se sont retrouvées au parc.",
                {"count": 2000},
            ),
            Example(
                "La manifestation a eu lieu dimanche. Des centaines de personnes se sont retrouvées à la rue.",
                absent=True,
            ),
            Example(
                "La manifestation a dégénéré samedi. Une centaine de personnes se sont retrouvées à l'hôpital.",
                absent=True,
            ),
            Example(
                "Les syndicats appellent à manifester. Lundi, 30 personnes étaient présentes à la réunion.",
                absent=True,
            ),
            Example("Des milliers d'étudiants ont manifesté samedi à Rabat.", {"count": 2000, "location": "Rabat"}),
            Example("Les organisateurs avancent le chiffre de 22 000 participants.", {"count": 22000}),
            Example("L'intersyndicale a annoncé 15 000 participants samedi.", {"count": 15000}),
            Example("Le club annonce 300 participants au tournoi.", absent=True),
            Example("La préfecture a annoncé l'interpellation de 31 personnes.", absent=True),
            Example("Les organisateurs annoncent 40 000 personnes dans les rues de Lyon.", {"count": 40000}),
            Example(
                "Malgré la pluie, quelques centaines de personnes ont bravé le froid pour manifester devant la mairie.",
                {"count": 200},
            ),
            Example(
                "Des milliers de personnes se sont retrouvées au port pour protester contre la loi.", {"count": 2000}
            ),
            Example(
                "Trois cents personnes ont été évacuées pour permettre aux pompiers de bloquer le feu.", absent=True
            ),
            Example(
                "Les syndicats ont fait descendre dans la rue des dizaines de milliers de fonctionnaires.",
                {"count": 20000},
            ),
        ),
    ),
    Rule(
        name="crowd-protest-verb",
        doc="A protest verb whose subject is a count of people of any name "
        "('Des dizaines de milliers de Géorgiens sont descendus dans la rue', '3 000 Kurdes ont défilé').",
        trigger=Trigger(L + "subject_verbs", frozenset({"VERB"})),
        count=("subject", "subject/<conj"),  # "plus de 65 000 élèves, apprentis et étudiants ont défilé"
        requires=("in_the_street", "people_subject"),
        examples=(
            Example(
                "Des dizaines de milliers de Géorgiens sont descendus dans les rues de Tbilissi.",
                {"count": 20000, "location": "Tbilissi"},
            ),
            Example("Samedi, 3 000 Kurdes ont défilé à Strasbourg.", {"count": 3000, "location": "Strasbourg"}),
            Example("Plus de 10 000 Israéliens ont manifesté à Tel-Aviv.", {"count": 10000}),
            Example(
                "Selon les organisateurs, plus de 65 000 élèves, apprentis et étudiants ont défilé dans le pays.",
                {"count": 65000},
                fails={"stanza": "the mini models make 'apprentis' the subject and hang the count on an oblique"},
            ),
            Example("Trois passagers sont descendus du train.", absent=True),
            Example("Plusieurs milliers de Tunisiens ont manifesté jeudi soir avenue Bourguiba.", {"count": 2000}),
            Example("Deux ministres ont manifesté leur désaccord.", absent=True),
            Example("Plus de 90 Américains qui manifestaient à Washington ont été arrêtés.", absent=True),
        ),
    ),
    Rule(
        name="crowd-protest-phrase",
        doc="A phrase that says people protested, with a count of people as subject "
        "('des milliers de Géorgiens ont battu le pavé', '9 000 personnes ont répondu à l'appel de l'intersyndicale').",
        trigger=Trigger(L + "protest_phrase_nouns", NOUNS),
        count=("../subject",),
        requires=("protest_phrase", "protest_article"),
        examples=(
            Example(
                "Des milliers de Géorgiens ont battu le pavé lundi soir à Tbilissi. La manifestation était calme.",
                {"count": 2000},
            ),
            Example(
                "La grève a été suivie. Quelque 9 000 personnes ont répondu à l'appel de l'intersyndicale.",
                {"count": 9000},
            ),
            Example("Le congrès a eu lieu lundi. 300 personnes ont répondu au sondage.", absent=True),
        ),
    ),
    Rule(
        name="crowd-were-many",
        doc="'Ils étaient plus de 10 000 à défiler': a form of 'être', a count, then 'à' and a protest verb.",
        trigger=Trigger(L + "verbs", frozenset({"VERB"})),
        requires=("were_many",),
        examples=(
            Example("Ils étaient plus de 10 000 à défiler samedi à Marseille.", {"count": 10000}),
            Example("Elles étaient quelques centaines à manifester devant la préfecture.", {"count": 200}),
            Example("Nous serons 500 à marcher dimanche.", {"count": 500}),
            Example("Ils étaient trois à bloquer le passage du camion de livraison.", absent=True),
        ),
    ),
    Rule(
        name="crowd-tally",
        doc="A tally of protesters and the figure it is given ('a chiffré le nombre de manifestants à un million').",
        trigger=Trigger("triggers:tally_nouns", NOUNS),
        requires=("crowd_tally",),
        examples=(
            Example("Les médias locaux ont chiffré le nombre de manifestants à un million.", {"count": 1000000}),
            Example("Le nombre de manifestants a atteint 40 000 samedi soir.", {"count": 40000}),
            Example("Le nombre de membres du club s'élève à 300.", absent=True),
            Example("Deux cents manifestants ont été interpellés samedi, portant le total à 900.", absent=True),
            Example(
                "La police a dénombré 3 000 manifestants, le nombre avancé par les syndicats étant de 10 000.",
                absent=True,
            ),
        ),
    ),
    Rule(
        name="crowd-figure-restated",
        doc="A figure someone else gives the same crowd, restated as 'un chiffre que X porte / ramène à N', "
        "in an article about a protest.",
        trigger=Trigger("triggers:tally_nouns", NOUNS),
        requires=("restated_figure", "protest_article"),
        examples=(
            Example(
                "La marche a eu lieu. Selon les syndicats, 60 000 personnes ont défilé, un chiffre que la police "
                "ramène à 8 000.",
                {"count": 8000, "source": "la police"},
            ),
            Example(
                "La police a compté 20 000 manifestants, un chiffre que le front commun porte à 55 000.",
                {"count": 55000},
            ),
            Example("Le club compte 300 membres, un chiffre que le président porte à 400 cette année.", absent=True),
        ),
    ),
    Rule(
        name="crowd-they-were",
        doc="'Ils étaient près de 2 000': a bare figure of 'ils/elles' + 'être', in an article about a protest.",
        trigger=Trigger(L + "they_pronouns", frozenset({"PRON"})),
        requires=("they_were", "protest_article"),
        examples=(
            Example(
                "La grève a paralysé le pays jeudi. Ils étaient 30 000 à Lyon, 15 000 à Marseille et 10 000 à "
                "Toulouse selon la CGT.",
                {"count": 30000, "location": "Lyon"},
            ),
            Example(
                "Les opposants ont manifesté à Tunis. À Sfax, où ils étaient près de 2 000, la police est intervenue.",
                {"count": 2000},
            ),
            Example("Des milliers de personnes ont défilé. Ils étaient encore 5 000 dimanche.", {"count": 5000}),
            Example(
                "Les infirmières ont défilé à Lyon. Elles sont au moins un millier devant la mairie.", {"count": 1000}
            ),
            Example("Les soldats ont fui. Ils étaient 300 au camp.", absent=True),
            Example(
                "Ils étaient des centaines de milliers à dénoncer la guerre samedi. La manifestation a été calme.",
                {"count": 200000},
            ),
            Example(
                "Des manifestants ont défilé. Dix voitures ont été incendiées, elles étaient 30 la veille.", absent=True
            ),
            Example("Les passagers ont quitté le bateau. Ils étaient 300 à bord.", absent=True),
            Example("Des manifestants ont défilé. Ils étaient 300 en garde à vue le soir.", absent=True),
        ),
    ),
    Rule(
        name="crowd-estimated",
        doc="A gathering the text says was estimated or counted at a figure "
        "('La foule, estimée à 10 000 personnes', 'le rassemblement a compté jusqu'à 4 000 personnes').",
        trigger=Trigger(L + "event_nouns", NOUNS),
        requires=("estimated",),
        examples=(
            Example("La foule, estimée à 10 000 personnes, a envahi la place.", {"count": 10000}),
            Example(
                "Le cortège, estimé à 5 000 personnes par la police, a traversé Lyon.",
                {"count": 5000, "source": "la police", "modality": "reported"},
            ),
            Example("La foule était estimée à 30 000 par les organisateurs.", {"count": 30000}),
            Example("Le rassemblement a compté jusqu'à 4 000 personnes dans l'après-midi.", {"count": 4000}),
            Example("La grève a été estimée à 3 millions d'euros de pertes.", absent=True),
            Example("Le cortège a rassemblé entre 2 000 et 3 000 jeunes.", {"count": 2000}),
            Example("La première grève nationale avait mobilisé 22 000 lycéens.", {"count": 22000}),
            Example("La manifestation a réuni 300 tracteurs.", absent=True),
            Example("Une manifestation a réuni environ 400 personnes, dont 156 ont été interpellées.", {"count": 400}),
        ),
    ),
    Rule(
        name="crowd-counter",
        doc="A figure given by who counts crowds, the noun left out, in an article "
        "about a protest ('ils étaient 1,7 million selon les organisateurs', 'la police en a compté 128 000').",
        trigger=Trigger(L + "counters", NOUNS),
        requires=("counter_figure", "protest_article"),
        examples=(
            Example(
                "Des milliers de manifestants ont défilé samedi. Ils étaient plus de 1,2 million selon les "
                "organisateurs.",
                {"count": 1200000},
            ),
            Example("La marche a eu lieu dimanche à Lille. La police en a compté 35 000.", {"count": 35000}),
            # "ne ... pas plus de" bounds the count, it does not deny it
            Example(
                "Des milliers d'opposants se sont rassemblés samedi. La police n'a dénombré pas plus de 8 000 "
                "manifestants.",
                {"count": 8000, "modality": "reported"},
            ),
            Example(
                "La grève a paralysé la ville. Un million selon les syndicats, la moitié selon la police.",
                {"count": 1000000},
            ),
            Example("Le budget atteint 3 000 selon la préfecture.", absent=True),
            Example(
                "Le cortège a traversé Nantes samedi. Pour les syndicats, ils étaient plus de 20 000.",
                {"count": 20000, "source": "les syndicats"},
            ),
            Example("La manifestation a eu lieu à Lyon. Selon la police, il n'y en avait que 4 500.", {"count": 4500}),
            Example("La marche a eu lieu à Lyon. Pour la police, les 300 agents mobilisés ont suffi.", absent=True),
            Example(
                "Des milliers de personnes ont défilé. Ils étaient 5 000 devant la mairie, selon la police.",
                {"count": 5000, "source": "la police"},
            ),
            Example("Le cortège a traversé Paris. Ils étaient 20 000 selon l'intersyndicale.", {"count": 20000}),
            Example(
                "Des milliers de manifestants ont défilé à Lyon. La préfecture a recensé 8 000 manifestants, "
                "la CGT 25 000.",
                {"count": 25000, "source": "la CGT"},
            ),
            Example(
                "Des milliers de manifestants ont défilé à Lyon. La police a interpellé 12 personnes, "
                "la gendarmerie 30.",
                absent=True,
            ),
            Example(
                "Des milliers de manifestants ont défilé à Lyon, la police 150 interpellés.",
                absent=True,
            ),
            Example("La grève a paralysé le pays jeudi. Selon la police, ils étaient 300 en garde à vue.", absent=True),
            Example(
                "Des milliers de manifestants ont défilé à Rennes. La presse a avancé le chiffre de 80 000.",
                {"count": 80000, "source": "La presse"},
            ),
            Example(
                "La marche a eu lieu à Lyon. La préfecture a donné le chiffre de 3 millions d'euros de dégâts.",
                absent=True,
            ),
        ),
    ),
    Rule(
        name="crowd-elliptic",
        doc="A bare count set beside a crowd just stated ('5 000 manifestants "
        "selon la police, dont 800 à Lyon', '40 000 selon les organisateurs et 20 000 selon la police').",
        trigger=ELLIPTIC_TRIGGER,
        requires=("before_count",),
        follows=True,
        examples=(
            Example(
                "Environ 6 000 manifestants ont défilé samedi en France, dont 1 500 à Paris.",
                {"count": 1500, "location": "Paris"},
            ),
            Example(
                "À Brest, 600 manifestants ont défilé jeudi, tandis qu'on en comptait 450 à Lorient.",
                {"count": 450, "location": "Lorient"},
            ),
            # the imperfect of a verb whose stem ends in r is no conditional
            Example(
                "La police a compté 45 000 personnes à Paris, on en dénombrait 3 000 à Lyon.",
                {"count": 3000, "location": "Lyon"},
                fails={"stanza": "the mini models' parse of the second clause gives its count no link"},
            ),
            Example(
                "Quelque 3 000 personnes ont défilé à Lyon, les organisateurs espéraient en compter 10 000.",
                absent=True,
            ),
            Example("Plus de 2 000 manifestants ont défilé à Lyon, sans compter 300 à Villeurbanne.", absent=True),
            # a range after its "de" (recorded by its lower bound)
            Example(
                "Dimanche, au moins 200 000 personnes ont défilé à Rome, de 100 000 à 150 000 à Milan "
                "et 50 000 à Turin.",
                {"count": 100000, "location": "Milan"},
            ),
            Example(
                "Quelque 40 000 manifestants ont défilé samedi à Lyon, contre 55 000 le 20 avril.",
                {"count": 55000, "date": "2024-04-20"},
            ),
        ),
    ),
]


def _other_fact(w: Word, ctx: Context) -> bool:
    """'12 manifestants ont été interpellés / blessés' counts arrests or casualties, not a crowd."""
    from service.rules.registry import claimed_words  # the registry imports this module

    other = claimed_words(but="crowd")
    head = clause_head(w)
    near = [head] if head is not None else []
    near += [
        c
        for c in w.children
        if c.rel in ("acl", "amod", "nmod")
        # "400 personnes, dont 156 ont été interpellées": the clause tells of a part of them
        and not any(
            x.lemma.lower() in lexicon_set("triggers:describing_relatives")
            for g in c.children
            for x in (g, *g.children)
        )
    ]
    if w.rel == "nmod" and w.parent is not None and w.parent.upos == "NOUN":
        near.append(w.parent)  # "l'interpellation de 31 personnes"
    nxt = w.sentence.word(w.id + 1)
    if nxt is not None:
        near.append(nxt)
        if nxt.lemma.lower() in lexicon_set("triggers:relative_pronouns") and nxt.parent is not None:
            near.append(nxt.parent)  # "les 30 manifestants qui ont été interpellés"
    return any((n.lemma.lower() in other or n.text.lower() in other) and not _idiom(n, w) for n in near)


def _idiom(verb: Word, w: Word) -> bool:
    """A claimed verb that says no arrest here: reflexive ("se sont arrêtés devant le siège"), or a
    seizing verb with an object of its own ("ont pris part aux violences")."""
    seizing = lexicon_set("triggers:arrest.seizing_verbs")
    return (
        reflexive(verb) or verb.lemma.lower() in seizing and any(c.rel == "obj" and c is not w for c in verb.children)
    )


def _protest_context(w: Word, ctx: Context) -> bool:
    """A protest verb heads the clause, a protest noun governs the count, the people are "in the
    streets", or the figure is a counter's ("selon les organisateurs"); in an article about a protest,
    people present by a counter's figure ("selon la police, 9 000 personnes étaient présentes") or who
    met at a place of gathering ("se sont retrouvées au parc", not "à l'hôpital")."""
    verbs, events = lexicon_set(L + "verbs"), lexicon_set(L + "event_nouns")
    parent = w.parent
    if (
        w.rel == "nsubj"
        and parent is not None
        and forms(parent) & lexicon_set(L + "presence_words")  # "présentes", read "présenter" by spaCy
        and _counter_cited(w.sentence)
        and ctx.once(_protest_article, ctx.doc)
    ):
        return True
    head = clause_head(w)
    if (
        head is not None
        and head.lemma.lower() in lexicon_set(L + "meeting_verbs")
        and reflexive(head)
        and any(c.rel == "obl" and _gathering_place(c, ctx) for c in head.children)
        and ctx.once(_protest_article, ctx.doc)
    ):
        return True
    if head is not None and forms(head) & verbs:
        # "ont manifesté leur inquiétude": a verb that protests only without an object
        return not (forms(head) & lexicon_set(L + "article_verbs") and _has_object(head, ctx))
    # "des centaines de personnes ont bravé le froid pour manifester" (the count's noun may head the subject)
    subject = w if w.rel == "nsubj" else w.parent if w.rel == "nmod" and w.parent is not None else None
    if head is not None and subject is not None and subject.rel == "nsubj" and subject.parent is head:
        if _protest_purpose(head):
            return True
    if (
        head is not None
        and head.lemma.lower() in lexicon_set(L + "announcing_verbs")
        and any(forms(c) & lexicon_set(L + "counters") for c in _subjects(head))
    ):
        return True  # "les organisateurs avancent le chiffre de 22 000 participants"
    if any(a.lemma.lower() in events for a in list(w.ancestors())[:2]) or any(
        c.lemma.lower() in verbs for c in w.children if c.rel in ("acl", "acl:relcl")
    ):
        return True
    after = _words_after(w, 5)
    # "ont de nouveau défilé" read as a noun by a parser: the protest word a few words on
    if (
        any(x.lemma.lower() in verbs or x.lemma.lower() in events for x in after[:4] if x.upos in ("VERB", "NOUN"))
        and after
        and after[0].upos in ("AUX", "VERB", "ADV")
    ):
        return True
    places, counters = lexicon_set(L + "place_nouns"), lexicon_set(L + "counters")
    if any(x.lemma.lower() in places for x in after):
        return True
    return (
        bool(after)
        and after[0].lemma.lower() in lexicon_set("modality:reported.prepositions")
        and any(x.lemma.lower() in counters for x in after[1:])
    )


def _counter_cited(sentence) -> bool:
    """The sentence gives a counter as its source ("selon la police", "d'après les organisateurs")."""
    preps, counters = lexicon_set(_REPORTED), lexicon_set(L + "counters")
    words = sentence.words
    return any(norm_text(w.text) in preps and any(forms(x) & counters for x in words[w.id : w.id + 3]) for w in words)


def _gathering_place(noun: Word, ctx: Context) -> bool:
    """A named place or a place people gather at ("au parc", "sur l'esplanade"; not "à l'hôpital")."""
    return ctx.entity_at(noun.start, "LOC") is not None or noun.lemma.lower() in lexicon_set(L + "meeting_places")


def _protest_purpose(verb: Word) -> bool:
    """The verb's people gather to protest: a protest verb after "pour" hangs on it ("se sont retrouvées
    place Bellecour pour protester")."""
    purpose, verbs = lexicon_set(L + "purpose_marks"), lexicon_set(L + "verbs")
    return any(
        c.rel in ("advcl", "xcomp")
        and forms(c) & verbs
        and any(g.rel in ("mark", "case") and g.lemma.lower() in purpose for g in c.children)
        for c in verb.children
    )


def _subjects(verb: Word) -> list[Word]:
    """The verb's subjects, and the noun right before it on the surface ("la CGT revendiquait")."""
    prev = verb.sentence.word(verb.id - 1)
    return [c for c in verb.children if c.rel == "nsubj"] + ([prev] if prev is not None and prev.upos in NOUNS else [])


def _words_after(w: Word, n: int) -> list[Word]:
    """The `n` words after `w`, over an aside that names a source ("5 200 personnes, selon la
    police, ont manifesté")."""
    words = w.sentence.words[w.id :]  # ids are 1-based: the words after w
    reported = lexicon_set(_REPORTED)
    skipped = False
    # ", selon les organisateurs, 1 200 selon la police, ont défilé": asides one after the other
    while words and (words[0].text == "," or skipped):
        start = 1 if words[0].text == "," else 0
        close = next((i for i, x in enumerate(words[start:ASIDE], start) if x.text == ","), None)
        if close is None or not any(norm_text(x.text) in reported for x in words[start:close]):
            break
        words, skipped = words[close + 1 :], True
    return words[:n]


def counter_figure(w: Word, ctx: Context):
    """The bare count that the counter `w` gives: right before "selon/d'après" + the counter, in the
    clause after "selon/pour" + the counter ("Pour la police, ils étaient 35 000"), right after a counter
    set beside a crowd of its sentence ("..., la CGT 25 000"), or the object of a counting verb whose
    subject is the counter ("la police en a compté 35 000")."""
    s = w.sentence
    counts = ctx.counts_in(s)[0]
    preps = lexicon_set("modality:reported.prepositions") | {"après"}
    prev = [x for x in s.words[: w.id - 1] if x.upos not in ("DET",)]
    if prev and norm_text(prev[-1].text) in preps:
        mark = prev[-1] if prev[-1].text.lower() != "après" or len(prev) < 2 else prev[-2]
        q = next((q for q in reversed(counts) if q.end <= mark.start), None)
        if q is not None and (ctx.text[q.end : mark.start].strip(" ,\u00a0") == "" or _place_between(q, mark, s)):
            return q
    if prev and (
        norm_text(prev[-1].text) in preps or prev[-1].lemma.lower() in lexicon_set(L + "counter_prepositions")
    ):
        return _figure_after(w, ctx)
    # "La police a compté 45 000 personnes, les syndicats 120 000": a counter beside a crowd of the
    # sentence, its verb left out, and the bare figure right after it
    beside = next((q for q in counts if q.start >= w.end), None)
    if (
        beside is not None
        and prev
        and prev[-1].text in (",", ";")
        and not ctx.text[w.end : beside.start].strip()
        and fact_before(w, ctx) is not None
        # a bare figure: "la CGT 25 000." (not "la police 150 interpellés")
        and all(x.upos == "PUNCT" for x in s.words_between(beside.end, s.end)[:1])
    ):
        return beside
    verb = w.parent
    if w.rel == "nsubj" and verb is not None and forms(verb) & lexicon_set(L + "announcing_verbs"):
        # "la presse a avancé le chiffre de 800 000": the bare figure of the tally it gives
        for tally_noun in (
            c for c in verb.children if c.rel == "obj" and c.lemma.lower() in lexicon_set("triggers:tally_nouns")
        ):
            q = next((q for q in counts if q.start > tally_noun.end), None)
            after = s.words_between(q.end, s.end)[:1] if q is not None else []
            # a bare figure: one with its noun ("le chiffre de 80 000 manifestants") is the other rules'
            if (
                q is not None
                and len(s.words_between(tally_noun.end, q.start)) <= 2
                and not (after and after[0].upos in ("NOUN", "PROPN"))
            ):
                return q
    if w.rel == "nsubj" and verb is not None and verb.lemma.lower() in lexicon_set(L + "counting_verbs"):
        later = [q for q in counts if q.start > verb.start]
        if later:
            nxt = s.words_between(later[0].end, s.end)[:1]
            if (
                not nxt
                or nxt[0].upos not in ("NOUN", "PROPN")
                or nxt[0].lemma.lower() in lexicon_set(L + "nouns")
                or nxt[0].lemma.lower() in ("de",)
            ):
                return later[0]
    return None


def _place_between(q, mark: Word, s) -> bool:
    """Only a place between the figure and its counter: "ils étaient 5 000 devant la mairie, selon la police"."""
    between = s.words_between(q.end, mark.start)
    return (
        0 < len(between) <= ASIDE // 2
        and between[0].lemma.lower() in lexicon_set("triggers:location_prepositions")
        and all(x.upos in ("ADP", "DET", "NOUN", "PROPN", "PUNCT") for x in between)
    )


def _counts_others(q, s) -> bool:
    """A noun right after the figure says what it counts, and that is no crowd ("3 millions d'euros")."""
    after = s.words_between(q.end, s.end)[:1]
    return bool(after) and after[0].upos in ("NOUN", "PROPN") and not forms(after[0]) & lexicon_set(L + "nouns")


def _figure_after(w: Word, ctx: Context):
    """The bare figure of a clause that follows a counter ("Pour les organisateurs, ils étaient plus de
    1,7 million", "selon la police, il n'y en avait que 128 000"): the first count after the counter,
    reached over a comma and a pronoun subject with its verb, and no noun of its own after it."""
    s = w.sentence
    q = next((q for q in ctx.counts_in(s)[0] if q.start > w.end and q.text is not None), None)
    if q is None:
        return None
    between = s.words_between(w.end, q.start)
    if (
        not between
        or between[0].text != ","
        or not any(x.upos == "PRON" for x in between)
        or any(x.upos in ("NOUN", "PROPN", "ADJ", "NUM") for x in between)
    ):
        return None
    return None if _counts_others(q, s) or _claimed_after(q, s) else q


def _protest_article(doc) -> bool:
    """The article speaks of a protest: a protest noun or verb, or a protester noun, somewhere in it."""
    words = lexicon_set(L + "event_nouns") | lexicon_set(L + "strong_nouns") | lexicon_set(L + "article_verbs")
    return any(not words.isdisjoint(x.lower() for x in s.lemmas) for s in doc.sentences)


def estimated(w: Word, ctx: Context):
    """The figure a gathering noun is estimated or counted at: the verb hangs on the noun ("la foule,
    estimée à 10 000 personnes") or has it as subject ("le rassemblement a compté 4 000 personnes"); the
    first count within a few words after the verb, bare or counting people."""
    verbs = lexicon_set(L + "estimate_verbs")
    verb = next((c for c in w.children if c.rel == "acl" and c.lemma.lower() in verbs), None)
    gathering = verbs | lexicon_set(L + "gathering_verbs")  # "le cortège a rassemblé 3 000 jeunes"
    if verb is None and w.rel == "nsubj" and w.parent is not None and w.parent.lemma.lower() in gathering:
        verb = w.parent
    s = w.sentence
    if verb is None:  # "la foule, estimée à ...", the participle hung elsewhere
        nxt = [x for x in s.words[w.id : w.id + 2] if x.text != ","][:1]
        verb = nxt[0] if nxt and nxt[0].lemma.lower() in verbs and nxt[0].feat("VerbForm") == "Part" else None
    if verb is None:
        return None
    q = next((q for q in ctx.counts_in(s)[0] if q.start > verb.start and q.text is not None), None)
    if q is None or len(s.words_between(verb.end, q.start)) > 4:
        return None
    counted = s.words_between(q.end, s.end)[:1]
    if counted and is_person(counted[0], ctx):
        return q  # "22 000 jeunes", "3 000 enseignants"
    return None if _counts_others(q, s) else q  # not "3 millions d'euros"


def were_many(w: Word, ctx: Context):
    """The count of "ils étaient N à manifester": right before the "à" of the infinitive, right after a
    form of "être" (read on the surface: parsers hang the count on the verb or make it the root)."""
    s = w.sentence
    prev = s.word(w.id - 1)
    if w.feat("VerbForm") not in (None, "Inf") or prev is None or prev.lemma.lower() != "à":
        return None
    q = next((q for q in ctx.counts_in(s)[0] if q.end <= prev.start and not ctx.text[q.end : prev.start].strip()), None)
    if q is None or q.text is None or q.value < MANY:
        return None
    before = s.words_between(s.start, q.start)
    return q if before and before[-1].lemma.lower() == "être" else None


def restated_figure(w: Word, ctx: Context):
    """(figure, who gives it) of "un chiffre que la police ramène à 8 000", read on the surface: the
    tally noun, "que", the one who restates it, a restating verb, "à" and a bare figure."""
    s = w.sentence
    after = s.words[w.id : w.id + 8]
    if not after or norm_text(after[0].text) not in ("que", "qu'"):
        return None, None
    verb = next((x for x in after[1:] if x.upos == "VERB"), None)
    if verb is None or not forms(verb) & lexicon_set(L + "restating_verbs"):
        return None, None
    who = next((x for x in reversed(s.words_between(after[0].end, verb.start)) if x.upos in NOUNS), None)
    nxt = s.word(verb.id + 1)
    if who is None or nxt is None or nxt.lemma.lower() != "à":
        return None, None
    q = ctx.quantity_at(s.word(verb.id + 2)) if s.word(verb.id + 2) is not None else None
    if q is None or q.text is None or _counts_others(q, s):
        return None, None
    return q, who


def _crowd_tally(w: Word, ctx: Context):
    """The figure of "le nombre de manifestants ... à N": a tally of protesters (strong nouns)."""
    counted, q = tally(w, ctx)
    if q is None or counted is None or not forms(counted) & lexicon_set(L + "strong_nouns"):
        return None
    # "200 manifestants ont été interpellés, portant le total à 900": a tally of arrests
    return None if _other_fact(counted, ctx) else q


def _they(w: Word, ctx: Context) -> Optional[Word]:
    """The plural noun "ils/elles" stands for: the last one before it, in its sentence or the one before."""
    sentences = ctx.doc.sentences
    i = ctx.doc.index_of(w.sentence)
    for words in (w.sentence.words[: w.id - 1], sentences[i - 1].words if i > 0 else []):
        nouns = [x for x in words if x.upos == "NOUN" and x.feat("Number") == "Plur"]
        if nouns:
            return nouns[-1]
    return None


def they_were(w: Word, ctx: Context):
    """The figure of "ils étaient (encore) 2 000" read on the surface: the pronoun, a form of "être",
    adverbs, then the count with no noun of its own after it, in a clause that no other fact claims."""
    s = w.sentence
    nxt = [x for x in s.words[w.id :] if x.upos != "ADV"]
    if not nxt or nxt[0].lemma.lower() != "être":
        return None
    q = next((q for q in ctx.counts_in(s)[0] if q.start >= nxt[0].end), None)
    if q is None or q.text is None or q.value < MANY:
        return None
    between = s.words_between(nxt[0].end, q.start)
    after = s.words_between(q.end, s.end)[:2]
    if (
        any(x.upos != "ADV" for x in between)
        or after
        and after[0].upos in ("NOUN", "PROPN")
        and not ctx.in_date(after[0])
    ):
        return None  # "ils étaient 4 300 manifestants": the noun's rule reads it
    group = _they(w, ctx)  # people, or a gathering ("des rassemblements ont eu lieu à Sfax, où ils étaient 2 000")
    crowd_words = lexicon_set(L + "nouns") | lexicon_set(L + "event_nouns")
    doing = len(after) == 2 and after[0].lemma.lower() == "à" and after[1].feat("VerbForm") == "Inf"
    # a counter's figure in an article about a protest says who they are as well: "Ils étaient 30 000 à
    # Lyon, 15 000 à Marseille selon la CGT"
    cited = _counter_cited(s) and ctx.once(_protest_article, ctx.doc)
    if group is None and not doing and not cited:
        return None  # (none: "Ils étaient des centaines de milliers à dénoncer la guerre" says who they are)
    if group is not None and (not (is_person(group, ctx) or forms(group) & crowd_words) or _other_fact(group, ctx)):
        return None  # "157 personnes ont été interpellées, alors qu'elles étaient encore 773"
    if doing and forms(after[1]) & lexicon_set(L + "verbs") and were_many(after[1], ctx) is q:
        return None  # "ils étaient 10 000 à défiler": crowd-were-many reads it
    counters = lexicon_set(L + "counters")
    if any(forms(x) & counters and counter_figure(x, ctx) is q for x in s.words):
        return None  # "ils étaient 5 000 selon la police": crowd-counter reads it, with its source
    return None if _claimed_after(q, s) else q


def _claimed_after(q, s) -> bool:
    """The words after the figure make it another type's ("ils étaient 300 en garde à vue")."""
    from service.rules.registry import claimed_words  # the registry imports this module

    other = claimed_words(but="crowd")
    return any(x.lemma.lower() in other or x.text.lower() in other for x in s.words_between(q.end, s.end)[:8])


def _many_people(found, ctx: Context) -> bool:
    """A count of ten people or more (`found`: what find_count gives), no other fact's."""
    q, noun = found
    return q is not None and q.text is not None and q.value >= MANY and noun is not None and is_person(noun, ctx)


def _build_protest_phrase(rule: Rule, trigger: Word, ctx: Context):
    q, _ = find_count(trigger.parent, ("subject",), ctx)
    start, end = clause_span(trigger.parent)
    return _crowd(rule, trigger, ctx, q, (min(start, q.start), end))


def _people_subject(w: Word, ctx: Context) -> bool:
    """A count of people is the subject, and no arrest or toll claims them ("Plus de 90 personnes qui
    manifestaient ont été arrêtées")."""
    q, noun = find_count(w, ("subject", "subject/<conj"), ctx)
    return (
        q is not None
        and q.text is not None
        and noun is not None
        and is_person(noun, ctx)
        and not _other_fact(noun, ctx)
    )


def _has_object(verb: Word, ctx: Context) -> bool:
    """The verb has a common noun for direct object, no place nor day nor people ("ont manifesté leur
    désaccord"; not "ont manifesté avenue Bourguiba", "ont défilé samedi" nor "ont manifesté : 60 000
    personnes à Madrid", which a parse may make objects)."""
    places = lexicon_set("triggers:place_nouns")
    return any(
        c.rel == "obj"
        and c.upos == "NOUN"
        and c.text.isalpha()  # not the hyphen of "centre-ville" a tokenizer cut out
        and c.lemma.lower() not in places
        and not ctx.in_date(c)
        and ctx.quantity_before(c) is None
        and not is_person(c, ctx)
        for c in verb.children
    )


def _in_the_street(w: Word, ctx: Context) -> bool:
    """A protest verb, or one that needs the street: "descendre dans la rue"."""
    if _has_object(w, ctx):
        return False  # "ont manifesté leur désaccord"
    if w.lemma.lower() in lexicon_set(L + "article_verbs"):
        return True
    places = lexicon_set(L + "place_nouns")
    return any(c.lemma.lower() in places for c in w.children if c.rel in ("obl", "nmod"))


CONDITIONS: dict[str, Condition] = {
    "crowd_tally": lambda w, ctx: _crowd_tally(w, ctx) is not None,
    "restated_figure": lambda w, ctx: restated_figure(w, ctx)[0] is not None,
    "were_many": lambda w, ctx: were_many(w, ctx) is not None,
    "protest_phrase": lambda w, ctx: (
        w.parent is not None
        and w.rel in ("obj", "obl", "obl:arg", "obl:mod")
        and f"{w.parent.lemma.lower()} {w.lemma.lower()}" in lexicon_set(L + "protest_phrases")
        and _many_people(find_count(w.parent, ("subject",), ctx), ctx)
    ),
    "they_were": lambda w, ctx: they_were(w, ctx) is not None,
    "estimated": lambda w, ctx: estimated(w, ctx) is not None,
    "people_subject": _people_subject,
    "in_the_street": _in_the_street,
    "counter_figure": lambda w, ctx: counter_figure(w, ctx) is not None,
    "protest_article": lambda w, ctx: ctx.once(_protest_article, ctx.doc),
    "before_count": links_a_count,
    "counted": lambda w, ctx: ctx.quantity_before(w) is not None,
    # people named by who they are make a crowd only when they are many ("deux activistes" are not)
    "counted_many": lambda w, ctx: (q := ctx.quantity_before(w)) is not None and q.value >= MANY,
    "not_other_fact": lambda w, ctx: not _other_fact(w, ctx),
    "protest_context": _protest_context,
}


def _build_elliptic(rule: Rule, trigger: Word, ctx: Context):
    return elliptic_counts(
        rule,
        trigger.sentence.word(trigger.id + 1),
        ctx,
        inherit=("location", "date"),
        source_marks=lexicon_set(L + "counter_prepositions"),
    )


def _crowd(rule: Rule, trigger: Word, ctx: Context, q, span: tuple[int, int], counter: Optional[Word] = None) -> dict:
    """A crowd fact of count `q`, its evidence `span`; `counter`: who gave the figure, whose words
    the statement reports ("selon la police", "estimé ... par la police")."""
    if q is not None and q.start is not None:  # the evidence holds the count it gives
        span = (min(span[0], q.start), max(span[1], q.end))
    fact = common_fields(rule, trigger, ctx, span)
    fact.update(type="crowd", count=q, location=ctx.location(trigger.sentence, trigger))
    if counter is not None:
        start, end = phrase(counter)
        # this figure's counter, not the sentence's first; without the figure the parse hung on it ("la CGT 25 000")
        fact["source"] = ctx.text[start : ctx.before_count(counter, end)].strip()
        if fact["modality"] == "asserted":
            fact["modality"] = "reported"
    if fact["date"] is None and ctx.reference is not None:
        # a crowd figure given without a day is the figure of the day the article reports on
        fact["date"] = ctx.reference.isoformat()
    return fact


def _build(rule: Rule, trigger: Word, ctx: Context):
    return _crowd(rule, trigger, ctx, ctx.quantity_before(trigger), clause_span(trigger))


def _build_counter(rule: Rule, trigger: Word, ctx: Context):
    return _crowd(rule, trigger, ctx, counter_figure(trigger, ctx), (trigger.start, trigger.end), counter=trigger)


def _build_estimated(rule: Rule, trigger: Word, ctx: Context):
    q = estimated(trigger, ctx)
    # who estimated it: "estimé à 5 000 personnes par la police"
    by = next(
        (x for x in trigger.sentence.words_between(q.end, trigger.sentence.end)[:2] if x.lemma.lower() == "par"), None
    )
    counter = by.parent if by is not None and by.parent is not None and by.parent.id > by.id else None
    counted = trigger.sentence.words_between(q.end, trigger.sentence.end)[:1]
    end = counted[0].end if counted and counted[0].upos in ("NOUN", "PROPN") else q.end  # "... 500 000 personnes"
    return _crowd(rule, trigger, ctx, q, (trigger.start, end), counter=counter)


def _build_were_many(rule: Rule, trigger: Word, ctx: Context):
    q = were_many(trigger, ctx)
    return _crowd(rule, trigger, ctx, q, (q.start, clause_span(trigger)[1]))


def _build_tally(rule: Rule, trigger: Word, ctx: Context):
    return _crowd(rule, trigger, ctx, _crowd_tally(trigger, ctx), (trigger.start, trigger.end))


def _build_restated(rule: Rule, trigger: Word, ctx: Context):
    q, who = restated_figure(trigger, ctx)
    return _crowd(rule, trigger, ctx, q, (trigger.start, q.end), counter=who)


def _build_they_were(rule: Rule, trigger: Word, ctx: Context):
    q = they_were(trigger, ctx)
    return _crowd(rule, trigger, ctx, q, (trigger.start, q.end))


def _build_protest_verb(rule: Rule, trigger: Word, ctx: Context):
    q, _ = find_count(trigger, rule.count, ctx)
    start, end = clause_span(trigger)
    return _crowd(rule, trigger, ctx, q, (min(start, q.start), end))


FACT_TYPE = FactType(
    name="crowd",
    model=CrowdFact,
    rules=tuple(RULES),
    conditions=CONDITIONS,
    build=_build,
    builders={
        "crowd-elliptic": _build_elliptic,
        "crowd-counter": _build_counter,
        "crowd-protest-verb": _build_protest_verb,
        "crowd-were-many": _build_were_many,
        "crowd-they-were": _build_they_were,
        "crowd-protest-phrase": _build_protest_phrase,
        "crowd-tally": _build_tally,
        "crowd-figure-restated": _build_restated,
        "crowd-estimated": _build_estimated,
    },
    slots=("location", "date"),
    gives_way=True,
    shared_slots=("location",),
    carried_on=("location",),
)
