"""Arrests: who was arrested, how many, by whom, on what charge."""

from __future__ import annotations

from typing import Optional

from schemas.facts import ArrestFact
from service.document import Word
from service.rules.context import Context
from service.rules.engine import (
    SUBCOUNT_TRIGGER,
    FactType,
    among_group,
    apposed_names,
    common_fields,
    find_count,
    group_facts,
    is_person,
    list_before,
    mark_after,
    names_of,
    reflexive,
    subcounts,
    surnames,
)
from service.rules.matcher import (
    Example,
    Rule,
    Trigger,
    clause_span,
    follow,
    follow_first,
    forms,
    is_passive,
    lemma_key,
    lexicon_set,
    participle_number,
    phrase,
)
from service.rules.text import norm_text

L = "triggers:arrest."
VERB = frozenset({"VERB", "ADJ"})
CHARGE = (
    "obl*[pour]",
    "advcl[pour]",
    "patient/nmod*[pour]",
    "obl*/nmod*[pour]",
    "obl*/nmod*/nmod*[pour]",  # "dans le cadre d'une enquête pour blanchiment"
    "xcomp/obl*[de]",
    # the next judicial step's charge: "déférés au parquet, puis mis en examen pour trafic de stupéfiants"
    "conj{triggers:arrest.custody_verbs}/obl*[pour]",
    "conj{triggers:arrest.verbs}/obl*[pour]",
)

