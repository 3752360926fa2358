"""Slots filled from the sentence or from unambiguous context in the article, end to end on both
analyzers (sentences written for these tests)."""

from __future__ import annotations

import datetime

import pytest

from service.rules.pipeline import extract_document

REF = datetime.date(2024, 5, 6)


def facts_of(analyzer, text, kind):
    return [f for f in extract_document(analyzer.parse(text), REF).facts if f.type == kind]


# Where a fact took place: its sentence's place, nearest the trigger (a town before a road or a district
# of it), else the one the article's other facts agree on, else the article's first; a fact of an earlier
# year neither gives nor takes it; arrests by the dozen take the protest's. id -> (text, fact type,
# count, location).
PLACED = {
    "people named among the arrested at a protest: its place": (
        "Des milliers de manifestants ont défilé samedi à Moscou. Parmi les personnes arrêtées figurent "
        "l'opposant Ivan Petrov et le journaliste Oleg Orlov.",
        "arrest",
        None,
        "Moscou",
    ),
    "a lead framed by a country, then its town": (
        "En Thaïlande, l'assaut de l'armée a fait plusieurs morts mercredi à Bangkok. "
        "Plus de 50 personnes ont été blessées.",
        "casualties",
        50,
        "Bangkok",
    ),
    "a lead framed by a country, then a town after 'la ville de'": (
        "En Syrie, des affrontements ont éclaté mercredi dans la ville de Homs. Douze civils ont été tués.",
        "casualties",
        12,
        "Homs",
    ),
    "a lead that names a town, then its country": (
        "À Bangkok, l'assaut de l'armée a fait plusieurs morts mercredi en Thaïlande. "
        "Plus de 50 personnes ont été blessées.",
        "casualties",
        50,
        "Bangkok",
    ),
    "a place in a quotation is someone's words": (
        "Des milliers de manifestants ont défilé samedi à Lyon. Le soir, quelques centaines de manifestants "
        "ont défié la police aux cris de « Paris aux Parisiens ».",
        "crowd",
        200,
        "Lyon",
    ),
    "place noun shared by the article": (
        "Trois passagers d'un car ont été tués dimanche sur l'autoroute A7. Douze autres voyageurs ont été blessés.",
        "casualties",
        12,
        "autoroute A7",
    ),
    "near a town names the town": (
        "Deux randonneurs ont été tués par la chute d'un rocher près de Chamonix.",
        "casualties",
        2,
        "Chamonix",
    ),
    "off a port names the port": (
        "Au moins quinze migrants se sont noyés au large de Lampedusa.",
        "casualties",
        15,
        "Lampedusa",
    ),
    "off a port, 'large' tagged an adjective": (
        "Les garde-côtes ont repêché lundi les corps de 27 migrants originaires d'Afrique de l'Ouest au large de Sfax.",
        "casualties",
        27,
        "Sfax",
    ),
    "a district places the fact in its town": (
        "Quatre personnes ont été blessées dans un incendie dans le quartier des Izards, à Toulouse.",
        "casualties",
        4,
        "Toulouse",
    ),
    "a square of the town does not differ from it": (
        "Cinq personnes ont été tuées à Kaboul. Sur la place du marché, deux policiers ont été blessés. "
        "Trois civils ont aussi été blessés.",
        "casualties",
        3,
        "Kaboul",
    ),
    "a town is not the town it ends with": (
        "Deux personnes ont été tuées à Orléans. Trois autres ont été blessées à La Nouvelle-Orléans. "
        "Un cycliste a aussi été blessé.",
        "casualties",
        1,
        None,
    ),
    "arrests in a protest's article where it marched": (
        "Plus de 4 000 personnes ont défilé samedi à Rennes contre la réforme. Selon la préfecture, "
        "vingt-deux personnes ont été interpellées.",
        "arrest",
        22,
        "Rennes",
    ),
    "arrests are not placed by a side figure of the march": (
        "Quelque 9 000 personnes ont manifesté samedi contre la réforme, dont 2 500 à Nantes. Une trentaine "
        "de personnes ont été interpellées.",
        "arrest",
        30,
        None,
    ),
    "one man arrested is not placed by the march": (
        "Environ 3 000 personnes ont marché dimanche à Grenoble en hommage à la victime. "
        "Le suspect, un homme de 35 ans, a été interpellé.",
        "arrest",
        1,
        None,
    ),
    "a side figure's place is not the total's": (
        "Quelque 9 000 personnes ont manifesté samedi, dont 2 500 à Nantes.",
        "crowd",
        9000,
        None,
    ),
    "a place described by its country is the place": (
        "Des heurts ont éclaté mercredi dans les rues de Bichkek, la capitale du Kirghizistan, après "
        "l'arrestation de trois opposants.",
        "arrest",
        3,
        "Bichkek",
    ),
    "a town's department after a comma only says where it lies": (
        "À Vierzon, dans le Cher, un motard a été tué samedi dans une collision.",
        "casualties",
        1,
        "Vierzon",
    ),
    "a town's region in brackets only says where it lies": (
        "À Saint-Louis (Missouri), dix personnes ont été interpellées.",
        "arrest",
        10,
        "Saint-Louis",
    ),
    "a town's country part after a comma only says where it lies": (
        "Un glissement de terrain à Huaraz, dans le nord du Pérou, a fait douze morts.",
        "casualties",
        12,
        "Huaraz",
    ),
    "a town in a country is the finer place": (
        "Au Liban, dans la ville de Tyr, 7 personnes ont été blessées.",
        "casualties",
        7,
        "Tyr",
    ),
    "towns in a list are not one place in another": (
        "Deux personnes ont été blessées à Lille, à Douai et à Arras.",
        "casualties",
        2,
        "Lille",
    ),
    "the street of a protest is no place": (
        "Les forces de sécurité ont tiré sur la foule vendredi à Khartoum. Des dizaines de milliers de "
        "Soudanais étaient descendus dans la rue.",
        "crowd",
        20000,
        "Khartoum",
    ),
    "a counter-figure goes on about the scene before it": (
        "Le défilé a réuni à Lyon 12 000 personnes selon les syndicats. La préfecture, elle, a compté 4 000 "
        "manifestants. À Grenoble, 3 000 personnes ont manifesté.",
        "crowd",
        4000,
        "Lyon",
    ),
    "a figure after another town's scene takes that town": (
        "À Rennes, 5 000 personnes ont défilé samedi. À Brest, le cortège a rassemblé 2 000 personnes selon "
        "les organisateurs. La police n'a compté que 900 manifestants.",
        "crowd",
        900,
        "Brest",
    ),
    "a figure two sentences after the scene takes no place from it": (
        "À Rennes, 5 000 personnes ont défilé samedi. À Brest, ils étaient 2 000. Le mouvement se poursuit. "
        "Selon la CGT, 30 000 manifestants ont défilé dans le pays.",
        "crowd",
        30000,
        None,
    ),
    "an event named again took place where the article placed it": (
        "Le ministre a parlé lundi à Genève. Des militaires ont tenté un coup d'État au Niger. Le coup d'État a "
        "fait douze morts.",
        "casualties",
        12,
        "Niger",
    ),
    "arrests at a march named again, among marches in two towns": (
        "Le cortège a rassemblé 3 000 personnes à Nantes. À Rennes, 2 000 personnes ont défilé. Le cortège "
        "s'est dispersé avec une vingtaine d'interpellations.",
        "arrest",
        20,
        "Nantes",
    ),
    "another march is not the one placed before": (
        "Une manifestation a réuni 3 000 personnes à Nantes. À Rennes, 2 000 personnes ont défilé. Une autre "
        "manifestation s'est terminée par une dizaine d'interpellations.",
        "arrest",
        10,
        None,
    ),
    "the lead names the event by its town": (
        "Le bilan s'alourdit après l'attentat de Manchester. Une adolescente, renversée sur Oxford Road, est "
        "morte. Au cours de l'attaque, deux policiers ont été blessés.",
        "casualties",
        2,
        "Manchester",
    ),
    "the lead names the event by its town, a toll a spot in it": (
        "Après l'explosion de Beyrouth, les secours fouillent les décombres. Un pompier a été tué sur le port. "
        "Cent personnes ont été blessées.",
        "casualties",
        100,
        "Beyrouth",
    ),
    "a town a toll names keeps the others from the lead's event": (
        "Après l'attentat de Londres, la sécurité a été renforcée en France. Samedi, un policier a été blessé "
        "par un automobiliste à Calais. Deux autres agents ont été légèrement blessés.",
        "casualties",
        2,
        "Calais",
    ),
    "a march's own name is no place of it": (
        "Le cortège de la Marche des fiertés a défilé à Lyon. Trois personnes ont été blessées à Vénissieux. "
        "Deux policiers ont aussi été blessés.",
        "casualties",
        2,
        "Vénissieux",
    ),
    "a place named only after the figure is not its place where the lead named another": (
        "Les infirmiers ont manifesté mardi dans les rues de Lille. Selon la préfecture, ils étaient 4 000. "
        "Une marche semblable a réuni 1 500 personnes à Douai.",
        "crowd",
        4000,
        "Lille",
    ),
    "where the lead's figure spoke is no toll's place": (
        "Le Premier ministre a réagi depuis Paris à l'attaque. Trois soldats ont été tués lundi dans une "
        "embuscade. Deux autres ont été blessés près de Gao, dans le nord du Mali.",
        "casualties",
        3,
        "Gao",
    ),
    "a seat of power people gather at is a place": (
        "Quelque 2 000 personnes se sont rassemblées samedi devant l'Élysée.",
        "crowd",
        2000,
        "Élysée",
    ),
    "a net cast is no shooting named again": (
        "Des coups de feu ont été tirés samedi à Marseille. Le coup de filet mené dimanche a permis "
        "l'interpellation de douze personnes.",
        "arrest",
        12,
        None,
    ),
    "an institution the NER takes for a place is none": (
        "Selon le ministère de l'Intérieur, trois policiers ont été blessés.",
        "casualties",
        3,
        None,
    ),
    "an earlier year's place stays with its fact": (
        "Six ouvriers ont été blessés jeudi par l'effondrement d'un échafaudage. "
        "En 2015, un accident semblable avait fait trois morts à Nantes.",
        "casualties",
        6,
        None,
    ),
}


