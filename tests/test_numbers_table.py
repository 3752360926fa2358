"""How French news writes numbers, read through find_quantities: a table of sentences written for
this file, one count each (its span, value and qualifier: docs/conventions.md) or none at all."""

from __future__ import annotations

import pytest

from service.rules.quantity import find_quantities, parse_quantity

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"

# family -> [(sentence, span, value, qualifier)] or [(sentence, None)]
FAMILIES: dict[str, list[tuple]] = {
    # compound words joined by "et" (and "cent un")
    "et_compounds": [
        ("Vingt et un passagers ont été secourus en mer.", "Vingt et un", 21, "exact"),
        ("Vingt et une personnes ont été interpellées samedi soir.", "Vingt et une", 21, "exact"),
        ("L'effondrement a fait soixante et onze victimes.", "soixante et onze", 71, "exact"),
        ("Trente et une communes ont été déclarées sinistrées.", "Trente et une", 31, "exact"),
        ("Cent un gendarmes ont été mobilisés pour l'évacuation.", "Cent un", 101, "exact"),
        ("Les secours ont recensé quarante et un blessés légers.", "quarante et un", 41, "exact"),
        ("Cinquante et une familles ont été relogées par la mairie.", "Cinquante et une", 51, "exact"),
        ("Le naufrage a fait soixante-et-onze disparus.", "soixante-et-onze", 71, "exact"),
        ("Vingt-et-une victimes ont été identifiées par la police.", "Vingt-et-une", 21, "exact"),
        ("Au moins trente et un soldats ont péri dans l'embuscade.", "Au moins trente et un", 31, "at_least"),
        ("Cent une personnes ont signé la pétition des riverains.", "Cent une", 101, "exact"),
        ("La police a arrêté quatre-vingt-un suspects.", "quatre-vingt-un", 81, "exact"),
        ("Soixante-douze détenus ont été transférés.", "Soixante-douze", 72, "exact"),
        ("Deux cent vingt et un migrants ont débarqué à Lampedusa.", "Deux cent vingt et un", 221, "exact"),
        ("Mille et une personnes se sont inscrites au tirage au sort.", "Mille et une", 1001, "exact"),
    ],
    # long word numbers: millions, thousands, "mil"/"mille" before hundreds, "et demi"
    "large_words": [
        ("Un million deux cent mille réfugiés ont quitté le pays.", "Un million deux cent mille", 1200000, "exact"),
        (
            "Deux millions trois cent mille électeurs étaient inscrits.",
            "Deux millions trois cent mille",
            2300000,
            "exact",
        ),
        ("Mil neuf cent vingt soldats ont été rapatriés.", "Mil neuf cent vingt", 1920, "exact"),
        ("Mille neuf cent vingt soldats ont été rapatriés.", "Mille neuf cent vingt", 1920, "exact"),
        ("La préfecture a compté trois mille manifestants.", "trois mille", 3000, "exact"),
        ("Cent mille personnes ont défilé à Paris.", "Cent mille", 100000, "exact"),
        ("Deux cent cinquante mille foyers sont privés de courant.", "Deux cent cinquante mille", 250000, "exact"),
        ("Trois millions de personnes sont menacées par la famine.", "Trois millions", 3000000, "exact"),
        ("Quatre cents policiers ont été déployés autour du stade.", "Quatre cents", 400, "exact"),
        ("Un million et demi de personnes ont été déplacées.", "Un million et demi", 1500000, "exact"),
        ("Deux millions et demi de manifestants selon les syndicats.", "Deux millions et demi", 2500000, "exact"),
        ("Un demi-million de réfugiés ont franchi la frontière.", "Un demi-million", 500000, "exact"),
        ("Près d'un demi million de personnes ont défilé.", "Près d'un demi million", 500000, "approximate"),
        ("Le pays compte 1 million 200 000 déplacés.", "1 million 200 000", 1200000, "exact"),
        ("Plus de 2 millions 300 000 électeurs se sont abstenus.", "Plus de 2 millions 300 000", 2300000, "more_than"),
        ("Mille deux cents pompiers luttent contre les flammes.", "Mille deux cents", 1200, "exact"),
        ("Dix-sept mille cinq cents spectateurs ont été évacués.", "Dix-sept mille cinq cents", 17500, "exact"),
        ("Quatre-vingt mille fidèles sont attendus au pèlerinage.", "Quatre-vingt mille", 80000, "exact"),
        (
            "Le séisme a fait deux mille trois cent quarante-sept morts.",
            "deux mille trois cent quarante-sept",
            2347,
            "exact",
        ),
        ("Un milliard de personnes vivent sous le seuil de pauvreté.", "Un milliard", 1000000000, "exact"),
    ],
    # digits before a multiplier word, decimals with comma or dot
    "digits_multipliers": [
        ("Moscou a promis d'envoyer 3 mille soldats supplémentaires.", "3 mille", 3000, "exact"),
        ("Quelque 1,7 million de déplacés vivent dans des camps.", "Quelque 1,7 million", 1700000, "approximate"),
        ("Près de 2,5 millions d'enfants ne sont pas scolarisés.", "Près de 2,5 millions", 2500000, "approximate"),
        ("L'ONU estime que 1.5 million de personnes ont fui.", "1.5 million", 1500000, "exact"),
        ("Le pays compte 2.75 milliards d'habitants selon ce rapport.", "2.75 milliards", 2750000000, "exact"),
        ("Quelque 4 millions de Syriens vivent en Turquie.", "Quelque 4 millions", 4000000, "approximate"),
        ("Plus de 12 millions de foyers sont concernés.", "Plus de 12 millions", 12000000, "more_than"),
        ("Le virus a contaminé 1,2 milliard de personnes.", "1,2 milliard", 1200000000, "exact"),
        ("Environ 1 million et demi de pèlerins sont attendus.", "Environ 1 million et demi", 1500000, "approximate"),
        ("La manifestation a réuni 1,500 million de personnes selon la CGT.", "1,500 million", 1500000, "exact"),
        ("La ville a accueilli 30 mille réfugiés en un mois.", "30 mille", 30000, "exact"),
        ("Ils seraient 2 millions et demi à avoir fui les combats.", "2 millions et demi", 2500000, "exact"),
        ("Au moins 1,3 million de personnes ont été vaccinées.", "Au moins 1,3 million", 1300000, "at_least"),
    ],
    # Belgian and Swiss tens
    "belgian_swiss": [
        ("Septante personnes ont été évacuées à Liège.", "Septante", 70, "exact"),
        ("Huitante manifestants se sont réunis devant le parlement vaudois.", "Huitante", 80, "exact"),
        ("Octante agents ont été mobilisés à Fribourg.", "Octante", 80, "exact"),
        ("Nonante pompiers sont intervenus à Namur.", "Nonante", 90, "exact"),
        ("Septante-huit blessés ont été pris en charge à Charleroi.", "Septante-huit", 78, "exact"),
        ("Huitante et un migrants ont été secourus au large.", "Huitante et un", 81, "exact"),
        ("Nonante-neuf personnes ont été contrôlées à Genève.", "Nonante-neuf", 99, "exact"),
        ("La police bruxelloise a interpellé septante et un jeunes.", "septante et un", 71, "exact"),
        ("Environ nonante-cinq soldats belges seront déployés.", "Environ nonante-cinq", 95, "approximate"),
        (
            "Plus de septante-deux mille spectateurs étaient au stade.",
            "Plus de septante-deux mille",
            72000,
            "more_than",
        ),
        ("Octante-trois détenus ont été libérés à Lausanne.", "Octante-trois", 83, "exact"),
        ("Trois cent nonante personnes ont signé l'appel.", "Trois cent nonante", 390, "exact"),
        ("NONANTE-SEPT BLESSÉS À ANVERS", "NONANTE-SEPT", 97, "exact"),
    ],
    # digit groups: every separator, and the comma only where it cannot be a decimal
    "digit_groups": [
        ("Plus de 5 000 manifestants ont défilé à Lyon.", "Plus de 5 000", 5000, "more_than"),
        (f"La police a compté 5{NBSP}000 manifestants.", f"5{NBSP}000", 5000, "exact"),
        (f"On dénombre 12{NNBSP}300 déplacés dans la région.", f"12{NNBSP}300", 12300, "exact"),
        (f"Quelque 7{THIN}450 soldats sont stationnés à la frontière.", f"Quelque 7{THIN}450", 7450, "approximate"),
        ("Les autorités ont recensé 5.000 réfugiés.", "5.000", 5000, "exact"),
        ("Le cortège genevois a rassemblé 5'000 personnes.", "5'000", 5000, "exact"),
        ("Selon la police cantonale, 5’000 personnes ont manifesté.", "5’000", 5000, "exact"),
        ("Au total, 5,000 soldats ont été envoyés au front.", "5,000", 5000, "exact"),
        ("Quelque 12,500 fonctionnaires sont en grève.", "Quelque 12,500", 12500, "approximate"),
        ("Le recensement fait état de 1,250,000 sinistrés.", "1,250,000", 1250000, "exact"),
        ("Au total, 1 563 personnes ont été arrêtées.", "1 563", 1563, "exact"),
        (f"Le bilan atteint 1{NBSP}250{NBSP}000 sinistrés.", f"1{NBSP}250{NBSP}000", 1250000, "exact"),
        ("Le stade a accueilli 1.250.000 visiteurs cette saison.", "1.250.000", 1250000, "exact"),
        ("La manifestation suisse a réuni 1'250'000 personnes.", "1'250'000", 1250000, "exact"),
        ("Les secours ont évacué 2500 habitants.", "2500", 2500, "exact"),
        ("Quelque 350 000 foyers ont été privés d'électricité.", "Quelque 350 000", 350000, "approximate"),
        (f"Près de 18{NNBSP}000 personnes ont été évacuées.", f"Près de 18{NNBSP}000", 18000, "approximate"),
        ("Les syndicats revendiquent 45 000 grévistes.", "45 000", 45000, "exact"),
        ("L'armée a mobilisé 100.000 réservistes.", "100.000", 100000, "exact"),
        ("Au moins 2’300 personnes ont été hospitalisées.", "Au moins 2’300", 2300, "at_least"),
        ("On compte 999 999 abonnés privés de réseau.", "999 999", 999999, "exact"),
        ("Les pompiers ont secouru 47 habitants.", "47", 47, "exact"),
        ("En 2019 2 000 personnes avaient déjà été arrêtées.", "2 000", 2000, "exact"),
    ],
    # ranges: the lower bound, at_least
    "ranges": [
        ("Entre 10 000 et 12 000 personnes ont manifesté.", "Entre 10 000 et 12 000", 10000, "at_least"),
        ("Le cortège comptait 10 000 à 12 000 personnes.", "10 000 à 12 000", 10000, "at_least"),
        ("Les autorités évoquent 400-500 victimes.", "400-500", 400, "at_least"),
        ("Entre 3 et 5 millions de personnes ont voté.", "Entre 3 et 5 millions", 3000000, "at_least"),
        ("Deux ou trois agents ont été légèrement blessés.", "Deux ou trois", 2, "at_least"),
        ("Un à deux suspects seraient encore en fuite.", "Un à deux", 1, "at_least"),
        ("De 1,5 à 2 millions de personnes ont fui la région.", "1,5 à 2 millions", 1500000, "at_least"),
        ("Entre vingt et trente manifestants ont été interpellés.", "Entre vingt et trente", 20, "at_least"),
        ("Les ONG évoquent 5,000 à 6,000 réfugiés.", "5,000 à 6,000", 5000, "at_least"),
        ("Entre 1.5 et 2 millions de personnes ont été déplacées.", "Entre 1.5 et 2 millions", 1500000, "at_least"),
        ("Trois ou quatre cents civils se sont réfugiés dans l'église.", "Trois ou quatre cents", 300, "at_least"),
        ("Entre septante et huitante personnes sont attendues.", "Entre septante et huitante", 70, "at_least"),
        (f"De 8{NNBSP}000 à 9{NNBSP}000 soldats ont été déployés.", f"8{NNBSP}000 à 9{NNBSP}000", 8000, "at_least"),
        ("Les heurts ont fait 12–15 blessés.", "12–15", 12, "at_least"),
        ("Entre cent et deux cents personnes ont été évacuées.", "Entre cent et deux cents", 100, "at_least"),
        ("Vingt à trente mille personnes ont fui la ville.", "Vingt à trente mille", 20000, "at_least"),
        # the low end's thousands left unwritten
        ("La police en a compté 12 à 13.000 à Rennes.", "12 à 13.000", 12000, "at_least"),
        ("Entre 10 et 15 000 personnes ont défilé.", "Entre 10 et 15 000", 10000, "at_least"),
        ("De 500 à 1 000 personnes se sont rassemblées.", "500 à 1 000", 500, "at_least"),
    ],
    # qualifiers before or after the number (docs/conventions.md, "Counts")
    "qualifiers": [
        ("Un peu plus de 300 personnes ont été arrêtées.", "Un peu plus de 300", 300, "more_than"),
        ("Un peu moins de 2000 personnes ont voté.", "Un peu moins de 2000", 2000, "less_than"),
        ("Environ 2500 policiers ont été mobilisés.", "Environ 2500", 2500, "approximate"),
        ("Près de 300 personnes ont été évacuées.", "Près de 300", 300, "approximate"),
        ("Au moins dix-neuf personnes ont péri.", "Au moins dix-neuf", 19, "at_least"),
        ("Pas moins de 12 gendarmes ont été touchés.", "Pas moins de 12", 12, "at_least"),
        ("Moins de cinquante personnes se sont présentées.", "Moins de cinquante", 50, "less_than"),
        ("Jusqu'à 10.000 soldats pourraient être mobilisés.", "Jusqu'à 10.000", 10000, "at_most"),
        ("Plus d'un million de personnes ont manifesté.", "Plus d'un million", 1000000, "more_than"),
        ("Près d'un million d'habitants sont privés d'eau.", "Près d'un million", 1000000, "approximate"),
        ("Au-delà de 40 blessés ont été signalés.", "Au-delà de 40", 40, "more_than"),
        ("Le bilan s'élève à 300 environ.", "300 environ", 300, "approximate"),
        ("Le bilan est de 19 morts au moins, selon la police.", "19", 19, "exact"),
        ("On compterait 19 au moins parmi les civils.", "19 au moins", 19, "at_least"),
        ("Quasiment 800 agents étaient en service.", "Quasiment 800", 800, "approximate"),
        ("Au maximum 15 personnes pourront entrer.", "Au maximum 15", 15, "at_most"),
        ("Presque mille neuf cents personnes ont été évacuées.", "Presque mille neuf cents", 1900, "approximate"),
        ("De l'ordre de 3 000 hommes ont été envoyés.", "De l'ordre de 3 000", 3000, "approximate"),
        ("Un peu plus d’un millier de soldats ont été déployés.", "Un peu plus d’un millier", 1000, "more_than"),
        ("Autour de 1,2 million de spectateurs sont attendus.", "Autour de 1,2 million", 1200000, "approximate"),
        ("Pas plus de trente et un candidats seront retenus.", "Pas plus de trente et un", 31, "at_most"),
    ],
    # collectives: approximate singular, vague plural (docs/conventions.md, "Counts")
    "collectives": [
        ("Quelques centaines de militants se sont rassemblés.", "Quelques centaines", 200, "vague"),
        ("Plusieurs dizaines de blessés ont été soignés.", "Plusieurs dizaines", 20, "vague"),
        ("Des dizaines de milliers de manifestants ont défilé.", "Des dizaines de milliers", 20000, "vague"),
        ("Des centaines de milliers de réfugiés sont attendus.", "Des centaines de milliers", 200000, "vague"),
        ("Des milliers de personnes ont fui la ville.", "Des milliers", 2000, "vague"),
        ("Une vingtaine de véhicules ont été incendiés.", "Une vingtaine", 20, "approximate"),
        ("Une cinquantaine de gendarmes ont été envoyés.", "Une cinquantaine", 50, "approximate"),
        ("Un millier de soldats sont arrivés à l'aéroport.", "Un millier", 1000, "approximate"),
        ("Une centaine de personnes ont été évacuées.", "Une centaine", 100, "approximate"),
        ("Une quinzaine de policiers ont été blessés.", "Une quinzaine", 15, "approximate"),
        ("Plus d'une centaine de personnes ont été interpellées.", "Plus d'une centaine", 100, "more_than"),
        ("Deux centaines de familles ont été relogées.", "Deux centaines", 200, "approximate"),
        ("Trois milliers de soldats sont arrivés en renfort.", "Trois milliers", 3000, "approximate"),
        ("Des millions de personnes sont privées de soins.", "Des millions", 2000000, "vague"),
        ("Une bonne centaine de riverains ont protesté.", "Une bonne centaine", 100, "approximate"),
        ("La centaine de manifestants présents a été dispersée.", "La centaine", 100, "approximate"),
    ],
    # capitalised sentence starts and ALL CAPS headlines
    "case": [
        ("VINGT ET UN MORTS DANS UN ATTENTAT À KABOUL", "VINGT ET UN", 21, "exact"),
        ("PLUS DE 5 000 MANIFESTANTS À MARSEILLE", "PLUS DE 5 000", 5000, "more_than"),
        ("DES DIZAINES DE BLESSÉS APRÈS L'EXPLOSION", "DES DIZAINES", 20, "vague"),
        ("UN MILLION DEUX CENT MILLE ÉLECTEURS APPELÉS AUX URNES", "UN MILLION DEUX CENT MILLE", 1200000, "exact"),
        ("ENTRE 400 ET 500 INTERPELLATIONS", "ENTRE 400 ET 500", 400, "at_least"),
        ("Trois Mille Soldats Déployés Dans Le Sud", "Trois Mille", 3000, "exact"),
        ("Quatre-Vingt-Dix Prisonniers Libérés", "Quatre-Vingt-Dix", 90, "exact"),
        ("PRÈS D'UN MILLIER DE POLICIERS MOBILISÉS", "PRÈS D'UN MILLIER", 1000, "approximate"),
        ("Septante Blessés Lors Du Carnaval", "Septante", 70, "exact"),
        ("AU MOINS 1,5 MILLION DE DÉPLACÉS", "AU MOINS 1,5 MILLION", 1500000, "at_least"),
        ("MIL NEUF CENT VINGT RÉFUGIÉS ACCUEILLIS", "MIL NEUF CENT VINGT", 1920, "exact"),
        ("Quelques Centaines De Manifestants", "Quelques Centaines", 200, "vague"),
        ("Un Seul Blessé Lors De L'Incendie", "Un Seul", 1, "exact"),
    ],
    # not counts: years, names, money, percentages, times, ages, references, articles, decimals
    "negatives": [
        ("Les faits remontent à début 2019.", None),
        ("La réforme est entrée en vigueur en 2019.", None),
        ("Le site est fermé depuis 2015.", None),
        ("La crise dure depuis mil neuf cent vingt.", None),
        ("Les faits se sont produits en deux mille dix-neuf.", None),
        ("La pandémie de COVID-19 a bouleversé le secteur.", None),
        ("Le Su-35 a été abattu au-dessus de la ville.", None),
        ("La facture s'élève à 45 euros par habitant.", None),
        ("Le projet a coûté 3 millions d'euros.", None),
        ("L'amende atteint 1 500 € pour les récidivistes.", None),
        ("Le budget atteint 2,5 milliards de dollars.", None),
        ("Le chômage a atteint 12 % en un an.", None),
        ("Le taux est passé à 30 pour cent.", None),
        ("La hausse atteint 5,000 % selon l'institut.", None),
        ("L'attaque a eu lieu à 11 h 30 près du marché.", None),
        ("Le couvre-feu commence à 20 heures.", None),
        ("Un homme de 62 ans a été interpellé.", None),
        ("La victime, âgée de vingt et un ans, a été hospitalisée.", None),
        ("Voir la page 12 du rapport.", None),
        ("L'article 49 de la Constitution a été invoqué.", None),
        ("Un policier a été blessé par une pierre.", None),
        ("Une voiture a percuté un arbre.", None),
        ("Il a été placé en quarantaine à son retour.", None),
        ("La croissance a atteint 3,5 cette année.", None),
        ("La note moyenne est de 1.5 sur la période.", None),
        ("La course fait 1,500 km de long.", None),
        ("Le dossier 0,500 reste en suspens.", None),
        ("Le festival se tient du 8 au 9 juillet.", None),
        ("Les faits remontent au samedi 8 janvier.", None),
        ("Il conserve 1’51 d’avance sur son rival.", None),
        ("La version 1.2.3 du logiciel a été publiée.", None),
        ("Le mil et le sorgho manquent dans la région.", None),
        ("Il est arrivé 21e au classement général.", None),
        ("La dose est de 250 mg par jour.", None),
        ("Le rendez-vous est fixé à 11:30 devant la mairie.", None),
        ("Le camion pèse 5'000 kg à vide.", None),
        ("La guerre dure depuis trois mois.", None),
        ("Il a été condamné à trois ans de prison.", None),
        ("Des personnes ont été blessées.", None),
        ("Plusieurs personnes ont été interpellées.", None),
        ("Il est né en mille neuf cent quatre-vingt-dix.", None),
        ("Le stade a été rénové en 2022.", None),
        ("La loi du 3 août a été abrogée.", None),
    ],
}

TABLE = [
    (family, case[0], None if case[1] is None else tuple(case[1:]))
    for family, cases in FAMILIES.items()
    for case in cases
]
IDS = [f"{family}:{sentence[:45]}" for family, sentence, _ in TABLE]


@pytest.mark.parametrize("family,sentence,expected", TABLE, ids=IDS)
def test_table(family, sentence, expected):
    found = find_quantities(sentence)
    assert [(q.text, q.value, q.qualifier) for q in found] == ([] if expected is None else [expected])
    assert all(sentence[q.start : q.end] == q.text for q in found)


@pytest.mark.parametrize(
    "family,sentence,expected",
    [row for row in TABLE if row[2] is not None],
    ids=[i for i, row in zip(IDS, TABLE) if row[2] is not None],
)
def test_span_alone(family, sentence, expected):
    """The span read on its own is the same count (parse_quantity)."""
    span, value, qualifier = expected
    q = parse_quantity(span)
    assert q is not None and (q.text, q.value, q.qualifier) == expected


def test_table_size():
    assert len(TABLE) >= 150
    assert all(len(cases) >= 10 for cases in FAMILIES.values())
