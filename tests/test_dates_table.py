"""Date finder, table-driven: (sentence, reference, tense of every clause, expected mentions).

Every sentence was written for this table. `tense` is what `tense_at` answers for every offset
(None: no tense reader, as for a clause with no verb). Unless a case says otherwise the reference
is WED, Wednesday 15 March 2023; SAT is Saturday 18 March 2023, MON Monday 20 March 2023.
Expected mentions are (text, ISO value); an empty list means no date at all.
"""

import datetime as dt
import re

import pytest

from service.rules.dates import find_dates, find_relative_dates

WED = dt.date(2023, 3, 15)
SAT = dt.date(2023, 3, 18)
MON = dt.date(2023, 3, 20)
JUNE = dt.date(2023, 6, 15)  # a Thursday
FIRST, LAST = dt.date(1, 1, 1), dt.date(9999, 12, 31)

NUMERIC = [
    ("Le décret du 17/02/2014 a été abrogé.", WED, None, [("17/02/2014", "2014-02-17")]),
    ("Publié le 17.02.2014 au Journal officiel.", WED, None, [("17.02.2014", "2014-02-17")]),
    ("Le contrat signé le 17-02-2014 reste valable.", WED, None, [("17-02-2014", "2014-02-17")]),
    ("Mise à jour : 2015-03-03.", WED, None, [("2015-03-03", "2015-03-03")]),
    ("La circulaire du 17/02/14 précise les règles.", WED, None, [("17/02/14", "2014-02-17")]),
    ("Le colis est parti le 17/02 de Marseille.", WED, "past", [("17/02", "2023-02-17")]),
    ("Le 2/3, les grévistes ont bloqué le dépôt.", WED, "past", [("2/3", "2023-03-02")]),
    ("Rendez-vous le 20/03 pour la reprise.", WED, None, [("20/03", "2023-03-20")]),
    ("Le tribunal rendra sa décision le 05/04.", WED, "future", [("05/04", "2023-04-05")]),
    ("Mardi 14/03, la neige est tombée sur Lyon.", WED, "past", [("Mardi 14/03", "2023-03-14")]),
    ("Le vol AF 1234 du 03/03/2023 a été annulé.", WED, None, [("03/03/2023", "2023-03-03")]),
    ("Les deux tiers, soit 2/3 des votants, ont dit non.", WED, None, []),
    ("Il a obtenu 14/20 à l'examen.", WED, None, []),
    ("Le score était de 12/10 en sa faveur.", WED, None, []),
    ("Le 31/02 n'existe pas.", WED, None, []),
    ("La version 2.3.15 du logiciel est sortie.", WED, None, []),
    ("Le magasin est ouvert 24/7 depuis lundi.", WED, "present", [("lundi", "2023-03-13")]),
]