@pytest.mark.parametrize("case", PLACED)
def test_location(analyzer, case):
    text, kind, count, location = PLACED[case]  # count None: an uncounted fact (named people)
    got = [f for f in facts_of(analyzer, text, kind) if (f.count.value if f.count else None) == count]
    assert [f.location for f in got] == [location], [
        (f.count and f.count.value, f.location) for f in facts_of(analyzer, text, kind)
    ]


# Where a force goes: a place hanging on the deployment or on the force, not on a statement about it, nor
# one that follows another figure, nor a body's name; the article's one destination for the others.
# id -> (text, count, destination).
DESTINED = {
    "event noun with its place after the noun": (
        "Le ministre a annoncé l'envoi de 200 gendarmes supplémentaires dans la Drôme.",
        200,
        "Drôme",
    ),
    "a name before a place noun's phrase": (
        "Des centaines de soldats ont été déployés devant le palais présidentiel, à Niamey.",
        "Des centaines",
        "Niamey",
    ),
    "a place noun's phrase": (
        "Des centaines de soldats ont été déployés devant le palais présidentiel de Niamey.",
        "Des centaines",
        "palais présidentiel de Niamey",
    ),
    "not where it was announced": (
        "Le Tchad va dépêcher 800 soldats au Niger, a annoncé lundi à Paris le ministre.",
        800,
        "Niger",
    ),
    "each side figure its own place": (
        "L'Espagne va envoyer 900 soldats, 600 en Lettonie et 300 en Lituanie.",
        300,
        "Lituanie",
    ),
    "the total takes no side figure's place": (
        "L'Espagne va envoyer 900 soldats, 600 en Lettonie et 300 en Lituanie.",
        900,
        None,
    ),
    "a side figure's place is not shared with the total": (
        "Près de 12 000 policiers et gendarmes sont mobilisés ce soir, dont 5 000 à Paris.",
        "Près de 12 000",
        None,
    ),
    "where the body whose strength changes is deployed": (
        "Le contingent, engagé au Liban depuis 2006, passera de 700 à 900 soldats.",
        900,
        "Liban",
    ),
    "a place between the event noun and the force's body": (
        "Le conseil a approuvé le déploiement au Tchad d'une force de 500 soldats.",
        500,
        "Tchad",
    ),
    "a place between the event noun and two forces": (
        "Les chefs d'état-major ont approuvé le déploiement à Bangui d'une force de 300 soldats et de 150 policiers.",
        150,
        "Bangui",
    ),
    "an area's own name, not the article's main place": (
        "À Paris, le ministre a annoncé l'envoi de 150 policiers dans la ville de Nîmes.",
        150,
        "Nîmes",
    ),
    "an area's name after 'de'": (
        "Le préfet a ordonné l'envoi de 200 gendarmes dans la région de Kidal, loin de Bamako.",
        200,
        "Kidal",
    ),
    "a zone is no zone of a place it only borders": (
        "Le Liban a déployé 2 000 soldats dans la zone frontalière avec Israël.",
        "2 000",
        "Liban",
    ),
    "the capital: the place the article names most, no nationality": (
        "Des milliers de Géorgiens ont manifesté à Tbilissi. "
        "Le gouvernement a déployé 4 000 policiers dans la capitale.",
        "4 000",
        "Tbilissi",
    ),
    "the article's one destination": (
        "Le Kenya a envoyé 400 policiers en Haïti. Un second contingent de 200 policiers partira en juin.",
        200,
        "Haïti",
    ),
}


