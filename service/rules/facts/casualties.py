"""Casualties: people killed, injured or missing, with a count."""

from __future__ import annotations

from typing import Optional

from schemas.facts import CasualtiesFact
from service.document import Sentence, Word
from service.rules.context import Context
from service.rules.engine import (
    ELLIPTIC_TRIGGER,
    ONE,
    SUBCOUNT_TRIGGER,
    FactType,
    among_group,
    apposed_names,
    common_fields,
    coordinated_groups,
    elliptic_counts,
    find_count,
    group_facts,
    is_person,
    links_a_count,
    list_before,
    mark_after,
    names_of,
    noun_label,
    pronoun_person,
    subcounts,
    tally,
)
from service.rules.matcher import Example, Rule, Trigger, clause_head, clause_span, forms, lexicon_set

L = "triggers:casualties."
NOUN_LIKE = frozenset({"NOUN", "ADJ", "VERB", "PROPN"})
VERB = frozenset({"VERB"})
EVENT_COUNT = ("nmod*[de]", "of")  # where an event noun's count lies: "la disparition d'une centaine de ..."
# where the people a killing or wounding verb befell lie: its patient; the noun its participle hangs on
# ("5 civils tués", "Sept rescapés, grièvement blessés,"), over the complements of that noun ("23 agents
# des forces de l'ordre blessés"); last, the agreeing noun before it
_PARTICIPLE_PATHS = (
    "patient",
    "<acl",
    "<amod",
    "<appos",
    "<xcomp/patient",
    "<amod/<nmod",
    "<amod/<nmod/<nmod",
    "agreeing",
    "<conj/nsubj:pass",  # "un kamikaze a été identifié et tué"
    "apposed",  # "Cinq autres occupants, légèrement blessés, ont été conduits à l'hôpital"
)


def _noun_rule(kind: str, lex: str, examples: tuple) -> Rule:
    return Rule(
        name=f"casualty-{kind}-noun",
        doc=f"A count right before a {kind} noun.",
        trigger=Trigger(L + lex, NOUN_LIKE),
        count=(".",),
        requires=("nominal", "not_one_of_them"),
        attrs={"kind": kind},
        singular=True,  # "un mort et trois blessés"
        examples=examples,
    )


def _predicate_rule(kind: str, lex: str, examples: tuple) -> Rule:
    return Rule(
        name=f"casualty-{kind}-predicate",
        doc=f"A {kind} noun or adjective as predicate: the count is on "
        "the subject ('12 migrants sont morts', 'trois gendarmes sont blessés', '5 marins portés disparus').",
        # a VERB too: a participle whose lemma a tagger got wrong ("mortes" read as "morter")
        trigger=Trigger(L + lex, frozenset({"NOUN", "ADJ", "VERB"})),
        # "../<acl": "300 personnes portées disparues", the participle hung on the noun
        count=(
            "nsubj",
            "nsubj:pass",
            "<xcomp/nsubj:pass",
            "<xcomp/nsubj",
            "<xcomp/<xcomp/nsubj",  # "restent portées disparues"
            "../<acl",
            "../nsubj:pass",
            "../nsubj",
            "subject",
        ),
        requires=("not_a_known_verb", "predicate"),
        attrs={"kind": kind},
        singular=True,  # "Un jeune homme est mort"
        examples=examples,
    )


def _event_rule(kind: str, lex: str, doc: str, examples: tuple) -> Rule:
    return Rule(
        name=f"casualty-{kind}-event",
        doc=doc,
        trigger=Trigger(L + lex, frozenset({"NOUN"})),
        count=EVENT_COUNT,
        requires=("counts_people",),
        attrs={"kind": kind},
        singular=True,  # "la mort d'un berger"
        examples=examples,
    )