DAY_FORMS = [
    ("Le premier mars, les loyers augmentent.", WED, None, [("premier mars", "2023-03-01")]),
    ("La trêve commencera le premier avril.", WED, "future", [("premier avril", "2023-04-01")]),
    ("Le trois mai, la place était noire de monde.", WED, "past", [("trois mai", "2022-05-03")]),
    ("Elle est née le vingt et un juin 1990.", WED, "past", [("vingt et un juin 1990", "1990-06-21")]),
    ("Le 1er-Mai a rassemblé les syndicats.", dt.date(2023, 5, 3), "past", [("1er-Mai", "2023-05-01")]),
    ("Le 3e jour d'octobre, la crue a atteint son pic.", WED, "past", [("3e jour d'octobre", "2022-10-03")]),
    ("Le 2ème jour de juin, le col sera rouvert.", WED, "future", [("2ème jour de juin", "2023-06-02")]),
    ("Le dernier jour d'octobre 2015, le pont a cédé.", WED, None, [("dernier jour d'octobre 2015", "2015-10-31")]),
    ("Le dernier jour de février, le bilan a été publié.", WED, "past", [("dernier jour de février", "2023-02-28")]),
    ("Le dernier jour de février 2024 sera chômé.", WED, "future", [("dernier jour de février 2024", "2024-02-29")]),
    (
        "Le premier jour du mois prochain, la taxe s'appliquera.",
        WED,
        "future",
        [("premier jour du mois prochain", "2023-04-01")],
    ),
    ("Signé le 15 fév. 2013 à Bamako, l'accord a tenu.", WED, None, [("15 fév. 2013", "2013-02-15")]),
    ("Les résultats sont attendus le 5 juil.", WED, None, [("5 juil.", "2023-07-05")]),
    ("Le 8 sept. dernier, la rentrée a eu lieu.", WED, None, [("8 sept. dernier", "2022-09-08")]),
    ("Le 31 octobre 74, le stade a été inauguré.", WED, "past", [("31 octobre 74", "1974-10-31")]),
    ("Né le 2 mars 05 à Lille, il a grandi à Brest.", WED, "past", [("2 mars 05", "2005-03-02")]),
    ("Le 8 janvier 22 h 30, l'alerte a été levée.", WED, "past", [("8 janvier", "2023-01-08")]),
    ("Le 3 mai 12 manifestants ont été interpellés.", WED, "past", [("3 mai", "2022-05-03")]),
    ("Le 14 juillet 2000 soldats défileront.", WED, "future", [("14 juillet", "2023-07-14")]),
    ("Jeudi 16, le conseil municipal a voté le budget.", MON, "past", [("Jeudi 16", "2023-03-16")]),
    ("Vendredi 13, la bourse a dévissé.", WED, "past", [("Vendredi 13", "2023-01-13")]),
    ("Le match aura lieu samedi 1er à Lens.", WED, "future", [("samedi 1er", "2023-04-01")]),
    ("Le concert se tient jeudi 15 en plein air.", dt.date(2023, 6, 10), "present", [("jeudi 15", "2023-06-15")]),
    ("Jeudi 15 personnes ont été évacuées.", WED, "past", [("Jeudi", "2023-03-09")]),
    ("Mardi 14 h, la séance a été levée.", WED, "past", [("Mardi", "2023-03-14")]),
    ("Samedi 12 000 personnes ont défilé.", WED, "past", [("Samedi", "2023-03-11")]),
    ("Le 45 mars n'est pas une date.", WED, None, []),
    (
        "Le festival se tiendra du jeudi 6 au dimanche 9 juillet.",
        WED,
        "future",
        [("jeudi 6 au dimanche 9 juillet", "2023-07-06"), ("9 juillet", "2023-07-09")],
    ),
]

NAMED_DAYS = [
    ("Les magasins resteront ouverts jusqu'à Noël.", WED, "future", [("Noël", "2023-12-25")]),
    ("À Noël, la famille s'était réunie.", WED, "past", [("Noël", "2022-12-25")]),
    ("Le jour de Noël, les hôpitaux ont tourné au ralenti.", WED, "past", [("Le jour de Noël", "2022-12-25")]),
    ("Le jour de l'an, les rues étaient désertes.", WED, "past", [("Le jour de l'an", "2023-01-01")]),
    ("Le Nouvel An sera fêté sans feux d'artifice.", WED, "future", [("Le Nouvel An", "2024-01-01")]),
    ("Depuis le nouvel an, trois usines ont fermé.", WED, "past", [("le nouvel an", "2023-01-01")]),
    ("Depuis la Toussaint, trois tempêtes ont frappé la côte.", WED, "past", [("la Toussaint", "2022-11-01")]),
    (
        "La fête du Travail a donné lieu à des cortèges.",
        dt.date(2023, 5, 3),
        "past",
        [("La fête du Travail", "2023-05-01")],
    ),
    ("Le défilé du 14-Juillet se prépare déjà.", JUNE, "present", [("14-Juillet", "2023-07-14")]),
    (
        "La fête nationale du 14 juillet a été marquée par des incidents.",
        dt.date(2023, 7, 20),
        "past",
        [("La fête nationale du 14 juillet", "2023-07-14")],
    ),
    ("Les secours se préparent pour la Saint-Sylvestre.", WED, "present", [("la Saint-Sylvestre", "2023-12-31")]),
    (
        "Le réveillon de la Saint-Sylvestre s'est déroulé dans le calme.",
        WED,
        "past",
        [("Le réveillon de la Saint-Sylvestre", "2022-12-31")],
    ),
    ("La Saint-Valentin a fait le bonheur des fleuristes.", WED, "past", [("La Saint-Valentin", "2023-02-14")]),
    (
        "À la veille de la Saint-Jean, le village a dressé son bûcher.",
        dt.date(2023, 6, 23),
        "past",
        [("la Saint-Jean", "2023-06-24")],
    ),
    (
        "La veille du 14 juillet, la police a renforcé sa présence.",
        dt.date(2023, 7, 13),
        "past",
        [("14 juillet", "2023-07-14")],
    ),
    (
        "Le lundi de Pâques, les trains ont été supprimés.",
        dt.date(2023, 5, 1),
        "past",
        [("Le lundi de Pâques", "2023-04-10")],
    ),
    ("Les négociations reprendront après Pâques.", WED, "future", [("Pâques", "2023-04-09")]),
    ("La Pentecôte tombe tard cette année.", WED, "present", [("La Pentecôte", "2023-05-28"), ("cette année", "2023")]),
    ("Noël Mamère a réagi à ces propos.", WED, "past", []),
    ("Les vacances de Noël commencent bientôt.", WED, "present", []),
    ("Il a fui vers l'île de Pâques.", WED, "past", []),
    ("Il a offert un cadeau à Noël Dupont.", WED, "past", []),
]