@pytest.mark.parametrize("case", DESTINED)
def test_destination(analyzer, case):
    text, count, destination = DESTINED[case]
    forces = facts_of(analyzer, text, "troops")
    got = [f for f in forces if f.count.value == count or f.count.text == count]
    assert [f.destination for f in got] == [destination], [(f.count.text, f.destination) for f in forces]


@pytest.mark.parametrize(
    "text,want",
    [
        ("Huit enfants et cinq femmes ont été tués lundi.", [(5, "femmes"), (8, "enfants")]),
        ("Le gouvernement a confirmé la mort de neuf Français.", [(9, "Français")]),
        ("La tempête a fait un mort. Un homme de 62 ans a été tué à Namur par la chute d'un arbre.", [(1, "homme")]),
        ("Deux personnes sont mortes sur le coup : une femme de 54 ans et un homme de 60 ans.", [(2, None)]),
    ],
)
def test_men_and_women_are_victims_but_no_group(analyzer, text, want):
    """ "femmes", "homme" say who died (not "personnes"), but name no group of a total, and "un mort" then
    "un homme a été tué" is one death."""
    tolls = facts_of(analyzer, text, "casualties")
    assert sorted((f.count.value, f.victims) for f in tolls) == want, tolls


def test_announcer_sends_the_troops(analyzer):
    [f] = facts_of(analyzer, "Deux cents policiers supplémentaires seront déployés, a annoncé la préfecture.", "troops")
    assert f.count.value == 200 and f.actor == "la préfecture"