RULES = [
    _noun_rule(
        "killed",
        "killed_nouns",
        (
            Example("L'explosion a fait 14 morts dans le centre-ville.", {"kind": "killed", "count": 14}),
            Example("On compte au moins trente tués parmi les civils.", {"kind": "killed", "count": 30}),
            Example("Le bilan fait état de des dizaines de morts.", {"kind": "killed", "count": 20}),
            Example("Il n'y a eu aucun mort.", absent=True),
        ),
    ),
    _noun_rule(
        "injured",
        "injured_nouns",
        (
            Example("Une vingtaine de blessés ont été transportés à l'hôpital.", {"kind": "injured", "count": 20}),
            Example("L'accident a fait 3 blessés légers.", {"kind": "injured", "count": 3}),
            Example("L'incendie a fait un blessé léger et deux morts.", {"kind": "injured", "count": 1}),
            Example(
                "Deux salariés ont été tués et neuf autres blessés dans l'explosion.",
                {"kind": "injured", "count": 9, "victims": "salariés"},
            ),
            Example(
                "Un soldat a été tué et deux autres grièvement blessés dans l'embuscade.",
                {"kind": "injured", "count": 2, "victims": "soldat"},
            ),
            Example("Un des blessés a été transféré à Lyon.", absent=True),
            Example("Le tsunami a fait 200 000 morts et disparus.", absent=True),
        ),
    ),
    _noun_rule(
        "missing",
        "missing_nouns",
        (Example("Les sauveteurs recherchent encore 12 disparus.", {"kind": "missing", "count": 12}),),
    ),
    _predicate_rule(
        "killed",
        "killed_nouns",
        (
            Example("Douze migrants sont morts en mer.", {"kind": "killed", "count": 12, "victims": "migrants"}),
            Example("Deux randonneurs ont été retrouvés morts dimanche.", {"kind": "killed", "count": 2}),
        ),
    ),
    _predicate_rule(
        "injured",
        "injured_nouns",
        (
            Example("Trois gendarmes restent blessés.", {"kind": "injured", "count": 3, "victims": "gendarmes"}),
            Example(
                "Quatre mineurs ont été retrouvés blessés au fond du puits.",
                {"kind": "injured", "count": 4},
                fails={"stanza": "the mini models read 'blessés' as a verb: casualty-injured-verb gives the fact"},
            ),
            Example("Les trois gendarmes restent prudents.", absent=True),
        ),
    ),
    _predicate_rule(
        "missing",
        "missing_nouns",
        (
            Example(
                "Sept marins restent disparus.",
                {"kind": "missing", "count": 7, "victims": "marins"},
                fails={"stanza": "the mini models read 'disparus' as a verb: casualty-missing-verb gives the fact"},
            ),
            Example("Des dizaines de personnes restent portées disparues.", {"kind": "missing", "count": 20}),
            Example(
                "Cinq pêcheurs sont portés disparus.",
                {"kind": "missing", "count": 5, "victims": "pêcheurs"},
                fails={"stanza": "the mini models read 'disparus' as a verb: casualty-missing-verb gives the fact"},
            ),
        ),
    ),
    Rule(
        name="casualty-killed-transitive",
        doc="Passive or transitive killing verb: the count is on "
        "its patient ('19 personnes ont été tuées', 'la bombe a tué 7 soldats', '5 civils tués').",
        trigger=Trigger(L + "killed_verbs", frozenset({"VERB", "ADJ"})),  # "27 personnes tuées" read as an adjective
        count=_PARTICIPLE_PATHS,
        requires=("not_intransitive_subject",),
        attrs={"kind": "killed"},
        examples=(
            Example("Au moins 19 personnes ont été tuées samedi.", {"kind": "killed", "count": 19}),
            # a participle tagged passive whose only auxiliary is "avoir" is active (the Stanza mini models)
            Example("Les bombardements ont tué au moins 40 civils.", {"count": 40, "victims": "civils"}),
            # one victim named beside its noun: the name
            Example(
                "Un jeune homme de 24 ans, Karim Douadi, a été tué par balle samedi à Namur.",
                {"count": 1, "victims": "Karim Douadi"},
            ),
            Example(
                "Le militant Paul Girard a été interpellé samedi. Il a été tué lors de son transfert.",
                {"kind": "killed", "count": 1, "victims": "Paul Girard"},
            ),
            Example("Paul Girard et Marc Durand se sont rencontrés. Il a été tué le lendemain.", absent=True),
            Example("Entre dix et douze personnes ont été tuées dans l'incendie.", {"kind": "killed", "count": 10}),
            Example("Le préfet Paul Girard a dit que le suspect avait fui et qu'il avait été tué.", absent=True),
            Example(
                "La bombe a tué sept soldats maliens.", {"kind": "killed", "count": 7, "victims": "soldats maliens"}
            ),
            Example("Le virus a tué 3 000 poulets dans l'élevage.", absent=True),
            Example("Un policier a été abattu devant la gare.", {"kind": "killed", "count": 1, "victims": "policier"}),
            Example("Un kamikaze a été identifié et tué avant d'atteindre sa cible.", {"kind": "killed", "count": 1}),
            Example("Nous avons enterré 34 personnes ce matin.", {"kind": "killed", "count": 34}),
            Example("Les douze victimes ont été inhumées samedi.", {"kind": "killed", "count": 12}),
            Example("Le gouvernement a enterré trois projets de loi.", absent=True),
        ),
    ),
    Rule(
        name="casualty-killed-intransitive",
        doc="Dying verb: the count is on its subject ('12 migrants sont morts', 'deux randonneurs ont péri').",
        trigger=Trigger(L + "killed_verbs", frozenset({"VERB", "ADJ"})),  # "se sont noyés" read as an adjective
        count=("nsubj", "nsubj:pass", "<acl", "<amod", "subject", "agreeing"),
        requires=("intransitive",),
        attrs={"kind": "killed"},
        examples=(
            Example("Douze migrants sont décédés en mer.", {"kind": "killed", "count": 12, "victims": "migrants"}),
            Example("Deux randonneurs ont péri dans l'avalanche.", {"kind": "killed", "count": 2}),
            Example("Aucun soldat n'est mort.", absent=True),
            Example("Vingt-trois migrants se sont noyés au large de la Libye.", {"kind": "killed", "count": 23}),
            Example(
                "Une femme de 71 ans, hospitalisée dans un état critique depuis mardi, a succombé à ses blessures.",
                {"kind": "killed", "count": 1},
            ),
            Example(
                "En Syrie, ce sont au moins 1 400 personnes qui sont mortes lundi des suites du séisme.",
                {"kind": "killed", "count": 1400},
                fails={
                    "stanza": "the mini models read 'mortes' as a predicate: casualty-killed-predicate gives the fact"
                },
            ),
        ),
    ),
    Rule(
        name="casualty-death-phrase",
        doc="'trouver la mort', 'perdre la vie': the count is on the subject.",
        trigger=Trigger(L + "death_objects", frozenset({"NOUN"})),
        count=("../nsubj",),
        requires=("death_phrase",),
        attrs={"kind": "killed"},
        singular=True,
        examples=(
            Example("Trois alpinistes ont trouvé la mort dimanche.", {"kind": "killed", "count": 3}),
            Example("Quarante touristes ont perdu la vie dans le naufrage.", {"kind": "killed", "count": 40}),
            Example("Le pêcheur a perdu la vie en mer.", {"kind": "killed", "count": 1}),
            Example("Il a trouvé la vie difficile.", absent=True),
        ),
    ),
    Rule(
        name="casualty-lifeless",
        doc="'retrouvé sans vie': the count is on who was found.",
        trigger=Trigger(L + "death_objects", frozenset({"NOUN"})),
        count=("../patient", "../subject"),
        requires=("lifeless_phrase",),
        attrs={"kind": "killed"},
        singular=True,
        examples=(
            Example(
                "Deux alpinistes ont été retrouvés sans vie dimanche.",
                {"kind": "killed", "count": 2, "modality": "asserted"},
            ),
            Example("Les secours ont retrouvé sans vie trois randonneurs.", {"kind": "killed", "count": 3}),
            Example("Trois villageois vivent sans vie sociale depuis la fermeture de l'usine.", absent=True),
        ),
    ),
    Rule(
        name="casualty-death-phrase-to",
        doc="'coûter la vie à': the count is on the people it cost their lives.",
        trigger=Trigger(L + "death_objects", frozenset({"NOUN"})),
        count=("../obl*[à|au|aux]", "nmod*[à|au|aux]", "../iobj"),
        requires=("death_phrase_to",),
        attrs={"kind": "killed"},
        singular=True,
        examples=(
            Example("L'incendie a coûté la vie à sept personnes.", {"kind": "killed", "count": 7}),
            Example("L'opération a déjà coûté la vie à 50 militaires français.", {"kind": "killed", "count": 50}),
            Example("La tempête a coûté la vie à un pêcheur breton.", {"kind": "killed", "count": 1}),
            Example("Le projet a coûté 30 millions à la ville.", absent=True),
        ),
    ),
    Rule(
        name="casualty-missing-phrase",
        doc="'manquer à l'appel': the count is on the subject.",
        trigger=Trigger(L + "missing_phrase_nouns", frozenset({"NOUN"})),
        count=("../nsubj", "../subject"),
        requires=("missing_phrase",),
        attrs={"kind": "missing"},
        singular=True,
        examples=(
            Example("Deux salariés manquent toujours à l'appel.", {"kind": "missing", "count": 2}),
            Example("Un pêcheur manque à l'appel depuis dimanche.", {"kind": "missing", "count": 1}),
            Example("Le ministre a lancé un appel au calme.", absent=True),
        ),
    ),
    Rule(
        name="casualty-suicide",
        doc="'se faire sauter', 'se faire exploser': an attacker killed by their own bomb, counted on the subject.",
        trigger=Trigger(L + "suicide_verbs", VERB),
        count=("nsubj", "nsubj:pass", "<xcomp/nsubj", "<xcomp/nsubj:pass"),
        requires=("self_caused",),
        attrs={"kind": "killed"},
        singular=True,
        examples=(
            Example("Trois assaillants se seraient fait sauter devant le stade.", {"kind": "killed", "count": 3}),
            Example("Deux kamikazes se sont fait exploser devant la mosquée.", {"kind": "killed", "count": 2}),
            Example("Le terroriste s'est fait exploser dans la foule.", {"kind": "killed", "count": 1}),
            Example("Les rebelles ont fait sauter le pont.", absent=True),
        ),
    ),
    Rule(
        name="casualty-killed-manner",
        doc="'poignardé à mort', 'battu à mort': killed, counted on the patient of the verb.",
        trigger=Trigger(L + "manner_of_death", frozenset({"NOUN", "ADJ", "VERB"})),
        count=("../patient",),
        requires=("to_death",),
        attrs={"kind": "killed"},
        singular=True,
        examples=(
            Example("Un passant a été poignardé à mort dimanche.", {"kind": "killed", "count": 1}),
            Example("Quatre caporaux sont condamnés à mort le 16 mars.", absent=True),
        ),
    ),
    Rule(
        name="casualty-killed-fatally",
        doc="'fauché mortellement', 'mortellement blessé': killed, counted on the patient of the verb.",
        trigger=Trigger(L + "fatal_adverbs", frozenset({"ADV", "ADJ"})),
        count=("patient", "<acl", "<amod", "subject"),  # from the verb the adverb goes with (_fatal_verb)
        requires=("fatal_verb",),
        attrs={"kind": "killed"},
        singular=True,
        examples=(
            Example("Un cycliste a été fauché mortellement dimanche soir.", {"kind": "killed", "count": 1}),
            Example("Deux soldats ont été mortellement blessés par une mine.", {"kind": "killed", "count": 2}),
            Example("Un gendarme mortellement touché est mort à l'hôpital.", {"kind": "killed", "count": 1}),
        ),
    ),
    Rule(
        name="casualty-not-survived",
        doc="'n'a pas survécu à ses blessures': a survival verb negated says the person died.",
        trigger=Trigger(L + "survival_verbs", VERB),
        count=("nsubj", "subject"),
        requires=("negated_verb",),
        attrs={"kind": "killed"},
        singular=True,
        examples=(
            Example("Une adolescente n'a pas survécu à ses blessures.", {"kind": "killed", "count": 1}),
            Example("Trois passagers n'ont pas survécu.", {"kind": "killed", "count": 3}),
            Example("Deux passagers ont survécu au crash.", absent=True),
        ),
    ),
    Rule(
        name="casualty-bodies",
        doc="Bodies found count the dead ('deux corps ont été retrouvés', 'le corps d'un randonneur a été découvert').",
        trigger=Trigger(L + "body_nouns", frozenset({"NOUN"})),
        count=(".", "nmod*[de|d']"),
        requires=("found_body",),
        attrs={"kind": "killed"},
        singular=True,
        examples=(
            Example("Douze corps ont été repêchés au large de Lampedusa.", {"kind": "killed", "count": 12}),
            Example("Le corps d'un randonneur a été retrouvé dans le ravin.", {"kind": "killed", "count": 1}),
            Example("Une vingtaine de corps ont été sortis des décombres.", {"kind": "killed", "count": 20}),
            Example("Le corps d'armée a retrouvé ses positions.", absent=True),
        ),
    ),
    Rule(
        name="casualty-injured-verb",
        doc="Passive or transitive wounding verb ('41 policiers ont été blessés', 'l'attaque a blessé 9 passants').",
        trigger=Trigger(L + "injured_verbs", frozenset({"VERB", "ADJ"})),
        count=_PARTICIPLE_PATHS,
        requires=("not_to_death",),
        attrs={"kind": "injured"},
        examples=(
            Example(
                "Quarante et un policiers ont été blessés lors des heurts.",
                {"kind": "injured", "count": 41, "victims": "policiers"},
            ),
            Example("Personne n'a été blessé.", absent=True),
            Example(
                "Plusieurs personnes ont été blessées, dont trois policiers.",
                {"kind": "injured", "count": 3, "victims": "policiers"},
            ),
            Example("Le fils du commerçant a été poignardé samedi.", {"kind": "injured", "count": 1}),
            Example("Les heurts ont fait 23 agents des forces de l'ordre blessés.", {"kind": "injured", "count": 23}),
            Example(
                "Trois employés de la banque blessés lors du braquage.",
                {"kind": "injured", "count": 3, "victims": "employés"},
                fails={"stanza": "the mini models read 'blessés' as a noun completing 'banque'"},
            ),
            Example(
                "Sept rescapés, grièvement blessés, ont été héliportés vers Lyon.",
                {"kind": "injured", "count": 7},
                fails={"stanza": "the mini models read 'blessés' as a second subject noun"},
            ),
            Example(
                "Le conducteur est mort sur le coup. Cinq autres occupants, légèrement blessés, ont été conduits "
                "à l'hôpital.",
                {"kind": "injured", "count": 5, "victims": "occupants"},
                fails={"stanza": "the mini models read 'blessés' as a second subject noun"},
            ),
            Example("Un passant a été poignardé à mort.", absent=True),
            Example("Cinq personnes ont été blessées : trois policiers et deux passants.", {"count": 5}),
            Example(
                "Cinq randonneurs ont été retrouvés blessés.",
                {"kind": "injured", "count": 5},
                fails={"spacy": "spaCy reads 'blessés' as a noun: casualty-injured-predicate gives the fact"},
            ),
        ),
    ),
    Rule(
        name="casualty-missing-verb",
        doc="'porté disparu', 'ont disparu'.",
        trigger=Trigger(L + "missing_verbs", frozenset({"VERB", "ADJ"})),
        # "reste porté disparu": the state hangs on "porté", which hangs on "reste" (as xcomp or ccomp)
        count=(
            "nsubj",
            "nsubj:pass",
            "<xcomp/nsubj:pass",
            "<xcomp/nsubj",
            "<acl",
            "<amod",
            "../<acl",
            "subject",
            "<ccomp/<xcomp/nsubj",
            "<xcomp/<xcomp/nsubj",
        ),
        attrs={"kind": "missing"},
        examples=(
            Example("Trois alpinistes ont disparu dans le massif.", {"kind": "missing", "count": 3}),
            Example("Un pêcheur à pied reste porté disparu dans la baie.", {"kind": "missing", "count": 1}),
            Example("Sept soldats portés disparus dimanche ont été retrouvés lundi.", absent=True),
        ),
    ),
    Rule(
        name="casualty-subcount",
        doc="A group named inside a toll is its own fact, of the same kind "
        "('19 morts, dont 17 touristes'); a sub-count by severity is not ('dont 12 grièvement').",
        trigger=SUBCOUNT_TRIGGER,
        follows=True,
        examples=(
            Example(
                "Au moins 19 personnes ont été tuées, dont 17 touristes.",
                {"kind": "killed", "count": 17, "victims": "touristes"},
            ),
            Example("On compte 30 blessés, dont 12 grièvement.", absent=True),
            Example(
                "Six touristes ont été blessés, dont deux Bulgares et un Croate.",
                {"kind": "injured", "count": 1, "victims": "Croate"},
            ),
        ),
    ),
    _event_rule(
        "missing",
        "missing_event_nouns",
        "A disappearance noun whose 'de' complement counts the missing ('la disparition d'une centaine de lycéennes').",
        (
            Example(
                "On est sans nouvelles après la disparition d'une centaine de pêcheurs au large de Dakar.",
                {"kind": "missing", "count": 100, "victims": "pêcheurs"},
            ),
            Example(
                "La disparition, lundi, de trois randonneurs inquiète les secours.", {"kind": "missing", "count": 3}
            ),
            Example(
                "Le ministre a confirmé mardi la disparition d’une trentaine de collégiennes dans le nord.",
                {"kind": "missing", "count": 30},
            ),
            Example("La disparition de 40 % des abeilles inquiète.", absent=True),
        ),
    ),
    _event_rule(
        "killed",
        "killed_event_nouns",
        "A death noun whose 'de' complement counts the dead "
        "('la mort de trois soldats', 'le meurtre de deux policiers').",
        (
            Example(
                "La mort de trois soldats a été confirmée par l'armée.",
                {"kind": "killed", "count": 3, "victims": "soldats"},
            ),
            Example(
                "Le meurtre de deux policiers a choqué le pays.", {"kind": "killed", "count": 2, "victims": "policiers"}
            ),
            Example("La mort de deux entreprises locales inquiète.", absent=True),
            Example("Les incendies ont provoqué la mort d'un berger de 69 ans.", {"kind": "killed", "count": 1}),
            Example("La mort du président a été annoncée en 1964.", absent=True),
        ),
    ),
    Rule(
        name="casualty-elliptic",
        doc="A bare figure set beside a toll just stated, from another source or "
        "place ('quinze morts selon un journal, vingt selon un autre', 'et trois autres dans les communes voisines').",
        trigger=ELLIPTIC_TRIGGER,
        requires=("before_count",),
        follows=True,
        examples=(
            Example(
                "L'accident a fait quinze morts selon un journal, vingt selon un autre.",
                {"kind": "killed", "count": 20, "source": "un autre"},
            ),
            Example(
                "Le séisme a fait 40 morts selon la mairie et 55 selon les secours.", {"kind": "killed", "count": 55}
            ),
            Example("Le séisme a fait 40 morts, et 55 maisons sont détruites.", absent=True),
            Example(
                "Les pluies ont fait quatre morts à Lyon et trois autres dans les communes voisines.",
                {"kind": "killed", "count": 3, "location": "communes voisines"},
            ),
            Example("Deux personnes ont été tuées, cinq autres sont gravement blessées.", absent=True),
            Example(
                "Au moins 30 personnes ont été tuées, de 20 à 25 selon un autre bilan.",
                {"kind": "killed", "count": 20, "source": "un autre bilan"},
            ),
        ),
    ),
    Rule(
        name="casualty-among",
        doc="The people listed as among the dead, injured or missing "
        "('Parmi les blessés figurent quatre Français, deux Allemands et un Espagnol', "
        "'deux Belges et un Suisse font partie des morts').",
        trigger=Trigger("triggers:among_marks", frozenset({"ADP", "NOUN"})),
        requires=("among_toll",),
        examples=(
            Example(
                "Parmi les blessés figurent quatre Français, deux Allemands et un Espagnol.",
                {"kind": "injured", "count": 4, "victims": "Français"},
            ),
            Example("Parmi les morts, on compte deux enfants.", {"kind": "killed", "count": 2, "victims": "enfants"}),
            Example("Parmi les disparus se trouvent trois pêcheurs.", {"kind": "missing", "count": 3}),
            Example("Parmi les blessés, aucun n'est dans un état grave.", absent=True),
            Example("Trois enfants font partie des morts.", {"kind": "killed", "count": 3, "victims": "enfants"}),
            Example(
                "Un car s'est renversé, tuant 40 passagers. Quatre Belges et deux Suisses font partie des victimes.",
                {"kind": "killed", "count": 2, "victims": "Suisses"},
            ),
            Example("Une partie des blessés a été transférée à Lyon.", absent=True),
            Example(
                "Deux enfants figurent parmi les tués, selon la police.",
                {"kind": "killed", "count": 2, "victims": "enfants"},
            ),
            Example("Trois policiers comptent parmi les blessés.", {"kind": "injured", "count": 3}),
            Example(
                "Le naufrage a fait 27 morts. Parmi les victimes figurent quatre enfants.",
                {"kind": "killed", "count": 4, "victims": "enfants"},
            ),
            Example(
                "L'explosion a fait 12 morts et 40 blessés. Parmi les victimes figurent quatre enfants.", absent=True
            ),
        ),
    ),
    Rule(
        name="casualty-tally",
        doc="A tally of the dead, injured or missing and the figure it reaches "
        "('le nombre de disparus s'élève désormais à 21', 'le total des morts atteint 40').",
        trigger=Trigger("triggers:tally_nouns", frozenset({"NOUN"})),
        requires=("tally",),
        examples=(
            Example("Le nombre de disparus s'élève désormais à 21.", {"kind": "missing", "count": 21}),
            Example("Le nombre de morts est passé à 57 mardi.", {"kind": "killed", "count": 57}),
            Example("Le total des blessés atteint 140 selon la mairie.", {"kind": "injured", "count": 140}),
            Example("Le nombre de morts de la grippe baisse de 20 % par an.", absent=True),
        ),
    ),
    Rule(
        name="casualty-injured-state",
        doc="People in a critical state count as injured ('4 personnes en état critique').",
        trigger=Trigger(L + "injured_states", frozenset({"ADJ", "NOUN"})),
        requires=("state_phrase",),
        attrs={"kind": "injured"},
        examples=(
            Example("Quatre personnes en état critique ont été hospitalisées.", {"kind": "injured", "count": 4}),
        ),
    ),
]