DEICTIC = [
    ("Aujourd'hui, le trafic est normal.", WED, None, [("Aujourd'hui", "2023-03-15")]),
    ("Aujourd’hui, le trafic est normal.", WED, None, [("Aujourd’hui", "2023-03-15")]),
    ("Aujourdʼhui, le trafic est normal.", WED, None, [("Aujourdʼhui", "2023-03-15")]),
    ("Aujourd′hui, le trafic est normal.", WED, None, [("Aujourd′hui", "2023-03-15")]),
    ("Aujourd＇hui, le trafic est normal.", WED, None, [("Aujourd＇hui", "2023-03-15")]),
    ("AUJOURD'HUI À LA UNE", WED, None, [("AUJOURD'HUI", "2023-03-15")]),
    (
        "Avant-hier et hier, la circulation a été coupée.",
        WED,
        "past",
        [("Avant-hier", "2023-03-13"), ("hier", "2023-03-14")],
    ),
    ("Après-demain, le col sera fermé.", WED, "future", [("Après-demain", "2023-03-17")]),
    ("Demain en huit, la piscine rouvrira.", WED, "future", [("Demain en huit", "2023-03-23")]),
    ("L'an dernier, la récolte a été mauvaise.", WED, "past", [("L'an dernier", "2022")]),
    ("L'année prochaine, le tarif augmentera.", WED, "future", [("L'année prochaine", "2024")]),
    ("L’année passée a été la plus chaude.", WED, "past", [("L’année passée", "2022")]),
    ("Le mois dernier, les ventes ont reculé.", WED, "past", [("Le mois dernier", "2023-02")]),
    ("Le mois prochain, le chantier reprendra.", WED, "future", [("Le mois prochain", "2023-04")]),
    ("Cette année, la fête a été annulée.", WED, "past", [("Cette année", "2023")]),
    ("Ce mois-ci, trois usines ont fermé.", WED, "past", [("Ce mois-ci", "2023-03")]),
    (
        "Le mois dernier de l'an dernier.",
        dt.date(2023, 1, 10),
        None,
        [("Le mois dernier", "2022-12"), ("l'an dernier", "2022")],
    ),
    (
        "Le vote aura lieu mercredi de la semaine prochaine.",
        WED,
        "future",
        [("mercredi de la semaine prochaine", "2023-03-22")],
    ),
    (
        "La réunion de mardi de la semaine dernière a tourné court.",
        WED,
        "past",
        [("mardi de la semaine dernière", "2023-03-07")],
    ),
    ("Le rapport sort vendredi de cette semaine.", WED, "present", [("vendredi de cette semaine", "2023-03-17")]),
    ("Il revient lundi en huit.", WED, "future", [("lundi en huit", "2023-03-27")]),
    ("Le procès reprendra mardi en quinze.", WED, "future", [("mardi en quinze", "2023-04-04")]),
    ("Mercredi en huit, la cour tranchera.", WED, "future", [("Mercredi en huit", "2023-03-22")]),
    (
        "Le marché se tiendra le premier mercredi du mois prochain.",
        WED,
        "future",
        [("premier mercredi du mois prochain", "2023-04-05")],
    ),
    (
        "Le dernier vendredi du mois dernier, la grève a été suivie.",
        WED,
        "past",
        [("dernier vendredi du mois dernier", "2023-02-24")],
    ),
    (
        "Le deuxième mardi de mars 2022, les urnes ont parlé.",
        WED,
        "past",
        [("deuxième mardi de mars 2022", "2022-03-08")],
    ),
    (
        "Le troisième samedi d'avril, la course partira de Caen.",
        WED,
        "future",
        [("troisième samedi d'avril", "2023-04-15")],
    ),
]