def test_second_verb_of_the_subject_sends(analyzer):
    """ "a ordonné ... et dépêché": one subject and one auxiliary for both verbs; "sur place" is no place."""
    text = "Le préfet a ordonné l'évacuation du quartier et dépêché 200 gendarmes sur place."
    [f] = facts_of(analyzer, text, "troops")
    assert f.count.value == 200 and f.actor == "Le préfet" and f.destination is None, (f.actor, f.destination)


def test_purpose_infinitive_reports_nothing(analyzer):
    """ "pour assurer la sécurité" is no "a assuré": the announcer after the figure sends the force."""
    text = (
        "Environ 300 soldats seront engagés cette semaine pour assurer la sécurité du sommet de Genève, "
        "a indiqué lundi le ministère de la Défense."
    )
    [f] = facts_of(analyzer, text, "troops")
    assert f.count.value == 300 and f.actor == "le ministère de la Défense", f.actor


def test_announcer_of_a_deployment_noun_after_a_day(analyzer):
    """The parse may hang the deployment noun on the day before it: the announcer still sends the force."""
    text = "Le ministre de l'Intérieur a annoncé dimanche la mobilisation de 12 000 gendarmes autour de la capitale."
    [f] = facts_of(analyzer, text, "troops")
    assert (f.count.value, f.actor) == (12000, "Le ministre de l'Intérieur")


def test_intention_read_over_a_slipped_parse(analyzer):
    """spaCy hangs "compte" on "Paris" and makes "envoyer" the root: the sender is still "Paris", and the
    intention still makes the deployment hypothetical."""
    [f] = facts_of(analyzer, "Paris compte envoyer 500 soldats supplémentaires en Roumanie.", "troops")
    assert (f.actor, f.modality) == ("Paris", "hypothetical")


def test_hyphenated_sender_is_one_name(analyzer):
    """A tokenizer may cut "Royaume-Uni" in three: the sender is the whole name."""
    [f] = facts_of(analyzer, "Le Royaume-Uni a annoncé l'envoi de 1 000 soldats en Estonie.", "troops")
    assert (f.actor, f.destination) == ("Le Royaume-Uni", "Estonie")


@pytest.mark.parametrize(
    "text,count,victims",
    [
        ("Un policier a été tué samedi. Trois autres ont été blessés.", 3, "policier"),
        # "autres" with a noun of its own says no more of the people before
        ("Le corps d'un homme a été retrouvé. Deux autres corps ont été retrouvés.", 2, None),
        # a group named before the count is who they are
        ("Un policier a été tué dans l'attaque. Parmi les assaillants, deux autres ont été blessés.", 2, None),
    ],
)
def test_others_of_the_sentence_before(analyzer, text, count, victims):
    got = [f.victims for f in extract_document(analyzer.parse(text), REF).facts if f.count.value == count]
    assert got == [victims]


def test_relative_clause_actor(analyzer):
    [f] = facts_of(analyzer, "Le ministère, qui a déployé 300 gendarmes dans la ville, appelle au calme.", "troops")
    assert f.count.value == 300 and f.actor == "Le ministère"