RULES = [
    Rule(
        name="arrest-passive",
        doc="Passive arrest verb: the arrested are its subject "
        "('Karim Massimov a été arrêté', '300 personnes ont été interpellées par la police').",
        trigger=Trigger(L + "verbs", VERB),
        requires=("passive",),
        count=("patient", "<acl", "<amod", "agreeing", "apposed"),
        slots={"agent": ("agent",), "charge": CHARGE},
        examples=(
            Example(
                "L'ancien ministre Paul Martin a été arrêté jeudi pour corruption.",
                {"persons": ["Paul Martin"], "charge": "corruption"},
            ),
            Example("Trois cents personnes ont été interpellées par la police.", {"count": 300, "agent": "la police"}),
            # the next judicial step's charge; not another clause's, with its own subject
            Example(
                "Deux hommes ont été interpellés samedi, et le chauffeur a été écroué pour conduite en état d'ivresse.",
                {"count": 2, "charge": None},
            ),
            Example(
                "Deux hommes ont été interpellés samedi puis inculpés pour vol en bande organisée.",
                {"count": 2, "charge": "vol en bande organisée"},
            ),
            Example(
                "Six suspects ont été déférés au parquet, puis mis en examen pour trafic de stupéfiants.",
                {"count": 6, "charge": "trafic de stupéfiants"},
            ),
            Example(
                "Quatre passeurs soupçonnés d'avoir organisé la traversée ont été arrêtés.",
                {"count": 4, "charge": "avoir organisé la traversée"},
            ),
            Example(
                "Trois hommes ont été arrêtés dans le cadre d'une enquête pour blanchiment d'argent.",
                {"count": 3, "charge": "blanchiment d'argent"},
            ),
            Example("Personne n'a été arrêté.", absent=True),
            Example("La cellule dont les membres ont été arrêtés était surveillée.", absent=True),
            Example("Sur 800 suspects, 312 ont été interpellés.", {"count": 312}),
            Example("Parmi eux, 408 ont été arrêtés dans la nuit.", {"count": 408}),
            Example("Une marche a réuni environ 400 personnes, dont 156 ont été interpellées.", {"count": 156}),
            Example("Sur 800 machines, 312 ont été arrêtées.", absent=True),
            Example("L'opposant a été arrêté samedi avec ses deux avocats.", {"count": 2}),
            Example("Au total, 71 orpailleurs ont été interpellés dans la forêt.", {"count": 71}),
            Example("Un étudiant a été interpellé avec trois camarades.", {"count": 3}),
            Example("Deux journalistes sont détenus depuis mardi par les services de sécurité.", {"count": 2}),
            Example("Le fonds détient trois hôtels à Paris.", absent=True),
            Example(
                "Marie Dupont dirige la ville depuis 2010. Elle a été arrêtée mardi pour corruption.",
                {"persons": ["Marie Dupont"], "charge": "corruption"},
            ),
            Example("Le cyclone a touché la côte. Il a été arrêté au large.", absent=True),
            Example(
                "Plus de cinquante personnes qui manifestaient devant le palais, symbole du régime, ont été arrêtées.",
                {"count": 50},
                fails={"stanza": "the mini models make the apposition 'symbole' the subject"},
            ),
            Example("Trente personnes venues de Lyon, sans papiers, ont été interpellées.", {"count": 30}),
            Example("Quatorze personnes, âgées de 19 à 52 ans, ont été interpellées au petit matin.", {"count": 14}),
            # set off after the arrested by commas, whatever the parse hangs it on
            Example(
                "Trois hommes, interpellés samedi à Lyon, ont été présentés à un juge.",
                {"count": 3, "location": "Lyon"},
            ),
            Example("Ivan Petrov lui-même a été arrêté devant le tribunal.", {"persons": ["Ivan Petrov"]}),
            Example("Le policier, Jason Miller, 36 ans, avait été inculpé de meurtre.", {"persons": ["Jason Miller"]}),
            Example(
                "Quatre personnes, parmi lesquelles un ancien militaire identifié comme Yves Martin, ont été "
                "interpellées lundi dans le Gard.",
                {"count": 4, "persons": ["Yves Martin"]},
            ),
            # a name the remark gives someone they are close to is not theirs
            Example(
                "Deux suspects, dont le neveu de l'ancien maire Pierre Colin, ont été arrêtés à Nice.",
                {"count": 2, "persons": None},
            ),
            Example(
                "Trois hommes ont été arrêtés mardi à Liège. Il s'agit de Karim Benali, 27 ans, et de Paul Roux.",
                {"count": 3, "persons": ["Karim Benali", "Paul Roux"]},
            ),
            Example(
                "Vingt personnes soupçonnées d'avoir animé un vaste réseau d'escroqueries ont été arrêtées.",
                {"count": 20},
            ),
            Example("Les machines de l'usine qui produit des pièces ont été arrêtées.", absent=True),
            Example("Plusieurs centaines de manifestants se sont arrêtés devant le siège.", absent=True),
        ),
    ),
    Rule(
        name="arrest-active",
        doc="Active arrest verb: the arrested are its object, its subject "
        "the agent ('Les autorités ont arrêté Karim Massimov pour trahison').",
        trigger=Trigger(L + "verbs", VERB),
        requires=("active",),
        count=("patient",),
        slots={"agent": ("agent",), "charge": CHARGE},
        examples=(
            # a negation the parse hangs on the auxiliary
            Example("La police n'a pas arrêté 200 personnes samedi.", {"count": 200, "modality": "negated"}),
            Example("La police a interpellé douze squatteurs dans la nuit.", {"count": 12}),
            Example(
                "La police a démantelé un réseau et interpellé ses onze membres.", {"count": 11, "agent": "La police"}
            ),
            Example("Les douaniers ont interpellé trois véhicules.", absent=True),
            Example(
                "Les autorités ont arrêté Jean Dupont pour trahison.",
                {"persons": ["Jean Dupont"], "agent": "Les autorités", "charge": "trahison"},
            ),
            Example("La police a interpellé 12 manifestants.", {"count": 12, "agent": "La police"}),
        ),
    ),
    Rule(
        name="arrest-seized",
        doc="'être pris', 'embarqués par la police': people seized, a passive verb with no complement of its idioms "
        "('pris en otage', 'pris dans une avalanche', 'pris à partie', 'pris de panique').",
        trigger=Trigger(L + "seizing_verbs", VERB),
        requires=("passive", "seized"),
        count=("patient",),
        slots={"agent": ("agent",), "charge": CHARGE},
        examples=(
            Example(
                "L'opposant Ivan Petrov a été pris lundi par les services de sécurité.",
                {"persons": ["Ivan Petrov"], "agent": "les services de sécurité"},
            ),
            Example("Le chef rebelle a été pris à l'aube par l'armée.", {"count": 1}),
            Example("Trois journalistes ont été pris en otage.", absent=True),
            Example("Deux randonneurs ont été pris dans une avalanche.", absent=True),
            Example("Le ministre a été pris à partie par des manifestants.", absent=True),
            Example("Les pompiers ont été pris de court par les flammes.", absent=True),
            Example("Une dizaine de manifestants ont été embarqués par la police.", {"count": 10}),
            Example("Trois cents passagers ont été embarqués à bord du ferry.", absent=True),
        ),
    ),
    Rule(
        name="arrest-custody",
        doc="'placé en garde à vue', 'mis en examen', 'placé en détention'.",
        trigger=Trigger(L + "custody_nouns", frozenset({"NOUN", "PROPN"})),  # "garde-à" "-vue" read as a name
        requires=("custody_phrase",),
        count=("../patient", "../<acl"),
        slots={"agent": ("../agent",), "charge": tuple("../" + p for p in CHARGE)},
        examples=(
            Example("Trois trafiquants ont été mis sous les verrous.", {"count": 3}),
            Example("Deux suspects ont été placés en garde à vue samedi.", {"count": 2}),
            # the place of the deed they are suspected of is not where they were arrested
            Example(
                "Le compagnon de la victime, soupçonné de l'avoir tuée à Hayange, a été mis en examen mercredi.",
                {"location": None},
            ),
            Example("Douze membres du gang placés en garde à vue.", {"count": 12}),
            Example("Marc Lenoir a été mis en examen pour meurtre.", {"persons": ["Marc Lenoir"], "charge": "meurtre"}),
        ),
    ),
    Rule(
        name="arrest-noun-count",
        doc="A count of arrests: 'une quinzaine d'arrestations', '40 interpellations'.",
        trigger=Trigger(L + "nouns", frozenset({"NOUN"})),
        count=(".",),
        requires=("counted",),
        # who carries them out: "la police a procédé à 14 arrestations", "les gendarmes ont effectué 30
        # interpellations"
        slots={
            "agent": (
                "<obl{triggers:arrest.carrying_verbs}/agent",
                "<obj{triggers:arrest.carrying_verbs}/agent",
            )
        },
        examples=(
            Example("Le défilé s'est terminé avec une vingtaine d'interpellations.", {"count": 20, "agent": None}),
            Example("La police a procédé samedi à 47 arrestations.", {"count": 47, "agent": "La police"}),
            Example("Les gendarmes ont effectué 30 interpellations.", {"count": 30, "agent": "Les gendarmes"}),
            Example("L'IGPN a mené une enquête sur les 47 arrestations de samedi.", {"count": 47, "agent": None}),
        ),
    ),
    Rule(
        name="arrest-subcount",
        doc="A named group inside an arrest total: '6 000 personnes, dont 52 officiers'.",
        trigger=SUBCOUNT_TRIGGER,
        follows=True,
        examples=(Example("La police a arrêté 300 personnes, dont 12 mineurs.", {"count": 12}),),
    ),
    Rule(
        name="arrest-among",
        doc="The people listed as among the arrested ('Parmi les personnes arrêtées "
        "figure l'opposant Ivan Petrov', 'Parmi les interpellés se trouvent deux journalistes').",
        trigger=Trigger("triggers:among_marks", frozenset({"ADP"})),
        requires=("among_arrested",),
        examples=(
            Example("Parmi les personnes interpellées figure l'opposant Ivan Petrov.", {"persons": ["Ivan Petrov"]}),
            Example("Parmi les personnes arrêtées se trouvent deux journalistes.", {"count": 2}),
            Example(
                "Parmi les manifestants arrêtés samedi figure le syndicaliste Paul Girard.",
                {"persons": ["Paul Girard"]},
            ),
            Example("Parmi les personnes présentes figure le maire Paul Girard.", absent=True),
        ),
    ),
    Rule(
        name="arrest-noun",
        doc="'l'arrestation de Karim Massimov', 'l'interpellation de 40 personnes'.",
        trigger=Trigger(L + "nouns", frozenset({"NOUN"})),
        count=("nmod*[de]", "of"),
        slots={"agent": ("nmod*[par]",), "charge": ("nmod*[pour]",)},
        examples=(
            Example("L'arrestation de Sophie Bernard a surpris ses voisins.", {"persons": ["Sophie Bernard"]}),
            Example("L'arrestation, mardi, de trois dirigeants syndicaux a surpris le pays.", {"count": 3}),
            Example("La préfecture a confirmé l'interpellation de 45 personnes.", {"count": 45}),
            Example("L'arrestation de ce mouvement est impossible.", absent=True),
        ),
    ),
]