_VERBS = frozenset().union(*(lexicon_set(f"{L}{k}_verbs") for k in ("killed", "injured", "missing")))


def _intransitive(w: Word, ctx: Context) -> bool:
    return bool(forms(w) & lexicon_set(L + "intransitive_verbs"))


CONDITIONS = {
    # a participle with its auxiliary is a clause, counted on its subject ("six personnes ont été
    # blessées : quatre policiers ..."), whatever count follows it
    "nominal": lambda w, ctx: not any(c.rel == "aux" for c in w.children),
    "intransitive": _intransitive,
    "not_intransitive_subject": lambda w, ctx: not _intransitive(w, ctx),
    "to_death": lambda w, ctx: (
        w.rel in ("obl", "advcl", "nmod", "xcomp")
        and w.parent is not None
        and w.parent.upos == "VERB"
        and w.parent.lemma.lower() not in lexicon_set(L + "sentencing_verbs")  # "condamnés à mort"
        and any(c.rel == "case" and c.lemma.lower() == "à" for c in w.children)
    ),
    # "poignardé à mort" killed (casualty-killed-manner), "mortellement blessé" (casualty-killed-fatally): no injury
    "not_to_death": lambda w, ctx: (
        not any(_fatal_verb(a) is w for a in w.sentence.words[max(0, w.id - 3) : w.id + 1])
        and not any(
            a.text.lower() == "à" and b.text.lower() in lexicon_set(L + "manner_of_death")
            for a, b in zip(w.sentence.words[w.id : w.id + 3], w.sentence.words[w.id + 1 : w.id + 4])
        )
    ),
    "not_a_known_verb": lambda w, ctx: w.upos != "VERB" or w.lemma.lower() not in _VERBS,
    # "un des blessés a succombé": one of them, no count of the wounded
    "not_one_of_them": lambda w, ctx: (
        not (
            w.id > 2
            and w.sentence.word(w.id - 1).text.lower() in ("de", "des", "d'entre")
            and w.sentence.word(w.id - 2).lemma.lower() in ("un", "une")
        )
    ),
    # "sont morts": a copula, or "être" a parser labelled an auxiliary of the noun
    "predicate": lambda w, ctx: (
        not any(c.rel == "case" for c in w.children)  # "condamnés à mort" is no toll
        and (
            w.rel == "xcomp"
            or any(c.rel == "cop" or c.rel == "aux" and c.lemma.lower() == "être" for c in w.children)
            or _state_complement(w)
        )
    ),
    "death_phrase": lambda w, ctx: _death_phrase(w, "death_phrases"),
    "death_phrase_to": lambda w, ctx: _death_phrase(w, "death_phrases_to"),
    # "retrouvés sans vie": the noun under "sans", on a verb of finding
    "lifeless_phrase": lambda w, ctx: (
        w.parent is not None
        and any(
            c.rel == "case" and c.lemma.lower() in lexicon_set("modality:negation.prepositions") for c in w.children
        )
        and any(f"{f} {w.lemma.lower()}" in lexicon_set(L + "lifeless_phrases") for f in forms(w.parent))
    ),
    "missing_phrase": lambda w, ctx: (
        w.parent is not None
        and any(f"{f} {w.lemma.lower()}" in lexicon_set(L + "missing_phrases") for f in forms(w.parent))
    ),
    "state_phrase": lambda w, ctx: _state_holder(w) is not None,
    "fatal_verb": lambda w, ctx: _fatal_verb(w) is not None,
    "negated_verb": lambda w, ctx: any(
        c.rel == "advmod" and c.lemma.lower() in lexicon_set("modality:negation.adverbs") for c in w.children
    ),
    "found_body": lambda w, ctx: _found_body(w, ctx),
    "self_caused": lambda w, ctx: _self_caused(w),
    "before_count": links_a_count,
    "tally": lambda w, ctx: _tally(w, ctx)[0] is not None,
    "among_toll": lambda w, ctx: _among_kind(among_group(w), ctx) is not None,
    # an event noun's complement counts people, with a number: "la disparition d'une centaine de lycéennes"
    "counts_people": lambda w, ctx: _counted_people(w, ctx) is not None,
}


