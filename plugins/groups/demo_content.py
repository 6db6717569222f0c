"""Demo groups and discussions per language.

Group: (slug, name, visibility, ICD-10 codes, description, threads); thread: (title,
opening, replies); a reply starting with ">" quotes the message before it.
"""

from __future__ import annotations

__all__ = ["GROUPS", "SUGGESTED_ONLY"]

#: Groups Camille, Oliver and Lena leave unjoined: they match their conditions (suggestions).
SUGGESTED_ONLY = frozenset({"asthme", "migraine", "asthma", "depression"})

Thread = tuple[str, str, list[str]]
GroupSpec = tuple[str, str, str, tuple[str, ...], str, list[Thread]]

GROUPS: dict[str, list[GroupSpec]] = {
    "fr": [
        (
            "entorse-cheville",
            "Entorse de la cheville",
            "public",
            ("S93.4",),
            "Se remettre d'une entorse : rééducation, reprise du sport, douleurs qui traînent.",
            [
                (
                    "Combien de temps avant de reprendre la course ?",
                    "Entorse moyenne il y a 5 semaines, je marche bien mais j'ai peur de recourir. "
                    "Vous avez repris au bout de combien de temps ?",
                    [
                        "Pour moi 8 semaines, avec l'accord du kiné. "
                        "J'ai commencé par **10 minutes** sur terrain plat.",
                        "> Pareil, le kiné m'a fait faire des exercices d'équilibre sur un pied avant.",
                        "Écoute ta cheville : un peu de gêne c'est normal, une vraie douleur non.",
                    ],
                ),
                (
                    "Strapping ou chevillère ?",
                    "On m'a conseillé une chevillère pour la reprise. Vous trouvez ça mieux que le strapping ?",
                    [
                        "Chevillère pour le quotidien, strapping fait par le kiné pour le sport.",
                        "Je n'ai utilisé que la chevillère, ça m'a rassurée.",
                    ],
                ),
            ],
        ),
        (
            "anxiete",
            "Anxiété",
            "public",
            ("F41",),
            "Un espace bienveillant pour parler d'anxiété, de crises d'angoisse et de ce qui nous aide.",
            [
                (
                    "Ce qui vous aide pendant une crise",
                    "Je commence à repérer les signes avant une crise. Qu'est-ce qui vous aide sur le moment ?\n\n"
                    "- respirer lentement\n- sortir marcher\n- appeler quelqu'un",
                    [
                        "La respiration 4-7-8 m'aide beaucoup, même si ça paraît simple.",
                        "> J'ajoute : nommer 5 choses que je vois autour de moi. Ça me ramène au présent.",
                        "Merci pour ce fil, je me sens moins seule.",
                        "N'hésitez pas à en parler à votre médecin aussi, une TCC m'a beaucoup aidé.",
                    ],
                ),
                (
                    "Anxiété et travail",
                    "Comment gérez-vous les réunions quand l'anxiété monte ?",
                    [
                        "Je prépare mes notes à l'avance, ça me rassure.",
                        "J'en ai parlé à ma manager, elle a été compréhensive.",
                    ],
                ),
            ],
        ),
        (
            "diabete-type-2",
            "Diabète de type 2",
            "public",
            ("E11",),
            "Alimentation, activité physique, traitements et suivi au quotidien.",
            [
                (
                    "Vos idées de petit-déjeuner",
                    "Je cherche des idées de petit-déjeuner qui ne font pas grimper ma glycémie.",
                    [
                        "Pain complet, fromage blanc et quelques noix pour moi.",
                        "> Le fromage blanc avec des fruits rouges, c'est mon préféré.",
                        "Flocons d'avoine cuits à l'eau avec de la cannelle.",
                    ],
                ),
            ],
        ),
        (
            "sclerose-en-plaques",
            "Sclérose en plaques",
            "public",
            ("G35",),
            "Partager nos expériences de la SEP : fatigue, traitements, vie quotidienne.",
            [
                (
                    "Gérer la fatigue",
                    "La fatigue est mon symptôme le plus difficile. Comment organisez-vous vos journées ?",
                    [
                        "Je fais les choses importantes le matin et je garde une sieste après le déjeuner.",
                        "> La sieste a changé ma vie aussi. Et je dis non plus souvent.",
                        "L'activité physique adaptée m'a aidée, en douceur.",
                    ],
                ),
            ],
        ),
        (
            "aidants",
            "Aidants familiaux",
            "private",
            (),
            "Pour celles et ceux qui accompagnent un proche malade. Groupe privé : les messages restent entre membres.",
            [
                (
                    "Trouver du temps pour soi",
                    "J'accompagne ma mère depuis deux ans. Comment faites-vous pour souffler un peu ?",
                    [
                        "L'accueil de jour deux fois par semaine m'a sauvé.",
                        "Je me garde une soirée par semaine, sans exception.",
                    ],
                ),
            ],
        ),
        (
            "asthme",
            "Asthme",
            "public",
            ("J45",),
            "Vivre avec l'asthme : traitements de fond, crises, sport, pollens.",
            [
                (
                    "Le sport avec un asthme d'effort",
                    "Je voudrais reprendre la natation. Vous prenez votre ventoline avant ?",
                    [
                        "Oui, 15 minutes avant, et un **échauffement progressif**.",
                        "> La natation m'a plutôt aidée, l'air humide passe mieux.",
                    ],
                ),
            ],
        ),
        (
            "migraine",
            "Migraine",
            "public",
            ("G43",),
            "Crises, déclencheurs, traitements et vie au travail avec la migraine.",
            [
                (
                    "Tenir un carnet des crises, ça aide ?",
                    "Mon neurologue me conseille de noter mes crises. Vous notez quoi exactement ?",
                    [
                        "L'heure, le sommeil de la nuit, ce que j'ai mangé et le traitement pris.",
                        "Au bout de trois mois j'ai vu que le manque de sommeil revenait *à chaque fois*.",
                    ],
                ),
            ],
        ),
    ],
    "en": [
        (
            "type-2-diabetes",
            "Type 2 diabetes",
            "public",
            ("E11",),
            "Food, exercise, medication and day-to-day life with type 2 diabetes.",
            [
                (
                    "Breakfast ideas",
                    "Looking for breakfasts that don't spike my glucose. What works for you?",
                    [
                        "Porridge with cinnamon and a few walnuts.",
                        "> Porridge here too, made with water and topped with berries.",
                    ],
                ),
            ],
        ),
        (
            "anxiety",
            "Anxiety",
            "public",
            ("F41",),
            "A kind space to talk about anxiety and panic, and what helps.",
            [
                (
                    "What helps during a panic attack?",
                    "I'm starting to notice the signs before an attack. What helps you in the moment?",
                    [
                        "Slow breathing, counting to four in and six out.",
                        "> Grounding too: naming five things I can see.",
                    ],
                ),
            ],
        ),
        (
            "multiple-sclerosis",
            "Multiple sclerosis",
            "public",
            ("G35",),
            "Sharing our experience of MS: fatigue, treatment, everyday life.",
            [
                (
                    "Managing fatigue",
                    "Fatigue is the hardest part for me. How do you plan your days?",
                    ["Important things in the morning, rest after lunch."],
                )
            ],
        ),
        (
            "carers",
            "Carers' corner",
            "private",
            (),
            "For people caring for someone who is ill. Private group.",
            [
                (
                    "Finding respite care",
                    "Has anyone arranged respite care through their council? Where did you start?",
                    ["A carer's assessment first: it opened the door to everything else."],
                ),
            ],
        ),
        (
            "asthma",
            "Asthma",
            "public",
            ("J45",),
            "Inhalers, triggers, exercise and seasons with asthma.",
            [
                (
                    "Cold air and running",
                    "Winter runs leave me wheezing. Any tips?",
                    ["A buff over the mouth warms the air a lot.", "> Same here, and a longer warm-up."],
                ),
            ],
        ),
    ],
    "de": [
        (
            "diabetes-typ-2",
            "Diabetes Typ 2",
            "public",
            ("E11",),
            "Ernährung, Bewegung, Medikamente und Alltag mit Diabetes Typ 2.",
            [
                (
                    "Frühstücksideen",
                    "Ich suche Frühstücksideen, die meinen Blutzucker nicht in die Höhe treiben.",
                    ["Vollkornbrot mit Quark und ein paar Nüssen.", "> Quark mit Beeren ist auch mein Favorit."],
                ),
            ],
        ),
        (
            "angst",
            "Angst und Panik",
            "public",
            ("F41",),
            "Ein geschützter Raum, um über Angst und Panikattacken zu sprechen.",
            [
                (
                    "Was hilft euch bei einer Panikattacke?",
                    "Was hilft euch im Moment selbst?",
                    ["Langsam atmen: vier ein, sechs aus.", "Kurz rausgehen und laufen."],
                )
            ],
        ),
        (
            "multiple-sklerose",
            "Multiple Sklerose",
            "public",
            ("G35",),
            "Erfahrungen mit MS teilen: Müdigkeit, Therapie, Alltag.",
            [
                (
                    "Sport trotz Fatigue?",
                    "Wie bleibt ihr in Bewegung, wenn die Fatigue zuschlägt?",
                    ["Kurze Einheiten, dafür fast täglich.", "> Bei mir hilft Wassergymnastik, nicht zu warm."],
                ),
            ],
        ),
        (
            "depression",
            "Depression",
            "public",
            ("F32",),
            "Austausch über Depression: Therapie, Alltag, kleine Schritte.",
            [
                (
                    "Kleine Schritte",
                    "Was war euer erster kleiner Schritt aus dem Tief?",
                    ["Jeden Morgen zehn Minuten an die frische Luft."],
                ),
            ],
        ),
    ],
}