@pytest.mark.parametrize(
    "text,count,actor",
    [
        # a pronominal verb the parse may read as a passive: its subject still sends the force
        ("La Grande-Bretagne s'est engagée à envoyer 650 soldats.", 650, "La Grande-Bretagne"),
        # a pronoun repeating the subject of the verb above: that subject sends
        ("La Belgique doit elle dépêcher 150 soldats.", 150, "La Belgique"),
        # a relative after a comma, whatever clause the parse hangs it on
        (
            "L'Allemagne enverra 500 soldats en Lituanie, et le Canada, qui devrait expédier 1000 soldats, "
            "commandera le bataillon.",
            1000,
            "le Canada",
        ),
    ],
)
def test_sender_over_a_clause_above(analyzer, text, count, actor):
    got = [f.actor for f in facts_of(analyzer, text, "troops") if f.count.value == count]
    assert got == [actor]


def test_a_relatives_noun_phrase_sends(analyzer):
    """The relative after a comma stands for the whole noun phrase before it, not its "de" complement."""
    text = "Le ministre a reçu son homologue du Tchad, qui a promis d'envoyer 400 soldats."
    assert [f.actor for f in facts_of(analyzer, text, "troops")] == ["son homologue du Tchad"]


def test_a_new_subject_pronoun_takes_no_sender_from_above(analyzer):
    """ "et elle enverra": a coordinated clause's own subject, not the subject of the clause before."""
    text = "Le Mali a demandé de l'aide à la France, et elle enverra 500 soldats."
    assert "Le Mali" not in [f.actor for f in facts_of(analyzer, text, "troops")]


@pytest.mark.parametrize(
    "text,organization",
    [
        # a body named in two words
        (
            "La Chine a déployé dimanche 120 Casques bleus à Juba pour une mission des Nations unies. "
            "Le reste du bataillon de l'ONU partira en mai.",
            "Nations unies",
        ),
        # its acronym first
        (
            "Le Tchad a envoyé 300 soldats pour renforcer la Mission des Nations unies au Mali (Minusma).",
            "Minusma",
        ),
    ],
)
def test_organization_of_the_sentence(analyzer, text, organization):
    got = [f.organization for f in facts_of(analyzer, text, "troops")]
    assert got[:1] == [organization], got


def test_agent_stops_before_a_day(analyzer):
    """A day the parse hangs on the agent is no part of it ("par la police samedi")."""
    [f] = facts_of(analyzer, "Douze manifestants ont été interpellés par la gendarmerie samedi à Rennes.", "arrest")
    assert (f.agent, f.date, f.location) == ("la gendarmerie", "2024-05-04", "Rennes")


@pytest.mark.parametrize(
    "text,agent,location",
    [
        # the parse may hang the agent on the day before it
        (
            "Marc Durand, un voisin de la victime, avait été interpellé dimanche par les gendarmes.",
            "les gendarmes",
            None,
        ),
        # a named place after the agent is the fact's, not part of the agent
        ("Douze manifestants ont été interpellés samedi par la police à Rennes.", "la police", "Rennes"),
        ("Trois hommes ont été arrêtés par la police de Marseille.", "la police de Marseille", None),
    ],
)
def test_agent_of_a_passive_arrest(analyzer, text, agent, location):
    [f] = facts_of(analyzer, text, "arrest")
    assert (f.agent, f.location) == (agent, location)


def test_an_apposed_arrest_takes_no_agent_from_the_verb_before(analyzer):
    """ "Le juge a libéré deux suspects, interpellés samedi": the judge freed them, he did not arrest them."""
    text = "Le juge a libéré deux des suspects, interpellés samedi à Lyon."
    assert "Le juge" not in [f.agent for f in facts_of(analyzer, text, "arrest")]


def test_charge_from_implication(analyzer):
    [f] = facts_of(analyzer, "La police a arrêté douze militants impliqués dans l'attaque du dépôt.", "arrest")
    assert f.count.value == 12 and "attaque du dépôt" in (f.charge or "")


@pytest.mark.parametrize(
    "text,charge",
    [
        # the accused is someone else: the participle does not agree with the arrested
        (
            "Plus de 200 personnes ont été interpellées lors d'une marche de soutien à un militant, impliqué "
            "dans une affaire de fraude.",
            None,
        ),
        (
            "Une vingtaine de personnes ont été interpellées à Lyon lors d'un rassemblement en soutien à un "
            "syndicaliste accusé de fraude.",
            None,
        ),
        # ... but their group's charge is theirs, and one of theirs'
        (
            "Six personnes ont été interpellées lors du démantèlement d'une cellule soupçonnée de préparer des "
            "attentats.",
            "préparer des attentats",
        ),
        (
            "Trois personnes ont été interpellées mardi, dont un homme soupçonné d'avoir organisé le trafic.",
            "avoir organisé le trafic",
        ),
    ],
)
def test_charge_of_someone_else_is_not_theirs(analyzer, text, charge):
    [f] = facts_of(analyzer, text, "arrest")
    assert f.charge == charge, f.charge