def _arrested_group(mark: Word) -> Optional[Word]:
    """The group after "parmi" when it names arrested people: "les interpellés", "les personnes
    arrêtées (samedi)"."""
    group = among_group(mark)
    if group is None:
        return None
    verbs = lexicon_set(L + "verbs")
    near = (
        [group]
        + [c for c in group.children if c.rel in ("acl", "amod")]
        + group.sentence.words[group.id : group.id + 1]
    )  # parsers hang the participle anywhere
    return group if any(forms(w) & verbs for w in near if w.upos in ("VERB", "ADJ", "NOUN")) else None


def _seized(w: Word, ctx: Context) -> bool:
    """No complement after the verb with a preposition of its idioms, but a time ("à l'aube"); and
    who took them is a force ("par l'armée"), or they are named."""
    blocked, times = lexicon_set(L + "seizing_idiom_cases"), lexicon_set(L + "seizing_times")
    for c in w.children:
        if c.id < w.id or c.rel not in ("obl", "obj", "xcomp", "nmod", "advcl", "advmod"):
            continue
        cases = {g.lemma.lower() for g in c.children if g.rel in ("case", "mark")}
        if cases & blocked and c.lemma.lower() not in times:
            return False
    agent = follow_first(w, ("agent",))
    if agent is None:  # "pris à l'aube par l'armée", the "par" hung on the time (not "a déclaré par téléphone")
        agent = next(
            (
                x.parent
                for x in w.sentence.words[w.id :]
                if x.lemma.lower() == "par"
                and x.rel == "case"
                and x.parent is not None
                and w in list(x.parent.ancestors())[:2]
            ),
            None,
        )
    if agent is not None:
        return bool(forms(agent) & lexicon_set(L + "agent_nouns"))
    return any(names_of(p, ctx) for p in follow(w, "patient"))