def _state_complement(w: Word) -> bool:
    """A bare state word after a verb of being found or remaining ("ont été retrouvés morts", "restent
    blessés"), whatever relation the parser gave it (xcomp, obj, obl)."""
    return (
        w.parent is not None
        and w.parent.upos == "VERB"
        and w.id > w.parent.id
        and w.parent.lemma.lower() in lexicon_set(L + "state_verbs")
        and w.rel in ("xcomp", "obj", "obl", "advcl", "acl")
        and not any(c.rel in ("det", "case", "nummod") for c in w.children)
    )


def _fatal_verb(w: Word) -> Optional[Word]:
    """The verb or participle a fatal adverb goes with: its head, else the word next to it (parsers
    hang "blessé mortellement lors de ..." on "lors")."""
    if w.lemma.lower() not in lexicon_set(L + "fatal_adverbs"):
        return None
    s = w.sentence
    for v in (w.parent, s.word(w.id - 1), s.word(w.id + 1)):
        if v is not None and v.upos in ("VERB", "ADJ") and v.feat("VerbForm") in ("Part", None):
            return v
    return None


def _build_fatally(rule: Rule, trigger: Word, ctx: Context):
    verb = _fatal_verb(trigger)
    q, noun = find_count(verb, rule.count, ctx, singular=True)
    if q is None:
        return None
    return _toll(rule, verb, ctx, q, noun)


