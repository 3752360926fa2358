"""Troop deployments: how many, sent by whom, under which organisation, where."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Optional

from schemas.facts import TroopsFact
from service.document import Document, EntitySpan, Sentence, Word
from service.lexicon import load
from service.rules.context import Context
from service.rules.engine import (
    ELLIPTIC_TRIGGER,
    Condition,
    FactType,
    antecedent_of_relative,
    common_fields,
    elliptic_counts,
    links_a_count,
    tally,
)
from service.rules.matcher import (
    Example,
    Rule,
    Trigger,
    clause_head,
    clause_span,
    clause_words,
    follow,
    follow_first,
    forms,
    lemma_key,
    lexicon_set,
    phrase,
)

L = "triggers:troops."
LINK_UPOS = ELLIPTIC_TRIGGER.upos | {"ADV"}
DEPTH = 3  # how far up the tree a deployment verb may govern the counted force

RULES = [
    Rule(
        name="troops-deployed-force",
        doc="A counted force under a deployment verb "
        "('envoyant environ 2500 hommes', '3 000 militaires seront déployés', 'les 7 000 soldats déployés').",
        trigger=Trigger(L + "nouns", frozenset({"NOUN", "PROPN", "ADJ"})),
        count=(".",),
        requires=("deployed",),
        examples=(
            Example(
                "Moscou a envoyé environ 2500 hommes au Kazakhstan.",
                {"count": 2500, "actor": "Moscou", "destination": "Kazakhstan"},
            ),
            Example("Trois mille militaires supplémentaires seront déployés d'ici mardi.", {"count": 3000}),
            Example("Le régiment compte 800 soldats.", absent=True),
            Example(
                "Quelque 2 000 policiers encadraient le cortège.",
                {"count": 2000},
                fails={"stanza": "the mini models tag 'encadraient' as an adjective of 'cortège'"},
            ),
            Example("La marche s'est déroulée sous la surveillance de 1 800 policiers et gendarmes.", {"count": 1800}),
            Example("La police surveillait 300 supporters anglais.", absent=True),
            Example("Trois policiers qui patrouillaient dans le quartier ont été blessés.", absent=True),
            Example(
                "Les Etats-Unis vont déployer un bataillon, soit environ 1 000 soldats, en Pologne.",
                {"count": 1000, "actor": "Les Etats-Unis"},
            ),
            Example(
                "La ministre a annoncé le déploiement de 500 militaires au Sahel.",
                {"count": 500, "actor": "La ministre"},
            ),
            Example("Paris a annoncé l'envoi de 4 000 soldats au Darfour.", {"count": 4000, "actor": "Paris"}),
            Example("Paris a annoncé l'envoi de près de 4 000 Casques bleus au Darfour.", {"count": 4000}),
            Example("Un renfort de 220 soldats arrivera en janvier.", {"count": 220}),
            Example("Trois cents policiers ont quitté Nairobi pour Port-au-Prince.", {"count": 300}),
            Example("La mission comptera au plus 9 000 soldats.", {"count": 9000}),
            Example("Le contingent compte près de 3 000 hommes.", {"count": 3000}),
            Example("Au total, 5 100 soldats français sont déployés au Sahel.", {"count": 5100, "actor": "France"}),
            Example(
                "Environ 150 soldats belges sont par ailleurs stationnés en Roumanie.",
                {"count": 150, "actor": "Belgique", "destination": "Roumanie"},
            ),
            Example("Paris a envoyé 300 soldats tchadiens au Mali.", {"count": 300, "actor": "Paris"}),
            Example(
                "Jusqu'à 4 200 militaires de l'armée suisse seront engagés cette semaine à Davos.",
                {"count": 4200, "actor": "l'armée suisse", "destination": "Davos"},
            ),
            Example(
                "Quelque 2 000 soldats de la force onusienne sont déployés à Bangui.",
                {"count": 2000, "actor": None},
            ),
            Example("Quelque 300 agents de police seront déployés samedi à Lyon.", {"count": 300, "actor": None}),
            Example("La coalition, qui compte quelque 40 000 soldats dans le pays, se retire.", {"count": 40000}),
            Example("L'amicale, qui compte 300 policiers retraités, a fêté ses cent ans.", absent=True),
            Example("La Chine compte plus de 2 600 Casques bleus dans dix opérations.", {"count": 2600}),
            Example(
                "Paris a décidé l'envoi, la semaine prochaine, de 4 000 Casques bleus au Darfour.", {"count": 4000}
            ),
            Example("Trois cents soldats ont quitté l'armée.", absent=True),
            Example(
                "Un contingent de 650 hommes, qui étaient déployés au nord de Kaboul, a quitté le pays.", absent=True
            ),
            Example("Les 400 soldats déployés à Gao ont été rapatriés mardi.", absent=True),
            Example("Trente unités, soit 3 000 gendarmes, seront mobilisées samedi.", {"count": 3000, "actor": None}),
            Example("Dont 600 militaires arrivés en renfort l'an dernier.", {"count": 600}),
            Example("Deux cents gendarmes sont venus en renfort à Nouméa.", {"count": 200}),
            Example("Trois mille soldats américains sont arrivés en Pologne samedi.", {"count": 3000}),
            Example("Quelque 1 500 soldats sont attendus d'ici le 20 mars à Niamey.", {"count": 1500}),
            Example("Trois cents soldats sont arrivés en retard au défilé.", absent=True),
            Example("Un contingent de 300 soldats tchadiens est attendu à Gao.", {"count": 300}),
            Example("L'armée a réduit son dispositif (4 000 hommes) dans la région.", {"count": 4000}),
            Example("La mission de 40 experts arrivera lundi.", absent=True),
            Example("La force Barkhane va passer de 4 500 à 5 100 hommes d'ici mars.", {"count": 5100}),
            Example("La force Barkhane va passer de 4 500 à 5 100 hommes d'ici mars.", {"count": 4500}),
            Example("Le club va passer de 400 à 500 hommes inscrits.", absent=True),
            Example("Les effectifs de la mission seront portés à 12 000 soldats en juin.", {"count": 12000}),
            Example("Le Japon a déployé dimanche 120 des 700 Casques bleus du bataillon à Juba.", {"count": 120}),
            Example("Le Japon a déployé dimanche 120 des 700 Casques bleus du bataillon à Juba.", {"count": 700}),
            Example("Le déploiement de 5 000 panneaux solaires est prévu.", absent=True),
            Example(
                "La décision intervient après l'attaque, au cours de laquelle cinq soldats ont été tués.",
                absent=True,
            ),
            Example(
                "Le gouvernement a annoncé l'envoi de deux escadrons de gendarmes, soit environ 150 militaires.",
                {"count": 150},
            ),
            Example("Quelque 2 000 soldats tchadiens sont attendus à Bamako d'ici lundi.", {"count": 2000}),
            Example("En septembre, il y avait 8 600 militaires américains en Afghanistan.", {"count": 8600}),
            Example(
                "Le Sénégal compte déjà quelque 1 300 militaires au sein de la mission.",
                {"count": 1300},
                fails={"spacy": "spaCy reads 'compte' as a noun complement of 'Sénégal'"},
            ),
            Example("Quelque 280 militaires belges rejoindront en septembre le contingent.", {"count": 280}),
            Example("Trois soldats ont rejoint les rebelles.", absent=True),
            Example("Il y a encore 300 soldats français au Mali.", {"count": 300}),
            Example("Il y a 300 soldats dans ce régiment depuis sa création.", absent=True),
            Example("Il y a 8 500 CRS en France.", absent=True),
            Example("Ils ont approuvé le déploiement d'une force de 300 soldats et de 150 policiers.", {"count": 150}),
            Example("Plus de 80 000 spectateurs sont attendus au Stade de France.", absent=True),
            Example("Près de 400 policiers seront réquisitionnés pour le sommet.", {"count": 400}),
            Example("La Maison Blanche a annoncé le déploiement de 2 000 gardes nationaux.", {"count": 2000}),
            Example("Un dispositif comprenant plus de 60 policiers bloque l'accès au bâtiment.", {"count": 60}),
        ),
    ),
    Rule(
        name="troops-body-strength",
        doc="People counted as the strength of a deployed body ('la mission doit compter au total 2 500 personnes').",
        trigger=Trigger(L + "members", frozenset({"NOUN"})),
        count=(".",),
        requires=("body_strength",),
        examples=(
            Example(
                "Cette mission doit compter au total 2 500 personnes.",
                {"count": 2500},
                fails={"stanza": "the mini models hang the people on 'au total'"},
            ),
            Example("Cette mission doit compter 2 500 personnes.", {"count": 2500}),
            Example("Le contingent comprend 400 membres des forces spéciales.", {"count": 400}),
            Example("La délégation compte 40 personnes.", absent=True),
        ),
    ),
    Rule(
        name="troops-tally",
        doc="A tally of a force and the figure it is given ('porter à 600 le nombre "
        "de soldats', 'le nombre de Casques bleus atteindra 9 000').",
        trigger=Trigger("triggers:tally_nouns", frozenset({"NOUN"})),
        requires=("force_tally",),
        examples=(
            Example(
                "Le président a décidé de porter à 600 le nombre de soldats envoyés au Mali.",
                {"count": 600, "actor": "Le président"},
            ),
            Example("Le nombre de Casques bleus au Liban atteindra 9 000 en mars.", {"count": 9000}),
            Example("Le Kenya a envoyé 200 policiers, portant leur nombre à 600.", {"count": 600, "actor": "Le Kenya"}),
            Example(
                "Le Tchad a envoyé 300 soldats supplémentaires au Niger, portant le nombre à 1 500.",
                {"count": 1500, "actor": "Le Tchad"},
            ),
            Example("Deux soldats ont été blessés samedi, portant leur nombre à 40.", absent=True),
            # a figure someone claims or promised, no tally the text carries to it
            Example(
                "Le Kenya a envoyé 400 policiers en Haïti, le nombre initialement promis étant de 1 000.", absent=True
            ),
            Example(
                "Ce contingent porte le nombre total de policiers en Haïti à 789.",
                {"count": 789, "destination": "Haïti"},
            ),
            Example("Le ministre veut porter à 600 le nombre de lits d'hôpital.", absent=True),
        ),
    ),
    Rule(
        name="troops-elliptic",
        doc="A bare count set beside a deployment just stated "
        "('500 hommes ont été mobilisés dans la nuit, 1 000 samedi et 1 500 autres dimanche').",
        trigger=Trigger("triggers:elliptic_links", LINK_UPOS),
        requires=("before_count",),
        follows=True,
        examples=(
            Example("Cinq cents gendarmes ont été déployés vendredi, 800 samedi.", {"count": 800}),
            # a figure foreseen is no side figure
            Example("Cinq cents gendarmes ont été déployés à Mayotte, on en comptera 1 000 en juin.", absent=True),
        ),
    ),
]


def _moves_to(w: Word) -> bool:
    """A verb of moving with where to ("ont quitté Nairobi pour Port-au-Prince", "se dirigent vers"),
    or as reinforcements ("600 militaires arrivés en renfort"); a verb of arriving at a named place."""
    preps, events = lexicon_set(L + "movement_prepositions"), lexicon_set(L + "event_nouns")
    if (
        w.upos == "VERB"
        and w.lemma.lower() in lexicon_set(L + "joining_verbs")
        and any(c.rel == "obj" and _deployed_body(c) for c in w.children)
    ):
        return True  # "280 militaires belges rejoindront le contingent"
    if w.upos == "VERB" and w.lemma.lower() in lexicon_set(L + "arrival_verbs") and _named_place(clause_words(w)[1:]):
        return True  # "3 000 soldats sont arrivés en Pologne"
    return (
        w.upos == "VERB"
        and w.lemma.lower() in lexicon_set(L + "movement_verbs")
        and any(
            c.rel in ("obl", "nmod")
            and (
                any(g.rel == "case" and g.lemma.lower() in preps for g in c.children)
                or c.lemma.lower() in events
                and any(g.rel == "case" and g.lemma.lower() == "en" for g in c.children)
            )
            for c in w.children
        )
    )


def _named_place(words: Iterable[Word]) -> bool:
    """One of `words` is a name after a preposition of destination ("en Pologne", "en Afghanistan")."""
    into = lexicon_set(L + "destination_prepositions")
    return any(
        c.rel in ("obl", "nmod")
        and c.upos == "PROPN"
        and any(g.rel == "case" and g.lemma.lower() in into for g in c.children)
        for c in words
    )


def _deployed_body(w: Word) -> bool:
    """A body or an alliance that forces are deployed in ("la mission", "le contingent", "l'OTAN")."""
    return w.lemma.lower() in lexicon_set(L + "bodies") | lexicon_set(L + "organizations")


def _holds(w: Word, noun: Word) -> bool:
    """A strength verb whose subject is a deployed body or a mission ("la mission comptera 9 000
    soldats", "la Minusca dispose de 8 000 soldats"), or any
    subject for a force deployed by what it is ("la Chine compte 2 600 Casques bleus")."""
    # spaCy reads "compte" as a noun with a subject: the lexicon lists that form too
    if not (w.upos == "VERB" or w.upos == "NOUN" and follow(w, "nsubj")) or w.lemma.lower() not in lexicon_set(
        L + "strength_verbs"
    ):
        return False
    # "un dispositif comprenant 60 policiers": the participle's noun is its subject
    subject = follow_first(w, ("nsubj", "<xcomp/nsubj")) or (w.parent if w.rel == "acl" else None)  # "doit compter"
    if subject is not None and subject.lemma.lower() in lexicon_set("triggers:relative_pronouns"):
        subject = follow_first(w, ("agent",))  # "la coalition, qui compte 40 000 soldats": the noun "qui" stands for
    if any(
        _deployed_body(x)
        for c in list(w.children) + list(noun.children)
        if c.rel.startswith(("obl", "nmod"))
        for x in (c, *c.children)
    ):
        return True  # "le Sénégal compte 1 300 militaires au sein de la mission"
    return bool(forms(noun) & lexicon_set(L + "strong_nouns")) or subject is not None and _deployed_body(subject)


def _changes(w: Word, noun: Word) -> bool:
    """A verb that changes the strength of a body or force ("la force Barkhane va passer de 4 500 à
    5 100 hommes", "porter le contingent à 600 soldats")."""
    if w.upos != "VERB" or not forms(w) & lexicon_set(L + "change_verbs"):
        return False
    who = follow(w, "nsubj*") + follow(w, "<xcomp/nsubj*") + follow(w, "obj")  # "va passer": the subject of "va"
    return any(
        x.lemma.lower() in lexicon_set(L + "bodies") or forms(x) & lexicon_set(L + "nouns")
        for x in who
        if x is not noun
    )


def _event_of(noun: Word) -> Optional[Word]:
    """An event noun whose "de" complement is the force: "le déploiement de 500 militaires"."""
    events = lexicon_set(L + "event_nouns")
    for w in list(noun.ancestors())[:2]:
        if w.upos == "NOUN" and w.lemma.lower() in events:
            return w
    words = noun.sentence.words
    for w in reversed(words[max(0, noun.id - 12) : noun.id - 1]):  # the parse hung the force elsewhere
        if w.upos == "NOUN" and w.lemma.lower() in events:
            found = follow(w, "of")  # the force, or the collective before it ("d'une centaine de")
            if not found:  # "le déploiement au Tchad d'une force": a place between, then the force's "de"
                return w if _place_then_of(words[w.id : noun.id - 1]) else None
            between = words[found[0].id : noun.id - 1]
            ok = found[0] is noun or found[0].id < noun.id and all(x.upos in ("ADP", "DET", "NUM") for x in between)
            return w if ok else None
    return None


def _place_then_of(words: list[Word]) -> bool:
    """`words` are a named place after a preposition of destination, then "de" and at most an article
    or a number: "au Tchad d'une", "à São Tomé-et-Principe de"."""
    core = [x for x in words if x.upos not in ("DET", "NUM")]
    return (
        len(core) >= 3
        and core[0].lemma.lower() in lexicon_set(L + "destination_prepositions")
        and lemma_key(core[-1]) == "de"
        and all(x.upos == "PROPN" for x in core[1:-1])
    )


def deploy_verb(noun: Word) -> Optional[Word]:
    """The deployment verb that governs the force noun, that hangs on it as a participle ("7 000
    hommes déployés"), or that the noun's clause head governs ("vont déployer ... soit 1 000 soldats");
    else a verb of moving with where to, a strength verb of a deployed body, an event noun whose "de"
    complement is the force ("le déploiement de 500 militaires", "un renfort de 220 soldats"), or the
    body the force makes up ("un contingent de 300 soldats")."""
    verbs = lexicon_set(L + "verbs")

    def deploys(w: Word) -> bool:
        if w.lemma.lower() in lexicon_set(L + "subject_verbs") and not (noun.parent is w and noun.rel == "nsubj"):
            return False  # "50 gendarmes sont intervenus"; not "ce renfort intervient trois semaines après ..."
        return (
            w.upos in ("VERB", "ADJ")
            and w.lemma.lower() in verbs
            or _moves_to(w)
            or _holds(w, noun)
            or _changes(w, noun)
        )

    for c in noun.children:
        if c.rel in ("acl", "amod") and deploys(c):
            return c
    nxt = next((w for w in noun.sentence.words[noun.id :] if w.upos != "ADV"), None)
    if nxt is not None and nxt.feat("VerbForm") == "Part" and deploys(nxt):
        return nxt  # a parse that hung the participle elsewhere
    for depth, w in enumerate(noun.ancestors()):
        if depth >= DEPTH:
            break
        if deploys(w):
            return w
        xcomp = [c for c in w.children if c.rel == "xcomp" and deploys(c)]
        if xcomp:
            return xcomp[0]
    body = _body_of(noun)  # "le déploiement au Tchad d'une force de 500 soldats": the body's deployment
    return (
        _event_of(noun)
        or (body is not None and _event_of(body))
        or body
        or _restated_deployment(noun)
        or _with_deployed(noun)
        or _present_at(noun)
    )


def _present_at(noun: Word) -> Optional[Word]:
    """'il y avait 8 600 militaires américains en Afghanistan': a force of a country there is, at a named
    place ("Il y a 8 500 CRS en France" is a corps' strength at home, no deployment)."""
    endings = tuple(lexicon_set("triggers:demonym_endings"))
    if not any(
        c.rel == "amod" and (c.text.lower().endswith(endings) or c.text.lower()[:-1].endswith(endings))
        for c in noun.children
    ):
        return None
    verb = noun.parent
    if (
        verb is None
        or noun.rel != "obj"
        or verb.lemma.lower() != "avoir"
        or not any(c.text.lower() == "y" for c in verb.children)
    ):
        return None
    return verb if _named_place(list(noun.children) + list(verb.children)) else None


def _with_deployed(noun: Word) -> Optional[Word]:
    """A force coordinated with a deployed one goes with it: "une force de 300 soldats et de 150 policiers"."""
    parent = noun.parent
    if noun.rel != "conj" or parent is None or parent.id > noun.id or not forms(parent) & lexicon_set(L + "nouns"):
        return None
    return deploy_verb(parent)


def _restated_deployment(noun: Word) -> Optional[Word]:
    """'l'envoi de deux escadrons de gendarmes, soit environ 150 militaires': a force that restates
    units in people is deployed as the units are."""
    s = noun.sentence
    marks = lexicon_set("triggers:restating_marks")
    # back over the count ("environ 150"): "soit" may be tagged an adverb too
    before = [
        w for w in s.words[: noun.id - 1] if w.upos not in ("NUM", "ADV", "DET", "ADJ") or w.text.lower() in marks
    ]
    if len(before) < 3 or before[-1].text.lower() not in marks:
        return None
    if before[-2].text != ",":
        return None
    words = before[:-2]
    if words and words[-1].text == ")":  # "(CRS)": the units before their name in brackets
        opening = next((k for k in range(len(words) - 1, -1, -1) if words[k].text == "("), 0)
        words = words[:opening]
    unit = next((w for w in reversed(words) if w.upos in ("NOUN", "PROPN")), None)
    # "quatre compagnies de sécurité (CRS), soit ...": the units, not what they are made of or called
    while unit is not None and unit.rel in ("nmod", "appos") and unit.parent is not None and unit.parent.upos == "NOUN":
        if unit.parent.lemma.lower() in lexicon_set(L + "event_nouns"):
            return unit.parent  # "l'envoi de deux escadrons de gendarmes"
        unit = unit.parent  # "escadrons de gendarmes": the units, not what they are made of
    return deploy_verb(unit) if unit is not None and unit is not noun else None


def _body_of(noun: Word) -> Optional[Word]:
    """A deployed body whose strength the force gives: "un contingent de 300 soldats", "son dispositif
    (10 000 hommes)"."""
    parent = noun.parent
    if (
        parent is not None
        and noun.rel in ("nmod", "appos")
        and parent.upos == "NOUN"
        and parent.lemma.lower() in lexicon_set(L + "bodies")
        and parent.id < noun.id
    ):
        return parent
    return None


def _withdrawn(noun: Word) -> bool:
    """The force's clause says it leaves ("un contingent de 650 hommes, qui étaient déployés au nord,
    a quitté le pays"), not where it goes."""
    head = clause_head(noun)
    if head is None or _moves_to(head):
        return False
    lemma = head.lemma.lower()
    if lemma in lexicon_set(L + "leaving_verbs"):  # "a quitté le pays"; not "a quitté Nairobi et atterri en Haïti"
        return any(c.rel == "obj" and c.lemma.lower() in lexicon_set(L + "place_nouns") for c in head.children)
    return lemma in lexicon_set(L + "withdrawal_verbs")


def _restated(noun: Word, ctx: Context) -> bool:
    """'37 forces mobiles, soit 3 000 agents': the units are restated as people, who are the fact."""
    after = noun.sentence.words[noun.id : noun.id + 4]
    i = next((k for k, x in enumerate(after) if x.upos not in ("ADJ",)), None)
    if i is None or after[i].text != "," or i + 1 >= len(after):
        return False
    soit = after[i + 1]
    return soit.text.lower() in lexicon_set("triggers:restating_marks") and any(
        q.start >= soit.end for q in ctx.counts_in(noun.sentence)[0]
    )


def _befallen(noun: Word) -> bool:
    """What happens to the force is another fact: "cinq soldats ont été tués", "trois policiers blessés"."""
    from service.rules.registry import claimed_words  # the registry imports this module

    other = claimed_words(but="troops")
    near = [h for h in (noun.parent,) if h is not None and noun.rel.startswith("nsubj")]
    near += [c for c in noun.children if c.rel in ("acl", "amod")]
    # on the surface too: "trois Casques bleus ivoiriens avaient péri", whatever the parse made of it
    near += [x for x in noun.sentence.words[noun.id : noun.id + 5] if x.upos not in ("ADJ", "AUX", "ADV")][:1]
    return any(forms(x) & other for x in near if x.upos in ("VERB", "ADJ"))


CONDITIONS: dict[str, Condition] = {
    "deployed": lambda w, ctx: (
        deploy_verb(w) is not None
        and ctx.quantity_before(w) is not None
        and not _withdrawn(w)
        and not _restated(w, ctx)
        and not _befallen(w)
    ),
    "force_tally": lambda w, ctx: _force_tally(w, ctx),
    "body_strength": lambda w, ctx: (
        ctx.quantity_before(w) is not None and w.parent is not None and w.rel == "obj" and _holds(w.parent, w)
    ),
    "before_count": links_a_count,
}


def _force_tally(w: Word, ctx: Context) -> bool:
    """ "porter à 600 le nombre de soldats", "le nombre de Casques bleus atteindra 9 000"."""
    force, q = tally(w, ctx)
    # "deux soldats ont été blessés, portant leur nombre à 40": a tally of casualties
    return q is not None and bool(forms(force) & lexicon_set(L + "nouns")) and not _befallen(force)


def _actor(verb: Word, ctx: Context, force: Optional[Word] = None) -> Optional[str]:
    """Who sends the force: the one who decides or announces the deployment noun, else the deployment
    verb's agent or subject (or the subject of the clause above it), else who announces it; never the
    force itself, the body it makes up or a counted restatement of it. Without one, the country the
    force's nationality names or the army it belongs to (_sender_of)."""
    if verb.upos == "NOUN":  # an event noun: who decides or announces it ("la ministre a annoncé le déploiement")
        is_event = verb.lemma.lower() in lexicon_set(L + "event_nouns")  # not a body ("son dispositif")
        governor = verb.parent
        if governor is not None and ctx.in_date(governor):
            governor = governor.parent  # "a annoncé dimanche la mobilisation de ...", the noun hung on the day
        # "la ministre a annoncé le déploiement de ..."
        who = (
            follow_first(governor, ("agent",))
            if governor is not None and verb.rel in ("obj", "nmod") and is_event
            else None
        )
        if who is not None and who.upos != "PRON":
            return ctx.text[slice(*phrase(who))]
        return _sender_of(force, ctx) if force is not None else None
    who = follow_first(verb, ("agent",))
    if who is not None:
        who = antecedent_of_relative(who)  # "le Canada, qui expédiera 1 000 hommes"
    participle_of_force = (
        verb.feat("VerbForm") == "Part"
        and verb.feat("Tense") == "Past"
        and not any(c.rel == "aux" for c in verb.children)
        # "le préfet a ordonné ... et dépêché 200 gendarmes": the auxiliary of the first verb serves both
        and not (verb.rel == "conj" and verb.parent is not None and any(c.rel == "aux" for c in verb.parent.children))
    )
    if (
        # a pronoun repeating the subject of the verb above: "la Belgique doit elle dépêcher ..." (not a
        # new subject of a coordinated clause: "... à la France, et elle enverra 500 soldats")
        (who is None or who.upos == "PRON" and verb.rel == "xcomp")
        and verb.rel in ("advcl", "acl", "xcomp", "conj")
        and not participle_of_force
    ):
        # "Moscou a lancé une opération, ..., envoyant ...": the subject of the clause above; not for
        # "les 7 000 hommes déjà déployés", which says nothing of who sent them, but a relative's noun ("le
        # Canada, qui devrait expédier ...")
        for w in verb.ancestors():
            if w.upos != "VERB":
                continue
            # a pronominal verb the parse read as a passive ("la Grande-Bretagne s'est engagée à envoyer")
            subject = follow_first(w, ("nsubj", "nsubj*") if any(c.rel == "expl" for c in w.children) else ("nsubj",))
            if subject is not None:
                who = antecedent_of_relative(subject)
                break
    if who is None:
        # "... seront déployés, a annoncé la présidence": the announcer sends them
        who = follow_first(verb, ("reporter",))
    if (
        who is None
        # a verb: a parse that took a clause for the subject; an adverb: "par ailleurs" read as an agent
        or who.upos in ("PRON", "VERB", "AUX", "ADV")
        or who.lemma.lower() in lexicon_set(L + "bodies")
        or forms(who) & lexicon_set(L + "nouns")
        or ctx.quantity_before(who) is not None  # "37 unités, soit 3 000 gendarmes": counted units
    ):
        # the force itself ("300 policiers ont quitté ..."), or the body it makes up: its nationality may
        # name its sender ("5 100 soldats français": France)
        return _sender_of(force, ctx) if force is not None else None
    start, end = phrase(who)
    if force is not None and start <= force.start < end:
        return _sender_of(force, ctx)
    return ctx.text[start:end]


def _sender_of(force: Word, ctx: Context) -> Optional[str]:
    """Who the force itself says sent it: the country of its nationality ("5 100 soldats français"), else
    the army or police it is "of" ("4 200 militaires de l'armée suisse")."""
    nation = _nation_of(force)
    if nation is not None:
        return nation
    armies = lexicon_set(L + "armies")
    for c in force.children:
        # with its article: "de l'armée suisse"; not a compound ("agents de police")
        if (
            c.rel == "nmod"
            and c.lemma.lower() in armies
            and any(lemma_key(g) == "de" for g in c.children)
            and any(g.rel == "det" for g in c.children)
        ):
            end = phrase(c)[1]
            case_end = max(g.end for g in c.children if g.rel == "case")
            return ctx.text[case_end:end].strip()
    return None


def _nation_of(force: Word) -> Optional[str]:
    """The country a force's nationality adjective names ("soldats français", "policiers kényans",
    "Casques bleus sénégalais"): read in its masculine singular form (matcher.forms)."""
    nations = load("triggers")["troops"]["sender_nations"]
    for w in force.sentence.words[force.id : force.id + 3]:
        if w.upos not in ("ADJ", "NOUN", "PROPN") or w.parent is not force and w.rel != "amod":
            continue
        if any(c.rel == "conj" for c in w.children):
            return None  # "Casques bleus rwandais et pakistanais": more than one country, none the sender
        country = next((nations[f] for f in sorted(forms(w)) if f in nations), None)  # "kényans" -> "kényan"
        if country is not None:
            return country
    return None


def _organizations(sentences: Iterable[Sentence]) -> list[str]:
    """The known alliances or bodies the sentences name in one word ("OTAN", "Minusca"), in text order."""
    known = lexicon_set(L + "organizations")
    return [form for s in sentences for form in s.forms if form.lower() in known]


@cache
def _long_names() -> Optional[re.Pattern]:
    """The known bodies named in several words ("Nations unies", "Union africaine")."""
    names = sorted((n for n in lexicon_set(L + "organizations") if " " in n), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE) if names else None


def _article_organizations(doc: Document) -> set[str]:
    return set(_organizations(doc.sentences))


def _organization(verb: Word, ctx: Context) -> Optional[str]:
    """A known alliance or body named in the sentence ("(OTSC)", "des Nations unies"), else the only one
    the article names."""
    named = _organizations([verb.sentence])
    if named:
        return named[0]  # an acronym first: "la Mission des Nations unies en Centrafrique (Minusca)"
    long_names = _long_names()
    long_name = long_names.search(verb.sentence.text) if long_names is not None else None
    if long_name is not None:
        return long_name.group()  # "une opération de maintien de la paix des Nations unies"
    in_article = ctx.once(_article_organizations, ctx.doc)  # the same for every fact of the article
    return next(iter(in_article)) if len(in_article) == 1 else None


def _body_names(doc: Document) -> set[str]:
    """Names the article gives a body ("l'opération Sentinelle", "la force Serval"), which the NER may
    tag as places: "des renforts affectés à Sentinelle" go to no place."""
    bodies = lexicon_set(L + "bodies")
    return {
        w.text
        for s in doc.sentences
        for prev, w in zip(s.words, s.words[1:])
        if w.upos == "PROPN" and prev.lemma.lower() in bodies
    }


def _destination(verb: Word, force: Word, ctx: Context) -> Optional[str]:
    """Where the force goes: a place after "à/en/dans/vers/devant ..." that hangs on the deployment (its
    verb or event noun: "le déploiement au Mali de 500 soldats"; a noun's verb when it comes after the
    noun: "a annoncé l'envoi de 150 policiers dans la Drôme") or on the force ("1 000
    soldats en Pologne"), nearest the force; a name, else a place noun's phrase ("devant le palais
    présidentiel de Niamey"); "le pays" reads as the place the article is about."""
    preps = lexicon_set(L + "destination_prepositions")
    scope = clause_words(verb) + clause_words(force)
    if verb.upos == "NOUN" and verb.parent is not None:
        scope += [w for c in verb.parent.children if c.rel == "obl" and c.start > verb.start for w in clause_words(c)]
    # a body the verb tells the strength of, with where it is deployed ("la force Barkhane, engagée au
    # Sahel, va passer de 4 500 à 5 100 hommes")
    holder = verb.parent if verb.rel == "xcomp" and verb.parent is not None else verb
    for body in follow(holder, "subject"):
        if forms(body) & lexicon_set(L + "bodies"):
            # its participle, or one a parse hung on the verb that is set off after it
            apposed = [c for c in holder.children if c.rel == "advcl" and body in follow(c, "apposed")]
            scope += clause_words(body) + [w for c in apposed for w in clause_words(c)]
    places = lexicon_set("triggers:place_nouns")
    # a place after another figure is that figure's ("900 hommes, 600 en Lettonie et 300 en Lituanie")
    counts = [q.start for q in ctx.counts_in(force.sentence)[0] if q.start >= force.end]
    found = []
    for w in scope:
        if (
            ctx.in_date(w)
            or not any(c.rel == "case" and c.lemma.lower() in preps for c in w.children)
            or any(start < w.start for start in counts)
        ):
            continue
        loc = ctx.entity_at(w.start, "LOC") or _named_area(w, ctx)
        if loc is not None:
            if loc.text not in ctx.once(_body_names, ctx.doc):
                found.append((w, ctx.place_name(loc), True))
        elif w.lemma.lower() in lexicon_set(L + "place_nouns"):
            found.append((w, ctx.main_place, True))
        elif w.lemma.lower() in places and any(c.rel not in ("case", "punct") for c in w.children):
            # (a place noun with nothing of its own is an idiom: "sur place", "en place")
            found.append((w, ctx.place_phrase(w), False))
    found = [f for f in found if f[1]]
    named = [f for f in found if f[2]] or found  # a name first ("devant le palais, à Niamey": Niamey)
    return min(named, key=lambda f: abs(f[0].start - force.start))[1] if named else None


def _named_area(w: Word, ctx: Context) -> Optional[EntitySpan]:
    """The name an area word gives itself: "la province de Kidal", "la zone Bruxelles-Midi", "les
    départements de l'Atacora et de l'Alibori" (the first), not the place the article speaks of most; a
    building or a street keeps its phrase ("devant la mairie de Rangoun")."""
    areas = lexicon_set(L + "place_nouns") | lexicon_set("triggers:place_heads")
    if not forms(w) & areas or forms(w) & lexicon_set("triggers:place_nouns"):
        return None
    # its name in apposition ("la zone Bruxelles-Midi"), or after "de" ("la zone frontalière avec Israël"
    # is no zone of Israel)
    own = [
        c
        for c in w.children
        if c.rel in ("appos", "flat", "nmod") and all(lemma_key(g) == "de" for g in c.children if g.rel == "case")
    ]
    names = (ctx.entity_at(c.start, "LOC") for c in own)
    return next((e for e in names if e is not None), None)


def _same_force(a: dict, b: dict) -> bool:
    """The same figure is one deployment, unless the two name different senders or destinations
    ("un millier de soldats américains ... le Canada, qui devrait expédier 1 000 hommes")."""
    if a["count"] is None or b["count"] is None or a["count"].value != b["count"].value:
        return False
    return not any(a.get(k) and b.get(k) and a[k].lower() != b[k].lower() for k in ("actor", "destination"))


def _build_elliptic(rule: Rule, trigger: Word, ctx: Context):
    return elliptic_counts(
        rule,
        trigger.sentence.word(trigger.id + 1),
        ctx,
        inherit=("actor", "organization", "destination", "source", "modality"),
    )


def _troops(rule: Rule, verb: Word, force: Word, q, ctx: Context, span: tuple[int, int]) -> dict:
    """A troops fact: `q` of the `force` that `verb` deploys, its evidence `span` (widened to hold the
    count and the force: "soit environ 300 hommes")."""
    if q is not None and q.start is not None:
        span = (min(span[0], q.start), max(span[1], q.end, force.end))
    fact = common_fields(rule, verb, ctx, span)
    fact.update(
        type="troops",
        count=q,
        actor=_actor(verb, ctx, force),
        organization=_organization(verb, ctx),
        destination=_destination(verb, force, ctx),
    )
    return fact


def _build_tally(rule: Rule, trigger: Word, ctx: Context):
    force, q = tally(trigger, ctx)
    verb = clause_head(trigger) or trigger
    return _troops(rule, verb, force, q, ctx, (min(q.start, trigger.start), max(q.end, force.end)))


def _build(rule: Rule, trigger: Word, ctx: Context):
    verb = deploy_verb(trigger)
    q = ctx.quantity_before(trigger)
    fact = _troops(rule, verb, trigger, q, ctx, clause_span(verb))
    # two figures: a strength changed "de 4 500 à 5 100", a part "120 des 700 Casques bleus"
    if verb.upos == "VERB" and forms(verb) & lexicon_set(L + "change_verbs") and q.min != q.max:
        ends = ctx.range_ends(q)
        if ends is not None:
            return [{**fact, "count": end} for end in ends]
    part = ctx.partitive_before(q)
    if part is not None:
        return [
            {**fact, "count": part},
            {**fact, "count": q, "date": None, "evidence": ctx.span(part.start, trigger.end)},
        ]
    return fact


FACT_TYPE = FactType(
    name="troops",
    model=TroopsFact,
    rules=tuple(RULES),
    conditions=CONDITIONS,
    build=_build,
    builders={"troops-elliptic": _build_elliptic, "troops-tally": _build_tally},
    slots=("actor", "organization", "destination", "date"),
    same_event=_same_force,
    gives_way=True,
    shared_slots=("actor", "destination"),
    event_dated=False,
)