CONDITIONS = {
    "among_arrested": lambda w, ctx: _arrested_group(w) is not None,
    "counted": lambda w, ctx: ctx.quantity_before(w) is not None,
    "passive": lambda w, ctx: (
        (is_passive(w) or w.rel in ("acl", "amod") or bool(follow(w, "apposed"))) and not reflexive(w)
    ),
    "seized": _seized,
    "active": lambda w, ctx: not is_passive(w) and bool(follow(w, "patient")),
    "custody_phrase": lambda w, ctx: (
        w.parent is not None
        and w.parent.lemma.lower() in lexicon_set(L + "custody_verbs")
        and w.rel in ("obl", "nmod", "obj", "xcomp")
    ),
}


def _apposed_names(nouns: list[Word], ctx: Context) -> list[str]:
    """The names set beside the arrested (engine.apposed_names), and those a side remark after them
    gives ("Quatre personnes, parmi lesquelles ...")."""
    names = apposed_names(nouns, ctx)
    for noun in nouns:
        nxt = noun.sentence.word(noun.id + 1)
        if nxt is not None and nxt.text == ",":
            names += _named_in_remark(noun, ctx)
    return list(dict.fromkeys(names))


def _named_in_remark(noun: Word, ctx: Context) -> list[str]:
    """The names of a side remark after the arrested, up to its closing comma ("Quatre personnes, parmi
    lesquelles un ancien militaire identifié comme Yves Martin, ont été interpellées")."""
    words = noun.sentence.words[noun.id + 1 :]  # after the comma
    opening = norm_text(" ".join(w.text for w in words[:2]))
    remarks = [norm_text(r) for r in lexicon_set(L + "naming_remarks")]
    if not any(opening == r or opening.startswith(r + " ") for r in remarks):
        return []
    end = next((w.start for w in words[1:] if w.text == ","), None)
    if end is None:
        return []
    # not the name of someone they are kin or close to: "dont le neveu de l'ancien maire Pierre Colin"
    return [
        ctx.full_name(e.text)
        for e in ctx.entities_in(words[0].start, end, "PER")
        if not any(
            w.upos == "ADP" and lemma_key(w) == "de" for w in noun.sentence.words_between(words[0].start, e.start)
        )
    ]