def _found_body(w: Word, ctx: Context) -> bool:
    """The bodies are found: the verb of their clause, or a participle on them, is one of finding."""
    verbs = lexicon_set(L + "body_found_verbs")
    if w.rel == "nmod" and w.parent is not None and ctx.quantity_covering(w.parent) is not None:
        w = w.parent  # "une vingtaine de corps": the count heads the phrase
    head = clause_head(w)
    return (head is not None and w.parent is head and forms(head) & verbs != frozenset()) or any(
        c.rel in ("acl", "amod") and forms(c) & verbs for c in w.children
    )


def _death_phrase(w: Word, key: str) -> bool:
    """The object of a verb that says someone died ("trouver la mort", "coûter la vie à")."""
    return (
        w.rel == "obj"
        and w.parent is not None
        and f"{w.parent.lemma.lower()} {w.lemma.lower()}" in lexicon_set(L + key)
    )


def _self_caused(w: Word) -> bool:
    """'se faire sauter': the verb under a causative "faire" (its parent, or its child in spaCy's
    reading), with a reflexive pronoun on either."""
    causative = lexicon_set(L + "causative_verbs")
    reflexive = lexicon_set("tense:reflexive_pronouns")
    pair = [w] + [c for c in w.children if c.lemma.lower() in causative]
    if w.parent is not None and w.rel == "xcomp" and w.parent.lemma.lower() in causative:
        pair.append(w.parent)
    return len(pair) > 1 and any(c.text.lower() in reflexive for v in pair for c in v.children if c.upos == "PRON")