DIRECTION = [
    # the clause decides: past -> the most recent one, future -> the next one
    ("La conférence a eu lieu le 20 mars.", WED, "past", [("20 mars", "2022-03-20")]),
    ("La conférence aura lieu le 10 mars.", WED, "future", [("10 mars", "2024-03-10")]),
    ("La conférence aura lieu le 15 mars.", WED, "future", [("15 mars", "2023-03-15")]),
    ("Il a été arrêté vendredi.", WED, "past", [("vendredi", "2023-03-10")]),
    ("Il sera jugé vendredi.", WED, "future", [("vendredi", "2023-03-17")]),
    ("Les travaux reprendront en mai.", WED, "future", [("mai", "2023-05")]),
    ("En octobre, le prix a doublé.", WED, "past", [("octobre", "2022-10")]),
    ("En mars, le prix a doublé.", WED, "past", [("mars", "2023-03")]),
    # then the words
    ("La décision est attendue pour le 10 février.", WED, "present", [("10 février", "2024-02-10")]),
    ("La consultation reste ouverte jusqu'au 1er mars.", JUNE, "present", [("1er mars", "2024-03-01")]),
    ("Les inscriptions sont possibles d'ici le 2 février.", JUNE, "present", [("2 février", "2024-02-02")]),
    ("Le tarif s'applique à partir du 1er janvier.", JUNE, "present", [("1er janvier", "2024-01-01")]),
    ("Les boutiques rouvrent dès lundi.", WED, "present", [("lundi", "2023-03-20")]),
    ("Le musée est fermé depuis le 20 août.", WED, "present", [("20 août", "2022-08-20")]),
    ("Il est en grève depuis vendredi.", WED, "present", [("vendredi", "2023-03-10")]),
    ("Le 22 mars prochain, le jury délibérera.", dt.date(2023, 3, 25), None, [("22 mars prochain", "2024-03-22")]),
    ("Le 10 mars dernier, l'usine a fermé.", WED, None, [("10 mars dernier", "2023-03-10")]),
    ("Lundi prochain, la grève reprendra.", WED, None, [("Lundi prochain", "2023-03-20")]),
    ("Mardi dernier, la grève a cessé.", WED, None, [("Mardi dernier", "2023-03-07")]),
    ("En septembre dernier, la rentrée a été chaotique.", WED, None, [("septembre dernier", "2022-09")]),
    ("En juin prochain, la ligne ouvrira.", WED, None, [("juin prochain", "2023-06")]),
    # then nearness: present tense, or a noun phrase with no verb
    ("La conférence du 20 mars.", WED, None, [("20 mars", "2023-03-20")]),
    ("La conférence du 10 mars.", WED, None, [("10 mars", "2023-03-10")]),
    ("Le scrutin du 14 juin.", WED, None, [("14 juin", "2023-06-14")]),
    ("Le scrutin du 14 octobre.", WED, None, [("14 octobre", "2022-10-14")]),
    ("Dans la nuit de vendredi à samedi.", WED, None, [("vendredi", "2023-03-17"), ("samedi", "2023-03-18")]),
    (
        "Dans la nuit de vendredi à samedi, un incendie a éclaté.",
        WED,
        "past",
        [("vendredi", "2023-03-10"), ("samedi", "2023-03-11")],
    ),
    ("La réunion de vendredi s'annonce tendue.", WED, "present", [("vendredi", "2023-03-17")]),
    ("La réunion de lundi s'annonce tendue.", WED, "present", [("lundi", "2023-03-13")]),
    ("Mercredi, le gouvernement présente son plan.", WED, "present", [("Mercredi", "2023-03-15")]),
    ("Ce dimanche, le marathon traverse la ville.", SAT, "present", [("Ce dimanche", "2023-03-19")]),
    ("Les élections de mai s'annoncent serrées.", WED, "present", [("mai", "2023-05")]),
    ("Les élections d'octobre s'annoncent serrées.", WED, "present", [("octobre", "2022-10")]),
    ("Le sommet de septembre.", WED, None, [("septembre", "2022-09")]),  # a tie goes to the past
    ("Le sommet du 29 février.", WED, None, [("29 février", "2024-02-29")]),
]