def _slot_text(word: Optional[Word], ctx: Context, until_date: bool = False) -> Optional[str]:
    """The phrase of `word`; `until_date`: without a day or a named place the parse hung on it (an
    agent's, not a charge's: "le coup d'État du 15 juillet")."""
    if word is None or word.upos in ("PRON", "PUNCT"):
        return None
    start, end = phrase(word)
    if until_date:
        end = ctx.before_place(word, ctx.before_date(word, end))
    if word.upos == "VERB":
        # a deed told by a verb, with all it governs and without its "de": "(soupçonnés) de projeter « des
        # attentats »" -> "projeter « des attentats »"
        # (up to a comma: what follows is a side remark, "à Lyon, en 2019", or a source, "selon ...")
        words = word.subtree()
        comma = next((w.start for w in words if w.text == "," and w.start > word.end), None)
        end = max(w.end for w in words if (comma is None or w.end <= comma) and (w.upos != "PUNCT" or w.text in "«»"))
        start = max([start] + [c.end for c in word.children if c.rel == "mark" and c.id < word.id])
    return ctx.text[start:end].strip() or None


def _agent(rule: Rule, trigger: Word, ctx: Context) -> Optional[str]:
    """Who arrested: the verb's agent, else a law-enforcement body that announced it."""
    who = follow_first(trigger, rule.slots.get("agent", ()))
    if who is trigger:
        who = None  # "placées en garde-à-vue" parsed as "par": the custody is no agent
    first = trigger.parent
    # (not for a participle set off after the arrested: "Le juge a libéré deux suspects, interpellés samedi")
    if (
        who is None
        and trigger.rel == "conj"
        and first is not None
        and first.upos == "VERB"
        and not follow(trigger, "apposed")
    ):
        # "la police a démantelé un réseau et interpellé ses membres": the first verb's subject and auxiliary
        if not any(c.rel == "aux" for c in trigger.children) and any(c.rel == "aux" for c in first.children):
            who = follow_first(first, ("agent",))
    if who is None:
        who = follow_first(trigger, ("reporter",))
        if who is not None and who.lemma.lower() not in lexicon_set(L + "agent_nouns"):
            who = None
    return _slot_text(who, ctx, until_date=True)  # "par la police samedi": la police


def _charge(rule: Rule, trigger: Word, several: bool) -> Optional[Word]:
    """'pour trahison', or what the arrested (`several` of them, or one) are said to be implicated in /
    suspected of (in the sentence: parsers hang such participles anywhere, so one must agree with them)."""
    # (not the charge of another clause with its own subject: "Deux hommes ont été interpellés et un
    # troisième a été arrêté pour vol")
    found = next(
        (
            w
            for path in rule.slots.get("charge", ())
            for w in follow(trigger, path)
            if not (
                w.parent is not None
                and w.parent is not trigger
                and w.parent.rel == "conj"
                and any(c.rel.startswith("nsubj") for c in w.parent.children)
            )
        ),
        None,
    )
    if found is None:
        for w in trigger.sentence.words:
            if w.lemma.lower() in lexicon_set(L + "charge_verbs") and not _of_another(w, several):
                # "soupçonnés de vol", or of a deed: "soupçonnés d'avoir commis une série de cambriolages"
                found = follow_first(w, ("obl*", "obj", "xcomp", "advcl[de]"))
                if found is not None:
                    break
    return found