def _kind_of(noun: Optional[Word]) -> Optional[str]:
    """killed / injured / missing, for a noun of one of those lexicon classes ("blessés", "morts")."""
    if noun is None:
        return None
    for kind in ("killed", "injured", "missing"):
        if forms(noun) & lexicon_set(f"{L}{kind}_nouns"):
            return kind
    return None


def _tally(w: Word, ctx: Context):
    """(kind, figure) of "le nombre de disparus s'élève à 21", else (None, None)."""
    counted, q = tally(w, ctx)
    kind = _kind_of(counted)
    if kind is None or q is None:
        return None, None
    after = [x for x in w.sentence.words if x.start >= q.end]
    if (
        after
        and after[0].upos == "NOUN"
        and not ctx.in_date(after[0])
        and not forms(after[0]) & lexicon_set(f"{L}{kind}_nouns")
    ):
        return None, None  # "à 3 hôpitaux"; not "à 57 morts"
    return kind, q


def _counted_people(w: Word, ctx: Context):
    # "la mort d'un berger": one person by "un" counts; "la mort du président" says no count
    q, noun = find_count(w, EVENT_COUNT, ctx, singular=True)
    return (q, noun) if q is not None and q.text is not None and noun is not None and is_person(noun, ctx) else None


def _state_holder(w: Word) -> Optional[Word]:
    """'4 personnes en état critique': the people noun before 'en état ...' (surface order, since
    parsers attach the state phrase in many ways)."""
    s = w.sentence
    i = w.id - 1
    # walk left over "en état (critique|grave)" / "en urgence absolue"
    while i > 0 and s.word(i).upos in ("ADP", "NOUN", "ADJ", "DET") and s.word(i).lemma.lower() != "dont":
        if s.word(i).upos == "NOUN" and s.word(i).lemma.lower() not in lexicon_set("triggers:severity_words"):
            return s.word(i)
        i -= 1
    return None


def _build_elliptic(rule: Rule, trigger: Word, ctx: Context):
    return elliptic_counts(
        rule,
        trigger.sentence.word(trigger.id + 1),
        ctx,
        inherit=("kind", "location"),
        only_before=("modality:reported.prepositions", L + "more_marks"),
    )


def _build_tally(rule: Rule, trigger: Word, ctx: Context):
    kind, q = _tally(trigger, ctx)
    fact = common_fields(rule, trigger, ctx, (trigger.start, q.end))
    fact.update(type="casualties", kind=kind, count=q, victims=None, location=ctx.location(trigger.sentence, trigger))
    return fact


def _among_kind(group: Optional[Word], ctx: Context) -> Optional[str]:
    """The kind of the group people are among: its noun's ("parmi les blessés"); for "parmi les
    victimes", the one kind, killed or injured, of the tolls the article gave before."""
    kind = _kind_of(group)
    if kind is not None or group is None or not forms(group) & lexicon_set(L + "victim_nouns"):
        return kind
    kinds = {f["kind"] for f in ctx.found if f["type"] == "casualties"} & {"killed", "injured"}
    return next(iter(kinds)) if len(kinds) == 1 else None


def _build_among(rule: Rule, trigger: Word, ctx: Context):
    group = among_group(trigger)
    total = {
        "type": "casualties",
        "kind": _among_kind(group, ctx),
        "source": None,
        "location": ctx.location(trigger.sentence, trigger),
        "date": None,
    }
    listed = group_facts(total, rule, group, ctx, ("kind", "location"), "victims")
    verb = clause_head(group)
    if listed or verb is None or verb.id > trigger.id:
        return listed
    # "Deux enfants figurent parmi les tués": the people are the subject before, each group of a list
    # ("12 Belges, 9 Suédois et 3 Japonais font partie des victimes")
    q, noun = find_count(verb, ("nsubj", "subject"), ctx, singular=True)
    if q is None or noun is None or not is_person(noun, ctx):
        return []
    facts = []
    for count, member in sorted([(q, noun), *coordinated_groups(noun, ctx)], key=lambda g: g[1].start):
        end = group.end if member is noun else member.end  # each other group of the list is its own evidence
        fact = common_fields(rule, trigger, ctx, (count.start if count.start is not None else member.start, end))
        fact.update(total, count=count, victims=noun_label(member), source=fact["source"], date=fact["date"])
        facts.append(fact)
    return facts


def _build_subcount(rule: Rule, trigger: Word, ctx: Context):
    return subcounts(rule, trigger, ctx, inherit=("kind", "location", "source"), group_slot="victims")


def _build_state(rule: Rule, trigger: Word, ctx: Context):
    noun = _state_holder(trigger)
    return _toll(rule, trigger, ctx, ctx.quantity_before(noun) if noun is not None else None, noun)