ANAPHORIC = [
    ("La veille, la police avait bouclé le quartier.", WED, "past", []),
    ("Le lendemain, le calme est revenu.", WED, "past", []),
    ("Deux jours plus tard, l'enquête a été close.", WED, "past", []),
    ("Le jour suivant, les écoles ont rouvert.", WED, "past", []),
    ("Trois semaines plus tôt, la digue avait été renforcée.", WED, "past", []),
    ("Ce jour-là, ce lundi-là, personne n'est venu.", WED, "past", []),
    ("L'année suivante, le club a été relégué.", WED, "past", []),
    ("Le mois précédent, les prix avaient grimpé.", WED, "past", []),
    ("Cette année-là, la récolte fut maigre.", WED, "past", []),
]

NOT_DATES = [
    # durations, ages, times of day
    ("La grève a duré trois semaines et deux jours.", WED, "past", []),
    ("Il a été condamné à 2 ans de prison ferme.", WED, "past", []),
    ("Un garçon de 12 ans a été blessé.", WED, "past", []),
    ("L'explosion s'est produite à 14 h 30.", WED, "past", []),
    ("Le train est arrivé à 18:45 en gare.", WED, "past", []),
    ("Le compte à rebours affiche 10:00.", WED, None, []),
    ("Il marche depuis 1500 kilomètres.", WED, "present", []),
    # scores, prices, numbers, page numbers
    ("Lyon s'est imposé 3-1 face à Nice.", WED, "past", []),
    ("Le score était de 21/14 à la mi-temps.", WED, "past", []),
    ("Le billet coûte 2019 euros.", WED, "present", []),
    ("Le loyer est passé à 1950 €.", WED, "past", []),
    ("Voir la page 2014 du rapport.", WED, None, []),
    ("Le numéro 2015 de la revue est paru.", WED, "past", []),
    ("Il a parcouru 2010 kilomètres à pied.", WED, "past", []),
    ("Les deux équipes ont 1960 points au classement.", WED, "present", []),
    ("Il a pris la sortie 14 de l'autoroute.", WED, "past", []),
    ("Sept personnes ont été blessées.", WED, "past", []),
    ("Le vol 2047 a été dévié.", WED, "past", []),
    # years inside names
    ("Il a remporté l'Euro 2016 avec le Portugal.", WED, "past", []),
    ("Les JO de Paris 2024 approchent.", WED, "present", []),
    ("Le Tour de France 2019 est parti de Bruxelles.", WED, "past", []),
    ("Le plan Vigipirate 2030 a été présenté.", WED, "past", []),
    # counts that are not years
    ("Sur 2 000 suspects, 1 563 ont été arrêtés.", WED, "past", []),
    ("Au total, 1563 ont été arrêtés.", WED, "past", []),
    ("Parmi eux, 1984 se sont rendus.", WED, "past", []),
    ("1200 ont été relâchés dans la soirée.", WED, "past", []),
    ("Les policiers étaient 1800 à encadrer le cortège.", WED, "past", []),
    ("Ils étaient 2000 et 1500 ont été blessés.", WED, "past", []),
    ("Entre 1200 et 1500 manifestants ont défilé.", WED, "past", []),
    ("Selon la préfecture, 2014 manifestants ont défilé.", WED, "past", []),
    ("Sur les 3 000 inscrits, 2016 ont voté.", WED, "past", []),
    ("Il y a 2000 ans, la ville était romaine.", WED, "past", []),
    ("Bilan : 1563.", WED, None, []),
]