def _of_another(participle: Word, several: bool) -> bool:
    """The participle tells what someone else is accused of: it does not agree in number with the arrested
    ("400 personnes ont été interpellées lors d'une manifestation de soutien au journaliste, impliqué dans une
    affaire de drogue") and hangs on no group of theirs ("six personnes ont été interpellées lors du
    démantèlement d'une cellule soupçonnée de projeter des attentats") nor on one of them ("dont un homme
    soupçonné de ...")."""
    number, noun = participle_number(participle), participle.parent
    if number is None:
        return False  # no participle: a finite verb agrees with its own subject ("la police les soupçonne")
    group = noun is not None and noun.lemma.lower() in lexicon_set(L + "suspect_groups")
    # one of them: "trois personnes ont été interpellées, dont un homme soupçonné d'avoir organisé le trafic"
    member = noun is not None and any(
        w.lemma.lower() in lexicon_set("triggers:describing_relatives")
        for w in noun.sentence.words[max(0, noun.id - 4) : noun.id - 1]
    )
    return number != ("Plur" if several else "Sing") and not group and not member


def _elided_people(q, noun: Word, ctx: Context) -> bool:
    """A count standing for people named before it in the sentence: "Sur 2 000 suspects, 1 563 ont été
    arrêtés", "Parmi eux, 408 ont été interpellés" (the count is its own head: no noun follows it)."""
    if q is None or q.text is None or noun.upos not in ("NUM", "DET", "PRON") or q.start > noun.start:
        return False
    before = [w for w in noun.sentence.words if w.end <= q.start]
    return (
        any(w.upos in ("NOUN", "PROPN") and is_person(w, ctx) for w in before)
        or len(before) >= 2
        and before[0].lemma.lower() in lexicon_set("triggers:subcount_marks")
        and before[1].upos == "PRON"
    )


def _describes(trigger: Word) -> bool:
    """The arrest is told in a "dont" relative clause, which describes the noun it hangs on."""
    relative = lexicon_set("triggers:describing_relatives")
    return any(w.text.lower() in relative for w in trigger.sentence.words[max(0, trigger.id - 6) : trigger.id - 1])


def _after_among(noun: Word) -> bool:
    before = [w for w in noun.sentence.words[: noun.id - 1] if w.upos != "DET"]
    return bool(before) and before[-1].lemma.lower() in lexicon_set("triggers:among_marks")


def _anaphoric(noun: Word) -> bool:
    """'Ces manifestants', 'le ressortissant', 'son compagnon': a mention that refers back."""
    return any(
        c.rel == "det"
        and (c.feat("PronType") in ("Dem", "Prs") or c.feat("Poss") == "Yes" or c.feat("Definite") == "Def")
        for c in noun.children
    )


def _build_subcount(rule: Rule, trigger: Word, ctx: Context):
    return subcounts(rule, trigger, ctx, inherit=("agent", "charge", "location", "source"))


def _build_noun_count(rule: Rule, trigger: Word, ctx: Context):
    return _arrest(rule, trigger, ctx, ctx.quantity_before(trigger), trigger, [])


def _build_among(rule: Rule, trigger: Word, ctx: Context):
    """The named people listed after the group make one fact; without names, each counted group does."""
    group = _arrested_group(trigger)
    s = trigger.sentence
    names = [ctx.full_name(e.text) for e in ctx.entities_of(s, "PER") if e.start > group.end]
    if names:
        return _arrest(rule, trigger, ctx, None, group, list(dict.fromkeys(names)))
    total = {"type": "arrest", "agent": None, "charge": None, "location": ctx.location(s, trigger), "date": None}
    return group_facts(total, rule, group, ctx, ("agent", "charge", "location"))


def _build(rule: Rule, trigger: Word, ctx: Context):
    found = _build_subject(rule, trigger, ctx)
    subject = [] if found is None else found if isinstance(found, list) else [found]
    # "le journaliste a été arrêté avec deux autres reporters": the counted people arrested along with
    # him, a group, on the day he was
    along = [_arrest(rule, trigger, ctx, q, c, []) for q, c in _companions(trigger, ctx)]
    for f in subject if along else []:
        f["date"] = f["date"] or along[0]["date"]
    return subject + along or None


def _companions(trigger: Word, ctx: Context) -> list[tuple]:
    """The counted people "avec" a passive arrest verb; not with an active one, where they may be the
    arresters ("Le commissaire a interpellé le suspect avec trois collègues")."""
    if not is_passive(trigger):
        return []
    path = "obl*[" + "|".join(sorted(lexicon_set(L + "companion_marks"))) + "]"
    counted = [(ctx.quantity_before(c), c) for c in follow(trigger, path)]
    return [(q, c) for q, c in counted if q is not None and q.text is not None and is_person(c, ctx)]