def _build(rule: Rule, trigger: Word, ctx: Context):
    singular = trigger.upos == "VERB" or rule.singular
    q, noun = find_count(trigger, rule.count, ctx, singular=singular)
    if q is None and singular:  # "Il a été tué lors de son arrestation"
        name = pronoun_person(trigger, rule.count, ctx)
        if name is not None:
            fact = common_fields(rule, trigger, ctx, clause_span(trigger))
            fact.update(type="casualties", count=ONE, victims=name, location=ctx.location(trigger.sentence, trigger))
            return fact
    if q is None and rule.attrs.get("kind"):
        if rule.count == (".",) and any(c.rel == "nsubj" for c in trigger.children):
            return None  # "Deux personnes sont mortes, dont un enfant": a predicate, whose rule counts its subject
        return _groups_of_uncounted(rule, trigger, ctx) or None
    return _toll(rule, trigger, ctx, q, noun)


def _build_not_survived(rule: Rule, trigger: Word, ctx: Context):
    fact = _build(rule, trigger, ctx)
    if isinstance(fact, dict) and fact["modality"] == "negated":
        fact["modality"] = "asserted"  # the negation is what the statement says: they died
    return fact


def _name_of_one(noun: Word, ctx: Context) -> Optional[str]:
    """The name set beside one victim ("un jeune homme de 22 ans, Ilyas Benali, a été tué"; "Léa Guérin,
    la lycéenne de 17 ans tuée"): who the victim is, most precisely."""
    names = apposed_names([noun], ctx)
    if not names and noun.rel == "appos" and noun.parent is not None and ctx.entity_at(noun.parent.start, "PER"):
        names = names_of(noun.parent, ctx)
    if not names:
        names = _named_before(noun, ctx)
    return names[0] if len(names) == 1 else None


def _named_before(noun: Word, ctx: Context) -> list[str]:
    """The name right before the victim's noun phrase and a comma, where the parse hung them apart
    ("Christine Archibald, une Canadienne de 30 ans, est décédée"): a name that opens the sentence or
    follows a mark; not a source ("Selon Paul Martin, un policier a été blessé")."""
    s = noun.sentence
    first = min([noun, *(c for c in noun.children if c.rel in ("det", "nummod"))], key=lambda w: w.id)
    comma, last = s.word(first.id - 1), s.word(first.id - 2)
    if comma is None or comma.text != "," or last is None:
        return []
    e = ctx.entity_at(last.start, "PER")
    if e is None or e.end != last.end:
        return []
    words = [w for w in s.words if e.start <= w.start and w.end <= e.end]
    if not words or any(c.rel == "case" for w in words for c in w.children):
        return []
    opener = s.word(words[0].id - 1)
    if opener is not None and opener.upos != "PUNCT":
        return []  # a name within another's phrase: "sur la place Malik Asghar, un kamikaze ..."
    return [ctx.full_name(e.text)]


def _groups_of_uncounted(rule: Rule, trigger: Word, ctx: Context) -> list[dict]:
    """'Plusieurs personnes ont été blessées, dont trois policiers': no count for the whole, but each
    counted group named right after it is a fact."""
    mark = mark_after(trigger)
    if mark is None:
        return []
    total = {
        "type": "casualties",
        "kind": rule.attrs["kind"],
        "source": None,
        "location": ctx.location(trigger.sentence, trigger),
        "date": None,
    }
    return group_facts(total, rule, mark, ctx, ("kind", "location"), "victims")


def _toll(rule: Rule, trigger: Word, ctx: Context, q, noun: Optional[Word]):
    if q is None or _is_severity_subcount(q, ctx, trigger) or _is_bare_subcount(q, noun, ctx):
        return None
    if noun is not None and forms(noun) & lexicon_set("triggers:non_people"):
        return None  # "le virus a tué 3 000 poulets"
    if _joint_toll(trigger, ctx):
        return None
    if rule.attrs.get("kind") == "missing" and noun is not None and _found(noun):
        return None  # "sept soldats portés disparus ont été retrouvés lundi"
    if q.text is None and _accused_of(trigger):
        return None  # "soupçonné d'avoir tué sa compagne": the accusation restates a death told before
    listed = list_before(q, ctx, trigger.sentence) if q.text is not None else None
    if listed is not None:  # "80 personnes, dont 30 policiers, ont été blessées": the total first
        q, noun, mark = listed
    tolls = lexicon_set(L + "killed_nouns") | lexicon_set(L + "injured_nouns") | lexicon_set(L + "missing_nouns")
    start, end = clause_span(trigger)
    if q.start is not None and q.start < start:  # "ce sont 45 personnes qui ont perdu la vie"
        start = q.start
    fact = common_fields(rule, trigger, ctx, (start, end))
    fact.update(
        type="casualties",
        count=q,
        victims=(
            noun_label(noun, exclude=tolls, stop=trigger)
            # not the count's own noun ("la cinquantaine")
            if noun is not trigger and not (noun is not None and q.start is not None and q.start <= noun.start < q.end)
            else None
        ),
        location=ctx.location(trigger.sentence, trigger),
    )
    if fact["victims"] is None:
        fact["victims"] = _others_of(q, trigger, ctx)
    if q.value == 1 and noun is not None and noun is not trigger:
        fact["victims"] = _name_of_one(noun, ctx) or fact["victims"]
    if listed is None and noun is not None and noun is not trigger:
        after = mark_after(noun)  # "Quarante personnes, dont dix policiers, ont été blessées"
        listed = (q, noun, after) if after is not None and after.id < trigger.id else None
    if listed is not None:
        mark = listed[2]
        return [fact] + group_facts(fact, rule, mark, ctx, ("kind", "location", "source"), "victims")
    if noun is not None and noun is not trigger:  # "150 Britanniques, 110 Suisses et 50 Danois ont péri"
        groups = coordinated_groups(noun, ctx, exclude=tolls)
        others = [
            {**fact, "count": cq, "victims": noun_label(c), "evidence": ctx.span(cq.start, c.end)} for cq, c in groups
        ]
        # a list read from its last group that breaks down a total before it ("170 personnes – 41 policiers,
        # deux soldats et des civils – ont été tuées"): the total too
        first = min([q] + [cq for cq, _ in groups], key=lambda c: c.start if c.start is not None else 0)
        total = list_before(first, ctx, trigger.sentence) if first.text is not None else None
        if total is not None:
            others.append({**fact, "count": total[0], "victims": noun_label(total[1], exclude=tolls)})
        if others:
            return [fact] + others
    return fact