YEARS = [
    ("En 1998, la France a gagné la Coupe du monde.", WED, "past", [("1998", "1998")]),
    ("Le site est classé depuis 1979.", WED, "present", [("1979", "1979")]),
    ("Dès 2025, les voitures thermiques seront taxées.", WED, "future", [("2025", "2025")]),
    ("La loi de 1905 reste une référence.", WED, "present", [("1905", "1905")]),
    ("La bataille de 1515 est restée célèbre.", WED, "present", [("1515", "1515")]),
    (
        "Ses albums (1971, 1973 et 1977) ont marqué l'époque.",
        WED,
        "past",
        [("1971", "1971"), ("1973", "1973"), ("1977", "1977")],
    ),
    ("2014 : l'année où tout a basculé.", WED, None, [("2014", "2014")]),
    ("Avant 2000, le quartier était un marais.", WED, "past", [("2000", "2000")]),
    ("Au printemps 2021, les terrasses ont rouvert.", WED, "past", [("2021", "2021")]),
    ("Les chiffres de 2019 et 2020 ont été révisés.", WED, "past", [("2019", "2019"), ("2020", "2020")]),
    ("Il a vécu à Lyon de 1990 à 1995.", WED, "past", [("1990", "1990"), ("1995", "1995")]),
    ("La population de 2020 a baissé.", WED, "past", [("2020", "2020")]),
    ("Après 2008, la banque a changé de nom.", WED, "past", [("2008", "2008")]),
    ("Le monument date de l'an 1200 environ.", WED, None, [("1200", "1200")]),
    ("Il est resté ministre pendant 2017 et 2018.", WED, "past", [("2017", "2017"), ("2018", "2018")]),
    ("D'ici 2030, la centrale sera fermée.", WED, "future", [("2030", "2030")]),
    ("Fin 2022, la dette a atteint un record.", WED, "past", [("Fin 2022", "2022")]),
    ("Mi-2024, le chantier sera achevé.", WED, "future", [("Mi-2024", "2024")]),
    ("1870 : la ville est assiégée.", WED, "present", [("1870", "1870")]),
    ("Il a relu un roman (Le Rouge et le Noir, 1830) cet été.", WED, "past", [("1830", "1830")]),
    ("Entre 1870 et 1871, la ville a été assiégée.", WED, "past", [("1870", "1870"), ("1871", "1871")]),
]

LIMITS = [
    # values whose year falls outside 1-9999 are dropped, never written
    ("L'an prochain, le mois prochain, demain.", LAST, None, []),
    ("L'an dernier, le mois dernier et hier.", FIRST, None, []),
    ("Le 2 janvier sera férié.", LAST, "future", []),
    ("Le 5 mars a été férié.", FIRST, "past", []),
    ("Lundi prochain, la fête.", LAST, None, []),
    ("Samedi dernier, la fête.", FIRST, None, []),
    ("Le 31/10/74 a compté.", FIRST, None, []),
    ("Le réveillon de Noël aura lieu.", LAST, "future", []),
    ("Le 3 mars 9999 et le 24 décembre.", LAST, None, [("3 mars 9999", "9999-03-03"), ("24 décembre", "9999-12-24")]),
    ("Le 2 janvier et la Toussaint.", FIRST, None, [("2 janvier", "0001-01-02"), ("la Toussaint", "0001-11-01")]),
    # no reference: a year or --MM-DD / --MM, nothing deictic
    (
        "Le 3e jour d'octobre et le premier mars, hier.",
        None,
        None,
        [("3e jour d'octobre", "--10-03"), ("premier mars", "--03-01")],
    ),
    ("Le 17/02, à Noël et lundi en huit.", None, None, [("17/02", "--02-17"), ("Noël", "--12-25")]),
]