def _build_subject(rule: Rule, trigger: Word, ctx: Context):
    def someone(n: Word) -> bool:  # not "le pont Bessières"
        return is_person(n, ctx) or n.upos == "PRON" or n.upos == "PROPN" and n.rel != "nmod"

    targets = [n for p in rule.count if p != "agreeing" for n in follow(trigger, p) if not ctx.in_date(n)]
    if not any(someone(n) for n in targets):
        # "agreeing" is a last resort, where the parse lost the subject: people only
        targets += [n for p in rule.count if p == "agreeing" for n in follow(trigger, p) if is_person(n, ctx)]
    if not targets:
        return None
    noun = next((n for n in targets if someone(n)), targets[0])  # in the order of the paths
    q, counted = find_count(trigger, rule.count, ctx, singular=True)
    persons = names_of(noun, ctx) or _apposed_names(
        [noun, *(c for c in noun.parent.children if c.rel.startswith("nsubj"))] if noun.parent else [noun], ctx
    )
    if noun.upos == "PRON" and q is None:  # "Il a été arrêté mardi": the one person just named
        name = ctx.antecedent(noun)
        persons = [name] if name is not None else persons
    if not persons and noun.upos not in ("NOUN", "PROPN") and (q is None or q.value == 1):
        return None  # "il a été arrêté", "une autre a été interpellée": who?
    if (
        not persons
        and not (q is not None and q.value == 0)
        and not is_person(counted or noun, ctx)
        and not _elided_people(q, counted or noun, ctx)
        and not (
            q is not None
            and q.text is not None
            and forms(trigger) & lexicon_set(L + "people_only_verbs")
            and not forms(counted or noun) & lexicon_set("triggers:non_people")
        )
    ):
        return None  # "les machines sont arrêtées", "arrêter les modalités"
    if trigger.feat("Mood") == "Imp":
        return None  # "Arrêtez la lecture"
    if not persons and q is None and _after_among(noun):
        return None  # "parmi les personnes arrêtées figure X": arrest-among reads it
    if not persons and (q is None or q.text is None) and _describes(trigger):
        return None  # "la cellule dont les membres ont été arrêtés": a description
    listed = list_before(q, ctx, trigger.sentence) if q is not None and q.text is not None else None
    if listed is not None:  # the parse took a group for the count: the total first
        q, counted, mark = listed
    else:
        mark = mark_after(counted) if q is not None and q.text is not None and counted is not None else None
        if mark is not None and mark.id > trigger.id:
            mark = None  # after the verb: arrest-subcount reads it
    fact = _arrest(rule, trigger, ctx, q, noun, persons)
    if mark is not None:  # "Quatorze personnes, dont trois mineurs, ont été interpellées"
        return [fact] + group_facts(fact, rule, mark, ctx, ("agent", "charge", "location", "source"))
    return fact


def _arrest(rule: Rule, trigger: Word, ctx: Context, q, noun: Word, persons: list[str]) -> dict:
    if q is not None and q.text is None and len(persons) > q.value:
        q = None  # one person read off a name, where the text names several: the names are the fact
    span = clause_span(trigger)
    if q is not None and q.start is not None:  # the evidence holds its count ("Sept membres ... placés en détention")
        span = (min(span[0], q.start), max(span[1], q.end))
    # one person's arrest comes after the crime or the accident the article leads with, not on its day;
    # people arrested at a protest ("103 personnes", "les personnes arrêtées") are arrested during it
    group = q.value > 1 if q is not None else len(persons) > 1 or noun.feat("Number") == "Plur"
    fact = common_fields(rule, trigger, ctx, span, article_day=group)
    charge = _charge(rule, trigger, several=group)
    fact.update(
        type="arrest",
        persons=persons or None,
        count=q,
        agent=_agent(rule, trigger, ctx),
        charge=_slot_text(charge, ctx),
        # not where the deed they are charged with took place ("soupçonné d'avoir tué sa compagne à Hayange")
        location=ctx.location(trigger.sentence, trigger, outside=phrase(charge) if charge is not None else None),
    )
    fact["_patient"] = (noun.sentence.start, noun.id)  # read by merge: who the clause says was arrested
    # read by merge: an unnamed, uncounted mention that refers back to an arrest already reported,
    # and a custody status ("placées en garde à vue") that may break down an earlier total
    fact["_anaphor"] = not persons and (q is None or q.text is None) and _anaphoric(noun)
    fact["_breakdown"] = rule.name == "arrest-custody"
    fact["_step"] = sorted(forms(trigger) & lexicon_set(L + "judicial_steps"))
    return fact