def _others_of(q, trigger: Word, ctx: Context) -> Optional[str]:
    """'Deux salariés ont été tués et neuf autres blessés': "autres" are more of the people the sentence
    named before (the victims of its last toll that names them), or the sentence before it ("Un
    Français a été tué. Deux autres sont portés disparus.")."""
    s = trigger.sentence
    rest = s.words_between(q.end, s.end) if q.start is not None else []
    more = lexicon_set(L + "more_marks")
    if not (rest and (rest[0].text.lower() in more or len(rest) > 1 and rest[1].text.lower() in more)):
        return None
    before = [f for f in ctx.found if f["type"] == "casualties" and s.start <= f["evidence"].start < q.start]
    elided = [w for w in rest[1:3] if w.text.lower() not in more][:1]
    opens = all(w.upos in ("PUNCT", "CCONJ", "ADV") for w in s.words_between(s.start, q.start))
    if not before and opens and elided and elided[0].upos in ("AUX", "VERB"):
        # "Un Français a été tué. Deux autres sont portés disparus.": the sentence before (not "deux
        # autres corps", people of their own noun, nor "Parmi les assaillants, deux autres ...")
        previous = [x for x in ctx.doc.sentences if x.end <= s.start][-1:]
        before = [
            f
            for f in ctx.found
            for x in previous
            if f["type"] == "casualties" and x.start <= f["evidence"].start < x.end
        ]
    return next((f["victims"] for f in reversed(before) if f.get("victims")), None)


def _accused_of(trigger: Word) -> bool:
    charges = lexicon_set("triggers:arrest.charge_verbs")
    return any(a.lemma.lower() in charges for a in list(trigger.ancestors())[:2])


def _found(noun: Word) -> bool:
    """The missing people are the subject of a verb that says they were found or rescued."""
    head = clause_head(noun)
    return head is not None and head.lemma.lower() in lexicon_set(L + "found_verbs") and noun.parent is head


def _joint_toll(trigger: Word, ctx: Context) -> bool:
    """'250 000 morts et disparus', 'dix morts et blessés': one figure for two kinds, no fact of either."""
    s = trigger.sentence
    nxt, other = s.word(trigger.id + 1), s.word(trigger.id + 2)
    if nxt is None or other is None or nxt.lemma.lower() not in ("et", "ou"):
        return False
    kind = _kind_of(trigger)
    return (
        kind is not None
        and _kind_of(other) not in (None, kind)
        and ctx.quantity_before(other) is None
        and ctx.quantity_before(trigger) is not None
    )


def _is_bare_subcount(q, noun: Optional[Word], ctx: Context) -> bool:
    """'dont 7 se seraient fait exploser': a sub-count that names no group of people tells how some of
    a toll died, no fact of its own."""
    before = ctx.text[max(0, (q.start or 0) - 12) : q.start or 0].lower().split()
    return (
        noun is not None
        and noun.upos in ("NUM", "PRON", "DET")
        and bool(before)
        and before[-1] in lexicon_set("triggers:subcount_marks")
    )


def _is_severity_subcount(q, ctx: Context, trigger: Word) -> bool:
    """'dont 12 grièvement': a sub-count by severity is no separate fact."""
    before = ctx.text[max(trigger.sentence.start, q.start - 12) : q.start].lower().split() if q.start else []
    after = ctx.text[q.end : trigger.sentence.end].lower().split()[:2] if q.end else []
    return (
        bool(before)
        and before[-1] in lexicon_set("triggers:subcount_marks")
        and any(a.strip(",.«» ") in lexicon_set("triggers:severity_words") for a in after)
    )


def _lowered_forms(s: Sentence) -> frozenset[str]:
    """The lemmas and texts of the sentence's words, lowercased."""
    return frozenset({lemma.lower() for lemma in s.lemmas} | {form.lower() for form in s.forms})


def mark_latest(facts: list[dict], ctx: Context) -> None:
    """Successive totals of one kind: the one its sentence calls updated ('s'est alourdi', 'dernier
    bilan') is the latest, one called provisional or first is not; without such words, tolls rise, so
    the highest is taken as the latest."""
    update, earlier = lexicon_set(L + "toll_update"), lexicon_set(L + "toll_earlier")
    totals = [f for f in facts if f.get("victims") is None and f["modality"] in ("asserted", "reported")]
    for kind in {f["kind"] for f in totals}:
        group = [f for f in totals if f["kind"] == kind]
        if len({f["count"].value for f in group}) < 2:
            continue

        def score(f: dict) -> tuple[int, int]:
            s = ctx.doc.sentence_at(f["trigger"].start)
            words = ctx.once(_lowered_forms, s) if s else frozenset()
            return (bool(words & update) - bool(words & earlier), f["count"].value)

        best = max(group, key=score)
        for f in group:
            f["latest"] = f is best


def _same_toll(a: dict, b: dict) -> bool:
    # the same figure twice in an article is one statement, whoever is cited the second time; the
    # victims may be named more or less fully ("soldats burkinabè", then "soldats")
    va, vb = (a.get("victims") or "").lower(), (b.get("victims") or "").lower()
    same_victims = va == vb or bool(va and vb) and (va.startswith(vb) or vb.startswith(va))
    # "un mort", then "un homme de 62 ans a été tué": a man or a woman is no other group than "someone"
    gendered = lexicon_set("triggers:gendered_people")
    if not same_victims and not (va and vb):
        same_victims = any(w.rstrip("s") in gendered for w in (va or vb).split())
    return a["kind"] == b["kind"] and a["count"].value == b["count"].value and same_victims


FACT_TYPE = FactType(
    name="casualties",
    model=CasualtiesFact,
    rules=tuple(RULES),
    conditions=CONDITIONS,
    build=_build,
    builders={
        "casualty-elliptic": _build_elliptic,
        "casualty-tally": _build_tally,
        "casualty-among": _build_among,
        "casualty-subcount": _build_subcount,
        "casualty-injured-state": _build_state,
        "casualty-not-survived": _build_not_survived,
        "casualty-killed-fatally": _build_fatally,
    },
    slots=("victims", "location", "date"),
    same_event=_same_toll,
    shared_slots=("location",),
    at_the_event=True,
    claims=(L + "killed_verbs", L + "injured_verbs", L + "injured_nouns", L + "killed_nouns"),
    finish=mark_latest,
    adds_up=True,
)