def test_undated_crowd_is_the_day_of_the_article(analyzer):
    [f] = facts_of(analyzer, "Plus de 2 000 manifestants ont défilé à Brest.", "crowd")
    assert f.date == REF.isoformat() and f.location == "Brest"


def test_counter_is_the_source(analyzer):
    [f] = facts_of(analyzer, "Selon la police, 4 500 manifestants ont défilé à Tours.", "crowd")
    assert f.count.value == 4500 and f.source == "la police" and f.modality == "reported"


# The date of a fact (REF is a Monday): the day its sentence gives, never a statement's; else the day the
# article's lead gives; a deployment by the day of its announcement, never the lead's. id -> (text, fact
# type, count, date).
DATED = {
    "lead day dates the facts told after it": (
        "Des heurts ont opposé samedi des supporters aux forces de l'ordre à Lyon. "
        "Onze personnes ont été blessées, selon la préfecture.",
        "casualties",
        11,
        "2024-05-04",
    ),
    "a side figure's own day": (
        "Quelque 40 000 manifestants ont défilé samedi à Lyon, contre 55 000 au total le 20 avril.",
        "crowd",
        55000,
        "2024-04-20",
    ),
    "day of a statement is not the day of the fact": (
        "Un incendie a ravagé dimanche un entrepôt du port de Dunkerque. "
        "La préfecture a annoncé lundi que deux pompiers avaient été blessés.",
        "casualties",
        2,
        "2024-05-05",
    ),
    "toll announced on a day without the day of the event": (
        "Six mineurs ont été tués dans un coup de grisou, a annoncé lundi le ministère.",
        "casualties",
        6,
        None,
    ),
    "deployment takes no day from the lead": (
        "Des émeutes ont éclaté mardi dans le centre de Nantes. Cinq cents gendarmes seront déployés dans la ville.",
        "troops",
        500,
        None,
    ),
    "deployment is dated by its announcement": (
        "Des émeutes ont éclaté mardi à Nantes. Le ministère a annoncé jeudi l'envoi de 300 gendarmes dans la ville.",
        "troops",
        300,
        "2024-05-02",
    ),
    "another thing's day is not the day of the article": (
        "Le procès de l'attentat du 3 mai s'est ouvert à Paris dans une salle comble. "
        "Trois policiers ont été blessés lors d'incidents devant le palais de justice.",
        "casualties",
        3,
        None,
    ),
    "day first told after the lead is background": (
        "Trois randonneurs ont été blessés dans une avalanche près de Chamonix. "
        "Les secours sont intervenus en hélicoptère. "
        "Le groupe avait quitté jeudi un refuge du massif.",
        "casualties",
        3,
        None,
    ),
    "toll that grew on a day is dated by the event": (
        "Un glissement de terrain a frappé dimanche un village des Alpes. Lundi, le bilan s'est alourdi à neuf morts.",
        "casualties",
        9,
        "2024-05-05",
    ),
    "event named by its weekday is the day of the article": (
        "Les heurts de samedi à Lyon ont été violents. Onze personnes ont été blessées.",
        "casualties",
        11,
        "2024-05-04",
    ),
    "statement day inside the evidence is not the fact's": (
        "Un coup de grisou a frappé samedi la mine. Le ministère a annoncé lundi la mort de six mineurs.",
        "casualties",
        6,
        "2024-05-04",
    ),
    "night of a day is the day of the article": (
        "Des violences ont éclaté dans la nuit du samedi 4 mai à Rennes. Sept policiers ont été blessés.",
        "casualties",
        7,
        "2024-05-04",
    ),
    "a night from one day to the next is on neither": (
        "Une femme a été tuée dans la nuit du samedi 4 au dimanche 5 mai à Lyon.",
        "casualties",
        1,
        None,
    ),
    "the lead's night from one day to the next dates nothing": (
        "Un incendie a ravagé dans la nuit de lundi à mardi un immeuble de Roubaix. Trois personnes sont mortes.",
        "casualties",
        3,
        None,
    ),
    "a toll that kept growing on a day is dated by the storm": (
        "Au moins dix morts et trois disparus : le bilan des inondations ne cessait de s'alourdir dimanche "
        "dans le Var. Samedi soir, un violent orage s'est abattu sur la région.",
        "casualties",
        10,
        "2024-05-04",
    ),
    "the day the clashes broke out": (
        "Le bilan des heurts a continué de grimper lundi. Au total, douze personnes sont mortes. "
        "Samedi, de violents affrontements avaient éclaté dans la ville.",
        "casualties",
        12,
        "2024-05-04",
    ),
    "a pull quote before the lead is not one of its sentences": (
        "« Il est trop tôt pour connaître la cause de l'accident », a déclaré la procureure. "
        "Selon un bilan provisoire, trente personnes ont été blessées. "
        "Un enfant est mort dimanche dans l'accident d'un car sur l'autoroute A8.",
        "casualties",
        30,
        "2024-05-05",
    ),
    "a toll over 48 hours has no day": (
        "Samedi, une attaque a visé un marché à Kano. Trente personnes ont été tuées en 48 heures.",
        "casualties",
        30,
        None,
    ),
    "a period after a source set off by commas": (
        "Samedi, des heurts ont éclaté à Lyon. Au moins 300 personnes ont été blessées, selon les autorités, "
        "en trois jours.",
        "casualties",
        300,
        None,
    ),
    "a toll since the start of an operation has no day": (
        "Samedi, des milliers de manifestants ont défilé à Paris. Plus de 35 000 Palestiniens ont été tués "
        "depuis le début de l'opération israélienne.",
        "casualties",
        35000,
        None,
    ),
    "a pull quote of two sentences": (
        "« Il est trop tôt. Nous ne savons rien », a déclaré la procureure. Selon un bilan provisoire, trente "
        "personnes ont été blessées. Un enfant est mort dimanche dans l'accident d'un car sur l'autoroute A8.",
        "casualties",
        30,
        "2024-05-05",
    ),
    "a day inside the pull quote is no lead's day": (
        "« Dimanche dernier, nous avons tout perdu », a déclaré un habitant. Un incendie a ravagé un entrepôt "
        "à Nîmes. Trente personnes ont été blessées.",
        "casualties",
        30,
        None,
    ),
    "a toll since the start of something has no day": (
        "Des heurts ont éclaté samedi à Tbilissi. Au moins 113 personnes ont été blessées depuis le début du "
        "mouvement.",
        "casualties",
        113,
        None,
    ),
    "a toll over counted months has no day": (
        "La guerre a repris samedi. Plus de 3 500 enfants ont péri durant les 22 mois de conflit.",
        "casualties",
        3500,
        None,
    ),
    "a record since the start is no period of the fact": (
        "Des heurts ont éclaté samedi à Lyon. Trois policiers ont été blessés, un record depuis le début du mouvement.",
        "casualties",
        3,
        "2024-05-04",
    ),
    "the start of a day-long event starts no period": (
        "Des heurts ont éclaté samedi à Lyon. Vingt personnes ont été interpellées depuis le début de la "
        "manifestation.",
        "arrest",
        20,
        "2024-05-04",
    ),
    "hours are within the day": (
        "Des heurts ont éclaté samedi à Lyon. Onze policiers ont été blessés pendant les trois heures d'affrontements.",
        "casualties",
        11,
        "2024-05-04",
    ),
    "a crowd over days is no toll: the lead's day": (
        "Des heurts ont éclaté samedi à Lyon. Plus de 5 000 personnes ont manifesté pendant deux jours dans le centre.",
        "crowd",
        5000,
        "2024-05-04",
    ),
    "early evening is a time, no period": (
        "Des heurts ont éclaté samedi à Lyon. En début de soirée, onze policiers avaient été blessés.",
        "casualties",
        11,
        "2024-05-04",
    ),
    "a toll since a date has no day": (
        "Les pluies frappent la région. Trente personnes sont mortes depuis le 2 mai, selon la préfecture.",
        "casualties",
        30,
        None,
    ),
    "a toll since a day has no day": (
        "De violents orages frappent la région depuis samedi. Au total, quatorze personnes ont été blessées "
        "depuis samedi, selon la préfecture.",
        "casualties",
        14,
        None,
    ),
    "the day the article says the event took place": (
        "Deux cyclistes ont été tués par un camion à l'entrée de Tours. Six autres ont été blessés. "
        "Les coureurs s'entraînaient sur une route départementale. L'accident a eu lieu jeudi vers midi.",
        "casualties",
        6,
        "2024-05-02",
    ),
    "the day an event occurred, not the day of the toll": (
        "Selon un nouveau bilan publié dimanche, l'éboulement a fait douze morts. "
        "Des pluies diluviennes tombaient depuis une semaine sur la région. "
        "L'éboulement, survenu vendredi à l'aube, a enseveli une dizaine de maisons.",
        "casualties",
        12,
        "2024-05-03",
    ),
}