def _same_arrest(a: dict, b: dict) -> bool:
    if surnames(a) and surnames(b):
        return bool(surnames(a) & surnames(b))
    if surnames(a) or surnames(b):  # names on one: the same group only by the same count of several
        return (
            a["count"] is not None
            and b["count"] is not None
            and a["count"].value > 1
            and a["count"].value == b["count"].value
        )
    # one person is no identity: "un suspect" and "une femme" are two arrests
    return (
        a["count"] is not None
        and b["count"] is not None
        and a["count"].value > 1
        and a["count"].value == b["count"].value
    )


def name_the_arrested(facts: list[dict], ctx: Context) -> None:
    """'Trois hommes ont été arrêtés. Il s'agit de Nabil Azzouzi et de son frère Samir': a sentence
    right after a counted arrest that opens by saying who they are names its persons (those no fact of
    their own names)."""
    openings = [norm_text(o) for o in lexicon_set(L + "identifying_openings")]
    sentences = ctx.doc.sentences
    for f in facts:
        if f.get("persons") or f["count"] is None or f["count"].value < 2:
            continue
        s = ctx.doc.sentence_at(f["trigger"].start)
        i = ctx.doc.index_of(s) if s is not None else None
        for nxt in sentences[i + 1 : i + 3] if i is not None else []:
            if not norm_text(nxt.text).startswith(tuple(openings)):
                continue
            named = {p for g in facts if g is not f for p in g.get("persons") or []}  # their own fact already
            names = [n for n in (ctx.full_name(e.text) for e in ctx.entities_of(nxt, "PER")) if n not in named]
            if names:
                f["persons"] = list(dict.fromkeys(names))
            break


def _refers_back(f: dict, earlier: list[dict]) -> Optional[dict]:
    """An arrest mention that points back ('Ces manifestants ont été arrêtés'; for one person, not a
    later step of the case: 'Le suspect a été mis en examen' is a fact of its own), or a custody
    breakdown of an earlier, larger total ('dont 101 placées en garde à vue' after 103 arrests);
    `earlier` holds the arrests of the same stance before it."""
    group = earlier[-1]["count"] is not None and earlier[-1]["count"].value > 1
    mine, theirs = f.get("_patient"), earlier[-1].get("_patient")
    # another person of its own sentence ("Le frère, chez qui X avait été arrêté, a été écroué")
    other = mine is not None and theirs is not None and mine[0] == theirs[0] and mine != theirs
    if f.get("_anaphor") and not other and (group or not f.get("_step")):
        return earlier[-1]  # "Ces manifestants ont été arrêtés"; "L'individu a été placé en garde à vue"
    if f.get("_anaphor") and not other and f.get("_step"):  # the same step told again ("mis en examen", twice)
        return next((g for g in reversed(earlier) if set(g.get("_step") or []) & set(f["_step"])), None)
    if f.get("_breakdown") and f["count"] is not None and f["count"].text is not None and not f.get("persons"):
        return next(
            (g for g in reversed(earlier) if g["count"] is not None and g["count"].value > f["count"].value), None
        )
    return None


FACT_TYPE = FactType(
    name="arrest",
    model=ArrestFact,
    rules=tuple(RULES),
    conditions=CONDITIONS,
    build=_build,
    builders={"arrest-subcount": _build_subcount, "arrest-noun-count": _build_noun_count, "arrest-among": _build_among},
    slots=("persons", "agent", "charge", "location", "date"),
    same_event=_same_arrest,
    finish=name_the_arrested,
    refers_back=_refers_back,
    claims=(L + "verbs", L + "custody_nouns", L + "seizing_verbs", L + "nouns"),
    during=("crowd",),
    adds_up=True,
)