CASES = NUMERIC + DAY_FORMS + NAMED_DAYS + DEICTIC + DIRECTION + ANAPHORIC + NOT_DATES + YEARS + LIMITS

# Offsets and weeks: resolved by find_relative_dates, kept out of the `dates` list (docs/conventions.md,
# "Dates"). (sentence, reference, expected (text, value, grain)).
RELATIVE = [
    ("Il y a trois semaines, le barrage a cédé.", WED, [("Il y a trois semaines", "2023-02-22", "day")]),
    ("Il y a deux ans, la mine a fermé.", WED, [("Il y a deux ans", "2021", "year")]),
    ("Dans deux mois, la ligne ouvrira.", WED, [("Dans deux mois", "2023-05", "month")]),
    ("Dans une semaine, le verdict tombera.", WED, [("Dans une semaine", "2023-03-22", "day")]),
    ("Dans un an, le stade sera prêt.", WED, [("Dans un an", "2024", "year")]),
    ("Il ya un jour, la digue a lâché.", WED, [("Il ya un jour", "2023-03-14", "day")]),
    ("La mairie a été évacuée il y a 10 jours.", WED, [("il y a 10 jours", "2023-03-05", "day")]),
    ("Il y a quatorze mois, l'usine a fermé.", WED, [("Il y a quatorze mois", "2022-01", "month")]),
    ("Cette semaine, le Parlement examine le texte.", WED, [("Cette semaine", "2023-W11", "week")]),
    ("La semaine prochaine, les écoles fermeront.", WED, [("La semaine prochaine", "2023-W12", "week")]),
    ("La semaine dernière, le froid a sévi.", WED, [("La semaine dernière", "2023-W10", "week")]),
    ("Le bilan de la semaine passée est lourd.", dt.date(2023, 1, 4), [("la semaine passée", "2022-W52", "week")]),
    ("Cette semaine-là, rien n'a bougé.", WED, []),
    ("Il y a plusieurs années, la mine a fermé.", WED, []),
    ("Dans les deux mois, la réforme entrera en vigueur.", WED, []),
    ("Le vote aura lieu mercredi de la semaine prochaine.", WED, []),  # one date, in find_dates
    ("Il y a trois semaines, le barrage a cédé.", None, []),
    ("Dans un an, le stade sera prêt.", LAST, []),
    ("Il y a deux jours, le barrage a cédé.", FIRST, []),
]


def _grain_of(value):
    for pattern, grain in ((r"(\d{4}|-)-\d\d-\d\d", "day"), (r"(\d{4}|-)-\d\d", "month"), (r"\d{4}", "year")):
        if re.fullmatch(pattern, value):
            return grain
    raise AssertionError(value)


def _year_ok(value):
    return value.startswith("--") or 1 <= int(value[:4]) <= 9999


@pytest.mark.parametrize("text,ref,tense,expected", CASES)
def test_table(text, ref, tense, expected):
    found = find_dates(text, ref, (lambda _offset: tense) if tense else None)
    assert [(d.text, d.value) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text
        assert d.grain == _grain_of(d.value) and _year_ok(d.value)


@pytest.mark.parametrize("text,ref,expected", RELATIVE)
def test_relative(text, ref, expected):
    found = find_relative_dates(text, ref)
    assert [(d.text, d.value, d.grain) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text
    spans = {(d.start, d.end) for d in find_dates(text, ref)}
    assert not spans & {(d.start, d.end) for d in found}  # never in the `dates` list


def test_table_size():
    assert len(CASES) + len(RELATIVE) >= 150
    assert len({c[0] for c in CASES}) == len(CASES)  # no sentence twice