@pytest.mark.parametrize("case", sorted(DATED))
def test_date_of_the_fact(analyzer, case):
    text, kind, count, date = DATED[case]
    facts = facts_of(analyzer, text, kind)
    assert [f.date for f in facts if f.count.value == count] == [date], [(f.count.value, f.date) for f in facts]


@pytest.mark.parametrize(
    "text,date",
    [
        # one person's arrest follows the accident the article leads with: not on its day
        ("Un cycliste a été renversé samedi par une voiture à Tours. Le conducteur a été interpellé.", None),
        ("Une femme a été poignardée samedi à Rennes. Le suspect a été placé en garde à vue.", None),
        # unless the sentence gives its own day
        (
            "Un cycliste a été renversé samedi par une voiture à Tours. Le conducteur a été interpellé dimanche.",
            "2024-05-05",
        ),
        # people arrested at a protest, counted or not, are arrested during it
        ("Des heurts ont éclaté samedi à Lyon. Douze manifestants ont été interpellés.", "2024-05-04"),
        ("Des heurts ont éclaté samedi à Lyon. Parmi les personnes arrêtées figure Paul Durand.", "2024-05-04"),
        # several people named are a group too, and those arrested along with one person share his day
        ("Un homme a été tué samedi à Marseille. Jean Dupont et Paul Martin ont été interpellés.", "2024-05-04"),
        ("Des heurts ont éclaté samedi à Minsk. Le journaliste a été arrêté avec deux autres reporters.", "2024-05-04"),
    ],
)
def test_one_persons_arrest_takes_no_day_from_the_lead(analyzer, text, date):
    facts = facts_of(analyzer, text, "arrest")
    assert facts and all(f.date == date for f in facts), [(f.count, f.persons, f.date) for f in facts]


@pytest.mark.parametrize(
    "text,date",
    [
        # people arrested by the dozen in an article on a protest: its day, as its place
        (
            "Quelque 5 000 manifestants ont défilé à Nantes, selon la préfecture. "
            "En marge du cortège, une vingtaine de personnes ont été interpellées.",
            REF.isoformat(),
        ),
        # not a crowd foreseen
        (
            "Des heurts ont éclaté à Nantes et 40 personnes ont été interpellées. "
            "Les syndicats espèrent réunir 10 000 personnes samedi prochain.",
            None,
        ),
        # not where the sentence says they have no one day
        (
            "Quelque 5 000 manifestants ont défilé à Nantes, selon la préfecture. "
            "Au total, 37 manifestants ont été arrêtés depuis vendredi.",
            None,
        ),
    ],
)
def test_arrests_at_a_protest_take_its_day(analyzer, text, date):
    facts = facts_of(analyzer, text, "arrest")
    assert facts and all(f.date == date for f in facts), [(f.count, f.persons, f.date) for f in facts]


def test_a_clause_is_no_sender(analyzer):
    """A parse that makes "qui compte" the subject of "envoyer" gives no actor rather than a clause."""
    [f] = facts_of(analyzer, "Le Japon, qui compte envoyer 300 soldats, attend le vote du Parlement.", "troops")
    assert f.count.value == 300 and f.actor in (None, "Le Japon"), f.actor


def test_without_a_reference_a_day_keeps_no_year(analyzer):
    """No publication date: the fact's day is written as the `dates` list writes it, --MM-DD."""
    text = "Onze personnes ont été blessées le 4 mai lors d'une explosion à Lyon."
    [f] = [f for f in extract_document(analyzer.parse(text), None).facts if f.type == "casualties"]
    assert f.count.value == 11 and f.date == "--05-04", f.date


def test_one_sender_under_two_names(analyzer):
    """ "le Kenya" and the nationality of "policiers kényans" name one sender: the article's other
    deployment takes it."""
    text = (
        "Le Kenya a envoyé 400 policiers en Haïti en juin. Un second contingent de 200 policiers kényans est "
        "arrivé mardi. Un autre contingent de 300 policiers partira en septembre."
    )
    forces = {f.count.value: f.actor for f in facts_of(analyzer, text, "troops")}
    assert forces == {400: "Le Kenya", 200: "Kenya", 300: "Le Kenya"}, forces


def test_last_nights_fact_shares_the_place(analyzer):
    """Read on 2 January, "la nuit du 31 décembre" is the article's event, no past year's: it takes the
    article's place."""
    text = "Un incendie a ravagé un immeuble à Lyon. Trois personnes ont été tuées dans la nuit du 31 décembre."
    facts = extract_document(analyzer.parse(text), datetime.date(2024, 1, 2)).facts
    assert [(f.count.value, f.location, f.date) for f in facts if f.type == "casualties"] == [
        (3, "Lyon", "2023-12-31")
    ], facts
